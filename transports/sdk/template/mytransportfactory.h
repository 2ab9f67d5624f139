#pragma once

#include <longlink/transport.h>

#include <QtCore/QObject>

// The plugin's root object: QPluginLoader::instance() is one of these. The
// metadata file is written by longlink_add_transport() from CMakeLists.txt.
class MyTransportFactory : public QObject, public longlink::sdk::TransportFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LONGLINK_TRANSPORT_IID FILE "longlink_transport_metadata.json")
    Q_INTERFACES(longlink::sdk::TransportFactory)

public:
    longlink::sdk::Transport *createTransport(longlink::sdk::TransportEvents *events) override;
};
