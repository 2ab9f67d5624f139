// Hot swap against a real broker: a plugin file dropped into a watched folder
// takes over the live session (by handover or by reconnecting), every way of
// dropping a file works, broken plugins roll back, a crashing one is
// quarantined on the next start, and old libraries really go away.
#include "brokerfixture.h"
#include "chatparticipant.h"
#include "cliprocess.h"
#include "hotswapcontroller.h"
#include "loadedtransportplugin.h"
#include "mosquittobroker.h"
#include "plugindrop.h"
#include "transporthost.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QProcessEnvironment>
#include <QtCore/QScopeGuard>
#include <QtCore/QSet>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace Qt::StringLiterals;
using longlink::ChatClient;
using longlink::TransportEvent;
using longlink::TransportPluginInfo;
using longlink::test::ChatParticipant;
using longlink::test::CliProcess;
using longlink::test::MosquittoBroker;
using longlink::test::PluginDrop;
using Style = longlink::test::PluginDrop::Style;

Q_DECLARE_METATYPE(longlink::test::PluginDrop::Style)

namespace {
constexpr int kWaitMs = 20'000;
const QString kPluginName = u"liblonglink-tcp.so"_s;

QString sha256(const QByteArray &content)
{
    return QString::fromLatin1(
            QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
}

// Open descriptors, resident memory and mapped plugin copies of this process.
int openFileCount()
{
    return int(QDir(u"/proc/self/fd"_s)
                       .entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot)
                       .size());
}

qint64 residentKb()
{
    const QList<QByteArray> lines = PluginDrop::read(u"/proc/self/status"_s).split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Process ids of longlink-transport-check children of `parent`.
QList<qint64> checkProcessesOf(qint64 parent)
{
    QList<qint64> pids;
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        const QByteArray stat = PluginDrop::read(u"/proc/"_s + entry + u"/stat"_s);
        // pid (comm) state ppid ...: comm may hold spaces, so split after
        // ')'; the kernel cuts the name to 15 bytes.
        const qsizetype close = stat.lastIndexOf(')');
        if (close < 0 || !stat.contains("(longlink-transp"))
            continue;
        const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toLongLong() == parent)
            pids.append(entry.toLongLong());
    }
    return pids;
}

// Until the result is dropped, hosts made from now on load new plugin files
// without the separate-process check: for the swap steps behind it.
std::shared_ptr<void> uncheckedDrops()
{
    qputenv("LONGLINK_TRANSPORT_CHECK", "off");
    return std::shared_ptr<void>(
            nullptr, [](void *) { qputenv("LONGLINK_TRANSPORT_CHECK", LONGLINK_CHECK_PATH); });
}

QSet<QString> mappedPluginCopies()
{
    QSet<QString> paths;
    const QList<QByteArray> lines = PluginDrop::read(u"/proc/self/maps"_s).split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype slash = line.indexOf('/');
        if (slash >= 0 && line.contains("/longlink/plugins-"))
            paths.insert(QString::fromUtf8(line.mid(slash)));
    }
    return paths;
}
} // namespace

class TestHotSwap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void newVersionMovesByHandoverWithoutANewConnection();
    void reconnectPathWhenFormatsDiffer();
    void everyDropStyleSwaps_data();
    void everyDropStyleSwaps();
    void halfWrittenAndEmptyFilesAreNeverLoaded();
    void lowerVersionIsListedAndCanBeChosenByHand();
    void pinToARefusedPluginIsDropped();
    void failureAtEachStepRollsBack_data();
    void failureAtEachStepRollsBack();
    void crashingPluginIsQuarantinedOnNextStart();
    void pluginCrashingAfterItsUnloadIsQuarantined();
    void hangingPluginIsCheckedAsideWhileChatGoesOn();
    void terminationDuringACheckEndsTheCheckToo();
    void unloadingKeepsMemoryFlat();

private:
    void startOn(const QString &fixture);
    void expectExchange(const QString &label, int count);
    QList<TransportEvent> eventsOf(TransportEvent::Step step) const;
    longlink::TransportHost *aliceHost() const { return m_alice->client->transportHost(); }

    longlink::test::BrokerFixture m_env;
    std::unique_ptr<QTemporaryDir> m_drop;
    std::unique_ptr<ChatParticipant> m_alice;
    std::unique_ptr<ChatParticipant> m_bob;
    QList<TransportEvent> m_events;
    int m_exchanged = 0;
};

void TestHotSwap::initTestCase()
{
    longlink::test::BrokerFixture::useTestPaths();
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    QVERIFY2(QFile::exists(PluginDrop::fixture(u"tcpv1"_s)),
            qPrintable(PluginDrop::fixture(u"tcpv1"_s)));
}

void TestHotSwap::init()
{
    QVERIFY2(m_env.start(), qPrintable(m_env.errorString()));
    m_drop = std::make_unique<QTemporaryDir>();
    m_events.clear();
    m_exchanged = 0;
}

void TestHotSwap::cleanup()
{
    m_alice.reset();
    m_bob.reset();
    m_drop.reset();
    m_env.stop();
}

void TestHotSwap::startOn(const QString &fixture)
{
    QVERIFY(QFile::copy(PluginDrop::fixture(fixture), m_drop->filePath(kPluginName)));
    m_alice = std::make_unique<ChatParticipant>(
            u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s));
    m_alice->config().transportFolders = { m_drop->path() };
    m_alice->config().settleMs = 50;
    m_alice->config().probationMs = 600;
    m_alice->config().connectTimeoutMs = 2000;
    m_bob = std::make_unique<ChatParticipant>(
            u"bob"_s, m_env.broker().url(), m_env.dataFor(u"bob"_s));
    QVERIFY(m_alice->open());
    connect(m_alice->client.get(), &ChatClient::transportEvent, this,
            [this](const TransportEvent &event) { m_events.append(event); });
    QVERIFY(m_bob->open());
    QTRY_VERIFY_WITH_TIMEOUT(m_alice->connected() && m_bob->connected(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(aliceHost()->active().has_value(), kWaitMs);
}

// Both directions, numbered per call: every message arrives once, in order.
void TestHotSwap::expectExchange(const QString &label, int count)
{
    const QStringList texts = longlink::test::numberedTexts(label, count);
    const QStringList aliceBefore = m_bob->receivedTextsFrom(u"alice"_s);
    const QStringList bobBefore = m_alice->receivedTextsFrom(u"bob"_s);
    for (const QString &text : texts) {
        m_alice->client->send(u"lobby"_s, text);
        m_bob->client->send(u"lobby"_s, text);
    }
    QTRY_COMPARE_WITH_TIMEOUT(
            m_bob->receivedTextsFrom(u"alice"_s).size(), aliceBefore.size() + count, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(
            m_alice->receivedTextsFrom(u"bob"_s).size(), bobBefore.size() + count, kWaitMs);
    QCOMPARE(m_bob->receivedTextsFrom(u"alice"_s), aliceBefore + texts);
    QCOMPARE(m_alice->receivedTextsFrom(u"bob"_s), bobBefore + texts);
}

QList<TransportEvent> TestHotSwap::eventsOf(TransportEvent::Step step) const
{
    QList<TransportEvent> result;
    for (const TransportEvent &event : m_events) {
        if (event.step == step)
            result.append(event);
    }
    return result;
}

void TestHotSwap::newVersionMovesByHandoverWithoutANewConnection()
{
    startOn(u"tcpv1"_s);
    QCOMPARE(aliceHost()->active()->version.toString(), u"1.0.0"_s);
    expectExchange(u"before"_s, 20);
    const int connections = m_env.broker().connectionCount();
    QSignalSpy swapped(m_alice->client.get(), &ChatClient::transportSwapped);

    QElapsedTimer sinceDrop;
    sinceDrop.start();
    QVERIFY(!PluginDrop::drop(Style::CopyNew, PluginDrop::read(PluginDrop::fixture(u"tcpv2"_s)),
            m_drop->path(), kPluginName)
                     .isEmpty());
    QVERIFY(swapped.wait(kWaitMs));
    // The move's duration runs from the file being noticed to the session
    // on the new plugin: within what the test itself saw, never negative.
    const qint64 swapMs = swapped.first().at(3).toLongLong();
    QVERIFY2(swapMs >= 0 && swapMs <= sinceDrop.elapsed(), qPrintable(QString::number(swapMs)));
    QCOMPARE(swapped.first().at(1).toString(), u"1.0.0"_s);
    QCOMPARE(swapped.first().at(2).toString(), u"2.0.0"_s);
    QCOMPARE(swapped.first().at(4).toInt(), 0); // nothing had to be sent again
    QCOMPARE(m_alice->client->transportVersion(), u"2.0.0"_s);
    expectExchange(u"after"_s, 20);
    // Handover: the broker saw no new connection and no new CONNECT.
    QCOMPARE(m_env.broker().connectionCount(), connections);
    QVERIFY(m_alice->connected());
    // The old library goes once probation is over and its link is gone.
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(TransportEvent::Step::Unloaded).isEmpty(), kWaitMs);
    QCOMPARE(eventsOf(TransportEvent::Step::Unloaded).first().version, u"1.0.0"_s);
    QCOMPARE(eventsOf(TransportEvent::Step::RolledBack).size(), 0);
}

void TestHotSwap::reconnectPathWhenFormatsDiffer()
{
    startOn(u"tcpv1"_s);
    const int connections = m_env.broker().connectionCount();
    QSignalSpy swapped(m_alice->client.get(), &ChatClient::transportSwapped);
    // Messages in flight while the move happens: none lost, none twice.
    const QStringList burst = longlink::test::numberedTexts(u"during"_s, 300);
    for (int i = 0; i < 150; ++i)
        m_alice->client->send(u"lobby"_s, burst[i]);
    QVERIFY(!PluginDrop::drop(Style::CopyNew,
            PluginDrop::read(PluginDrop::fixture(u"tcpv2plain"_s)), m_drop->path(), kPluginName)
                     .isEmpty());
    for (int i = 150; i < 300; ++i) {
        m_alice->client->send(u"lobby"_s, burst[i]);
        QTest::qWait(1);
    }
    QTRY_COMPARE_WITH_TIMEOUT(swapped.size(), 1, kWaitMs);
    QCOMPARE(swapped.first().at(2).toString(), u"2.0.0"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->receivedTextsFrom(u"alice"_s).size(), burst.size(), kWaitMs);
    QCOMPARE(m_bob->receivedTextsFrom(u"alice"_s), burst);
    QCOMPARE(m_env.broker().connectionCount(), connections + 1); // the broker moved the session
    expectExchange(u"after"_s, 10);
    QTRY_COMPARE_WITH_TIMEOUT(m_alice->client->store()->outboxSize(), 0, kWaitMs);
}

void TestHotSwap::everyDropStyleSwaps_data()
{
    QTest::addColumn<Style>("style");
    for (Style style : PluginDrop::allStyles())
        QTest::newRow(qPrintable(PluginDrop::styleName(style))) << style;
}

void TestHotSwap::everyDropStyleSwaps()
{
    QFETCH(Style, style);
    startOn(u"tcpv1"_s);
    QSignalSpy swapped(m_alice->client.get(), &ChatClient::transportSwapped);
    const int loadsBefore = int(eventsOf(TransportEvent::Step::Loading).size());
    // A rebuild: the same version, new content.
    const QByteArray content = PluginDrop::rebuilt(
            PluginDrop::fixture(u"tcpv1"_s), "rebuild " + PluginDrop::styleName(style).toUtf8());
    QVERIFY(!PluginDrop::drop(style, content, m_drop->path(), kPluginName).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(swapped.size(), 1, kWaitMs);
    QCOMPARE(aliceHost()->active()->hash, sha256(content));
    // Only the finished file was loaded: one load for the swap, none for
    // anything half-written on the way.
    QCOMPARE(int(eventsOf(TransportEvent::Step::Loading).size()), loadsBefore + 1);
    expectExchange(u"after"_s, 10);
}

void TestHotSwap::halfWrittenAndEmptyFilesAreNeverLoaded()
{
    startOn(u"tcpv1"_s);
    QSignalSpy swapped(m_alice->client.get(), &ChatClient::transportSwapped);
    const int loadsBefore = int(eventsOf(TransportEvent::Step::Loading).size());
    const QByteArray v2 = PluginDrop::read(PluginDrop::fixture(u"tcpv2"_s));
    QFile empty(m_drop->filePath(u"liblonglink-empty.so"_s));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    QFile half(m_drop->filePath(u"liblonglink-new.so"_s));
    QVERIFY(half.open(QIODevice::WriteOnly));
    half.write(v2.left(v2.size() * 6 / 10));
    half.flush();
    QTest::qWait(600); // many settle windows: both files are stable, and broken
    QCOMPARE(swapped.size(), 0);
    QCOMPARE(int(eventsOf(TransportEvent::Step::Loading).size()), loadsBefore);
    expectExchange(u"still on v1"_s, 5);

    half.write(v2.mid(half.size()));
    half.close();
    QTRY_COMPARE_WITH_TIMEOUT(swapped.size(), 1, kWaitMs);
    QCOMPARE(aliceHost()->active()->version.toString(), u"2.0.0"_s);
    QCOMPARE(int(eventsOf(TransportEvent::Step::Loading).size()), loadsBefore + 1);
}

void TestHotSwap::lowerVersionIsListedAndCanBeChosenByHand()
{
    startOn(u"tcpv2"_s);
    QSignalSpy swapped(m_alice->client.get(), &ChatClient::transportSwapped);
    QVERIFY(!PluginDrop::drop(Style::CopyNew, PluginDrop::read(PluginDrop::fixture(u"tcpv1"_s)),
            m_drop->path(), kPluginName)
                     .isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(aliceHost()->plugins().size(), 2, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!aliceHost()->isChecking(u"mqtt"_s), kWaitMs);
    QTest::qWait(300);
    QCOMPARE(swapped.size(), 0); // a lower version does not take over by itself
    QVERIFY(m_alice->client->useTransport(u"tcp"_s, u"1.0.0"_s));
    QTRY_COMPARE_WITH_TIMEOUT(swapped.size(), 1, kWaitMs);
    QCOMPARE(aliceHost()->active()->version.toString(), u"1.0.0"_s);
    expectExchange(u"on v1 by choice"_s, 5);
    // The choice is remembered by the next run.
    m_alice->close();
    m_alice->open();
    QTRY_VERIFY_WITH_TIMEOUT(m_alice->connected(), kWaitMs);
    QCOMPARE(m_alice->client->transportHost()->active()->version.toString(), u"1.0.0"_s);
    QCOMPARE(m_alice->client->pinnedTransport(), u"tcp@1.0.0"_s);

    // A newer plugin does not take over a choice made by hand, and says why.
    connect(m_alice->client.get(), &ChatClient::transportEvent, this,
            [this](const TransportEvent &event) { m_events.append(event); });
    QSignalSpy swappedAgain(m_alice->client.get(), &ChatClient::transportSwapped);
    QVERIFY(!PluginDrop::drop(Style::CopyNew, PluginDrop::read(PluginDrop::fixture(u"tcpv3"_s)),
            m_drop->path(), u"liblonglink-tcp-3.so"_s)
                     .isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(TransportEvent::Step::Ignored).isEmpty(), kWaitMs);
    QVERIFY2(eventsOf(TransportEvent::Step::Ignored).last().reason.contains(u"chosen by hand"_s),
            qPrintable(eventsOf(TransportEvent::Step::Ignored).last().reason));
    QCOMPARE(swappedAgain.size(), 0);
    // "Newest automatically" forgets the choice: 3.0.0 takes over.
    QSignalSpy pins(m_alice->client.get(), &ChatClient::transportPinChanged);
    m_alice->client->useNewestTransport();
    QCOMPARE(pins.size(), 1);
    QCOMPARE(pins.first().first().toString(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(swappedAgain.size(), 1, kWaitMs);
    QCOMPARE(m_alice->client->transportVersion(), u"3.0.0"_s);
    QCOMPARE(m_alice->client->store()->value(u"transport.pin.mqtt"_s), QString());
}

void TestHotSwap::pinToARefusedPluginIsDropped()
{
    // Alice pins the plugin she just moved to; it fails on probation. The
    // pin must not hold her on a refused plugin, nor stop later swaps.
    const auto checkAgain = uncheckedDrops();
    startOn(u"tcpv1"_s);
    QSignalSpy swapped(m_alice->client.get(), &ChatClient::transportSwapped);
    QSignalSpy pins(m_alice->client.get(), &ChatClient::transportPinChanged);
    QVERIFY(!PluginDrop::drop(Style::CopyNew, PluginDrop::read(PluginDrop::fixture(u"probation"_s)),
            m_drop->path(), kPluginName)
                     .isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(swapped.size(), 1, kWaitMs);
    QVERIFY(m_alice->client->useTransport(u"tcp"_s, u"9.0.0"_s));
    QCOMPARE(m_alice->client->pinnedTransport(), u"tcp@9.0.0"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(TransportEvent::Step::RolledBack).isEmpty(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_alice->client->pinnedTransport(), QString(), kWaitMs);
    QCOMPARE(pins.last().first().toString(), QString());
    QCOMPARE(m_alice->client->store()->value(u"transport.pin.mqtt"_s), QString());
    // And a refused plugin cannot be chosen by hand at all.
    QVERIFY(!m_alice->client->useTransport(u"tcp"_s, u"9.0.0"_s));
    QVERIFY(!m_alice->client->errorString().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_alice->connected(), kWaitMs);
    QCOMPARE(m_alice->client->transportVersion(), u"1.0.0"_s);
}

void TestHotSwap::failureAtEachStepRollsBack_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("reasonPart");
    // Whether the separate-process check runs first. It catches the first
    // two before any swap. The others model plugins that would pass it (they
    // work against its local peer) and fail only against the real server:
    // without the check, the swap itself fails and rolls back.
    QTest::addColumn<bool>("checked");
    QTest::newRow("load: unresolved symbol") << u"unresolved"_s << u"undefined symbol"_s << true;
    QTest::newRow("create: no transport") << u"nocreate"_s << u"no transport"_s << true;
    QTest::newRow("open: refuses") << u"refuses"_s << u"refuses"_s << false;
    QTest::newRow("open: never answers") << u"silent"_s << u"within"_s << false;
    QTest::newRow("errors on probation") << u"probation"_s << u"probation"_s << false;
}

void TestHotSwap::failureAtEachStepRollsBack()
{
    QFETCH(QString, fixture);
    QFETCH(QString, reasonPart);
    QFETCH(bool, checked);
    const auto checkAgain = checked ? std::shared_ptr<void>() : uncheckedDrops();
    startOn(u"tcpv1"_s);
    const QString v1 = aliceHost()->active()->hash;
    QSignalSpy carriers(m_alice->client.get(), &ChatClient::transportChanged);
    const QByteArray bad = PluginDrop::read(PluginDrop::fixture(fixture));
    const QString dropped = PluginDrop::drop(Style::CopyNew, bad, m_drop->path(), kPluginName);
    QVERIFY(!dropped.isEmpty());
    // Messages keep flowing while it goes wrong.
    for (const QString &text : longlink::test::numberedTexts(u"during"_s, 50)) {
        m_alice->client->send(u"lobby"_s, text);
        QTest::qWait(5);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(TransportEvent::Step::Rejected).isEmpty(), kWaitMs);
    const TransportEvent rejected = eventsOf(TransportEvent::Step::Rejected).last();
    QVERIFY2(rejected.reason.contains(reasonPart), qPrintable(rejected.reason));
    // The old transport keeps or regains the session.
    QTRY_VERIFY_WITH_TIMEOUT(m_alice->connected() && aliceHost()->active()->hash == v1, kWaitMs);
    // And what the client reports as carrying the session says so too.
    QCOMPARE(m_alice->client->transportVersion(), u"1.0.0"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->receivedTextsFrom(u"alice"_s).size(), 50, kWaitMs);
    QCOMPARE(m_bob->receivedTextsFrom(u"alice"_s), longlink::test::numberedTexts(u"during"_s, 50));
    expectExchange(u"after"_s, 10);
    // Whoever shows the carrier (status bar, panel) was told the last word:
    // back on 1.0.0 if the bad one had taken over.
    if (!carriers.isEmpty())
        QCOMPARE(carriers.last().at(1).toString(), u"1.0.0"_s);
    bool listed = false;
    for (const TransportPluginInfo &info : aliceHost()->plugins()) {
        if (info.file == dropped) {
            listed = true;
            QCOMPARE(info.state, TransportPluginInfo::State::Rejected);
            QVERIFY(info.reason.contains(reasonPart));
        }
    }
    QVERIFY(listed);
    // Not tried again until its content changes: the same bytes under
    // another name are not loaded.
    const int loads = int(eventsOf(TransportEvent::Step::Loading).size());
    QVERIFY(!PluginDrop::drop(Style::CopyNew, bad, m_drop->path(), kPluginName).isEmpty());
    QTest::qWait(400);
    QCOMPARE(int(eventsOf(TransportEvent::Step::Loading).size()), loads);
    QVERIFY(m_alice->connected());
}

void TestHotSwap::crashingPluginIsQuarantinedOnNextStart()
{
    QVERIFY(QFile::copy(PluginDrop::fixture(u"tcpv1"_s), m_drop->filePath(kPluginName)));
    const QStringList arguments { u"--server"_s, m_env.broker().url().toString(), u"--user"_s,
        u"alice"_s, u"--room"_s, u"lobby"_s, u"--data-dir"_s, m_env.dataFor(u"alice"_s),
        u"--transports"_s, m_drop->path(), u"--settle-ms"_s, u"50"_s, u"--probation-ms"_s,
        u"600"_s };
    {
        CliProcess cli;
        // The in-process defence, behind the separate-process check that
        // would otherwise catch this plugin first (tst_transporthost).
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"LONGLINK_TRANSPORT_CHECK"_s, u"off"_s);
        cli.process().setProcessEnvironment(environment);
        QVERIFY(cli.start(arguments));
        QVERIFY(cli.waitForConnected());
        QVERIFY(cli.waitForEvent(
                [](const QJsonObject &e) { return e.value(u"state"_s) == u"active"_s; }));
        QTest::qWait(800); // v1 passes its probation
        QVERIFY(!PluginDrop::drop(Style::CopyNew, PluginDrop::read(PluginDrop::fixture(u"crash"_s)),
                m_drop->path(), kPluginName)
                         .isEmpty());
        QCOMPARE(cli.waitForExit(kWaitMs), -2); // it took the process down
    }
    CliProcess again;
    QVERIFY(again.start(arguments));
    QVERIFY(again.waitForConnected());
    bool quarantined = false;
    for (const QJsonObject &event : again.events(u"transport"_s)) {
        quarantined |= event.value(u"state"_s) == u"rejected"_s
                && event.value(u"version"_s) == u"9.0.0"_s
                && event.value(u"reason"_s).toString().contains(u"probation"_s);
    }
    QVERIFY2(quarantined, "the crashing plugin is skipped with its reason");
    const QList<QJsonObject> connections = again.events(u"connection"_s);
    QCOMPARE(connections.last().value(u"version"_s).toString(), u"1.0.0"_s);
    again.writeLine(u"back on the last good one"_s);
    QVERIFY(again.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"sent"_s; }, kWaitMs));
    again.closeInput();
    QCOMPARE(again.waitForExit(kWaitMs), 0);
}

void TestHotSwap::pluginCrashingAfterItsUnloadIsQuarantined()
{
    // 2.5.0 works and passes its probation, but leaves a timer into its own
    // code behind; it fires 3 s after its transport is gone, by which time
    // 3.0.0 has replaced it and its library is unloaded. The crash must
    // still be blamed on 2.5.0.
    QVERIFY(QFile::copy(PluginDrop::fixture(u"tcpv1"_s), m_drop->filePath(kPluginName)));
    const QStringList arguments { u"--server"_s, m_env.broker().url().toString(), u"--user"_s,
        u"alice"_s, u"--room"_s, u"lobby"_s, u"--data-dir"_s, m_env.dataFor(u"alice"_s),
        u"--transports"_s, m_drop->path(), u"--settle-ms"_s, u"50"_s, u"--probation-ms"_s,
        u"600"_s };
    auto swappedTo = [](const QString &version) {
        return [version](const QJsonObject &e) {
            return e.value(u"event"_s) == u"swap"_s && e.value(u"to"_s) == version;
        };
    };
    {
        CliProcess cli;
        // Under AddressSanitizer a SEGV is reported and turned into exit
        // code 1; let it stay the crash it is.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"ASAN_OPTIONS"_s,
                environment.value(u"ASAN_OPTIONS"_s) + u":handle_segv=0:handle_sigbus=0"_s);
        // The in-process defence, behind the separate-process check that
        // would otherwise catch this plugin first (tst_transporthost).
        environment.insert(u"LONGLINK_TRANSPORT_CHECK"_s, u"off"_s);
        cli.process().setProcessEnvironment(environment);
        QVERIFY(cli.start(arguments));
        QVERIFY(cli.waitForConnected());
        QTest::qWait(800); // v1 passes its probation
        QVERIFY(!PluginDrop::drop(Style::CopyNew,
                PluginDrop::read(PluginDrop::fixture(u"latetimer"_s)), m_drop->path(), kPluginName)
                         .isEmpty());
        QVERIFY(cli.waitForEvent(swappedTo(u"2.5.0"_s), kWaitMs));
        QTest::qWait(800); // 2.5.0 passes its probation too
        QVERIFY(!PluginDrop::drop(Style::CopyNew, PluginDrop::read(PluginDrop::fixture(u"tcpv3"_s)),
                m_drop->path(), kPluginName)
                         .isEmpty());
        QVERIFY(cli.waitForEvent(swappedTo(u"3.0.0"_s), kWaitMs));
        QVERIFY(cli.waitForEvent(
                [](const QJsonObject &e) {
                    return e.value(u"state"_s) == u"unloaded"_s
                            && e.value(u"version"_s) == u"2.5.0"_s;
                },
                kWaitMs));
        QCOMPARE(cli.waitForExit(kWaitMs), -2); // its timer took the process down
    }
    CliProcess again;
    QVERIFY(again.start(arguments));
    QVERIFY(again.waitForConnected());
    bool quarantined = false;
    for (const QJsonObject &event : again.events(u"transport"_s)) {
        quarantined |= event.value(u"state"_s) == u"rejected"_s
                && event.value(u"version"_s) == u"2.5.0"_s
                && event.value(u"reason"_s).toString().contains(u"unloaded"_s);
    }
    QVERIFY2(quarantined, "the plugin whose leftover code crashed is skipped with its reason");
    QCOMPARE(again.events(u"connection"_s).last().value(u"version"_s).toString(), u"3.0.0"_s);
    again.closeInput();
    QCOMPARE(again.waitForExit(kWaitMs), 0);
}

void TestHotSwap::hangingPluginIsCheckedAsideWhileChatGoesOn()
{
    // A plugin whose loading never returns would freeze the app if it were
    // loaded here. It is tried in a child process: the chat goes on while
    // that hangs, the check ends at its time limit, and the plugin is
    // refused with the reason, never loaded.
    QVERIFY(QFile::copy(PluginDrop::fixture(u"tcpv1"_s), m_drop->filePath(kPluginName)));
    CliProcess alice;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LONGLINK_TRANSPORT_CHECK_MS"_s, u"4000"_s);
    alice.process().setProcessEnvironment(environment);
    QVERIFY(alice.start({ u"--server"_s, m_env.broker().url().toString(), u"--user"_s, u"alice"_s,
            u"--room"_s, u"lobby"_s, u"--data-dir"_s, m_env.dataFor(u"alice"_s), u"--transports"_s,
            m_drop->path(), u"--settle-ms"_s, u"50"_s }));
    QVERIFY(alice.waitForConnected(kWaitMs));
    m_bob = std::make_unique<ChatParticipant>(
            u"bob"_s, m_env.broker().url(), m_env.dataFor(u"bob"_s));
    QVERIFY(m_bob->open());
    QTRY_VERIFY_WITH_TIMEOUT(m_bob->connected(), kWaitMs);

    auto ofHang = [](const QString &state) {
        return [state](const QJsonObject &e) {
            return e.value(u"event"_s) == u"transport"_s && e.value(u"state"_s) == state
                    && e.value(u"version"_s) == u"9.0.0"_s;
        };
    };
    QVERIFY(!PluginDrop::drop(Style::CopyNew, PluginDrop::read(PluginDrop::fixture(u"hang"_s)),
            m_drop->path(), kPluginName)
                     .isEmpty());
    QVERIFY(alice.waitForEvent(ofHang(u"checking"_s), kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(checkProcessesOf(alice.process().processId()).size(), 1, kWaitMs);
    // Both ways while the check hangs.
    const QStringList texts = longlink::test::numberedTexts(u"during the check"_s, 20);
    for (const QString &text : texts) {
        alice.writeLine(text);
        m_bob->client->send(u"lobby"_s, text);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->receivedTextsFrom(u"alice"_s), texts, kWaitMs);
    QVERIFY(CliProcess::waitUntil(
            [&] { return alice.events(u"message"_s).size() >= texts.size(); }, kWaitMs));
    QVERIFY2(!alice.events(u"transport"_s).isEmpty()
                    && !std::any_of(
                            alice.events().cbegin(), alice.events().cend(), ofHang(u"rejected"_s)),
            "the messages went through before the check ended");

    QVERIFY(alice.waitForEvent(ofHang(u"rejected"_s), kWaitMs));
    QJsonObject rejected;
    for (const QJsonObject &event : alice.events(u"transport"_s)) {
        if (ofHang(u"rejected"_s)(event))
            rejected = event;
    }
    QVERIFY2(rejected.value(u"reason"_s).toString().contains(u"did not finish within 4 s"_s),
            qPrintable(rejected.value(u"reason"_s).toString()));
    QVERIFY(!std::any_of(alice.events().cbegin(), alice.events().cend(), ofHang(u"loading"_s)));
    QCOMPARE(checkProcessesOf(alice.process().processId()).size(), 0);
    alice.writeLine(u"after the check"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
            m_bob->receivedTextsFrom(u"alice"_s).contains(u"after the check"_s), kWaitMs);
    QCOMPARE(alice.events(u"connection"_s).last().value(u"version"_s).toString(), u"1.0.0"_s);
    alice.closeInput();
    QCOMPARE(alice.waitForExit(kWaitMs), 0);
}

void TestHotSwap::terminationDuringACheckEndsTheCheckToo()
{
    QVERIFY(QFile::copy(PluginDrop::fixture(u"tcpv1"_s), m_drop->filePath(kPluginName)));
    CliProcess alice;
    QVERIFY(alice.start({ u"--server"_s, m_env.broker().url().toString(), u"--user"_s, u"alice"_s,
            u"--room"_s, u"lobby"_s, u"--data-dir"_s, m_env.dataFor(u"alice"_s), u"--transports"_s,
            m_drop->path(), u"--settle-ms"_s, u"50"_s }));
    QVERIFY(alice.waitForConnected(kWaitMs));
    QVERIFY(!PluginDrop::drop(Style::CopyNew, PluginDrop::read(PluginDrop::fixture(u"hang"_s)),
            m_drop->path(), kPluginName)
                     .isEmpty());
    QVERIFY(alice.waitForEvent(
            [](const QJsonObject &e) {
                return e.value(u"state"_s) == u"checking"_s && e.value(u"version"_s) == u"9.0.0"_s;
            },
            kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(checkProcessesOf(alice.process().processId()).size(), 1, kWaitMs);
    const QList<qint64> checks = checkProcessesOf(alice.process().processId());
    QElapsedTimer clock;
    clock.start();
    alice.process().terminate();
    QCOMPARE(alice.waitForExit(kWaitMs), 128 + 15);
    qInfo() << "SIGTERM during a hanging check: exited after" << clock.elapsed() << "ms";
    // The hanging check went with it, not left behind.
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(u"/proc/%1"_s.arg(checks.first())), 5000);
}

void TestHotSwap::unloadingKeepsMemoryFlat()
{
    const int swaps = qEnvironmentVariableIntValue("LONGLINK_SWAPS") > 0
            ? qEnvironmentVariableIntValue("LONGLINK_SWAPS")
            : 60;
    // What is measured here is unloading in this process; each rebuild's
    // check in a child process would only make the run longer.
    qputenv("LONGLINK_TRANSPORT_CHECK", "off");
    const auto checkAgain
            = qScopeGuard([] { qputenv("LONGLINK_TRANSPORT_CHECK", LONGLINK_CHECK_PATH); });
    startOn(u"tcpv1"_s);
    m_bob->close(); // only alice's process matters here
    QSignalSpy swapped(m_alice->client.get(), &ChatClient::transportSwapped);
    const QString v1 = PluginDrop::fixture(u"tcpv1"_s);
    int files = 0;
    qint64 rss = 0;
    for (int i = 1; i <= swaps; ++i) {
        const QByteArray content = PluginDrop::rebuilt(v1, "rebuild " + QByteArray::number(i));
        QVERIFY(!PluginDrop::drop(Style::RenameOver, content, m_drop->path(), kPluginName)
                         .isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(int(swapped.size()), i, kWaitMs);
        if (i == 1) {
            QTRY_VERIFY_WITH_TIMEOUT(longlink::LoadedTransportPlugin::liveCount() <= 2, kWaitMs);
            files = openFileCount();
            rss = residentKb();
        }
    }
    QVERIFY(m_alice->connected());
    // Loaded: the active plugin, plus at most the one it replaced while
    // that is still on probation.
    QVERIFY(longlink::LoadedTransportPlugin::liveCount() <= 2);
    const QSet<QString> mapped = mappedPluginCopies();
    QVERIFY2(mapped.size() <= 2, qPrintable(QStringList(mapped.values()).join(u", "_s)));
    QTRY_COMPARE_WITH_TIMEOUT(openFileCount(), files, kWaitMs);
    const qint64 grownKb = residentKb() - rss;
    qInfo() << swaps << "swaps: resident memory grew by" << grownKb << "KiB," << mapped.size()
            << "plugin copies mapped," << openFileCount() << "open files";
#if !defined(__SANITIZE_ADDRESS__)
    // Not under AddressSanitizer: its quarantine keeps freed memory on
    // purpose, so resident memory says nothing about unloading there. The
    // mapped copies and open files above still do.
    QVERIFY2(grownKb < 6 * 1024, qPrintable(u"grew by %1 KiB"_s.arg(grownKb)));
#endif
    const QString id = m_alice->client->send(u"lobby"_s, u"still fine"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_alice->sent.contains(id), kWaitMs);
}

QTEST_GUILESS_MAIN(TestHotSwap)
#include "tst_hotswap.moc"
