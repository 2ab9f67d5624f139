#pragma once

#include <longlink/transport.h>

#include <QtCore/QHash>
#include <QtCore/QObject>

namespace longlink::transports {

// The plugin's root object. It keeps the TLS session tickets of wss
// servers, by "host:port", for the next connection to resume.
class WebSocketTransportFactory : public QObject,
                                  public longlink::sdk::TransportFactory,
                                  public longlink::sdk::TransportExtensions
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LONGLINK_TRANSPORT_IID FILE "longlink_transport_metadata.json")
    Q_INTERFACES(longlink::sdk::TransportFactory longlink::sdk::TransportExtensions)

public:
    longlink::sdk::Transport *createTransport(longlink::sdk::TransportEvents *events) override;
    void *transportExtension(longlink::sdk::Transport *transport, const char *iid) override;

private:
    QHash<QString, QByteArray> m_sessionTickets;
};

} // namespace longlink::transports
