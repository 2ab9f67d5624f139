// The tls and websocket transports against mosquitto's own TLS, WebSocket
// and secure WebSocket listeners, with certificates made by openssl for the
// test: chat through each, interop with foreign clients over the same
// listeners, and every way a certificate must be refused, pinned, asked
// about, trusted and forgotten.
#include "brokerfixture.h"
#include "chatparticipant.h"
#include "cliprocess.h"
#include "mosquittobroker.h"
#include "testcertificates.h"
#include "transporthost.h"
#include "transportlink.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QProcess>
#include <QtCore/QSet>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

#include <memory>

using namespace Qt::StringLiterals;
using longlink::ByteLink;
using longlink::ChatClient;
using longlink::test::ChatParticipant;
using longlink::test::CliProcess;
using longlink::test::MosquittoBroker;
using longlink::test::TestCertificates;

namespace {
constexpr int kWaitMs = 30'000;

// A small MQTT.js program: the foreign peer over WebSocket (mosquitto's
// own clients speak no WebSocket). `pub URL TOPIC TEXT` publishes once at
// QoS 1; `sub URL FILTER` prints "subscribed", then the first message as
// "TOPIC PAYLOAD", and exits.
constexpr char kMqttJsPeer[] = R"JS(
const mqtt = require('mqtt');
const [mode, url, topic, text] = process.argv.slice(2);
const client = mqtt.connect(url, { protocolVersion: 4, clean: true, connectTimeout: 10000,
                                   clientId: 'mqttjs-' + mode + '-' + process.pid });
setTimeout(() => { console.error('no result within 25 s'); process.exit(2); }, 25000);
client.on('error', (e) => { console.error(String(e)); process.exit(3); });
client.on('connect', () => {
  if (mode === 'pub') {
    client.publish(topic, text, { qos: 1 }, (e) => {
      if (e) { console.error(String(e)); process.exit(4); }
      client.end(false, {}, () => process.exit(0));
    });
  } else {
    client.subscribe(topic, { qos: 1 }, () => console.log('subscribed'));
  }
});
client.on('message', (t, payload) => {
  console.log(t + ' ' + payload.toString());
  client.end(false, {}, () => process.exit(0));
});
)JS";

bool isConnection(const QJsonObject &event, const QString &state)
{
    return event.value(u"event"_s) == u"connection"_s && event.value(u"state"_s) == state;
}
} // namespace

class TestSecureTransports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void cliChatsThroughEachTransport_data();
    void cliChatsThroughEachTransport();
    void mosquittoClientsTalkOverTls();
    void mqttJsTalksOverWebSocket();
    void refusedCertificateExitsWith3_data();
    void refusedCertificateExitsWith3();
    void pinAcceptsACertificateNoCaVouchesFor_data();
    void pinAcceptsACertificateNoCaVouchesFor();
    void tlsOptionsForAPlainServerAreRefused();
    void untrustedCertificateIsAskedTrustedAndRevoked();
    void acceptOnceIsForgottenWithTheApp();
    void connectionInfoNamesTheTlsSession();
    void cliMovesBetweenServersLive();
    void webSocketFramesCarryOneByteStream();

private:
    // A broker serving `certFile` on its TLS and wss listeners, plus plain
    // TCP and ws.
    bool startBroker(const QString &certFile, const QString &keyFile);
    QUrl urlFor(const QString &transport) const;

    std::unique_ptr<TestCertificates> m_certs;
    std::unique_ptr<MosquittoBroker> m_broker;
    std::unique_ptr<QTemporaryDir> m_data;
};

void TestSecureTransports::initTestCase()
{
    longlink::test::BrokerFixture::useTestPaths();
    m_certs = std::make_unique<TestCertificates>();
    QVERIFY2(m_certs->create(), qPrintable(m_certs->errorString()));
}

void TestSecureTransports::init()
{
    m_data = std::make_unique<QTemporaryDir>();
    QVERIFY(m_data->isValid());
}

void TestSecureTransports::cleanup()
{
    m_broker.reset();
    m_data.reset();
}

bool TestSecureTransports::startBroker(const QString &certFile, const QString &keyFile)
{
    m_broker = std::make_unique<MosquittoBroker>();
    m_broker->enableTls(certFile, keyFile);
    m_broker->enableWebSockets();
    m_broker->enableSecureWebSockets(certFile, keyFile);
    if (!m_broker->start()) {
        qWarning().noquote() << m_broker->errorString();
        return false;
    }
    return true;
}

QUrl TestSecureTransports::urlFor(const QString &transport) const
{
    if (transport == u"tls")
        return m_broker->tlsUrl();
    if (transport == u"ws")
        return m_broker->wsUrl();
    if (transport == u"wss")
        return m_broker->wssUrl();
    return m_broker->url();
}

void TestSecureTransports::cliChatsThroughEachTransport_data()
{
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QString>("plugin");
    QTest::newRow("mqtts") << u"tls"_s << u"tls"_s;
    QTest::newRow("ws") << u"ws"_s << u"websocket"_s;
    QTest::newRow("wss") << u"wss"_s << u"websocket"_s;
}

void TestSecureTransports::cliChatsThroughEachTransport()
{
    QFETCH(QString, transport);
    QFETCH(QString, plugin);
    QVERIFY(startBroker(m_certs->serverCertFile(), m_certs->serverKeyFile()));
    constexpr int kCount = 300;

    // Alice through the transport under test, Bob over plain TCP: the
    // broker joins them, so each direction crosses the new transport once.
    QStringList aliceArguments { u"--server"_s, urlFor(transport).toString(), u"--user"_s,
        u"alice"_s, u"--room"_s, u"lobby"_s, u"--data-dir"_s, m_data->filePath(u"alice"_s) };
    if (transport != u"ws")
        aliceArguments << u"--ca-file"_s << m_certs->caFile();
    CliProcess alice, bob;
    QVERIFY(alice.start(aliceArguments));
    QVERIFY(bob.start({ u"--server"_s, m_broker->url().toString(), u"--user"_s, u"bob"_s,
            u"--room"_s, u"lobby"_s, u"--data-dir"_s, m_data->filePath(u"bob"_s) }));
    QVERIFY2(alice.waitForConnected(kWaitMs), qPrintable(alice.standardError()));
    QVERIFY(bob.waitForConnected(kWaitMs));
    const QJsonObject connected = alice.events(u"connection"_s).constLast();
    QCOMPARE(connected.value(u"transport"_s).toString(), plugin);

    QStringList fromAlice, fromBob;
    for (int i = 0; i < kCount; ++i) {
        // Long enough that some packets span WebSocket frames and TLS records.
        fromAlice.append(u"alice %1 %2"_s.arg(i).arg(QString(i % 7 * 300, u'a')));
        fromBob.append(u"bob %1"_s.arg(i));
    }
    alice.writeLines(fromAlice);
    bob.writeLines(fromBob);
    QVERIFY(bob.waitForEvent(
            [&](const QJsonObject &) { return bob.messageTexts(u"alice"_s).size() >= kCount; },
            kWaitMs));
    QVERIFY(alice.waitForEvent(
            [&](const QJsonObject &) { return alice.messageTexts(u"bob"_s).size() >= kCount; },
            kWaitMs));
    alice.closeInput();
    bob.closeInput();
    QCOMPARE(alice.waitForExit(kWaitMs), 0);
    QCOMPARE(bob.waitForExit(kWaitMs), 0);
    // In order, none lost, none twice, each way.
    QCOMPARE(bob.messageTexts(u"alice"_s), fromAlice);
    QCOMPARE(alice.messageTexts(u"bob"_s), fromBob);
    QCOMPARE(alice.events(u"sent"_s).size(), kCount);
    QVERIFY(alice.nonJsonLines().isEmpty());
}

void TestSecureTransports::mosquittoClientsTalkOverTls()
{
    QVERIFY(startBroker(m_certs->serverCertFile(), m_certs->serverKeyFile()));
    const QStringList tls { u"-h"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(m_broker->tlsPort()),
        u"--cafile"_s, m_certs->caFile() };
    // A durable subscription first, so what alice sends waits for the reader.
    const QStringList sub = tls
            + QStringList { u"-c"_s, u"-i"_s, u"probe"_s, u"-q"_s, u"1"_s, u"-t"_s,
                  u"longlink/v1/rooms/+/from/alice"_s };
    QCOMPARE(QProcess::execute(u"mosquitto_sub"_s, sub + QStringList { u"-E"_s }), 0);

    CliProcess alice;
    QVERIFY(alice.start({ u"--server"_s, m_broker->tlsUrl().toString(), u"--ca-file"_s,
            m_certs->caFile(), u"--user"_s, u"alice"_s, u"--room"_s, u"lobby"_s, u"--data-dir"_s,
            m_data->filePath(u"alice"_s) }));
    QVERIFY2(alice.waitForConnected(kWaitMs), qPrintable(alice.standardError()));
    QVERIFY(alice.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"presence"_s; }, kWaitMs));

    // mosquitto_pub over TLS reaches alice.
    QCOMPARE(
            QProcess::execute(u"mosquitto_pub"_s,
                    tls
                            + QStringList { u"-q"_s, u"1"_s, u"-t"_s,
                                    u"longlink/v1/rooms/lobby/from/carol"_s, u"-m"_s,
                                    uR"({"id":"t1","room":"lobby","from":"carol","ts":1700000000000,"text":"over TLS"})"_s }),
            0);
    QVERIFY(alice.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"id"_s) == u"t1"_s; }, kWaitMs));
    QCOMPARE(alice.messageTexts(u"carol"_s), QStringList { u"over TLS"_s });

    // What alice sends reaches mosquitto_sub over TLS, as the design's JSON.
    alice.writeLine(u"to mosquitto_sub"_s);
    QVERIFY(alice.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"sent"_s; }, kWaitMs));
    QProcess reader;
    reader.start(
            u"mosquitto_sub"_s, sub + QStringList { u"-v"_s, u"-C"_s, u"1"_s, u"-W"_s, u"20"_s });
    QVERIFY(reader.waitForFinished(kWaitMs));
    const QByteArray line = reader.readAllStandardOutput().trimmed();
    if (line.isEmpty())
        qWarning().noquote() << reader.readAllStandardError() << m_broker->log();
    const qsizetype space = line.indexOf(' ');
    QCOMPARE(line.left(space), QByteArray("longlink/v1/rooms/lobby/from/alice"));
    const QJsonObject payload = QJsonDocument::fromJson(line.mid(space + 1)).object();
    QCOMPARE(payload.value(u"text"_s).toString(), u"to mosquitto_sub"_s);
    alice.closeInput();
    QCOMPARE(alice.waitForExit(kWaitMs), 0);
}

void TestSecureTransports::mqttJsTalksOverWebSocket()
{
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    QVERIFY2(!node.isEmpty(), "node (MQTT.js, Debian package node-mqtt) is not installed");
    QVERIFY(startBroker(m_certs->serverCertFile(), m_certs->serverKeyFile()));
    const QString script = m_data->filePath(u"peer.js"_s);
    {
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kMqttJsPeer);
    }
    auto mqttJs = [&](QProcess &process, const QStringList &arguments) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        // Where Debian's node-mqtt lives, whichever node runs it.
        environment.insert(u"NODE_PATH"_s, u"/usr/share/nodejs:/usr/lib/nodejs"_s);
        process.setProcessEnvironment(environment);
        process.start(node, QStringList { script } + arguments);
    };

    CliProcess alice;
    QVERIFY(alice.start({ u"--server"_s, m_broker->wsUrl().toString(), u"--user"_s, u"alice"_s,
            u"--room"_s, u"lobby"_s, u"--data-dir"_s, m_data->filePath(u"alice"_s) }));
    QVERIFY2(alice.waitForConnected(kWaitMs), qPrintable(alice.standardError()));
    QVERIFY(alice.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"presence"_s; }, kWaitMs));

    // MQTT.js over WebSocket reaches alice (over WebSocket too).
    QProcess publisher;
    mqttJs(publisher,
            { u"pub"_s, m_broker->wsUrl().toString(), u"longlink/v1/rooms/lobby/from/dave"_s,
                    uR"({"id":"w1","room":"lobby","from":"dave","ts":1700000000000,"text":"from MQTT.js"})"_s });
    QVERIFY(publisher.state() == QProcess::NotRunning || publisher.waitForFinished(kWaitMs));
    QVERIFY2(publisher.exitCode() == 0, publisher.readAllStandardError().constData());
    QVERIFY(alice.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"id"_s) == u"w1"_s; }, kWaitMs));
    QCOMPARE(alice.messageTexts(u"dave"_s), QStringList { u"from MQTT.js"_s });

    // And what alice sends reaches MQTT.js.
    QProcess subscriber;
    mqttJs(subscriber,
            { u"sub"_s, m_broker->wsUrl().toString(), u"longlink/v1/rooms/lobby/from/alice"_s });
    QVERIFY(subscriber.waitForReadyRead(kWaitMs));
    QCOMPARE(subscriber.readLine().trimmed(), QByteArray("subscribed"));
    alice.writeLine(u"hello MQTT.js, 你好"_s);
    QVERIFY(alice.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"sent"_s; }, kWaitMs));
    // It may be done already (waitForFinished() is false for a finished process).
    QVERIFY(subscriber.state() == QProcess::NotRunning || subscriber.waitForFinished(kWaitMs));
    QVERIFY2(subscriber.exitCode() == 0, subscriber.readAllStandardError().constData());
    const QByteArray line = subscriber.readAllStandardOutput().trimmed();
    const qsizetype space = line.indexOf(' ');
    QCOMPARE(line.left(space), QByteArray("longlink/v1/rooms/lobby/from/alice"));
    const QJsonObject payload = QJsonDocument::fromJson(line.mid(space + 1)).object();
    QCOMPARE(payload.value(u"text"_s).toString(), u"hello MQTT.js, 你好"_s);
    QCOMPARE(payload.value(u"from"_s).toString(), u"alice"_s);
    alice.closeInput();
    QCOMPARE(alice.waitForExit(kWaitMs), 0);
}

void TestSecureTransports::refusedCertificateExitsWith3_data()
{
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QString>("served"); // good, rogue, wrong-name
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("complaint");
    const QString ca = u"CA"_s; // stands for m_certs->caFile(), filled in below
    QTest::newRow("tls, unknown CA")
            << u"tls"_s << u"rogue"_s << QStringList { u"--ca-file"_s, ca } << u"--pin-sha256"_s;
    QTest::newRow("tls, system CAs only")
            << u"tls"_s << u"good"_s << QStringList {} << u"--ca-file"_s;
    QTest::newRow("tls, wrong host name")
            << u"tls"_s << u"wrong-name"_s << QStringList { u"--ca-file"_s, ca } << u"host name"_s;
    QTest::newRow("tls, pin mismatch")
            << u"tls"_s << u"good"_s
            << QStringList { u"--ca-file"_s, ca, u"--pin-sha256"_s, u"ROGUE"_s }
            << u"matches no pinned fingerprint"_s;
    QTest::newRow("wss, unknown CA")
            << u"wss"_s << u"rogue"_s << QStringList { u"--ca-file"_s, ca } << u"--pin-sha256"_s;
    QTest::newRow("wss, pin mismatch")
            << u"wss"_s << u"good"_s << QStringList { u"--pin-sha256"_s, u"ROGUE"_s }
            << u"matches no pinned fingerprint"_s;
}

void TestSecureTransports::refusedCertificateExitsWith3()
{
    QFETCH(QString, transport);
    QFETCH(QString, served);
    QFETCH(QStringList, options);
    QFETCH(QString, complaint);
    if (served == u"good")
        QVERIFY(startBroker(m_certs->serverCertFile(), m_certs->serverKeyFile()));
    else if (served == u"rogue")
        QVERIFY(startBroker(m_certs->rogueServerCertFile(), m_certs->rogueServerKeyFile()));
    else
        QVERIFY(startBroker(m_certs->wrongNameCertFile(), m_certs->wrongNameKeyFile()));
    options.replaceInStrings(u"CA"_s, m_certs->caFile());
    options.replaceInStrings(u"ROGUE"_s, m_certs->rogueServerSha256());

    CliProcess alice;
    QVERIFY(alice.start(
            QStringList { u"--server"_s, urlFor(transport).toString(), u"--user"_s, u"alice"_s,
                    u"--connect-timeout"_s, u"20"_s, u"--data-dir"_s, m_data->filePath(u"alice"_s) }
            + options));
    // Refused at once, not after the connect timeout, and never connected.
    QCOMPARE(alice.waitForExit(kWaitMs), 3);
    for (const QJsonObject &event : alice.events(u"connection"_s))
        QVERIFY(!isConnection(event, u"connected"_s));
    const QStringList lines = alice.standardError().split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    QVERIFY2(lines.last().contains(complaint), qPrintable(lines.last()));
    QVERIFY2(lines.last().contains(u"certificate"_s), qPrintable(lines.last()));
    QVERIFY(alice.nonJsonLines().isEmpty());
}

void TestSecureTransports::pinAcceptsACertificateNoCaVouchesFor_data()
{
    QTest::addColumn<QString>("transport");
    QTest::newRow("mqtts") << u"tls"_s;
    QTest::newRow("wss") << u"wss"_s;
}

void TestSecureTransports::pinAcceptsACertificateNoCaVouchesFor()
{
    QFETCH(QString, transport);
    // A self-made certificate no trusted CA signed: its pin alone admits it
    // (given with colons and in upper case, as tools print it).
    QVERIFY(startBroker(m_certs->rogueServerCertFile(), m_certs->rogueServerKeyFile()));
    QString pin;
    const QString sha = m_certs->rogueServerSha256().toUpper();
    for (int i = 0; i < sha.size(); i += 2)
        pin += (i ? u":"_s : QString()) + sha.mid(i, 2);
    CliProcess alice;
    QVERIFY(alice.start({ u"--server"_s, urlFor(transport).toString(), u"--pin-sha256"_s, pin,
            u"--user"_s, u"alice"_s, u"--room"_s, u"lobby"_s, u"--data-dir"_s,
            m_data->filePath(u"alice"_s) }));
    QVERIFY2(alice.waitForConnected(kWaitMs), qPrintable(alice.standardError()));
    alice.writeLine(u"pinned"_s);
    QVERIFY(alice.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"sent"_s; }, kWaitMs));
    alice.closeInput();
    QCOMPARE(alice.waitForExit(kWaitMs), 0);
}

void TestSecureTransports::tlsOptionsForAPlainServerAreRefused()
{
    // A CA or pin with a server that speaks no TLS would be silently
    // ignored: it is a usage error instead.
    struct Case
    {
        QStringList arguments;
        QString complaint;
    };
    const QList<Case> cases {
        { { u"--server"_s, u"mqtt://127.0.0.1:1"_s, u"--ca-file"_s, m_certs->caFile() }, u"TLS"_s },
        { { u"--server"_s, u"ws://127.0.0.1:1/mqtt"_s, u"--pin-sha256"_s, m_certs->serverSha256() },
                u"TLS"_s },
        { { u"--server"_s, u"mqtts://127.0.0.1:1"_s, u"--pin-sha256"_s, u"abcd"_s },
                u"64 hex digits"_s },
        { { u"--server"_s, u"mqtts://127.0.0.1:1"_s, u"--ca-file"_s, u"/nonexistent/ca.pem"_s },
                u"CA file"_s },
        { { u"--server"_s, u"mqtts://127.0.0.1:1"_s, u"--ca-file"_s, m_certs->serverKeyFile() },
                u"no PEM certificate"_s },
    };
    for (const Case &c : cases) {
        CliProcess cli;
        QVERIFY(cli.start(c.arguments
                + QStringList { u"--user"_s, u"a"_s, u"--data-dir"_s, m_data->filePath(u"a"_s) }));
        QCOMPARE(cli.waitForExit(), 2);
        QVERIFY2(cli.standardError().contains(c.complaint), qPrintable(cli.standardError()));
    }
}

void TestSecureTransports::untrustedCertificateIsAskedTrustedAndRevoked()
{
    QVERIFY(startBroker(m_certs->rogueServerCertFile(), m_certs->rogueServerKeyFile()));
    const QString dataDir = m_data->filePath(u"alice"_s);
    {
        ChatParticipant alice(u"alice"_s, m_broker->tlsUrl(), dataDir);
        alice.config().caFile = m_certs->caFile();
        QVERIFY(alice.open());
        QSignalSpy asked(alice.client.get(), &ChatClient::certificateUntrusted);
        QVERIFY(asked.wait(kWaitMs));
        // What a person needs to decide.
        const QVariantMap certificate = asked.first().first().toMap();
        QCOMPARE(certificate.value(u"sha256"_s).toString(), m_certs->rogueServerSha256());
        QCOMPARE(certificate.value(u"host"_s).toString(), u"127.0.0.1"_s);
        QCOMPARE(certificate.value(u"port"_s).toInt(), int(m_broker->tlsPort()));
        QVERIFY(!certificate.value(u"subject"_s).toString().isEmpty());
        QVERIFY(!certificate.value(u"issuer"_s).toString().isEmpty());
        QVERIFY(certificate.value(u"notAfter"_s).toDateTime() > QDateTime::currentDateTimeUtc());
        QVERIFY(!certificate.value(u"errors"_s).toStringList().isEmpty());
        QVERIFY(!certificate.value(u"chain"_s).toStringList().isEmpty());
        // The connection waits for the answer.
        QTest::qWait(300);
        QVERIFY(!alice.connected());

        alice.client->decideCertificate(ByteLink::CertificateDecision::AcceptAlways, certificate);
        QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
        const QList<ChatClient::TrustedCertificate> trusted = alice.client->trustedCertificates();
        QCOMPARE(trusted.size(), 1);
        QCOMPARE(trusted.first().sha256, m_certs->rogueServerSha256());
        QCOMPARE(trusted.first().host, u"127.0.0.1"_s);
        alice.close();
    }
    {
        // Kept in the store: the next run is not asked.
        ChatParticipant alice(u"alice"_s, m_broker->tlsUrl(), dataDir);
        alice.config().caFile = m_certs->caFile();
        QVERIFY(alice.open());
        QSignalSpy asked(alice.client.get(), &ChatClient::certificateUntrusted);
        QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
        QCOMPARE(asked.size(), 0);

        // Revoked: the connection relying on it ends, the next one asks
        // again, and a refusal stops it.
        alice.client->revokeCertificate(m_certs->rogueServerSha256());
        QVERIFY(alice.client->trustedCertificates().isEmpty());
        QSignalSpy refused(alice.client.get(), &ChatClient::certificateRefused);
        QVERIFY(asked.wait(kWaitMs));
        alice.client->decideCertificate(
                ByteLink::CertificateDecision::Refuse, asked.first().first().toMap());
        QVERIFY(refused.wait(kWaitMs));
        QVERIFY(!alice.client->session()->isRunning());
        QTest::qWait(500);
        QCOMPARE(asked.size(), 1); // no retry loop behind the user's back
        alice.client.reset();
    }
}

void TestSecureTransports::acceptOnceIsForgottenWithTheApp()
{
    QVERIFY(startBroker(m_certs->rogueServerCertFile(), m_certs->rogueServerKeyFile()));
    const QString dataDir = m_data->filePath(u"bob"_s);
    for (int run = 0; run < 2; ++run) {
        ChatParticipant bob(u"bob"_s, m_broker->wssUrl(), dataDir);
        QVERIFY(bob.open());
        QSignalSpy asked(bob.client.get(), &ChatClient::certificateUntrusted);
        QVERIFY2(asked.wait(kWaitMs), qPrintable(u"run %1"_s.arg(run)));
        bob.client->decideCertificate(
                ByteLink::CertificateDecision::AcceptOnce, asked.first().first().toMap());
        QTRY_VERIFY_WITH_TIMEOUT(bob.connected(), kWaitMs);
        QVERIFY(bob.client->trustedCertificates().isEmpty());
        // Within the run, a reconnect is not asked again.
        bob.client->connectAgain();
        QTRY_VERIFY_WITH_TIMEOUT(!bob.connected(), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(bob.connected(), kWaitMs);
        QCOMPARE(asked.size(), 1);
        bob.close();
    }
}

void TestSecureTransports::connectionInfoNamesTheTlsSession()
{
    QVERIFY(startBroker(m_certs->serverCertFile(), m_certs->serverKeyFile()));
    for (const QString &transport : { u"tls"_s, u"wss"_s }) {
        ChatParticipant carol(u"carol"_s, urlFor(transport), m_data->filePath(u"carol"_s));
        carol.config().caFile = m_certs->caFile();
        QVERIFY(carol.open());
        QTRY_VERIFY_WITH_TIMEOUT(carol.connected(), kWaitMs);
        const QVariantMap info = carol.client->connectionInfo();
        QCOMPARE(info.value(u"peerAddress"_s).toString(), u"127.0.0.1"_s);
        QCOMPARE(info.value(u"peerPort"_s).toInt(), int(urlFor(transport).port()));
        QVERIFY(info.value(u"localPort"_s).toInt() > 0);
        QCOMPARE(info.value(u"tlsProtocol"_s).toString(), u"TLS 1.3"_s);
        QVERIFY(!info.value(u"tlsCipher"_s).toString().isEmpty());
        QCOMPARE(info.value(u"peerCertificateSha256"_s).toString(), m_certs->serverSha256());
        QVERIFY(info.value(u"bytesIn"_s).toLongLong() > 0);
        QVERIFY(info.value(u"bytesOut"_s).toLongLong() > 0);
        QVERIFY2(info.value(u"url"_s).toString().startsWith(urlFor(transport).scheme()),
                qPrintable(info.value(u"url"_s).toString()));
        carol.close();
    }
}

void TestSecureTransports::cliMovesBetweenServersLive()
{
    QVERIFY(startBroker(m_certs->serverCertFile(), m_certs->serverKeyFile()));
    CliProcess alice, bob;
    QVERIFY(alice.start({ u"--server"_s, m_broker->tlsUrl().toString(), u"--ca-file"_s,
            m_certs->caFile(), u"--user"_s, u"alice"_s, u"--room"_s, u"lobby"_s, u"--data-dir"_s,
            m_data->filePath(u"alice"_s) }));
    QVERIFY(bob.start({ u"--server"_s, m_broker->url().toString(), u"--user"_s, u"bob"_s,
            u"--room"_s, u"lobby"_s, u"--data-dir"_s, m_data->filePath(u"bob"_s) }));
    QVERIFY2(alice.waitForConnected(kWaitMs), qPrintable(alice.standardError()));
    QVERIFY(bob.waitForConnected(kWaitMs));

    // Both keep talking while alice moves mqtts -> ws -> mqtt -> wss, and
    // once to an address where nothing listens.
    QStringList fromAlice, fromBob;
    int next = 0;
    auto talk = [&](int count) {
        QStringList a, b;
        for (int i = 0; i < count; ++i, ++next) {
            a.append(u"alice %1"_s.arg(next));
            b.append(u"bob %1"_s.arg(next));
        }
        alice.writeLines(a);
        bob.writeLines(b);
        fromAlice += a;
        fromBob += b;
    };
    struct Step
    {
        QUrl url;
        QString plugin; // empty: the move must fail
    };
    const QList<Step> steps {
        { m_broker->wsUrl(), u"websocket"_s },
        { m_broker->url(), u"tcp"_s },
        { QUrl(u"mqtts://127.0.0.1:%1"_s.arg(MosquittoBroker::freePort())), QString() },
        { m_broker->wssUrl(), u"websocket"_s },
    };
    for (const Step &step : steps) {
        talk(100);
        alice.writeLine(u"/server "_s + step.url.toString());
        talk(100);
        const QString state = step.plugin.isEmpty() ? u"failed"_s : u"moved"_s;
        QVERIFY2(alice.waitForEvent(
                         [&](const QJsonObject &e) {
                             return e.value(u"event"_s) == u"server"_s
                                     && e.value(u"state"_s) == state
                                     && e.value(u"url"_s) == step.url.toString();
                         },
                         kWaitMs),
                qPrintable(step.url.toString()));
        const QJsonObject event = alice.events(u"server"_s).constLast();
        if (!step.plugin.isEmpty())
            QCOMPARE(event.value(u"transport"_s).toString(), step.plugin);
        else
            QVERIFY(!event.value(u"reason"_s).toString().isEmpty());
    }
    talk(100);
    QVERIFY(bob.waitForEvent(
            [&](const QJsonObject &) {
                return bob.messageTexts(u"alice"_s).size() >= fromAlice.size();
            },
            kWaitMs));
    QVERIFY(alice.waitForEvent(
            [&](const QJsonObject &) {
                return alice.messageTexts(u"bob"_s).size() >= fromBob.size();
            },
            kWaitMs));
    // Alice never looked offline to bob while she moved (her will was not
    // published: each old connection ended by the broker's takeover).
    const QList<QJsonObject> presence = bob.events(u"presence"_s);
    alice.closeInput();
    bob.closeInput();
    QCOMPARE(alice.waitForExit(kWaitMs), 0);
    QCOMPARE(bob.waitForExit(kWaitMs), 0);
    // Nothing lost, nothing twice, in order, both ways.
    QCOMPARE(bob.messageTexts(u"alice"_s), fromAlice);
    QCOMPARE(alice.messageTexts(u"bob"_s), fromBob);
    for (const QJsonObject &event : presence) {
        if (event.value(u"user"_s) == u"alice"_s)
            QCOMPARE(event.value(u"state"_s).toString(), u"online"_s);
    }
    QCOMPARE(alice.count(u"session-lost"_s), 0);
}

void TestSecureTransports::webSocketFramesCarryOneByteStream()
{
    // A scripted WebSocket peer: MQTT packets split across frames, several
    // in one frame, a message in tiny continuation frames, then a text frame.
    QWebSocketServer server(u"scripted peer"_s, QWebSocketServer::NonSecureMode);
    server.setSupportedSubprotocols({ u"mqtt"_s });
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QPointer<QWebSocket> peer;
    QByteArray peerGot;
    connect(&server, &QWebSocketServer::newConnection, this, [&] {
        peer = server.nextPendingConnection();
        connect(peer, &QWebSocket::binaryFrameReceived, this,
                [&](const QByteArray &frame, bool) { peerGot += frame; });
    });

    QObject owner;
    auto *host = new longlink::TransportHost(&owner);
    host->setExtraFolders({ QStringLiteral(LONGLINK_BUILD_TRANSPORTS) });
    host->rescan();
    QString error;
    longlink::TransportLink *link = nullptr;
    // The plugin may still be in its check.
    QTRY_VERIFY_WITH_TIMEOUT((link = host->createLink(u"ws"_s, &owner, &error)), kWaitMs);
    QByteArray got;
    connect(link, &ByteLink::dataReceived, this, [&](const QByteArray &bytes) { got += bytes; });
    QSignalSpy opened(link, &ByteLink::opened);
    QSignalSpy closed(link, &ByteLink::closed);
    link->open(QUrl(u"ws://127.0.0.1:%1/mqtt"_s.arg(server.serverPort())),
            { { u"protocols"_s, QStringList { u"mqtt"_s } }, { u"connectTimeoutMs"_s, 5000 } });
    QVERIFY2(opened.wait(kWaitMs),
            qPrintable(closed.isEmpty() ? QString() : closed.first().at(1).toString()));
    QTRY_VERIFY_WITH_TIMEOUT(peer, kWaitMs);

    const QByteArray connack("\x20\x02\x00\x00", 4);
    const QByteArray suback("\x90\x03\x00\x01\x01", 5);
    const QByteArray pingresp("\xd0\x00", 2);
    QByteArray publish("\x30\x0c\x00\x03a/bhello, w", 14);
    peer->sendBinaryMessage(connack.left(1)); // a packet across two frames
    peer->sendBinaryMessage(connack.mid(1) + suback + pingresp); // and several in one
    peer->setOutgoingFrameSize(3); // one message in five continuation frames
    peer->sendBinaryMessage(publish);
    const QByteArray expected = connack + suback + pingresp + publish;
    QTRY_COMPARE_WITH_TIMEOUT(got, expected, kWaitMs);

    // What the client writes arrives as binary frames, in order.
    QVERIFY(link->write(QByteArray("\x10\x02", 2)));
    QVERIFY(link->write(QByteArray(5000, 'x')));
    QTRY_COMPARE_WITH_TIMEOUT(peerGot.size(), 5002, kWaitMs);
    QVERIFY(peerGot.startsWith(QByteArray("\x10\x02", 2)));

    // MQTT over WebSocket is binary: a text frame is the peer's mistake.
    peer->sendTextMessage(u"not mqtt"_s);
    QVERIFY(closed.wait(kWaitMs));
    QCOMPARE(closed.first().at(0).value<ByteLink::Error>(), ByteLink::Error::Protocol);
    QVERIFY2(closed.first().at(1).toString().contains(u"text frame"_s),
            qPrintable(closed.first().at(1).toString()));
    link->deleteLater();
}

QTEST_GUILESS_MAIN(TestSecureTransports)
#include "tst_securetransports.moc"
