#include "tlstransport.h"

#include "socketfailure.h"

#include <QtCore/QStringBuilder>
#include <QtNetwork/QSslCipher>

using namespace Qt::StringLiterals;
using longlink::sdk::TransportError;

namespace longlink::transports {

namespace {
constexpr int kDefaultConnectTimeoutMs = 10'000;
constexpr int kDefaultPort = 8883;
// Servers we keep a session ticket for; a client talks to a handful.
constexpr int kMaxSessionTickets = 64;
} // namespace

TlsTransport::TlsTransport(
        longlink::sdk::TransportEvents *events, QHash<QString, QByteArray> *sessionTickets)
    : m_events(events), m_sessionTickets(sessionTickets), m_context(std::make_unique<QObject>())
{
    m_connectTimer.setSingleShot(true);
    QObject::connect(
            &m_connectTimer, &QTimer::timeout, m_context.get(), [this] { onConnectTimeout(); });
}

TlsTransport::~TlsTransport()
{
    m_connectTimer.stop();
    if (m_socket) {
        // Silence the socket before it dies so no event reaches a host that
        // is already tearing us down.
        QObject::disconnect(m_socket.get(), nullptr, nullptr, nullptr);
        m_socket->abort();
    }
}

void TlsTransport::open(const QUrl &endpoint, const QVariantMap &options)
{
    if (m_state != State::Idle) {
        finishLater(TransportError::Internal, tr("open() called twice on one transport"));
        return;
    }
    m_state = State::Opening;
    m_host = endpoint.host();
    m_url = endpoint.toDisplayString(QUrl::RemoveUserInfo);
    m_port = endpoint.port(kDefaultPort);
    if (m_host.isEmpty() || m_port <= 0 || m_port > 65535) {
        finishLater(TransportError::InvalidEndpoint,
                tr("invalid TLS endpoint \"%1\"").arg(endpoint.toDisplayString()));
        return;
    }
    QString error;
    if (!m_policy.configure(options, &error)) {
        finishLater(TransportError::InvalidEndpoint, error);
        return;
    }

    // A fresh socket and configuration for every connection: nothing of an
    // earlier handshake leaks in but the session ticket.
    m_socket = std::make_unique<QSslSocket>();
    QSslSocket *socket = m_socket.get();
    QSslConfiguration config = m_policy.configuration();
    const QString key = ticketKey();
    if (m_policy.resumesSessions() && m_sessionTickets->contains(key)) {
        config.setSessionTicket(m_sessionTickets->value(key));
        m_offeredTicket = true;
    }
    socket->setSslConfiguration(config);
    // An unverified certificate may wait for a person: the handshake pauses
    // instead of failing (resume() or abort() ends the pause).
    socket->setPauseMode(QAbstractSocket::PauseOnSslErrors);

    QObject *context = m_context.get();
    QObject::connect(socket, &QSslSocket::encrypted, context, [this] { onEncrypted(); });
    QObject::connect(socket, &QSslSocket::sslErrors, context,
            [this](const QList<QSslError> &errors) { onSslErrors(errors); });
    QObject::connect(socket, &QSslSocket::newSessionTicketReceived, context,
            [this] { keepSessionTicket(); });
    QObject::connect(socket, &QSslSocket::readyRead, context, [this] { onReadyRead(); });
    QObject::connect(socket, &QSslSocket::bytesWritten, context,
            [this](qint64 bytes) { onBytesWritten(bytes); });
    QObject::connect(socket, &QSslSocket::disconnected, context, [this] { onDisconnected(); });
    QObject::connect(socket, &QSslSocket::errorOccurred, context,
            [this](QAbstractSocket::SocketError e) { onError(e); });

    const int timeoutMs = options.value(u"connectTimeoutMs"_s, kDefaultConnectTimeoutMs).toInt();
    m_connectTimer.start(timeoutMs > 0 ? timeoutMs : kDefaultConnectTimeoutMs);
    socket->connectToHostEncrypted(m_host, quint16(m_port));
    if (options.value(u"noDelay"_s, true).toBool())
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

bool TlsTransport::write(const QByteArray &bytes)
{
    if (m_state != State::Open)
        return false;
    return m_socket->write(bytes) == bytes.size();
}

qint64 TlsTransport::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void TlsTransport::close()
{
    if (m_state == State::Open) {
        m_state = State::Closing;
        m_insideHostCall = true;
        m_socket->disconnectFromHost(); // flushes first; disconnected() follows
        m_insideHostCall = false;
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            finishLater(TransportError::None, tr("closed"));
    } else if (m_state == State::Opening || m_state == State::AwaitingDecision) {
        abort();
    }
}

void TlsTransport::abort()
{
    if (m_state == State::Opening || m_state == State::AwaitingDecision || m_state == State::Open
            || m_state == State::Closing) {
        m_connectTimer.stop();
        QObject::disconnect(m_socket.get(), nullptr, m_context.get(), nullptr);
        m_socket->abort();
        finishLater(TransportError::None, tr("closed"));
    }
}

QVariantMap TlsTransport::connectionInfo() const
{
    QVariantMap info { { u"protocol"_s, u"tls"_s }, { u"bytesIn"_s, m_bytesIn },
        { u"bytesOut"_s, m_bytesOut }, { u"url"_s, m_url } };
    if (!m_socket)
        return info;
    if (m_socket->state() == QAbstractSocket::ConnectedState) {
        info.insert(u"peerAddress"_s, m_socket->peerAddress().toString());
        info.insert(u"peerPort"_s, int(m_socket->peerPort()));
        info.insert(u"localAddress"_s, m_socket->localAddress().toString());
        info.insert(u"localPort"_s, int(m_socket->localPort()));
    }
    if (m_socket->isEncrypted()) {
        info.insert(u"tlsProtocol"_s, CertificatePolicy::protocolName(m_socket->sessionProtocol()));
        info.insert(u"tlsCipher"_s, m_socket->sessionCipher().name());
        const QSslCertificate peer = m_socket->peerCertificate();
        if (!peer.isNull())
            info.insert(u"peerCertificateSha256"_s, CertificatePolicy::fingerprint(peer));
    }
    return info;
}

void TlsTransport::decideCertificate(longlink::sdk::CertificateDecision decision)
{
    if (m_state != State::AwaitingDecision)
        return;
    m_insideHostCall = true;
    if (decision == longlink::sdk::CertificateDecision::Refuse) {
        refuse(tr("the certificate of %1 was not trusted").arg(m_host));
    } else {
        m_state = State::Opening;
        m_connectTimer.start();
        const QList<QSslCertificate> chain = m_socket->peerCertificateChain();
        if (!chain.isEmpty())
            m_policy.addTrusted(CertificatePolicy::fingerprint(chain.first()));
        m_socket->ignoreSslErrors();
        // Inside onSslErrors() the handshake goes on by itself once the
        // errors are ignored; later it is paused and needs resume().
        QMetaObject::invokeMethod(
                m_context.get(),
                [this] {
                    if (m_socket && m_state == State::Opening && !m_socket->isEncrypted())
                        m_socket->resume();
                },
                Qt::QueuedConnection);
    }
    m_insideHostCall = false;
}

void TlsTransport::onSslErrors(const QList<QSslError> &errors)
{
    if (m_state != State::Opening)
        return;
    QString reason;
    const QList<QSslCertificate> chain = m_socket->peerCertificateChain();
    switch (m_policy.judge(errors, chain, &reason)) {
    case CertificatePolicy::Verdict::Accept:
        m_socket->ignoreSslErrors();
        break;
    case CertificatePolicy::Verdict::Refuse:
        refuse(reason);
        break;
    case CertificatePolicy::Verdict::Ask:
        // A person decides: the connect timeout is theirs to take.
        m_state = State::AwaitingDecision;
        m_connectTimer.stop();
        m_events->transportCertificateUntrusted(
                CertificatePolicy::describe(m_host, m_port, chain, errors));
        break;
    }
}

void TlsTransport::onEncrypted()
{
    if (m_state != State::Opening)
        return;
    // A chain that verified is still held to the pins.
    QString reason;
    if (m_policy.hasPins()
            && m_policy.judge({}, m_socket->peerCertificateChain(), &reason)
                    == CertificatePolicy::Verdict::Refuse) {
        refuse(reason);
        return;
    }
    m_connectTimer.stop();
    m_state = State::Open;
    keepSessionTicket();
    m_events->transportOpened();
}

QString TlsTransport::ticketKey() const
{
    return m_host % u':' % QString::number(m_port) % u'|' % m_policy.trustKey();
}

void TlsTransport::keepSessionTicket()
{
    if (!m_socket || !m_policy.resumesSessions())
        return;
    const QByteArray ticket = m_socket->sslConfiguration().sessionTicket();
    if (ticket.isEmpty())
        return;
    if (m_sessionTickets->size() >= kMaxSessionTickets)
        m_sessionTickets->clear();
    m_sessionTickets->insert(ticketKey(), ticket);
}

void TlsTransport::refuse(const QString &reason)
{
    // Not from inside the socket's own signal: the abort waits for the loop.
    QObject::disconnect(m_socket.get(), nullptr, m_context.get(), nullptr);
    m_connectTimer.stop();
    QMetaObject::invokeMethod(
            m_context.get(),
            [this] {
                if (m_socket)
                    m_socket->abort();
            },
            Qt::QueuedConnection);
    finish(TransportError::Untrusted, reason);
}

void TlsTransport::onReadyRead()
{
    if (m_state != State::Open && m_state != State::Closing)
        return;
    const QByteArray bytes = m_socket->readAll();
    if (bytes.isEmpty())
        return;
    m_bytesIn += bytes.size();
    m_events->transportData(bytes);
}

void TlsTransport::onBytesWritten(qint64 bytes)
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

void TlsTransport::onDisconnected()
{
    if (m_state == State::Closing)
        finish(TransportError::None, tr("closed"));
    else if (m_state == State::Open)
        finish(TransportError::RemoteClosed, tr("the server closed the connection"));
    else if (m_state == State::Opening || m_state == State::AwaitingDecision)
        finish(TransportError::Tls,
                tr("%1:%2 closed the connection during the TLS handshake").arg(m_host).arg(m_port));
}

void TlsTransport::onError(QAbstractSocket::SocketError error)
{
    if (m_state == State::Closed || m_state == State::Idle)
        return;
    const SocketFailure::Phase phase
            = m_state == State::Opening || m_state == State::AwaitingDecision
            ? SocketFailure::Phase::Opening
            : m_state == State::Closing ? SocketFailure::Phase::Closing
                                        : SocketFailure::Phase::Open;
    const QString endpoint = m_host % u':' % QString::number(m_port);
    const QString detail = m_socket->errorString();
    if (const auto failure = SocketFailure::describe(error, phase, endpoint, m_host, detail))
        finish(failure->error, failure->reason);
    else if (error == QAbstractSocket::RemoteHostClosedError)
        finish(TransportError::Tls,
                tr("%1 closed the connection during the TLS handshake").arg(endpoint));
    else
        finish(TransportError::Network, tr("network error: %1").arg(detail));
}

void TlsTransport::onConnectTimeout()
{
    if (m_state != State::Opening)
        return;
    QObject::disconnect(m_socket.get(), nullptr, m_context.get(), nullptr);
    m_socket->abort();
    finish(TransportError::Timeout,
            tr("no answer from %1:%2 within %3 ms")
                    .arg(m_host)
                    .arg(m_port)
                    .arg(m_connectTimer.interval()));
}

void TlsTransport::finish(TransportError error, const QString &reason)
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

void TlsTransport::finishLater(TransportError error, const QString &reason)
{
    // Events never come from inside a call the host made (see the SDK).
    QMetaObject::invokeMethod(
            m_context.get(), [this, error, reason] { finish(error, reason); },
            Qt::QueuedConnection);
    if (m_state != State::Closed)
        m_state = State::Closing;
}

} // namespace longlink::transports
