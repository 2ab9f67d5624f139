#pragma once

#include "transportplugininfo.h"

#include <longlink/transport.h>

#include <QtCore/QPluginLoader>

#include <memory>

namespace longlink {

// One loaded plugin library. Shared by every TransportLink made from it; the
// library is unloaded when the last reference goes.
class LoadedTransportPlugin
{
public:
    // Loads `loadPath` (the file itself, or its private copy). On failure,
    // returns nullptr and the reason.
    static std::shared_ptr<LoadedTransportPlugin> load(
            const TransportPluginInfo &info, const QString &loadPath, QString *error);
    ~LoadedTransportPlugin();

    const TransportPluginInfo &info() const { return m_info; }
    longlink::sdk::TransportFactory *factory() const { return m_factory; }

private:
    LoadedTransportPlugin(const TransportPluginInfo &info, const QString &loadPath);

    TransportPluginInfo m_info;
    QPluginLoader m_loader;
    longlink::sdk::TransportFactory *m_factory = nullptr;
};

} // namespace longlink
