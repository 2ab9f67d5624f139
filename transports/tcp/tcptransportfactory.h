#pragma once

#include <longlink/transport.h>

#include <QtCore/QObject>

namespace longlink::transports {

// The plugin's root object. Q_OBJECT lives here, in the plugin's own
// translation unit, never in the shared SDK header.
class TcpTransportFactory : public QObject,
                            public longlink::sdk::TransportFactory,
                            public longlink::sdk::TransportExtensions
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LONGLINK_TRANSPORT_IID FILE "longlink_transport_metadata.json")
    Q_INTERFACES(longlink::sdk::TransportFactory longlink::sdk::TransportExtensions)

public:
    longlink::sdk::Transport *createTransport(longlink::sdk::TransportEvents *events) override;
    void *transportExtension(longlink::sdk::Transport *transport, const char *iid) override;
};

} // namespace longlink::transports
