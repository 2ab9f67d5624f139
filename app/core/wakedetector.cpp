#include "wakedetector.h"

#include <QtCore/QDateTime>

namespace longlink {

WakeDetector::WakeDetector(QObject *parent, int intervalMs) : QObject(parent)
{
    m_monotonic.start();
    m_lastWallMs = QDateTime::currentMSecsSinceEpoch();
    connect(&m_timer, &QTimer::timeout, this, &WakeDetector::check);
    m_timer.start(intervalMs);
}

void WakeDetector::check()
{
    const qint64 wall = QDateTime::currentMSecsSinceEpoch();
    const qint64 monotonic = m_monotonic.elapsed();
    const qint64 gap = (wall - m_lastWallMs) - (monotonic - m_lastMonotonicMs);
    m_lastWallMs = wall;
    m_lastMonotonicMs = monotonic;
    // A few seconds of slack: NTP may step the wall clock a little.
    if (gap > 3000)
        Q_EMIT woke(gap);
}

} // namespace longlink
