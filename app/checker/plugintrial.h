#pragma once

#include "transportplugininfo.h"

#include <longlink/transport.h>

#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtNetwork/QTcpServer>

#include <functional>
#include <memory>

class QTcpSocket;

namespace longlink {

class LoadedTransportPlugin;
class PrivateCopyFolder;

// Runs one plugin file through the transport contract in this process:
// load it from a private copy, create a transport, open it against a local
// test peer, write, close, destroy it, unload the library, idle, and look
// for what it left behind. Meant to run in a child process that may crash
// or hang: longlink-transport-check, which the host starts before it loads
// a new plugin file itself.
class PluginTrial : public QObject
{
    Q_OBJECT

public:
    enum class Result { Running, Pass, Warn, Fail };
    Q_ENUM(Result)

    struct Check
    {
        QString name; // "load", "open", ...: stable, for the host and scripts
        Result result = Result::Running;
        QString detail; // what happened, or what to fix
    };

    explicit PluginTrial(const QString &file, QObject *parent = nullptr);
    ~PluginTrial() override;

    // How long the trial idles after the unload, looking for leftovers.
    void setIdleMs(int milliseconds) { m_idleMs = milliseconds; }
    // Told of every check as it starts (Running) and as it ends: a crash or
    // a hang is then placed at the step it happened in.
    void setReporter(std::function<void(const Check &)> reporter)
    {
        m_reporter = std::move(reporter);
    }

    // Runs every check; false if one failed. Spins the event loop.
    bool run();

    QList<Check> checks() const { return m_checks; }
    // The first failure: what the host shows as the reason.
    QString failure() const;
    // "load-failed", "no-factory" or "failed-check": the host's Problem name.
    QString problem() const { return m_problem; }
    QString hash() const { return m_info.hash; }

private:
    class Recorder;

    void begin(const QString &name);
    void end(Result result, const QString &detail = QString());
    bool fail(const QString &problem, const QString &detail);
    bool waitFor(const std::function<bool()> &done, int milliseconds);
    // Runs a host call and notes any event the transport sends from inside it.
    void hostCall(const char *what, const std::function<void()> &call);

    bool checkMetadata();
    bool loadAndCreate();
    void openWriteClose();
    bool destroyAndUnload();
    bool checkLeftovers();

    QString m_file;
    TransportPluginInfo m_info; // of the private copy
    int m_idleMs = 500;
    std::function<void(const Check &)> m_reporter;
    QList<Check> m_checks;
    QString m_problem;
    std::unique_ptr<PrivateCopyFolder> m_private;
    QTcpServer m_peer;
    QTcpSocket *m_peerSocket = nullptr;
    QByteArray m_peerReceived;
    std::unique_ptr<Recorder> m_recorder;
    std::shared_ptr<LoadedTransportPlugin> m_plugin;
    std::unique_ptr<sdk::Transport> m_transport;
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
