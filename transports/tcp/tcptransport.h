#pragma once

#include <longlink/transport.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QObject>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpSocket>

#include <memory>

namespace longlink::transports {

// A byte stream over one TCP connection, Nagle off.
class TcpTransport final : public longlink::sdk::Transport, public longlink::sdk::ConnectionInfo
{
    Q_DECLARE_TR_FUNCTIONS(longlink::transports::TcpTransport)

public:
    explicit TcpTransport(longlink::sdk::TransportEvents *events);
    ~TcpTransport() override;

    void open(const QUrl &endpoint, const QVariantMap &options) override;
    bool write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override;
    void close() override;
    void abort() override;
    bool release(QVariantMap &state) override;
    bool adopt(const QVariantMap &state) override;
    QVariantMap connectionInfo() const override;

private:
    enum class State { Idle, Opening, Open, Closing, Closed };

    void connectSocketSignals();
    void onConnected();
    void onReadyRead();
    void onBytesWritten(qint64 bytes);
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);
    void onConnectTimeout();
    // Reports the end exactly once, after which the transport is silent.
    void finish(longlink::sdk::TransportError error, const QString &reason);
    void finishLater(longlink::sdk::TransportError error, const QString &reason);

    longlink::sdk::TransportEvents *m_events;
    // Context for queued calls and signal connections: destroying it (with
    // the transport) cancels anything still pending, so nothing runs after
    // the host deletes us and unloads the library.
    std::unique_ptr<QObject> m_context;
    std::unique_ptr<QTcpSocket> m_socket;
    QTimer m_connectTimer;
    State m_state = State::Idle;
    bool m_insideHostCall = false; // events then wait for the event loop
    QString m_endpointText;
    qint64 m_bytesIn = 0;
    qint64 m_bytesOut = 0;
};

} // namespace longlink::transports
