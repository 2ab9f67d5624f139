#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QUrl>
#include <QtCore/QVariantMap>

#include <memory>
#include <optional>
#include <vector>

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace longlink {

// The far end a transport under trial talks to, on 127.0.0.1: a plain TCP
// server, a TLS server with a throwaway self-signed certificate the
// transport is told to trust by its pin, or a WebSocket server. It keeps
// what each accepted connection received, and sends or closes on cue.
class TestPeer : public QObject
{
    Q_OBJECT

public:
    enum class Kind { Tcp, Tls, WebSocket };

    // The peer for a URL scheme, if there is one here.
    static std::optional<Kind> kindOf(const QString &scheme);
    // "TCP", "TLS", "WebSocket": for people.
    static QString kindName(Kind kind);

    explicit TestPeer(Kind kind, QObject *parent = nullptr);
    ~TestPeer() override;

    Kind kind() const { return m_kind; }
    bool listen();
    QString errorString() const { return m_error; }
    QUrl url(const QString &scheme) const;
    // Options a transport needs to trust this peer: {"pinSha256": [...]} for TLS.
    QVariantMap trustOptions() const;

    // Connections accepted so far, oldest first.
    int count() const { return int(m_connections.size()); }
    QByteArray received(int connection) const;
    bool isGone(int connection) const;
    void send(int connection, const QByteArray &bytes);
    // The peer closes its end of the connection.
    void closeConnection(int connection);

private:
    struct Connection
    {
        QPointer<QTcpSocket> socket; // TCP or TLS
        QPointer<QWebSocket> webSocket;
        QByteArray received;
        bool gone = false;
    };
    void accept(QTcpSocket *socket);
    void accept(QWebSocket *socket);

    Kind m_kind;
    std::unique_ptr<QTcpServer> m_server;
    std::unique_ptr<QWebSocketServer> m_webServer;
    std::vector<std::unique_ptr<Connection>> m_connections;
    QString m_error;
};

} // namespace longlink
