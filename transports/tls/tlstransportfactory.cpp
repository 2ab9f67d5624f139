#include "tlstransportfactory.h"

#include "tlstransport.h"

namespace longlink::transports {

longlink::sdk::Transport *TlsTransportFactory::createTransport(
        longlink::sdk::TransportEvents *events)
{
    return new TlsTransport(events, &m_sessionTickets);
}

void *TlsTransportFactory::transportExtension(longlink::sdk::Transport *transport, const char *iid)
{
    return longlink::sdk::findExtension<longlink::sdk::ConnectionInfo,
            longlink::sdk::CertificateDecisions>(static_cast<TlsTransport *>(transport), iid);
}

} // namespace longlink::transports
