#pragma once

#include <QtCore/QHash>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QProcess>
#include <QtCore/QStringList>

#include <functional>

namespace longlink::test {

// Runs longlink-cli as a test would by hand: feeds it lines, collects the
// JSON events it prints (one per line) and its stderr.
class CliProcess : public QObject
{
    Q_OBJECT

public:
    explicit CliProcess(QObject *parent = nullptr);
    ~CliProcess() override;

    static QString program();
    // Starts longlink-cli with `arguments`; the build's transports folder is
    // found by the program itself.
    bool start(const QStringList &arguments);
    void writeLine(const QString &line);
    void writeLines(const QStringList &lines);
    void closeInput();

    // Waits (running the event loop, bounded) for an event matching `match`.
    bool waitForEvent(
            const std::function<bool(const QJsonObject &)> &match, int timeoutMs = 10'000);
    bool waitForConnected(int timeoutMs = 10'000);
    // Runs the event loop until `condition` holds (bounded); false on timeout.
    static bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 10'000);
    // Waits for the process to end; -1 if it did not within the time.
    int waitForExit(int timeoutMs = 15'000);

    QList<QJsonObject> events() const { return m_events; }
    QList<QJsonObject> events(const QString &kind) const;
    // The texts of the "message" events from `from`, in the order shown.
    QStringList messageTexts(const QString &from) const;
    int count(const QString &kind) const { return m_counts.value(kind); }
    QString standardError() const { return QString::fromUtf8(m_stderr); }
    QStringList nonJsonLines() const { return m_nonJson; }
    QProcess &process() { return m_process; }

private:
    void readOutput();

    QProcess m_process;
    QByteArray m_partial;
    QByteArray m_stderr;
    QList<QJsonObject> m_events;
    QHash<QString, int> m_counts;
    QStringList m_nonJson;
};

} // namespace longlink::test
