#pragma once

#include "pluginverdictstore.h"
#include "transportevent.h"
#include "transportplugininfo.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QStringList>

#include <memory>
#include <optional>

namespace longlink {

class LoadedTransportPlugin;
class PluginCheck;
class PluginFolderWatcher;
class PrivateCopyFolder;
class TransportLink;

// Finds transport plugins in its folders, checks them from their metadata
// (never running their code first), loads them from private copies named by
// their content hash, chooses one per URL scheme and makes TransportLinks.
// It watches the folders: a new or rebuilt plugin becomes a candidate once
// its file is stable and has passed its check in a separate process
// (longlink-transport-check), and choiceChanged() tells the owner to move over.
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

    // The URL scheme the session needs: a usable plugin that serves only
    // others is reported as ignored, with the reason, not passed over in
    // silence.
    void setWantedScheme(const QString &scheme) { m_wantedScheme = scheme; }

    // Only plugins signed by a key in this folder are used (empty: no
    // signatures required). Takes effect with the next rescan().
    void setTrustedKeysFolder(const QString &folder) { m_trustedKeys = folder; }
    QString trustedKeysFolder() const { return m_trustedKeys; }

    // How long a file must stay unchanged before it is looked at.
    void setSettleMs(int milliseconds);

    // Reads every plugin file in the folders now (no settling: for the
    // start) and begins watching them.
    void rescan();
    void startWatching();

    QList<TransportPluginInfo> plugins() const;
    // The plugin that should serve `scheme` now: a pinned one, else the
    // highest version, else the newest file among equal versions. The active
    // plugin stays chosen when nothing better is there, even if its file was
    // deleted (the running copy is private).
    std::optional<TransportPluginInfo> choose(const QString &scheme) const;

    // A choice made by hand: serve `scheme` with this plugin even if a higher
    // version is present. An empty name clears it.
    void setPinned(const QString &scheme, const QString &name, const QVersionNumber &version);
    QString pinned(const QString &scheme) const { return m_pins.value(scheme); }

    // Where passed checks are remembered across runs (the host does not own it).
    void setVerdictStore(PluginVerdictStore *store) { m_verdictStore = store; }
    // The program that checks new plugin files before they are loaded here;
    // empty: load them unchecked (the in-process defences still apply).
    // Defaults to longlink-transport-check next to this program, or what
    // LONGLINK_TRANSPORT_CHECK names ("off" for none).
    void setCheckProgram(const QString &program) { m_checkProgram = program; }
    QString checkProgram() const { return m_checkProgram; }
    void setCheckTimeLimitMs(int milliseconds) { m_checkTimeLimitMs = milliseconds; }
    // Shipped with the app, in installedFolder(): trusted as installed, not checked.
    static bool isInstalled(const TransportPluginInfo &plugin);
    // Some plugin for `scheme` is being checked: a connection can wait for it.
    bool isChecking(const QString &scheme) const;
    // A plugin for `scheme` newer than `than` is being checked: at start,
    // the session waits for it rather than connect and swap at once.
    bool isCheckingNewer(const QString &scheme, const QVersionNumber &than) const;

    // Verdicts remembered from earlier runs, by hash.
    void setKnownVerdicts(const QHash<QString, PluginVerdict> &verdicts);
    // Marks content bad: not chosen again until the content changes.
    void reject(const QString &hash, TransportPluginInfo::Problem problem, const QString &reason);
    void quarantine(const QString &hash, const QString &reason);

    // A new, unopened link from `plugin` (loading it if needed), or nullptr
    // and the reason (the plugin is then rejected).
    TransportLink *createLink(const TransportPluginInfo &plugin, QObject *parent, QString *error);
    // The same for the chosen plugin of `scheme`, trying the next best if
    // one fails to load.
    TransportLink *createLink(const QString &scheme, QObject *parent, QString *error);

    // The plugin whose link carries the session now.
    void setActive(const TransportPluginInfo &plugin);
    std::optional<TransportPluginInfo> active() const { return m_active; }
    // Drops the host's hold on libraries other than the active one: each is
    // unloaded when its last link is gone.
    void releaseUnused();
    // Milliseconds (on the host's clock) when the file with this hash was
    // first noticed changing; -1 if unknown. For file-to-active times.
    qint64 noticedAt(const QString &hash) const { return m_noticedAt.value(hash, -1); }
    // The one clock of plugin timings: the watcher's, which noticedAt() uses too.
    qint64 clockMs() const;

    void emitEvent(TransportEvent::Step step, const TransportPluginInfo &info,
            const QString &reason = QString());

Q_SIGNALS:
    void event(const longlink::TransportEvent &event);
    void pluginsChanged();
    // The result of choose(scheme) may have changed.
    void choiceChanged();
    void verdictChanged(const longlink::PluginVerdict &verdict);
    // A library's last user is gone and its unload is queued; then it is unmapped.
    void libraryUnloading(const longlink::TransportPluginInfo &info);
    void libraryUnloaded(const longlink::TransportPluginInfo &info);

private:
    void consider(const QString &path, qint64 noticedMs, bool quiet);
    void announce(const TransportPluginInfo &info);
    bool needsCheck(const TransportPluginInfo &info) const;
    void startCheck(const TransportPluginInfo &info);
    // Why the plugin's files may not be trusted now; empty if they may.
    QString untrusted(const TransportPluginInfo &plugin) const;
    void checkFinished(PluginCheck *check, bool passed, bool conclusive,
            TransportPluginInfo::Problem problem, const QString &reason, qint64 elapsedMs);
    void forget(const QString &path);
    void applyKnownVerdict(TransportPluginInfo &info) const;
    void onUnloaded(const TransportPluginInfo &info);

    QStringList m_extraFolders;
    QString m_wantedScheme;
    QString m_trustedKeys;
    std::unique_ptr<PluginFolderWatcher> m_watcher;
    std::unique_ptr<PrivateCopyFolder> m_shadow;
    // One entry per plugin file, by path.
    QHash<QString, TransportPluginInfo> m_plugins;
    QStringList m_order; // paths in discovery order, for stable listings
    QHash<QString, PluginVerdict> m_verdicts; // by hash
    QHash<QString, qint64> m_noticedAt; // by hash
    // Loaded libraries by hash. A strong hold while a library is active or
    // being moved to; links hold it too, so a replaced one lives on until
    // its last link is gone.
    QHash<QString, std::shared_ptr<LoadedTransportPlugin>> m_loaded;
    std::optional<TransportPluginInfo> m_active;
    QHash<QString, QString> m_pins; // scheme -> "name@version"
    PluginVerdictStore *m_verdictStore = nullptr;
    QString m_checkProgram;
    int m_checkTimeLimitMs = 10'000;
    QHash<QString, PluginCheck *> m_checks; // running, by hash; children of the host
    QSet<QString> m_checked; // hashes that passed in this run
};

} // namespace longlink
