// The fault soak (label `soak`, run by ./dev soak): real longlink-cli
// processes against a real mosquitto while something fails on purpose, again
// and again, in the middle of a stream of QoS 1 messages (~200 per second):
//
//   brokerKillCycles  the broker is killed with SIGKILL and restarted on the
//                     same port and database;
//   clientKillCycles  the sender (row "sender"), then the receiver (row
//                     "receiver"), is killed with SIGKILL and restarted on the
//                     same --data-dir;
//   networkFaults     10% packet loss, then a blackhole longer than the
//                     keep-alive, with nftables on the loopback. It changes the
//                     firewall, so it runs only as root inside a network
//                     namespace of its own (`unshare -n`): CTest runs it as the
//                     entry tst_faultsoak_network; run without a test function,
//                     this program runs the other two.
//
// The bookkeeping is what a user would check. A message counts as stored once
// the sender printed {"event":"queued"} for it (it is then on disk and must
// arrive, whatever happens); lines written to a sender that was killed before
// it reported them do not count. At the end, with every process still alive
// or restarted:
//   lost       = stored, but the receiver neither printed it as a `message`
//                nor has it in its store (the record a restart shows);
//   unshown    = in the receiver's store, not printed: the receiver was killed
//                between its commit and its write to stdout (reported, a
//                known limit of a pipe, not a loss);
//   duplicated = printed by the receiver more than once (same id, or the same
//                line under another id).
// Both must be 0. LONGLINK_SOAK_CYCLES sets the number of faults per scenario
// (10 by default: about 80 s for the two kill scenarios, 20 s for the network
// one).
#include "brokerfixture.h"
#include "cliprocess.h"
#include "mosquittobroker.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QJsonObject>
#include <QtCore/QMap>
#include <QtCore/QProcess>
#include <QtCore/QRandomGenerator>
#include <QtCore/QRegularExpression>
#include <QtCore/QScopeGuard>
#include <QtCore/QSet>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkInterface>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlQuery>
#include <QtTest/QTest>

#include <functional>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;
using longlink::test::CliProcess;
using longlink::test::MosquittoBroker;

namespace {

constexpr int kDefaultCycles = 10;
// About 200 messages a second: two lines every 10 ms.
constexpr int kFeedIntervalMs = 10;
constexpr int kLinesPerTick = 2;
// A fault every 1.5 to 2.5 s (jittered, so the faults land at different
// points of the client's work).
constexpr int kCycleMinMs = 1500;
constexpr int kCycleMaxMs = 2500;
constexpr int kConnectWaitMs = 30'000;
constexpr int kDrainWaitMs = 90'000;
constexpr int kExitWaitMs = 60'000;
// How long the broker must have kept the receiver connected before it is
// killed again: longer than its autosave interval (1 s), so what it queued
// for the receiver while the receiver was away was either delivered or
// saved. A SIGKILL loses the broker's last unsaved second by design; this
// soak is about the clients.
constexpr int kBrokerSettleMs = 1200;
// The network scenario: a short keep-alive so a dead link is found fast.
constexpr int kNetworkKeepAliveS = 2;
constexpr int kLossPercent = 10;
constexpr int kLossStreamMs = 10'000;
const QString kNftTable = u"longlink_soak"_s;

int soakCycles()
{
    bool ok = false;
    const int cycles = qEnvironmentVariableIntValue("LONGLINK_SOAK_CYCLES", &ok);
    return ok && cycles > 0 ? qMin(cycles, 1000) : kDefaultCycles;
}

int jitteredCycleMs()
{
    return kCycleMinMs + int(QRandomGenerator::global()->bounded(kCycleMaxMs - kCycleMinMs));
}

// Runs the event loop (the CLI drivers read their output there) until
// `condition` holds; false when `timeoutMs` ran out first. Looks every 20 ms:
// the conditions below can be costly to evaluate.
bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs)
            return condition();
        QTest::qWait(20);
    }
    return true;
}

QString kindOf(const QJsonObject &event)
{
    return event.value(u"event"_s).toString();
}

// One chat user over its successive processes: every restart runs
// longlink-cli again with the same arguments, so the same --data-dir (its
// store, outbox, client id and so its broker session).
class Participant
{
public:
    struct Run
    {
        std::unique_ptr<CliProcess> cli;
        QStringList written; // lines written to this process's stdin, in order
    };

    Participant(const QString &user, const QString &dataDir, const QStringList &arguments)
        : m_user(user), m_dataDir(dataDir), m_arguments(arguments)
    {
        m_arguments << u"--user"_s << user << u"--data-dir"_s << dataDir;
    }

    const QString &user() const { return m_user; }
    const QString &dataDir() const { return m_dataDir; }
    const std::vector<std::unique_ptr<Run>> &runs() const { return m_runs; }
    CliProcess &current() const { return *m_runs.back()->cli; }

    bool start()
    {
        auto run = std::make_unique<Run>();
        run->cli = std::make_unique<CliProcess>();
        const bool started = run->cli->start(m_arguments);
        m_runs.push_back(std::move(run));
        return started;
    }

    bool isRunning() const
    {
        return !m_runs.empty() && current().process().state() == QProcess::Running;
    }

    void write(const QStringList &lines)
    {
        current().writeLines(lines);
        m_runs.back()->written += lines;
    }

    // SIGKILL: no shutdown path, no flush; whatever was not on disk is gone.
    void kill()
    {
        current().process().kill();
        current().waitForExit(10'000);
    }

    // Ends the current process the normal way (end of input); its exit code.
    int finish()
    {
        current().closeInput();
        return current().waitForExit(kExitWaitMs);
    }

    QList<QJsonObject> events(const QString &kind) const
    {
        QList<QJsonObject> all;
        for (const auto &run : m_runs)
            all += run->cli->events(kind);
        return all;
    }

    int count(const QString &kind) const
    {
        int total = 0;
        for (const auto &run : m_runs)
            total += run->cli->count(kind);
        return total;
    }

    int connectedCount() const
    {
        int total = 0;
        for (const QJsonObject &event : events(u"connection"_s))
            total += event.value(u"state"_s) == u"connected"_s ? 1 : 0;
        return total;
    }

    bool currentRunConnected() const
    {
        for (const QJsonObject &event : current().events(u"connection"_s)) {
            if (event.value(u"state"_s) == u"connected"_s)
                return true;
        }
        return false;
    }

    // The end of everything the processes wrote to stderr (for failures).
    QString stderrTail(qsizetype chars = 3000) const
    {
        QString text;
        for (std::size_t i = 0; i < m_runs.size(); ++i)
            text += u"--- %1, run %2 ---\n"_s.arg(m_user).arg(i + 1)
                    + m_runs[i]->cli->standardError();
        return text.right(chars);
    }

private:
    QString m_user;
    QString m_dataDir;
    QStringList m_arguments;
    std::vector<std::unique_ptr<Run>> m_runs;
};

// Writes a numbered stream of lines to the sender's current process from a
// timer; a process that is not running gets nothing (the next one does).
class Feeder
{
public:
    Feeder(Participant &sender, const QString &stem) : m_sender(sender), m_stem(stem)
    {
        m_timer.setInterval(kFeedIntervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
    }

    void start() { m_timer.start(); }
    void stop() { m_timer.stop(); }

private:
    void tick()
    {
        if (!m_sender.isRunning())
            return;
        QStringList lines;
        for (int i = 0; i < kLinesPerTick; ++i)
            lines.append(u"%1 %2"_s.arg(m_stem).arg(m_next++, 6, 10, QLatin1Char('0')));
        m_sender.write(lines);
    }

    Participant &m_sender;
    QString m_stem;
    QTimer m_timer;
    int m_next = 0;
};

// The counts of one scenario, from what the processes printed.
struct Tally
{
    int sent = 0; // lines written to a running sender process
    int stored = 0; // reported "queued" by the sender
    int notStored = 0; // reported "not-stored" (expected: none)
    int received = 0; // distinct messages the receiver printed
    int unreported = 0; // received, but the run that stored it was killed before saying so
    int lost = 0;
    int unshown = 0;
    int duplicated = 0;
    QStringList lostMessages; // "id text (queued by run n)"
    QStringList duplicatedMessages;
    QStringList mismatches; // the receiver printed another text than the sender stored

    QString summary(const QString &scenario) const
    {
        return scenario
                + u": sent %1, stored %2, received %3, lost %4, duplicated %5 "
                  "(not stored %6, received without a queued report from a killed sender %7, "
                  "in the receiver's store but not printed %8)"_s.arg(sent)
                          .arg(stored)
                          .arg(received)
                          .arg(lost)
                          .arg(duplicated)
                          .arg(notStored)
                          .arg(unreported)
                          .arg(unshown);
    }

    QString details() const
    {
        constexpr int kShown = 20;
        QString text;
        if (!lostMessages.isEmpty())
            text += u"\nlost (first %1): "_s.arg(kShown)
                    + lostMessages.mid(0, kShown).join(u"; "_s);
        if (!duplicatedMessages.isEmpty())
            text += u"\nduplicated (first %1): "_s.arg(kShown)
                    + duplicatedMessages.mid(0, kShown).join(u"; "_s);
        if (!mismatches.isEmpty())
            text += u"\nmismatched (first %1): "_s.arg(kShown)
                    + mismatches.mid(0, kShown).join(u"; "_s);
        return text;
    }
};

// Lines starting with `stem` only, so one test can count its phases apart.
// With `explain`, each lost message also names where the receiver printed
// the lines around it (which run, which message of that run): a loss at the
// end of a killed run is a message acknowledged by that run but never shown.
// Ids of the messages a client's store holds from others (read-only, while
// the client may still run: SQLite's WAL allows it).
QSet<QString> receivedIdsIn(const QString &dataDir)
{
    QSet<QString> ids;
    const QString name = u"faultsoak-%1"_s.arg(QRandomGenerator::global()->generate64());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(dataDir + u"/longlink.sqlite"_s);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(u"SELECT id FROM messages WHERE own = 0"_s)) {
                while (query.next())
                    ids.insert(query.value(0).toString());
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ids;
}

Tally tally(const Participant &sender, const Participant &receiver, const QString &stem,
        bool explain = false)
{
    Tally result;
    // Each run reports its lines in the order it read them: its k-th
    // queued/not-stored event is about the k-th line written to it. (A
    // restarted run re-sends its predecessor's outbox without reporting it
    // again.)
    QHash<QString, QString> lineOf; // id -> line, for every stored message
    QHash<QString, int> runOf;
    QStringList storedIds;
    const auto &runs = sender.runs();
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const Participant::Run &run = *runs[r];
        for (const QString &line : run.written)
            result.sent += line.startsWith(stem) ? 1 : 0;
        qsizetype k = 0;
        for (const QJsonObject &event : run.cli->events()) {
            const QString kind = kindOf(event);
            if (kind != u"queued"_s && kind != u"not-stored"_s)
                continue;
            const QString id = event.value(u"id"_s).toString();
            if (k >= run.written.size()) {
                result.mismatches.append(u"%1 reported by %2 run %3 beyond the %4 lines written"_s
                                                 .arg(id, sender.user())
                                                 .arg(r + 1)
                                                 .arg(run.written.size()));
                continue;
            }
            const QString line = run.written.at(k++);
            if (!line.startsWith(stem))
                continue;
            if (kind == u"not-stored"_s) {
                ++result.notStored;
                continue;
            }
            if (lineOf.contains(id)) {
                result.mismatches.append(u"%1 reported queued twice"_s.arg(id));
                continue;
            }
            ++result.stored;
            lineOf.insert(id, line);
            runOf.insert(id, int(r) + 1);
            storedIds.append(id);
        }
    }

    QHash<QString, int> timesShown; // id -> how often the receiver printed it
    QHash<QString, QString> idOfText;
    QMap<QString, QString> printedWhere; // text -> "bob run r, message k of n"
    const auto &receiverRuns = receiver.runs();
    for (std::size_t r = 0; r < receiverRuns.size(); ++r) {
        const QList<QJsonObject> messages = receiverRuns[r]->cli->events(u"message"_s);
        qsizetype k = 0;
        for (const QJsonObject &event : messages) {
            ++k;
            if (explain)
                printedWhere.insert(event.value(u"text"_s).toString(),
                        u"%1 run %2, message %3 of %4"_s.arg(receiver.user())
                                .arg(r + 1)
                                .arg(k)
                                .arg(messages.size()));
            if (event.value(u"from"_s).toString() != sender.user())
                continue;
            const QString text = event.value(u"text"_s).toString();
            if (!text.startsWith(stem))
                continue;
            const QString id = event.value(u"id"_s).toString();
            const QString where
                    = u"%1 \"%2\" (%3 run %4)"_s.arg(id, text, receiver.user()).arg(r + 1);
            if (++timesShown[id] > 1) {
                ++result.duplicated;
                result.duplicatedMessages.append(where);
                continue;
            }
            if (const QString other = idOfText.value(text); !other.isEmpty()) {
                ++result.duplicated;
                result.duplicatedMessages.append(where + u", the same line as "_s + other);
            }
            idOfText.insert(text, id);
            if (const auto it = lineOf.constFind(id); it == lineOf.cend())
                ++result.unreported;
            else if (it.value() != text)
                result.mismatches.append(where + u" was stored as \""_s + it.value() + u'"');
        }
    }
    result.received = int(timesShown.size());
    QSet<QString> receiverStore;
    for (const QString &id : std::as_const(storedIds)) {
        if (!timesShown.contains(id)) {
            if (receiverStore.isEmpty())
                receiverStore = receivedIdsIn(receiver.dataDir());
            if (receiverStore.contains(id)) {
                ++result.unshown;
                continue;
            }
            ++result.lost;
            const QString line = lineOf.value(id);
            QString around;
            if (explain) {
                const auto after = std::as_const(printedWhere).upperBound(line);
                if (after != printedWhere.cbegin()) {
                    const auto before = std::prev(after);
                    if (before.key().startsWith(stem))
                        around += u"; before it \"%1\": %2"_s.arg(before.key(), before.value());
                }
                if (after != printedWhere.cend() && after.key().startsWith(stem))
                    around += u"; after it \"%1\": %2"_s.arg(after.key(), after.value());
            }
            result.lostMessages.append(u"%1 \"%2\" (queued by %3 run %4%5)"_s.arg(
                    id, line, sender.user(), QString::number(runOf.value(id)), around));
        }
    }
    return result;
}

// Every line the running sender was given is reported, and every stored
// message printed by the receiver.
bool everythingStoredArrived(
        const Participant &sender, const Participant &receiver, const QString &stem)
{
    if (sender.isRunning()) {
        const Participant::Run &run = *sender.runs().back();
        if (run.cli->count(u"queued"_s) + run.cli->count(u"not-stored"_s) < run.written.size())
            return false;
    }
    return tally(sender, receiver, stem).lost == 0;
}

// Runs `nft -f -` with `script`; empty on success, else what went wrong.
QString runNft(const QString &script)
{
    QProcess nft;
    nft.start(u"nft"_s, { u"-f"_s, u"-"_s });
    if (!nft.waitForStarted(10'000))
        return u"cannot run nft: "_s + nft.errorString();
    nft.write(script.toUtf8());
    nft.closeWriteChannel();
    if (!nft.waitForFinished(10'000)) {
        nft.kill();
        nft.waitForFinished(5000);
        return u"nft did not finish within 10 s"_s;
    }
    if (nft.exitStatus() != QProcess::NormalExit || nft.exitCode() != 0)
        return u"nft failed (exit code %1): %2\nscript:\n%3"_s.arg(nft.exitCode())
                .arg(QString::fromLocal8Bit(nft.readAllStandardError()), script);
    return QString();
}

// Replaces this test's nftables table with `rules` (output-hook rules; on the
// loopback every packet passes it once) or, with none, removes it. Atomic:
// one nft transaction.
QString setFirewall(const QStringList &rules)
{
    QString script = u"add table inet %1\ndelete table inet %1\n"_s.arg(kNftTable);
    if (!rules.isEmpty()) {
        script += u"table inet %1 {\n    chain output {\n"
                  "        type filter hook output priority 0; policy accept;\n"_s.arg(kNftTable);
        for (const QString &rule : rules)
            script += u"        "_s + rule + u'\n';
        script += u"    }\n}\n"_s;
    }
    return runNft(script);
}

// Packets the current rules counted: {all to or from the broker, dropped}.
// Every rule has a counter; the dropping ones end in "drop".
std::pair<qint64, qint64> firewallCounts()
{
    QProcess nft;
    nft.start(u"nft"_s, { u"list"_s, u"table"_s, u"inet"_s, kNftTable });
    if (!nft.waitForFinished(10'000))
        return { -1, -1 };
    static const QRegularExpression counter(u"counter packets (\\d+)"_s);
    qint64 seen = 0, dropped = 0;
    for (const QString &line : QString::fromUtf8(nft.readAllStandardOutput()).split(u'\n')) {
        const QRegularExpressionMatch match = counter.match(line);
        if (!match.hasMatch())
            continue;
        (line.trimmed().endsWith(u" drop"_s) ? dropped : seen) += match.captured(1).toLongLong();
    }
    return { seen, dropped };
}

// Why this process must not, or cannot, change the firewall; empty when it
// is in a network namespace of its own (only a loopback interface) and nft
// works there.
QString networkFaultsUnavailable()
{
    const QString how = u"networkFaults needs root, nftables and a private network namespace;"
                        " it is the CTest entry tst_faultsoak_network, run by `./dev soak` as root"
                        " (or by hand: unshare -n sh -c 'ip link set lo up && exec tst_faultsoak"
                        " networkFaults')"_s;
    QStringList others;
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
        if (!interface.flags().testFlag(QNetworkInterface::IsLoopBack))
            others.append(interface.name());
    }
    if (!others.isEmpty())
        return how
                + u". This process sees the interfaces %1, so it is not in a namespace of its own"
                  " and will not touch this machine's firewall."_s.arg(others.join(u", "_s));
    QProcess nft;
    nft.start(u"nft"_s, { u"list"_s, u"ruleset"_s });
    if (!nft.waitForStarted(10'000))
        return how
                + u". `nft` cannot be run (%1): install the nftables package."_s.arg(
                        nft.errorString());
    if (!nft.waitForFinished(10'000) || nft.exitStatus() != QProcess::NormalExit
            || nft.exitCode() != 0)
        return how
                + u". `nft list ruleset` failed: %1"_s.arg(
                        QString::fromLocal8Bit(nft.readAllStandardError().trimmed()));
    return QString();
}

} // namespace

class TestFaultSoak : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { longlink::test::BrokerFixture::useTestPaths(); }
    void init() { QVERIFY2(m_env.start(), qPrintable(m_env.errorString())); }
    void cleanup() { m_env.stop(); }

    void brokerKillCycles();
    void clientKillCycles_data();
    void clientKillCycles();
    void networkFaults();

private:
    QStringList arguments(const QString &room, int keepAliveSeconds = 5) const
    {
        return { u"--server"_s, m_env.broker().url().toString(), u"--room"_s, room,
            u"--connect-timeout"_s, u"5"_s, u"--keep-alive"_s, QString::number(keepAliveSeconds) };
    }

    // Stops the stream, waits until the receiver has every stored message,
    // ends both processes normally, then counts; prints the counts and fails
    // on a lost or duplicated message.
    void finishAndCheck(Participant &sender, Participant &receiver, Feeder &feeder,
            const QString &stem, const QString &scenario, const QElapsedTimer &clock);

    longlink::test::BrokerFixture m_env;
};

void TestFaultSoak::finishAndCheck(Participant &sender, Participant &receiver, Feeder &feeder,
        const QString &stem, const QString &scenario, const QElapsedTimer &clock)
{
    feeder.stop();
    const bool arrived = waitFor(
            [&] { return everythingStoredArrived(sender, receiver, stem); }, kDrainWaitMs);
    if (!arrived)
        qWarning().noquote() << scenario << "- not everything stored arrived within" << kDrainWaitMs
                             << "ms; ending the clients and counting anyway";
    // Normal ends: the sender once its outbox is empty. What either printed
    // until then counts (a late duplicate too).
    const int senderExit = sender.finish();
    const int receiverExit = receiver.finish();
    const Tally counts = tally(sender, receiver, stem, true);
    const int sessionLost = sender.count(u"session-lost"_s) + receiver.count(u"session-lost"_s);
    qInfo().noquote()
            << counts.summary(scenario)
            << u"in %1 s; connections: %2 %3 (%4 runs), %5 %6 (%7 runs); session-lost %8"_s
                       .arg(double(clock.elapsed()) / 1000.0, 0, 'f', 1)
                       .arg(sender.user())
                       .arg(sender.connectedCount())
                       .arg(sender.runs().size())
                       .arg(receiver.user())
                       .arg(receiver.connectedCount())
                       .arg(receiver.runs().size())
                       .arg(sessionLost);
    if (counts.lost > 0 || counts.duplicated > 0 || !counts.mismatches.isEmpty()) {
        qWarning().noquote() << counts.details();
        qWarning().noquote() << sender.stderrTail();
        qWarning().noquote() << receiver.stderrTail();
        // For a post-mortem: both stores (sqlite3 longlink.sqlite), the
        // broker's log and database; the fixture removes its own copies.
        const QString kept = QDir::temp().filePath(
                u"longlink-faultsoak-%1-%2"_s.arg(stem).arg(QCoreApplication::applicationPid()));
        if (QDir().mkpath(kept)
                && QProcess::execute(u"cp"_s,
                           { u"-a"_s, sender.dataDir(), receiver.dataDir(),
                                   m_env.broker().dataDir(), kept })
                        == 0)
            qWarning().noquote() << "the data folders and the broker's are kept in" << kept;
    }
    QVERIFY2(counts.stored > 0, "the sender stored nothing");
    QVERIFY2(counts.lost == 0, qPrintable(counts.summary(scenario) + counts.details()));
    QVERIFY2(counts.duplicated == 0, qPrintable(counts.summary(scenario) + counts.details()));
    QVERIFY2(counts.mismatches.isEmpty(), qPrintable(counts.details()));
    QCOMPARE(counts.notStored, 0);
    QVERIFY2(senderExit == 0,
            qPrintable(u"the sender exited with %1\n"_s.arg(senderExit) + sender.stderrTail()));
    QVERIFY2(receiverExit == 0,
            qPrintable(
                    u"the receiver exited with %1\n"_s.arg(receiverExit) + receiver.stderrTail()));
}

void TestFaultSoak::brokerKillCycles()
{
    const int cycles = soakCycles();
    MosquittoBroker &broker = m_env.broker();
    const QString stem = u"broker-kill"_s;
    Participant alice(u"alice"_s, m_env.dataFor(u"alice"_s), arguments(u"soak"_s));
    Participant bob(u"bob"_s, m_env.dataFor(u"bob"_s), arguments(u"soak"_s));
    QVERIFY(bob.start());
    QVERIFY(alice.start());
    QVERIFY2(bob.current().waitForConnected(kConnectWaitMs), qPrintable(bob.stderrTail()));
    QVERIFY2(alice.current().waitForConnected(kConnectWaitMs), qPrintable(alice.stderrTail()));

    QElapsedTimer clock;
    clock.start();
    Feeder feeder(alice, stem);
    feeder.start();
    for (int cycle = 0; cycle < cycles; ++cycle) {
        // Both back (the first time: both subscribed and saved by the broker),
        // then a while of streaming.
        QElapsedTimer since;
        since.start();
        const int aliceWas = cycle == 0 ? 0 : alice.connectedCount();
        const int bobWas = cycle == 0 ? 0 : bob.connectedCount();
        QVERIFY2(waitFor(
                         [&] {
                             return alice.connectedCount() > aliceWas
                                     && bob.connectedCount() > bobWas;
                         },
                         kConnectWaitMs),
                qPrintable(u"cycle %1: the clients did not reconnect\n"_s.arg(cycle)
                        + alice.stderrTail() + bob.stderrTail()));
        QTest::qWait(qMax(kBrokerSettleMs, jitteredCycleMs() - int(since.elapsed())));
        broker.kill();
        QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    }
    QVERIFY2(waitFor(
                     [&] {
                         return alice.connectedCount() > cycles && bob.connectedCount() > cycles;
                     },
                     kConnectWaitMs),
            "the clients did not reconnect after the last restart");
    finishAndCheck(alice, bob, feeder, stem, u"broker kill -9 x%1"_s.arg(cycles), clock);
}

void TestFaultSoak::clientKillCycles_data()
{
    QTest::addColumn<bool>("killSender");
    QTest::newRow("sender") << true;
    QTest::newRow("receiver") << false;
}

void TestFaultSoak::clientKillCycles()
{
    QFETCH(bool, killSender);
    const int cycles = soakCycles();
    const QString room = killSender ? u"sender-kill"_s : u"receiver-kill"_s;
    const QString stem = room;
    Participant alice(u"alice"_s, m_env.dataFor(u"alice-"_s + room), arguments(room));
    Participant bob(u"bob"_s, m_env.dataFor(u"bob-"_s + room), arguments(room));
    QVERIFY(bob.start());
    QVERIFY(alice.start());
    QVERIFY2(bob.current().waitForConnected(kConnectWaitMs), qPrintable(bob.stderrTail()));
    QVERIFY2(alice.current().waitForConnected(kConnectWaitMs), qPrintable(alice.stderrTail()));

    Participant &victim = killSender ? alice : bob;
    QElapsedTimer clock;
    clock.start();
    Feeder feeder(alice, stem);
    feeder.start();
    for (int cycle = 0; cycle < cycles; ++cycle) {
        QElapsedTimer since;
        since.start();
        QVERIFY2(waitFor([&] { return victim.currentRunConnected(); }, kConnectWaitMs),
                qPrintable(u"cycle %1: %2 did not connect\n"_s.arg(cycle).arg(victim.user())
                        + victim.stderrTail()));
        QTest::qWait(qMax(0, jitteredCycleMs() - int(since.elapsed())));
        victim.kill();
        QVERIFY2(victim.start(), qPrintable(victim.stderrTail()));
    }
    QVERIFY2(waitFor([&] { return victim.currentRunConnected(); }, kConnectWaitMs),
            qPrintable(victim.stderrTail()));
    finishAndCheck(alice, bob, feeder, stem,
            u"%1 kill -9 x%2"_s.arg(killSender ? u"sender"_s : u"receiver"_s).arg(cycles), clock);
}

void TestFaultSoak::networkFaults()
{
    if (const QString why = networkFaultsUnavailable(); !why.isEmpty())
        QFAIL(qPrintable(why));
    const auto removeRules = qScopeGuard([] { setFirewall({}); });
    const quint16 port = m_env.broker().port();
    const QString stem = u"network"_s;
    Participant alice(
            u"alice"_s, m_env.dataFor(u"alice"_s), arguments(u"soak"_s, kNetworkKeepAliveS));
    Participant bob(u"bob"_s, m_env.dataFor(u"bob"_s), arguments(u"soak"_s, kNetworkKeepAliveS));
    QVERIFY(bob.start());
    QVERIFY(alice.start());
    QVERIFY2(bob.current().waitForConnected(kConnectWaitMs), qPrintable(bob.stderrTail()));
    QVERIFY2(alice.current().waitForConnected(kConnectWaitMs), qPrintable(alice.stderrTail()));

    QElapsedTimer clock;
    clock.start();
    Feeder feeder(alice, stem);
    feeder.start();

    // (a) Random loss both ways on the broker's port while streaming.
    const QString lossError = setFirewall({ u"tcp dport %1 counter"_s.arg(port),
            u"tcp sport %1 counter"_s.arg(port),
            u"tcp dport %1 numgen random mod 100 < %2 counter drop"_s.arg(port).arg(kLossPercent),
            u"tcp sport %1 numgen random mod 100 < %2 counter drop"_s.arg(port).arg(
                    kLossPercent) });
    QVERIFY2(lossError.isEmpty(), qPrintable(lossError));
    QTest::qWait(kLossStreamMs);
    const auto [lossSeen, lossDropped] = firewallCounts();
    QVERIFY2(lossDropped > 0,
            qPrintable(u"the loss rules dropped nothing (%1 packets seen)"_s.arg(lossSeen)));
    const QString clearError = setFirewall({});
    QVERIFY2(clearError.isEmpty(), qPrintable(clearError));
    feeder.stop(); // while counting; it goes on for the blackhole
    const int lossReconnects = alice.connectedCount() - 1 + bob.connectedCount() - 1;
    const bool arrived
            = waitFor([&] { return everythingStoredArrived(alice, bob, stem); }, kDrainWaitMs);
    {
        const Tally counts = tally(alice, bob, stem, true);
        const QString scenario
                = u"%1% packet loss for %2 s"_s.arg(kLossPercent).arg(kLossStreamMs / 1000);
        qInfo().noquote() << counts.summary(scenario)
                          << u"(dropped %1 of %2 packets; reconnects during the loss: %3)"_s
                                     .arg(lossDropped)
                                     .arg(lossSeen)
                                     .arg(lossReconnects);
        QVERIFY2(arrived && counts.lost == 0,
                qPrintable(counts.summary(scenario) + counts.details()));
        QVERIFY2(counts.duplicated == 0, qPrintable(counts.summary(scenario) + counts.details()));
    }

    // (b) A blackhole: nothing to or from the broker's port, no RST, no FIN,
    // for longer than the keep-alive. Both clients must find the link dead
    // on their own, and come back once it is lifted.
    feeder.start();
    QTest::qWait(1000);
    const qsizetype aliceBefore = alice.events(u"connection"_s).size();
    const qsizetype bobBefore = bob.events(u"connection"_s).size();
    const auto reportedDead = [](const Participant &who, qsizetype before) {
        for (const QJsonObject &event : who.events(u"connection"_s).mid(before)) {
            if (event.value(u"state"_s) == u"disconnected"_s)
                return true;
        }
        return false;
    };
    const QString blackholeError = setFirewall(
            { u"tcp dport %1 counter drop"_s.arg(port), u"tcp sport %1 counter drop"_s.arg(port) });
    QVERIFY2(blackholeError.isEmpty(), qPrintable(blackholeError));
    QElapsedTimer blackhole;
    blackhole.start();
    const bool bothDead = waitFor(
            [&] { return reportedDead(alice, aliceBefore) && reportedDead(bob, bobBefore); },
            20 * kNetworkKeepAliveS * 1000);
    // Held well past the keep-alive either way.
    QTest::qWait(qMax(0, 3 * kNetworkKeepAliveS * 1000 - int(blackhole.elapsed())));
    const qint64 heldMs = blackhole.elapsed();
    const qint64 blackholeDropped = firewallCounts().second;
    const qsizetype aliceAtLift = alice.events(u"connection"_s).size();
    const qsizetype bobAtLift = bob.events(u"connection"_s).size();
    const QString liftError = setFirewall({});
    QVERIFY2(liftError.isEmpty(), qPrintable(liftError));
    QVERIFY2(bothDead,
            qPrintable(u"with the broker blackholed for %1 ms (keep-alive %2 s) the dead link was"
                       " not reported: alice %3, bob %4\n"_s.arg(heldMs)
                               .arg(kNetworkKeepAliveS)
                               .arg(reportedDead(alice, aliceBefore))
                               .arg(reportedDead(bob, bobBefore))
                    + alice.stderrTail() + bob.stderrTail()));
    const auto cameBack = [](const Participant &who, qsizetype atLift) {
        for (const QJsonObject &event : who.events(u"connection"_s).mid(atLift)) {
            if (event.value(u"state"_s) == u"connected"_s)
                return true;
        }
        return false;
    };
    QElapsedTimer back;
    back.start();
    QVERIFY2(waitFor([&] { return cameBack(alice, aliceAtLift) && cameBack(bob, bobAtLift); },
                     kConnectWaitMs * 2),
            qPrintable(u"the clients did not reconnect after the blackhole\n"_s + alice.stderrTail()
                    + bob.stderrTail()));
    const qint64 backMs = back.elapsed();
    QTest::qWait(jitteredCycleMs()); // and stream a little more
    qInfo().noquote() << u"blackhole held %1 ms (keep-alive %2 s, %3 packets dropped): dead link"
                         " reported by both, both back %4 ms after it was lifted"_s.arg(heldMs)
                                 .arg(kNetworkKeepAliveS)
                                 .arg(blackholeDropped)
                                 .arg(backMs);
    finishAndCheck(alice, bob, feeder, stem,
            u"network: %1% loss for %2 s, then a %3 ms blackhole"_s.arg(kLossPercent)
                    .arg(kLossStreamMs / 1000)
                    .arg(heldMs),
            clock);
}

// Without a test function named, the two scenarios that need nothing special
// run; networkFaults runs when named (tst_faultsoak_network does, inside a
// network namespace).
int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    TestFaultSoak test;
    QStringList arguments = QCoreApplication::arguments();
    const QStringList functions { u"brokerKillCycles"_s, u"clientKillCycles"_s,
        u"networkFaults"_s };
    bool named = false;
    for (const QString &argument : arguments.mid(1)) {
        const QString name = argument.section(u':', 0, 0);
        named |= functions.contains(name) || argument == u"-functions"_s
                || argument == u"-datatags"_s || argument == u"-help"_s || argument == u"--help"_s;
    }
    if (!named)
        arguments << u"brokerKillCycles"_s << u"clientKillCycles"_s;
    // QtTest's per-function watchdog (5 min) must not cut a long soak short.
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", QByteArray::number(120'000 + soakCycles() * 30'000));
    return QTest::qExec(&test, arguments);
}

#include "tst_faultsoak.moc"
