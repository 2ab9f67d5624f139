#pragma once

#include "transportevent.h"
#include "transportplugininfo.h"

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QStringList>

#include <memory>
#include <optional>

namespace longlink {

class LoadedTransportPlugin;
class TransportLink;

// Finds transport plugins in its folders, checks them from their metadata,
// chooses one per URL scheme and makes TransportLinks from it.
class TransportHost : public QObject
{
    Q_OBJECT

public:
    explicit TransportHost(QObject *parent = nullptr);
    ~TransportHost() override;

    // <bindir>/../lib/longlink/transports, at the same place relative to the
    // program in the build tree and when installed.
    static QString installedFolder();
    // QStandardPaths::AppDataLocation/transports
    static QString userFolder();

    // Extra folders (from the command line) are searched besides the
    // installed and the user folder.
    void setExtraFolders(const QStringList &folders);
    QStringList folders() const;

    // Reads every plugin file in the folders again. Emits discovered/rejected.
    void rescan();

    QList<TransportPluginInfo> plugins() const;
    // The plugin that serves `scheme`: the highest version, the newest file
    // among equal versions.
    std::optional<TransportPluginInfo> choose(const QString &scheme) const;
    QStringList schemes() const;

    // A choice made by hand: serve `scheme` with this plugin even if a higher
    // version is present. An empty name clears it. The choice persists when a
    // ChatStore is attached.
    void setPinned(const QString &scheme, const QString &name, const QVersionNumber &version);
    QString pinned(const QString &scheme) const { return m_pins.value(scheme); }

    // A new, unopened link for `scheme`, loading the chosen plugin if needed.
    // nullptr and the reason when no usable plugin serves the scheme.
    TransportLink *createLink(const QString &scheme, QObject *parent, QString *error);

    // Called when a link of this plugin carries the session.
    void reportActive(const TransportLink *link);

Q_SIGNALS:
    void event(const longlink::TransportEvent &event);
    void pluginsChanged();

private:
    void emitEvent(TransportEvent::Step step, const TransportPluginInfo &info,
            const QString &reason = QString());
    void markRejected(
            const QString &hash, TransportPluginInfo::Problem problem, const QString &reason);

    QStringList m_extraFolders;
    QList<TransportPluginInfo> m_plugins;
    QHash<QString, TransportPluginInfo> m_rejectedByHash; // not retried until the content changes
    // The loaded libraries, by content hash. Held strongly while chosen, so a
    // reconnect does not reload; a replaced plugin lives on through its links.
    QHash<QString, std::shared_ptr<LoadedTransportPlugin>> m_loaded;
    QString m_activeHash;
    QHash<QString, QString> m_pins; // scheme -> "name@version"
};

} // namespace longlink
