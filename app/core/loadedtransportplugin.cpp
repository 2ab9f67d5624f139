#include "loadedtransportplugin.h"

#include "logging.h"

#include <QtCore/QCoreApplication>

namespace longlink {

LoadedTransportPlugin::LoadedTransportPlugin(
        const TransportPluginInfo &info, const QString &loadPath)
    : m_info(info), m_loader(loadPath)
{
    // Qt keeps plugins mapped for ever by default (PreventUnloadHint); we
    // unload them deliberately once nothing of theirs is alive.
    m_loader.setLoadHints(QLibrary::LoadHints());
}

std::shared_ptr<LoadedTransportPlugin> LoadedTransportPlugin::load(
        const TransportPluginInfo &info, const QString &loadPath, QString *error)
{
    std::shared_ptr<LoadedTransportPlugin> plugin(new LoadedTransportPlugin(info, loadPath));
    if (!plugin->m_loader.load()) {
        if (error)
            *error = plugin->m_loader.errorString();
        return nullptr;
    }
    QObject *root = plugin->m_loader.instance();
    plugin->m_factory = qobject_cast<longlink::sdk::TransportFactory *>(root);
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
    if (m_loader.isLoaded()) {
        qCDebug(lcHost) << "unloading" << m_info.displayName();
        m_loader.unload();
    }
}

} // namespace longlink
