// Another local account must not get its code run in the user's Longlink:
// plugins in folders it owns or may write are refused, and with
// --trusted-keys only signed plugins load. A fixture plugin that writes a
// marker file the moment its code runs (in the app or in its check) proves
// that a refused plugin's code never ran.
#include "brokerfixture.h"
#include "cliprocess.h"
#include "mosquittobroker.h"
#include "plugindrop.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QProcessEnvironment>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using longlink::test::CliProcess;
using longlink::test::PluginDrop;

namespace {
constexpr int kWaitMs = 20'000;
const QString kOtherAccount = u"llother"_s;

bool run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    return process.waitForFinished(20'000) && process.exitStatus() == QProcess::NormalExit
            && process.exitCode() == 0;
}

std::function<bool(const QJsonObject &)> rejectedFile(const QString &file)
{
    return [file](const QJsonObject &e) {
        return e.value(u"event"_s) == u"transport"_s && e.value(u"state"_s) == u"rejected"_s
                && e.value(u"file"_s) == file;
    };
}
// The reason of the last rejection of `file` the CLI printed.
QString lastRejection(const CliProcess &cli, const QString &file)
{
    QString reason;
    for (const QJsonObject &event : cli.events(u"transport"_s)) {
        if (rejectedFile(file)(event))
            reason = event.value(u"reason"_s).toString();
    }
    return reason;
}
} // namespace

class TestLocalTrust : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void onlySignedPluginsLoadWhenAsked();
    void pluginsAnotherAccountCanChangeAreRefused_data();
    void pluginsAnotherAccountCanChangeAreRefused();

private:
    bool startCli(CliProcess &cli, const QString &transports, const QStringList &extra = {});

    longlink::test::BrokerFixture m_env;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_marker;
    bool m_madeAccount = false;
};

void TestLocalTrust::initTestCase()
{
    longlink::test::BrokerFixture::useTestPaths();
    QVERIFY(QFile::exists(PluginDrop::fixture(u"marker"_s)));
    QVERIFY2(QFile::exists(PluginDrop::fixture(u"marker"_s) + u".sig"_s),
            "the build signs the plugins it makes");
    if (::geteuid() != 0)
        QSKIP("needs root to create a second local account (CI runs as root)");
    if (!::getpwnam(kOtherAccount.toLocal8Bit().constData())) {
        QVERIFY2(run(u"useradd"_s,
                         { u"--system"_s, u"--no-create-home"_s, u"--user-group"_s, u"--shell"_s,
                                 u"/usr/sbin/nologin"_s, kOtherAccount }),
                "useradd failed");
        m_madeAccount = true;
    }
}

void TestLocalTrust::cleanupTestCase()
{
    if (m_madeAccount)
        run(u"userdel"_s, { kOtherAccount });
}

void TestLocalTrust::init()
{
    QVERIFY2(m_env.start(), qPrintable(m_env.errorString()));
    m_dir = std::make_unique<QTemporaryDir>();
    m_marker = m_dir->filePath(u"plugin-code-ran"_s);
}

void TestLocalTrust::cleanup()
{
    m_dir.reset();
    m_env.stop();
}

bool TestLocalTrust::startCli(CliProcess &cli, const QString &transports, const QStringList &extra)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LONGLINK_FIXTURE_MARKER"_s, m_marker);
    cli.process().setProcessEnvironment(environment);
    return cli.start(
            QStringList { u"--server"_s, m_env.broker().url().toString(), u"--user"_s, u"alice"_s,
                    u"--room"_s, u"lobby"_s, u"--data-dir"_s, m_env.dataFor(u"alice"_s),
                    u"--transports"_s, transports, u"--settle-ms"_s, u"50"_s }
            + extra);
}

void TestLocalTrust::onlySignedPluginsLoadWhenAsked()
{
    const QString drop = m_dir->filePath(u"drop"_s);
    QVERIFY(QDir().mkpath(drop));
    const QString plugin = drop + u"/liblonglink-marker.so"_s;
    QVERIFY(QFile::copy(PluginDrop::fixture(u"marker"_s), plugin));
    CliProcess cli;
    QVERIFY(startCli(cli, drop, { u"--trusted-keys"_s, QStringLiteral(LONGLINK_TEST_KEYS) }));
    // The installed transport is signed by the build: the chat works.
    QVERIFY(cli.waitForConnected(kWaitMs));
    QVERIFY(cli.waitForEvent(rejectedFile(plugin), kWaitMs));
    const QString reason = lastRejection(cli, plugin);
    QVERIFY2(reason.contains(u"not signed"_s), qPrintable(reason));
    QTest::qWait(500);
    QVERIFY2(!QFile::exists(m_marker), "an unsigned plugin's code ran");

    // A stale signature (made for another build) is no better.
    QVERIFY(QFile::copy(PluginDrop::fixture(u"tcpv2"_s) + u".sig"_s, plugin + u".sig"_s));
    QVERIFY(cli.waitForEvent(
            [&](const QJsonObject &e) {
                return rejectedFile(plugin)(e)
                        && e.value(u"reason"_s).toString().contains(u"does not match"_s);
            },
            kWaitMs));
    QVERIFY(!QFile::exists(m_marker));

    // Its own signature: checked, loaded, carrying the session.
    QVERIFY(QFile::remove(plugin + u".sig"_s));
    QVERIFY(QFile::copy(PluginDrop::fixture(u"marker"_s) + u".sig"_s, plugin + u".sig"_s));
    QVERIFY(cli.waitForEvent(
            [](const QJsonObject &e) {
                return e.value(u"event"_s) == u"swap"_s && e.value(u"to"_s) == u"9.1.0"_s;
            },
            kWaitMs));
    QVERIFY(QFile::exists(m_marker)); // the marker works: now its code ran
    cli.closeInput();
    QCOMPARE(cli.waitForExit(kWaitMs), 0);
}

void TestLocalTrust::pluginsAnotherAccountCanChangeAreRefused_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("reasonPart");
    QTest::newRow("a folder the other account owns") << u"owner"_s << u"belongs to llother"_s;
    QTest::newRow("a folder its group may write") << u"group"_s << u"group may write"_s;
    QTest::newRow("a plugin file its group may write") << u"file"_s << u"group may write"_s;
    QTest::newRow("a link to a plugin in its folder") << u"link"_s << u"belongs to llother"_s;
}

void TestLocalTrust::pluginsAnotherAccountCanChangeAreRefused()
{
    QFETCH(QString, how);
    QFETCH(QString, reasonPart);
    const passwd *other = ::getpwnam(kOtherAccount.toLocal8Bit().constData());
    QVERIFY(other);
    const QString drop = m_dir->filePath(u"drop"_s);
    const QString theirs = m_dir->filePath(u"theirs"_s);
    QVERIFY(QDir().mkpath(drop) && QDir().mkpath(theirs));
    const QByteArray dropName = QFile::encodeName(drop);
    QString plugin = drop + u"/liblonglink-marker.so"_s;
    if (how == u"owner") {
        QVERIFY(QFile::copy(PluginDrop::fixture(u"marker"_s), plugin));
        QCOMPARE(::chown(dropName.constData(), other->pw_uid, other->pw_gid), 0);
    } else if (how == u"group") {
        QVERIFY(QFile::copy(PluginDrop::fixture(u"marker"_s), plugin));
        QCOMPARE(::chown(dropName.constData(), ::geteuid(), other->pw_gid), 0);
        QCOMPARE(::chmod(dropName.constData(), 0775), 0);
    } else if (how == u"file") {
        QVERIFY(QFile::copy(PluginDrop::fixture(u"marker"_s), plugin));
        QCOMPARE(::chown(QFile::encodeName(plugin).constData(), ::geteuid(), other->pw_gid), 0);
        QCOMPARE(::chmod(QFile::encodeName(plugin).constData(), 0664), 0);
    } else {
        // Our folder, our link; the file it points to is in theirs.
        const QString target = theirs + u"/liblonglink-marker.so"_s;
        QVERIFY(QFile::copy(PluginDrop::fixture(u"marker"_s), target));
        QCOMPARE(::chown(QFile::encodeName(theirs).constData(), other->pw_uid, other->pw_gid), 0);
        QVERIFY(QFile::link(target, plugin));
    }
    CliProcess cli;
    QVERIFY(startCli(cli, drop));
    QVERIFY(cli.waitForConnected(kWaitMs));
    QVERIFY(cli.waitForEvent(rejectedFile(plugin), kWaitMs));
    const QString reason = lastRejection(cli, plugin);
    QVERIFY2(reason.contains(reasonPart) && reason.contains(u"not trusted"_s), qPrintable(reason));
    QTest::qWait(500);
    QVERIFY2(!QFile::exists(m_marker), "the refused plugin's code ran");
    QCOMPARE(cli.events(u"connection"_s).last().value(u"version"_s).toString(), u"1.0.0"_s);
    cli.closeInput();
    QCOMPARE(cli.waitForExit(kWaitMs), 0);
}

QTEST_GUILESS_MAIN(TestLocalTrust)
#include "tst_localtrust.moc"
