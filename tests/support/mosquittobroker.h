#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace longlink::test {

// A real mosquitto broker owned by one test: its own loopback port, its own
// config, log and persistence file in a temporary directory.
//
// Every call blocks (bounded) instead of running an event loop, so a test
// never re-enters its own code while the broker starts or stops. The client
// under test notices a stopped broker once the test returns to the event
// loop (QTRY_*, QSignalSpy::wait, ...).
class MosquittoBroker : public QObject
{
    Q_OBJECT

public:
    explicit MosquittoBroker(QObject *parent = nullptr);
    ~MosquittoBroker() override; // stop(), falling back to kill(); removes the temp dir

    // Picks a free port on the first start, writes the config and waits (about
    // 10 s at most) until the broker accepts TCP connections on every listener.
    // Later starts keep the ports and the persistence directory.
    bool start();
    // SIGTERM, so the broker writes its persistence file, then a bounded wait.
    bool stop();
    // SIGKILL: whatever the autosave has not written yet is lost.
    void kill();
    // stop() then start(), on the same port with the same persistence file.
    bool restart();

    bool isRunning() const;
    quint16 port() const;
    QString host() const; // "127.0.0.1"
    QUrl url() const; // mqtt://127.0.0.1:<port>
    QString errorString() const;

    // Extra listeners on 127.0.0.1, each on a port of its own, picked at the
    // next start() and kept from then on like port(). Call before start() (or
    // restart() to apply). All share the broker's sessions and settings.
    //
    // MQTT over TLS. caFile is only needed to verify client certificates.
    void enableTls(const QString &certFile, const QString &keyFile, const QString &caFile = {});
    quint16 tlsPort() const; // 0 until started with TLS enabled
    QUrl tlsUrl() const; // mqtts://127.0.0.1:<tlsPort>; empty while TLS is off
    // MQTT over WebSockets. mosquitto serves MQTT on any path, but only to
    // clients asking for the "mqtt" subprotocol: without one the upgrade
    // succeeds and a CONNECT is never answered.
    void enableWebSockets();
    quint16 wsPort() const;
    QUrl wsUrl() const; // ws://127.0.0.1:<wsPort>/mqtt
    // MQTT over WebSockets over TLS.
    void enableSecureWebSockets(const QString &certFile, const QString &keyFile);
    quint16 wssPort() const;
    QUrl wssUrl() const; // wss://127.0.0.1:<wssPort>/mqtt

    // Everything the broker has logged so far, across restarts.
    QString log() const;
    // "New client connected" lines in log(), from every listener (mosquitto
    // logs WebSocket clients the same way): a transport handover that reuses
    // its MQTT connection must not change this.
    int connectionCount() const;

    // Appended to the generated config on the next start(). Later lines win
    // for single-valued options, so this can also override the defaults.
    void setExtraConfig(const QString &lines);
    QString extraConfig() const;

    QString dataDir() const;
    QString configFilePath() const;
    QString logFilePath() const;
    QString executable() const;

    // A port that was free on 127.0.0.1 a moment ago (bind to port 0, read it,
    // close). Another process may take it before it is used.
    static quint16 freePort();
    static QString findExecutable();

private:
    struct ExtraListener
    {
        bool enabled = false;
        bool websockets = false;
        QString certFile; // TLS when set
        QString keyFile;
        QString caFile;
        quint16 port = 0;
    };

    QList<quint16 *> enabledPorts(); // the plain port first
    QString portsText(); // "1883, 8883", for messages
    bool pickPorts(QList<quint16 *> *picked);
    QStringList extraListenerLines() const;
    QUrl urlFor(const QString &scheme, const ExtraListener &listener, const QString &path) const;
    bool startOnce(bool *portInUse);
    bool writeConfig();
    QString configText() const;
    QString logSince(qint64 offset) const;
    QString diagnostics() const;
    void drainOutput();
    bool waitForExit(int timeoutMs);

    QProcess *m_process = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_executable;
    QString m_extraConfig;
    QString m_errorString;
    QString m_output; // the broker's own stdout/stderr (before its log file opens)
    quint16 m_port = 0;
    ExtraListener m_tls;
    ExtraListener m_ws;
    ExtraListener m_wss;
};

} // namespace longlink::test
