#pragma once

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <functional>

namespace longlink {

// Notices that the machine slept: the wall clock jumped ahead of the
// monotonic clock, which on Linux and macOS stops during suspend. A link
// that slept is usually dead without knowing it.
class WakeDetector : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>; // milliseconds

    explicit WakeDetector(QObject *parent = nullptr, int intervalMs = 5000);
    // For tests: a wall clock and a monotonic clock of their own.
    WakeDetector(Clock wallClock, Clock monotonicClock, int intervalMs, QObject *parent = nullptr);

    // Compares the clocks now (also done every interval).
    void check();

Q_SIGNALS:
    void woke(qint64 sleptMs);

private:
    QTimer m_timer;
    QElapsedTimer m_monotonic;
    Clock m_wallClock;
    Clock m_monotonicClock;
    qint64 m_lastWallMs = 0;
    qint64 m_lastMonotonicMs = 0;
};

} // namespace longlink
