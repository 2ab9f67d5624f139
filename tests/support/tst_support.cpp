// Proves the test fixtures themselves: a test that fails because its broker
// or proxy misbehaves should fail here first, with a clearer message.

#include "mosquittobroker.h"
#include "stallproxy.h"
#include "testcertificates.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QNetworkRequest>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslCertificateExtension>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using longlink::test::MosquittoBroker;
using longlink::test::StallProxy;
using longlink::test::TestCertificates;

namespace {

constexpr int kProcessTimeoutMs = 15'000;
constexpr int kTimeoutMs = 10'000;

// MQTT 3.1.1 CONNECT, clean session, keep-alive 60 s, no will, no credentials.
QByteArray connectPacket(const QByteArray &clientId)
{
    QByteArray body;
    body += char(0x00);
    body += char(0x04);
    body += "MQTT";
    body += char(0x04); // protocol level: 3.1.1
    body += char(0x02); // connect flags: clean session
    body += char(0x00);
    body += char(0x3c); // keep-alive: 60 s
    body += char(0x00);
    body += char(clientId.size()); // ids used here are far below 256 bytes
    body += clientId;

    QByteArray packet;
    packet += char(0x10); // CONNECT
    packet += char(body.size()); // remaining length: one byte below 128
    packet += body;
    return packet;
}

// CONNACK, session present 0, return code 0 (accepted).
const QByteArray kConnack = QByteArray::fromHex("20020000");
const QByteArray kPingReq = QByteArray::fromHex("c000");
const QByteArray kPingResp = QByteArray::fromHex("d000");

QString clientTool(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(name, { u"/usr/bin"_s });
    return path;
}

QString describe(QProcess &process)
{
    // Only stderr: stdout is what the callers compare afterwards.
    return u"%1 %2 -> exit %3; stderr: %4"_s.arg(process.program(), process.arguments().join(u' '),
            QString::number(process.exitCode()),
            QString::fromLocal8Bit(process.readAllStandardError()));
}

// Waits while running the event loop: a client that talks through a
// StallProxy needs it, since the proxy lives on this thread.
bool waitForFinished(QProcess &process, int timeoutMs = kProcessTimeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (process.state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(10);
    if (process.state() == QProcess::NotRunning)
        return true;
    process.kill();
    process.waitForFinished(5'000);
    qWarning().noquote() << "timed out:" << describe(process);
    return false;
}

QStringList hostArgs(const QString &host, quint16 port)
{
    return { u"-h"_s, host, u"-p"_s, QString::number(port), u"-V"_s, u"mqttv311"_s };
}

// What a client that pins its trust to one CA uses: that CA only, the
// system's roots left out, and the peer verified.
QSslConfiguration trustingOnly(const QString &caFile)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(QSslCertificate::fromPath(caFile, QSsl::Pem));
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return config;
}

QString sha256Hex(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
}

bool hasError(const QList<QSslError> &errors, QSslError::SslError wanted)
{
    return std::any_of(errors.cbegin(), errors.cend(),
            [wanted](const QSslError &error) { return error.error() == wanted; });
}

// A TLS connection to 127.0.0.1:port by a client trusting only caFile and,
// once encrypted, an MQTT CONNECT over it.
struct TlsOutcome
{
    bool encrypted = false;
    QList<QSslError> errors;
    QString peerSha256;
    QByteArray reply; // to the CONNECT
    QString socketError;
};

TlsOutcome connectOverTls(quint16 port, const QString &caFile, const QByteArray &clientId)
{
    TlsOutcome outcome;
    QSslSocket socket;
    socket.setSslConfiguration(trustingOnly(caFile));
    socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
    // Refused certificates abort the connection: either way the state settles.
    const bool settled = QTest::qWaitFor(
            [&] {
                return socket.isEncrypted() || socket.state() == QAbstractSocket::UnconnectedState;
            },
            kTimeoutMs);
    outcome.encrypted = socket.isEncrypted();
    outcome.errors = socket.sslHandshakeErrors();
    outcome.socketError
            = settled ? socket.errorString() : u"no TLS handshake within %1 ms"_s.arg(kTimeoutMs);
    if (!outcome.encrypted)
        return outcome;
    outcome.peerSha256 = sha256Hex(socket.peerCertificate());
    socket.write(connectPacket(clientId));
    if (!QTest::qWaitFor(
                [&] {
                    return socket.bytesAvailable() >= kConnack.size()
                            || socket.state() == QAbstractSocket::UnconnectedState;
                },
                kTimeoutMs))
        qWarning("no CONNACK over TLS within %d ms", kTimeoutMs);
    outcome.reply = socket.readAll();
    socket.disconnectFromHost();
    return outcome;
}

// A WebSocket connection asking for the "mqtt" subprotocol (MQTT 3.1.1
// section 6) and an MQTT CONNECT in one binary frame over it. caFile, when
// set, is the only CA trusted for wss://.
struct WebSocketOutcome
{
    bool connected = false;
    QString subprotocol;
    QList<QByteArray> binaryFrames; // replies, frame by frame
    int textFrames = 0;
    QList<QSslError> sslErrors;
    QString error;
};

WebSocketOutcome connectOverWebSocket(
        const QUrl &url, const QString &caFile, const QByteArray &clientId)
{
    WebSocketOutcome outcome;
    QWebSocket socket;
    if (!caFile.isEmpty())
        socket.setSslConfiguration(trustingOnly(caFile));
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
    QObject::connect(&socket, &QWebSocket::binaryMessageReceived,
            [&](const QByteArray &frame) { outcome.binaryFrames << frame; });
    QObject::connect(&socket, &QWebSocket::textMessageReceived,
            [&](const QString &) { ++outcome.textFrames; });
    QObject::connect(&socket, &QWebSocket::sslErrors,
            [&](const QList<QSslError> &errors) { outcome.sslErrors = errors; });

    QWebSocketHandshakeOptions options;
    options.setSubprotocols({ u"mqtt"_s });
    socket.open(QNetworkRequest(url), options);
    const bool settled = QTest::qWaitFor(
            [&] { return !connected.isEmpty() || !disconnected.isEmpty(); }, kTimeoutMs);
    outcome.connected = socket.state() == QAbstractSocket::ConnectedState;
    outcome.error = settled ? socket.errorString()
                            : u"no WebSocket handshake within %1 ms"_s.arg(kTimeoutMs);
    if (!outcome.connected)
        return outcome;
    outcome.subprotocol = socket.subprotocol();
    socket.sendBinaryMessage(connectPacket(clientId));
    if (!QTest::qWaitFor([&] { return !outcome.binaryFrames.isEmpty() || !disconnected.isEmpty(); },
                kTimeoutMs))
        qWarning("no CONNACK over WebSocket within %d ms", kTimeoutMs);
    socket.close();
    return outcome;
}

} // namespace

class TestSupport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void brokerStartsOnFreePort();
    void brokerReportsStartFailure();
    void pubSubExchangeOneMessage();
    void restartKeepsPortAndQueuedMessages();
    void killLosesNothingAlreadyAutosaved();
    void largeOfflineQueueStaysFast();
    void twoBrokersGetDifferentPorts();
    void proxyForwardsAndStalls();
    void proxyIsByteExact();

    void certificatesVerifyAsIntended();
    void extraListenersSpeakMqtt();
    void tlsRefusesUntrustedCertificates();
    void restartKeepsExtraListenerPorts();

private:
    // A broker with TLS, ws and wss listeners, all serving the good server
    // certificate.
    bool startWithAllListeners(MosquittoBroker &broker);

    // A durable QoS 1 subscription, so later publishes queue for it whether
    // or not its receiving client is connected yet: no timing races.
    bool subscribeDurably(
            const QString &host, quint16 port, const QString &clientId, const QString &topic);
    void startReceiver(QProcess &process, const QString &host, quint16 port,
            const QString &clientId, const QString &topic);
    bool publish(const QString &host, quint16 port, const QString &topic,
            const QStringList &payloadArgs);

    QString m_pub;
    QString m_sub;
    // Made once: a dozen openssl runs.
    std::unique_ptr<TestCertificates> m_certs;
};

void TestSupport::initTestCase()
{
    QVERIFY2(
            !MosquittoBroker::findExecutable().isEmpty(), "mosquitto not found: install mosquitto");
    m_pub = clientTool(u"mosquitto_pub"_s);
    m_sub = clientTool(u"mosquitto_sub"_s);
    QVERIFY2(!m_pub.isEmpty() && !m_sub.isEmpty(),
            "mosquitto_pub/mosquitto_sub not found: install mosquitto-clients");
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
    m_certs = std::make_unique<TestCertificates>();
    QVERIFY2(m_certs->create(), qPrintable(m_certs->errorString()));
}

bool TestSupport::startWithAllListeners(MosquittoBroker &broker)
{
    broker.enableTls(m_certs->serverCertFile(), m_certs->serverKeyFile(), m_certs->caFile());
    broker.enableWebSockets();
    broker.enableSecureWebSockets(m_certs->serverCertFile(), m_certs->serverKeyFile());
    if (broker.start())
        return true;
    qWarning().noquote() << broker.errorString();
    return false;
}

bool TestSupport::subscribeDurably(
        const QString &host, quint16 port, const QString &clientId, const QString &topic)
{
    QProcess process;
    // -c: keep the session; -E: exit once the SUBACK arrives.
    process.start(m_sub,
            hostArgs(host, port)
                    + QStringList {
                            u"-i"_s, clientId, u"-c"_s, u"-q"_s, u"1"_s, u"-t"_s, topic, u"-E"_s });
    const bool ok = waitForFinished(process) && process.exitStatus() == QProcess::NormalExit
            && process.exitCode() == 0;
    if (!ok)
        qWarning().noquote() << describe(process);
    return ok;
}

void TestSupport::startReceiver(QProcess &process, const QString &host, quint16 port,
        const QString &clientId, const QString &topic)
{
    // -C 1: exit after one message; -N: payload only, byte for byte;
    // -W: mosquitto_sub's own bound, should this test's wait ever be skipped.
    process.start(m_sub,
            hostArgs(host, port)
                    + QStringList { u"-i"_s, clientId, u"-c"_s, u"-q"_s, u"1"_s, u"-t"_s, topic,
                            u"-C"_s, u"1"_s, u"-N"_s, u"-W"_s, u"20"_s });
}

bool TestSupport::publish(
        const QString &host, quint16 port, const QString &topic, const QStringList &payloadArgs)
{
    QProcess process;
    process.start(m_pub,
            hostArgs(host, port) + QStringList { u"-q"_s, u"1"_s, u"-t"_s, topic } + payloadArgs);
    const bool ok = waitForFinished(process) && process.exitStatus() == QProcess::NormalExit
            && process.exitCode() == 0;
    if (!ok)
        qWarning().noquote() << describe(process);
    return ok;
}

void TestSupport::brokerStartsOnFreePort()
{
    MosquittoBroker broker;
    broker.setExtraConfig(u"sys_interval 5"_s);
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    QVERIFY(broker.isRunning());
    QVERIFY(broker.port() != 0);
    QCOMPARE(broker.host(), u"127.0.0.1"_s);
    QCOMPARE(broker.url(), QUrl(u"mqtt://127.0.0.1:%1"_s.arg(broker.port())));
    QVERIFY(QFileInfo(broker.dataDir()).isDir());

    QFile config(broker.configFilePath());
    QVERIFY(config.open(QIODevice::ReadOnly));
    const QByteArray configText = config.readAll();
    QVERIFY(configText.contains("\nmax_queued_messages 0\n"));
    QVERIFY(configText.contains("\nsys_interval 5\n"));

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, broker.port());
    QVERIFY2(socket.waitForConnected(kTimeoutMs), qPrintable(socket.errorString()));

    // The log is ours, with the information level that connectionCount() needs.
    QVERIFY2(broker.log().contains(u"Config loaded from"_s), qPrintable(broker.log()));
    QCOMPARE(broker.connectionCount(), 0); // a bare TCP connect is no MQTT client

    QVERIFY2(broker.stop(), qPrintable(broker.errorString()));
    QVERIFY(!broker.isRunning());
}

void TestSupport::brokerReportsStartFailure()
{
    MosquittoBroker broker;
    broker.setExtraConfig(u"no_such_option true"_s);
    QVERIFY(!broker.start());
    QVERIFY(!broker.isRunning());
    // The broker's own complaint must reach the test's failure message.
    QVERIFY2(broker.errorString().contains(u"no_such_option"_s), qPrintable(broker.errorString()));
}

void TestSupport::pubSubExchangeOneMessage()
{
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    const QString topic = u"longlink/test/exchange"_s;

    QVERIFY(subscribeDurably(broker.host(), broker.port(), u"tst-exchange-sub"_s, topic));
    QProcess receiver;
    startReceiver(receiver, broker.host(), broker.port(), u"tst-exchange-sub"_s, topic);
    QVERIFY(publish(broker.host(), broker.port(), topic, { u"-m"_s, u"hello longlink"_s }));

    QVERIFY(waitForFinished(receiver));
    QCOMPARE(receiver.exitCode(), 0);
    QCOMPARE(receiver.readAllStandardOutput(), QByteArray("hello longlink"));
    QCOMPARE(broker.connectionCount(), 3); // subscribe, receive, publish
}

void TestSupport::restartKeepsPortAndQueuedMessages()
{
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    const quint16 port = broker.port();
    const QString topic = u"longlink/test/restart"_s;

    QVERIFY(subscribeDurably(broker.host(), port, u"tst-restart-sub"_s, topic));
    QVERIFY(publish(broker.host(), port, topic, { u"-m"_s, u"kept across restart"_s }));

    QVERIFY2(broker.restart(), qPrintable(broker.errorString()));
    QCOMPARE(broker.port(), port);
    QCOMPARE(broker.url(), QUrl(u"mqtt://127.0.0.1:%1"_s.arg(port)));
    // The log survives restarts, so counts keep adding up.
    QCOMPARE(broker.log().count(u"Saving in-memory database"_s) >= 1, true);
    QCOMPARE(broker.connectionCount(), 2);

    // The message was queued for an offline session: only persistence brings it back.
    QProcess receiver;
    startReceiver(receiver, broker.host(), port, u"tst-restart-sub"_s, topic);
    QVERIFY(waitForFinished(receiver));
    QCOMPARE(receiver.exitCode(), 0);
    QCOMPARE(receiver.readAllStandardOutput(), QByteArray("kept across restart"));
    QCOMPARE(broker.connectionCount(), 3);
}

void TestSupport::killLosesNothingAlreadyAutosaved()
{
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    const quint16 port = broker.port();
    const QString topic = u"longlink/test/kill"_s;
    const QByteArray payload = "kept across SIGKILL";

    QVERIFY(subscribeDurably(broker.host(), port, u"tst-kill-sub"_s, topic));
    QVERIFY(publish(broker.host(), port, topic, { u"-m"_s, QString::fromLatin1(payload) }));

    // The autosave writes the database within a second of the change; the
    // payload is stored verbatim in it.
    const QString dbPath = broker.dataDir() + u"/mosquitto.db"_s;
    const auto savedToDisk = [&] {
        QFile db(dbPath);
        return db.open(QIODevice::ReadOnly) && db.readAll().contains(payload);
    };
    QTRY_VERIFY_WITH_TIMEOUT(savedToDisk(), kTimeoutMs);

    broker.kill();
    QVERIFY(!broker.isRunning());
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    QCOMPARE(broker.port(), port);

    QProcess receiver;
    startReceiver(receiver, broker.host(), port, u"tst-kill-sub"_s, topic);
    QVERIFY(waitForFinished(receiver));
    QCOMPARE(receiver.exitCode(), 0);
    QCOMPARE(receiver.readAllStandardOutput(), payload);
}

void TestSupport::largeOfflineQueueStaysFast()
{
    // 10,000 QoS 1 messages queued for an offline user, then fetched. With a
    // database rewritten per change this took minutes; it must take seconds
    // (the bound below is 30x what it takes here, not a measurement).
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    const QString topic = u"longlink/test/queue"_s;
    QVERIFY(subscribeDurably(broker.host(), broker.port(), u"tst-queue-sub"_s, topic));
    QByteArray lines;
    for (int i = 0; i < 10'000; ++i)
        lines += "queued " + QByteArray::number(i) + '\n';
    QProcess publisher;
    publisher.start(m_pub,
            hostArgs(broker.host(), broker.port())
                    + QStringList { u"-q"_s, u"1"_s, u"-t"_s, topic, u"-l"_s });
    QVERIFY(publisher.waitForStarted());
    publisher.write(lines);
    publisher.closeWriteChannel();
    QVERIFY(waitForFinished(publisher, 60'000));
    QCOMPARE(publisher.exitCode(), 0);

    QProcess receiver;
    receiver.start(m_sub,
            hostArgs(broker.host(), broker.port())
                    + QStringList { u"-i"_s, u"tst-queue-sub"_s, u"-c"_s, u"-q"_s, u"1"_s, u"-t"_s,
                            topic, u"-C"_s, u"10000"_s, u"-W"_s, u"60"_s });
    QVERIFY(waitForFinished(receiver, 60'000));
    QCOMPARE(receiver.exitCode(), 0);
    const QList<QByteArray> received = receiver.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(received.size(), 10'000);
    QCOMPARE(received.last(), QByteArray("queued 9999"));
}

void TestSupport::twoBrokersGetDifferentPorts()
{
    MosquittoBroker first;
    MosquittoBroker second;
    QVERIFY2(first.start(), qPrintable(first.errorString()));
    QVERIFY2(second.start(), qPrintable(second.errorString()));
    QVERIFY(first.port() != second.port());
    QVERIFY(first.dataDir() != second.dataDir());

    for (const MosquittoBroker *broker : { &first, &second }) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, broker->port());
        QVERIFY2(socket.waitForConnected(kTimeoutMs), qPrintable(socket.errorString()));
        socket.write(connectPacket("tst-two-brokers"));
        QTRY_VERIFY_WITH_TIMEOUT(socket.bytesAvailable() >= kConnack.size(), kTimeoutMs);
        QCOMPARE(socket.read(kConnack.size()), kConnack);
    }
    QCOMPARE(first.connectionCount(), 1);
    QCOMPARE(second.connectionCount(), 1);
}

void TestSupport::proxyForwardsAndStalls()
{
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    StallProxy proxy;
    QVERIFY2(proxy.listen(broker.host(), broker.port()), qPrintable(proxy.errorString()));
    QVERIFY(proxy.port() != 0 && proxy.port() != broker.port());
    QCOMPARE(proxy.url(), QUrl(u"mqtt://127.0.0.1:%1"_s.arg(proxy.port())));

    QTcpSocket first;
    first.connectToHost(QHostAddress::LocalHost, proxy.port());
    QVERIFY2(first.waitForConnected(kTimeoutMs), qPrintable(first.errorString()));
    first.write(connectPacket("tst-proxy-1"));
    QTRY_VERIFY_WITH_TIMEOUT(first.bytesAvailable() >= kConnack.size(), kTimeoutMs);
    QCOMPARE(first.readAll(), kConnack);
    QCOMPARE(proxy.connectionCount(), 1);
    QCOMPARE(broker.connectionCount(), 1);

    proxy.setStalled(true);
    QTcpSocket second;
    second.connectToHost(QHostAddress::LocalHost, proxy.port());
    QVERIFY2(second.waitForConnected(kTimeoutMs), qPrintable(second.errorString()));
    second.write(connectPacket("tst-proxy-2"));
    first.write(kPingReq); // the existing connection stalls too

    // Asserting an absence: a fixed wait is the only way.
    QTest::qWait(1'000);
    QCOMPARE(second.bytesAvailable(), 0);
    QCOMPARE(first.bytesAvailable(), 0);
    QCOMPARE(second.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(first.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(proxy.connectionCount(), 2);
    QCOMPARE(broker.connectionCount(), 1); // the second CONNECT never got through

    proxy.setStalled(false);
    QTRY_VERIFY_WITH_TIMEOUT(second.bytesAvailable() >= kConnack.size(), kTimeoutMs);
    QCOMPARE(second.readAll(), kConnack);
    QTRY_VERIFY_WITH_TIMEOUT(first.bytesAvailable() >= kPingResp.size(), kTimeoutMs);
    QCOMPARE(first.readAll(), kPingResp);
    QCOMPARE(broker.connectionCount(), 2);

    proxy.dropAll();
    QTRY_COMPARE_WITH_TIMEOUT(first.state(), QAbstractSocket::UnconnectedState, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(second.state(), QAbstractSocket::UnconnectedState, kTimeoutMs);
    QCOMPARE(proxy.activeConnectionCount(), 0);
    // The broker saw both upstream sockets go too.
    QTRY_VERIFY_WITH_TIMEOUT(broker.log().contains(u"Client tst-proxy-1 closed its connection"_s)
                    && broker.log().contains(u"Client tst-proxy-2 closed its connection"_s),
            kTimeoutMs);

    // Still listening: a fresh connection works after a drop.
    QTcpSocket third;
    third.connectToHost(QHostAddress::LocalHost, proxy.port());
    QVERIFY2(third.waitForConnected(kTimeoutMs), qPrintable(third.errorString()));
    third.write(connectPacket("tst-proxy-3"));
    QTRY_VERIFY_WITH_TIMEOUT(third.bytesAvailable() >= kConnack.size(), kTimeoutMs);
    QCOMPARE(third.readAll(), kConnack);

    // A client's close is passed on, and the link is cleaned up.
    third.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(proxy.activeConnectionCount(), 0, kTimeoutMs);
}

void TestSupport::proxyIsByteExact()
{
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    StallProxy proxy;
    QVERIFY2(proxy.listen(broker.host(), broker.port()), qPrintable(proxy.errorString()));
    const QString topic = u"longlink/test/bytes"_s;

    // Random bytes (every value, NULs included), several times the proxy's
    // read buffer, through the proxy both ways.
    QByteArray payload(300 * 1024, Qt::Uninitialized);
    QRandomGenerator generator(20240611);
    for (char &byte : payload)
        byte = char(generator.bounded(256));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(u"payload.bin"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(payload), payload.size());
    file.close();

    const QString host = u"127.0.0.1"_s;
    QVERIFY(subscribeDurably(host, proxy.port(), u"tst-bytes-sub"_s, topic));
    QProcess receiver;
    startReceiver(receiver, host, proxy.port(), u"tst-bytes-sub"_s, topic);
    QVERIFY(publish(host, proxy.port(), topic, { u"-f"_s, file.fileName() }));

    QVERIFY(waitForFinished(receiver));
    QCOMPARE(receiver.exitCode(), 0);
    const QByteArray received = receiver.readAllStandardOutput();
    QCOMPARE(received.size(), payload.size());
    QVERIFY(received == payload);
    QCOMPARE(proxy.connectionCount(), 3);
}

void TestSupport::certificatesVerifyAsIntended()
{
    // Checked offline first, so that a handshake refused below is known to be
    // about trust, not about a malformed certificate. (QSslCertificate::verify()
    // only trusts the default configuration's CAs, so chains are checked live.)
    const auto load = [](const QString &file) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(file, QSsl::Pem);
        return certificates.size() == 1 ? certificates.first() : QSslCertificate();
    };
    const QSslCertificate ca = load(m_certs->caFile());
    const QSslCertificate server = load(m_certs->serverCertFile());
    const QSslCertificate rogueCa = load(m_certs->rogueCaFile());
    const QSslCertificate rogueServer = load(m_certs->rogueServerCertFile());
    const QSslCertificate wrongName = load(m_certs->wrongNameCertFile());
    for (const QSslCertificate &certificate : { ca, server, rogueCa, rogueServer, wrongName })
        QVERIFY(!certificate.isNull());

    QVERIFY(ca.isSelfSigned());
    QVERIFY(rogueCa.isSelfSigned());
    QVERIFY(ca.subjectInfo(QSslCertificate::CommonName)
            != rogueCa.subjectInfo(QSslCertificate::CommonName));
    QCOMPARE(server.issuerInfo(QSslCertificate::CommonName),
            ca.subjectInfo(QSslCertificate::CommonName));
    QCOMPARE(wrongName.issuerInfo(QSslCertificate::CommonName),
            ca.subjectInfo(QSslCertificate::CommonName));
    QCOMPARE(rogueServer.issuerInfo(QSslCertificate::CommonName),
            rogueCa.subjectInfo(QSslCertificate::CommonName));

    // Valid since a day ago (clock skew), for 30 days.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(server.effectiveDate() <= now.addSecs(-23 * 3600));
    QVERIFY(server.expiryDate() >= now.addDays(28));

    const auto names = [](const QSslCertificate &certificate) {
        QStringList all;
        const auto alternatives = certificate.subjectAlternativeNames();
        for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it)
            all << it.value();
        all.sort();
        return all;
    };
    QStringList serverNames { u"127.0.0.1"_s, u"::1"_s, u"localhost"_s };
    serverNames.sort();
    QCOMPARE(names(server), serverNames);
    QCOMPARE(names(rogueServer), serverNames);
    QCOMPARE(names(wrongName), QStringList { u"wrong.example"_s });

    // CA:TRUE on the CAs only.
    const auto isCa = [](const QSslCertificate &certificate) {
        const QList<QSslCertificateExtension> extensions = certificate.extensions();
        for (const QSslCertificateExtension &extension : extensions) {
            if (extension.name() == u"basicConstraints"_s)
                return extension.value().toMap().value(u"ca"_s).toBool();
        }
        return false;
    };
    QVERIFY(isCa(ca));
    QVERIFY(isCa(rogueCa));
    QVERIFY(!isCa(server));
    QVERIFY(!isCa(rogueServer));
    QVERIFY(!isCa(wrongName));

    // The pinned form: 64 lowercase hex digits of the DER's SHA-256.
    QCOMPARE(m_certs->serverSha256(), sha256Hex(server));
    QCOMPARE(m_certs->rogueServerSha256(), sha256Hex(rogueServer));
    QCOMPARE(m_certs->wrongNameSha256(), sha256Hex(wrongName));
    QCOMPARE(m_certs->serverSha256().size(), 64);
    QCOMPARE(m_certs->serverSha256(), m_certs->serverSha256().toLower());
    QCOMPARE(m_certs->serverSha256(),
            QString::fromLatin1(
                    QCryptographicHash::hash(server.toDer(), QCryptographicHash::Sha256).toHex()));
    QVERIFY(m_certs->serverSha256() != m_certs->rogueServerSha256());
    QVERIFY(m_certs->serverSha256() != m_certs->wrongNameSha256());
}

void TestSupport::extraListenersSpeakMqtt()
{
    MosquittoBroker broker;
    QVERIFY(broker.tlsUrl().isEmpty() && broker.wsUrl().isEmpty() && broker.wssUrl().isEmpty());
    QVERIFY(startWithAllListeners(broker));
    const QList<quint16> ports
            = { broker.port(), broker.tlsPort(), broker.wsPort(), broker.wssPort() };
    QCOMPARE(QSet<quint16>(ports.cbegin(), ports.cend()).size(), 4);
    QVERIFY(!ports.contains(0));
    QCOMPARE(broker.tlsUrl(), QUrl(u"mqtts://127.0.0.1:%1"_s.arg(broker.tlsPort())));
    QCOMPARE(broker.wsUrl(), QUrl(u"ws://127.0.0.1:%1/mqtt"_s.arg(broker.wsPort())));
    QCOMPARE(broker.wssUrl(), QUrl(u"wss://127.0.0.1:%1/mqtt"_s.arg(broker.wssPort())));

    // Loopback only: nothing holds the same port on another loopback address,
    // as a listener on every interface would.
    for (const quint16 port : ports) {
        QTcpServer other;
        QVERIFY2(other.listen(QHostAddress(u"127.0.0.2"_s), port),
                qPrintable(u"port %1: %2"_s.arg(port).arg(other.errorString())));
    }

    const TlsOutcome tls = connectOverTls(broker.tlsPort(), m_certs->caFile(), "tst-tls");
    QVERIFY2(tls.encrypted, qPrintable(tls.socketError));
    QVERIFY(tls.errors.isEmpty());
    QCOMPARE(tls.peerSha256, m_certs->serverSha256());
    QCOMPARE(tls.reply, kConnack);

    // The CONNACK comes back in a binary frame of its own.
    const WebSocketOutcome ws = connectOverWebSocket(broker.wsUrl(), {}, "tst-ws");
    QVERIFY2(ws.connected, qPrintable(ws.error));
    QCOMPARE(ws.subprotocol, u"mqtt"_s);
    QCOMPARE(ws.binaryFrames, QList<QByteArray> { kConnack });
    QCOMPARE(ws.textFrames, 0);

    const WebSocketOutcome wss
            = connectOverWebSocket(broker.wssUrl(), m_certs->caFile(), "tst-wss");
    QVERIFY2(wss.connected, qPrintable(wss.error));
    QVERIFY(wss.sslErrors.isEmpty());
    QCOMPARE(wss.subprotocol, u"mqtt"_s);
    QCOMPARE(wss.binaryFrames, QList<QByteArray> { kConnack });

    // Every listener's clients are counted.
    QTRY_COMPARE_WITH_TIMEOUT(broker.connectionCount(), 3, kTimeoutMs);
    QVERIFY2(broker.log().contains(u"New client connected from 127.0.0.1"_s),
            qPrintable(broker.log()));
}

void TestSupport::tlsRefusesUntrustedCertificates()
{
    MosquittoBroker broker;
    broker.enableTls(m_certs->rogueServerCertFile(), m_certs->rogueServerKeyFile());
    broker.enableSecureWebSockets(m_certs->wrongNameCertFile(), m_certs->wrongNameKeyFile());
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));

    // The right names, an unknown issuer.
    const TlsOutcome rogue = connectOverTls(broker.tlsPort(), m_certs->caFile(), "tst-rogue");
    QVERIFY(!rogue.encrypted);
    QVERIFY(!rogue.errors.isEmpty());
    QVERIFY(!hasError(rogue.errors, QSslError::HostNameMismatch));
    // The same certificate is fine for a client that trusts its CA: it is the
    // trust that fails, not the certificate.
    const TlsOutcome rogueTrusted
            = connectOverTls(broker.tlsPort(), m_certs->rogueCaFile(), "tst-rogue-trusted");
    QVERIFY2(rogueTrusted.encrypted, qPrintable(rogueTrusted.socketError));
    QCOMPARE(rogueTrusted.peerSha256, m_certs->rogueServerSha256());
    QCOMPARE(rogueTrusted.reply, kConnack);

    // A trusted issuer, the wrong name: refused during the TLS handshake,
    // before any WebSocket upgrade.
    const TlsOutcome wrongName
            = connectOverTls(broker.wssPort(), m_certs->caFile(), "tst-wrong-name");
    QVERIFY(!wrongName.encrypted);
    QVERIFY(hasError(wrongName.errors, QSslError::HostNameMismatch));
    const WebSocketOutcome wss
            = connectOverWebSocket(broker.wssUrl(), m_certs->caFile(), "tst-wrong-name-ws");
    QVERIFY(!wss.connected);
    QVERIFY(hasError(wss.sslErrors, QSslError::HostNameMismatch));

    QCOMPARE(broker.connectionCount(), 1); // only the client that trusted the rogue CA
}

void TestSupport::restartKeepsExtraListenerPorts()
{
    MosquittoBroker broker;
    QVERIFY(startWithAllListeners(broker));
    const quint16 tlsPort = broker.tlsPort();
    const quint16 wsPort = broker.wsPort();
    const quint16 wssPort = broker.wssPort();

    QVERIFY2(broker.restart(), qPrintable(broker.errorString()));
    QCOMPARE(broker.tlsPort(), tlsPort);
    QCOMPARE(broker.wsPort(), wsPort);
    QCOMPARE(broker.wssPort(), wssPort);

    const TlsOutcome tls = connectOverTls(tlsPort, m_certs->caFile(), "tst-restart-tls");
    QVERIFY2(tls.encrypted, qPrintable(tls.socketError));
    QCOMPARE(tls.reply, kConnack);
    const WebSocketOutcome ws = connectOverWebSocket(broker.wsUrl(), {}, "tst-restart-ws");
    QVERIFY2(ws.connected, qPrintable(ws.error));
    QCOMPARE(ws.binaryFrames, QList<QByteArray> { kConnack });
    const WebSocketOutcome wss
            = connectOverWebSocket(broker.wssUrl(), m_certs->caFile(), "tst-restart-wss");
    QVERIFY2(wss.connected, qPrintable(wss.error));
    QCOMPARE(wss.binaryFrames, QList<QByteArray> { kConnack });
    QTRY_COMPARE_WITH_TIMEOUT(broker.connectionCount(), 3, kTimeoutMs);
}

QTEST_GUILESS_MAIN(TestSupport)
#include "tst_support.moc"
