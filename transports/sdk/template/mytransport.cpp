#include "mytransport.h"

#include <QtCore/QMetaObject>
#include <QtCore/QUrl>

using longlink::sdk::TransportError;

namespace {
constexpr int kDefaultConnectTimeoutMs = 10'000;
} // namespace

MyTransport::MyTransport(longlink::sdk::TransportEvents *events)
    : m_events(events), m_context(std::make_unique<QObject>())
{
    m_connectTimer.setSingleShot(true);
    QObject::connect(&m_connectTimer, &QTimer::timeout, m_context.get(), [this] {
        m_socket->abort();
        finish(TransportError::Timeout, tr("no connection within the connect timeout"));
    });
}

MyTransport::~MyTransport()
{
    // Silence the socket first: ~Transport sends no event.
    if (m_socket)
        QObject::disconnect(m_socket.get(), nullptr, nullptr, nullptr);
}

void MyTransport::open(const QUrl &endpoint, const QVariantMap &options)
{
    if (m_state != State::Idle)
        return;
    m_state = State::Opening;
    const QString host = endpoint.host();
    const int port = endpoint.port(1883);
    if (host.isEmpty() || port <= 0 || port > 65535) {
        finish(TransportError::InvalidEndpoint,
                tr("\"%1\" has no usable host and port").arg(endpoint.toDisplayString()));
        return;
    }
    m_socket = std::make_unique<QTcpSocket>();
    QTcpSocket *socket = m_socket.get();
    QObject *context = m_context.get();
    QObject::connect(socket, &QTcpSocket::connected, context, [this] { onConnected(); });
    QObject::connect(socket, &QTcpSocket::readyRead, context, [this] { onReadyRead(); });
    QObject::connect(socket, &QTcpSocket::bytesWritten, context, [this](qint64 bytes) {
        post([this, bytes] { m_events->transportBytesWritten(bytes); });
    });
    QObject::connect(socket, &QTcpSocket::disconnected, context, [this] { onDisconnected(); });
    QObject::connect(socket, &QTcpSocket::errorOccurred, context,
            [this](QAbstractSocket::SocketError error) { onError(error); });

    const int timeoutMs = options.value(QStringLiteral("connectTimeoutMs")).toInt();
    m_connectTimer.start(timeoutMs > 0 ? timeoutMs : kDefaultConnectTimeoutMs);
    socket->connectToHost(host, quint16(port));
    if (options.value(QStringLiteral("noDelay"), true).toBool())
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

bool MyTransport::write(const QByteArray &bytes)
{
    if (m_state != State::Open)
        return false;
    return m_socket->write(bytes) == bytes.size();
}

qint64 MyTransport::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void MyTransport::close()
{
    if (m_state == State::Opening) {
        abort();
    } else if (m_state == State::Open) {
        m_state = State::Closing;
        m_socket->disconnectFromHost(); // writes what is queued first
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            finish(TransportError::None, tr("closed"));
    }
}

void MyTransport::abort()
{
    if (m_state == State::Opening || m_state == State::Open || m_state == State::Closing) {
        m_connectTimer.stop();
        QObject::disconnect(m_socket.get(), nullptr, m_context.get(), nullptr);
        m_socket->abort();
        finish(TransportError::None, tr("closed"));
    }
}

void MyTransport::onConnected()
{
    if (m_state != State::Opening)
        return;
    m_connectTimer.stop();
    m_state = State::Open;
    post([this] { m_events->transportOpened(); });
}

void MyTransport::onReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    if (!bytes.isEmpty() && m_state != State::Closed)
        post([this, bytes] { m_events->transportData(bytes); });
}

void MyTransport::onDisconnected()
{
    if (m_state == State::Closing)
        finish(TransportError::None, tr("closed"));
    else
        finish(TransportError::RemoteClosed, tr("the server closed the connection"));
}

void MyTransport::onError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::RemoteHostClosedError:
        onDisconnected();
        break;
    case QAbstractSocket::ConnectionRefusedError:
        finish(TransportError::ConnectionRefused, m_socket->errorString());
        break;
    case QAbstractSocket::HostNotFoundError:
        finish(TransportError::HostNotFound, m_socket->errorString());
        break;
    case QAbstractSocket::NetworkError:
        finish(m_state == State::Opening ? TransportError::HostUnreachable
                                         : TransportError::Network,
                m_socket->errorString());
        break;
    case QAbstractSocket::SocketTimeoutError:
        finish(TransportError::Timeout, m_socket->errorString());
        break;
    default:
        finish(TransportError::Network, m_socket->errorString());
        break;
    }
}

void MyTransport::finish(TransportError error, const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_connectTimer.stop();
    post([this, error, reason] {
        if (m_closedSent)
            return;
        m_closedSent = true;
        m_events->transportClosed(error, reason);
    });
}

void MyTransport::post(std::function<void()> event)
{
    // Queued on our own context object: in order, after the host's call has
    // returned, and never after the transport is deleted.
    QMetaObject::invokeMethod(m_context.get(), std::move(event), Qt::QueuedConnection);
}
