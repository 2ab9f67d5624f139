// The plugin kit as a plugin author meets it: the SDK installed into a
// prefix of its own, the template copied out of it and built against it,
// its test and longlink-transport-check run on it, and `deploy` moving a
// running longlink-cli onto it with every message delivered once.
#include "brokerfixture.h"
#include "chatparticipant.h"
#include "cliprocess.h"

#include <longlink/transport.h>

#include <QtCore/QDir>
#include <QtCore/QDirIterator>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <memory>

using namespace Qt::StringLiterals;
using longlink::test::ChatParticipant;
using longlink::test::CliProcess;

namespace {
constexpr int kWaitMs = 20'000;
constexpr int kBuildMs = 300'000; // configure and build on a busy machine

struct Run
{
    int exitCode = -1;
    QString output;
};

// Runs a program to its end (bounded), stdout and stderr together.
Run run(const QString &program, const QStringList &arguments, int timeoutMs = kBuildMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    Run result;
    if (!process.waitForStarted() || !process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.output = u"%1 did not finish: %2\n"_s.arg(program, process.errorString());
    } else if (process.exitStatus() == QProcess::NormalExit) {
        result.exitCode = process.exitCode();
    }
    result.output += QString::fromLocal8Bit(process.readAll());
    return result;
}

QString tail(const QString &text)
{
    return text.right(3000);
}

} // namespace

class TestPluginKit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sdkInstallsAsACMakePackage();
    void templateBuildsAndPassesItsTestAndTheCheck();
    void deployMovesARunningCliWithoutLosingAMessage();
    void mistakesInTheMetadataStopTheConfigure_data();
    void mistakesInTheMetadataStopTheConfigure();

private:
    QString stage() const { return m_work.filePath(u"stage"_s); }
    QString source() const { return m_work.filePath(u"mytransport"_s); }
    QString build() const { return m_work.filePath(u"mytransport-build"_s); }
    QString deployFolder() const { return m_work.filePath(u"plugins"_s); }
    QString builtPlugin() const { return build() + u"/liblonglink-mytransport.so"_s; }
    Run configure(const QString &sourceDir, const QString &buildDir) const;

    QTemporaryDir m_work;
    longlink::test::BrokerFixture m_env;
};

void TestPluginKit::initTestCase()
{
    longlink::test::BrokerFixture::useTestPaths();
    QVERIFY(m_work.isValid());
}

Run TestPluginKit::configure(const QString &sourceDir, const QString &buildDir) const
{
    return run(QStringLiteral(LONGLINK_CMAKE),
            { u"-S"_s, sourceDir, u"-B"_s, buildDir, u"-G"_s, QStringLiteral(LONGLINK_GENERATOR),
                    u"-DCMAKE_MAKE_PROGRAM="_s + QStringLiteral(LONGLINK_MAKE_PROGRAM),
                    u"-DCMAKE_BUILD_TYPE=Release"_s, u"-DCMAKE_PREFIX_PATH="_s + stage(),
                    u"-DLONGLINK_TRANSPORT_DEPLOY_DIR="_s + deployFolder(),
                    u"-DLONGLINK_TRANSPORT_CHECK_PROGRAM="_s + QStringLiteral(LONGLINK_CHECK) });
}

void TestPluginKit::sdkInstallsAsACMakePackage()
{
    const Run install = run(QStringLiteral(LONGLINK_CMAKE),
            { u"--install"_s, QStringLiteral(LONGLINK_BUILD_DIR), u"--component"_s, u"sdk"_s,
                    u"--prefix"_s, stage() });
    QVERIFY2(install.exitCode == 0, qPrintable(tail(install.output)));
    QStringList installed;
    QDirIterator it(stage(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        installed.append(QDir(stage()).relativeFilePath(it.next()));
    for (const QString &expected :
            { u"include/longlink/transport.h"_s, u"LonglinkTransportSdkConfig.cmake"_s,
                    u"LonglinkTransportSdkConfigVersion.cmake"_s,
                    u"LonglinkTransportSdkTargets.cmake"_s, u"LonglinkTransportSdkHelpers.cmake"_s,
                    u"share/longlink/sdk/template/CMakeLists.txt"_s,
                    u"share/longlink/sdk/template/tests/tst_mytransport.cpp"_s }) {
        QVERIFY2(std::any_of(installed.cbegin(), installed.cend(),
                         [&](const QString &path) { return path.endsWith(expected); }),
                qPrintable(u"%1 not installed; installed: %2"_s.arg(
                        expected, installed.join(u", "_s))));
    }
    // The SDK part only: no program, no library of the app.
    for (const QString &path : std::as_const(installed))
        QVERIFY2(!path.startsWith(u"bin/"_s) && !path.endsWith(u".so"_s), qPrintable(path));
}

void TestPluginKit::templateBuildsAndPassesItsTestAndTheCheck()
{
    const QString shipped = stage() + u"/share/longlink/sdk/template"_s;
    QVERIFY2(QFile::exists(shipped + u"/CMakeLists.txt"_s), "the SDK is not installed");
    // Copied as a plugin author would, out of the installed SDK.
    QDirIterator it(shipped, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString to = source() + u'/' + QDir(shipped).relativeFilePath(from);
        QVERIFY(QDir().mkpath(QFileInfo(to).path()));
        QVERIFY(QFile::copy(from, to));
    }

    const Run configured = configure(source(), build());
    QVERIFY2(configured.exitCode == 0, qPrintable(tail(configured.output)));
    const Run built = run(QStringLiteral(LONGLINK_CMAKE), { u"--build"_s, build() });
    QVERIFY2(built.exitCode == 0, qPrintable(tail(built.output)));
    QVERIFY2(QFile::exists(builtPlugin()), qPrintable(built.output));

    // The metadata names the API of the SDK it was built against.
    QFile metadata(build()
            + u"/longlink_transport_mytransport_metadata/"
              u"longlink_transport_metadata.json"_s);
    QVERIFY(metadata.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(metadata.readAll()).object();
    QCOMPARE(json.value(u"apiVersion"_s).toString(),
            u"%1.%2"_s.arg(longlink::sdk::kApiMajor).arg(longlink::sdk::kApiMinor));
    QCOMPARE(json.value(u"name"_s).toString(), u"mytransport"_s);

    const Run tested = run(
            QStringLiteral(LONGLINK_CTEST), { u"--test-dir"_s, build(), u"--output-on-failure"_s });
    QVERIFY2(tested.exitCode == 0, qPrintable(tail(tested.output)));
    QVERIFY2(tested.output.contains(u"100% tests passed"_s), qPrintable(tested.output));

    const Run checked = run(QStringLiteral(LONGLINK_CMAKE),
            { u"--build"_s, build(), u"--target"_s, u"check"_s }, kWaitMs * 3);
    QVERIFY2(checked.exitCode == 0, qPrintable(tail(checked.output)));
    QVERIFY2(checked.output.contains(u"RESULT: PASS"_s), qPrintable(tail(checked.output)));
    QVERIFY2(!checked.output.contains(u"FAIL"_s), qPrintable(tail(checked.output)));
}

void TestPluginKit::deployMovesARunningCliWithoutLosingAMessage()
{
    QVERIFY2(QFile::exists(builtPlugin()), "the template was not built (see the test before)");
    QVERIFY2(m_env.start(), qPrintable(m_env.errorString()));
    QVERIFY(QDir().mkpath(deployFolder()));

    ChatParticipant bob(u"bob"_s, m_env.broker().url(), m_env.dataFor(u"bob"_s));
    QVERIFY(bob.open());
    CliProcess alice;
    QVERIFY(alice.start({ u"--server"_s, m_env.broker().url().toString(), u"--user"_s, u"alice"_s,
            u"--room"_s, u"lobby"_s, u"--data-dir"_s, m_env.dataFor(u"alice"_s), u"--transports"_s,
            deployFolder(), u"--probation-ms"_s, u"600"_s }));
    QVERIFY(alice.waitForConnected());
    QTRY_VERIFY_WITH_TIMEOUT(bob.connected(), kWaitMs);
    const QList<QJsonObject> connections = alice.events(u"connection"_s);
    QCOMPARE(connections.last().value(u"transport"_s).toString(), u"tcp"_s);

    const QStringList before = longlink::test::numberedTexts(u"before"_s, 30);
    alice.writeLines(before);
    QTRY_COMPARE_WITH_TIMEOUT(bob.receivedTextsFrom(u"alice"_s).size(), before.size(), kWaitMs);

    // `deploy` while alice keeps talking.
    QProcess deploy;
    deploy.setProcessChannelMode(QProcess::MergedChannels);
    deploy.start(
            QStringLiteral(LONGLINK_CMAKE), { u"--build"_s, build(), u"--target"_s, u"deploy"_s });
    const QStringList during = longlink::test::numberedTexts(u"during"_s, 30);
    for (const QString &text : during) {
        alice.writeLine(text);
        QTest::qWait(5);
    }
    // (It may be over already: the loop above ran the event loop.)
    QVERIFY(deploy.state() == QProcess::NotRunning || deploy.waitForFinished(kBuildMs));
    QCOMPARE(deploy.exitStatus(), QProcess::NormalExit);
    QVERIFY2(deploy.exitCode() == 0, qPrintable(QString::fromLocal8Bit(deploy.readAll())));
    QVERIFY(QFile::exists(deployFolder() + u"/liblonglink-mytransport.so"_s));

    QVERIFY2(alice.waitForEvent(
                     [](const QJsonObject &e) {
                         return e.value(u"event"_s) == u"swap"_s
                                 && e.value(u"name"_s) == u"mytransport"_s;
                     },
                     kWaitMs),
            qPrintable(alice.standardError().right(2000)));
    QVERIFY(alice.waitForEvent(
            [](const QJsonObject &e) {
                return e.value(u"event"_s) == u"transport"_s && e.value(u"state"_s) == u"unloaded"_s
                        && e.value(u"name"_s) == u"tcp"_s;
            },
            kWaitMs));
    const QStringList after = longlink::test::numberedTexts(u"after"_s, 30);
    alice.writeLines(after);

    // Every message once, in order, across the swap.
    const QStringList all = before + during + after;
    QTRY_COMPARE_WITH_TIMEOUT(bob.receivedTextsFrom(u"alice"_s).size(), all.size(), kWaitMs);
    QCOMPARE(bob.receivedTextsFrom(u"alice"_s), all);
    alice.closeInput();
    QCOMPARE(alice.waitForExit(kWaitMs), 0);
    m_env.stop();
}

// What a plugin author gets wrong in longlink_add_transport() is said when
// CMake configures, not found later by the host.
void TestPluginKit::mistakesInTheMetadataStopTheConfigure_data()
{
    QTest::addColumn<QString>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("version") << u"NAME bad VERSION banana SCHEMES mqtt"_s
                             << u"must be a semantic version"_s;
    QTest::newRow("no scheme") << u"NAME bad VERSION 1.0.0"_s << u"SCHEMES must name"_s;
    QTest::newRow("name") << u"NAME Bad_Name VERSION 1.0.0 SCHEMES mqtt"_s
                          << u"must be lower-case letters"_s;
    QTest::newRow("option type") << u"NAME bad VERSION 1.0.0 SCHEMES mqtt OPTIONS x float"_s
                                 << u"the types are int, bool, string, file and list"_s;
}

void TestPluginKit::mistakesInTheMetadataStopTheConfigure()
{
    QFETCH(QString, arguments);
    QFETCH(QString, message);
    QVERIFY2(QFile::exists(stage() + u"/include/longlink/transport.h"_s),
            "the SDK is not installed");
    QTemporaryDir project;
    QFile lists(project.filePath(u"CMakeLists.txt"_s));
    QVERIFY(lists.open(QIODevice::WriteOnly));
    lists.write(u"cmake_minimum_required(VERSION 3.21)\nproject(bad LANGUAGES CXX)\n"
                u"find_package(LonglinkTransportSdk 1.1 REQUIRED)\n"
                u"longlink_add_transport(%1 SOURCES bad.cpp)\n"_s.arg(arguments)
                        .toUtf8());
    lists.close();
    const Run configured = configure(project.path(), project.filePath(u"build"_s));
    QVERIFY2(configured.exitCode != 0, qPrintable(tail(configured.output)));
    QVERIFY2(configured.output.simplified().contains(message), qPrintable(tail(configured.output)));
}

QTEST_GUILESS_MAIN(TestPluginKit)
#include "tst_pluginkit.moc"
