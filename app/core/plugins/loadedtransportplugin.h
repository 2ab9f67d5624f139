#pragma once

#include "transportplugininfo.h"

#include <longlink/transport.h>

#include <QtCore/QPluginLoader>
#include <QtCore/QTranslator>

#include <functional>
#include <memory>

namespace longlink {

// One loaded plugin library. Shared by every TransportLink made from it;
// the library is unloaded once the last reference is gone and Qt's deferred
// deletes have run, so no object or queued call of the plugin outlives its
// code.
class LoadedTransportPlugin
{
public:
    // What the owner hears of a library's end: `unloading` when its last
    // user is gone (the unload is then queued), `unloaded` once it is unmapped.
    struct Hooks
    {
        std::function<void(const TransportPluginInfo &)> unloading;
        std::function<void(const TransportPluginInfo &)> unloaded;
    };

    // Loads info.loadPath (the private copy). On failure, returns nullptr
    // and the reason.
    static std::shared_ptr<LoadedTransportPlugin> load(
            const TransportPluginInfo &info, QString *error, Hooks hooks = {});
    ~LoadedTransportPlugin();

    const TransportPluginInfo &info() const { return m_info; }
    longlink::sdk::TransportFactory *factory() const { return m_factory; }
    // Null for a plugin that offers no extension interfaces (SDK 1.0).
    longlink::sdk::TransportExtensions *extensions() const { return m_extensions; }

    // Libraries mapped now (loaded and not yet unloaded), process-wide.
    static int liveCount();

private:
    explicit LoadedTransportPlugin(const TransportPluginInfo &info);
    // The plugin's own catalog, if it ships one: a "translations" folder
    // next to its file with <name>_<language>.qm (the SDK says so), for as
    // long as the library is loaded.
    void installTranslations();

    TransportPluginInfo m_info;
    std::unique_ptr<QPluginLoader> m_loader;
    longlink::sdk::TransportFactory *m_factory = nullptr;
    longlink::sdk::TransportExtensions *m_extensions = nullptr;
    Hooks m_hooks;
    std::unique_ptr<QTranslator> m_translator;
};

} // namespace longlink
