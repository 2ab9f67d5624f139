#pragma once

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QTimer>

namespace longlink {

// Notices that the machine slept: the wall clock jumped ahead of the
// monotonic clock, which on Linux and macOS stops during suspend. A link
// that slept is usually dead without knowing it.
class WakeDetector : public QObject
{
    Q_OBJECT

public:
    explicit WakeDetector(QObject *parent = nullptr, int intervalMs = 5000);

Q_SIGNALS:
    void woke(qint64 sleptMs);

private:
    void check();

    QTimer m_timer;
    QElapsedTimer m_monotonic;
    qint64 m_lastWallMs = 0;
    qint64 m_lastMonotonicMs = 0;
};

} // namespace longlink
