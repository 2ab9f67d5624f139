#include "hotswapcontroller.h"

#include "logging.h"
#include "pluginverdictstore.h"
#include "swappablesession.h"
#include "transporthost.h"
#include "transportlink.h"

#include <QtCore/QDateTime>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSaveFile>

using namespace Qt::StringLiterals;

namespace longlink {

using Step = TransportEvent::Step;
using State = TransportPluginInfo::State;

HotSwapController::HotSwapController(TransportHost *host, SwappableSession *session,
        PluginVerdictStore *verdicts, const QString &scheme, const QString &dataDir,
        QObject *parent)
    : QObject(parent), m_host(host), m_session(session), m_verdicts(verdicts), m_scheme(scheme),
      m_dataDir(dataDir)
{
    m_probationTimer.setSingleShot(true);
    connect(&m_probationTimer, &QTimer::timeout, this, &HotSwapController::endProbation);
    m_evaluateTimer.setSingleShot(true);
    m_evaluateTimer.setInterval(0);
    connect(&m_evaluateTimer, &QTimer::timeout, this, &HotSwapController::evaluate);
    connect(m_host, &TransportHost::choiceChanged, this, &HotSwapController::scheduleEvaluate);
    connect(m_host, &TransportHost::libraryUnloading, this, &HotSwapController::libraryUnloading);
    connect(m_host, &TransportHost::libraryUnloaded, this, &HotSwapController::libraryUnloaded);
    connect(m_host, &TransportHost::verdictChanged, this, [this](const PluginVerdict &verdict) {
        if (m_verdicts)
            m_verdicts->saveVerdict(verdict);
    });
}

QString HotSwapController::markerPath() const
{
    return m_dataDir + u"/transport-probation.json"_s;
}

void HotSwapController::restore()
{
    QHash<QString, PluginVerdict> verdicts;
    if (m_verdicts) {
        for (const PluginVerdict &verdict : m_verdicts->verdicts())
            verdicts.insert(verdict.hash, verdict);
    }
    QFile marker(markerPath());
    if (marker.open(QIODevice::ReadOnly)) {
        // The last run died while these plugins were suspects: on probation,
        // or unloaded moments before. Skip them until their content changes.
        const QJsonObject object = QJsonDocument::fromJson(marker.readAll()).object();
        marker.close();
        QJsonArray suspects = object.value(u"suspects"_s).toArray();
        if (suspects.isEmpty() && object.contains(u"hash"_s))
            suspects.append(object); // the first release's marker: one plugin on probation
        for (const QJsonValue &value : std::as_const(suspects)) {
            const QJsonObject suspect = value.toObject();
            const QString hash = suspect.value(u"hash"_s).toString();
            if (hash.isEmpty())
                continue;
            const QString name = suspect.value(u"name"_s).toString() + u'@'
                    + suspect.value(u"version"_s).toString();
            const QString since = suspect.value(u"since"_s).toString();
            const QString reason = suspect.value(u"why"_s).toString() == u"unloading"
                    ? tr("the app stopped within %1 s after %2 was unloaded (%3): it left "
                         "something running, a timer or a thread; skipped since")
                              .arg(kSuspectAfterUnloadMs / 1000)
                              .arg(name, since)
                    : tr("the app stopped while %1 was on probation (%2); skipped since")
                              .arg(name, since);
            const PluginVerdict verdict { hash, suspect.value(u"file"_s).toString(),
                State::Quarantined, TransportPluginInfo::Problem::Crashed, reason };
            verdicts.insert(hash, verdict);
            if (m_verdicts)
                m_verdicts->saveVerdict(verdict);
            qCWarning(lcHost).noquote() << "quarantined" << verdict.file << "-" << reason;
        }
        QFile::remove(markerPath());
    }
    m_host->setKnownVerdicts(verdicts);
}

bool HotSwapController::isKnownGood(const TransportPluginInfo &plugin) const
{
    // What the package installed is trusted as shipped: a crash unrelated to
    // it in the first seconds of a run must not quarantine the only
    // transport there is.
    if (TransportHost::isInstalled(plugin))
        return true;
    return m_verdicts && m_verdicts->isProven(plugin.hash);
}

TransportLink *HotSwapController::createLink(QObject *parent, QString *error)
{
    for (;;) {
        std::optional<TransportPluginInfo> chosen = m_host->choose(m_scheme);
        if (chosen && !m_carrier && m_host->pinned(m_scheme).isEmpty()
                && m_host->isCheckingNewer(m_scheme, chosen->version)) {
            // The first connection: the highest version wins at start, so
            // wait for its check (bounded) instead of swapping right after.
            chosen.reset();
        }
        if (!chosen) {
            // Reconnect as soon as one becomes usable, not at the next backoff.
            m_waitingForPlugin = true;
            if (error)
                *error = m_host->isChecking(m_scheme)
                        ? tr("the transport plugin for \"%1\" is being checked; connecting "
                             "once it passes")
                                  .arg(m_scheme)
                        : tr("no usable transport plugin serves \"%1\" (searched %2)")
                                  .arg(m_scheme, m_host->folders().join(u", "_s));
            return nullptr;
        }
        m_waitingForPlugin = false;
        // A plugin that never carried a session before runs on probation
        // from its first connection, so a crash in it is caught next start.
        if (!isKnownGood(*chosen))
            writeMarker(*chosen);
        if (TransportLink *link = m_host->createLink(*chosen, parent, error)) {
            if (m_phase == Phase::Probation && chosen->hash != m_carrier->hash) {
                // Reconnecting through another plugin: the one on probation
                // leaves without a verdict; the new one earns its own.
                m_probationTimer.stop();
                m_phase = Phase::Idle;
                m_fallback.reset();
            }
            m_carrier = chosen;
            return link;
        }
        clearMarker();
    }
}

TransportLink *HotSwapController::createLinkFor(
        const QString &scheme, QObject *parent, QString *error)
{
    const std::optional<TransportPluginInfo> chosen = m_host->choose(scheme);
    if (!chosen) {
        if (error)
            *error = m_host->isChecking(scheme)
                    ? tr("the transport plugin for \"%1\" is being checked").arg(scheme)
                    : tr("no usable transport plugin serves \"%1\"").arg(scheme);
        return nullptr;
    }
    return m_host->createLink(*chosen, parent, error);
}

void HotSwapController::setScheme(const QString &scheme)
{
    if (scheme == m_scheme)
        return;
    Q_ASSERT(m_phase != Phase::Moving);
    if (m_phase == Phase::Probation) {
        m_probationTimer.stop();
        m_phase = Phase::Idle;
        m_fallback.reset();
        clearMarker();
    }
    m_scheme = scheme;
    m_waitingForPlugin = false;
}

void HotSwapController::scheduleEvaluate()
{
    if (!m_evaluateTimer.isActive())
        m_evaluateTimer.start();
}

void HotSwapController::evaluate()
{
    if (m_waitingForPlugin && m_session->isRunning() && !m_session->isConnected()
            && !m_session->isMoving()) {
        const auto ready = m_host->choose(m_scheme);
        if (ready
                && (m_carrier || !m_host->isCheckingNewer(m_scheme, ready->version)
                        || !m_host->pinned(m_scheme).isEmpty())) {
            m_waitingForPlugin = false;
            m_session->reconnectNow(tr("%1 is ready").arg(ready->displayName()));
        }
        return;
    }
    if (m_phase == Phase::Moving || m_session->isMoving() || !m_session->isRunning()
            || !m_session->isConnected() || !m_carrier)
        return;
    const std::optional<TransportPluginInfo> chosen = m_host->choose(m_scheme);
    if (!chosen || chosen->hash == m_carrier->hash)
        return;
    beginSwap(*chosen);
}

void HotSwapController::beginSwap(const TransportPluginInfo &plugin)
{
    // A plugin still on probation that carried the session until now has
    // done its job: it becomes the one to go back to.
    if (m_phase == Phase::Probation)
        endProbation();
    m_phase = Phase::Moving;
    m_fallback = m_carrier;
    m_target = plugin;
    const qint64 noticed = m_host->noticedAt(plugin.hash);
    m_moveStartedMs = noticed >= 0 ? noticed : m_host->clockMs();
    writeMarker(plugin);
    QString error;
    TransportLink *link = m_host->createLink(plugin, nullptr, &error);
    if (!link) {
        // Loading failed: the host rejected it already; nothing moved.
        m_host->emitEvent(Step::RolledBack, plugin, error);
        Q_EMIT rolledBack(plugin.name, plugin.version.toString(), error);
        m_phase = Phase::Idle;
        m_target.reset();
        m_fallback.reset();
        clearMarker();
        scheduleEvaluate();
        return;
    }
    // Whether the connection itself can change hands is decided here, from
    // both plugins' metadata: the session only carries out the move.
    ByteLink::MoveMode mode = ByteLink::MoveMode::Reconnect;
    if (m_forcedMode)
        mode = *m_forcedMode;
    const QString format = m_fallback ? m_fallback->handoverWith(plugin) : QString();
    if (!m_forcedMode && !format.isEmpty()) {
        mode = ByteLink::MoveMode::Handover;
        link->setHandoverFormat(format);
    }
    m_host->emitEvent(Step::Opening, plugin,
            mode == ByteLink::MoveMode::Handover            ? tr("handover (%1)").arg(format)
                    : mode == ByteLink::MoveMode::Reconnect ? tr("reconnect")
                                                            : tr("break-before-make"));
    m_session->moveTo(link, mode);
}

void HotSwapController::sessionMoveFinished(
        bool ok, ByteLink::MoveMode mode, const QString &reason, int resent)
{
    if (m_phase != Phase::Moving)
        return; // a move the session made on its own (not connected at the time)
    const TransportPluginInfo plugin = *m_target;
    const std::optional<TransportPluginInfo> from = m_fallback;
    m_target.reset();
    m_phase = Phase::Idle;
    if (!ok) {
        m_fallback.reset();
        clearMarker();
        // The old link is still there (or the session reconnects through
        // the best plugin left).
        if (from)
            m_carrier = from;
        if (!m_session->isRunning())
            return; // called off because the session is closing: not the plugin's fault
        m_host->reject(plugin.hash, TransportPluginInfo::Problem::LoadFailed,
                tr("could not take over the session: %1").arg(reason));
        m_host->emitEvent(Step::RolledBack, plugin, reason);
        Q_EMIT rolledBack(plugin.name, plugin.version.toString(), reason);
        scheduleEvaluate();
        return;
    }
    const qint64 elapsed = m_host->clockMs() - m_moveStartedMs;
    m_host->emitEvent(Step::Resumed, plugin,
            mode == ByteLink::MoveMode::Handover ? tr("handover") : tr("reconnect"));
    m_carrier = plugin;
    m_host->setActive(plugin);
    startProbation(); // with `from` to go back to
    qCInfo(lcHost).noquote() << "now on" << plugin.displayName() << "after" << elapsed << "ms,"
                             << resent << "publishes resent";
    Q_EMIT swapped(plugin.name, from ? from->version.toString() : QString(),
            plugin.version.toString(), elapsed, resent, mode);
    scheduleEvaluate(); // something newer may have arrived meanwhile
}

void HotSwapController::sessionConnected()
{
    // The first connection, or a reconnect through whatever was chosen.
    if (!m_carrier || m_phase == Phase::Moving)
        return;
    const bool changed = !m_host->active() || m_host->active()->hash != m_carrier->hash;
    m_host->setActive(*m_carrier);
    if (changed && !isKnownGood(*m_carrier) && m_phase != Phase::Probation)
        startProbation(); // a first connection: nothing to go back to
    else if (m_phase != Phase::Probation)
        clearMarker();
    scheduleEvaluate();
}

void HotSwapController::sessionDisconnected(const QString &reason)
{
    if (m_phase != Phase::Probation)
        return;
    // The link of a plugin on probation failed. Blame the plugin when the
    // failure looks like its own (garbled bytes, an internal or network
    // error); a server that closes, refuses or goes quiet is not its fault.
    switch (m_session->lastLinkError()) {
    case ByteLink::Error::Protocol:
    case ByteLink::Error::Internal:
    case ByteLink::Error::Network:
    case ByteLink::Error::Tls:
        rollBack(reason);
        break;
    default:
        break;
    }
}

void HotSwapController::startProbation()
{
    m_phase = Phase::Probation;
    writeMarker(*m_carrier);
    m_probationTimer.start(m_probationMs);
}

void HotSwapController::endProbation()
{
    m_probationTimer.stop();
    if (m_phase != Phase::Probation)
        return;
    if (m_verdicts)
        m_verdicts->markProven(m_carrier->hash);
    m_phase = Phase::Idle;
    m_fallback.reset();
    clearMarker();
    m_host->releaseUnused();
}

void HotSwapController::rollBack(const QString &reason)
{
    m_probationTimer.stop();
    const TransportPluginInfo bad = *m_carrier;
    m_phase = Phase::Idle;
    const QString why = tr("failed during probation: %1").arg(reason);
    m_host->reject(bad.hash, TransportPluginInfo::Problem::LoadFailed, why);
    m_host->emitEvent(Step::RolledBack, bad, why);
    if (m_fallback) {
        m_host->setActive(*m_fallback); // still loaded: the reconnect goes back to it
        m_carrier = m_fallback;
        m_fallback.reset();
    }
    clearMarker();
    Q_EMIT rolledBack(bad.name, bad.version.toString(), why);
    m_session->reconnectNow(tr("going back to the previous transport"));
}

void HotSwapController::abandonProbation()
{
    // A clean exit is not a crash: nothing to hold against the plugin.
    m_probationTimer.stop();
    if (m_phase == Phase::Probation) {
        m_phase = Phase::Idle;
        m_fallback.reset();
    }
    m_onTrial.reset();
    m_unloading.clear();
    saveMarker();
}

void HotSwapController::writeMarker(const TransportPluginInfo &plugin)
{
    m_onTrial = Suspect { plugin, QDateTime::currentDateTime().toString(Qt::ISODate) };
    saveMarker();
}

void HotSwapController::clearMarker()
{
    if (!m_onTrial)
        return;
    m_onTrial.reset();
    saveMarker();
}

void HotSwapController::libraryUnloading(const TransportPluginInfo &plugin)
{
    // Its code may still run after the unload (a timer, a thread it left):
    // a crash in the next moments is blamed on it. Not what the package
    // installed: an unrelated crash must not quarantine the only transport.
    if (TransportHost::isInstalled(plugin))
        return;
    m_unloading.insert(
            plugin.hash, Suspect { plugin, QDateTime::currentDateTime().toString(Qt::ISODate) });
    saveMarker();
}

void HotSwapController::libraryUnloaded(const TransportPluginInfo &plugin)
{
    QTimer::singleShot(kSuspectAfterUnloadMs, this, [this, hash = plugin.hash] {
        if (m_unloading.remove(hash) > 0)
            saveMarker();
    });
}

void HotSwapController::saveMarker()
{
    if (!m_onTrial && m_unloading.isEmpty()) {
        QFile::remove(markerPath());
        return;
    }
    QJsonArray suspects;
    auto add = [&suspects](const Suspect &suspect, const QString &why) {
        suspects.append(QJsonObject { { u"hash"_s, suspect.plugin.hash },
                { u"name"_s, suspect.plugin.name },
                { u"version"_s, suspect.plugin.version.toString() },
                { u"file"_s, suspect.plugin.file }, { u"since"_s, suspect.since },
                { u"why"_s, why } });
    };
    if (m_onTrial)
        add(*m_onTrial, u"probation"_s);
    for (const Suspect &suspect : std::as_const(m_unloading))
        add(suspect, u"unloading"_s);
    QSaveFile file(markerPath());
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(QJsonDocument(QJsonObject { { u"suspects"_s, suspects } })
                       .toJson(QJsonDocument::Compact));
    // Flushed to disk: a crash right after must still find it.
    file.commit();
}

} // namespace longlink
