// AccountOptions: the one parser of the account and connection options that
// longlink and longlink-cli share. Same words, same rules, same reasons.
#include "accountoptions.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using longlink::AccountOptions;
using longlink::ChatClient;

namespace {
// Parses `arguments` as a program would; the problem, or empty.
QString parse(const QStringList &arguments, ChatClient::Config &config)
{
    QCommandLineParser parser;
    const AccountOptions options(u"User name."_s);
    options.addTo(parser);
    if (!parser.parse(QStringList { u"prog"_s } + arguments))
        return parser.errorText();
    return options.read(parser, config);
}
} // namespace

class TestAccountOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyOptionReachesTheConfig();
    void defaultsStayWhenNothingIsGiven();
    void tlsOptionsReachTheConfig();
    void badValuesAreRefusedWithAReason_data();
    void badValuesAreRefusedWithAReason();
};

void TestAccountOptions::everyOptionReachesTheConfig()
{
    QTemporaryDir dir;
    QFile password(dir.filePath(u"pw"_s));
    QVERIFY(password.open(QIODevice::WriteOnly));
    password.write("s3cret\r\n");
    password.close();
    ChatClient::Config config;
    const QString problem = parse(
            { u"--server"_s, u"mqtt://broker.example:1884"_s, u"--user"_s, u"李雷"_s,
                    u"--password-file"_s, password.fileName(), u"--room"_s, u"lobby"_s, u"--room"_s,
                    u"dev-ops"_s, u"--transports"_s, u"/opt/t"_s, u"--data-dir"_s, u"/tmp/d"_s,
                    u"--qos"_s, u"0"_s, u"--prefix"_s, u"acme/chat"_s, u"--connect-timeout"_s,
                    u"7"_s, u"--keep-alive"_s, u"15"_s, u"--settle-ms"_s, u"40"_s,
                    u"--probation-ms"_s, u"900"_s, u"--max-incoming-kb"_s, u"64"_s },
            config);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(config.server, QUrl(u"mqtt://broker.example:1884"_s));
    QCOMPARE(config.user, u"李雷"_s);
    QCOMPARE(config.password, std::optional<QByteArray>("s3cret"));
    QCOMPARE(config.rooms, (QStringList { u"lobby"_s, u"dev-ops"_s }));
    QCOMPARE(config.transportFolders, QStringList { u"/opt/t"_s });
    QCOMPARE(config.dataDir, u"/tmp/d"_s);
    QCOMPARE(config.qos, quint8(0));
    QCOMPARE(config.prefix, u"acme/chat"_s);
    QCOMPARE(config.connectTimeoutMs, 7000);
    QCOMPARE(config.keepAliveSeconds, quint16(15));
    QCOMPARE(config.settleMs, 40);
    QCOMPARE(config.probationMs, 900);
    QCOMPARE(config.maxIncomingBytes, quint32(64 * 1024));
}

void TestAccountOptions::defaultsStayWhenNothingIsGiven()
{
    ChatClient::Config config;
    config.rooms = { u"kept"_s };
    QVERIFY(parse({}, config).isEmpty());
    const ChatClient::Config defaults;
    QCOMPARE(config.server, defaults.server);
    QCOMPARE(config.rooms, QStringList { u"kept"_s });
    QCOMPARE(config.qos, defaults.qos);
    QCOMPARE(config.keepAliveSeconds, defaults.keepAliveSeconds);
    QCOMPARE(config.maxIncomingBytes, defaults.maxIncomingBytes);
}

void TestAccountOptions::tlsOptionsReachTheConfig()
{
    const QString sha = u"AB:"_s + QString(62, u'c');
    ChatClient::Config config;
    QString problem = parse({ u"--server"_s, u"wss://chat.example/mqtt"_s, u"--pin-sha256"_s, sha,
                                    u"--pin-sha256"_s, QString(64, u'0') },
            config);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(config.server, QUrl(u"wss://chat.example/mqtt"_s));
    QCOMPARE(config.pinSha256, (QStringList { u"ab"_s + QString(62, u'c'), QString(64, u'0') }));
    QCOMPARE(AccountOptions::normalizedSha256(u" 0A:"_s + QString(62, u'f')),
            u"0a"_s + QString(62, u'f'));
    QVERIFY(AccountOptions::normalizedSha256(QString(63, u'a')).isEmpty());
    QVERIFY(AccountOptions::normalizedSha256(QString(64, u'g')).isEmpty());
}

void TestAccountOptions::badValuesAreRefusedWithAReason_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("complaint");
    QTest::newRow("url") << QStringList { u"--server"_s, u"nonsense"_s } << u"--server"_s;
    QTest::newRow("user with a dot") << QStringList { u"--user"_s, u"a.b"_s } << u"user name"_s;
    QTest::newRow("room with a space") << QStringList { u"--room"_s, u"a b"_s } << u"room name"_s;
    QTest::newRow("qos 2") << QStringList { u"--qos"_s, u"2"_s } << u"--qos"_s;
    QTest::newRow("prefix wildcard") << QStringList { u"--prefix"_s, u"a/#"_s } << u"--prefix"_s;
    QTest::newRow("keep-alive 0") << QStringList { u"--keep-alive"_s, u"0"_s } << u"--keep-alive"_s;
    QTest::newRow("timeout") << QStringList { u"--connect-timeout"_s, u"-1"_s }
                             << u"--connect-timeout"_s;
    QTest::newRow("settle") << QStringList { u"--settle-ms"_s, u"x"_s } << u"--settle-ms"_s;
    QTest::newRow("limit 0") << QStringList { u"--max-incoming-kb"_s, u"0"_s }
                             << u"--max-incoming-kb"_s;
    QTest::newRow("pin for plain mqtt") << QStringList { u"--server"_s, u"mqtt://a:1883"_s,
        u"--pin-sha256"_s, QString(64, u'a') }
                                        << u"TLS"_s;
    QTest::newRow("not a certificate")
            << QStringList { u"--server"_s, u"mqtts://a"_s, u"--ca-file"_s, u"/etc/hostname"_s }
            << u"no PEM certificate"_s;
    QTest::newRow("missing ca file") << QStringList { u"--server"_s, u"mqtts://a"_s, u"--ca-file"_s,
        u"/nonexistent/ca"_s } << u"/nonexistent/ca"_s;
    QTest::newRow("short pin") << QStringList { u"--pin-sha256"_s, u"abc"_s } << u"--pin-sha256"_s;
    QTest::newRow("password file")
            << QStringList { u"--password-file"_s, u"/nonexistent/pw"_s } << u"password"_s;
}

void TestAccountOptions::badValuesAreRefusedWithAReason()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, complaint);
    ChatClient::Config config;
    const QString problem = parse(arguments, config);
    QVERIFY2(problem.contains(complaint), qPrintable(problem));
}

QTEST_GUILESS_MAIN(TestAccountOptions)
#include "tst_accountoptions.moc"
