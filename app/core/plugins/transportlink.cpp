#include "transportlink.h"

#include "loadedtransportplugin.h"

using namespace Qt::StringLiterals;

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
QVariantMap TransportLink::handoverRequest() const
{
    if (m_handoverFormat.isEmpty())
        return {};
    return { { u"format"_s, m_handoverFormat } };
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
    case sdk::TransportError::Untrusted:
        return Error::Untrusted;
    case sdk::TransportError::Internal:
        break;
    }
    // Internal, and any number a newer plugin may send.
    return Error::Internal;
}

template<class Interface> Interface *TransportLink::extension() const
{
    if (!m_transport || !m_plugin || !m_plugin->extensions())
        return nullptr;
    return static_cast<Interface *>(
            m_plugin->extensions()->transportExtension(m_transport.get(), Interface::kIid));
}

const QStringList &TransportLink::hintOptions()
{
    // The session keeps its own connect timeout; Nagle only costs latency.
    static const QStringList hints = { u"connectTimeoutMs"_s, u"noDelay"_s };
    return hints;
}

QVariantMap TransportLink::acceptedOptions(
        const TransportPluginInfo &plugin, const QVariantMap &options, QString *error)
{
    QVariantMap accepted;
    for (auto it = options.begin(); it != options.end(); ++it) {
        const QString type = plugin.options.value(it.key()).toString();
        if (type.isEmpty()) {
            if (hintOptions().contains(it.key()))
                continue;
            *error = tr("the transport %1 does not support the option \"%2\" this connection "
                        "needs")
                             .arg(plugin.displayName(), it.key());
            return {};
        }
        const QMetaType::Type have = QMetaType::Type(it.value().metaType().id());
        const bool fits = type == u"bool"_s ? have == QMetaType::Bool
                : type == u"int"_s  ? (have == QMetaType::Int || have == QMetaType::LongLong)
                : type == u"list"_s ? have == QMetaType::QStringList
                                    : have == QMetaType::QString;
        if (!fits) {
            *error = tr("the option \"%1\" is not of the type \"%2\" the transport %3 expects")
                             .arg(it.key(), type, plugin.displayName());
            return {};
        }
        accepted.insert(it.key(), it.value());
    }
    return accepted;
}

void TransportLink::open(const QUrl &endpoint, const QVariantMap &options)
{
    if (!m_transport)
        return;
    QString error;
    const QVariantMap accepted = acceptedOptions(m_plugin->info(), options, &error);
    if (!error.isEmpty()) {
        // As a transport would: closed() comes from the event loop.
        QMetaObject::invokeMethod(
                this,
                [this, error] {
                    if (!m_finished) {
                        m_finished = true;
                        Q_EMIT closed(Error::InvalidEndpoint, error);
                    }
                },
                Qt::QueuedConnection);
        return;
    }
    m_transport->open(endpoint, accepted);
}

QVariantMap TransportLink::connectionInfo() const
{
    const auto *info = extension<sdk::ConnectionInfo>();
    QVariantMap map = info ? info->connectionInfo() : QVariantMap();
    map.insert(u"transport"_s, description());
    return map;
}

void TransportLink::decideCertificate(CertificateDecision decision)
{
    if (!m_certificateAsked || m_finished)
        return;
    m_certificateAsked = false;
    if (auto *decisions = extension<sdk::CertificateDecisions>())
        decisions->decideCertificate(sdk::CertificateDecision(int(decision)));
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
    m_certificateAsked = false;
    Q_EMIT closed(toLinkError(error), reason);
}

void TransportLink::transportBytesWritten(qint64 bytes)
{
    if (!m_finished)
        Q_EMIT bytesWritten(bytes);
}

void TransportLink::transportCertificateUntrusted(const QVariantMap &certificate)
{
    if (m_finished)
        return;
    m_certificateAsked = true;
    Q_EMIT certificateUntrusted(certificate);
}

} // namespace longlink
