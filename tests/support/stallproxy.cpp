#include "stallproxy.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace longlink::test {

namespace {

// Bounded read buffers give real TCP back-pressure: once a stalled socket's
// buffer is full Qt stops reading from the kernel, the TCP window closes and
// the sender's writes pile up on its side, as with a peer that went silent.
// Unbounded (Qt's default) the proxy would swallow everything the client sends.
constexpr qint64 kReadBufferSize = 64 * 1024;

// Moves whatever `from` has buffered to `to`, or leaves it buffered (and so
// unread, see kReadBufferSize) until `to` can take it.
void forward(QTcpSocket *from, QTcpSocket *to)
{
    if (from->bytesAvailable() <= 0 || to->state() != QAbstractSocket::ConnectedState)
        return;
    to->write(from->readAll());
}

} // namespace

struct StallProxy::Link
{
    QTcpSocket *client = nullptr; // accepted from the client under test
    QTcpSocket *upstream = nullptr; // ours, to the target
    bool upstreamConnected = false;
    // A side is "closed" once its socket is unconnected for whatever reason:
    // the peer closed it, an error, a failed connect, or we closed it.
    bool clientClosed = false;
    bool upstreamClosed = false;
    bool clientCloseForwarded = false;
    bool upstreamCloseForwarded = false;
    bool retired = false;
    // pump() is re-entered when a close we pass on completes synchronously.
    bool pumping = false;
    bool pumpAgain = false;
};

StallProxy::StallProxy(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &StallProxy::acceptPending);
}

StallProxy::~StallProxy()
{
    // The sockets are our children and would abort() in their destructors
    // after our members are gone, calling back into pump(); cut them off first.
    dropAll();
}

bool StallProxy::listen(const QString &targetHost, quint16 targetPort)
{
    m_targetHost = targetHost;
    m_targetPort = targetPort;
    if (m_server.isListening())
        return true;
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        m_errorString = m_server.errorString();
        return false;
    }
    return true;
}

quint16 StallProxy::port() const
{
    return m_server.serverPort();
}

QUrl StallProxy::url() const
{
    QUrl url;
    url.setScheme(u"mqtt"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    return url;
}

QString StallProxy::errorString() const
{
    return m_errorString;
}

bool StallProxy::isStalled() const
{
    return m_stalled;
}

int StallProxy::connectionCount() const
{
    return m_accepted;
}

int StallProxy::activeConnectionCount() const
{
    return int(m_links.size());
}

void StallProxy::setStalled(bool stalled)
{
    if (m_stalled == stalled)
        return;
    m_stalled = stalled;
    if (m_stalled)
        return;
    // Nothing signals that held-back data may move now: push it explicitly.
    // A copy, since a link may retire while being pumped.
    const auto links = m_links;
    for (const auto &link : links)
        pump(link);
}

void StallProxy::dropAll()
{
    const auto links = std::exchange(m_links, {});
    for (const auto &link : links) {
        link->retired = true;
        closeLink(*link);
    }
}

void StallProxy::acceptPending()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        ++m_accepted;
        auto link = std::make_shared<Link>();
        link->client = client;
        client->setParent(this); // we delete it when the link retires
        client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        client->setReadBufferSize(kReadBufferSize);
        link->upstream = new QTcpSocket(this);
        link->upstream->setReadBufferSize(kReadBufferSize);
        m_links.push_back(link);

        // The lambdas hold the link; the connections die with the sockets.
        connect(client, &QIODevice::readyRead, this, [this, link] { pump(link); });
        connect(client, &QAbstractSocket::stateChanged, this,
                [this, link](QAbstractSocket::SocketState state) {
                    if (state != QAbstractSocket::UnconnectedState)
                        return;
                    link->clientClosed = true;
                    pump(link);
                });
        connect(link->upstream, &QAbstractSocket::connected, this, [this, link] {
            // Only a connected socket has an OS socket to set the option on.
            link->upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            link->upstreamConnected = true;
            pump(link);
        });
        connect(link->upstream, &QIODevice::readyRead, this, [this, link] { pump(link); });
        connect(link->upstream, &QAbstractSocket::stateChanged, this,
                [this, link](QAbstractSocket::SocketState state) {
                    if (state != QAbstractSocket::UnconnectedState)
                        return;
                    link->upstreamClosed = true;
                    pump(link);
                });

        // Even while stalled: a silent peer still completes the TCP handshake.
        link->upstream->connectToHost(m_targetHost, m_targetPort);
    }
}

void StallProxy::pump(const std::shared_ptr<Link> &link)
{
    const std::shared_ptr<Link> keep = link; // may be dropped from m_links meanwhile
    Link &l = *keep;
    if (l.retired)
        return;
    if (l.pumping) {
        l.pumpAgain = true;
        return;
    }
    l.pumping = true;
    do {
        l.pumpAgain = false;
        pumpOnce(l);
    } while (l.pumpAgain && !l.retired);
    l.pumping = false;

    // With both sides gone nothing can be forwarded any more, stalled or not.
    if (!l.retired && l.clientClosed && l.upstreamClosed)
        retire(keep);
}

void StallProxy::pumpOnce(Link &l)
{
    if (m_stalled)
        return;

    forward(l.client, l.upstream);
    forward(l.upstream, l.client);

    // A close is passed on only after the bytes before it: disconnectFromHost()
    // flushes the write buffer first. A client that closes while the upstream
    // connect is still pending waits for it, so its last bytes still arrive.
    if (l.clientClosed && !l.clientCloseForwarded && (l.upstreamConnected || l.upstreamClosed)) {
        l.clientCloseForwarded = true;
        if (l.upstream->state() == QAbstractSocket::ConnectedState)
            l.upstream->disconnectFromHost();
        else
            l.upstream->abort();
    }
    if (l.upstreamClosed && !l.upstreamCloseForwarded) {
        l.upstreamCloseForwarded = true;
        if (l.client->state() == QAbstractSocket::ConnectedState)
            l.client->disconnectFromHost();
        else
            l.client->abort();
    }
}

void StallProxy::retire(const std::shared_ptr<Link> &link)
{
    link->retired = true;
    const auto it = std::find(m_links.begin(), m_links.end(), link);
    if (it != m_links.end())
        m_links.erase(it);
    closeLink(*link);
}

void StallProxy::closeLink(Link &l)
{
    // Disconnect first, so neither abort() nor the destructors call back.
    for (QTcpSocket *socket : { l.client, l.upstream }) {
        QObject::disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        // deleteLater: we may be inside one of this socket's signals.
        socket->deleteLater();
    }
}

} // namespace longlink::test
