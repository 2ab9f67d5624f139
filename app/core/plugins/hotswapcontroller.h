#pragma once

#include "bytelink.h"
#include "transportplugininfo.h"

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <optional>

namespace longlink {

class PluginVerdictStore;
class SwappableSession;
class TransportHost;
class TransportLink;

// Decides when and how the live session moves to another transport, and
// undoes a move that goes wrong (design section 2):
// - a better plugin for the server's scheme appears -> load it, open it while
//   the old one still carries the session, move the session (handover when
//   both speak the same format, else reconnect), then let the old one go;
// - any failure on the way, or an error within the probation window after
//   the move -> the new plugin is marked bad and the old one keeps or
//   regains the session;
// - a marker file written before a move and cleared after probation, which
//   also names libraries for a few seconds after their unload, lets the next
//   start see which plugin crashed the process (even through code it left
//   running), and skip it.
class HotSwapController : public QObject
{
    Q_OBJECT

public:
    // `session` and `verdicts` outlive the controller; `verdicts` may be null.
    HotSwapController(TransportHost *host, SwappableSession *session, PluginVerdictStore *verdicts,
            const QString &scheme, const QString &dataDir, QObject *parent = nullptr);

    // Reads verdicts of earlier runs and the crash marker. Call before the
    // session starts.
    void restore();

    // The session's link factory: a link from the chosen plugin.
    TransportLink *createLink(QObject *parent, QString *error);

    // A link from the plugin chosen for `scheme`, for racing several
    // addresses: nothing changes here until the caller says which one won
    // (setScheme(), setCarrier()).
    TransportLink *createLinkFor(const QString &scheme, QObject *parent, QString *error);

    // The server moved to an address of another scheme: links come from its
    // plugins from now on. A plugin on probation leaves it without a
    // verdict (it did not fail; it is no longer wanted). Not while swapping.
    void setScheme(const QString &scheme);
    QString scheme() const { return m_scheme; }
    // A server move failed: the plugin that kept carrying the session.
    void setCarrier(const std::optional<TransportPluginInfo> &plugin) { m_carrier = plugin; }

    // What the session reports back (wired by whoever owns both).
    void sessionMoveFinished(bool ok, ByteLink::MoveMode mode, const QString &reason, int resent);
    void sessionConnected();
    void sessionDisconnected(const QString &reason);

    void setProbationMs(int milliseconds) { m_probationMs = milliseconds; }
    // Forces a way of moving (the benchmark's break-before-make reference).
    void setForcedMode(std::optional<ByteLink::MoveMode> mode) { m_forcedMode = mode; }
    bool isSwapping() const { return m_phase == Phase::Moving; }
    std::optional<TransportPluginInfo> onProbation() const
    {
        return m_phase == Phase::Probation ? m_carrier : std::nullopt;
    }
    // The plugin whose link the session uses now (or used last).
    std::optional<TransportPluginInfo> currentPlugin() const { return m_carrier; }
    QString markerPath() const;
    // The app is closing normally: forget the crash marker.
    void abandonProbation();

Q_SIGNALS:
    void swapped(const QString &name, const QString &fromVersion, const QString &toVersion,
            qint64 milliseconds, int messagesResent, longlink::ByteLink::MoveMode mode);
    void rolledBack(const QString &name, const QString &version, const QString &reason);

private:
    void scheduleEvaluate();
    void evaluate();
    void beginSwap(const TransportPluginInfo &plugin);
    // The carrier goes on probation (the fallback, if any, is where to go back).
    void startProbation();
    void endProbation();
    // The carrier on probation failed: refuse it, go back to the fallback.
    void rollBack(const QString &reason);
    // The crash marker names every plugin a crash now would be blamed on:
    // the one on trial (moved to, or on probation) and the libraries
    // unloaded in the last kSuspectAfterUnloadMs.
    void writeMarker(const TransportPluginInfo &plugin); // puts it on trial
    void clearMarker(); // nobody on trial
    void libraryUnloading(const TransportPluginInfo &plugin);
    void libraryUnloaded(const TransportPluginInfo &plugin);
    void saveMarker();
    bool isKnownGood(const TransportPluginInfo &plugin) const;

    TransportHost *m_host;
    SwappableSession *m_session;
    PluginVerdictStore *m_verdicts;
    QString m_scheme;
    QString m_dataDir;
    int m_probationMs = 3000;
    std::optional<ByteLink::MoveMode> m_forcedMode;

    // Where the controller is, and the plugins it deals with by role.
    enum class Phase {
        Idle, // the carrier runs; nothing to undo
        Moving, // the session is being moved to `target`; `fallback` carried it before
        Probation, // the carrier is new and not yet proven; `fallback` is where to go back
    };
    Phase m_phase = Phase::Idle;
    bool m_waitingForPlugin = false; // the last link was wanted and no plugin could make it
    std::optional<TransportPluginInfo> m_carrier; // whose link the session uses (or used last)
    std::optional<TransportPluginInfo> m_target; // Moving only
    std::optional<TransportPluginInfo> m_fallback; // Moving and Probation
    qint64 m_moveStartedMs = 0;
    struct Suspect
    {
        TransportPluginInfo plugin;
        QString since;
    };
    static constexpr int kSuspectAfterUnloadMs = 5000;
    std::optional<Suspect> m_onTrial;
    QHash<QString, Suspect> m_unloading; // by hash
    QTimer m_probationTimer;
    QTimer m_evaluateTimer;
};

} // namespace longlink
