// Waking from sleep shows as the wall clock jumping ahead of the monotonic
// one (which stops during suspend on Linux and macOS).
#include "wakedetector.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using longlink::WakeDetector;

class TestWakeDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sleepIsNoticed();
    void steadyTimeAndSmallStepsAreNot();
};

void TestWakeDetector::sleepIsNoticed()
{
    qint64 wall = 1'000'000, monotonic = 500;
    WakeDetector detector([&] { return wall; }, [&] { return monotonic; }, 60'000);
    QSignalSpy woke(&detector, &WakeDetector::woke);
    wall += 5'000 + 3'600'000; // an hour of suspend inside five seconds of running
    monotonic += 5'000;
    detector.check();
    QCOMPARE(woke.size(), 1);
    QCOMPARE(woke.first().first().toLongLong(), 3'600'000);
}

void TestWakeDetector::steadyTimeAndSmallStepsAreNot()
{
    qint64 wall = 1'000'000, monotonic = 500;
    WakeDetector detector([&] { return wall; }, [&] { return monotonic; }, 60'000);
    QSignalSpy woke(&detector, &WakeDetector::woke);
    for (int i = 0; i < 10; ++i) {
        wall += 5'000;
        monotonic += 5'000;
        detector.check();
    }
    wall += 5'000 + 1'500; // NTP stepping the clock a little is not sleep
    monotonic += 5'000;
    detector.check();
    QCOMPARE(woke.size(), 0);
}

QTEST_GUILESS_MAIN(TestWakeDetector)
#include "tst_wakedetector.moc"
