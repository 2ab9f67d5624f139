#include "wakedetector.h"

#include <QtCore/QDateTime>

namespace longlink {

WakeDetector::WakeDetector(QObject *parent, int intervalMs)
    : WakeDetector({}, {}, intervalMs, parent)
{
}

WakeDetector::WakeDetector(Clock wallClock, Clock monotonicClock, int intervalMs, QObject *parent)
    : QObject(parent), m_wallClock(std::move(wallClock)),
      m_monotonicClock(std::move(monotonicClock))
{
    m_monotonic.start();
    if (!m_wallClock)
        m_wallClock = [] { return QDateTime::currentMSecsSinceEpoch(); };
    if (!m_monotonicClock)
        m_monotonicClock = [this] { return m_monotonic.elapsed(); };
    m_lastWallMs = m_wallClock();
    m_lastMonotonicMs = m_monotonicClock();
    connect(&m_timer, &QTimer::timeout, this, &WakeDetector::check);
    m_timer.start(intervalMs);
}

void WakeDetector::check()
{
    const qint64 wall = m_wallClock();
    const qint64 monotonic = m_monotonicClock();
    const qint64 gap = (wall - m_lastWallMs) - (monotonic - m_lastMonotonicMs);
    m_lastWallMs = wall;
    m_lastMonotonicMs = monotonic;
    // A few seconds of slack: NTP may step the wall clock a little.
    if (gap > 3000)
        Q_EMIT woke(gap);
}

} // namespace longlink
