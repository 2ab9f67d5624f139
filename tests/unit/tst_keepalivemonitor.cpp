// KeepAliveMonitor on made-up times: every packet is a sign of life, a dead
// link is found within 1.5x the keep-alive whatever the tick's phase, and a
// busy link whose ping answer is late is never declared dead.
#include "keepalivemonitor.h"

#include <QtTest/QTest>

using longlink::mqtt::KeepAliveMonitor;
using Verdict = KeepAliveMonitor::Verdict;

class TestKeepAliveMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deadLinkIsFoundWithinOneAndAHalfKeepAlives_data();
    void deadLinkIsFoundWithinOneAndAHalfKeepAlives();
    void busyLinkWithALatePingAnswerStaysAlive();
    void quietClientPingsSoTheBrokerHearsFromIt();
    void probeGivesASleepingLinkAFewSeconds();
    void roundTripIsMeasuredFromThePing();
};

void TestKeepAliveMonitor::deadLinkIsFoundWithinOneAndAHalfKeepAlives_data()
{
    QTest::addColumn<qint64>("keepAliveMs");
    QTest::addColumn<qint64>("lastPacketAt"); // relative to the link opening
    QTest::newRow("30 s, silent from the start") << qint64(30'000) << qint64(0);
    QTest::newRow("30 s, silent between ticks") << qint64(30'000) << qint64(12'345);
    QTest::newRow("10 s, just after a tick") << qint64(10'000) << qint64(2'501);
    QTest::newRow("2 s, just before a tick") << qint64(2'000) << qint64(499);
    QTest::newRow("60 s") << qint64(60'000) << qint64(59'999);
}

void TestKeepAliveMonitor::deadLinkIsFoundWithinOneAndAHalfKeepAlives()
{
    QFETCH(qint64, keepAliveMs);
    QFETCH(qint64, lastPacketAt);
    KeepAliveMonitor monitor;
    monitor.setKeepAliveMs(keepAliveMs);
    monitor.reset(0);
    // Packets come every 7 ms (between the monitor's ticks) until the link dies.
    qint64 last = 0;
    qint64 dead = -1;
    for (qint64 now = 0; now <= 10 * keepAliveMs && dead < 0; ++now) {
        if (now <= lastPacketAt && now % 7 == 0) {
            monitor.received(now);
            last = now;
        }
        if (now % monitor.tickMs() != 0)
            continue;
        switch (monitor.check(now)) {
        case Verdict::Dead:
            dead = now;
            break;
        case Verdict::Ping:
            monitor.pingSent(now);
            break;
        case Verdict::Fine:
            break;
        }
    }
    QVERIFY(dead > lastPacketAt);
    QVERIFY2(dead - last <= keepAliveMs * 3 / 2,
            qPrintable(QStringLiteral("found after %1 ms").arg(dead - last)));
    QVERIFY(dead - last >= keepAliveMs); // and not before a whole keep-alive
}

void TestKeepAliveMonitor::busyLinkWithALatePingAnswerStaysAlive()
{
    // 50,000 messages arrive over two minutes; the PINGRESP waits behind
    // them and never comes in time. Every message counts.
    KeepAliveMonitor monitor;
    monitor.setKeepAliveMs(5'000);
    monitor.reset(0);
    int pings = 0;
    for (qint64 now = 0; now <= 120'000; now += 10) {
        monitor.received(now); // a message every 10 ms
        if (now % monitor.tickMs() == 0) {
            const Verdict verdict = monitor.check(now);
            QVERIFY(verdict != Verdict::Dead);
            if (verdict == Verdict::Ping) {
                monitor.pingSent(now);
                ++pings;
            }
        }
    }
    // We still write to the broker often enough: one ping per half keep-alive.
    QVERIFY(pings >= 120'000 / 5'000);
}

void TestKeepAliveMonitor::quietClientPingsSoTheBrokerHearsFromIt()
{
    KeepAliveMonitor monitor;
    monitor.setKeepAliveMs(8'000);
    monitor.reset(0);
    qint64 lastWrite = 0;
    for (qint64 now = 0; now <= 60'000; now += monitor.tickMs()) {
        monitor.received(now); // the broker talks, we do not
        if (monitor.check(now) == Verdict::Ping) {
            monitor.pingSent(now);
            lastWrite = now;
        }
        // MQTT: the broker may drop us after 1.5x the keep-alive of silence.
        QVERIFY(now - lastWrite < 8'000);
    }
}

void TestKeepAliveMonitor::probeGivesASleepingLinkAFewSeconds()
{
    KeepAliveMonitor monitor;
    monitor.setKeepAliveMs(60'000);
    monitor.reset(0);
    monitor.probe(1'000);
    QCOMPARE(monitor.check(1'000 + KeepAliveMonitor::kProbeMs - 1), Verdict::Fine);
    QCOMPARE(monitor.check(1'000 + KeepAliveMonitor::kProbeMs), Verdict::Dead);
    monitor.received(2'000); // any answer ends the probe
    QCOMPARE(monitor.check(1'000 + KeepAliveMonitor::kProbeMs), Verdict::Fine);
}

void TestKeepAliveMonitor::roundTripIsMeasuredFromThePing()
{
    KeepAliveMonitor monitor;
    monitor.reset(0);
    QCOMPARE(monitor.pingAnswered(10), qint64(-1)); // no ping was out
    monitor.pingSent(100);
    QVERIFY(monitor.isPingOutstanding());
    QCOMPARE(monitor.pingAnswered(142), qint64(42));
    QVERIFY(!monitor.isPingOutstanding());
}

QTEST_GUILESS_MAIN(TestKeepAliveMonitor)
#include "tst_keepalivemonitor.moc"
