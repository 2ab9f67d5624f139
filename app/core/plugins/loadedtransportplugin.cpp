#include "loadedtransportplugin.h"

#include "logging.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QLocale>

#include <atomic>

using namespace Qt::StringLiterals;

namespace longlink {

namespace {
std::atomic<int> g_liveCount { 0 };

// Unloads a library when Qt deletes it: deleteLater() puts the unload behind
// the deferred deletes the plugin's own objects already posted, at the same
// event-loop level. Flushing every deferred delete instead would also delete
// unrelated objects early when this runs inside a nested loop (a dialog).
class LibraryUnloader : public QObject
{
public:
    LibraryUnloader(std::unique_ptr<QPluginLoader> loader, const TransportPluginInfo &info,
            std::function<void(const TransportPluginInfo &)> onUnloaded)
        : m_loader(std::move(loader)), m_info(info), m_onUnloaded(std::move(onUnloaded))
    {
    }
    ~LibraryUnloader() override
    {
        qCDebug(lcHost) << "unloading" << m_info.displayName();
        m_loader->unload();
        --g_liveCount;
        if (m_onUnloaded)
            m_onUnloaded(m_info);
    }

private:
    std::unique_ptr<QPluginLoader> m_loader;
    TransportPluginInfo m_info;
    std::function<void(const TransportPluginInfo &)> m_onUnloaded;
};
} // namespace

LoadedTransportPlugin::LoadedTransportPlugin(const TransportPluginInfo &info)
    : m_info(info), m_loader(std::make_unique<QPluginLoader>(info.loadPath))
{
    // Qt keeps plugins mapped for ever by default (PreventUnloadHint); we
    // unload them deliberately once nothing of theirs is alive, or memory
    // grows with every swap.
    m_loader->setLoadHints(QLibrary::LoadHints());
}

std::shared_ptr<LoadedTransportPlugin> LoadedTransportPlugin::load(
        const TransportPluginInfo &info, QString *error, Hooks hooks)
{
    std::shared_ptr<LoadedTransportPlugin> plugin(new LoadedTransportPlugin(info));
    if (!plugin->m_loader->load()) {
        if (error)
            *error = plugin->m_loader->errorString();
        return nullptr;
    }
    ++g_liveCount;
    plugin->m_hooks = std::move(hooks);
    QObject *root = plugin->m_loader->instance();
    plugin->m_factory = qobject_cast<longlink::sdk::TransportFactory *>(root);
    // SDK 1.1; a 1.0 plugin has none and its transports get no extension query.
    plugin->m_extensions = qobject_cast<longlink::sdk::TransportExtensions *>(root);
    if (!plugin->m_factory) {
        if (error)
            *error = QCoreApplication::translate(
                    "LoadedTransportPlugin", "the plugin's root object is not a transport factory");
        return nullptr;
    }
    plugin->installTranslations();
    return plugin;
}

void LoadedTransportPlugin::installTranslations()
{
    if (!QCoreApplication::instance())
        return;
    // Texts only, from the folder whose ownership was checked with the file.
    const QString folder = QFileInfo(m_info.file).absoluteDir().filePath(u"translations"_s);
    auto translator = std::make_unique<QTranslator>();
    if (translator->load(QLocale(), m_info.name, u"_"_s, folder)
            && QCoreApplication::installTranslator(translator.get()))
        m_translator = std::move(translator);
}

LoadedTransportPlugin::~LoadedTransportPlugin()
{
    m_factory = nullptr;
    m_extensions = nullptr;
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
    if (!m_loader->isLoaded())
        return;
    // Unload from the event loop, after the deferred deletes that may still
    // hold objects of the plugin: unmapping code that still has objects or
    // queued calls crashes later, far from the cause.
    if (m_hooks.unloading)
        m_hooks.unloading(m_info);
    auto *unloader = new LibraryUnloader(std::move(m_loader), m_info, std::move(m_hooks.unloaded));
    if (QCoreApplication::instance())
        unloader->deleteLater();
    else
        delete unloader;
}

int LoadedTransportPlugin::liveCount()
{
    return g_liveCount.load();
}

} // namespace longlink
