#include "transporthost.h"

#include "loadedtransportplugin.h"
#include "logging.h"
#include "transportlink.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QLibrary>
#include <QtCore/QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longlink {

namespace {
} // namespace

TransportHost::TransportHost(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<longlink::TransportEvent>();
}

TransportHost::~TransportHost() = default;

QString TransportHost::installedFolder()
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + u'/'
            + QStringLiteral(LONGLINK_TRANSPORTS_FROM_BIN));
}

QString TransportHost::userFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/transports"_s;
}

void TransportHost::setExtraFolders(const QStringList &folders)
{
    m_extraFolders.clear();
    for (const QString &folder : folders)
        m_extraFolders.append(QDir(folder).absolutePath());
}

QStringList TransportHost::folders() const
{
    QStringList result { installedFolder(), userFolder() };
    for (const QString &folder : m_extraFolders) {
        if (!result.contains(folder))
            result.append(folder);
    }
    return result;
}

void TransportHost::rescan()
{
    QList<TransportPluginInfo> found;
    for (const QString &folder : folders()) {
        const QDir dir(folder);
        if (!dir.exists())
            continue;
        const QFileInfoList entries = dir.entryInfoList(QDir::Files, QDir::Name);
        for (const QFileInfo &entry : entries) {
            if (!QLibrary::isLibrary(entry.fileName()))
                continue;
            TransportPluginInfo info = TransportPluginInfo::inspect(entry.absoluteFilePath());
            if (info.state == TransportPluginInfo::State::Available) {
                const auto rejected = m_rejectedByHash.constFind(info.hash);
                if (rejected != m_rejectedByHash.cend()) {
                    info.state = rejected->state;
                    info.problem = rejected->problem;
                    info.reason = rejected->reason;
                }
            }
            if (info.hash == m_activeHash && info.state == TransportPluginInfo::State::Available)
                info.state = TransportPluginInfo::State::Active;
            const bool known = std::any_of(m_plugins.cbegin(), m_plugins.cend(),
                    [&](const auto &p) { return p.file == info.file && p.hash == info.hash; });
            if (!known) {
                if (info.state == TransportPluginInfo::State::Rejected)
                    qCWarning(lcHost).noquote() << "rejected" << info.file << "-" << info.reason;
                else
                    qCInfo(lcHost).noquote() << "discovered" << info.displayName() << info.file;
                emitEvent(info.state == TransportPluginInfo::State::Rejected
                                ? TransportEvent::Step::Rejected
                                : TransportEvent::Step::Discovered,
                        info, info.reason);
            }
            found.append(info);
        }
    }
    m_plugins = found;
    Q_EMIT pluginsChanged();
}

QList<TransportPluginInfo> TransportHost::plugins() const
{
    return m_plugins;
}

QStringList TransportHost::schemes() const
{
    QStringList result;
    for (const TransportPluginInfo &info : m_plugins) {
        if (info.state == TransportPluginInfo::State::Available
                || info.state == TransportPluginInfo::State::Active) {
            for (const QString &scheme : info.schemes) {
                if (!result.contains(scheme))
                    result.append(scheme);
            }
        }
    }
    return result;
}

void TransportHost::setPinned(const QString &scheme, const QString &name,
                              const QVersionNumber &version)
{
    if (name.isEmpty())
        m_pins.remove(scheme);
    else
        m_pins.insert(scheme, name + u'@' + version.toString());
    Q_EMIT pluginsChanged();
}

std::optional<TransportPluginInfo> TransportHost::choose(const QString &scheme) const
{
    std::optional<TransportPluginInfo> best;
    const QString pin = m_pins.value(scheme);
    for (const TransportPluginInfo &info : m_plugins) {
        if (info.state != TransportPluginInfo::State::Available
                && info.state != TransportPluginInfo::State::Active)
            continue;
        if (!info.serves(scheme))
            continue;
        // A pinned plugin wins over any other; among its files the newest.
        const bool isPinned = !pin.isEmpty() && info.displayName() == pin;
        const bool bestPinned = best && !pin.isEmpty() && best->displayName() == pin;
        if (bestPinned && !isPinned)
            continue;
        if (isPinned && !bestPinned) {
            best = info;
            continue;
        }
        if (!best || info.version > best->version
                || (info.version == best->version && info.modified > best->modified))
            best = info;
    }
    return best;
}

TransportLink *TransportHost::createLink(const QString &scheme, QObject *parent, QString *error)
{
    // Each failed load marks its file rejected, so this ends.
    for (;;) {
        const std::optional<TransportPluginInfo> chosen = choose(scheme);
        if (!chosen) {
            if (error)
                *error = tr("no usable transport plugin serves \"%1\" (searched %2)")
                                 .arg(scheme, folders().join(u", "_s));
            return nullptr;
        }
        std::shared_ptr<LoadedTransportPlugin> plugin = m_loaded.value(chosen->hash);
        if (!plugin) {
            emitEvent(TransportEvent::Step::Loading, *chosen);
            QString loadError;
            plugin = LoadedTransportPlugin::load(*chosen, chosen->file, &loadError);
            if (!plugin) {
                markRejected(chosen->hash, TransportPluginInfo::Problem::LoadFailed,
                        tr("could not load: %1").arg(loadError));
                continue;
            }
            m_loaded.insert(chosen->hash, plugin);
        }
        auto *link = new TransportLink(plugin, parent);
        if (!link->isValid()) {
            delete link;
            m_loaded.remove(chosen->hash);
            markRejected(chosen->hash, TransportPluginInfo::Problem::NoFactory,
                    tr("the plugin returned no transport"));
            continue;
        }
        return link;
    }
}

void TransportHost::reportActive(const TransportLink *link)
{
    for (TransportPluginInfo &info : m_plugins) {
        if (info.file == link->pluginFile()
                && info.state == TransportPluginInfo::State::Available) {
            if (m_activeHash != info.hash) {
                m_activeHash = info.hash;
                info.state = TransportPluginInfo::State::Active;
                emitEvent(TransportEvent::Step::Active, info);
                Q_EMIT pluginsChanged();
            }
        }
    }
}

void TransportHost::emitEvent(
        TransportEvent::Step step, const TransportPluginInfo &info, const QString &reason)
{
    TransportEvent event;
    event.step = step;
    event.name = info.name;
    event.version = info.version.isNull() ? QString() : info.version.toString();
    event.file = info.file;
    event.reason = reason;
    Q_EMIT this->event(event);
}

void TransportHost::markRejected(
        const QString &hash, TransportPluginInfo::Problem problem, const QString &reason)
{
    for (TransportPluginInfo &info : m_plugins) {
        if (info.hash != hash)
            continue;
        info.state = TransportPluginInfo::State::Rejected;
        info.problem = problem;
        info.reason = reason;
        m_rejectedByHash.insert(hash, info);
        qCWarning(lcHost).noquote() << "rejected" << info.file << "-" << reason;
        emitEvent(TransportEvent::Step::Rejected, info, reason);
    }
    Q_EMIT pluginsChanged();
}

} // namespace longlink
