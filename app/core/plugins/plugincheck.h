#pragma once

#include "transportplugininfo.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QProcess>
#include <QtCore/QTimer>

namespace longlink {

// One run of longlink-transport-check on a plugin file, in a child process
// under a time limit. The host loads a new file only after this passed: a
// plugin that hangs while loading, crashes, or leaves timers or threads
// behind at unload does so in the child, and the app stays responsive.
class PluginCheck : public QObject
{
    Q_OBJECT

public:
    struct Outcome
    {
        bool passed = false;
        // False when the check itself could not run (no program): nothing
        // is known of the plugin then, and nothing is remembered.
        bool conclusive = true;
        TransportPluginInfo::Problem problem = TransportPluginInfo::Problem::None;
        QString reason;
        qint64 elapsedMs = 0;
    };

    // Checks `info.loadPath` (the host's private copy, the bytes it would load).
    PluginCheck(const TransportPluginInfo &info, const QString &program, int timeLimitMs,
            QObject *parent = nullptr);
    ~PluginCheck() override;

    void start();
    const TransportPluginInfo &info() const { return m_info; }

Q_SIGNALS:
    // Once per check. The receiver may delete the check from here.
    void finished(const longlink::PluginCheck::Outcome &outcome);

private:
    void readProgress();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void conclude(Outcome outcome);

    TransportPluginInfo m_info;
    QString m_program;
    int m_timeLimitMs;
    QProcess m_process;
    QTimer m_limit;
    QElapsedTimer m_clock;
    QByteArray m_buffer;
    QString m_step; // the check running now, from the child's progress lines
    QString m_problemName; // from the child's final line
    QString m_reason;
    bool m_done = false;
    bool m_timedOut = false;
};

} // namespace longlink
