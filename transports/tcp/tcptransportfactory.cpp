#include "tcptransportfactory.h"

#include "tcptransport.h"

namespace longlink::transports {

longlink::sdk::Transport *TcpTransportFactory::createTransport(
        longlink::sdk::TransportEvents *events)
{
    return new TcpTransport(events);
}

void *TcpTransportFactory::transportExtension(longlink::sdk::Transport *transport, const char *iid)
{
    return longlink::sdk::findExtension<longlink::sdk::ConnectionInfo>(
            static_cast<TcpTransport *>(transport), iid);
}

} // namespace longlink::transports
