#pragma once

#include "checklog.h"
#include "transportplugininfo.h"

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <functional>
#include <memory>

namespace longlink {

class LoadedTransportPlugin;
class PrivateCopyFolder;
class StreamChecks;

// Runs one plugin file through the transport contract in this process:
// read its metadata and symbols, load it from a private copy, run its
// transports through StreamChecks, destroy them, unload the library, and
// look for what it left behind. Meant to run in a child process that may
// crash or hang: longlink-transport-check, which the host starts before it
// loads a new plugin file itself.
class PluginTrial : public QObject
{
    Q_OBJECT

public:
    using Result = CheckLog::Result;
    using Check = CheckLog::Check;

    explicit PluginTrial(const QString &file, QObject *parent = nullptr);
    ~PluginTrial() override;

    // How long the trial idles after the unload, looking for leftovers.
    void setIdleMs(int milliseconds) { m_idleMs = milliseconds; }
    // Told of every check as it starts (Running) and as it ends.
    void setReporter(std::function<void(const Check &)> reporter)
    {
        m_log.setReporter(std::move(reporter));
    }

    // Runs every check; false if one failed. Spins the event loop.
    bool run();

    QList<Check> checks() const { return m_log.checks(); }
    // The first failure: what the host shows as the reason.
    QString failure() const { return m_log.failure(); }
    // "load-failed", "no-factory" or "failed-check": the host's Problem name.
    QString problem() const { return m_log.problem(); }
    QString hash() const { return m_info.hash; }

private:
    bool checkMetadata();
    void checkSymbols();
    bool checkLoad();
    bool checkUnload();
    bool checkLeftovers();
    void checkIdle();

    QString m_file;
    TransportPluginInfo m_info; // of the private copy
    int m_idleMs = 500;
    CheckLog m_log;
    std::unique_ptr<PrivateCopyFolder> m_private;
    std::unique_ptr<StreamChecks> m_streams;
    std::shared_ptr<LoadedTransportPlugin> m_plugin;
    bool m_unloaded = false;
    // What the process had before the plugin came: compared after it left.
    int m_threadsBefore = 0;
    int m_timersBefore = 0;
    int m_appChildrenBefore = 0;
    // Types of the plugin registered in Qt's metatype registry (names), seen
    // just before the unload: the registry would keep pointers into it.
    QStringList m_pluginMetaTypes;
};

} // namespace longlink
