#include "websockettransportfactory.h"

#include "websockettransport.h"

namespace longlink::transports {

longlink::sdk::Transport *WebSocketTransportFactory::createTransport(
        longlink::sdk::TransportEvents *events)
{
    return new WebSocketTransport(events, &m_sessionTickets);
}

void *WebSocketTransportFactory::transportExtension(
        longlink::sdk::Transport *transport, const char *iid)
{
    return longlink::sdk::findExtension<longlink::sdk::ConnectionInfo,
            longlink::sdk::CertificateDecisions>(static_cast<WebSocketTransport *>(transport), iid);
}

} // namespace longlink::transports
