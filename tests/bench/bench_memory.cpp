// Resident memory (VmRSS) of the clients, idle after connecting and after N
// (100,000) messages received, next to mosquitto_sub on the same messages in
// the same run (issue 11, item 5). Prints a table, writes JSON (key
// "memory"); asserts nothing.
//
// One loopback mosquitto, one room. Receivers, all subscribed before the
// first message: mosquitto_sub on the room's topic, longlink-cli, and the
// desktop client (build/bin/longlink, QT_QPA_PLATFORM=offscreen). The sender
// is a longlink-cli fed N lines of 100-byte text through its stdin at QoS 1;
// its own memory is shown too, after N messages sent.
//
// "After" is read once every receiver has everything and has gone quiet (no
// CPU time used for a second): the desktop client prints nothing, so its
// count comes from its store, read after it has been stopped.
//
//   bench_memory [--messages N] [--out FILE]
#include "benchresults.h"
#include "chatstore.h"
#include "cliprocess.h"
#include "mosquittobroker.h"
#include "processstats.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QDeadlineTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <utility>

using namespace Qt::StringLiterals;
using longlink::test::CliProcess;
using longlink::test::cpuSeconds;
using longlink::test::MosquittoBroker;
using longlink::test::residentBytes;

namespace {

const QString kRoom = u"memory"_s;

void spin(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

// One client process of the run, with what is known about it.
struct Member
{
    Member(QString clientName, QString roleName)
        : client(std::move(clientName)), role(std::move(roleName))
    {
    }

    QString client;
    QString role; // "receiver" or "sender"
    QString missing; // why it did not run; empty: it ran
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QByteArray needle; // in a stdout line: one message (empty: every line is one)
    bool endsWithInput = false; // longlink-cli: the end of stdin ends it
    QByteArray partial;
    bool connected = false; // longlink-cli printed its connected event
    int messages = 0; // received (the sender: its own, echoed), then for the table: sent
    qint64 idle = -1; // VmRSS bytes
    qint64 half = -1; // after the first half of the messages
    qint64 after = -1;

    void countLines()
    {
        partial += process->readAllStandardOutput();
        qsizetype start = 0;
        for (qsizetype end; (end = partial.indexOf('\n', start)) >= 0; start = end + 1) {
            const QByteArrayView line = QByteArrayView(partial).sliced(start, end - start);
            if (needle.isEmpty() || line.contains(needle))
                ++messages;
            else if (line.contains("\"state\":\"connected\""))
                connected = true;
        }
        partial.remove(0, start);
    }
    qint64 pid() const
    {
        return process->state() == QProcess::NotRunning ? -1 : process->processId();
    }
};

QProcessEnvironment environment(bool gui)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LONGLINK_LOG"_s, u"warning"_s);
    if (gui)
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    return environment;
}

// Starts `member` and waits (bounded) until the broker has its connection,
// and for longlink-cli its connected event; then lets its subscriptions
// follow.
bool startMember(Member &m, MosquittoBroker &broker, const QString &program,
        const QStringList &arguments, bool gui = false)
{
    QObject::connect(m.process.get(), &QProcess::readyReadStandardOutput, m.process.get(),
            [&m] { m.countLines(); });
    m.process->setProcessEnvironment(environment(gui));
    m.process->setStandardErrorFile(QProcess::nullDevice());
    const int before = broker.connectionCount();
    m.process->start(program, arguments);
    if (!m.process->waitForStarted(10'000)) {
        m.missing = u"did not start"_s;
        return false;
    }
    const bool cli = program == CliProcess::program();
    const bool up = CliProcess::waitUntil(
            [&] {
                return m.process->state() == QProcess::NotRunning
                        || (broker.connectionCount() > before && (!cli || m.connected));
            },
            20'000);
    spin(300);
    if (!up || m.process->state() == QProcess::NotRunning) {
        m.missing = u"did not connect"_s;
        return false;
    }
    return true;
}

// Waits until none of `members` has used CPU time for `quietMs` (bounded).
void waitUntilQuiet(const QList<Member *> &members, int quietMs, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QList<double> last;
    for (const Member *m : members)
        last.append(cpuSeconds(m->pid()));
    while (!deadline.hasExpired()) {
        spin(quietMs);
        bool quiet = true;
        for (qsizetype i = 0; i < members.size(); ++i) {
            const double now = cpuSeconds(members[i]->pid());
            // A clock tick (10 ms) of timers and keep-alives is idle.
            if (now - last[i] > 0.015)
                quiet = false;
            last[i] = now;
        }
        if (quiet)
            return;
    }
}

void stop(Member &m)
{
    if (m.process->state() == QProcess::NotRunning)
        return;
    if (m.endsWithInput) {
        m.process->closeWriteChannel();
        CliProcess::waitUntil([&] { return m.process->state() == QProcess::NotRunning; }, 15'000);
    }
    if (m.process->state() != QProcess::NotRunning) {
        m.process->terminate();
        if (!m.process->waitForFinished(5000)) {
            m.process->kill();
            m.process->waitForFinished(5000);
        }
    }
}

QString megabytes(qint64 bytes)
{
    return bytes >= 0 ? QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) : u"-"_s;
}

QString ratioText(double value, double reference)
{
    return reference > 0 && value > 0 ? QString::number(value / reference, 'f', 2) : u"-"_s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption messagesOption(
            u"messages"_s, u"Messages sent to the room."_s, u"N"_s, u"100000"_s);
    const QCommandLineOption outOption(
            u"out"_s, u"Merge results into FILE."_s, u"FILE"_s, u"bench-results.json"_s);
    parser.addOptions({ messagesOption, outOption });
    parser.addHelpOption();
    parser.process(app);
    const int count = std::max(1, parser.value(messagesOption).toInt());

    MosquittoBroker broker;
    // Saving after every change measures the disk, not the clients.
    broker.setExtraConfig(u"autosave_on_changes false\nautosave_interval 1800\n"_s);
    if (!broker.start()) {
        std::fprintf(stderr, "cannot start mosquitto: %s\n", qPrintable(broker.errorString()));
        return 1;
    }
    QTemporaryDir dir;
    const QString server = broker.url().toString();
    auto longlinkArguments = [&](const QString &user) {
        return QStringList { u"--server"_s, server, u"--user"_s, user, u"--room"_s, kRoom,
            u"--qos"_s, u"1"_s, u"--data-dir"_s, dir.filePath(user) };
    };

    Member sub { u"mosquitto_sub"_s, u"receiver"_s };
    Member cli { u"longlink-cli"_s, u"receiver"_s };
    Member gui { u"longlink (desktop)"_s, u"receiver"_s };
    Member sender { u"longlink-cli"_s, u"sender"_s };
    cli.needle = sender.needle = "\"event\":\"message\"";
    cli.endsWithInput = sender.endsWithInput = true;
    const QString guiProgram = QStringLiteral(LONGLINK_GUI_PATH);

    startMember(sub, broker, u"mosquitto_sub"_s,
            { u"-h"_s, broker.host(), u"-p"_s, QString::number(broker.port()), u"-q"_s, u"1"_s,
                    u"-t"_s, u"longlink/v1/rooms/"_s + kRoom + u"/from/+"_s });
    startMember(cli, broker, CliProcess::program(), longlinkArguments(u"bob"_s));
    if (guiProgram.isEmpty() || !QFileInfo::exists(guiProgram))
        gui.missing = u"not built (LONGLINK_BUILD_GUI=OFF)"_s;
    else
        startMember(gui, broker, guiProgram, longlinkArguments(u"carol"_s), true);
    startMember(sender, broker, CliProcess::program(), longlinkArguments(u"alice"_s));
    QList<Member *> members { &sub, &cli, &gui, &sender };
    QList<Member *> running;
    for (Member *m : members) {
        if (m->missing.isEmpty())
            running.append(m);
    }

    // Idle: connected, subscribed, nothing sent yet.
    waitUntilQuiet(running, 1000, 10'000);
    for (Member *m : running)
        m->idle = residentBytes(m->pid());

    // In two halves: the second half shows the growth per message once
    // caches are warm, which is what a client running for weeks sees.
    auto sendLines = [&](int from, int to) {
        QByteArray lines;
        lines.reserve(qsizetype(to - from) * 101);
        for (int i = from; i < to; ++i) {
            QByteArray text = "message " + QByteArray::number(i) + ' ';
            text += QByteArray(100 - text.size(), 'x'); // 100-byte texts
            lines += text + '\n';
        }
        sender.process->write(lines);
        // Bounded: at a few thousand messages a second this takes well
        // under a minute; slower than 500 msg/s is a failure to show.
        const int budgetMs = 60'000 + (to - from) * 2;
        CliProcess::waitUntil(
                [&] {
                    for (const Member *m : { &sub, &cli }) {
                        if (m->missing.isEmpty() && m->pid() > 0 && m->messages < to)
                            return false;
                    }
                    return true;
                },
                budgetMs);
        // The desktop client may still be working through its queue.
        waitUntilQuiet(running, 1000, budgetMs);
    };
    if (sender.missing.isEmpty()) {
        sendLines(0, count / 2);
        for (Member *m : running)
            m->half = residentBytes(m->pid());
        sendLines(count / 2, count);
    }
    sender.messages = count;
    for (Member *m : running)
        m->after = residentBytes(m->pid());

    for (Member *m : members)
        stop(*m);
    if (gui.missing.isEmpty()) {
        // Stopped, so its store is settled: what it received is what it kept.
        longlink::ChatStore store;
        gui.messages = store.open(dir.filePath(u"carol/longlink.sqlite"_s))
                ? store.messageCount(kRoom)
                : -1;
    }

    std::printf("\nMemory (VmRSS), idle after connecting and after %d messages of 100-byte text "
                "(QoS 1)\n\n",
            count);
    std::printf("%-20s %-9s %8s %9s %12s %13s %9s %7s %8s\n", "client", "role", "idle MB",
            "after MB", "growth B/msg", "2nd half B/msg", "messages", "idle x", "after x");
    QJsonArray json;
    for (const Member *m : members) {
        if (!m->missing.isEmpty()) {
            std::printf("%-20s %-9s %s\n", qPrintable(m->client), qPrintable(m->role),
                    qPrintable(m->missing));
            continue;
        }
        const bool measured = m->idle >= 0 && m->after >= 0 && m->messages > 0;
        const double growth = measured ? double(m->after - m->idle) / m->messages : 0;
        const bool halves = measured && m->half >= 0;
        const double secondHalf
                = halves ? double(m->after - m->half) / (m->messages - m->messages / 2) : 0;
        const QString idleX = ratioText(double(m->idle), double(sub.idle));
        const QString afterX = ratioText(double(m->after), double(sub.after));
        std::printf("%-20s %-9s %8s %9s %12s %13s %9d %7s %8s\n", qPrintable(m->client),
                qPrintable(m->role), qPrintable(megabytes(m->idle)),
                qPrintable(megabytes(m->after)),
                qPrintable(measured ? QString::number(growth, 'f', 0) : u"-"_s),
                qPrintable(halves ? QString::number(secondHalf, 'f', 0) : u"-"_s), m->messages,
                qPrintable(idleX), qPrintable(afterX));
        json.append(QJsonObject { { u"benchmark"_s, u"memory"_s }, { u"client"_s, m->client },
                { u"role"_s, m->role }, { u"messages"_s, m->messages },
                { u"idleRssBytes"_s, m->idle }, { u"afterRssBytes"_s, m->after },
                { u"growthBytesPerMessage"_s, measured ? QJsonValue(growth) : QJsonValue() },
                { u"secondHalfGrowthBytesPerMessage"_s,
                        halves ? QJsonValue(secondHalf) : QJsonValue() },
                { u"idleRatioToMosquittoSub"_s, idleX.toDouble() },
                { u"afterRatioToMosquittoSub"_s, afterX.toDouble() } });
    }
    std::printf("\ngrowth: (after - idle) / messages; 2nd half: the same over the second half "
                "of the\nmessages, once caches are warm. x: over mosquitto_sub, which receives the "
                "same messages\n(longlink's JSON envelopes) and keeps none. The desktop client's "
                "messages are counted\nin its store; the sender's are the lines written to "
                "its stdin, in two halves\n(it reads at most 5,000 ahead of the server).\n");
    longlink::test::mergeBenchResults(parser.value(outOption), u"memory"_s, json);
    std::printf("\nwritten to %s\n", qPrintable(parser.value(outOption)));
    return 0;
}
