#include "testpeer.h"

#include "tlspeerserver.h"

#include <QtCore/QCryptographicHash>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

using namespace Qt::StringLiterals;

namespace longlink {

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
        m_server = std::make_unique<TlsPeerServer>();
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
    const QString pin = QString::fromLatin1(
            TlsPeerServer::certificate().digest(QCryptographicHash::Sha256).toHex());
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
