#include "loadedtransportplugin.h"

#include "logging.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QTimer>

#include <atomic>

namespace longlink {

namespace {
std::atomic<int> g_liveCount { 0 };
}

LoadedTransportPlugin::LoadedTransportPlugin(const TransportPluginInfo &info)
    : m_info(info), m_loader(std::make_unique<QPluginLoader>(info.loadPath))
{
    // Qt keeps plugins mapped for ever by default (PreventUnloadHint); we
    // unload them deliberately once nothing of theirs is alive, or memory
    // grows with every swap.
    m_loader->setLoadHints(QLibrary::LoadHints());
}

std::shared_ptr<LoadedTransportPlugin> LoadedTransportPlugin::load(const TransportPluginInfo &info,
        QString *error, std::function<void(const TransportPluginInfo &)> onUnloaded)
{
    std::shared_ptr<LoadedTransportPlugin> plugin(new LoadedTransportPlugin(info));
    if (!plugin->m_loader->load()) {
        if (error)
            *error = plugin->m_loader->errorString();
        return nullptr;
    }
    ++g_liveCount;
    plugin->m_onUnloaded = std::move(onUnloaded);
    plugin->m_factory
            = qobject_cast<longlink::sdk::TransportFactory *>(plugin->m_loader->instance());
    if (!plugin->m_factory) {
        if (error)
            *error = QCoreApplication::translate(
                    "LoadedTransportPlugin", "the plugin's root object is not a transport factory");
        return nullptr;
    }
    return plugin;
}

LoadedTransportPlugin::~LoadedTransportPlugin()
{
    m_factory = nullptr;
    if (!m_loader->isLoaded())
        return;
    // Unload from the event loop, after the deferred deletes that may still
    // hold objects of the plugin: unmapping code that still has objects or
    // queued calls crashes later, far from the cause.
    auto unload = [loader = std::shared_ptr<QPluginLoader>(std::move(m_loader)), info = m_info,
                          onUnloaded = std::move(m_onUnloaded)] {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        qCDebug(lcHost) << "unloading" << info.displayName();
        loader->unload();
        --g_liveCount;
        if (onUnloaded)
            onUnloaded(info);
    };
    if (QCoreApplication::instance())
        QTimer::singleShot(0, QCoreApplication::instance(), std::move(unload));
    else
        unload();
}

int LoadedTransportPlugin::liveCount()
{
    return g_liveCount.load();
}

} // namespace longlink
