#include "tcptransportfactory.h"

#include "tcptransport.h"

namespace longlink::transports {

longlink::sdk::Transport *TcpTransportFactory::createTransport(
        longlink::sdk::TransportEvents *events)
{
    return new TcpTransport(events);
}

} // namespace longlink::transports
