#include "privatesessionbus.h"

#include <QtCore/QDeadlineTimer>

using namespace Qt::StringLiterals;

namespace longlink::test {

namespace {
constexpr int kStartMs = 10'000;
}

PrivateSessionBus::~PrivateSessionBus()
{
    stop();
}

bool PrivateSessionBus::start()
{
    m_daemon.setProgram(u"dbus-daemon"_s);
    m_daemon.setArguments(
            { u"--session"_s, u"--nofork"_s, u"--nopidfile"_s, u"--print-address=1"_s });
    m_daemon.setProcessChannelMode(QProcess::SeparateChannels);
    m_daemon.start();
    if (!m_daemon.waitForStarted(kStartMs)) {
        m_error = u"dbus-daemon did not start (%1); ./dev installs it"_s.arg(
                m_daemon.errorString());
        return false;
    }
    const QDeadlineTimer deadline(kStartMs);
    while (!m_daemon.canReadLine() && !deadline.hasExpired()) {
        if (!m_daemon.waitForReadyRead(int(deadline.remainingTime()))) {
            m_error = u"dbus-daemon gave no address: %1"_s.arg(
                    QString::fromLocal8Bit(m_daemon.readAllStandardError()));
            return false;
        }
    }
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    if (m_address.isEmpty())
        m_error = u"dbus-daemon gave an empty address"_s;
    return !m_address.isEmpty();
}

void PrivateSessionBus::stop()
{
    if (m_daemon.state() == QProcess::NotRunning)
        return;
    m_daemon.terminate();
    if (!m_daemon.waitForFinished(kStartMs))
        m_daemon.kill();
    m_daemon.waitForFinished(kStartMs);
}

} // namespace longlink::test
