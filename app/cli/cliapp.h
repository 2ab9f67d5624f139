#pragma once

#include "chatclient.h"
#include "cliconfig.h"
#include "stdinreader.h"

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QTimer>

namespace longlink::cli {

// longlink-cli: stdin lines in, JSON Lines out (one event per line on
// stdout, flushed), logs on stderr.
class CliApp : public QObject
{
    Q_OBJECT

public:
    explicit CliApp(const CliConfig &config, QObject *parent = nullptr);
    ~CliApp() override;

    // Opens the client and starts; false (with the reason on stderr) if it
    // cannot even start.
    bool start();

Q_SIGNALS:
    void exitRequested(int code);

private:
    void onLines(const QStringList &lines);
    void resumeInputIfRoom();
    // Input is read again once the messages not yet acknowledged are down
    // to kResumeInputAt, after reaching kPauseInputAt.
    static constexpr int kPauseInputAt = 5000;
    static constexpr int kResumeInputAt = 2500;
    void handleCommand(const QString &line);
    void beginDrain();
    void checkDrain();
    void quit(int code, const QString &why = QString());
    void print(const QByteArray &jsonObject);
    void flushOutput();

    CliConfig m_config;
    ChatClient m_client;
    StdinReader m_stdin;
    QString m_currentRoom;
    QTimer m_connectTimer;
    QTimer m_drainTimer;
    QTimer m_outputTimer;
    QByteArray m_output;
    bool m_everConnected = false;
    bool m_draining = false;
    bool m_quitting = false;
    int m_lastOutstanding = -1;
    qint64 m_lastProgressMs = 0;
    QString m_untrusted; // what the refused certificate was, for stderr
    QString m_lastReason;
    // Messages that could not be stored, by id: delivered to the broker yet?
    QHash<QString, bool> m_unstored;
    QStringList m_unstoredOrder;
    QStringList m_refused; // "id: reason"
};

} // namespace longlink::cli
