#include "mosquittobroker.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QList>
#include <QProcess>
#include <QStandardPaths>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <algorithm>
#include <csignal>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;

namespace longlink::test {

namespace {

constexpr int kStartTimeoutMs = 10'000;
constexpr int kStopTimeoutMs = 10'000;
constexpr int kKillTimeoutMs = 5'000;
constexpr int kPollMs = 50;
// A port picked by freePort() can be taken by another process before the
// broker binds it (parallel ctest); try a few fresh ones before giving up.
constexpr int kPortAttempts = 5;

const QString kLogFileName = u"mosquitto.log"_s;
const QString kConfigFileName = u"mosquitto.conf"_s;

// Logged once the broker's listeners are open (2.0: "mosquitto version 2.0.11 running").
const QString kRunningMarker = u" running\n"_s;
const QString kAddressInUse = u"Address already in use"_s;
const QString kNewClientConnected = u"New client connected"_s;
// libwebsockets does not say why it could not listen; mosquitto only logs this.
const QString kWebsocketsListenerFailed = u"Unable to create websockets listener"_s;

// Whether nothing listens on 127.0.0.1:port right now.
bool canBind(quint16 port)
{
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost, port);
}

} // namespace

MosquittoBroker::MosquittoBroker(QObject *parent) : QObject(parent), m_executable(findExecutable())
{
}

MosquittoBroker::~MosquittoBroker()
{
    // Before QObject deletes m_process: ~QProcess would SIGKILL it, and a
    // graceful stop keeps the broker's own shutdown path exercised.
    if (!stop())
        kill();
}

QString MosquittoBroker::findExecutable()
{
    // Debian puts the broker in /usr/sbin, which is not on a normal user's PATH.
    QString path = QStandardPaths::findExecutable(u"mosquitto"_s);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(u"mosquitto"_s, { u"/usr/sbin"_s, u"/usr/bin"_s });
    return path;
}

quint16 MosquittoBroker::freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

bool MosquittoBroker::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

quint16 MosquittoBroker::port() const
{
    return m_port;
}

QString MosquittoBroker::host() const
{
    return u"127.0.0.1"_s;
}

QUrl MosquittoBroker::url() const
{
    QUrl url;
    url.setScheme(u"mqtt"_s);
    url.setHost(host());
    url.setPort(m_port);
    return url;
}

void MosquittoBroker::enableTls(
        const QString &certFile, const QString &keyFile, const QString &caFile)
{
    m_tls.enabled = true;
    m_tls.certFile = certFile;
    m_tls.keyFile = keyFile;
    m_tls.caFile = caFile;
}

quint16 MosquittoBroker::tlsPort() const
{
    return m_tls.port;
}

QUrl MosquittoBroker::tlsUrl() const
{
    return urlFor(u"mqtts"_s, m_tls, QString());
}

void MosquittoBroker::enableWebSockets()
{
    m_ws.enabled = true;
    m_ws.websockets = true;
}

quint16 MosquittoBroker::wsPort() const
{
    return m_ws.port;
}

QUrl MosquittoBroker::wsUrl() const
{
    return urlFor(u"ws"_s, m_ws, u"/mqtt"_s);
}

void MosquittoBroker::enableSecureWebSockets(const QString &certFile, const QString &keyFile)
{
    m_wss.enabled = true;
    m_wss.websockets = true;
    m_wss.certFile = certFile;
    m_wss.keyFile = keyFile;
}

quint16 MosquittoBroker::wssPort() const
{
    return m_wss.port;
}

QUrl MosquittoBroker::wssUrl() const
{
    return urlFor(u"wss"_s, m_wss, u"/mqtt"_s);
}

QUrl MosquittoBroker::urlFor(
        const QString &scheme, const ExtraListener &listener, const QString &path) const
{
    if (!listener.enabled)
        return {};
    QUrl url;
    url.setScheme(scheme);
    url.setHost(host());
    url.setPort(listener.port);
    // mosquitto accepts WebSocket clients on any path; "/mqtt" is the
    // convention clients and other brokers expect.
    url.setPath(path);
    return url;
}

QList<quint16 *> MosquittoBroker::enabledPorts()
{
    QList<quint16 *> ports { &m_port };
    for (ExtraListener *listener : { &m_tls, &m_ws, &m_wss }) {
        if (listener->enabled)
            ports << &listener->port;
    }
    return ports;
}

QString MosquittoBroker::portsText()
{
    QStringList ports;
    for (const quint16 *port : enabledPorts())
        ports << QString::number(*port);
    return ports.join(u", "_s);
}

bool MosquittoBroker::pickPorts(QList<quint16 *> *picked)
{
    const QList<quint16 *> ports = enabledPorts();
    // Every picked port stays bound until the last one is picked, so the
    // kernel cannot hand out the same port twice.
    QObject held;
    for (quint16 *port : ports) {
        if (*port != 0)
            continue;
        for (int attempt = 0; *port == 0 && attempt < kPortAttempts; ++attempt) {
            auto *server = new QTcpServer(&held);
            if (!server->listen(QHostAddress::LocalHost, 0))
                break;
            // A kept port of a stopped broker is free, yet already ours.
            const quint16 candidate = server->serverPort();
            if (std::none_of(ports.cbegin(), ports.cend(),
                        [candidate](const quint16 *other) { return *other == candidate; }))
                *port = candidate;
        }
        if (*port == 0) {
            m_errorString = u"Cannot find a free port on 127.0.0.1"_s;
            return false;
        }
        picked->append(port);
    }
    return true;
}

QString MosquittoBroker::errorString() const
{
    return m_errorString;
}

QString MosquittoBroker::dataDir() const
{
    return m_dir ? m_dir->path() : QString();
}

QString MosquittoBroker::configFilePath() const
{
    return m_dir ? m_dir->filePath(kConfigFileName) : QString();
}

QString MosquittoBroker::logFilePath() const
{
    return m_dir ? m_dir->filePath(kLogFileName) : QString();
}

QString MosquittoBroker::executable() const
{
    return m_executable;
}

void MosquittoBroker::setExtraConfig(const QString &lines)
{
    m_extraConfig = lines;
}

QString MosquittoBroker::extraConfig() const
{
    return m_extraConfig;
}

QString MosquittoBroker::log() const
{
    return logSince(0);
}

QString MosquittoBroker::logSince(qint64 offset) const
{
    QFile file(logFilePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    // mosquitto opens its log for appending, so an offset stays valid across
    // restarts; fall back to the whole file should it ever be truncated.
    if (offset > file.size())
        offset = 0;
    file.seek(offset);
    return QString::fromUtf8(file.readAll());
}

int MosquittoBroker::connectionCount() const
{
    // 2.0.11 logs "New client connected from ..." for TCP, TLS and WebSocket
    // clients alike (WebSocket ones get no "New connection from" line first).
    return int(log().count(kNewClientConnected));
}

QStringList MosquittoBroker::extraListenerLines() const
{
    QStringList lines;
    for (const ExtraListener *listener : { &m_tls, &m_ws, &m_wss }) {
        if (!listener->enabled)
            continue;
        // The options after a "listener" line belong to that listener.
        lines << u"listener %1 127.0.0.1"_s.arg(listener->port);
        if (listener->websockets) {
            lines << u"protocol websockets"_s;
            // Without it libwebsockets ignores the address above and listens
            // on [::], every interface (seen with 2.0.11 on Debian 12).
            lines << u"socket_domain ipv4"_s;
        }
        if (!listener->certFile.isEmpty()) {
            lines << u"certfile %1"_s.arg(listener->certFile);
            lines << u"keyfile %1"_s.arg(listener->keyFile);
        }
        if (!listener->caFile.isEmpty())
            lines << u"cafile %1"_s.arg(listener->caFile);
    }
    return lines;
}

QString MosquittoBroker::configText() const
{
    const QString dir = m_dir->path();
    QStringList lines;
    lines << u"# Written by longlink::test::MosquittoBroker for one test run."_s;

    // Authentication options (allow_anonymous) apply to the whole broker, as
    // they did before 2.0, rather than to the listener declared next.
    lines << u"per_listener_settings false"_s;

    // Extra listeners (TLS, WebSockets) come before the plain one, so that
    // listener options in extraConfig() still apply to the plain listener.
    lines << extraListenerLines();

    // Loopback only, on a port of this test's own: parallel tests never share a
    // broker and nothing off this machine can reach it.
    lines << u"listener %1 127.0.0.1"_s.arg(m_port);

    // 2.0 refuses clients without credentials once a listener is declared;
    // the tests connect anonymously.
    lines << u"allow_anonymous true"_s;

    // Durable sessions and their queued QoS 1 messages must survive restart():
    // that is what the client's resume logic is tested against.
    lines << u"persistence true"_s;
    // mosquitto 2.0 joins this and "mosquitto.db" with a '/' itself, so the
    // trailing slash is harmless; keeping it is also right for 1.x brokers,
    // which concatenated the two verbatim.
    lines << u"persistence_location %1/"_s.arg(dir);

    // The database is saved every second. Not on every change
    // (autosave_on_changes): that rewrites the whole file per queued message,
    // and 10,000 messages for an offline user took 254 s instead of 2 s.
    // kill() loses at most the last second, as a production broker would.
    lines << u"autosave_interval 1"_s;
    lines << u"autosave_on_changes false"_s;

    // Small MQTT packets (PUBACK, PINGRESP) must not wait for Nagle's
    // algorithm, or latency measured in the tests is the broker's batching.
    lines << u"set_tcp_nodelay true"_s;

    // Per client, the QoS 1/2 messages held beyond those in flight. The 2.0
    // default of 1000 silently drops the excess for a slow or offline client,
    // which would look like a client bug. 0 means "no maximum" here (see
    // mosquitto.conf(5); max_queued_bytes already defaults to 0, "no
    // maximum", and the broker only caps the queue when either is non-zero).
    lines << u"max_queued_messages 0"_s;

    // QoS 1/2 messages the broker sends to one MQTT 3.1.1 client without an
    // acknowledgement yet. The default of 20 throttles a client that receives
    // a burst; 0 would mean unlimited, but a finite bound keeps a runaway test
    // visible. MQTT 5 clients set this themselves with Receive Maximum.
    lines << u"max_inflight_messages 1000"_s;

    // Without it durable sessions never expire; a day is far beyond any test
    // and still lets the broker clean up after a client that never returns.
    lines << u"persistent_client_expiration 1d"_s;

    // A file of our own, read by log() and connectionCount().
    lines << u"log_dest file %1/%2"_s.arg(dir, kLogFileName);
    // "all" (debug, every packet) is too chatty under load. mosquitto 2.0.11
    // reads only the first type on a log_type line, so each needs its own line:
    // "log_type error warning notice information" silently logs errors only.
    lines << u"log_type error"_s;
    lines << u"log_type warning"_s;
    lines << u"log_type notice"_s;
    lines << u"log_type information"_s;
    // "New client connected" lines are what connectionCount() counts.
    lines << u"connection_messages true"_s;
    lines << u"log_timestamp true"_s;

    // As root (this project's CI and developer machines), mosquitto 2.0 drops
    // to user "mosquitto", which can neither write the log nor the database in
    // our 0700 root-owned QTemporaryDir: the broker still runs but logs nothing
    // and persists nothing. "user root" keeps it as root instead (mosquitto then
    // only warns on stderr). As any other user the option has no effect, so it
    // is only written when needed.
    if (::geteuid() == 0)
        lines << u"user root"_s;

    if (!m_extraConfig.isEmpty()) {
        lines << u"# Extra configuration from the test:"_s;
        lines << m_extraConfig;
    }
    return lines.join(u'\n') + u'\n';
}

bool MosquittoBroker::writeConfig()
{
    QFile file(configFilePath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        m_errorString = u"Cannot write %1: %2"_s.arg(file.fileName(), file.errorString());
        return false;
    }
    const QByteArray text = configText().toUtf8();
    if (file.write(text) != text.size() || !file.flush()) {
        m_errorString = u"Cannot write %1: %2"_s.arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

bool MosquittoBroker::start()
{
    if (isRunning())
        return true;
    m_errorString.clear();

    if (m_executable.isEmpty()) {
        m_errorString = u"mosquitto not found (looked on PATH, /usr/sbin and /usr/bin);"
                        " install the mosquitto package"_s;
        return false;
    }

    if (!m_dir) {
        m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/longlink-mosquitto-XXXXXX"_s);
        if (!m_dir->isValid()) {
            m_errorString = u"Cannot create a temporary directory: %1"_s.arg(m_dir->errorString());
            m_dir.reset();
            return false;
        }
    }

    // Only ports picked by this very call may be replaced when one turns out to
    // be taken: once the broker has run, its ports are part of the test's setup
    // (restart() and kill()+start() promise the same URLs).
    QList<quint16 *> pickedNow;
    if (!pickPorts(&pickedNow))
        return false;

    for (int attempt = 1;; ++attempt) {
        bool portInUse = false;
        if (startOnce(&portInUse))
            return true;
        if (!portInUse || pickedNow.isEmpty() || attempt >= kPortAttempts)
            return false;
        for (quint16 *port : std::as_const(pickedNow))
            *port = 0;
        pickedNow.clear();
        if (!pickPorts(&pickedNow))
            return false;
    }
}

bool MosquittoBroker::startOnce(bool *portInUse)
{
    *portInUse = false;
    if (!writeConfig())
        return false;

    const qint64 logOffset = QFileInfo(logFilePath()).size();
    m_output.clear();

    delete m_process;
    m_process = new QProcess(this);
    m_process->setProgram(m_executable);
    m_process->setArguments({ u"-c"_s, configFilePath() });
    m_process->setWorkingDirectory(m_dir->path());
    m_process->setProcessChannelMode(QProcess::MergedChannels);
#ifdef Q_OS_LINUX
    // A test that crashes or is killed by a ctest timeout must not leave a
    // broker running behind it. The signal follows the *thread* that started
    // the broker, so start it from a thread that lives as long as the test.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
    connect(m_process, &QProcess::readyReadStandardOutput, this, &MosquittoBroker::drainOutput);

    m_process->start();
    if (!m_process->waitForStarted(kStartTimeoutMs)) {
        m_errorString = u"Cannot start %1: %2"_s.arg(m_executable, m_process->errorString());
        return false;
    }

    const QDeadlineTimer deadline(kStartTimeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() == QProcess::NotRunning || m_process->waitForFinished(kPollMs)) {
            // The broker is gone, so a WebSocket port that cannot be bound now
            // was taken by someone else (not, say, refused for a bad certificate).
            const auto websocketPortTaken = [this] {
                return (m_ws.enabled && !canBind(m_ws.port))
                        || (m_wss.enabled && !canBind(m_wss.port));
            };
            drainOutput();
            const QString newLog = logSince(logOffset);
            *portInUse = newLog.contains(kAddressInUse) || m_output.contains(kAddressInUse)
                    || (newLog.contains(kWebsocketsListenerFailed) && websocketPortTaken());
            m_errorString = u"mosquitto exited during start (exit code %1) on ports %2.\n%3"_s.arg(
                    QString::number(m_process->exitCode()), portsText(), diagnostics());
            return false;
        }
        // Wait for the broker's own "running" line first: a bare TCP connect
        // could reach another process that took the port meanwhile.
        if (!logSince(logOffset).contains(kRunningMarker))
            continue;
        // Every listener, TLS and WebSocket ones included: a TCP connect is
        // enough to know it is open, and connectionCount() does not count it.
        bool allAccept = true;
        for (const quint16 *port : enabledPorts()) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, *port);
            if (!probe.waitForConnected(
                        qMax(qint64(1), qMin(qint64(1000), deadline.remainingTime())))) {
                allAccept = false;
                break;
            }
            probe.abort();
        }
        if (allAccept)
            return true;
    }

    m_errorString
            = u"mosquitto did not accept connections on 127.0.0.1 ports %1 within %2 ms.\n%3"_s.arg(
                    portsText(), QString::number(kStartTimeoutMs), diagnostics());
    kill();
    return false;
}

bool MosquittoBroker::stop()
{
    if (!isRunning())
        return true;
    // SIGTERM: mosquitto saves its database and logs "terminating" on the way out.
    m_process->terminate();
    if (waitForExit(kStopTimeoutMs)) {
        if (m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0)
            return true;
        m_errorString = u"mosquitto exited with code %1 on SIGTERM.\n%2"_s.arg(
                QString::number(m_process->exitCode()), diagnostics());
        return false;
    }
    m_errorString = u"mosquitto did not stop within %1 ms of SIGTERM; killed it.\n%2"_s.arg(
            QString::number(kStopTimeoutMs), diagnostics());
    kill();
    return false;
}

void MosquittoBroker::kill()
{
    if (!isRunning())
        return;
    m_process->kill();
    waitForExit(kKillTimeoutMs);
}

bool MosquittoBroker::restart()
{
    return stop() && start();
}

bool MosquittoBroker::waitForExit(int timeoutMs)
{
    const bool exited
            = m_process->state() == QProcess::NotRunning || m_process->waitForFinished(timeoutMs);
    drainOutput();
    return exited;
}

void MosquittoBroker::drainOutput()
{
    if (m_process)
        m_output += QString::fromLocal8Bit(m_process->readAllStandardOutput());
}

QString MosquittoBroker::diagnostics() const
{
    QString text = u"command: %1 -c %2\n"_s.arg(m_executable, configFilePath());
    // mosquitto reports config errors by line number.
    if (m_dir)
        text += u"--- config ---\n"_s + configText();
    if (!m_output.isEmpty())
        text += u"--- broker output ---\n"_s + m_output;
    const QString logText = log();
    if (!logText.isEmpty()) {
        // The tail is what explains a failure; the whole log can be long.
        constexpr qsizetype kTail = 4000;
        text += u"--- %1 (last %2 characters) ---\n"_s.arg(logFilePath(), QString::number(kTail))
                + logText.right(kTail);
    }
    return text;
}

} // namespace longlink::test
