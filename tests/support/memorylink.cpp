#include "memorylink.h"

#include <QtCore/QTimer>

using namespace Qt::StringLiterals;

namespace longlink::test {

MemoryLink::MemoryLink(MemoryPeer *peer, QObject *parent) : ByteLink(parent), m_peer(peer) { }

MemoryLink::~MemoryLink()
{
    if (m_peer && m_open)
        Q_EMIT m_peer->disconnected(this);
}

void MemoryLink::open(const QUrl &endpoint, const QVariantMap &options)
{
    Q_UNUSED(options);
    m_endpoint = endpoint;
    QTimer::singleShot(0, this, [this] {
        if (m_finished)
            return;
        if (!m_peer || m_peer->m_refusing) {
            finish(Error::ConnectionRefused, u"connection refused"_s);
            return;
        }
        m_open = true;
        m_peer->accept(this);
        Q_EMIT opened();
    });
}

bool MemoryLink::write(const QByteArray &bytes)
{
    if (!m_open || !m_peer)
        return false;
    QTimer::singleShot(0, m_peer, [peer = m_peer, self = QPointer<MemoryLink>(this), bytes] {
        if (self && self->m_open)
            Q_EMIT peer->received(self, bytes);
    });
    return true;
}

void MemoryLink::close()
{
    // Like a socket: what was written before close() still arrives.
    QTimer::singleShot(0, this, [this] { abort(); });
}

void MemoryLink::abort()
{
    if (m_finished)
        return;
    const bool wasOpen = m_open;
    m_open = false;
    if (wasOpen && m_peer)
        Q_EMIT m_peer->disconnected(this);
    QTimer::singleShot(0, this, [this] { finish(Error::None, QString()); });
}

bool MemoryLink::release(QVariantMap &state)
{
    if (!m_open || !m_peer)
        return false;
    state.insert(u"peer"_s, QVariant::fromValue<QObject *>(m_peer));
    m_open = false;
    m_finished = true; // the connection lives on in the adopter: no closed()
    return true;
}

bool MemoryLink::adopt(const QVariantMap &state)
{
    auto *peer = qobject_cast<MemoryPeer *>(state.value(u"peer"_s).value<QObject *>());
    if (!peer)
        return false;
    m_peer = peer;
    m_open = true;
    peer->m_current = this;
    return true;
}

void MemoryLink::deliver(const QByteArray &bytes)
{
    QTimer::singleShot(0, this, [this, bytes] {
        if (m_open)
            Q_EMIT dataReceived(bytes);
    });
}

void MemoryLink::finish(Error error, const QString &reason)
{
    if (m_finished)
        return;
    m_finished = true;
    m_open = false;
    Q_EMIT closed(error, reason);
}

MemoryLink *MemoryPeer::createLink(QObject *parent)
{
    return new MemoryLink(this, parent);
}

void MemoryPeer::accept(MemoryLink *link)
{
    m_current = link;
    ++m_connections;
    Q_EMIT accepted(link);
}

void MemoryPeer::send(const QByteArray &bytes)
{
    if (m_current)
        m_current->deliver(bytes);
}

void MemoryPeer::closeConnection(ByteLink::Error error)
{
    MemoryLink *link = m_current;
    if (!link || !link->m_open)
        return;
    link->m_open = false;
    Q_EMIT disconnected(link);
    QTimer::singleShot(
            0, link, [link, error] { link->finish(error, u"the server closed the connection"_s); });
}

} // namespace longlink::test
