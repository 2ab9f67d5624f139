#include "websockettransport.h"

#include "socketfailure.h"

#include <QtCore/QStringBuilder>
#include <QtNetwork/QNetworkRequest>
#include <QtNetwork/QSslCipher>
#include <QtNetwork/QSslSocket>
#include <QtWebSockets/QWebSocketHandshakeOptions>

using namespace Qt::StringLiterals;
using longlink::sdk::TransportError;

namespace longlink::transports {

namespace {
constexpr int kDefaultConnectTimeoutMs = 10'000;
constexpr int kMaxSessionTickets = 64;
} // namespace

WebSocketTransport::WebSocketTransport(
        longlink::sdk::TransportEvents *events, QHash<QString, QByteArray> *sessionTickets)
    : m_events(events), m_sessionTickets(sessionTickets), m_context(std::make_unique<QObject>())
{
    m_connectTimer.setSingleShot(true);
    QObject::connect(
            &m_connectTimer, &QTimer::timeout, m_context.get(), [this] { onConnectTimeout(); });
}

WebSocketTransport::~WebSocketTransport()
{
    m_connectTimer.stop();
    if (m_socket) {
        if (QSslSocket *tls = tlsSocket())
            QObject::disconnect(tls, nullptr, m_context.get(), nullptr);
        QObject::disconnect(m_socket.get(), nullptr, nullptr, nullptr);
        m_socket->abort();
    }
}

// Qt WebSockets does not show the TLS socket under a wss connection, and so
// neither the server's certificate chain (needed for pins and to show a
// person) nor the negotiated TLS version and cipher. QWebSocket creates that
// QSslSocket as its own child (Qt 5 and 6); without it, pins fail closed.
QSslSocket *WebSocketTransport::tlsSocket() const
{
    return m_socket && m_secure
            ? m_socket->findChild<QSslSocket *>(QString(), Qt::FindDirectChildrenOnly)
            : nullptr;
}

void WebSocketTransport::open(const QUrl &endpoint, const QVariantMap &options)
{
    if (m_state != State::Idle) {
        finishLater(TransportError::Internal, tr("open() called twice on one transport"));
        return;
    }
    m_state = State::Opening;
    const QString scheme = endpoint.scheme().toLower();
    m_secure = scheme == u"wss"_s;
    m_url = endpoint;
    if ((scheme != u"ws"_s && !m_secure) || endpoint.host().isEmpty()) {
        finishLater(TransportError::InvalidEndpoint,
                tr("invalid WebSocket endpoint \"%1\" (ws://host:port/path or wss://...)")
                        .arg(endpoint.toDisplayString()));
        return;
    }
    const bool tlsOptions = options.contains(u"caFile"_s) || options.contains(u"pinSha256"_s)
            || options.contains(u"trustedSha256"_s);
    if (!m_secure && tlsOptions) {
        // Never ignore a pin: it would look like protection that is not there.
        finishLater(TransportError::InvalidEndpoint,
                tr("certificate options need a wss:// URL, not %1")
                        .arg(endpoint.toDisplayString()));
        return;
    }
    QString error;
    if (m_secure && !m_policy.configure(options, &error)) {
        finishLater(TransportError::InvalidEndpoint, error);
        return;
    }
    m_protocols = options.value(u"protocols"_s).toStringList();

    m_socket = std::make_unique<QWebSocket>();
    QWebSocket *socket = m_socket.get();
    QObject *context = m_context.get();
    if (m_secure) {
        QSslConfiguration config = m_policy.configuration();
        const QString key = endpoint.host() % u':' % QString::number(endpoint.port(443));
        if (m_policy.resumesSessions() && m_sessionTickets->contains(key))
            config.setSessionTicket(m_sessionTickets->value(key));
        socket->setSslConfiguration(config);
        // An unverified certificate may wait for a person.
        socket->setPauseMode(QAbstractSocket::PauseOnSslErrors);
        QObject::connect(socket, &QWebSocket::sslErrors, context,
                [this](const QList<QSslError> &errors) { onSslErrors(errors); });
    }
    QObject::connect(socket, &QWebSocket::connected, context, [this] { onConnected(); });
    QObject::connect(socket, &QWebSocket::binaryFrameReceived, context,
            [this](const QByteArray &frame, bool) { onFrame(frame); });
    QObject::connect(socket, &QWebSocket::textFrameReceived, context, [this] { onTextFrame(); });
    QObject::connect(socket, &QWebSocket::bytesWritten, context,
            [this](qint64 bytes) { onBytesWritten(bytes); });
    QObject::connect(socket, &QWebSocket::disconnected, context, [this] { onDisconnected(); });
    QObject::connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), context,
            [this](QAbstractSocket::SocketError e) { onError(e); });

    const int timeoutMs = options.value(u"connectTimeoutMs"_s, kDefaultConnectTimeoutMs).toInt();
    m_connectTimer.start(timeoutMs > 0 ? timeoutMs : kDefaultConnectTimeoutMs);
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols(m_protocols);
    m_insideHostCall = true; // open() may report some errors at once
    socket->open(QNetworkRequest(endpoint), handshake);
    m_insideHostCall = false;
    if (QSslSocket *tls = tlsSocket()) {
        QObject::connect(tls, &QSslSocket::newSessionTicketReceived, context,
                [this] { keepSessionTicket(); });
    }
}

bool WebSocketTransport::write(const QByteArray &bytes)
{
    if (m_state != State::Open)
        return false;
    return m_socket->sendBinaryMessage(bytes) == bytes.size();
}

qint64 WebSocketTransport::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void WebSocketTransport::close()
{
    if (m_state == State::Open) {
        m_state = State::Closing;
        m_insideHostCall = true;
        m_socket->close(); // a close frame; disconnected() follows the server's answer
        m_insideHostCall = false;
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            finishLater(TransportError::None, tr("closed"));
    } else if (m_state == State::Opening || m_state == State::AwaitingDecision) {
        abort();
    }
}

void WebSocketTransport::abort()
{
    if (m_state == State::Opening || m_state == State::AwaitingDecision || m_state == State::Open
            || m_state == State::Closing) {
        m_connectTimer.stop();
        if (QSslSocket *tls = tlsSocket())
            QObject::disconnect(tls, nullptr, m_context.get(), nullptr);
        QObject::disconnect(m_socket.get(), nullptr, m_context.get(), nullptr);
        m_socket->abort();
        finishLater(TransportError::None, tr("closed"));
    }
}

QVariantMap WebSocketTransport::connectionInfo() const
{
    QVariantMap info { { u"protocol"_s, u"websocket"_s }, { u"url"_s, m_url.toDisplayString() },
        { u"bytesIn"_s, m_bytesIn }, { u"bytesOut"_s, m_bytesOut } };
    if (!m_socket)
        return info;
    if (m_socket->state() == QAbstractSocket::ConnectedState) {
        info.insert(u"peerAddress"_s, m_socket->peerAddress().toString());
        info.insert(u"peerPort"_s, int(m_socket->peerPort()));
        info.insert(u"localAddress"_s, m_socket->localAddress().toString());
        info.insert(u"localPort"_s, int(m_socket->localPort()));
    }
    if (QSslSocket *tls = tlsSocket(); tls && tls->isEncrypted()) {
        info.insert(u"tlsProtocol"_s, CertificatePolicy::protocolName(tls->sessionProtocol()));
        info.insert(u"tlsCipher"_s, tls->sessionCipher().name());
        if (!tls->peerCertificate().isNull())
            info.insert(u"peerCertificateSha256"_s,
                    CertificatePolicy::fingerprint(tls->peerCertificate()));
    }
    return info;
}

void WebSocketTransport::decideCertificate(longlink::sdk::CertificateDecision decision)
{
    if (m_state != State::AwaitingDecision)
        return;
    m_insideHostCall = true;
    if (decision == longlink::sdk::CertificateDecision::Refuse) {
        refuse(TransportError::Untrusted,
                tr("the certificate of %1 was not trusted").arg(m_url.host()));
    } else {
        m_state = State::Opening;
        m_connectTimer.start();
        m_socket->ignoreSslErrors();
        // Inside onSslErrors() the handshake goes on by itself; later it is
        // paused and needs resume().
        QMetaObject::invokeMethod(
                m_context.get(),
                [this] {
                    QSslSocket *tls = tlsSocket();
                    if (tls && m_state == State::Opening && !tls->isEncrypted())
                        m_socket->resume();
                },
                Qt::QueuedConnection);
    }
    m_insideHostCall = false;
}

void WebSocketTransport::onSslErrors(const QList<QSslError> &errors)
{
    if (m_state != State::Opening)
        return;
    QList<QSslCertificate> chain;
    if (QSslSocket *tls = tlsSocket())
        chain = tls->peerCertificateChain();
    QString reason;
    switch (m_policy.judge(errors, chain, &reason)) {
    case CertificatePolicy::Verdict::Accept:
        m_socket->ignoreSslErrors();
        break;
    case CertificatePolicy::Verdict::Refuse:
        refuse(TransportError::Untrusted, reason);
        break;
    case CertificatePolicy::Verdict::Ask:
        m_state = State::AwaitingDecision;
        m_connectTimer.stop();
        m_events->transportCertificateUntrusted(
                CertificatePolicy::describe(m_url.host(), m_url.port(443), chain, errors));
        break;
    }
}

void WebSocketTransport::onConnected()
{
    if (m_state != State::Opening)
        return;
    // The WebSocket upgrade is done; no byte of ours has gone out yet.
    QString reason;
    if (m_secure && m_policy.hasPins()) {
        QSslSocket *tls = tlsSocket();
        const QList<QSslCertificate> chain
                = tls ? tls->peerCertificateChain() : QList<QSslCertificate>();
        if (m_policy.judge({}, chain, &reason) == CertificatePolicy::Verdict::Refuse) {
            refuse(TransportError::Untrusted, reason);
            return;
        }
    }
    if (!m_protocols.isEmpty() && !m_protocols.contains(m_socket->subprotocol())) {
        refuse(TransportError::Protocol,
                tr("the server at %1 did not agree to the WebSocket subprotocol %2")
                        .arg(m_url.toDisplayString(), m_protocols.join(u", "_s)));
        return;
    }
    m_connectTimer.stop();
    m_state = State::Open;
    keepSessionTicket();
    m_events->transportOpened();
}

void WebSocketTransport::keepSessionTicket()
{
    QSslSocket *tls = tlsSocket();
    if (!tls || !m_policy.resumesSessions())
        return;
    const QByteArray ticket = tls->sslConfiguration().sessionTicket();
    if (ticket.isEmpty())
        return;
    if (m_sessionTickets->size() >= kMaxSessionTickets)
        m_sessionTickets->clear();
    m_sessionTickets->insert(m_url.host() % u':' % QString::number(m_url.port(443)), ticket);
}

void WebSocketTransport::onFrame(const QByteArray &frame)
{
    if (m_state != State::Open && m_state != State::Closing)
        return;
    if (frame.isEmpty())
        return;
    m_bytesIn += frame.size();
    m_events->transportData(frame);
}

void WebSocketTransport::onTextFrame()
{
    if (m_state == State::Open)
        refuse(TransportError::Protocol, tr("the server sent a text frame; the stream is binary"));
}

void WebSocketTransport::onBytesWritten(qint64 bytes)
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

void WebSocketTransport::onDisconnected()
{
    if (m_state == State::Closing) {
        finish(TransportError::None, tr("closed"));
    } else if (m_state == State::Open) {
        const QString why = m_socket->closeReason();
        finish(TransportError::RemoteClosed,
                why.isEmpty() ? tr("the server closed the WebSocket (code %1)")
                                        .arg(int(m_socket->closeCode()))
                              : tr("the server closed the WebSocket: %1").arg(why));
    } else if (m_state == State::Opening || m_state == State::AwaitingDecision) {
        // A refused or failed TCP connection is told as disconnected() first
        // and the socket's error() right after: that error names the cause
        // (ConnectionRefused, not the server's doing wrong). Only a
        // disconnect that no error explains is one of the protocol.
        QMetaObject::invokeMethod(
                m_context.get(),
                [this] {
                    if (m_state == State::Opening || m_state == State::AwaitingDecision)
                        finish(TransportError::Protocol,
                                tr("%1 closed the connection before the WebSocket opened")
                                        .arg(m_url.toDisplayString()));
                },
                Qt::QueuedConnection);
    }
}

void WebSocketTransport::onError(QAbstractSocket::SocketError error)
{
    if (m_state == State::Closed || m_state == State::Idle)
        return;
    const bool opening = m_state == State::Opening || m_state == State::AwaitingDecision;
    const SocketFailure::Phase phase = opening ? SocketFailure::Phase::Opening
            : m_state == State::Closing        ? SocketFailure::Phase::Closing
                                               : SocketFailure::Phase::Open;
    const QString endpoint = m_url.toDisplayString();
    const QString detail = m_socket->errorString();
    if (error == QAbstractSocket::ConnectionRefusedError) {
        // Qt WebSockets also reports a refused upgrade (an HTTP error) so:
        // the detail says which.
        finish(TransportError::ConnectionRefused,
                tr("%1 refused the connection: %2").arg(endpoint, detail));
    } else if (const auto failure
            = SocketFailure::describe(error, phase, endpoint, m_url.host(), detail)) {
        finish(failure->error, failure->reason);
    } else if (error == QAbstractSocket::RemoteHostClosedError) {
        finish(TransportError::Protocol,
                tr("%1 closed the connection before the WebSocket opened").arg(endpoint));
    } else {
        finish(opening ? TransportError::Protocol : TransportError::Network,
                tr("WebSocket error with %1: %2").arg(endpoint, detail));
    }
}

void WebSocketTransport::onConnectTimeout()
{
    if (m_state != State::Opening)
        return;
    QObject::disconnect(m_socket.get(), nullptr, m_context.get(), nullptr);
    m_socket->abort();
    finish(TransportError::Timeout,
            tr("no answer from %1 within %2 ms")
                    .arg(m_url.toDisplayString())
                    .arg(m_connectTimer.interval()));
}

void WebSocketTransport::refuse(TransportError error, const QString &reason)
{
    // Not from inside the socket's own signal: the abort waits for the loop.
    if (QSslSocket *tls = tlsSocket())
        QObject::disconnect(tls, nullptr, m_context.get(), nullptr);
    QObject::disconnect(m_socket.get(), nullptr, m_context.get(), nullptr);
    m_connectTimer.stop();
    QMetaObject::invokeMethod(
            m_context.get(),
            [this] {
                if (m_socket)
                    m_socket->abort();
            },
            Qt::QueuedConnection);
    finish(error, reason);
}

void WebSocketTransport::finish(TransportError error, const QString &reason)
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

void WebSocketTransport::finishLater(TransportError error, const QString &reason)
{
    // Events never come from inside a call the host made (see the SDK).
    QMetaObject::invokeMethod(
            m_context.get(), [this, error, reason] { finish(error, reason); },
            Qt::QueuedConnection);
    if (m_state != State::Closed)
        m_state = State::Closing;
}

} // namespace longlink::transports
