#pragma once

#include "certificatepolicy.h"

#include <longlink/transport.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QTimer>
#include <QtNetwork/QSslSocket>

#include <memory>

namespace longlink::transports {

// A byte stream over one TLS connection (QSslSocket). A new socket and
// configuration per connection; the certificate policy is
// CertificatePolicy's, and an unverified certificate waits for the host's
// decision with the connection paused.
class TlsTransport final : public longlink::sdk::Transport,
                           public longlink::sdk::ConnectionInfo,
                           public longlink::sdk::CertificateDecisions
{
    Q_DECLARE_TR_FUNCTIONS(longlink::transports::TlsTransport)

public:
    // `sessionTickets` (by "host:port") belongs to the factory and outlives us.
    TlsTransport(
            longlink::sdk::TransportEvents *events, QHash<QString, QByteArray> *sessionTickets);
    ~TlsTransport() override;

    void open(const QUrl &endpoint, const QVariantMap &options) override;
    bool write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override;
    void close() override;
    void abort() override;

    QVariantMap connectionInfo() const override;
    void decideCertificate(longlink::sdk::CertificateDecision decision) override;

private:
    enum class State { Idle, Opening, AwaitingDecision, Open, Closing, Closed };

    void onEncrypted();
    void onSslErrors(const QList<QSslError> &errors);
    void onReadyRead();
    void onBytesWritten(qint64 bytes);
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);
    void onConnectTimeout();
    // Where a session ticket is kept: per server and per trust configuration.
    QString ticketKey() const;
    void keepSessionTicket();
    void refuse(const QString &reason);
    // Reports the end exactly once, after which the transport is silent.
    void finish(longlink::sdk::TransportError error, const QString &reason);
    void finishLater(longlink::sdk::TransportError error, const QString &reason);

    longlink::sdk::TransportEvents *m_events;
    QHash<QString, QByteArray> *m_sessionTickets;
    // Context of every connection and queued call: it dies with us, so
    // nothing of ours runs after the host deletes us.
    std::unique_ptr<QObject> m_context;
    std::unique_ptr<QSslSocket> m_socket;
    CertificatePolicy m_policy;
    QTimer m_connectTimer;
    State m_state = State::Idle;
    bool m_insideHostCall = false; // events then wait for the event loop
    bool m_offeredTicket = false;
    QString m_host;
    int m_port = 0;
    QString m_url; // for connectionInfo()
    qint64 m_bytesIn = 0;
    qint64 m_bytesOut = 0;
};

} // namespace longlink::transports
