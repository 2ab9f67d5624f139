#include "transporthost.h"

#include "loadedtransportplugin.h"
#include "logging.h"
#include "pathtrust.h"
#include "plugincheck.h"
#include "pluginfolderwatcher.h"
#include "privatecopyfolder.h"
#include "transportlink.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QLibrary>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>

using namespace Qt::StringLiterals;

namespace longlink {

using State = TransportPluginInfo::State;
using Problem = TransportPluginInfo::Problem;

TransportHost::TransportHost(QObject *parent)
    : QObject(parent), m_watcher(std::make_unique<PluginFolderWatcher>())
{
    qRegisterMetaType<longlink::TransportEvent>();
    // Private copies live in a folder only we can write, under the user's
    // runtime folder, removed with the host; a crashed run's are removed now.
    PrivateCopyFolder::removeStale();
    m_shadow = std::make_unique<PrivateCopyFolder>(u"plugins"_s);
    if (!m_shadow->isValid())
        qCWarning(lcHost).noquote()
                << "cannot create a private plugin folder:" << m_shadow->errorString();
    connect(m_watcher.get(), &PluginFolderWatcher::fileSettled, this,
            [this](const QString &path, qint64 noticedMs) { consider(path, noticedMs, false); });
    connect(m_watcher.get(), &PluginFolderWatcher::fileRemoved, this, &TransportHost::forget);

    const QString program = qEnvironmentVariable("LONGLINK_TRANSPORT_CHECK");
    if (program == u"off"_s)
        m_checkProgram.clear();
    else if (!program.isEmpty())
        m_checkProgram = program;
    else
        m_checkProgram = QCoreApplication::applicationDirPath() + u"/longlink-transport-check"_s;
    if (const int limit = qEnvironmentVariableIntValue("LONGLINK_TRANSPORT_CHECK_MS"); limit > 0)
        m_checkTimeLimitMs = limit;
}

TransportHost::~TransportHost()
{
    qDeleteAll(m_checks); // ends their processes
    m_checks.clear();
    m_loaded.clear();
}

bool TransportHost::isInstalled(const TransportPluginInfo &plugin)
{
    return plugin.file.startsWith(installedFolder() + u'/');
}

bool TransportHost::isChecking(const QString &scheme) const
{
    for (const TransportPluginInfo &info : m_plugins) {
        if (info.state == State::Checking && info.serves(scheme))
            return true;
    }
    return false;
}

bool TransportHost::isCheckingNewer(const QString &scheme, const QVersionNumber &than) const
{
    for (const TransportPluginInfo &info : m_plugins) {
        if (info.state == State::Checking && info.serves(scheme) && info.version > than)
            return true;
    }
    return false;
}

bool TransportHost::needsCheck(const TransportPluginInfo &info) const
{
    if (m_checkProgram.isEmpty() || isInstalled(info) || m_checked.contains(info.hash)
            || m_loaded.contains(info.hash) || (m_active && m_active->hash == info.hash))
        return false;
    return !m_verdictStore
            || !(m_verdictStore->isChecked(info.hash) || m_verdictStore->isProven(info.hash));
}

QString TransportHost::untrusted(const TransportPluginInfo &plugin) const
{
    for (const QString &path : { plugin.loadPath, plugin.file }) {
        if (path != plugin.loadPath && !QFileInfo::exists(path))
            continue; // the dropped file is gone; the private copy is what runs
        if (const PathTrust::Verdict trust = PathTrust::check(path); !trust.trusted)
            return TransportPluginInfo::untrustedReason(trust);
    }
    return QString();
}

void TransportHost::startCheck(const TransportPluginInfo &info)
{
    if (m_checks.contains(info.hash))
        return;
    if (const QString refusal = untrusted(info); !refusal.isEmpty()) {
        reject(info.hash, Problem::InsecurePermissions, refusal);
        return;
    }
    auto *check = new PluginCheck(info, m_checkProgram, m_checkTimeLimitMs, this);
    m_checks.insert(info.hash, check);
    connect(check, &PluginCheck::finished, this, [this, check](const PluginCheck::Outcome &o) {
        checkFinished(check, o.passed, o.conclusive, o.problem, o.reason, o.elapsedMs);
    });
    emitEvent(TransportEvent::Step::Checking, info, tr("in a separate process"));
    check->start();
}

void TransportHost::checkFinished(PluginCheck *check, bool passed, bool conclusive,
        TransportPluginInfo::Problem problem, const QString &reason, qint64 elapsedMs)
{
    const QString hash = check->info().hash;
    m_checks.remove(hash);
    check->deleteLater();
    if (passed) {
        qCInfo(lcHost).noquote() << "checked" << check->info().displayName() << "in" << elapsedMs
                                 << "ms: passed";
        m_checked.insert(hash);
        if (m_verdictStore)
            m_verdictStore->markChecked(hash);
        for (TransportPluginInfo &info : m_plugins) {
            if (info.hash != hash || info.state != State::Checking)
                continue;
            info.state = State::Available;
            info.reason.clear();
            announce(info);
        }
        Q_EMIT pluginsChanged();
        Q_EMIT choiceChanged();
    } else if (conclusive) {
        reject(hash, problem, reason);
    } else {
        // Nothing learnt of the plugin: refused for this run only.
        for (TransportPluginInfo &info : m_plugins) {
            if (info.hash != hash || info.state != State::Checking)
                continue;
            info.state = State::Rejected;
            info.problem = problem;
            info.reason = reason;
            qCWarning(lcHost).noquote() << "not loaded" << info.file << "-" << reason;
            emitEvent(TransportEvent::Step::Rejected, info, reason);
        }
        Q_EMIT pluginsChanged();
        Q_EMIT choiceChanged();
    }
}

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

qint64 TransportHost::clockMs() const
{
    return m_watcher->elapsedMs();
}

void TransportHost::setSettleMs(int milliseconds)
{
    m_watcher->setSettleMs(milliseconds);
}

void TransportHost::rescan()
{
    const qint64 now = m_watcher->elapsedMs();
    QSet<QString> present;
    for (const QString &folder : folders()) {
        const QDir dir(folder);
        if (!dir.exists())
            continue;
        const QFileInfoList entries = dir.entryInfoList(QDir::Files, QDir::Name);
        for (const QFileInfo &entry : entries) {
            if (!QLibrary::isLibrary(entry.fileName()))
                continue;
            present.insert(entry.absoluteFilePath());
            consider(entry.absoluteFilePath(), now, false);
        }
    }
    const QStringList known = m_order;
    for (const QString &path : known) {
        if (!present.contains(path))
            forget(path);
    }
}

void TransportHost::startWatching()
{
    QDir().mkpath(userFolder());
    m_watcher->setFolders(folders());
    m_watcher->scanAll();
}

void TransportHost::applyKnownVerdict(TransportPluginInfo &info) const
{
    if (info.state != State::Available)
        return;
    const auto verdict = m_verdicts.constFind(info.hash);
    if (verdict != m_verdicts.cend()) {
        info.state = verdict->state;
        info.problem = verdict->problem;
        info.reason = verdict->reason;
    } else if (m_active && m_active->hash == info.hash) {
        info.state = State::Active;
    }
}

void TransportHost::consider(const QString &path, qint64 noticedMs, bool quiet)
{
    TransportPluginInfo info = TransportPluginInfo::inspect(path, m_shadow->path(), m_trustedKeys);
    applyKnownVerdict(info);
    const bool checking = info.isUsable() && needsCheck(info);
    if (checking) {
        info.state = State::Checking;
        info.reason = tr("being checked in a separate process");
    }
    const auto existing = m_plugins.constFind(path);
    if (existing != m_plugins.cend() && existing->hash == info.hash && existing->state == info.state
            && existing->reason == info.reason)
        return; // touched, not changed (a new signature or mode may change the reason)
    if (!info.hash.isEmpty() && !m_noticedAt.contains(info.hash))
        m_noticedAt.insert(info.hash, noticedMs);
    if (!m_order.contains(path))
        m_order.append(path);
    m_plugins.insert(path, info);
    if (checking)
        startCheck(info);
    if (!quiet && !checking) {
        if (info.isUsable()) {
            announce(info);
        } else {
            qCWarning(lcHost).noquote() << TransportPluginInfo::stateName(info.state) << info.file
                                        << "-" << info.reason;
            emitEvent(TransportEvent::Step::Rejected, info, info.reason);
        }
    }
    Q_EMIT pluginsChanged();
    Q_EMIT choiceChanged();
}

void TransportHost::announce(const TransportPluginInfo &info)
{
    qCInfo(lcHost).noquote() << "discovered" << info.displayName() << info.file;
    emitEvent(TransportEvent::Step::Discovered, info);
    if (!m_wantedScheme.isEmpty() && !info.serves(m_wantedScheme)) {
        const QString reason
                = tr("serves %1, the server is %2").arg(info.schemes.join(u", "_s), m_wantedScheme);
        qCInfo(lcHost).noquote() << "ignored" << info.displayName() << "-" << reason;
        emitEvent(TransportEvent::Step::Ignored, info, reason);
    } else if (const QString pin = m_pins.value(m_wantedScheme);
               !pin.isEmpty() && pin != info.displayName()) {
        // Not chosen, and not in silence: the user pinned another one.
        const QString reason = tr("%1 is chosen by hand; choose the newest "
                                  "automatically to use this one")
                                       .arg(pin);
        qCInfo(lcHost).noquote() << "ignored" << info.displayName() << "-" << reason;
        emitEvent(TransportEvent::Step::Ignored, info, reason);
    }
}

void TransportHost::forget(const QString &path)
{
    if (!m_plugins.contains(path))
        return;
    const TransportPluginInfo info = m_plugins.take(path);
    m_order.removeAll(path);
    qCInfo(lcHost).noquote() << "removed" << path;
    if (PluginCheck *check = m_checks.value(info.hash)) {
        bool wanted = false;
        for (const TransportPluginInfo &other : std::as_const(m_plugins))
            wanted |= other.hash == info.hash;
        if (!wanted) {
            m_checks.remove(info.hash);
            delete check; // ends its process
        }
    }
    if (!m_loaded.contains(info.hash) && !(m_active && m_active->hash == info.hash)) {
        bool stillUsed = false;
        for (const TransportPluginInfo &other : std::as_const(m_plugins))
            stillUsed |= other.hash == info.hash;
        if (!stillUsed && info.loadPath != info.file)
            QFile::remove(info.loadPath);
    }
    Q_EMIT pluginsChanged();
    Q_EMIT choiceChanged();
}

QList<TransportPluginInfo> TransportHost::plugins() const
{
    QList<TransportPluginInfo> result;
    for (const QString &path : m_order)
        result.append(m_plugins.value(path));
    return result;
}

void TransportHost::setPinned(
        const QString &scheme, const QString &name, const QVersionNumber &version)
{
    if (name.isEmpty())
        m_pins.remove(scheme);
    else
        m_pins.insert(scheme, name + u'@' + version.toString());
    Q_EMIT pluginsChanged();
    Q_EMIT choiceChanged();
}

std::optional<TransportPluginInfo> TransportHost::choose(const QString &scheme) const
{
    QList<TransportPluginInfo> candidates;
    for (const QString &path : m_order) {
        const TransportPluginInfo &info = m_plugins[path];
        if (info.isUsable() && info.serves(scheme))
            candidates.append(info);
    }
    // The running plugin stays a candidate even if its file is gone.
    if (m_active && m_active->serves(scheme) && !m_verdicts.contains(m_active->hash))
        candidates.append(*m_active);

    const QString pin = m_pins.value(scheme);
    std::optional<TransportPluginInfo> best;
    for (const TransportPluginInfo &info : std::as_const(candidates)) {
        if (!best) {
            best = info;
            continue;
        }
        const bool pinned = !pin.isEmpty() && info.displayName() == pin;
        const bool bestPinned = !pin.isEmpty() && best->displayName() == pin;
        if (pinned != bestPinned) {
            if (pinned)
                best = info;
            continue;
        }
        if (info.version != best->version) {
            if (info.version > best->version)
                best = info;
            continue;
        }
        // Equal versions: the newest file wins (a rebuild replaces), and
        // the running copy wins a tie so nothing moves for no reason.
        if (info.hash == best->hash)
            continue;
        if (info.modified > best->modified)
            best = info;
    }
    return best;
}

void TransportHost::setKnownVerdicts(const QHash<QString, PluginVerdict> &verdicts)
{
    m_verdicts = verdicts;
    for (TransportPluginInfo &info : m_plugins)
        applyKnownVerdict(info);
    Q_EMIT pluginsChanged();
    Q_EMIT choiceChanged();
}

void TransportHost::reject(
        const QString &hash, TransportPluginInfo::Problem problem, const QString &reason)
{
    const State state = problem == Problem::Crashed ? State::Quarantined : State::Rejected;
    TransportPluginInfo shown;
    for (TransportPluginInfo &info : m_plugins) {
        if (info.hash != hash)
            continue;
        info.state = state;
        info.problem = problem;
        info.reason = reason;
        shown = info;
    }
    if (shown.hash.isEmpty() && m_active && m_active->hash == hash)
        shown = *m_active;
    if (shown.hash.isEmpty())
        shown.hash = hash;
    qCWarning(lcHost).noquote() << TransportPluginInfo::stateName(state) << shown.displayName()
                                << shown.file << "-" << reason;
    const PluginVerdict verdict { hash, shown.file, state, problem, reason };
    m_verdicts.insert(hash, verdict);
    emitEvent(TransportEvent::Step::Rejected, shown, reason);
    Q_EMIT verdictChanged(verdict);
    Q_EMIT pluginsChanged();
    Q_EMIT choiceChanged();
}

void TransportHost::quarantine(const QString &hash, const QString &reason)
{
    reject(hash, Problem::Crashed, reason);
}

TransportLink *TransportHost::createLink(
        const TransportPluginInfo &plugin, QObject *parent, QString *error)
{
    std::shared_ptr<LoadedTransportPlugin> loaded = m_loaded.value(plugin.hash);
    if (!loaded) {
        // Judged again from the file system now, not from what was true at
        // discovery: the copy we load, and the dropped file if still there.
        if (const QString refusal = untrusted(plugin); !refusal.isEmpty()) {
            if (error)
                *error = refusal;
            reject(plugin.hash, Problem::InsecurePermissions, refusal);
            return nullptr;
        }
        emitEvent(TransportEvent::Step::Loading, plugin);
        QString loadError;
        LoadedTransportPlugin::Hooks hooks;
        hooks.unloading = [self = QPointer<TransportHost>(this)](const TransportPluginInfo &info) {
            if (self)
                Q_EMIT self->libraryUnloading(info);
        };
        hooks.unloaded = [self = QPointer<TransportHost>(this)](const TransportPluginInfo &info) {
            if (self)
                self->onUnloaded(info);
        };
        loaded = LoadedTransportPlugin::load(plugin, &loadError, std::move(hooks));
        if (!loaded) {
            const QString reason = tr("could not load: %1").arg(loadError);
            if (error)
                *error = reason;
            reject(plugin.hash, Problem::LoadFailed, reason);
            return nullptr;
        }
        m_loaded.insert(plugin.hash, loaded);
    }
    auto *link = new TransportLink(loaded, parent);
    if (!link->isValid()) {
        delete link;
        m_loaded.remove(plugin.hash);
        const QString reason = tr("the plugin created no transport");
        if (error)
            *error = reason;
        reject(plugin.hash, Problem::NoFactory, reason);
        return nullptr;
    }
    connect(link, &TransportLink::contractWarning, this, [this, plugin](const QString &text) {
        emitEvent(TransportEvent::Step::Warning, plugin, text);
    });
    return link;
}

TransportLink *TransportHost::createLink(const QString &scheme, QObject *parent, QString *error)
{
    // Each failure rejects its plugin, so this ends.
    for (;;) {
        const std::optional<TransportPluginInfo> chosen = choose(scheme);
        if (!chosen) {
            if (error)
                *error = tr("no usable transport plugin serves \"%1\" (searched %2)")
                                 .arg(scheme, folders().join(u", "_s));
            return nullptr;
        }
        if (TransportLink *link = createLink(*chosen, parent, error))
            return link;
    }
}

void TransportHost::setActive(const TransportPluginInfo &plugin)
{
    const bool changed = !m_active || m_active->hash != plugin.hash;
    m_active = plugin;
    for (TransportPluginInfo &info : m_plugins) {
        if (info.hash == plugin.hash && info.state == State::Available)
            info.state = State::Active;
        else if (info.hash != plugin.hash && info.state == State::Active)
            info.state = State::Available;
    }
    if (changed) {
        emitEvent(TransportEvent::Step::Active, plugin);
        Q_EMIT pluginsChanged();
    }
}

void TransportHost::releaseUnused()
{
    for (auto it = m_loaded.begin(); it != m_loaded.end();) {
        if (m_active && it.key() == m_active->hash)
            ++it;
        else
            it = m_loaded.erase(it);
    }
}

void TransportHost::onUnloaded(const TransportPluginInfo &info)
{
    emitEvent(TransportEvent::Step::Unloaded, info);
    Q_EMIT libraryUnloaded(info);
    if (m_loaded.contains(info.hash) || (m_active && m_active->hash == info.hash))
        return;
    for (const TransportPluginInfo &other : std::as_const(m_plugins)) {
        if (other.hash == info.hash)
            return; // the same content is still offered: keep its copy
    }
    if (info.loadPath != info.file)
        QFile::remove(info.loadPath);
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

} // namespace longlink
