#include "fixturetransport.h"

using namespace Qt::StringLiterals;

namespace longlink::test {

FixtureTransport::FixtureTransport(longlink::sdk::TransportEvents *events) : m_events(events) { }

void FixtureTransport::open(const QUrl &endpoint, const QVariantMap &options)
{
    Q_UNUSED(options);
    finishLater(longlink::sdk::TransportError::ConnectionRefused,
            u"fixture transport refuses %1"_s.arg(endpoint.toDisplayString()));
}

bool FixtureTransport::write(const QByteArray &bytes)
{
    Q_UNUSED(bytes);
    return false;
}

void FixtureTransport::close()
{
    finishLater(longlink::sdk::TransportError::None, u"closed"_s);
}

void FixtureTransport::abort()
{
    finishLater(longlink::sdk::TransportError::None, u"closed"_s);
}

void FixtureTransport::finishLater(longlink::sdk::TransportError error, const QString &reason)
{
    QMetaObject::invokeMethod(
            m_context.get(),
            [this, error, reason] {
                if (!m_finished) {
                    m_finished = true;
                    m_events->transportClosed(error, reason);
                }
            },
            Qt::QueuedConnection);
}

} // namespace longlink::test
