// The reconnect delay: exponential up to a cap, with jitter in [d/2, d]
// where d = min(cap, initial * 2^n) for attempt n.
#include "backoff.h"

#include <QtCore/QList>
#include <QtCore/QSet>
#include <QtTest/QTest>

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;
using longlink::Backoff;

namespace {
// d for attempt n, computed without overflow.
qint64 ceilingFor(qint64 initial, qint64 cap, int attempt)
{
    qint64 d = initial;
    for (int i = 0; i < attempt && d < cap; ++i)
        d *= 2;
    return std::min(cap, d);
}

QList<int> delays(Backoff &backoff, int count)
{
    QList<int> result;
    for (int i = 0; i < count; ++i)
        result.append(backoff.nextDelayMs());
    return result;
}
} // namespace

class TestBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void delaysStayInRange_data();
    void delaysStayInRange();
    void growsThenStaysCapped();
    void resetStartsOver();
    void sameSeedSameSequence();
    void differentSeedsDiffer();
    void jitterSpreadsDelays();
    void attemptCounts();
};

void TestBackoff::delaysStayInRange_data()
{
    QTest::addColumn<int>("initial");
    QTest::addColumn<int>("cap");
    QTest::addColumn<quint32>("seed");
    QTest::newRow("defaults") << 250 << 30'000 << 1u;
    QTest::newRow("defaults, other seed") << 250 << 30'000 << 0xdeadbeefu;
    QTest::newRow("1 ms to 1 s") << 1 << 1'000 << 7u;
    QTest::newRow("cap not a power-of-two multiple") << 100 << 1'234 << 3u;
    QTest::newRow("initial equals cap") << 500 << 500 << 5u;
    QTest::newRow("huge cap (no overflow)") << 250 << INT_MAX << 11u;
    QTest::newRow("1 ms to 1 hour (cap > initial * 2^20)") << 1 << 3'600'000 << 17u;
    QTest::newRow("huge initial and cap") << 1'000'000'000 << INT_MAX << 13u;
    QTest::newRow("random seed (0)") << 250 << 30'000 << 0u;
}

void TestBackoff::delaysStayInRange()
{
    QFETCH(int, initial);
    QFETCH(int, cap);
    QFETCH(quint32, seed);
    Backoff backoff(initial, cap, seed);
    for (int n = 0; n < 40; ++n) {
        const qint64 d = ceilingFor(initial, cap, n);
        const int delay = backoff.nextDelayMs();
        QVERIFY2(delay >= d / 2 && delay <= d,
                qPrintable(
                        u"attempt %1: %2 not in [%3, %4]"_s.arg(n).arg(delay).arg(d / 2).arg(d)));
    }
}

void TestBackoff::growsThenStaysCapped()
{
    const int initial = 250, cap = 30'000;
    Backoff backoff(initial, cap, 42);
    const QList<int> sequence = delays(backoff, 40);
    // 250 * 2^7 = 32000 > 30000: attempts 0..6 grow, from 7 on d is the cap.
    const int firstCapped = 7;
    QCOMPARE(ceilingFor(initial, cap, firstCapped - 1), 16'000);
    QCOMPARE(ceilingFor(initial, cap, firstCapped), cap);
    for (int n = 1; n < firstCapped; ++n) {
        // The lower bound of attempt n is the upper bound of attempt n - 1.
        QVERIFY2(sequence[n] >= sequence[n - 1],
                qPrintable(
                        u"attempt %1: %2 after %3"_s.arg(n).arg(sequence[n]).arg(sequence[n - 1])));
    }
    QVERIFY(sequence[0] <= initial);
    QVERIFY(sequence[firstCapped - 1] >= 8'000);
    for (int n = firstCapped; n < sequence.size(); ++n) {
        QVERIFY2(sequence[n] >= cap / 2 && sequence[n] <= cap,
                qPrintable(u"attempt %1: %2"_s.arg(n).arg(sequence[n])));
    }
    QCOMPARE(backoff.attempt(), 40);
    // Long after the cap, with a shift that would overflow int: still capped, never negative.
    for (int n = 0; n < 1000; ++n) {
        const int delay = backoff.nextDelayMs();
        QVERIFY2(delay >= cap / 2 && delay <= cap, qPrintable(QString::number(delay)));
    }
}

void TestBackoff::resetStartsOver()
{
    const int initial = 250, cap = 30'000;
    Backoff backoff(initial, cap, 99);
    delays(backoff, 20);
    QCOMPARE(backoff.attempt(), 20);
    backoff.reset();
    QCOMPARE(backoff.attempt(), 0);
    for (int n = 0; n < 10; ++n) {
        const qint64 d = ceilingFor(initial, cap, n);
        const int delay = backoff.nextDelayMs();
        QVERIFY2(delay >= d / 2 && delay <= d,
                qPrintable(u"after reset, attempt %1: %2 not in [%3, %4]"_s.arg(n)
                                   .arg(delay)
                                   .arg(d / 2)
                                   .arg(d)));
    }
    // Reset in the middle of growth too.
    backoff.reset();
    const int first = backoff.nextDelayMs();
    QVERIFY(first >= initial / 2 && first <= initial);
    QCOMPARE(backoff.attempt(), 1);
}

void TestBackoff::sameSeedSameSequence()
{
    Backoff a(250, 30'000, 1234), b(250, 30'000, 1234);
    QCOMPARE(delays(a, 30), delays(b, 30));
}

void TestBackoff::differentSeedsDiffer()
{
    // Many clients that lost the same broker must not come back in lockstep.
    Backoff a(250, 30'000, 1), b(250, 30'000, 2);
    const QList<int> first = delays(a, 30), second = delays(b, 30);
    QVERIFY(first != second);
    int equal = 0;
    for (int n = 0; n < first.size(); ++n)
        equal += first[n] == second[n];
    QVERIFY2(equal < first.size() / 2, qPrintable(u"%1 of 30 delays equal"_s.arg(equal)));

    // Unseeded (seed 0) objects draw their own seeds.
    Backoff c(250, 30'000), d(250, 30'000);
    for (int n = 0; n < 10; ++n) {
        c.nextDelayMs();
        d.nextDelayMs();
    }
    QVERIFY(delays(c, 30) != delays(d, 30));
}

void TestBackoff::jitterSpreadsDelays()
{
    // At the cap, the delays spread over [cap/2, cap] rather than repeat one value.
    Backoff backoff(250, 30'000, 77);
    delays(backoff, 10);
    const QList<int> capped = delays(backoff, 200);
    const QSet<int> distinct(capped.cbegin(), capped.cend());
    QVERIFY2(distinct.size() > 100, qPrintable(QString::number(distinct.size())));
    const auto [low, high] = std::minmax_element(capped.cbegin(), capped.cend());
    QVERIFY2(*low < 20'000 && *high > 25'000, qPrintable(u"range %1..%2"_s.arg(*low).arg(*high)));
}

void TestBackoff::attemptCounts()
{
    Backoff backoff;
    QCOMPARE(backoff.attempt(), 0);
    backoff.nextDelayMs();
    QCOMPARE(backoff.attempt(), 1);
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    QCOMPARE(backoff.attempt(), 3);
    backoff.reset();
    QCOMPARE(backoff.attempt(), 0);
    backoff.reset();
    QCOMPARE(backoff.attempt(), 0);
    // Default construction: 250 ms initial, 30 s cap.
    const int delay = backoff.nextDelayMs();
    QVERIFY2(delay >= 125 && delay <= 250, qPrintable(QString::number(delay)));
    QCOMPARE(backoff.attempt(), 1);
}

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
