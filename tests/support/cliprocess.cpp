#include "cliprocess.h"

#include <QtCore/QDeadlineTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QJsonDocument>
#include <QtCore/QTimer>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;

namespace longlink::test {

CliProcess::CliProcess(QObject *parent) : QObject(parent)
{
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &CliProcess::readOutput);
    connect(&m_process, &QProcess::readyReadStandardError, this,
            [this] { m_stderr += m_process.readAllStandardError(); });
}

CliProcess::~CliProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString CliProcess::program()
{
    return QStringLiteral(LONGLINK_CLI_PATH);
}

bool CliProcess::start(const QStringList &arguments)
{
    // What the test set on process() before, else this process's own.
    QProcessEnvironment environment = m_process.processEnvironment();
    if (environment.isEmpty())
        environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LONGLINK_LOG"_s, u"info"_s);
    m_process.setProcessEnvironment(environment);
    m_process.start(program(), arguments);
    return m_process.waitForStarted(10'000);
}

void CliProcess::writeLine(const QString &line)
{
    m_process.write(line.toUtf8() + '\n');
}

void CliProcess::writeLines(const QStringList &lines)
{
    QByteArray bytes;
    for (const QString &line : lines)
        bytes += line.toUtf8() + '\n';
    m_process.write(bytes);
}

void CliProcess::closeInput()
{
    m_process.closeWriteChannel();
}

void CliProcess::readOutput()
{
    m_partial += m_process.readAllStandardOutput();
    qsizetype start = 0;
    for (qsizetype end; (end = m_partial.indexOf('\n', start)) >= 0; start = end + 1) {
        const QByteArray line = m_partial.mid(start, end - start);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error == QJsonParseError::NoError && document.isObject()) {
            m_events.append(document.object());
            ++m_counts[document.object().value(u"event"_s).toString()];
        } else
            m_nonJson.append(QString::fromUtf8(line));
    }
    m_partial.remove(0, start);
}

QStringList CliProcess::messageTexts(const QString &from) const
{
    QStringList texts;
    for (const QJsonObject &event : events(QStringLiteral("message"))) {
        if (event.value(QStringLiteral("from")).toString() == from)
            texts.append(event.value(QStringLiteral("text")).toString());
    }
    return texts;
}

QList<QJsonObject> CliProcess::events(const QString &kind) const
{
    QList<QJsonObject> result;
    for (const QJsonObject &event : m_events) {
        if (event.value(u"event"_s).toString() == kind)
            result.append(event);
    }
    return result;
}

bool CliProcess::waitForEvent(const std::function<bool(const QJsonObject &)> &match, int timeoutMs)
{
    qsizetype checked = 0;
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        for (; checked < m_events.size(); ++checked) {
            if (match(m_events.at(checked)))
                return true;
        }
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
            return false;
        QTest::qWait(10);
    }
}

bool CliProcess::waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    // A real event loop looking every millisecond: QTest::qWait sleeps 10 ms
    // between passes, which benchmarks would measure as latency.
    if (condition())
        return true;
    QEventLoop loop;
    QDeadlineTimer deadline(timeoutMs);
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (condition() || deadline.hasExpired())
            loop.quit();
    });
    poll.start(1);
    loop.exec();
    return condition();
}

bool CliProcess::waitForConnected(int timeoutMs)
{
    return waitForEvent(
            [](const QJsonObject &event) {
                return event.value(u"event"_s) == u"connection"_s
                        && event.value(u"state"_s) == u"connected"_s;
            },
            timeoutMs);
}

int CliProcess::waitForExit(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_process.state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(10);
    if (m_process.state() != QProcess::NotRunning)
        return -1;
    readOutput();
    m_stderr += m_process.readAllStandardError();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -2;
}

} // namespace longlink::test
