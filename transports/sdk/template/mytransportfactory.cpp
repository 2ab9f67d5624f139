#include "mytransportfactory.h"

#include "mytransport.h"

longlink::sdk::Transport *MyTransportFactory::createTransport(
        longlink::sdk::TransportEvents *events)
{
    return new MyTransport(events);
}
