#pragma once

#include <longlink/transport.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QObject>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpSocket>

#include <functional>
#include <memory>

// A byte stream over one TCP connection: the smallest transport that keeps
// the whole contract (see the comment at the top of longlink/transport.h).
// Every event goes to the host through the event loop, never from inside
// one of its calls, and transportClosed() is sent exactly once.
class MyTransport final : public longlink::sdk::Transport
{
    // tr() for the reasons people read; the host installs translations.
    Q_DECLARE_TR_FUNCTIONS(MyTransport)

public:
    explicit MyTransport(longlink::sdk::TransportEvents *events);
    ~MyTransport() override;

    void open(const QUrl &endpoint, const QVariantMap &options) override;
    bool write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override;
    void close() override;
    void abort() override;

private:
    enum class State { Idle, Opening, Open, Closing, Closed };

    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);
    // Ends the stream: transportClosed() follows, once; nothing after it.
    void finish(longlink::sdk::TransportError error, const QString &reason);
    // Runs `event` from the event loop, unless the transport is gone by then.
    void post(std::function<void()> event);

    longlink::sdk::TransportEvents *m_events;
    // Owns every connection and queued call: deleting it with the transport
    // cancels whatever is pending, so no code of the plugin runs after the
    // host deletes the transport and unloads the library.
    std::unique_ptr<QObject> m_context;
    std::unique_ptr<QTcpSocket> m_socket;
    QTimer m_connectTimer;
    State m_state = State::Idle;
    bool m_closedSent = false;
};
