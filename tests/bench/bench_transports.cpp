// The transports next to each other and next to a reference client over the
// same listeners of one mosquitto, in one run (issue 10, item 7):
//
//  1. Throughput: N messages of 100-byte text at QoS 1, one sender process to
//     one receiver process, over tcp (mqtt://), tls (mqtts://) and ws
//     (ws://.../mqtt). Longlink is longlink-cli to longlink-cli; the reference
//     is mosquitto_pub/mosquitto_sub on the same listener. The clock runs from
//     the sender's start (lines already on its stdin) to the receiver having
//     every message, connect times included on both sides.
//  2. Latency: a steady rate (200 msg/s by default) written line by line to
//     the sender's stdin; each text carries the time it was written on this
//     program's clock, read back from the receiver's stdout on the same clock.
//     p50/p99 end to end, process pipes included for both clients alike.
//  3. Dead TLS connection to resumed session: in this process, an MqttSession
//     on the tls plugin (loaded by a TransportHost from the build's transports
//     folder) reaches the broker through a small proxy that cuts every
//     connection on demand. The time from the cut to the CONNACK of the
//     resumed MQTT session, with TLS session resumption on (the default) and
//     off (link option "sessionResumption": false), and over plain tcp for
//     scale. The session's backoff is skipped (reconnectNow() as soon as it
//     notices), so what is compared is the reconnect itself: TCP connect,
//     TLS handshake, CONNECT/CONNACK. Noticing a link that died silently is
//     the keep-alive's job (up to 1.25x it) and is not measured here.
//
// WebSocket reference: mosquitto_pub/sub 2.0.11 (libmosquitto) have no
// WebSocket client, so the ws row is compared against MQTT.js (node, Debian
// package node-mqtt) over the same ws listener, and MQTT.js over tcp is shown
// next to mosquitto_pub/sub so the two references can be related. Without
// node or MQTT.js the ws row is compared against mosquitto_pub/sub over tcp,
// and the table says so.
//
// Honest expectations: on loopback TLS resumption saves one certificate
// verification and the server's signature (TLS 1.3 still does an ECDHE with
// a ticket), well under a millisecond of CPU, so the difference is small;
// the "server bytes" column shows whether the handshake really was resumed
// (no certificate sent). Nothing here asserts a time: it prints a table and
// writes bench-results.json (key "transports").
#include "benchresults.h"
#include "cliprocess.h"
#include "mosquittobroker.h"
#include "mqttsession.h"
#include "testcertificates.h"
#include "transporthost.h"
#include "transportlink.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtCore/QProcess>
#include <QtCore/QSet>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;
using longlink::MqttSession;
using longlink::test::CliProcess;
using longlink::test::MosquittoBroker;
using longlink::test::quantile;

namespace {

QElapsedTimer g_clock; // the one clock of every timestamp below

qint64 nowUs()
{
    return g_clock.nsecsElapsed() / 1000;
}

void spin(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

// "SEQ MICROSECONDS " padded with x to 100 bytes.
QByteArray makeText(int seq, qint64 us)
{
    QByteArray text = QByteArray::number(seq) + ' ' + QByteArray::number(us) + ' ';
    text += QByteArray(std::max<qsizetype>(0, 100 - text.size()), 'x');
    return text;
}

// ---------------------------------------------------------------------------
// The clients and the listeners

enum class Client { Longlink, Mosquitto, MqttJs };

// mosquitto_pub keeps 20 QoS 1 publishes in flight unless told (-M); it is
// given the window of longlink's session (MqttSession::Options::maxInflight).
// MQTT.js has no such limit.
constexpr int kInflightWindow = 500;

QString clientName(Client client)
{
    switch (client) {
    case Client::Longlink:
        return u"longlink-cli"_s;
    case Client::Mosquitto:
        return u"mosquitto_pub/sub"_s;
    case Client::MqttJs:
        return u"MQTT.js (node)"_s;
    }
    return {};
}

struct Endpoint
{
    QString transport; // tcp, tls, ws
    QUrl url; // what longlink-cli and MQTT.js are given
    quint16 port = 0; // what mosquitto_pub/sub are given (-p)
    QString caFile; // TLS only
};

// MQTT.js: "sub URL TOPIC QOS [COUNT]" prints each payload on a line of its
// own; "pub URL TOPIC QOS" publishes each line of stdin as it arrives and
// exits once every publish is acknowledged after the end of stdin, as
// mosquitto_pub -l does.
const char kMqttJsScript[] = R"js('use strict';
const mqtt = require('mqtt');
const readline = require('readline');
const [mode, url, topic, qosText, countText] = process.argv.slice(2);
const qos = Number(qosText);
const client = mqtt.connect(url, { clean: true, reconnectPeriod: 0, keepalive: 60 });
client.on('error', (error) => { process.stderr.write(String(error) + '\n'); process.exit(1); });
if (mode === 'sub') {
    const count = Number(countText || 0);
    let seen = 0;
    client.on('connect', () => client.subscribe(topic, { qos }));
    client.on('message', (_topic, payload) => {
        process.stdout.write(payload.toString() + '\n');
        if (count > 0 && ++seen >= count)
            client.end(false, () => process.exit(0));
    });
} else {
    let pending = 0;
    let ended = false;
    const finish = () => client.end(false, () => process.exit(0));
    const input = readline.createInterface({ input: process.stdin });
    input.on('line', (line) => {
        ++pending;
        client.publish(topic, line, { qos }, () => {
            if (--pending === 0 && ended)
                finish();
        });
    });
    input.on('close', () => {
        ended = true;
        if (pending === 0)
            finish();
    });
}
)js";

// Debian's node-mqtt lives in /usr/share/nodejs, which a node not built by
// Debian does not search by itself.
QProcessEnvironment nodeEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QStringList paths = environment.value(u"NODE_PATH"_s).split(u':', Qt::SkipEmptyParts);
    paths << u"/usr/share/nodejs"_s << u"/usr/lib/nodejs"_s;
    environment.insert(u"NODE_PATH"_s, paths.join(u':'));
    return environment;
}

bool mqttJsAvailable(QString *why)
{
    QProcess probe;
    probe.setProcessEnvironment(nodeEnvironment());
    probe.start(u"node"_s, { u"-e"_s, u"require('mqtt'); require('ws');"_s });
    if (!probe.waitForStarted(10'000)) {
        *why = u"node is not installed"_s;
        return false;
    }
    if (!probe.waitForFinished(20'000) || probe.exitStatus() != QProcess::NormalExit
            || probe.exitCode() != 0) {
        *why = u"node cannot load MQTT.js (package node-mqtt)"_s;
        probe.kill();
        probe.waitForFinished();
        return false;
    }
    return true;
}

struct Setup
{
    MosquittoBroker *broker = nullptr;
    QString mqttJsScript; // empty: no MQTT.js
    QString dataRoot;
    int qos = 1;
    int runNumber = 0; // makes every run's room (and topic) its own
};

// A program with the arguments for one side of one run.
struct Command
{
    QString program;
    QStringList arguments;
};

Command receiverCommand(Client client, const Endpoint &e, const QString &room, int qos, int count,
        const QString &dataDir)
{
    switch (client) {
    case Client::Longlink: {
        QStringList arguments { u"--server"_s, e.url.toString(), u"--user"_s, u"bob"_s, u"--room"_s,
            room, u"--qos"_s, QString::number(qos), u"--data-dir"_s, dataDir };
        if (!e.caFile.isEmpty())
            arguments << u"--ca-file"_s << e.caFile;
        return { CliProcess::program(), arguments };
    }
    case Client::Mosquitto: {
        QStringList arguments { u"-h"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(e.port), u"-q"_s,
            QString::number(qos), u"-t"_s, u"bench/"_s + room };
        if (count > 0)
            arguments << u"-C"_s << QString::number(count);
        if (!e.caFile.isEmpty())
            arguments << u"--cafile"_s << e.caFile;
        return { u"mosquitto_sub"_s, arguments };
    }
    case Client::MqttJs:
        return { u"node"_s,
            { QString(), u"sub"_s, e.url.toString(), u"bench/"_s + room, QString::number(qos),
                    QString::number(count) } };
    }
    return {};
}

Command senderCommand(
        Client client, const Endpoint &e, const QString &room, int qos, const QString &dataDir)
{
    switch (client) {
    case Client::Longlink: {
        QStringList arguments { u"--server"_s, e.url.toString(), u"--user"_s, u"alice"_s,
            u"--room"_s, room, u"--qos"_s, QString::number(qos), u"--data-dir"_s, dataDir };
        if (!e.caFile.isEmpty())
            arguments << u"--ca-file"_s << e.caFile;
        return { CliProcess::program(), arguments };
    }
    case Client::Mosquitto: {
        QStringList arguments { u"-h"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(e.port), u"-q"_s,
            QString::number(qos), u"-t"_s, u"bench/"_s + room, u"-l"_s, u"-M"_s,
            QString::number(kInflightWindow) };
        if (!e.caFile.isEmpty())
            arguments << u"--cafile"_s << e.caFile;
        return { u"mosquitto_pub"_s, arguments };
    }
    case Client::MqttJs:
        return { u"node"_s,
            { QString(), u"pub"_s, e.url.toString(), u"bench/"_s + room, QString::number(qos) } };
    }
    return {};
}

// One client process: its stdout split into lines for `onLine`, its stderr
// kept for the report when something goes wrong.
class Peer
{
public:
    Peer(Client client, Command command, const Setup &setup) : m_client(client)
    {
        if (client == Client::MqttJs) {
            command.arguments[0] = setup.mqttJsScript;
            m_process.setProcessEnvironment(nodeEnvironment());
        } else if (client == Client::Longlink) {
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(u"LONGLINK_LOG"_s, u"warning"_s);
            m_process.setProcessEnvironment(environment);
        }
        m_process.setProgram(command.program);
        m_process.setArguments(command.arguments);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] {
            m_buffer += m_process.readAllStandardOutput();
            qsizetype start = 0;
            for (qsizetype end; (end = m_buffer.indexOf('\n', start)) >= 0; start = end + 1) {
                if (onLine)
                    onLine(QByteArrayView(m_buffer).sliced(start, end - start));
            }
            m_buffer.remove(0, start);
        });
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process, [this] {
            m_stderr += m_process.readAllStandardError();
            if (m_stderr.size() > 64 * 1024)
                m_stderr = m_stderr.right(32 * 1024);
        });
    }
    ~Peer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    Peer(const Peer &) = delete;
    Peer &operator=(const Peer &) = delete;

    bool start(const QString &inputFile = {})
    {
        if (!inputFile.isEmpty())
            m_process.setStandardInputFile(inputFile);
        m_process.start();
        return m_process.waitForStarted(10'000);
    }
    // Ends the input, waits for the process to finish by itself, then kills it.
    void finish(int timeoutMs)
    {
        m_process.closeWriteChannel();
        CliProcess::waitUntil(
                [this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    // The text of a received message in a line of stdout, or empty when the
    // line is something else (longlink-cli prints other events too).
    QByteArray messageText(QByteArrayView line) const
    {
        if (m_client != Client::Longlink)
            return line.toByteArray();
        if (!line.contains("\"event\":\"message\""))
            return {};
        return QJsonDocument::fromJson(line.toByteArray())
                .object()
                .value(u"text"_s)
                .toString()
                .toUtf8();
    }
    bool isMessageLine(QByteArrayView line) const
    {
        return m_client != Client::Longlink || line.contains("\"event\":\"message\"");
    }
    QProcess &process() { return m_process; }
    QString errorText() const
    {
        return QString::fromUtf8(m_stderr.right(400)).trimmed().replace(u'\n', u" | "_s);
    }

    std::function<void(QByteArrayView)> onLine;

private:
    Client m_client;
    QProcess m_process;
    QByteArray m_buffer;
    QByteArray m_stderr;
};

// Starts `receiver` and returns once the broker has its connection and its
// subscription has had time to follow (the same wait for every client).
bool startAndSettle(Peer &peer, MosquittoBroker &broker, const QString &inputFile = {})
{
    const int before = broker.connectionCount();
    if (!peer.start(inputFile))
        return false;
    const bool connected = CliProcess::waitUntil(
            [&] {
                return broker.connectionCount() > before
                        || peer.process().state() == QProcess::NotRunning;
            },
            15'000);
    spin(300);
    return connected && peer.process().state() != QProcess::NotRunning;
}

// ---------------------------------------------------------------------------
// 1. Throughput

struct Throughput
{
    QString transport;
    QString client;
    int count = 0;
    int delivered = 0;
    double seconds = 0;
    QString error;
    double rate() const { return seconds > 0 ? delivered / seconds : 0; }
};

Throughput runThroughput(
        Setup &setup, Client client, const Endpoint &e, const QString &linesFile, int count)
{
    Throughput result { e.transport, clientName(client), count, 0, 0, {} };
    const QString room = u"tp%1"_s.arg(++setup.runNumber);
    const QString data = setup.dataRoot + u"/run%1"_s.arg(setup.runNumber);
    Peer receiver(
            client, receiverCommand(client, e, room, setup.qos, count, data + u"/bob"_s), setup);
    if (!startAndSettle(receiver, *setup.broker)) {
        result.error = u"receiver did not connect: "_s + receiver.errorText();
        return result;
    }
    Peer sender(client, senderCommand(client, e, room, setup.qos, data + u"/alice"_s), setup);
    const qint64 startUs = nowUs();
    if (!sender.start(linesFile)) {
        result.error = u"sender did not start"_s;
        return result;
    }
    qint64 lastUs = startUs;
    receiver.onLine = [&](QByteArrayView line) {
        if (!receiver.isMessageLine(line))
            return;
        ++result.delivered;
        lastUs = nowUs();
    };
    CliProcess::waitUntil(
            [&] {
                return result.delivered >= count
                        || (sender.process().state() == QProcess::NotRunning
                                && nowUs() - lastUs > 5'000'000);
            },
            120'000);
    result.seconds = double(lastUs - startUs) / 1e6;
    if (result.delivered < count)
        result.error = u"sender: "_s + sender.errorText() + u" receiver: "_s + receiver.errorText();
    sender.finish(30'000);
    receiver.finish(10'000);
    return result;
}

// ---------------------------------------------------------------------------
// 2. Latency

struct Latency
{
    QString transport;
    QString client;
    int sent = 0;
    int received = 0;
    QList<double> ms;
    QString error;
};

Latency runLatency(
        Setup &setup, Client client, const Endpoint &e, int rate, int messages, int warmup)
{
    Latency result { e.transport, clientName(client), 0, 0, {}, {} };
    const QString room = u"lat%1"_s.arg(++setup.runNumber);
    const QString data = setup.dataRoot + u"/run%1"_s.arg(setup.runNumber);
    Peer receiver(client, receiverCommand(client, e, room, setup.qos, 0, data + u"/bob"_s), setup);
    QSet<int> seen;
    receiver.onLine = [&](QByteArrayView line) {
        const QByteArray text = receiver.messageText(line);
        if (text.isEmpty())
            return;
        const qint64 receivedUs = nowUs();
        const QList<QByteArray> parts = text.split(' ');
        bool ok = false;
        const int seq = parts.value(0).toInt(&ok);
        if (!ok || seen.contains(seq))
            return;
        seen.insert(seq);
        ++result.received;
        if (seq >= warmup)
            result.ms.append(double(receivedUs - parts.value(1).toLongLong()) / 1000.0);
    };
    if (!startAndSettle(receiver, *setup.broker)) {
        result.error = u"receiver did not connect: "_s + receiver.errorText();
        return result;
    }
    Peer sender(client, senderCommand(client, e, room, setup.qos, data + u"/alice"_s), setup);
    if (!startAndSettle(sender, *setup.broker)) {
        result.error = u"sender did not connect: "_s + sender.errorText();
        return result;
    }
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        if (result.sent >= messages) {
            tick.stop();
            return;
        }
        sender.process().write(makeText(result.sent, nowUs()) + '\n');
        ++result.sent;
    });
    tick.start(std::max(1, 1000 / rate));
    CliProcess::waitUntil([&] { return !tick.isActive(); }, messages * 1000 / rate + 30'000);
    CliProcess::waitUntil([&] { return result.received >= result.sent; }, 10'000);
    if (result.received < result.sent)
        result.error = u"sender: "_s + sender.errorText() + u" receiver: "_s + receiver.errorText();
    sender.finish(15'000);
    receiver.finish(2'000);
    return result;
}

// ---------------------------------------------------------------------------
// 3. Dead TLS connection to resumed session

// A TCP proxy on 127.0.0.1 that can cut every connection at once and counts
// the bytes the server sent on the newest one (how a full TLS handshake, with
// the server's certificate, tells itself from a resumed one).
class CuttingProxy : public QObject
{
public:
    bool listen(quint16 targetPort)
    {
        m_targetPort = targetPort;
        connect(&m_server, &QTcpServer::newConnection, this, &CuttingProxy::accept);
        return m_server.listen(QHostAddress::LocalHost);
    }
    quint16 port() const { return m_server.serverPort(); }
    qint64 serverBytesOnNewest() const { return m_pairs.empty() ? 0 : m_pairs.back()->down; }
    void cutAll()
    {
        for (const std::unique_ptr<Pair> &pair : m_pairs) {
            for (QTcpSocket *socket : { pair->client, pair->server }) {
                QObject::disconnect(socket, nullptr, nullptr, nullptr);
                socket->abort();
                socket->deleteLater();
            }
        }
        m_pairs.clear();
    }
    ~CuttingProxy() override { cutAll(); }

private:
    struct Pair
    {
        QTcpSocket *client = nullptr;
        QTcpSocket *server = nullptr;
        QByteArray early; // from the client before the server side connected
        qint64 down = 0;
    };

    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            auto pair = std::make_unique<Pair>();
            Pair *p = pair.get();
            p->client = client;
            p->server = new QTcpSocket(this);
            client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            connect(client, &QTcpSocket::readyRead, this, [p] {
                const QByteArray bytes = p->client->readAll();
                if (p->server->state() == QAbstractSocket::ConnectedState)
                    p->server->write(bytes);
                else
                    p->early += bytes;
            });
            connect(p->server, &QTcpSocket::connected, this, [p] {
                p->server->setSocketOption(QAbstractSocket::LowDelayOption, 1);
                if (!p->early.isEmpty())
                    p->server->write(std::exchange(p->early, {}));
            });
            connect(p->server, &QTcpSocket::readyRead, this, [p] {
                const QByteArray bytes = p->server->readAll();
                p->down += bytes.size();
                p->client->write(bytes);
            });
            // One side gone: the other follows.
            connect(client, &QTcpSocket::disconnected, p->server,
                    [p] { p->server->disconnectFromHost(); });
            connect(p->server, &QTcpSocket::disconnected, client,
                    [p] { p->client->disconnectFromHost(); });
            p->server->connectToHost(QHostAddress::LocalHost, m_targetPort);
            m_pairs.push_back(std::move(pair));
        }
    }

    QTcpServer m_server;
    quint16 m_targetPort = 0;
    std::vector<std::unique_ptr<Pair>> m_pairs;
};

struct ResumeCase
{
    QString name;
    QString scheme;
    bool tls = false;
    bool resumption = false;
};

struct ResumeResult
{
    ResumeCase what;
    QList<double> ms;
    QList<double> serverBytes;
    int sessionPresent = 0;
    int failures = 0;
    QString error;
};

QList<ResumeResult> measureResume(MosquittoBroker &broker, const QString &caFile, int repeats)
{
    const QList<ResumeCase> cases {
        { u"tls, resumption on"_s, u"mqtts"_s, true, true },
        { u"tls, resumption off"_s, u"mqtts"_s, true, false },
        { u"tcp (no TLS)"_s, u"mqtt"_s, false, false },
    };
    longlink::TransportHost host;
    host.setCheckProgram({}); // the build's own plugins: load them unchecked
    host.setExtraFolders({ QStringLiteral(LONGLINK_BUILD_TRANSPORTS) });
    host.rescan();

    struct Live
    {
        ResumeResult result;
        std::unique_ptr<CuttingProxy> proxy;
        std::unique_ptr<MqttSession> session;
        int connects = 0;
        qint64 connectedUs = 0;
        bool present = false;
    };
    std::vector<std::unique_ptr<Live>> lives;
    for (const ResumeCase &c : cases) {
        auto live = std::make_unique<Live>();
        Live *l = live.get();
        l->result.what = c;
        l->proxy = std::make_unique<CuttingProxy>();
        if (!l->proxy->listen(c.tls ? broker.tlsPort() : broker.port())) {
            l->result.error = u"proxy cannot listen"_s;
            lives.push_back(std::move(live));
            continue;
        }
        const QString scheme = c.scheme;
        l->session = std::make_unique<MqttSession>(
                [&host, scheme](QObject *parent, QString *error) -> longlink::ByteLink * {
                    return host.createLink(scheme, parent, error);
                });
        MqttSession::Options options;
        options.server = QUrl(u"%1://127.0.0.1:%2"_s.arg(scheme).arg(l->proxy->port()));
        options.clientId = u"bench-resume-%1"_s.arg(lives.size());
        options.keepAliveSeconds = 60;
        if (c.tls)
            options.linkOptions
                    = { { u"caFile"_s, caFile }, { u"sessionResumption"_s, c.resumption } };
        l->session->setOptions(options);
        MqttSession *session = l->session.get();
        QObject::connect(
                session, &MqttSession::stateChanged, session, [session](MqttSession::State state) {
                    // Skip the backoff; queued: the session is inside its
                    // own scheduleReconnect() here.
                    if (state == MqttSession::State::Disconnected)
                        QTimer::singleShot(
                                0, session, [session] { session->reconnectNow(u"bench"_s); });
                });
        QObject::connect(session, &MqttSession::connected, session, [l](bool present) {
            l->connectedUs = nowUs();
            l->present = present;
            ++l->connects;
        });
        session->start();
        if (!CliProcess::waitUntil([l] { return l->connects > 0; }, 15'000))
            l->result.error = u"no first connection: "_s + session->lastError();
        lives.push_back(std::move(live));
    }

    // The cases take turns, so a slow moment of the machine hits them alike.
    for (int i = 0; i < repeats; ++i) {
        for (const std::unique_ptr<Live> &l : lives) {
            if (!l->result.error.isEmpty())
                continue;
            spin(20); // the last handshake's tickets and acknowledgements settle
            const int before = l->connects;
            const qint64 cutUs = nowUs();
            l->proxy->cutAll();
            if (!CliProcess::waitUntil([&] { return l->connects > before; }, 10'000)) {
                ++l->result.failures;
                continue;
            }
            l->result.ms.append(double(l->connectedUs - cutUs) / 1000.0);
            l->result.serverBytes.append(double(l->proxy->serverBytesOnNewest()));
            l->result.sessionPresent += l->present ? 1 : 0;
        }
    }
    QList<ResumeResult> results;
    for (const std::unique_ptr<Live> &l : lives) {
        if (l->session)
            l->session->stop();
        results.append(l->result);
    }
    spin(100);
    return results;
}

// ---------------------------------------------------------------------------

QString ratioText(double value, double reference)
{
    return reference > 0 && value > 0 ? QString::number(value / reference, 'f', 2) : u"-"_s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    g_clock.start();
    QStandardPaths::setTestModeEnabled(true);
    QLoggingCategory::setFilterRules(u"longlink.*=false"_s);
    QCommandLineParser parser;
    const QCommandLineOption countOption(
            u"count"_s, u"Messages per throughput run."_s, u"N"_s, u"20000"_s);
    const QCommandLineOption repeatOption(
            u"repeat"_s, u"Throughput runs per row; the best is kept."_s, u"N"_s, u"3"_s);
    const QCommandLineOption rateOption(
            u"rate"_s, u"Messages per second in the latency runs."_s, u"N"_s, u"200"_s);
    const QCommandLineOption secondsOption(
            u"seconds"_s, u"Length of each latency run."_s, u"S"_s, u"3"_s);
    const QCommandLineOption resumesOption(
            u"resumes"_s, u"Connections cut per case in part 3."_s, u"N"_s, u"25"_s);
    const QCommandLineOption outOption(
            u"out"_s, u"Merge results into FILE."_s, u"FILE"_s, u"bench-results.json"_s);
    parser.addOptions(
            { countOption, repeatOption, rateOption, secondsOption, resumesOption, outOption });
    parser.addHelpOption();
    parser.process(app);
    const int count = std::max(1, parser.value(countOption).toInt());
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    const int rate = std::clamp(parser.value(rateOption).toInt(), 10, 1000);
    const int seconds = std::clamp(parser.value(secondsOption).toInt(), 1, 60);
    const int resumes = std::max(1, parser.value(resumesOption).toInt());

    longlink::test::TestCertificates certificates;
    if (!certificates.create()) {
        std::fprintf(
                stderr, "cannot make certificates: %s\n", qPrintable(certificates.errorString()));
        return 1;
    }
    MosquittoBroker broker;
    // Saving after every change measures the disk, not the clients.
    broker.setExtraConfig(u"autosave_on_changes false\nautosave_interval 1800\n"_s);
    broker.enableTls(certificates.serverCertFile(), certificates.serverKeyFile());
    broker.enableWebSockets();
    if (!broker.start()) {
        std::fprintf(stderr, "cannot start mosquitto: %s\n", qPrintable(broker.errorString()));
        return 1;
    }

    QTemporaryDir dir;
    Setup setup;
    setup.broker = &broker;
    setup.dataRoot = dir.path();
    QString mqttJsWhy;
    if (mqttJsAvailable(&mqttJsWhy)) {
        setup.mqttJsScript = dir.filePath(u"mqttjs-bench.js"_s);
        QFile script(setup.mqttJsScript);
        if (!script.open(QIODevice::WriteOnly) || script.write(kMqttJsScript) < 0)
            setup.mqttJsScript.clear();
    }
    const bool haveMqttJs = !setup.mqttJsScript.isEmpty();
    const QString linesFile = dir.filePath(u"lines.txt"_s);
    {
        QByteArray lines;
        lines.reserve(qsizetype(count) * 101);
        for (int i = 0; i < count; ++i)
            lines += makeText(i, 0) + '\n';
        QFile file(linesFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(lines) < 0)
            return 1;
    }

    const Endpoint tcp { u"tcp"_s, broker.url(), broker.port(), {} };
    const Endpoint tls { u"tls"_s, broker.tlsUrl(), broker.tlsPort(), certificates.caFile() };
    const Endpoint ws { u"ws"_s, broker.wsUrl(), broker.wsPort(), {} };

    // Each row: what runs, and which row it is compared with.
    struct Row
    {
        Client client;
        Endpoint endpoint;
        int reference; // index of the reference row, -1: it is one
        QString note;
    };
    QList<Row> rows {
        { Client::Mosquitto, tcp, -1, {} },
        { Client::Longlink, tcp, 0, {} },
        { Client::Mosquitto, tls, -1, {} },
        { Client::Longlink, tls, 2, {} },
    };
    if (haveMqttJs) {
        rows.append({ Client::MqttJs, tcp, 0, u"MQTT.js against mosquitto_pub/sub, tcp"_s });
        rows.append({ Client::MqttJs, ws, -1, {} });
        rows.append({ Client::Longlink, ws, 5, {} });
    } else {
        rows.append({ Client::Longlink, ws, 0,
                u"against mosquitto_pub/sub over TCP: no WebSocket reference client"_s });
    }

    QJsonArray json;

    // 1. Throughput, best of `repeat`; the rows take turns within a round.
    QList<QList<Throughput>> runs(rows.size());
    for (int i = 0; i < repeat; ++i) {
        for (qsizetype r = 0; r < rows.size(); ++r)
            runs[r].append(
                    runThroughput(setup, rows[r].client, rows[r].endpoint, linesFile, count));
    }
    QList<Throughput> bestRuns;
    for (const QList<Throughput> &list : runs)
        bestRuns.append(*std::max_element(list.cbegin(), list.cend(),
                [](const Throughput &a, const Throughput &b) { return a.rate() < b.rate(); }));
    std::printf("\nThroughput, %d messages of 100-byte text at QoS %d, one sender process to one "
                "receiver process, best of %d\n\n",
            count, setup.qos, repeat);
    std::printf("%-4s %-18s %8s %9s %7s %9s  %-22s %s\n", "via", "client", "msg/s", "delivered",
            "ratio", "x mosq/tcp", "runs (msg/s)", "compared with");
    const double yardstick = bestRuns[0].rate(); // mosquitto_pub/sub over tcp
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const Throughput &t = bestRuns[r];
        const int ref = rows[r].reference;
        const QString ratio = ref < 0 ? u"1.00"_s : ratioText(t.rate(), bestRuns[ref].rate());
        const QString against = ref < 0
                ? u"(reference)"_s
                : (rows[r].note.isEmpty() ? bestRuns[ref].client + u", "_s + bestRuns[ref].transport
                                          : rows[r].note);
        QStringList each;
        QJsonArray eachJson;
        for (const Throughput &run : runs[r]) {
            each.append(QString::number(run.rate(), 'f', 0));
            eachJson.append(run.rate());
        }
        std::printf("%-4s %-18s %8.0f %9d %7s %9s  %-22s %s\n", qPrintable(t.transport),
                qPrintable(t.client), t.rate(), t.delivered, qPrintable(ratio),
                qPrintable(ratioText(t.rate(), yardstick)), qPrintable(each.join(u' ')),
                qPrintable(against));
        for (const Throughput &run : runs[r]) {
            if (!run.error.isEmpty())
                std::printf("     ! %s\n", qPrintable(run.error.left(300)));
        }
        json.append(QJsonObject { { u"benchmark"_s, u"throughput"_s },
                { u"transport"_s, t.transport }, { u"client"_s, t.client }, { u"qos"_s, setup.qos },
                { u"messages"_s, t.count }, { u"delivered"_s, t.delivered },
                { u"seconds"_s, t.seconds }, { u"messagesPerSecond"_s, t.rate() },
                { u"runsMessagesPerSecond"_s, eachJson },
                { u"reference"_s,
                        ref < 0 ? QJsonValue()
                                : QJsonValue(
                                        bestRuns[ref].client + u" "_s + bestRuns[ref].transport) },
                { u"ratioToReference"_s,
                        ref < 0 ? 1.0 : ratioText(t.rate(), bestRuns[ref].rate()).toDouble() },
                { u"ratioToMosquittoTcp"_s, ratioText(t.rate(), yardstick).toDouble() } });
    }

    // 2. Latency.
    const int messages = rate * seconds;
    const int warmup = std::min(20, messages / 10);
    QList<Latency> latencies;
    for (const Row &row : rows)
        latencies.append(runLatency(setup, row.client, row.endpoint, rate, messages, warmup));
    std::printf("\nLatency, %d msg/s for %d s at QoS %d (first %d left out), from the sender's "
                "stdin to the receiver's stdout\n\n",
            rate, seconds, setup.qos, warmup);
    std::printf("%-4s %-18s %9s %8s %8s %6s %6s %10s  %s\n", "via", "client", "received", "p50 ms",
            "p99 ms", "p50 x", "p99 x", "p50 x mosq", "compared with");
    const double yardstickP50 = quantile(latencies[0].ms, 0.5); // mosquitto_pub/sub over tcp
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const Latency &l = latencies[r];
        const int ref = rows[r].reference;
        const double p50 = quantile(l.ms, 0.5), p99 = quantile(l.ms, 0.99);
        const double refP50 = ref < 0 ? p50 : quantile(latencies[ref].ms, 0.5);
        const double refP99 = ref < 0 ? p99 : quantile(latencies[ref].ms, 0.99);
        const QString against = ref < 0 ? u"(reference)"_s
                : rows[r].note.isEmpty()
                ? latencies[ref].client + u", "_s + latencies[ref].transport
                : rows[r].note;
        std::printf("%-4s %-18s %4d/%-4d %8.2f %8.2f %6s %6s %10s  %s\n", qPrintable(l.transport),
                qPrintable(l.client), l.received, l.sent, p50, p99,
                qPrintable(ratioText(p50, refP50)), qPrintable(ratioText(p99, refP99)),
                qPrintable(ratioText(p50, yardstickP50)), qPrintable(against));
        if (!l.error.isEmpty())
            std::printf("     ! %s\n", qPrintable(l.error.left(300)));
        json.append(QJsonObject { { u"benchmark"_s, u"latency"_s }, { u"transport"_s, l.transport },
                { u"client"_s, l.client }, { u"qos"_s, setup.qos }, { u"rate"_s, rate },
                { u"sent"_s, l.sent }, { u"received"_s, l.received }, { u"p50Ms"_s, p50 },
                { u"p99Ms"_s, p99 }, { u"maxMs"_s, quantile(l.ms, 1.0) },
                { u"reference"_s,
                        ref < 0 ? QJsonValue()
                                : QJsonValue(latencies[ref].client + u" "_s
                                        + latencies[ref].transport) },
                { u"p50RatioToReference"_s, ratioText(p50, refP50).toDouble() },
                { u"p99RatioToReference"_s, ratioText(p99, refP99).toDouble() },
                { u"p50RatioToMosquittoTcp"_s, ratioText(p50, yardstickP50).toDouble() } });
    }

    // 3. Dead TLS connection to resumed session.
    const QList<ResumeResult> resumed = measureResume(broker, certificates.caFile(), resumes);
    std::printf("\nFrom a cut connection to the resumed MQTT session (CONNACK), in-process "
                "MqttSession, backoff skipped, %d cuts per case\n\n",
            resumes);
    std::printf("%-20s %9s %9s %9s %12s %9s %8s\n", "case", "p50 ms", "p90 ms", "max ms",
            "server bytes", "p50 x", "present");
    const double fullP50 = resumed.size() > 1 ? quantile(resumed[1].ms, 0.5) : 0;
    for (const ResumeResult &r : resumed) {
        const double p50 = quantile(r.ms, 0.5);
        std::printf("%-20s %9.2f %9.2f %9.2f %12.0f %9s %4d/%-3d\n", qPrintable(r.what.name), p50,
                quantile(r.ms, 0.9), quantile(r.ms, 1.0), quantile(r.serverBytes, 0.5),
                qPrintable(ratioText(p50, fullP50)), r.sessionPresent, int(r.ms.size()));
        if (!r.error.isEmpty() || r.failures > 0)
            std::printf("     ! %s%s\n", qPrintable(r.error),
                    r.failures > 0
                            ? qPrintable(u" %1 cuts not followed by a connection"_s.arg(r.failures))
                            : "");
        json.append(QJsonObject { { u"benchmark"_s, u"resume"_s }, { u"case"_s, r.what.name },
                { u"tls"_s, r.what.tls }, { u"sessionResumption"_s, r.what.resumption },
                { u"cuts"_s, int(r.ms.size()) }, { u"failures"_s, r.failures }, { u"p50Ms"_s, p50 },
                { u"p90Ms"_s, quantile(r.ms, 0.9) }, { u"maxMs"_s, quantile(r.ms, 1.0) },
                { u"serverBytesP50"_s, quantile(r.serverBytes, 0.5) },
                { u"sessionPresent"_s, r.sessionPresent },
                { u"p50RatioToFullHandshake"_s, ratioText(p50, fullP50).toDouble() } });
    }

    std::printf("\nratio: longlink over its reference on the same listener (msg/s: higher is "
                "better;\nlatency: lower is better); x mosq/tcp: over mosquitto_pub/sub on tcp, "
                "one yardstick\nfor every row. mosquitto_pub gets longlink's in-flight window "
                "(-M %d). longlink-cli wraps\neach text in its JSON envelope, keeps it in SQLite "
                "before sending (QoS 1) and prints\none JSON line per message received.\n",
            kInflightWindow);
    if (haveMqttJs)
        std::printf("ws: mosquitto_pub/sub 2.0.11 have no WebSocket client; the ws reference is "
                    "MQTT.js,\nshown over tcp next to mosquitto_pub/sub too.\n");
    else
        std::printf("ws: no WebSocket reference client (%s; mosquitto_pub/sub have none):\n"
                    "longlink over ws is compared with mosquitto_pub/sub over TCP.\n",
                qPrintable(mqttJsWhy));
    std::printf("resume: server bytes = what the broker sent on the new connection up to the "
                "CONNACK\n(a full TLS handshake includes its certificate); present = CONNACKs "
                "with the session\nkept; p50 x = against the full handshake (resumption off). On "
                "loopback resumption saves\nlittle: one certificate check and one signature.\n");
    longlink::test::mergeBenchResults(parser.value(outOption), u"transports"_s, json);
    std::printf("\nwritten to %s\n", qPrintable(parser.value(outOption)));
    return 0;
}
