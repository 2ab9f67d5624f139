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
            // A server learns the version from the CONNECT (which decodes
            // in either reader).
            m_reader = PacketReader(ProtocolVersion::V5);
            version = ProtocolVersion::V311;
            ++connections;
        });
        connect(&peer, &MemoryPeer::received, this,
                [this](MemoryLink *link, const QByteArray &bytes) {
                    if (link != peer.current())
                        return;
                    m_reader.append(bytes);
                    Packet packet;
                    while (m_reader.next(packet) == PacketReader::Status::Packet) {
                        if (const auto *connect = std::get_if<Connect>(&packet)) {
                            version = connect->version;
                            m_reader.setVersion(version);
                            if (hangUpOnV5 && version == ProtocolVersion::V5) {
                                received.append(packet);
                                peer.closeConnection();
                                return;
                            }
                        }
                        received.append(packet);
                    }
                });
    }
    QUrl url() const { return QUrl(u"mqtt://memory:1883"_s); }
    void send(const Packet &packet) { peer.send(encode(packet, version)); }
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
    ProtocolVersion version = ProtocolVersion::V311; // of the last CONNECT
    bool hangUpOnV5 = false; // like a 3.1.1-only server that just closes

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

    // MQTT 5.0
    void asksForFiveAndAnnouncesItsLimits();
    void fallsBackToV311WhenRefused();
    void fallsBackToV311WhenTheServerHangsUp();
    void noFallbackWhenFiveIsRequired();
    void knownV311ServerIsAskedWithV311();
    void grantOfTheServerIsHonoured();
    void topicAliasesReplaceRepeatedTopics();
    void packetOverTheServerLimitIsRefusedNotSent();
    void pubackFailureIsARefusalWithTheReason();
    void subackFailureIsReported();
    void serverDisconnectIsShownWithItsReason();
    void noLocalGoesIntoTheSubscription();
    void retainIsDroppedWhenTheServerHasNone();
    void topicAliasFromTheServerIsAProtocolError();

private:
    bool connectSession(bool sessionPresent = false);
    // Starts the session and answers its first CONNECT with a 5.0 CONNACK
    // carrying `properties`; true once it is connected.
    bool startV5(const Properties &properties = {});

    std::unique_ptr<FakeBroker> m_broker;
    std::unique_ptr<MqttSession> m_session;
};

namespace {
OutgoingPublish message(quint64 ref, const QString &topic, const QByteArray &payload = "x")
{
    return { ref, topic, payload, 1, false };
}

Connack connackV5(const Properties &properties = {})
{
    return Connack { false, 0, properties };
}
} // namespace

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
    // The tests above 5.0 are about the session, on 3.1.1; the 5.0 ones
    // set their own version.
    options.version = ProtocolVersion::V311;
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

// --- MQTT 5.0 -----------------------------------------------------------

namespace {
MqttSession::Options v5Options(const QUrl &server)
{
    MqttSession::Options options;
    options.server = server;
    options.clientId = u"tester"_s;
    options.backoffInitialMs = 10;
    options.backoffCapMs = 50;
    return options; // version: the default
}
} // namespace

bool TestMqttSession::startV5(const Properties &properties)
{
    m_session->start();
    if (!QTest::qWaitFor([&] { return m_broker->all<Connect>().size() == 1; }, kWaitMs))
        return false;
    m_broker->send(connackV5(properties));
    return QTest::qWaitFor(
            [&] { return m_session->state() == MqttSession::State::Connected; }, kWaitMs);
}

void TestMqttSession::asksForFiveAndAnnouncesItsLimits()
{
    MqttSession::Options options = v5Options(m_broker->url());
    options.sessionExpirySeconds = 3600;
    options.receiveMaximum = 77;
    options.maxIncomingPacketSize = 4096;
    m_session->setOptions(options);
    m_session->start();
    QVERIFY(QTest::qWaitFor([&] { return !m_broker->all<Connect>().isEmpty(); }, kWaitMs));
    const Connect connect = m_broker->all<Connect>().first();
    QCOMPARE(connect.version, ProtocolVersion::V5);
    QCOMPARE(connect.cleanStart, false);
    QCOMPARE(findProperty(connect.properties, PropertyId::SessionExpiryInterval), QVariant(3600u));
    QCOMPARE(findProperty(connect.properties, PropertyId::ReceiveMaximum), QVariant(77u));
    QCOMPARE(findProperty(connect.properties, PropertyId::MaximumPacketSize), QVariant(4096u));
    m_broker->send(connackV5());
    QVERIFY(QTest::qWaitFor(
            [&] { return m_session->state() == MqttSession::State::Connected; }, kWaitMs));
    QCOMPARE(m_session->protocolVersion(), ProtocolVersion::V5);
    QCOMPARE(m_session->grant().sessionExpirySeconds, 3600u);
}

void TestMqttSession::fallsBackToV311WhenRefused()
{
    m_session->setOptions(v5Options(m_broker->url()));
    m_session->start();
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Connect>().size() == 1; }, kWaitMs));
    // What a 3.1.1-only server answers: "unacceptable protocol level", in
    // 3.1.1's four bytes.
    m_broker->peer.send(QByteArray::fromHex("20020001"));
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Connect>().size() == 2; }, kWaitMs));
    QCOMPARE(m_broker->all<Connect>().at(1).version, ProtocolVersion::V311);
    m_broker->send(Connack { false, 0, {} });
    QVERIFY(QTest::qWaitFor(
            [&] { return m_session->state() == MqttSession::State::Connected; }, kWaitMs));
    QCOMPARE(m_broker->all<Connect>().size(), 2);
    QCOMPARE(m_session->protocolVersion(), ProtocolVersion::V311);
    QCOMPARE(m_session->knownVersion(m_broker->url()), ProtocolVersion::V311);
    // Not a refusal for good, and no backoff was waited for.
    QCOMPARE(m_session->state(), MqttSession::State::Connected);
}

void TestMqttSession::fallsBackToV311WhenTheServerHangsUp()
{
    m_broker->hangUpOnV5 = true;
    m_session->setOptions(v5Options(m_broker->url()));
    m_session->start();
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Connect>().size() == 2; }, kWaitMs));
    QCOMPARE(m_broker->all<Connect>().at(0).version, ProtocolVersion::V5);
    QCOMPARE(m_broker->all<Connect>().at(1).version, ProtocolVersion::V311);
    m_broker->send(Connack { false, 0, {} });
    QVERIFY(QTest::qWaitFor(
            [&] { return m_session->state() == MqttSession::State::Connected; }, kWaitMs));
    QCOMPARE(m_broker->all<Connect>().size(), 2);
    QCOMPARE(m_session->protocolVersion(), ProtocolVersion::V311);
}

void TestMqttSession::noFallbackWhenFiveIsRequired()
{
    MqttSession::Options options = v5Options(m_broker->url());
    options.fallbackToV311 = false;
    m_session->setOptions(options);
    QSignalSpy refused(m_session.get(), &MqttSession::refused);
    m_session->start();
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Connect>().size() == 1; }, kWaitMs));
    m_broker->send(Connack { false, 0x84, { { PropertyId::ReasonString, u"v5 off"_s } } });
    QVERIFY(refused.wait(kWaitMs));
    QVERIFY2(refused.first().first().toString().contains(u"v5 off"_s),
            qPrintable(refused.first().first().toString()));
    QCOMPARE(m_session->state(), MqttSession::State::Stopped);
    QTest::qWait(100);
    QCOMPARE(m_broker->all<Connect>().size(), 1);
}

void TestMqttSession::knownV311ServerIsAskedWithV311()
{
    m_session->setOptions(v5Options(m_broker->url()));
    m_session->setKnownVersion(m_broker->url(), ProtocolVersion::V311);
    m_session->start();
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Connect>().size() == 1; }, kWaitMs));
    m_broker->send(Connack { false, 0, {} });
    QVERIFY(QTest::qWaitFor(
            [&] { return m_session->state() == MqttSession::State::Connected; }, kWaitMs));
    QCOMPARE(m_broker->all<Connect>().size(), 1);
    QCOMPARE(m_broker->all<Connect>().first().version, ProtocolVersion::V311);
}

void TestMqttSession::grantOfTheServerIsHonoured()
{
    m_session->setOptions(v5Options(m_broker->url()));
    QSignalSpy assigned(m_session.get(), &MqttSession::clientIdAssigned);
    QVERIFY(startV5({ { PropertyId::ReceiveMaximum, 2u }, { PropertyId::ServerKeepAlive, 5u },
            { PropertyId::SessionExpiryInterval, 60u }, { PropertyId::TopicAliasMaximum, 3u },
            { PropertyId::AssignedClientIdentifier, u"assigned-1"_s },
            { PropertyId::ReasonString, u"welcome"_s } }));
    const MqttSession::Grant grant = m_session->grant();
    QCOMPARE(grant.keepAliveSeconds, 5);
    QCOMPARE(grant.sessionExpirySeconds, 60u);
    QCOMPARE(grant.topicAliasMaximum, 3);
    QCOMPARE(grant.reasonString, u"welcome"_s);
    QCOMPARE(assigned.size(), 1);

    // Receive Maximum 2: two in flight, the rest wait for PUBACKs.
    for (quint64 i = 1; i <= 5; ++i)
        m_session->publish(message(i, u"chat/room"_s));
    QTest::qWait(50);
    QCOMPARE(m_broker->all<Publish>().size(), 2);
    m_broker->send(Ack { PacketType::Puback, m_broker->all<Publish>().first().packetId, 0, {} });
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Publish>().size() == 3; }, kWaitMs));

    // The assigned id is the session's for the next connection.
    m_broker->dropConnection();
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Connect>().size() == 2; }, kWaitMs));
    QCOMPARE(m_broker->all<Connect>().at(1).clientId, u"assigned-1"_s);
}

void TestMqttSession::topicAliasesReplaceRepeatedTopics()
{
    m_session->setOptions(v5Options(m_broker->url()));
    QVERIFY(startV5({ { PropertyId::TopicAliasMaximum, 2u } }));
    const QStringList topics
            = { u"r/a"_s, u"r/a"_s, u"r/b"_s, u"r/a"_s, u"r/c"_s, u"r/b"_s, u"r/c"_s };
    quint64 ref = 0;
    for (const QString &topic : topics)
        m_session->publish(message(++ref, topic));
    QVERIFY(QTest::qWaitFor(
            [&] { return m_broker->all<Publish>().size() == topics.size(); }, kWaitMs));
    // What a server makes of them: the alias map of the connection.
    QHash<quint32, QString> map;
    QStringList seen;
    int withoutTopic = 0;
    for (const Publish &publish : m_broker->all<Publish>()) {
        const auto alias = findProperty(publish.properties, PropertyId::TopicAlias);
        QVERIFY2(alias, "every publish uses an alias while the server allows them");
        QVERIFY(alias->toUInt() >= 1 && alias->toUInt() <= 2);
        if (!publish.topic.isEmpty())
            map.insert(alias->toUInt(), publish.topic);
        else
            ++withoutTopic;
        QVERIFY(map.contains(alias->toUInt()));
        seen.append(map.value(alias->toUInt()));
    }
    QCOMPARE(seen, topics);
    // Without the topic: r/a twice (its alias known), and the last r/c.
    // r/c took the alias of the least recently used topic (r/b), and r/b
    // then took r/a's: both were sent with their topic.
    QCOMPARE(withoutTopic, 3);

    // A new connection starts a new map: the topic is sent again.
    m_broker->dropConnection();
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Connect>().size() == 2; }, kWaitMs));
    m_broker->received.clear();
    m_broker->send(connackV5({ { PropertyId::TopicAliasMaximum, 2u } }));
    QVERIFY(QTest::qWaitFor(
            [&] { return m_session->state() == MqttSession::State::Connected; }, kWaitMs));
    m_session->publish(message(++ref, u"r/a"_s));
    // What was not acknowledged goes again, then the new one, all through
    // a map that starts empty.
    const QStringList expected = topics + QStringList { u"r/a"_s };
    QVERIFY(QTest::qWaitFor(
            [&] { return m_broker->all<Publish>().size() == expected.size(); }, kWaitMs));
    map.clear();
    seen.clear();
    for (const Publish &publish : m_broker->all<Publish>()) {
        const auto alias = findProperty(publish.properties, PropertyId::TopicAlias);
        QVERIFY(alias);
        if (!publish.topic.isEmpty())
            map.insert(alias->toUInt(), publish.topic);
        QVERIFY2(map.contains(alias->toUInt()), "an alias is only used after its topic was sent");
        seen.append(map.value(alias->toUInt()));
    }
    QCOMPARE(seen, expected);
}

void TestMqttSession::packetOverTheServerLimitIsRefusedNotSent()
{
    m_session->setOptions(v5Options(m_broker->url()));
    QSignalSpy refused(m_session.get(), &MqttSession::publishRefused);
    QSignalSpy acknowledged(m_session.get(), &MqttSession::publishAcknowledged);
    QVERIFY(startV5({ { PropertyId::MaximumPacketSize, 200u } }));
    m_session->publish(message(1, u"r/a"_s, QByteArray(100, 'a')));
    m_session->publish(message(2, u"r/a"_s, QByteArray(300, 'b')));
    m_session->publish(message(3, u"r/a"_s, QByteArray(100, 'c')));
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, kWaitMs);
    QCOMPARE(refused.first().at(0).toULongLong(), 2u);
    QVERIFY(refused.first().at(1).toString().contains(u"200"_s));
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Publish>().size() == 2; }, kWaitMs));
    for (const Publish &publish : m_broker->all<Publish>())
        QCOMPARE(publish.payload.size(), 100);
    // It does not come back after a reconnect either.
    QCOMPARE(m_session->pendingCount(), 2);
    QCOMPARE(m_session->state(), MqttSession::State::Connected);
    QCOMPARE(acknowledged.size(), 0);
}

void TestMqttSession::pubackFailureIsARefusalWithTheReason()
{
    m_session->setOptions(v5Options(m_broker->url()));
    QSignalSpy refused(m_session.get(), &MqttSession::publishRefused);
    QSignalSpy acknowledged(m_session.get(), &MqttSession::publishAcknowledged);
    QVERIFY(startV5());
    m_session->publish(message(7, u"r/a"_s));
    m_session->publish(message(8, u"r/a"_s));
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Publish>().size() == 2; }, kWaitMs));
    const QList<Publish> sent = m_broker->all<Publish>();
    m_broker->send(Ack { PacketType::Puback, sent[0].packetId, 0x87,
            { { PropertyId::ReasonString, u"no writing here"_s } } });
    m_broker->send(Ack { PacketType::Puback, sent[1].packetId, 0x10, {} }); // no subscribers: fine
    QVERIFY(refused.wait(kWaitMs));
    QCOMPARE(refused.first().at(0).toULongLong(), 7u);
    const QString reason = refused.first().at(1).toString();
    QVERIFY2(reason.contains(u"not authorised"_s) && reason.contains(u"no writing here"_s),
            qPrintable(reason));
    QVERIFY(QTest::qWaitFor([&] { return acknowledged.size() == 1; }, kWaitMs));
    QCOMPARE(acknowledged.first().at(0).toULongLong(), 8u);
    QCOMPARE(m_session->pendingCount(), 0);
}

void TestMqttSession::subackFailureIsReported()
{
    m_session->setOptions(v5Options(m_broker->url()));
    QSignalSpy refused(m_session.get(), &MqttSession::subscriptionRefused);
    m_session->subscribe({ u"ok/#"_s, u"secret/#"_s }, 1);
    m_session->start();
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Connect>().size() == 1; }, kWaitMs));
    m_broker->send(connackV5());
    QVERIFY(QTest::qWaitFor([&] { return !m_broker->all<Subscribe>().isEmpty(); }, kWaitMs));
    const Subscribe subscribe = m_broker->all<Subscribe>().first();
    QList<quint8> codes;
    for (const Subscription &s : subscribe.subscriptions)
        codes.append(s.filter == u"secret/#"_s ? 0x87 : 0x01);
    m_broker->send(Suback { subscribe.packetId, codes, {} });
    QVERIFY(refused.wait(kWaitMs));
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().at(0).toString(), u"secret/#"_s);
    QVERIFY(refused.first().at(1).toString().contains(u"not authorised"_s));
}

void TestMqttSession::serverDisconnectIsShownWithItsReason()
{
    m_session->setOptions(v5Options(m_broker->url()));
    QSignalSpy states(m_session.get(), &MqttSession::stateChanged);
    QVERIFY(startV5());
    m_broker->send(Disconnect { 0x8B, { { PropertyId::ReasonString, u"maintenance"_s } } });
    QVERIFY(QTest::qWaitFor(
            [&] { return m_session->state() != MqttSession::State::Connected; }, kWaitMs));
    const QString reason = m_session->lastError();
    QVERIFY2(reason.contains(u"shutting down"_s) && reason.contains(u"maintenance"_s),
            qPrintable(reason));
    // Not final: it comes back.
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Connect>().size() == 2; }, kWaitMs));
}

void TestMqttSession::noLocalGoesIntoTheSubscription()
{
    m_session->setOptions(v5Options(m_broker->url()));
    m_session->subscribe({ u"rooms/a/#"_s }, 1, true);
    m_session->subscribe({ u"presence/+"_s }, 1, false);
    m_session->start();
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Connect>().size() == 1; }, kWaitMs));
    m_broker->send(connackV5());
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Subscribe>().size() == 2; }, kWaitMs));
    QHash<QString, bool> noLocal;
    for (const Subscribe &subscribe : m_broker->all<Subscribe>()) {
        for (const Subscription &s : subscribe.subscriptions)
            noLocal.insert(s.filter, s.noLocal);
    }
    QCOMPARE(noLocal.value(u"rooms/a/#"_s), true);
    QCOMPARE(noLocal.value(u"presence/+"_s), false);
}

void TestMqttSession::retainIsDroppedWhenTheServerHasNone()
{
    m_session->setOptions(v5Options(m_broker->url()));
    QVERIFY(startV5({ { PropertyId::RetainAvailable, 0u } }));
    m_session->publish({ 1, u"presence/me"_s, "online", 1, true });
    QVERIFY(QTest::qWaitFor([&] { return m_broker->all<Publish>().size() == 1; }, kWaitMs));
    QCOMPARE(m_broker->all<Publish>().first().retain, false);
    QCOMPARE(m_session->state(), MqttSession::State::Connected);
}

void TestMqttSession::topicAliasFromTheServerIsAProtocolError()
{
    m_session->setOptions(v5Options(m_broker->url()));
    QSignalSpy received(m_session.get(), &MqttSession::messageReceived);
    QVERIFY(startV5());
    Publish publish;
    publish.topic = u"r/a"_s;
    publish.payload = "hi";
    publish.properties = { { PropertyId::TopicAlias, 1u } };
    m_broker->send(publish);
    QVERIFY(QTest::qWaitFor(
            [&] { return m_session->state() != MqttSession::State::Connected; }, kWaitMs));
    QVERIFY(m_session->lastError().contains(u"topic alias"_s));
    QCOMPARE(received.size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_broker->all<Disconnect>().size(), 1, kWaitMs);
    QCOMPARE(m_broker->all<Disconnect>().first().reasonCode, 0x94);
}

QTEST_GUILESS_MAIN(TestMqttSession)
#include "tst_mqttsession.moc"
