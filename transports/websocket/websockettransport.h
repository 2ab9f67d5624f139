#pragma once

#include "certificatepolicy.h"

#include <longlink/transport.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QTimer>
#include <QtWebSockets/QWebSocket>

#include <memory>

namespace longlink::transports {

// A byte stream over one WebSocket (ws, or wss with CertificatePolicy):
// bytes go out as binary messages, and every binary frame that comes in is
// handed on as it is. Frames carry no meaning: a packet may span several and
// one may hold several packets. A text frame is a protocol error.
class WebSocketTransport final : public longlink::sdk::Transport,
                                 public longlink::sdk::ConnectionInfo,
                                 public longlink::sdk::CertificateDecisions
{
    Q_DECLARE_TR_FUNCTIONS(longlink::transports::WebSocketTransport)

public:
    // `sessionTickets` (by "host:port") belongs to the factory and outlives us.
    WebSocketTransport(
            longlink::sdk::TransportEvents *events, QHash<QString, QByteArray> *sessionTickets);
    ~WebSocketTransport() override;

    void open(const QUrl &endpoint, const QVariantMap &options) override;
    bool write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override;
    void close() override;
    void abort() override;

    QVariantMap connectionInfo() const override;
    void decideCertificate(longlink::sdk::CertificateDecision decision) override;

private:
    enum class State { Idle, Opening, AwaitingDecision, Open, Closing, Closed };

    void onConnected();
    void onSslErrors(const QList<QSslError> &errors);
    void onFrame(const QByteArray &frame);
    void onTextFrame();
    void onBytesWritten(qint64 bytes);
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);
    void onConnectTimeout();
    void refuse(longlink::sdk::TransportError error, const QString &reason);
    void finish(longlink::sdk::TransportError error, const QString &reason);
    void finishLater(longlink::sdk::TransportError error, const QString &reason);

    // The TLS socket under a wss connection, or null (see the .cpp).
    QSslSocket *tlsSocket() const;
    void keepSessionTicket();

    longlink::sdk::TransportEvents *m_events;
    QHash<QString, QByteArray> *m_sessionTickets;
    std::unique_ptr<QObject> m_context; // dies with us, and with it every queued call
    std::unique_ptr<QWebSocket> m_socket;
    CertificatePolicy m_policy;
    QTimer m_connectTimer;
    State m_state = State::Idle;
    bool m_secure = false;
    bool m_insideHostCall = false; // events then wait for the event loop
    QUrl m_url;
    QStringList m_protocols;
    qint64 m_bytesIn = 0;
    qint64 m_bytesOut = 0;
};

} // namespace longlink::transports
