#include "transportlink.h"

#include "loadedtransportplugin.h"

namespace longlink {

TransportLink::TransportLink(std::shared_ptr<LoadedTransportPlugin> plugin, QObject *parent)
    : ByteLink(parent), m_plugin(std::move(plugin))
{
    if (m_plugin && m_plugin->factory())
        m_transport.reset(m_plugin->factory()->createTransport(this));
}

TransportLink::~TransportLink()
{
    // The transport goes before m_plugin may drop the last reference to
    // its library.
    m_transport.reset();
}

QString TransportLink::pluginName() const
{
    return m_plugin ? m_plugin->info().name : QString();
}
QString TransportLink::pluginVersion() const
{
    return m_plugin ? m_plugin->info().version.toString() : QString();
}
QString TransportLink::pluginFile() const
{
    return m_plugin ? m_plugin->info().file : QString();
}
QString TransportLink::handoverFormat() const
{
    return m_plugin ? m_plugin->info().handover : QString();
}
QString TransportLink::description() const
{
    return pluginName() + u' ' + pluginVersion();
}

ByteLink::Error TransportLink::toLinkError(sdk::TransportError error)
{
    switch (error) {
    case sdk::TransportError::None:
        return Error::None;
    case sdk::TransportError::ConnectionRefused:
        return Error::ConnectionRefused;
    case sdk::TransportError::HostNotFound:
        return Error::HostNotFound;
    case sdk::TransportError::HostUnreachable:
        return Error::HostUnreachable;
    case sdk::TransportError::Timeout:
        return Error::Timeout;
    case sdk::TransportError::RemoteClosed:
        return Error::RemoteClosed;
    case sdk::TransportError::Network:
        return Error::Network;
    case sdk::TransportError::Tls:
        return Error::Tls;
    case sdk::TransportError::Protocol:
        return Error::Protocol;
    case sdk::TransportError::InvalidEndpoint:
        return Error::InvalidEndpoint;
    case sdk::TransportError::Internal:
        break;
    }
    // Internal, and any number a newer plugin may send.
    return Error::Internal;
}

void TransportLink::open(const QUrl &endpoint, const QVariantMap &options)
{
    if (m_transport)
        m_transport->open(endpoint, options);
}

bool TransportLink::write(const QByteArray &bytes)
{
    return m_open && m_transport && m_transport->write(bytes);
}

qint64 TransportLink::bytesToWrite() const
{
    return m_transport ? m_transport->bytesToWrite() : 0;
}

void TransportLink::close()
{
    if (m_transport)
        m_transport->close();
}

void TransportLink::abort()
{
    if (m_transport)
        m_transport->abort();
}

bool TransportLink::release(QVariantMap &state)
{
    if (!m_transport || !m_open || !m_transport->release(state))
        return false;
    m_open = false;
    m_finished = true;
    return true;
}

bool TransportLink::adopt(const QVariantMap &state)
{
    if (!m_transport || !m_transport->adopt(state))
        return false;
    m_open = true;
    return true;
}

void TransportLink::transportOpened()
{
    if (m_finished)
        return;
    m_open = true;
    Q_EMIT opened();
}

void TransportLink::transportData(const QByteArray &bytes)
{
    if (!m_finished)
        Q_EMIT dataReceived(bytes);
}

void TransportLink::transportClosed(longlink::sdk::TransportError error, const QString &reason)
{
    if (m_finished)
        return;
    m_finished = true;
    m_open = false;
    Q_EMIT closed(toLinkError(error), reason);
}

} // namespace longlink
