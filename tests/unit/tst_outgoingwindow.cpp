// OutgoingWindow: order, the in-flight limit, packet ids and what goes out
// again after a reconnect, with and without a kept session.
#include "outgoingwindow.h"

#include <QtCore/QSet>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace longlink::mqtt;

namespace {
OutgoingPublish message(quint64 ref)
{
    return { ref, u"t/a"_s, QByteArray::number(ref), 1, false };
}

QList<Publish> drain(OutgoingWindow &window)
{
    QList<Publish> sent;
    while (const std::optional<Publish> publish = window.takeNext())
        sent.append(*publish);
    return sent;
}

QList<QByteArray> payloads(const QList<Publish> &publishes)
{
    QList<QByteArray> result;
    for (const Publish &publish : publishes)
        result.append(publish.payload);
    return result;
}
} // namespace

class TestOutgoingWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendsInOrderWithinTheLimit();
    void ackFreesRoomForTheNext();
    void unknownAckIsIgnored();
    void keptSessionGetsSameIdsWithDup_data();
    void keptSessionGetsSameIdsWithDup();
    void lostSessionGetsFreshIdsWithoutDup();
    void shrunkWindowSendsTheRestLater();
    void reservedIdsAreNeverReused();
    void idsWrapAroundWithoutCollisions();
};

void TestOutgoingWindow::sendsInOrderWithinTheLimit()
{
    OutgoingWindow window;
    window.setLimit(3);
    for (quint64 i = 1; i <= 5; ++i)
        window.enqueue(message(i));
    const QList<Publish> sent = drain(window);
    QCOMPARE(payloads(sent), (QList<QByteArray> { "1", "2", "3" }));
    QCOMPARE(window.inflightCount(), 3);
    QCOMPARE(window.queuedCount(), 5);
    QSet<quint16> ids;
    for (const Publish &publish : sent) {
        QVERIFY(publish.packetId != 0);
        QCOMPARE(publish.qos, quint8(1));
        QVERIFY(!publish.dup);
        ids.insert(publish.packetId);
    }
    QCOMPARE(ids.size(), 3);
}

void TestOutgoingWindow::ackFreesRoomForTheNext()
{
    OutgoingWindow window;
    window.setLimit(2);
    for (quint64 i = 1; i <= 3; ++i)
        window.enqueue(message(i));
    const QList<Publish> sent = drain(window);
    QCOMPARE(sent.size(), 2);
    QCOMPARE(window.acknowledge(sent[1].packetId), std::optional<quint64>(2));
    const QList<Publish> next = drain(window);
    QCOMPARE(payloads(next), QList<QByteArray> { "3" });
    QCOMPARE(window.queuedCount(), 2);
}

void TestOutgoingWindow::unknownAckIsIgnored()
{
    OutgoingWindow window;
    window.enqueue(message(1));
    const QList<Publish> sent = drain(window);
    QCOMPARE(window.acknowledge(quint16(sent[0].packetId + 1)), std::nullopt);
    QCOMPARE(window.acknowledge(sent[0].packetId), std::optional<quint64>(1));
    QCOMPARE(window.acknowledge(sent[0].packetId), std::nullopt); // a repeated ack
    QCOMPARE(window.queuedCount(), 0);
    QCOMPARE(window.inflightCount(), 0);
}

void TestOutgoingWindow::keptSessionGetsSameIdsWithDup_data()
{
    QTest::addColumn<int>("acked"); // index acknowledged before the link died
    QTest::newRow("none acknowledged") << -1;
    QTest::newRow("first acknowledged") << 0;
    QTest::newRow("middle acknowledged") << 2;
}

void TestOutgoingWindow::keptSessionGetsSameIdsWithDup()
{
    QFETCH(int, acked);
    OutgoingWindow window;
    for (quint64 i = 1; i <= 5; ++i)
        window.enqueue(message(i));
    QList<Publish> first = drain(window);
    if (acked >= 0) {
        QVERIFY(window.acknowledge(first[acked].packetId));
        first.removeAt(acked);
    }
    window.suspend();
    QCOMPARE(window.inflightCount(), 0);
    QCOMPARE(window.sentCount(), int(first.size()));
    const QList<Publish> again = window.resume(/*sessionPresent*/ true);
    QCOMPARE(again.size(), first.size());
    for (int i = 0; i < again.size(); ++i) {
        QVERIFY(again[i].dup);
        QCOMPARE(again[i].packetId, first[i].packetId);
        QCOMPARE(again[i].payload, first[i].payload);
    }
    QVERIFY(drain(window).isEmpty()); // nothing is sent twice
}

void TestOutgoingWindow::lostSessionGetsFreshIdsWithoutDup()
{
    OutgoingWindow window;
    for (quint64 i = 1; i <= 3; ++i)
        window.enqueue(message(i));
    drain(window);
    window.enqueue(message(4)); // queued while the link was down
    window.suspend();
    const QList<Publish> again = window.resume(/*sessionPresent*/ false);
    QCOMPARE(payloads(again), (QList<QByteArray> { "1", "2", "3" }));
    QSet<quint16> ids;
    for (const Publish &publish : again) {
        QVERIFY(!publish.dup);
        ids.insert(publish.packetId);
    }
    QCOMPARE(ids.size(), 3);
    const QList<Publish> next = drain(window);
    QCOMPARE(payloads(next), QList<QByteArray> { "4" });
    QVERIFY(!ids.contains(next[0].packetId));
}

void TestOutgoingWindow::shrunkWindowSendsTheRestLater()
{
    OutgoingWindow window;
    window.setLimit(10);
    for (quint64 i = 1; i <= 6; ++i)
        window.enqueue(message(i));
    const QList<Publish> first = drain(window);
    QCOMPARE(first.size(), 6);
    window.suspend();
    window.setLimit(2); // the next broker's Receive Maximum
    const QList<Publish> again = window.resume(true);
    QCOMPARE(payloads(again), (QList<QByteArray> { "1", "2" }));
    QCOMPARE(window.inflightCount(), 2);
    QVERIFY(drain(window).isEmpty());
    QVERIFY(window.acknowledge(again[0].packetId));
    const QList<Publish> later = drain(window);
    QCOMPARE(payloads(later), QList<QByteArray> { "3" }); // still in order
}

void TestOutgoingWindow::reservedIdsAreNeverReused()
{
    OutgoingWindow window;
    const quint16 subscribeId = window.reserveId();
    QVERIFY(subscribeId != 0);
    for (quint64 i = 1; i <= 100; ++i)
        window.enqueue(message(i));
    window.setLimit(100);
    for (const Publish &publish : drain(window))
        QVERIFY(publish.packetId != subscribeId);
    window.releaseId(subscribeId);
    const quint16 other = window.reserveId();
    QVERIFY(other != 0);
}

void TestOutgoingWindow::idsWrapAroundWithoutCollisions()
{
    // 70,000 publishes through a window of 5 with one left unacknowledged:
    // ids wrap past 65,535 and never hit the one still in flight.
    OutgoingWindow window;
    window.setLimit(5);
    window.enqueue(message(0));
    const quint16 stuck = drain(window).first().packetId;
    for (quint64 i = 1; i <= 70'000; ++i) {
        window.enqueue(message(i));
        const QList<Publish> sent = drain(window);
        QCOMPARE(sent.size(), 1);
        QVERIFY(sent[0].packetId != 0);
        QVERIFY(sent[0].packetId != stuck);
        QCOMPARE(window.acknowledge(sent[0].packetId), std::optional<quint64>(i));
    }
    QCOMPARE(window.acknowledge(stuck), std::optional<quint64>(0));
}

QTEST_GUILESS_MAIN(TestOutgoingWindow)
#include "tst_outgoingwindow.moc"
