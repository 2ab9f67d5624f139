// MqttSession at the protocol level, against a scripted fake broker on
// loopback (through the real tcp transport plugin): what goes on the wire
// after a reconnect, the in-flight window, QoS 2 from the server.
#include "mqtt/mqttpacket.h"
#include "mqttsession.h"
#include "transporthost.h"

#include <QtCore/QStandardPaths>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace Qt::StringLiterals;
using longlink::MqttSession;
using longlink::OutgoingPublish;
using namespace longlink::mqtt;

namespace {
constexpr int kWaitMs = 10'000;

// Accepts one connection at a time, decodes what the client sends and lets
// the test answer.
class FakeBroker : public QObject
{
public:
    FakeBroker()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                m_socket = socket;
                m_reader = PacketReader(ProtocolVersion::V311);
                ++connections;
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                    if (socket != m_socket)
                        return;
                    m_reader.append(socket->readAll());
                    Packet packet;
                    while (m_reader.next(packet) == PacketReader::Status::Packet)
                        received.append(packet);
                });
            }
        });
    }
    QUrl url() const { return QUrl(u"mqtt://127.0.0.1:%1"_s.arg(m_server.serverPort())); }
    void send(const Packet &packet)
    {
        m_socket->write(encode(packet, ProtocolVersion::V311));
        m_socket->flush();
    }
    void dropConnection()
    {
        m_socket->abort();
        m_socket = nullptr;
    }
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

    QList<Packet> received;
    int connections = 0;

private:
    QTcpServer m_server;
    QPointer<QTcpSocket> m_socket;
    PacketReader m_reader;
};
} // namespace

class TestMqttSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
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

private:
    bool connectSession(bool sessionPresent = false);

    std::unique_ptr<longlink::TransportHost> m_host;
    std::unique_ptr<FakeBroker> m_broker;
    std::unique_ptr<MqttSession> m_session;
};

void TestMqttSession::init()
{
    m_host = std::make_unique<longlink::TransportHost>();
    m_host->setExtraFolders({ QStringLiteral(LONGLINK_BUILD_TRANSPORTS) });
    m_host->rescan();
    m_broker = std::make_unique<FakeBroker>();
    m_session = std::make_unique<MqttSession>([this](QObject *parent, QString *error) {
        return m_host->createLink(u"mqtt"_s, parent, error);
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
    m_host.reset();
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

QTEST_GUILESS_MAIN(TestMqttSession)
#include "tst_mqttsession.moc"
