#include "tcptransport.h"

#include "socketfailure.h"

#include <QtCore/QStringBuilder>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using longlink::sdk::TransportError;

namespace longlink::transports {

namespace {
constexpr int kDefaultConnectTimeoutMs = 10'000;
} // namespace

TcpTransport::TcpTransport(longlink::sdk::TransportEvents *events)
    : m_events(events), m_context(std::make_unique<QObject>())
{
    m_connectTimer.setSingleShot(true);
    QObject::connect(
            &m_connectTimer, &QTimer::timeout, m_context.get(), [this] { onConnectTimeout(); });
}

TcpTransport::~TcpTransport()
{
    m_connectTimer.stop();
    if (m_socket) {
        // Silence the socket before it dies so no event reaches a host that
        // is already tearing us down.
        QObject::disconnect(m_socket.get(), nullptr, nullptr, nullptr);
        m_socket->abort();
    }
}

void TcpTransport::open(const QUrl &endpoint, const QVariantMap &options)
{
    if (m_state != State::Idle) {
        finishLater(TransportError::Internal, tr("open() called twice on one transport"));
        return;
    }
    m_state = State::Opening;
    const QString host = endpoint.host();
    const int port = endpoint.port(1883);
    if (host.isEmpty() || port <= 0 || port > 65535) {
        finishLater(TransportError::InvalidEndpoint,
                tr("invalid TCP endpoint \"%1\"").arg(endpoint.toDisplayString()));
        return;
    }
    m_endpointText = host % u':' % QString::number(port);

    m_socket = std::make_unique<QTcpSocket>();
    QTcpSocket *socket = m_socket.get();
    connectSocketSignals();

    const int timeoutMs = options.value(u"connectTimeoutMs"_s, kDefaultConnectTimeoutMs).toInt();
    m_connectTimer.start(timeoutMs > 0 ? timeoutMs : kDefaultConnectTimeoutMs);
    socket->connectToHost(host, quint16(port));
    if (options.value(u"noDelay"_s, true).toBool())
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

bool TcpTransport::write(const QByteArray &bytes)
{
    if (m_state != State::Open)
        return false;
    return m_socket->write(bytes) == bytes.size();
}

qint64 TcpTransport::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void TcpTransport::close()
{
    if (m_state == State::Open) {
        m_state = State::Closing;
        // With nothing left to write, QTcpSocket emits disconnected() from
        // inside this call; finish() queues what comes meanwhile.
        m_insideHostCall = true;
        m_socket->disconnectFromHost(); // flushes first; disconnected() follows
        m_insideHostCall = false;
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            finishLater(TransportError::None, tr("closed"));
    } else if (m_state == State::Opening) {
        abort();
    }
}

void TcpTransport::abort()
{
    if (m_state == State::Opening || m_state == State::Open || m_state == State::Closing) {
        m_connectTimer.stop();
        QObject::disconnect(m_socket.get(), nullptr, m_context.get(), nullptr);
        m_socket->abort();
        finishLater(TransportError::None, tr("closed"));
    }
}

void TcpTransport::connectSocketSignals()
{
    QTcpSocket *socket = m_socket.get();
    QObject::connect(socket, &QTcpSocket::connected, m_context.get(), [this] { onConnected(); });
    QObject::connect(socket, &QTcpSocket::readyRead, m_context.get(), [this] { onReadyRead(); });
    QObject::connect(socket, &QTcpSocket::bytesWritten, m_context.get(),
            [this](qint64 bytes) { onBytesWritten(bytes); });
    QObject::connect(
            socket, &QTcpSocket::disconnected, m_context.get(), [this] { onDisconnected(); });
    QObject::connect(socket, &QTcpSocket::errorOccurred, m_context.get(),
            [this](QAbstractSocket::SocketError e) { onError(e); });
}

// Handover "socket-fd/1": the open TCP connection moves to another plugin
// without closing. QTcpSocket cannot let go of its descriptor, so we hand
// over a duplicate and then drop ours: closing one of two descriptors of a
// socket sends nothing to the peer.
bool TcpTransport::release(QVariantMap &state)
{
#ifdef Q_OS_UNIX
    if (m_state != State::Open || !m_socket)
        return false;
    // Push what we still hold to the kernel. QTcpSocket has no API to take
    // back its write buffer: if bytes remain, refuse (before touching
    // anything) rather than lose or reorder them; the host then reconnects.
    m_insideHostCall = true; // flush() may report written bytes
    m_socket->flush();
    m_insideHostCall = false;
    if (m_socket->bytesToWrite() > 0)
        return false;
    const int fd = ::fcntl(int(m_socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const QByteArray unread = m_socket->readAll();
    const QByteArray unsentBytes;
    state.insert(u"fd"_s, qintptr(fd));
    state.insert(u"pending"_s, unread);
    state.insert(u"unsent"_s, unsentBytes);
    state.insert(u"endpoint"_s, m_endpointText);
    QObject::disconnect(m_socket.get(), nullptr, m_context.get(), nullptr);
    m_socket->abort(); // closes our descriptor only; the duplicate keeps the connection
    m_socket.reset();
    m_state = State::Closed; // silent from now on: no transportClosed()
    return true;
#else
    Q_UNUSED(state);
    return false;
#endif
}

bool TcpTransport::adopt(const QVariantMap &state)
{
    if (m_state != State::Idle || !state.contains(u"fd"_s))
        return false;
    const qintptr fd = state.value(u"fd"_s).value<qintptr>();
    m_socket = std::make_unique<QTcpSocket>();
    if (!m_socket->setSocketDescriptor(fd, QAbstractSocket::ConnectedState, QIODevice::ReadWrite)) {
        // We own the descriptor whatever we return (see the SDK). Qt may
        // already have closed it; closing twice could hit a reused number,
        // so only close it if it is still open.
        m_socket.reset();
#ifdef Q_OS_UNIX
        if (::fcntl(int(fd), F_GETFD) != -1)
            ::close(int(fd));
#endif
        return false;
    }
    m_endpointText = state.value(u"endpoint"_s).toString();
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connectSocketSignals();
    m_state = State::Open;
    const QByteArray unsent = state.value(u"unsent"_s).toByteArray();
    if (!unsent.isEmpty())
        m_socket->write(unsent);
    const QByteArray pending = state.value(u"pending"_s).toByteArray();
    if (!pending.isEmpty()) {
        // Events never come from inside a host call (see the SDK).
        QMetaObject::invokeMethod(
                m_context.get(),
                [this, pending] {
                    if (m_state == State::Open || m_state == State::Closing)
                        m_events->transportData(pending);
                },
                Qt::QueuedConnection);
    }
    // Bytes may have arrived between release and adopt: read them now.
    QMetaObject::invokeMethod(
            m_context.get(), [this] { onReadyRead(); }, Qt::QueuedConnection);
    return true;
}

void TcpTransport::onConnected()
{
    m_connectTimer.stop();
    // Set again once connected: some platforms only honour it on an open socket.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_state = State::Open;
    m_events->transportOpened();
}

void TcpTransport::onReadyRead()
{
    if (m_state != State::Open && m_state != State::Closing)
        return;
    const QByteArray bytes = m_socket->readAll();
    if (bytes.isEmpty())
        return;
    m_bytesIn += bytes.size();
    m_events->transportData(bytes);
}

void TcpTransport::onBytesWritten(qint64 bytes)
{
    m_bytesOut += bytes;
    if (m_state != State::Open && m_state != State::Closing)
        return;
    if (!m_insideHostCall) {
        m_events->transportBytesWritten(bytes);
        return;
    }
    QMetaObject::invokeMethod(
            m_context.get(),
            [this, bytes] {
                if (m_state == State::Open || m_state == State::Closing)
                    m_events->transportBytesWritten(bytes);
            },
            Qt::QueuedConnection);
}

QVariantMap TcpTransport::connectionInfo() const
{
    QVariantMap info { { u"protocol"_s, u"tcp"_s }, { u"bytesIn"_s, m_bytesIn },
        { u"bytesOut"_s, m_bytesOut } };
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState) {
        info.insert(u"peerAddress"_s, m_socket->peerAddress().toString());
        info.insert(u"peerPort"_s, int(m_socket->peerPort()));
        info.insert(u"localAddress"_s, m_socket->localAddress().toString());
        info.insert(u"localPort"_s, int(m_socket->localPort()));
    }
    return info;
}

void TcpTransport::onDisconnected()
{
    if (m_state == State::Closing)
        finish(TransportError::None, tr("closed"));
    else if (m_state == State::Open)
        finish(TransportError::RemoteClosed, tr("the server closed the connection"));
}

void TcpTransport::onError(QAbstractSocket::SocketError error)
{
    if (m_state == State::Closed || m_state == State::Idle)
        return;
    const SocketFailure::Phase phase = m_state == State::Opening ? SocketFailure::Phase::Opening
            : m_state == State::Closing                          ? SocketFailure::Phase::Closing
                                                                 : SocketFailure::Phase::Open;
    const QString detail = m_socket->errorString();
    if (const auto failure
            = SocketFailure::describe(error, phase, m_endpointText, m_socket->peerName(), detail))
        finish(failure->error, failure->reason);
    else if (error == QAbstractSocket::RemoteHostClosedError)
        finish(TransportError::RemoteClosed, tr("the server closed the connection"));
    else
        finish(TransportError::Network, tr("network error: %1").arg(detail));
}

void TcpTransport::onConnectTimeout()
{
    if (m_state != State::Opening)
        return;
    QObject::disconnect(m_socket.get(), nullptr, m_context.get(), nullptr);
    m_socket->abort();
    finish(TransportError::Timeout,
            tr("no answer from %1 within %2 ms")
                    .arg(m_endpointText)
                    .arg(m_connectTimer.interval()));
}

void TcpTransport::finish(TransportError error, const QString &reason)
{
    if (m_state == State::Closed)
        return;
    if (m_insideHostCall) {
        finishLater(error, reason);
        return;
    }
    m_state = State::Closed;
    m_connectTimer.stop();
    m_events->transportClosed(error, reason);
}

void TcpTransport::finishLater(TransportError error, const QString &reason)
{
    // Events never come from inside a call the host made (see the SDK).
    QMetaObject::invokeMethod(
            m_context.get(), [this, error, reason] { finish(error, reason); },
            Qt::QueuedConnection);
    if (m_state != State::Closed)
        m_state = State::Closing;
}

} // namespace longlink::transports
