#include "transportlink.h"

#include "loadedtransportplugin.h"
#include "logging.h"

using namespace Qt::StringLiterals;

namespace longlink {

TransportLink::TransportLink(std::shared_ptr<LoadedTransportPlugin> plugin, QObject *parent)
    : ByteLink(parent), m_plugin(std::move(plugin))
{
    m_closedWatch.setSingleShot(true);
    connect(&m_closedWatch, &QTimer::timeout, this, &TransportLink::giveUpWaitingForClosed);
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
    m_started = true;
    call("open", [&] { m_transport->open(endpoint, accepted); });
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
    if (!m_open || !m_transport)
        return false;
    bool accepted = false;
    call("write", [&] { accepted = m_transport->write(bytes); });
    return accepted;
}

qint64 TransportLink::bytesToWrite() const
{
    return m_transport ? m_transport->bytesToWrite() : 0;
}

void TransportLink::close()
{
    if (!m_transport)
        return;
    call("close", [this] { m_transport->close(); });
    watchForClosed();
}

void TransportLink::abort()
{
    if (!m_transport)
        return;
    call("abort", [this] { m_transport->abort(); });
    watchForClosed();
}

bool TransportLink::release(QVariantMap &state)
{
    if (!m_transport || !m_open)
        return false;
    bool released = false;
    call("release", [&] { released = m_transport->release(state); });
    if (!released)
        return false;
    m_open = false;
    m_finished = true;
    return true;
}

bool TransportLink::adopt(const QVariantMap &state)
{
    if (!m_transport)
        return false;
    bool adopted = false;
    call("adopt", [&] { adopted = m_transport->adopt(state); });
    if (!adopted)
        return false;
    m_started = true;
    m_open = true;
    return true;
}

void TransportLink::call(const char *name, const std::function<void()> &body)
{
    const char *outer = m_insideCall;
    m_insideCall = name;
    body();
    m_insideCall = outer;
}

void TransportLink::deliver(const char *event, std::function<void()> handler)
{
    if (!m_insideCall && m_queued.isEmpty()) {
        handler();
        return;
    }
    if (m_insideCall && !m_warnedInside) {
        m_warnedInside = true;
        const QString text
                = tr("it sent %1 from inside %2(): a transport must queue its events; "
                     "the host delivered it later")
                          .arg(QLatin1StringView(event), QLatin1StringView(m_insideCall));
        qCWarning(lcHost).noquote() << description() << "-" << text;
        Q_EMIT contractWarning(text);
    }
    m_queued.append(std::move(handler));
    if (!m_deliveryScheduled) {
        m_deliveryScheduled = true;
        QMetaObject::invokeMethod(this, &TransportLink::deliverQueued, Qt::QueuedConnection);
    }
}

void TransportLink::deliverQueued()
{
    m_deliveryScheduled = false;
    if (m_insideCall) {
        // The plugin runs an event loop inside our call: still too early.
        m_deliveryScheduled = true;
        QTimer::singleShot(1, this, &TransportLink::deliverQueued);
        return;
    }
    while (!m_queued.isEmpty() && !m_insideCall)
        m_queued.takeFirst()();
    if (!m_queued.isEmpty() && !m_deliveryScheduled) {
        m_deliveryScheduled = true;
        QMetaObject::invokeMethod(this, &TransportLink::deliverQueued, Qt::QueuedConnection);
    }
}

void TransportLink::watchForClosed()
{
    // The contract: transportClosed(None) follows close() and abort() on a
    // stream that started and has not ended.
    if (m_started && !m_finished && !m_closedWatch.isActive())
        m_closedWatch.start(kClosedWaitMs);
}

void TransportLink::giveUpWaitingForClosed()
{
    if (m_finished)
        return;
    const QString text = tr("it sent no transportClosed within %1 s of close(); the host treats "
                            "the stream as closed")
                                 .arg(kClosedWaitMs / 1000);
    qCWarning(lcHost).noquote() << description() << "-" << text;
    Q_EMIT contractWarning(text);
    m_finished = true;
    m_open = false;
    m_certificateAsked = false;
    m_queued.clear();
    Q_EMIT closed(Error::None, tr("closed (the transport did not confirm it)"));
}

void TransportLink::transportOpened()
{
    deliver("transportOpened", [this] {
        if (m_finished)
            return;
        m_open = true;
        Q_EMIT opened();
    });
}

void TransportLink::transportData(const QByteArray &bytes)
{
    deliver("transportData", [this, bytes] {
        if (!m_finished)
            Q_EMIT dataReceived(bytes);
    });
}

void TransportLink::transportClosed(longlink::sdk::TransportError error, const QString &reason)
{
    deliver("transportClosed", [this, error, reason] {
        if (m_finished)
            return;
        m_finished = true;
        m_open = false;
        m_certificateAsked = false;
        m_closedWatch.stop();
        Q_EMIT closed(toLinkError(error), reason);
    });
}

void TransportLink::transportBytesWritten(qint64 bytes)
{
    deliver("transportBytesWritten", [this, bytes] {
        if (!m_finished)
            Q_EMIT bytesWritten(bytes);
    });
}

void TransportLink::transportCertificateUntrusted(const QVariantMap &certificate)
{
    deliver("transportCertificateUntrusted", [this, certificate] {
        if (m_finished)
            return;
        m_certificateAsked = true;
        Q_EMIT certificateUntrusted(certificate);
    });
}

} // namespace longlink
