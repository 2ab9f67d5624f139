#include "plugincheck.h"

#include "enumnames.h"
#include "logging.h"

#include <QtCore/QFileInfo>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLocale>

using namespace Qt::StringLiterals;

namespace longlink {

using Problem = TransportPluginInfo::Problem;

PluginCheck::PluginCheck(
        const TransportPluginInfo &info, const QString &program, int timeLimitMs, QObject *parent)
    : QObject(parent), m_info(info), m_program(program), m_timeLimitMs(timeLimitMs)
{
    qRegisterMetaType<longlink::PluginCheck::Outcome>();
    m_limit.setSingleShot(true);
    connect(&m_limit, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        m_process.kill();
    });
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setStandardInputFile(QProcess::nullDevice());
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &PluginCheck::readProgress);
    connect(&m_process, &QProcess::finished, this, &PluginCheck::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            conclude({ false, false, Problem::FailedCheck,
                    tr("could not be checked: %1 did not start (%2)")
                            .arg(m_program, m_process.errorString()),
                    m_clock.elapsed() });
    });
}

PluginCheck::~PluginCheck()
{
    // A check still running is not wanted any more: end it now, not at exit.
    m_process.disconnect(this);
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(1000);
    }
}

void PluginCheck::start()
{
    m_clock.start();
    if (!QFileInfo(m_program).isExecutable()) {
        QMetaObject::invokeMethod(
                this,
                [this] {
                    conclude({ false, false, Problem::FailedCheck,
                            tr("could not be checked: %1 is missing").arg(m_program), 0 });
                },
                Qt::QueuedConnection);
        return;
    }
    qCInfo(lcHost).noquote() << "checking" << m_info.displayName() << "in a separate process";
    m_limit.start(m_timeLimitMs);
    // Its reasons are shown as they come: in the language the app speaks.
    m_process.start(m_program, { u"--json"_s, u"--language"_s, QLocale().name(), m_info.loadPath });
}

void PluginCheck::readProgress()
{
    m_buffer += m_process.readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QJsonObject line = QJsonDocument::fromJson(m_buffer.left(newline)).object();
        m_buffer.remove(0, newline + 1);
        if (line.contains(u"check"_s)) {
            m_step = line.value(u"check"_s).toString();
            const QString result = line.value(u"result"_s).toString();
            if (result == u"warn"_s)
                qCWarning(lcHost).noquote() << m_info.displayName() << m_step << "-"
                                            << line.value(u"detail"_s).toString();
        } else if (line.value(u"done"_s).toBool()) {
            m_problemName = line.value(u"problem"_s).toString();
            m_reason = line.value(u"reason"_s).toString();
        }
    }
}

void PluginCheck::onFinished(int exitCode, QProcess::ExitStatus status)
{
    m_limit.stop();
    readProgress();
    const qint64 elapsed = m_clock.elapsed();
    const QString step = m_step.isEmpty() ? tr("starting") : m_step;
    if (m_timedOut) {
        conclude({ false, true, Problem::FailedCheck,
                tr("its check did not finish within %1 s (it hung at \"%2\")")
                        .arg(m_timeLimitMs / 1000.0)
                        .arg(step),
                elapsed });
    } else if (!m_reason.isEmpty()) {
        // Its report is complete even if the process died after it.
        conclude({ false, true, enumFromName<Problem>(m_problemName).value_or(Problem::FailedCheck),
                m_reason, elapsed });
    } else if (status == QProcess::CrashExit) {
        const bool afterUnload
                = m_step == u"unload"_s || m_step == u"idle"_s || m_step == u"leftovers"_s;
        conclude({ false, true, Problem::FailedCheck,
                afterUnload ? tr("it crashed in its check right after its library was unloaded "
                                 "(at \"%1\"): it left code running, a timer or a thread")
                                      .arg(step)
                            : tr("it crashed in its check at \"%1\"").arg(step),
                elapsed });
    } else if (exitCode == 0) {
        conclude({ true, true, Problem::None, QString(), elapsed });
    } else {
        // Died without its report: an abort() or exit() of the plugin's own.
        const QByteArray errors = m_process.readAllStandardError().trimmed().right(300);
        conclude({ false, true, Problem::FailedCheck,
                tr("its check ended with exit code %1 at \"%2\"%3")
                        .arg(exitCode)
                        .arg(step,
                                errors.isEmpty() ? QString()
                                                 : u": "_s + QString::fromLocal8Bit(errors)),
                elapsed });
    }
}

void PluginCheck::conclude(Outcome outcome)
{
    if (m_done)
        return;
    m_done = true;
    m_limit.stop();
    Q_EMIT finished(outcome);
}

} // namespace longlink
