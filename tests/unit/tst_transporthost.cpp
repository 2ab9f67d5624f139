// The transport host's checks and choice, with fixture plugins built by
// tests/plugins and broken files made here. No plugin code runs before the
// checks pass; a bad file is a clear rejection, never a crash.
#include "loadedtransportplugin.h"
#include "pluginverdictstore.h"
#include "transporthost.h"
#include "transportlink.h"

#include <QtCore/QEventLoop>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QRandomGenerator>
#include <QtCore/QScopeGuard>
#include <QtCore/QSet>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using longlink::TransportHost;
using longlink::TransportLink;
using longlink::TransportPluginInfo;
using Problem = longlink::TransportPluginInfo::Problem;
using State = longlink::TransportPluginInfo::State;

Q_DECLARE_METATYPE(longlink::TransportPluginInfo::Problem)

namespace {
QString fixtureDir(const QString &name)
{
    return QStringLiteral(LONGLINK_TEST_PLUGINS) + u'/' + name;
}

QString fixtureFile(const QString &name)
{
    return fixtureDir(name) + u"/liblonglink-fixture-"_s + name + u".so"_s;
}

// Only the fixture folders: hide the build's real transports folder.
TransportHost *hostWith(const QStringList &folders, QObject *parent)
{
    auto *host = new TransportHost(parent);
    host->setExtraFolders(folders);
    host->rescan();
    return host;
}

// A host that checks new plugin files in longlink-transport-check first.
TransportHost *checkingHostWith(const QStringList &folders, QObject *parent)
{
    auto *host = new TransportHost(parent);
    host->setCheckProgram(QStringLiteral(LONGLINK_CHECK_PATH));
    host->setExtraFolders(folders);
    return host;
}

// Remembers verdicts like the store does, in memory.
class MemoryVerdicts final : public longlink::PluginVerdictStore
{
public:
    QList<longlink::PluginVerdict> verdicts() override { return m_verdicts; }
    void saveVerdict(const longlink::PluginVerdict &verdict) override
    {
        m_verdicts.append(verdict);
    }
    bool isProven(const QString &) override { return false; }
    void markProven(const QString &) override { }
    bool isChecked(const QString &hash) override { return m_checked.contains(hash); }
    void markChecked(const QString &hash) override { m_checked.insert(hash); }

    QList<longlink::PluginVerdict> m_verdicts;
    QSet<QString> m_checked;
};

// Processes of longlink-transport-check running now whose arguments name `part`.
int checksRunningOn(const QString &part)
{
    int count = 0;
    const QStringList pids = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        QFile cmdline(u"/proc/"_s + pid + u"/cmdline"_s);
        if (!cmdline.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = cmdline.readAll();
        count += text.contains("longlink-transport-check") && text.contains(part.toUtf8()) ? 1 : 0;
    }
    return count;
}

// The host's Warning events, as the CLI prints and the transports panel lists them.
QList<longlink::TransportEvent> warningsIn(const QSignalSpy &events)
{
    QList<longlink::TransportEvent> warnings;
    for (const QList<QVariant> &arguments : events) {
        const auto event = arguments.first().value<longlink::TransportEvent>();
        if (event.step == longlink::TransportEvent::Step::Warning)
            warnings.append(event);
    }
    return warnings;
}

QList<TransportPluginInfo> pluginsIn(const TransportHost &host, const QString &folder)
{
    QList<TransportPluginInfo> result;
    for (const TransportPluginInfo &info : host.plugins()) {
        if (info.file.startsWith(folder))
            result.append(info);
    }
    return result;
}
} // namespace

class TestTransportHost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void goodPluginIsFoundAndLoaded();
    void aPluginsOwnTranslationsAreUsed();
    void highestVersionIsChosen();
    void badMetadataIsRejected_data();
    void badMetadataIsRejected();
    void brokenFilesAreRejected_data();
    void brokenFilesAreRejected();
    void permissionsAreChecked();
    void missingSchemeGivesAClearError();
    void unloadingInANestedLoopLeavesOtherObjectsAlone();
    void pluginForAnotherSchemeIsReportedIgnored();
    void chmodMakesARefusedFileACandidateAgain_data();
    void chmodMakesARefusedFileACandidateAgain();
    void renamedInPluginIsTakenUpWithoutSettling();
    void newPluginIsCheckedBeforeItCanBeChosen();
    void failedCheckRejectsWithTheReason_data();
    void failedCheckRejectsWithTheReason();
    void passedCheckIsRemembered();
    void installedPluginsAreNotChecked();
    void missingCheckerRefusesForThisRunOnly();
    void removedFileEndsItsCheck();
    void replacedFolderIsNoticed();
    void eventFromInsideACallIsDeferredAndWarned();
    void missingClosedIsWarnedAndTreatedAsClosed();
};

void TestTransportHost::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // The host's own checks first; the separate-process check has tests of
    // its own below, which name the program.
    qputenv("LONGLINK_TRANSPORT_CHECK", "off");
#if defined(__SANITIZE_ADDRESS__)
    // Under AddressSanitizer a plugin's SEGV in its check would become exit
    // code 1 with a report: let it stay the crash it is.
    qputenv("ASAN_OPTIONS", qgetenv("ASAN_OPTIONS") + ":handle_segv=0:handle_sigbus=0");
#endif
    QVERIFY2(QFile::exists(fixtureFile(u"good"_s)), qPrintable(fixtureFile(u"good"_s)));
    QVERIFY2(QFile::exists(QStringLiteral(LONGLINK_CHECK_PATH)), LONGLINK_CHECK_PATH);
}

void TestTransportHost::goodPluginIsFoundAndLoaded()
{
    QObject owner;
    TransportHost *host = hostWith({ fixtureDir(u"good"_s) }, &owner);
    const QList<TransportPluginInfo> found = pluginsIn(*host, fixtureDir(u"good"_s));
    QCOMPARE(found.size(), 1);
    const TransportPluginInfo &info = found.first();
    QCOMPARE(info.state, State::Available);
    QCOMPARE(info.name, u"fixture"_s);
    QCOMPARE(info.version.toString(), u"1.0.0"_s);
    QCOMPARE(info.schemes, QStringList { u"test"_s });
    QCOMPARE(info.hash.size(), 64);

    QString error;
    TransportLink *link = host->createLink(u"test"_s, &owner, &error);
    QVERIFY2(link, qPrintable(error));
    QCOMPARE(link->pluginName(), u"fixture"_s);
    // The fixture's own code answers: the plugin really runs.
    QSignalSpy closed(link, &TransportLink::closed);
    link->open(QUrl(u"test://somewhere"_s), {});
    QVERIFY(closed.wait(5000));
    QCOMPARE(closed.first().at(0).value<longlink::ByteLink::Error>(),
            longlink::ByteLink::Error::ConnectionRefused);
    QVERIFY(closed.first().at(1).toString().contains(u"fixture"_s));
}

void TestTransportHost::aPluginsOwnTranslationsAreUsed()
{
    // The app runs in Chinese; the plugin ships translations/tcp_zh_CN.qm.
    const QLocale before;
    QLocale::setDefault(QLocale(u"zh_CN"_s));
    const auto restore = qScopeGuard([before] { QLocale::setDefault(before); });
    QObject owner;
    TransportHost *host = hostWith({ fixtureDir(u"refuses"_s) }, &owner);
    QString error;
    TransportLink *link = host->createLink(u"mqtt"_s, &owner, &error);
    QVERIFY2(link, qPrintable(error));
    QSignalSpy closed(link, &TransportLink::closed);
    link->open(QUrl(u"mqtt://127.0.0.1:1"_s), {});
    QVERIFY(closed.wait(5000));
    QCOMPARE(closed.first().at(1).toString(), u"测试插件拒绝打开"_s);
    // Once the library is gone, so is its catalog.
    delete link;
    delete host;
    QTRY_COMPARE_WITH_TIMEOUT(
            QCoreApplication::translate("FixtureTransport", "fixture refuses to open"),
            u"fixture refuses to open"_s, 5000);
}

void TestTransportHost::highestVersionIsChosen()
{
    QObject owner;
    TransportHost *host = hostWith({ fixtureDir(u"good"_s), fixtureDir(u"v2"_s) }, &owner);
    const auto chosen = host->choose(u"test"_s);
    QVERIFY(chosen);
    QCOMPARE(chosen->version.toString(), u"2.0.0"_s);
    QVERIFY(!host->choose(u"mqtt-over-pigeons"_s));
}

void TestTransportHost::badMetadataIsRejected_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<Problem>("problem");
    QTest::addColumn<QString>("reasonPart");
    QTest::newRow("wrong IID") << u"wrongiid"_s << Problem::WrongIid
                               << u"org.example.SomethingElse/1"_s;
    QTest::newRow("API 2.0") << u"badapi"_s << Problem::IncompatibleApi << u"2.0"_s;
    QTest::newRow("no schemes") << u"noschemes"_s << Problem::NoSchemes << u"schemes"_s;
    QTest::newRow("version not semver") << u"badversion"_s << Problem::BadMetadata << u"version"_s;
}

void TestTransportHost::badMetadataIsRejected()
{
    QFETCH(QString, fixture);
    QFETCH(Problem, problem);
    QFETCH(QString, reasonPart);
    QObject owner;
    auto *host = new TransportHost(&owner);
    host->setExtraFolders({ fixtureDir(fixture) });
    QSignalSpy events(host, &TransportHost::event);
    host->rescan();
    const QList<TransportPluginInfo> found = pluginsIn(*host, fixtureDir(fixture));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().state, State::Rejected);
    QCOMPARE(found.first().problem, problem);
    QVERIFY2(found.first().reason.contains(reasonPart), qPrintable(found.first().reason));
    // The rejection is an event with its reason, for the UI and the CLI.
    bool seen = false;
    for (const QList<QVariant> &arguments : events) {
        const auto event = arguments.first().value<longlink::TransportEvent>();
        seen |= event.step == longlink::TransportEvent::Step::Rejected
                && event.reason == found.first().reason;
    }
    QVERIFY(seen);
    QString error;
    QVERIFY(!host->createLink(u"test"_s, &owner, &error));
    QVERIFY(error.contains(u"test"_s));
}

void TestTransportHost::brokenFilesAreRejected_data()
{
    QTest::addColumn<QByteArray>("content");
    QFile good(fixtureFile(u"good"_s));
    QVERIFY(good.open(QIODevice::ReadOnly));
    const QByteArray plugin = good.readAll();
    QByteArray noise(64 * 1024, Qt::Uninitialized);
    QRandomGenerator random(42);
    for (char &byte : noise)
        byte = char(random.bounded(256));
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("random bytes") << noise;
    QTest::newRow("first half of a plugin") << plugin.left(plugin.size() / 2);
    QTest::newRow("first 100 bytes of a plugin") << plugin.left(100);
    // Found by fuzz_pluginfile: program header entries declared smaller
    // than the struct made the completeness check read past the file.
    QByteArray smallEntries = plugin;
    smallEntries[0x36] = 1; // Elf64_Ehdr.e_phentsize
    smallEntries[0x37] = 0;
    QTest::newRow("program header entries of 1 byte") << smallEntries;
}

void TestTransportHost::brokenFilesAreRejected()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    QFile file(dir.filePath(u"liblonglink-broken.so"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QObject owner;
    TransportHost *host = hostWith({ dir.path() }, &owner);
    const QList<TransportPluginInfo> found = pluginsIn(*host, dir.path());
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().state, State::Rejected);
    QVERIFY(!found.first().reason.isEmpty());
}

void TestTransportHost::permissionsAreChecked()
{
    QTemporaryDir dir;
    const QString copy = dir.filePath(u"liblonglink-fixture.so"_s);
    QVERIFY(QFile::copy(fixtureFile(u"good"_s), copy));
    QFile::setPermissions(
            copy, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther | QFile::WriteOther);
    QObject owner;
    {
        TransportHost *host = hostWith({ dir.path() }, &owner);
        const auto found = pluginsIn(*host, dir.path());
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().problem, Problem::InsecurePermissions);
    }
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    QFile::setPermissions(dir.path(),
            QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                    | QFile::WriteOther | QFile::ExeOther);
    {
        TransportHost *host = hostWith({ dir.path() }, &owner);
        const auto found = pluginsIn(*host, dir.path());
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().problem, Problem::InsecurePermissions);
        QVERIFY(found.first().reason.contains(u"folder"_s));
    }
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    TransportHost *host = hostWith({ dir.path() }, &owner);
    QCOMPARE(pluginsIn(*host, dir.path()).first().state, State::Available);
}

void TestTransportHost::missingSchemeGivesAClearError()
{
    QObject owner;
    TransportHost *host = hostWith({ fixtureDir(u"good"_s) }, &owner);
    QString error;
    QVERIFY(!host->createLink(u"wss"_s, &owner, &error));
    QVERIFY2(error.contains(u"wss"_s) && error.contains(fixtureDir(u"good"_s)), qPrintable(error));
}

void TestTransportHost::unloadingInANestedLoopLeavesOtherObjectsAlone()
{
    // A library may be unloaded while a dialog runs its own event loop.
    // Objects the app handed to deleteLater() outside that loop must live
    // until control returns there, as Qt promises; only the plugin's own
    // leftovers go before its code does.
    QObject owner;
    TransportHost *host = hostWith({ fixtureDir(u"good"_s) }, &owner);
    QString error;
    TransportLink *link = host->createLink(u"test"_s, nullptr, &error);
    QVERIFY2(link, qPrintable(error));
    const int live = longlink::LoadedTransportPlugin::liveCount();

    bool unloaded = false;
    bool otherAliveAtUnload = false;
    QPointer<QObject> other;
    QEventLoop outerLoop;
    QTimer::singleShot(0, &outerLoop, [&] {
        other = new QObject;
        other->deleteLater(); // belongs to the outer loop
        QEventLoop dialogLoop;
        QTimer::singleShot(0, &dialogLoop, [&] {
            delete link; // the last link of the plugin...
            host->releaseUnused(); // ...and the host's hold: the library goes
        });
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &dialogLoop, [&] {
            if (longlink::LoadedTransportPlugin::liveCount() < live) {
                unloaded = true;
                otherAliveAtUnload = !other.isNull();
                dialogLoop.quit();
            }
        });
        poll.start(5);
        QTimer::singleShot(5000, &dialogLoop, &QEventLoop::quit);
        dialogLoop.exec();
        outerLoop.quit();
    });
    outerLoop.exec();
    QVERIFY(unloaded);
    QVERIFY(otherAliveAtUnload);
    QTRY_VERIFY(other.isNull()); // and it still goes, at its own level
}

void TestTransportHost::pluginForAnotherSchemeIsReportedIgnored()
{
    QObject owner;
    auto *host = new TransportHost(&owner);
    host->setExtraFolders({ fixtureDir(u"good"_s) }); // serves "test"
    host->setWantedScheme(u"mqtt"_s);
    QList<longlink::TransportEvent> events;
    connect(host, &TransportHost::event, this,
            [&events](const longlink::TransportEvent &event) { events.append(event); });
    host->rescan();
    QList<longlink::TransportEvent> ignored;
    for (const longlink::TransportEvent &event : std::as_const(events)) {
        if (event.step == longlink::TransportEvent::Step::Ignored)
            ignored.append(event);
    }
    QCOMPARE(ignored.size(), 1);
    QCOMPARE(ignored.first().name, u"fixture"_s);
    QCOMPARE(ignored.first().reason, u"serves test, the server is mqtt"_s);
    QCOMPARE(longlink::TransportEvent::stepName(ignored.first().step), u"ignored"_s);
}

void TestTransportHost::chmodMakesARefusedFileACandidateAgain_data()
{
    QTest::addColumn<bool>("folder"); // the folder is too open, else the file
    QTest::newRow("file") << false;
    QTest::newRow("folder") << true;
}

void TestTransportHost::chmodMakesARefusedFileACandidateAgain()
{
    QFETCH(bool, folder);
    QTemporaryDir dir;
    const auto ownerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    const auto open = ownerOnly | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    QFile::setPermissions(dir.path(), folder ? open : ownerOnly);

    QObject owner;
    auto *host = new TransportHost(&owner);
    host->setExtraFolders({ dir.path() });
    host->setSettleMs(20);
    host->rescan();
    host->startWatching();
    QSignalSpy events(host, &TransportHost::event);

    // Dropped while the app runs, refused for its permissions...
    const QString copy = dir.filePath(u"liblonglink-fixture.so"_s);
    QVERIFY(QFile::copy(fixtureFile(u"good"_s), copy + u".tmp"_s));
    QFile::setPermissions(copy + u".tmp"_s, folder ? ownerOnly : open);
    QVERIFY(QFile::rename(copy + u".tmp"_s, copy));
    QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), 5000);
    QCOMPARE(events.first().first().value<longlink::TransportEvent>().step,
            longlink::TransportEvent::Step::Rejected);
    QCOMPARE(pluginsIn(*host, dir.path()).first().problem, Problem::InsecurePermissions);

    // ...then only the permissions change: no write, no touch.
    QFile::setPermissions(folder ? dir.path() : copy, ownerOnly);
    QTRY_COMPARE_WITH_TIMEOUT(pluginsIn(*host, dir.path()).first().state, State::Available, 5000);
}

QTEST_GUILESS_MAIN(TestTransportHost)
#include "tst_transporthost.moc"

void TestTransportHost::renamedInPluginIsTakenUpWithoutSettling()
{
#ifdef Q_OS_LINUX
    // A file renamed into place is whole: the host takes it up without the
    // settle window, here a minute, that a file still changing must wait.
    QTemporaryDir dir;
    QObject owner;
    auto *host = new TransportHost(&owner);
    host->setExtraFolders({ dir.path() });
    host->setSettleMs(60'000);
    host->rescan();
    host->startWatching();

    const QString copy = dir.filePath(u"liblonglink-fixture.so"_s);
    QVERIFY(QFile::copy(fixtureFile(u"good"_s), copy + u".tmp"_s));
    QVERIFY(QFile::rename(copy + u".tmp"_s, copy));
    QTRY_VERIFY_WITH_TIMEOUT(host->choose(u"test"_s).has_value(), 10'000);
    QCOMPARE(host->choose(u"test"_s)->file, copy);
#else
    QSKIP("only inotify tells when a file is whole");
#endif
}

void TestTransportHost::newPluginIsCheckedBeforeItCanBeChosen()
{
    QObject owner;
    TransportHost *host = checkingHostWith({ fixtureDir(u"good"_s) }, &owner);
    QList<longlink::TransportEvent> events;
    connect(host, &TransportHost::event, this,
            [&events](const longlink::TransportEvent &event) { events.append(event); });
    host->rescan();
    // Listed at once, but not usable before it passed.
    QList<TransportPluginInfo> found = pluginsIn(*host, fixtureDir(u"good"_s));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().state, State::Checking);
    QVERIFY(!host->choose(u"test"_s));
    QVERIFY(host->isChecking(u"test"_s));
    QString error;
    QVERIFY(!host->createLink(u"test"_s, &owner, &error));
    QCOMPARE(longlink::LoadedTransportPlugin::liveCount(), 0); // nothing loaded here

    QTRY_VERIFY_WITH_TIMEOUT(host->choose(u"test"_s).has_value(), 15000);
    QVERIFY(!host->isChecking(u"test"_s));
    found = pluginsIn(*host, fixtureDir(u"good"_s));
    QCOMPARE(found.first().state, State::Available);
    QCOMPARE(events.first().step, longlink::TransportEvent::Step::Checking);
    QCOMPARE(events.last().step, longlink::TransportEvent::Step::Discovered);
    TransportLink *link = host->createLink(u"test"_s, &owner, &error);
    QVERIFY2(link, qPrintable(error));
}

void TestTransportHost::failedCheckRejectsWithTheReason_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<Problem>("problem");
    QTest::addColumn<QString>("reasonPart");
    QTest::newRow("hangs while loading")
            << u"hang"_s << Problem::FailedCheck << u"did not finish"_s;
    QTest::newRow("crashes while opening") << u"crash"_s << Problem::FailedCheck << u"crashed"_s;
    QTest::newRow("leaves a 3 s timer") << u"latetimer"_s << Problem::FailedCheck << u"timer"_s;
    QTest::newRow("leaves a 200 ms timer")
            << u"lefttimer"_s << Problem::FailedCheck << u"left code running"_s;
    QTest::newRow("leaves a thread") << u"leftthread"_s << Problem::FailedCheck << u"thread"_s;
    QTest::newRow("leaves a metatype")
            << u"leftmetatype"_s << Problem::FailedCheck << u"metatypes registered"_s;
    QTest::newRow("cannot load") << u"unresolved"_s << Problem::LoadFailed << u"undefined symbol"_s;
    QTest::newRow("creates nothing") << u"nocreate"_s << Problem::NoFactory << u"no transport"_s;
}

void TestTransportHost::failedCheckRejectsWithTheReason()
{
    QFETCH(QString, fixture);
    QFETCH(Problem, problem);
    QFETCH(QString, reasonPart);
    QObject owner;
    TransportHost *host = checkingHostWith({ fixtureDir(fixture) }, &owner);
    host->setCheckTimeLimitMs(3000);
    QSignalSpy verdicts(host, &TransportHost::verdictChanged);
    // The event loop keeps running while the check does.
    int ticks = 0;
    QTimer tick;
    connect(&tick, &QTimer::timeout, this, [&ticks] { ++ticks; });
    tick.start(50);
    QElapsedTimer clock;
    clock.start();
    host->rescan();
    QVERIFY(verdicts.wait(15000));
    const qint64 checkMs = clock.elapsed();
    const auto verdict = verdicts.first().first().value<longlink::PluginVerdict>();
    QCOMPARE(verdict.problem, problem);
    QVERIFY2(verdict.reason.contains(reasonPart), qPrintable(verdict.reason));
    const QList<TransportPluginInfo> found = pluginsIn(*host, fixtureDir(fixture));
    QCOMPARE(found.first().state, State::Rejected);
    QCOMPARE(found.first().reason, verdict.reason);
    QVERIFY(!host->choose(u"mqtt"_s));
    QCOMPARE(longlink::LoadedTransportPlugin::liveCount(), 0);
    QVERIFY2(ticks >= checkMs / 100, "the host's thread was not blocked by the check");
    QCOMPARE(checksRunningOn(found.first().loadPath), 0);
}

void TestTransportHost::passedCheckIsRemembered()
{
    MemoryVerdicts store;
    QObject owner;
    TransportHost *first = checkingHostWith({ fixtureDir(u"good"_s) }, &owner);
    first->setVerdictStore(&store);
    first->rescan();
    QTRY_VERIFY_WITH_TIMEOUT(first->choose(u"test"_s).has_value(), 15000);
    QCOMPARE(store.m_checked.size(), 1);

    // The next run (or a rescan) trusts the same content without a check.
    TransportHost *second = checkingHostWith({ fixtureDir(u"good"_s) }, &owner);
    second->setVerdictStore(&store);
    second->rescan();
    QVERIFY(second->choose(u"test"_s).has_value());
    QVERIFY(!second->isChecking(u"test"_s));
}

void TestTransportHost::installedPluginsAreNotChecked()
{
    // What a package installs next to the program is trusted as installed.
    // This test program's own "installed" folder is made for the test.
    const QString installed = TransportHost::installedFolder();
    QVERIFY2(!QDir(installed).exists(), qPrintable(installed));
    QVERIFY(QDir().mkpath(installed));
    const auto removeFolder = qScopeGuard([&installed] {
        QDir(installed).removeRecursively();
        QDir().rmpath(QFileInfo(installed).path()); // lib/longlink and lib, if empty
    });
    QVERIFY(QFile::copy(fixtureFile(u"good"_s), installed + u"/liblonglink-fixture.so"_s));
    QObject owner;
    TransportHost *host = checkingHostWith({}, &owner);
    host->rescan();
    const auto chosen = host->choose(u"test"_s);
    QVERIFY(chosen);
    QVERIFY(TransportHost::isInstalled(*chosen));
    QVERIFY(!host->isChecking(u"test"_s));
}

void TestTransportHost::missingCheckerRefusesForThisRunOnly()
{
    MemoryVerdicts store;
    QObject owner;
    TransportHost *host = checkingHostWith({ fixtureDir(u"good"_s) }, &owner);
    host->setVerdictStore(&store);
    host->setCheckProgram(u"/nonexistent/longlink-transport-check"_s);
    QSignalSpy verdicts(host, &TransportHost::verdictChanged);
    host->rescan();
    QTRY_VERIFY_WITH_TIMEOUT(!host->isChecking(u"test"_s), 5000);
    const QList<TransportPluginInfo> found = pluginsIn(*host, fixtureDir(u"good"_s));
    QCOMPARE(found.first().state, State::Rejected);
    QVERIFY2(found.first().reason.contains(u"/nonexistent/longlink-transport-check"_s),
            qPrintable(found.first().reason));
    QVERIFY(!host->choose(u"test"_s));
    // Nothing was learnt about the plugin: no verdict is kept against it.
    QCOMPARE(verdicts.size(), 0);
    QVERIFY(store.m_verdicts.isEmpty() && store.m_checked.isEmpty());
}

void TestTransportHost::removedFileEndsItsCheck()
{
    QTemporaryDir dir;
    const QString copy = dir.filePath(u"liblonglink-hang.so"_s);
    QVERIFY(QFile::copy(fixtureFile(u"hang"_s), copy));
    QObject owner;
    TransportHost *host = checkingHostWith({ dir.path() }, &owner);
    host->setSettleMs(20);
    host->rescan();
    host->startWatching();
    QVERIFY(host->isChecking(u"mqtt"_s));
    const QString loadPath = pluginsIn(*host, dir.path()).first().loadPath;
    QTRY_COMPARE_WITH_TIMEOUT(checksRunningOn(loadPath), 1, 5000);
    QVERIFY(QFile::remove(copy));
    QTRY_VERIFY_WITH_TIMEOUT(pluginsIn(*host, dir.path()).isEmpty(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(checksRunningOn(loadPath), 0, 5000);
}

void TestTransportHost::replacedFolderIsNoticed()
{
    // A folder above the watched one is renamed away and another put in its
    // place: the watch follows the old folder, but what the path names now
    // is what counts, judged afresh.
    QTemporaryDir parent;
    const QString outer = parent.filePath(u"outer"_s);
    const QString folder = outer + u"/plugins"_s;
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::copy(fixtureFile(u"good"_s), folder + u"/liblonglink-fixture.so"_s));
    QObject owner;
    TransportHost *host = hostWith({ folder }, &owner);
    host->setSettleMs(20);
    host->startWatching();
    QCOMPARE(pluginsIn(*host, folder).first().version.toString(), u"1.0.0"_s);

    QVERIFY(QDir().rename(outer, outer + u".old"_s));
    const QString staging = parent.filePath(u"staging/plugins"_s);
    QVERIFY(QDir().mkpath(staging));
    QVERIFY(QFile::copy(fixtureFile(u"v2"_s), staging + u"/liblonglink-fixture.so"_s));
    QVERIFY(QFile::setPermissions(staging + u"/liblonglink-fixture.so"_s,
            QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::WriteGroup));
    QVERIFY(QDir().rename(parent.filePath(u"staging"_s), outer));
    QTRY_VERIFY_WITH_TIMEOUT(!pluginsIn(*host, folder).isEmpty()
                    && pluginsIn(*host, folder).first().problem == Problem::InsecurePermissions,
            5000);
    QVERIFY2(pluginsIn(*host, folder).first().reason.contains(u"chmod g-w"_s),
            qPrintable(pluginsIn(*host, folder).first().reason));
}

void TestTransportHost::eventFromInsideACallIsDeferredAndWarned()
{
    // The plugin sends transportOpened from inside open(): the session must
    // not hear of it while its own call is still on the stack, and the user
    // is told which plugin broke which rule, once.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QObject owner;
    TransportHost *host = hostWith({ fixtureDir(u"eventinopen"_s) }, &owner);
    QSignalSpy events(host, &TransportHost::event);
    QString error;
    TransportLink *link = host->createLink(u"mqtt"_s, &owner, &error);
    QVERIFY2(link, qPrintable(error));
    QSignalSpy opened(link, &TransportLink::opened);
    link->open(QUrl(u"mqtt://127.0.0.1:%1"_s.arg(server.serverPort())), {});
    QCOMPARE(opened.size(), 0); // not from inside open()
    QVERIFY(opened.wait(5000));
    QCOMPARE(opened.size(), 1);
    QVERIFY(link->isOpen());
    QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), 5000);
    QTcpSocket *peer = server.nextPendingConnection();
    QSignalSpy data(link, &TransportLink::dataReceived);
    peer->write("after the deferred open");
    QVERIFY(data.wait(5000));
    QCOMPARE(data.first().first().toByteArray(), QByteArray("after the deferred open"));

    // Told once for the link, with the plugin's name and what it did.
    const QList<longlink::TransportEvent> warnings = warningsIn(events);
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.first().name, u"tcp"_s);
    QCOMPARE(warnings.first().version, u"9.2.0"_s);
    QVERIFY2(warnings.first().reason.contains(u"transportOpened from inside open()"_s),
            qPrintable(warnings.first().reason));
    QCOMPARE(longlink::TransportEvent::stepName(warnings.first().step), u"warning"_s);
}

void TestTransportHost::missingClosedIsWarnedAndTreatedAsClosed()
{
    // The plugin never confirms close(): after TransportLink::kClosedWaitMs
    // the host says so and ends the stream itself, as a requested close.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QObject owner;
    TransportHost *host = hostWith({ fixtureDir(u"noclosed"_s) }, &owner);
    QSignalSpy events(host, &TransportHost::event);
    QString error;
    TransportLink *link = host->createLink(u"mqtt"_s, &owner, &error);
    QVERIFY2(link, qPrintable(error));
    QSignalSpy opened(link, &TransportLink::opened);
    QSignalSpy closed(link, &TransportLink::closed);
    link->open(QUrl(u"mqtt://127.0.0.1:%1"_s.arg(server.serverPort())), {});
    QVERIFY(opened.wait(5000));
    link->close();
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, TransportLink::kClosedWaitMs + 5000);
    QCOMPARE(closed.first().first().value<longlink::ByteLink::Error>(),
            longlink::ByteLink::Error::None);
    QVERIFY(!link->isOpen());
    const QList<longlink::TransportEvent> warnings = warningsIn(events);
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.first().name, u"tcp"_s);
    QVERIFY2(warnings.first().reason.contains(u"no transportClosed within 3 s of close()"_s),
            qPrintable(warnings.first().reason));
    // Nothing more after that: one closed, one warning.
    QTest::qWait(200);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(warningsIn(events).size(), 1);
}
