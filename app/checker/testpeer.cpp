#include "testpeer.h"

#include <QtCore/QCryptographicHash>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslKey>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpServer>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

using namespace Qt::StringLiterals;

namespace longlink {

namespace {
// A throwaway self-signed EC P-256 certificate for 127.0.0.1 (valid until
// 2126), made for this loopback peer only: the transport trusts it by its
// pin for the length of one check. Its key is public and proves nothing.
const char kCertificate[] = R"(-----BEGIN CERTIFICATE-----
MIIByTCCAXCgAwIBAgIUHlJHfHWM2LrkuWVgYu5vIn0HnzAwCgYIKoZIzj0EAwIw
MTEvMC0GA1UEAwwmbG9uZ2xpbmstdHJhbnNwb3J0LWNoZWNrIGxvb3BiYWNrIHBl
ZXIwIBcNMjYxMjA3MTQyODExWhgPMjEyNjExMTMxNDI4MTFaMDExLzAtBgNVBAMM
JmxvbmdsaW5rLXRyYW5zcG9ydC1jaGVjayBsb29wYmFjayBwZWVyMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEOE92iKNj78/3CHaMkA3CI8hIinjdPI8VSWRS280E
PcCn0y1RzWMI+sHCzy3FW2ZzMk7vzq6Bo3E8d4OUmIxdiaNkMGIwHQYDVR0OBBYE
FGrsqozVotY9KR7gyYQgLfzIrM6fMB8GA1UdIwQYMBaAFGrsqozVotY9KR7gyYQg
LfzIrM6fMA8GA1UdEwEB/wQFMAMBAf8wDwYDVR0RBAgwBocEfwAAATAKBggqhkjO
PQQDAgNHADBEAiBxHbKpLOZu/OYksugshMZo3J9QWQZN6fJwlhszYNkgcAIgCeE1
MjFhipSNBTcy2O+HU2JkWBpiDGfGT3OtsutRqRQ=
-----END CERTIFICATE-----
)";
const char kPrivateKey[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgEAn2tVLTc/MfCX+3
POLfW8lnRQVG1eMWRqyDTspQLGmhRANCAAQ4T3aIo2Pvz/cIdoyQDcIjyEiKeN08
jxVJZFLbzQQ9wKfTLVHNYwj6wcLPLcVbZnMyTu/OroGjcTx3g5SYjF2J
-----END PRIVATE KEY-----
)";

QSslCertificate certificate()
{
    return QSslCertificate(QByteArray(kCertificate), QSsl::Pem);
}
} // namespace

// Accepts each connection as a QSslSocket and starts the server side of
// the handshake on it.
class TestPeer::TlsServer final : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setLocalCertificate(certificate());
        socket->setPrivateKey(QSslKey(QByteArray(kPrivateKey), QSsl::Ec, QSsl::Pem));
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        addPendingConnection(socket);
        socket->startServerEncryption();
    }
};

std::optional<TestPeer::Kind> TestPeer::kindOf(const QString &scheme)
{
    if (scheme == u"tcp"_s || scheme == u"mqtt"_s)
        return Kind::Tcp;
    if (scheme == u"tls"_s || scheme == u"ssl"_s || scheme == u"mqtts"_s)
        return Kind::Tls;
    if (scheme == u"ws"_s)
        return Kind::WebSocket;
    return std::nullopt;
}

QString TestPeer::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Tcp:
        return u"TCP"_s;
    case Kind::Tls:
        return u"TLS"_s;
    case Kind::WebSocket:
        return u"WebSocket"_s;
    }
    return QString();
}

TestPeer::TestPeer(Kind kind, QObject *parent) : QObject(parent), m_kind(kind) { }

TestPeer::~TestPeer()
{
    for (const auto &connection : m_connections) {
        if (connection->socket)
            connection->socket->disconnect(this);
        if (connection->webSocket)
            connection->webSocket->disconnect(this);
    }
}

bool TestPeer::listen()
{
    if (m_kind == Kind::WebSocket) {
        m_webServer = std::make_unique<QWebSocketServer>(
                u"longlink-transport-check"_s, QWebSocketServer::NonSecureMode);
        connect(m_webServer.get(), &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_webServer->nextPendingConnection())
                accept(socket);
        });
        if (!m_webServer->listen(QHostAddress::LocalHost)) {
            m_error = m_webServer->errorString();
            return false;
        }
        return true;
    }
    if (m_kind == Kind::Tls)
        m_server = std::make_unique<TlsServer>();
    else
        m_server = std::make_unique<QTcpServer>();
    connect(m_server.get(), &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection())
            accept(socket);
    });
    if (!m_server->listen(QHostAddress::LocalHost)) {
        m_error = m_server->errorString();
        return false;
    }
    return true;
}

QUrl TestPeer::url(const QString &scheme) const
{
    QUrl url;
    url.setScheme(scheme);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_webServer ? m_webServer->serverPort() : m_server ? m_server->serverPort() : 0);
    if (m_kind == Kind::WebSocket)
        url.setPath(u"/mqtt"_s);
    return url;
}

QVariantMap TestPeer::trustOptions() const
{
    if (m_kind != Kind::Tls)
        return {};
    const QString pin
            = QString::fromLatin1(certificate().digest(QCryptographicHash::Sha256).toHex());
    return { { u"pinSha256"_s, QStringList { pin } } };
}

void TestPeer::accept(QTcpSocket *socket)
{
    auto connection = std::make_unique<Connection>();
    Connection *raw = connection.get();
    raw->socket = socket;
    connect(socket, &QTcpSocket::readyRead, this,
            [raw] { raw->received += raw->socket->readAll(); });
    connect(socket, &QTcpSocket::disconnected, this, [raw] { raw->gone = true; });
    m_connections.push_back(std::move(connection));
}

void TestPeer::accept(QWebSocket *socket)
{
    socket->setParent(this);
    auto connection = std::make_unique<Connection>();
    Connection *raw = connection.get();
    raw->webSocket = socket;
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [raw](const QByteArray &message) { raw->received += message; });
    connect(socket, &QWebSocket::textMessageReceived, this,
            [raw](const QString &message) { raw->received += message.toUtf8(); });
    connect(socket, &QWebSocket::disconnected, this, [raw] { raw->gone = true; });
    m_connections.push_back(std::move(connection));
}

QByteArray TestPeer::received(int connection) const
{
    return connection >= 0 && connection < count() ? m_connections[size_t(connection)]->received
                                                   : QByteArray();
}

bool TestPeer::isGone(int connection) const
{
    return connection >= 0 && connection < count() && m_connections[size_t(connection)]->gone;
}

void TestPeer::send(int connection, const QByteArray &bytes)
{
    if (connection < 0 || connection >= count())
        return;
    Connection &c = *m_connections[size_t(connection)];
    if (c.socket) {
        c.socket->write(bytes);
        c.socket->flush(); // into the kernel now, before the next host call
    } else if (c.webSocket) {
        c.webSocket->sendBinaryMessage(bytes);
        c.webSocket->flush();
    }
}

void TestPeer::closeConnection(int connection)
{
    if (connection < 0 || connection >= count())
        return;
    Connection &c = *m_connections[size_t(connection)];
    if (c.socket)
        c.socket->disconnectFromHost();
    else if (c.webSocket)
        c.webSocket->close();
}

} // namespace longlink
