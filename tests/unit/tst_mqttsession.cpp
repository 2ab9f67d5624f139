// MqttSession at the protocol level, against a scripted broker over an
// in-memory link (no plugin, no socket): what goes on the wire after a
// reconnect, the in-flight window, QoS 2 from the server, and moving the
// live session to another link.
#include "memorylink.h"
#include "mqttpacket.h"
#include "mqttsession.h"

#include <QtCore/QTimer>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace Qt::StringLiterals;
using longlink::ByteLink;
using longlink::MqttSession;
using longlink::OutgoingPublish;
using longlink::test::MemoryLink;
using longlink::test::MemoryPeer;
using namespace longlink::mqtt;

namespace {
constexpr int kWaitMs = 10'000;

// Decodes what the client sends on its current connection and lets the
// test answer.
class FakeBroker : public QObject
{
public:
    FakeBroker()
    {
        connect(&peer, &MemoryPeer::accepted, this, [this] {
            m_reader = PacketReader(ProtocolVersion::V311);
            ++connections;
        });
        connect(&peer, &MemoryPeer::received, this,
                [this](MemoryLink *link, const QByteArray &bytes) {
                    if (link != peer.current())
                        return;
                    m_reader.append(bytes);
                    Packet packet;
                    while (m_reader.next(packet) == PacketReader::Status::Packet)
                        received.append(packet);
                });
    }
    QUrl url() const { return QUrl(u"mqtt://memory:1883"_s); }
    void send(const Packet &packet) { peer.send(encode(packet, ProtocolVersion::V311)); }
    void dropConnection() { peer.closeConnection(); }
    template<typename T> QList<T> all() const
    {
        QList<T> result;
        for (const Packet &packet : received) {
            if (const T *p = std::get_if<T>(&packet))
                result.append(*p);
        }
        return result;
    }
    QList<Ack> acks(PacketType type) const
    {
        QList<Ack> result;
        for (const Ack &ack : all<Ack>()) {
            if (ack.type == type)
                result.append(ack);
        }
        return result;
    }

    MemoryPeer peer;
    QList<Packet> received;
    int connections = 0;

private:
    PacketReader m_reader;
};
} // namespace

class TestMqttSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void connectsWithPersistentSession();
    void unacknowledgedPublishesGoAgainWithDupAndSameIds();
    void lostSessionMeansFreshPublishesAndSubscriptions();
    void orderIsKeptAcrossAReconnect();
    void subscriptionsMadeOfflineReachAKeptSession();
    void reconnectNowSkipsTheBackoff();
    void probeFindsADeadLink();
    void inflightWindowIsRespected();
    void qos2FromTheServerIsDeliveredOnce();
    void qos1IsAcknowledgedWhenTheOwnerKeptIt();
    void finalRefusalStopsForGood();
    void busyLinkWithoutPingAnswerStaysUp();
    void silentLinkIsDropped();
    void handoverMovesTheConnectionWithoutConnect();
    void reconnectMoveResendsOnTheNewLink();
    void failedMoveKeepsTheOldLink();

private:
    bool connectSession(bool sessionPresent = false);

    std::unique_ptr<FakeBroker> m_broker;
    std::unique_ptr<MqttSession> m_session;
};

void TestMqttSession::init()
{
    m_broker = std::make_unique<FakeBroker>();
    m_session = std::make_unique<MqttSession>([this](QObject *parent, QString *) -> ByteLink * {
        return m_broker->peer.createLink(parent);
    });
    MqttSession::Options options;
    options.server = m_broker->url();
    options.clientId = u"tester"_s;
    options.backoffInitialMs = 10;
    options.backoffCapMs = 50;
    m_session->setOptions(options);
}

void TestMqttSession::cleanup()
{
    m_session.reset();
    m_broker.reset();
}

bool TestMqttSession::connectSession(bool sessionPresent)
{
    const int connects = int(m_broker->all<Connect>().size());
    if (!QTest::qWaitFor([&] { return m_broker->all<Connect>().size() > connects; }, kWaitMs))
        return false;
    m_broker->send(Connack { sessionPresent, 0, {} });
    return QTest::qWaitFor(
            [&] { return m_session->state() == MqttSession::State::Connected; }, kWaitMs);
}

void TestMqttSession::connectsWithPersistentSession()
{
    m_session->start();
    QVERIFY(connectSession());
    const Connect connect = m_broker->all<Connect>().first();
    QCOMPARE(connect.clientId, u"tester"_s);
    QVERIFY(!connect.cleanStart); // the broker keeps the session
    QCOMPARE(connect.keepAlive, quint16(30));
}

void TestMqttSession::unacknowledgedPublishesGoAgainWithDupAndSameIds()
{
    m_session->start();
    QVERIFY(connectSession());
    for (quint64 i = 1; i <= 5; ++i)
        m_session->publish(OutgoingPublish { i, u"t/a"_s, QByteArray::number(i), 1, false });
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Publish>().size(), 5, kWaitMs);
    const QList<Publish> first = m_broker->all<Publish>();
    // Only #2 is acknowledged before the link dies.
    QSignalSpy acked(m_session.get(), &MqttSession::publishAcknowledged);
    m_broker->send(Ack { PacketType::Puback, first[1].packetId, 0, {} });
    QTRY_COMPARE_WITH_TIMEOUT(acked.size(), 1, kWaitMs);
    m_broker->received.clear();
    m_broker->dropConnection();
    QVERIFY(connectSession(/*sessionPresent*/ true));
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Publish>().size(), 4, kWaitMs);
    const QList<Publish> again = m_broker->all<Publish>();
    const QList<int> expected { 0, 2, 3, 4 };
    for (int i = 0; i < 4; ++i) {
        QVERIFY(again[i].dup);
        QCOMPARE(again[i].packetId, first[expected[i]].packetId);
        QCOMPARE(again[i].payload, first[expected[i]].payload); // original order
    }
    QCOMPARE(m_session->pendingCount(), 4);
}

void TestMqttSession::lostSessionMeansFreshPublishesAndSubscriptions()
{
    m_session->subscribe({ u"rooms/+"_s }, 1);
    m_session->start();
    QVERIFY(connectSession());
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Subscribe>().size(), 1, kWaitMs);
    m_session->publish(OutgoingPublish { 1, u"t/a"_s, "one", 1, false });
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Publish>().size(), 1, kWaitMs);
    m_broker->received.clear();
    m_broker->dropConnection();
    QVERIFY(connectSession(/*sessionPresent*/ false));
    // The broker forgot us: subscribe again and publish anew, not as a duplicate.
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Subscribe>().size(), 1, kWaitMs);
    QCOMPARE(m_broker->all<Subscribe>().first().subscriptions.first().filter, u"rooms/+"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Publish>().size(), 1, kWaitMs);
    QVERIFY(!m_broker->all<Publish>().first().dup);
    QCOMPARE(m_broker->all<Publish>().first().payload, QByteArray("one"));
}

void TestMqttSession::orderIsKeptAcrossAReconnect()
{
    m_session->start();
    QVERIFY(connectSession());
    m_session->publish(OutgoingPublish { 1, u"t/a"_s, "A", 1, false });
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Publish>().size(), 1, kWaitMs);
    m_broker->received.clear();
    m_broker->dropConnection(); // A is never acknowledged
    QTRY_VERIFY_WITH_TIMEOUT(m_session->state() != MqttSession::State::Connected, kWaitMs);
    m_session->publish(OutgoingPublish { 2, u"t/a"_s, "B", 1, false }); // written while offline
    // Whoever reacts to the connection (presence, say) publishes at once.
    connect(m_session.get(), &MqttSession::connected, this, [this] {
        m_session->publish(OutgoingPublish { 3, u"t/a"_s, "C", 1, false });
    });
    QVERIFY(connectSession(/*sessionPresent*/ true));
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Publish>().size(), 3, kWaitMs);
    QTest::qWait(50);
    QList<QByteArray> payloads;
    for (const Publish &publish : m_broker->all<Publish>())
        payloads.append(publish.payload);
    QCOMPARE(payloads, (QList<QByteArray> { "A", "B", "C" })); // in order, each once
    QVERIFY(m_broker->all<Publish>().first().dup);
    QVERIFY(!m_broker->all<Publish>().at(1).dup);
}

void TestMqttSession::subscriptionsMadeOfflineReachAKeptSession()
{
    m_session->subscribe({ u"rooms/a"_s }, 1);
    m_session->start();
    QVERIFY(connectSession());
    m_broker->received.clear();
    m_broker->dropConnection();
    QTRY_VERIFY_WITH_TIMEOUT(m_session->state() != MqttSession::State::Connected, kWaitMs);
    m_session->subscribe({ u"rooms/b"_s }, 1); // joined while offline
    m_session->unsubscribe({ u"rooms/a"_s }); // left while offline
    QVERIFY(connectSession(/*sessionPresent*/ true)); // the broker kept the old session
    QTRY_VERIFY_WITH_TIMEOUT(
            !m_broker->all<Subscribe>().isEmpty() && !m_broker->all<Unsubscribe>().isEmpty(),
            kWaitMs);
    QStringList subscribed;
    for (const Subscribe &subscribe : m_broker->all<Subscribe>()) {
        for (const Subscription &subscription : subscribe.subscriptions)
            subscribed.append(subscription.filter);
    }
    QCOMPARE(subscribed, QStringList { u"rooms/b"_s });
    QCOMPARE(m_broker->all<Unsubscribe>().first().filters, QStringList { u"rooms/a"_s });
}

void TestMqttSession::reconnectNowSkipsTheBackoff()
{
    // What a network change or waking from sleep does: try again now.
    MqttSession::Options options = m_session->options();
    options.backoffInitialMs = 120'000;
    options.backoffCapMs = 120'000;
    m_session->setOptions(options);
    m_session->start();
    QVERIFY(connectSession());
    m_broker->dropConnection();
    QTRY_VERIFY_WITH_TIMEOUT(m_session->state() == MqttSession::State::Disconnected, kWaitMs);
    QVERIFY(m_session->nextRetryInMs() > 30'000); // the backoff would wait a minute or two
    const int before = m_broker->connections;
    m_session->reconnectNow(u"the network changed"_s);
    QVERIFY(connectSession());
    QCOMPARE(m_broker->connections, before + 1);
}

void TestMqttSession::probeFindsADeadLink()
{
    MqttSession::Options options = m_session->options();
    options.keepAliveSeconds = 60; // keep-alive alone would take minutes
    m_session->setOptions(options);
    m_session->start();
    QVERIFY(connectSession());
    QTRY_VERIFY_WITH_TIMEOUT(!m_broker->all<Pingreq>().isEmpty(), kWaitMs); // the first RTT ping
    m_broker->send(Pingresp {});
    QTRY_VERIFY_WITH_TIMEOUT(m_session->roundTripMs() >= 0, kWaitMs);
    const qsizetype pings = m_broker->all<Pingreq>().size();
    QSignalSpy states(m_session.get(), &MqttSession::stateChanged);
    m_session->probe(); // e.g. after waking from sleep
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Pingreq>().size(), pings + 1, kWaitMs);
    // The fake broker stays silent: the link is declared dead and dropped.
    QTRY_VERIFY_WITH_TIMEOUT(m_session->state() != MqttSession::State::Connected, 3 * kWaitMs);
    QVERIFY(states.first().at(1).toString().contains(u"PINGRESP"_s));
}

void TestMqttSession::inflightWindowIsRespected()
{
    MqttSession::Options options = m_session->options();
    options.maxInflight = 3;
    m_session->setOptions(options);
    m_session->start();
    QVERIFY(connectSession());
    for (quint64 i = 1; i <= 10; ++i)
        m_session->publish(OutgoingPublish { i, u"t/a"_s, QByteArray::number(i), 1, false });
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Publish>().size(), 3, kWaitMs);
    QTest::qWait(100);
    QCOMPARE(m_broker->all<Publish>().size(), 3); // no more until acknowledged
    m_broker->send(Ack { PacketType::Puback, m_broker->all<Publish>().first().packetId, 0, {} });
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Publish>().size(), 4, kWaitMs);
    QCOMPARE(m_broker->all<Publish>().last().payload, QByteArray("4"));
}

void TestMqttSession::qos2FromTheServerIsDeliveredOnce()
{
    m_session->start();
    QVERIFY(connectSession());
    QSignalSpy received(m_session.get(), &MqttSession::messageReceived);
    Publish publish;
    publish.topic = u"t/q2"_s;
    publish.payload = "exactly once";
    publish.qos = 2;
    publish.packetId = 77;
    m_broker->send(publish);
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->acks(PacketType::Pubrec).size(), 1, kWaitMs);
    publish.dup = true; // the server did not see our PUBREC and sends it again
    m_broker->send(publish);
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->acks(PacketType::Pubrec).size(), 2, kWaitMs);
    m_broker->send(Ack { PacketType::Pubrel, 77, 0, {} });
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->acks(PacketType::Pubcomp).size(), 1, kWaitMs);
    QCOMPARE(m_broker->acks(PacketType::Pubcomp).first().packetId, quint16(77));
    QCOMPARE(received.size(), 1);
}

void TestMqttSession::qos1IsAcknowledgedWhenTheOwnerKeptIt()
{
    // The owner stores a message before the broker may forget it: no PUBACK
    // on arrival, one when the owner says so, none for an earlier connection.
    MqttSession::Options options = m_session->options();
    options.acknowledgeByOwner = true;
    m_session->setOptions(options);
    m_session->start();
    QVERIFY(connectSession());
    QSignalSpy received(m_session.get(), &MqttSession::messageReceived);
    Publish publish;
    publish.topic = u"t/q1"_s;
    publish.payload = "keep me";
    publish.qos = 1;
    publish.packetId = 5;
    m_broker->send(publish);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, kWaitMs);
    QTest::qWait(50);
    QCOMPARE(m_broker->acks(PacketType::Puback).size(), 0);
    const quint64 first = m_session->connectionNumber();
    m_session->acknowledge(5, first);
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->acks(PacketType::Puback).size(), 1, kWaitMs);
    QCOMPARE(m_broker->acks(PacketType::Puback).first().packetId, quint16(5));

    // Received, then the link drops before it was kept: the broker sends it
    // again on the next connection, and only that copy is acknowledged.
    publish.packetId = 6;
    m_broker->send(publish);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, kWaitMs);
    m_broker->dropConnection();
    QVERIFY(connectSession(true));
    QVERIFY(m_session->connectionNumber() > first);
    m_session->acknowledge(6, first);
    QTest::qWait(50);
    QCOMPARE(m_broker->acks(PacketType::Puback).size(), 1);
    publish.dup = true;
    m_broker->send(publish);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, kWaitMs);
    m_session->acknowledge(6, m_session->connectionNumber());
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->acks(PacketType::Puback).size(), 2, kWaitMs);
}

void TestMqttSession::finalRefusalStopsForGood()
{
    QSignalSpy refused(m_session.get(), &MqttSession::refused);
    m_session->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Connect>().size(), 1, kWaitMs);
    m_broker->send(Connack { false, 5, {} }); // not authorised
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, kWaitMs);
    QCOMPARE(m_session->state(), MqttSession::State::Stopped);
    QVERIFY(!m_session->isRunning());
    QCOMPARE(m_session->nextRetryInMs(), -1);
    QTest::qWait(100); // backoff is 10 ms here: no second attempt comes
    QCOMPARE(m_broker->connections, 1);
}

void TestMqttSession::busyLinkWithoutPingAnswerStaysUp()
{
    // The broker is busy sending: its PINGRESP never comes in time, but
    // every message it sends shows the link is alive.
    MqttSession::Options options = m_session->options();
    options.keepAliveSeconds = 1;
    m_session->setOptions(options);
    m_session->start();
    QVERIFY(connectSession());
    QSignalSpy states(m_session.get(), &MqttSession::stateChanged);
    QSignalSpy received(m_session.get(), &MqttSession::messageReceived);
    Publish publish;
    publish.topic = u"t/busy"_s;
    publish.payload = "x";
    QTimer traffic;
    connect(&traffic, &QTimer::timeout, this, [&] { m_broker->send(publish); });
    traffic.start(50);
    // Three keep-alives long: the old rule dropped it after about one.
    QTRY_VERIFY_WITH_TIMEOUT(received.size() >= 60, kWaitMs);
    traffic.stop();
    QVERIFY2(states.isEmpty(), states.isEmpty() ? "" : qPrintable(states.first().at(1).toString()));
    QCOMPARE(m_session->state(), MqttSession::State::Connected);
    QVERIFY(!m_broker->all<Pingreq>().isEmpty()); // it kept pinging meanwhile
}

void TestMqttSession::silentLinkIsDropped()
{
    MqttSession::Options options = m_session->options();
    options.keepAliveSeconds = 1;
    m_session->setOptions(options);
    m_session->start();
    QVERIFY(connectSession());
    QSignalSpy states(m_session.get(), &MqttSession::stateChanged);
    // Nothing more from the broker: a half-open link.
    QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty(), kWaitMs);
    QCOMPARE(states.first().at(0).value<MqttSession::State>(), MqttSession::State::Disconnected);
    QVERIFY2(states.first().at(1).toString().contains(u"PINGRESP"_s),
            qPrintable(states.first().at(1).toString()));
    QCOMPARE(m_session->lastLinkError(), ByteLink::Error::Timeout);
}

void TestMqttSession::handoverMovesTheConnectionWithoutConnect()
{
    m_session->start();
    QVERIFY(connectSession());
    m_session->publish(OutgoingPublish { 1, u"t/a"_s, "before", 1, false });
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Publish>().size(), 1, kWaitMs);
    MemoryLink *old = m_broker->peer.current();
    QSignalSpy finished(m_session.get(), &MqttSession::switchFinished);
    m_session->switchTo(new MemoryLink(nullptr), MqttSession::SwitchMode::Handover);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
    QVERIFY(finished.first().at(0).toBool());
    QCOMPARE(finished.first().at(1).value<ByteLink::MoveMode>(), ByteLink::MoveMode::Handover);
    QVERIFY(m_broker->peer.current() != old); // the new link owns the connection now
    QCOMPARE(m_broker->connections, 1); // and the broker saw nothing
    QCOMPARE(m_broker->all<Connect>().size(), 1);
    QCOMPARE(m_session->state(), MqttSession::State::Connected);
    // The unacknowledged publish is settled over the adopted connection.
    QSignalSpy acked(m_session.get(), &MqttSession::publishAcknowledged);
    m_broker->send(Ack { PacketType::Puback, m_broker->all<Publish>().first().packetId, 0, {} });
    QTRY_COMPARE_WITH_TIMEOUT(acked.size(), 1, kWaitMs);
    m_session->publish(OutgoingPublish { 2, u"t/a"_s, "after", 1, false });
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Publish>().size(), 2, kWaitMs);
    QCOMPARE(m_session->lastInterruptionUs(), qint64(0));
}

void TestMqttSession::reconnectMoveResendsOnTheNewLink()
{
    m_session->start();
    QVERIFY(connectSession());
    for (quint64 i = 1; i <= 3; ++i)
        m_session->publish(OutgoingPublish { i, u"t/a"_s, QByteArray::number(i), 1, false });
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Publish>().size(), 3, kWaitMs);
    const QList<Publish> first = m_broker->all<Publish>();
    QSignalSpy finished(m_session.get(), &MqttSession::switchFinished);
    m_session->switchTo(m_broker->peer.createLink(), MqttSession::SwitchMode::Reconnect);
    // The new link connects with the same client id while the old one still carries.
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->connections, 2, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Connect>().size(), 2, kWaitMs);
    QCOMPARE(m_broker->all<Connect>().last().clientId, u"tester"_s);
    m_session->publish(OutgoingPublish { 4, u"t/a"_s, "4", 1, false }); // waits for the move
    m_broker->received.clear();
    m_broker->send(Connack { true, 0, {} });
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
    QVERIFY(finished.first().at(0).toBool());
    QCOMPARE(finished.first().at(3).toInt(), 3); // three went out again
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Publish>().size(), 4, kWaitMs);
    const QList<Publish> again = m_broker->all<Publish>();
    for (int i = 0; i < 3; ++i) {
        QVERIFY(again[i].dup);
        QCOMPARE(again[i].packetId, first[i].packetId);
    }
    QCOMPARE(again[3].payload, QByteArray("4"));
    QVERIFY(!again[3].dup);
}

void TestMqttSession::failedMoveKeepsTheOldLink()
{
    m_session->start();
    QVERIFY(connectSession());
    MemoryLink *old = m_broker->peer.current();
    QSignalSpy finished(m_session.get(), &MqttSession::switchFinished);
    QSignalSpy states(m_session.get(), &MqttSession::stateChanged);
    m_broker->peer.setRefusing(true);
    m_session->switchTo(m_broker->peer.createLink(), MqttSession::SwitchMode::Reconnect);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY(!finished.first().at(2).toString().isEmpty());
    QCOMPARE(m_session->state(), MqttSession::State::Connected);
    QVERIFY(states.isEmpty()); // the session never left Connected
    QCOMPARE(m_broker->peer.current(), old);
    m_session->publish(OutgoingPublish { 1, u"t/a"_s, "still here", 1, false });
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Publish>().size(), 1, kWaitMs);
}

QTEST_GUILESS_MAIN(TestMqttSession)
#include "tst_mqttsession.moc"
