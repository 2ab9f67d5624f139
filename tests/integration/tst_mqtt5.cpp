// MQTT 5.0 against a real mosquitto: the default protocol, no echo of
// one's own messages, the broker's limits honoured, its reasons shown, and
// the fall back to 3.1.1 (remembered) for servers that refuse 5.0.
#include "brokerfixture.h"
#include "chatclient.h"
#include "chatparticipant.h"
#include "cliprocess.h"
#include "mosquittobroker.h"
#include "v311onlyserver.h"

#include <QtCore/QFile>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using longlink::ChatClient;
using longlink::MqttSession;
using longlink::test::CliProcess;
using longlink::test::V311OnlyServer;
using Participant = longlink::test::ChatParticipant;
namespace mqtt = longlink::mqtt;

namespace {
constexpr int kWaitMs = 20'000;

// Publishes the session received on room topics (its own echo included).
int roomPublishes(const QList<QList<QVariant>> &spy)
{
    int count = 0;
    for (const QList<QVariant> &args : spy)
        count += args.first().value<mqtt::Publish>().topic.contains(u"/from/"_s) ? 1 : 0;
    return count;
}
} // namespace

class TestMqtt5 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { longlink::test::BrokerFixture::useTestPaths(); }
    void init() { QVERIFY2(m_env.start(extraConfig()), qPrintable(m_env.errorString())); }
    void cleanup() { m_env.stop(); }

    void fiveIsTheDefaultAndOwnMessagesDoNotComeBack_data();
    void fiveIsTheDefaultAndOwnMessagesDoNotComeBack();
    void limitsOfTheBrokerAreHonoured();
    void refusedPublishShowsTheReason();
    void cliShowsTheProtocol();
    void serverThatRefusesFiveGetsV311Remembered_data();
    void serverThatRefusesFiveGetsV311Remembered();

private:
    QString extraConfig() const;

    longlink::test::BrokerFixture m_env;
};

QString TestMqtt5::extraConfig() const
{
    const QByteArray test = QTest::currentTestFunction();
    if (test == "limitsOfTheBrokerAreHonoured")
        return u"max_keepalive 10\nmax_packet_size 2000\nmax_topic_alias 4\n"_s;
    return QString();
}

void TestMqtt5::fiveIsTheDefaultAndOwnMessagesDoNotComeBack_data()
{
    QTest::addColumn<ChatClient::MqttVersion>("version");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("echo");
    QTest::newRow("default") << ChatClient::MqttVersion::Auto << u"5.0"_s << false;
    // What 3.1.1 cannot avoid: the proof that the check above can fail.
    QTest::newRow("3.1.1") << ChatClient::MqttVersion::V311 << u"3.1.1"_s << true;
}

void TestMqtt5::fiveIsTheDefaultAndOwnMessagesDoNotComeBack()
{
    QFETCH(ChatClient::MqttVersion, version);
    QFETCH(QString, expected);
    QFETCH(bool, echo);
    Participant alice(u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s));
    Participant bob(u"bob"_s, m_env.broker().url(), m_env.dataFor(u"bob"_s));
    alice.config().mqttVersion = version;
    QVERIFY(alice.open());
    QVERIFY(bob.open());
    QSignalSpy arrived(alice.client->session(), &MqttSession::messageReceived);
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected() && bob.connected(), kWaitMs);
    QCOMPARE(alice.client->protocolVersion(), expected);
    QCOMPARE(bob.client->protocolVersion(), u"5.0"_s);

    const QStringList texts = longlink::test::numberedTexts(u"no echo"_s, 20);
    for (const QString &text : texts)
        alice.client->send(u"lobby"_s, text);
    QTRY_COMPARE_WITH_TIMEOUT(bob.receivedTexts(), texts, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(alice.sent.size(), texts.size(), kWaitMs);
    // Bob replies: alice's subscription works, only her own are left out.
    bob.client->send(u"lobby"_s, u"reply"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice.receivedTexts(), QStringList { u"reply"_s }, kWaitMs);
    QCOMPARE(roomPublishes(arrived), echo ? texts.size() + 1 : 1);
}

void TestMqtt5::limitsOfTheBrokerAreHonoured()
{
    Participant alice(u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s));
    Participant bob(u"bob"_s, m_env.broker().url(), m_env.dataFor(u"bob"_s));
    const QStringList rooms
            = { u"r1"_s, u"r2"_s, u"r3"_s, u"r4"_s, u"r5"_s, u"r6"_s }; // more than the aliases
    bob.config().rooms = rooms;
    QVERIFY(alice.open());
    QVERIFY(bob.open());
    QSignalSpy refused(alice.client.get(), &ChatClient::messageRefused);
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected() && bob.connected(), kWaitMs);
    const MqttSession::Grant grant = alice.client->serverGrant();
    QCOMPARE(grant.version, mqtt::ProtocolVersion::V5);
    QCOMPARE(grant.keepAliveSeconds, 10); // asked 30, mosquitto's max_keepalive
    QCOMPARE(grant.maximumPacketSize, 2000u);
    QCOMPARE(grant.topicAliasMaximum, 4);
    const quint64 connection = alice.client->session()->connectionNumber();

    // Round robin over six rooms with four aliases: every one is re-mapped
    // again and again, and the broker must still route each to its room.
    QStringList sent;
    for (int i = 0; i < 60; ++i) {
        const QString room = rooms[i % rooms.size()];
        const QString text = u"%1 in %2"_s.arg(i).arg(room);
        alice.client->send(room, text);
        sent.append(text);
    }
    QTRY_COMPARE_WITH_TIMEOUT(bob.received.size(), sent.size(), kWaitMs);
    for (const longlink::ChatMessage &message : std::as_const(bob.received))
        QVERIFY2(message.text.endsWith(u" in "_s + message.room), qPrintable(message.text));

    // Over the broker's Maximum Packet Size: refused here, never sent (the
    // broker would end the connection for it), and the room goes on.
    const QString big = alice.client->send(u"r1"_s, QString(3000, u'x'));
    QVERIFY(!big.isEmpty());
    QVERIFY(refused.wait(kWaitMs));
    QCOMPARE(refused.first().at(0).toString(), big);
    QVERIFY2(refused.first().at(2).toString().contains(u"2000"_s),
            qPrintable(refused.first().at(2).toString()));
    alice.client->send(u"r1"_s, u"after the big one"_s);
    QTRY_COMPARE_WITH_TIMEOUT(bob.received.size(), sent.size() + 1, kWaitMs);
    QCOMPARE(bob.received.last().text, u"after the big one"_s);
    QCOMPARE(alice.client->session()->connectionNumber(), connection);
    // Kept as failed, and out of the outbox: not tried again next run.
    QTRY_COMPARE_WITH_TIMEOUT(alice.client->store()->outboxSize(), 0, kWaitMs);
    bool failed = false;
    for (const auto &stored : alice.client->store()->messages(u"r1"_s, 100))
        failed |= stored.message.id == big
                && stored.delivery == longlink::StoredMessage::Delivery::Failed;
    QVERIFY(failed);
}

void TestMqtt5::refusedPublishShowsTheReason()
{
    // alice may read both rooms but write only to the lobby. (mosquitto
    // 2.0 grants a subscription its ACL forbids and then sends nothing, so
    // a refused SUBACK is tested against a scripted broker: tst_mqttsession.)
    const QString acl = m_env.dataFor(u"acl"_s);
    {
        QFile file(acl);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("user alice\n"
                   "topic readwrite longlink/v1/presence/#\n"
                   "topic read longlink/v1/rooms/lobby/#\n"
                   "topic read longlink/v1/rooms/quiet/#\n"
                   "topic write longlink/v1/rooms/lobby/#\n");
    }
    m_env.broker().setExtraConfig(u"acl_file %1\n"_s.arg(acl));
    QVERIFY(m_env.broker().restart());
    Participant alice(u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s));
    alice.config().rooms = { u"lobby"_s, u"quiet"_s };
    QVERIFY(alice.open());
    QSignalSpy refused(alice.client.get(), &ChatClient::messageRefused);
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);

    const QString ok = alice.client->send(u"lobby"_s, u"allowed"_s);
    const QString no = alice.client->send(u"quiet"_s, u"not allowed"_s);
    QVERIFY(refused.wait(kWaitMs));
    QCOMPARE(refused.first().at(0).toString(), no);
    QCOMPARE(refused.first().at(1).toString(), u"quiet"_s);
    QVERIFY2(refused.first().at(2).toString().contains(u"not authorised"_s),
            qPrintable(refused.first().at(2).toString()));
    QTRY_VERIFY_WITH_TIMEOUT(alice.sent.contains(ok), kWaitMs);
    QVERIFY(!alice.sent.contains(no));
    // Her membership of the room she may not write to was refused too: it
    // is not announced again on the next connection (mosquitto 2.0.11 drops
    // the connection after refusing it, which would loop).
    QCOMPARE(alice.client->store()->value(u"membership.refused.quiet"_s), u"1"_s);
    QCOMPARE(alice.client->store()->value(u"membership.refused.lobby"_s), QString());
}

void TestMqtt5::cliShowsTheProtocol()
{
    CliProcess cli;
    QVERIFY(cli.start({ u"--server"_s, m_env.broker().url().toString(), u"--user"_s, u"carol"_s,
            u"--room"_s, u"lobby"_s, u"--data-dir"_s, m_env.dataFor(u"carol"_s) }));
    QVERIFY(cli.waitForConnected(kWaitMs));
    const QJsonObject connected = cli.events(u"connection"_s).last();
    QCOMPARE(connected.value(u"mqtt"_s).toString(), u"5.0"_s);
    QCOMPARE(connected.value(u"sessionExpiry"_s).toInteger(), 604800);
    cli.writeLine(u"/quit"_s);
    QCOMPARE(cli.waitForExit(), 0);

    CliProcess bad;
    QVERIFY(bad.start({ u"--server"_s, m_env.broker().url().toString(), u"--user"_s, u"carol"_s,
            u"--mqtt-version"_s, u"4.0"_s, u"--data-dir"_s, m_env.dataFor(u"carol2"_s) }));
    QCOMPARE(bad.waitForExit(), 2);
    QVERIFY2(bad.standardError().contains(u"--mqtt-version"_s), qPrintable(bad.standardError()));
}

void TestMqtt5::serverThatRefusesFiveGetsV311Remembered_data()
{
    QTest::addColumn<V311OnlyServer::Refusal>("refusal");
    QTest::newRow("CONNACK refusal") << V311OnlyServer::Refusal::Connack;
    QTest::newRow("hangs up") << V311OnlyServer::Refusal::HangUp;
}

void TestMqtt5::serverThatRefusesFiveGetsV311Remembered()
{
    QFETCH(V311OnlyServer::Refusal, refusal);
    V311OnlyServer server(m_env.broker().url(), refusal);
    QVERIFY(server.listen());
    Participant alice(u"alice"_s, server.url(), m_env.dataFor(u"alice"_s));
    Participant bob(u"bob"_s, m_env.broker().url(), m_env.dataFor(u"bob"_s));
    QVERIFY(alice.open());
    QVERIFY(bob.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected() && bob.connected(), kWaitMs);
    QCOMPARE(alice.client->protocolVersion(), u"3.1.1"_s);
    QCOMPARE(server.refusedV5(), 1);
    alice.client->send(u"lobby"_s, u"over 3.1.1"_s);
    QTRY_COMPARE_WITH_TIMEOUT(bob.receivedTexts(), QStringList { u"over 3.1.1"_s }, kWaitMs);
    alice.close();

    // The next run asks with 3.1.1 straight away.
    CliProcess cli;
    QVERIFY(cli.start({ u"--server"_s, server.url().toString(), u"--user"_s, u"alice"_s,
            u"--room"_s, u"lobby"_s, u"--data-dir"_s, m_env.dataFor(u"alice"_s) }));
    QVERIFY(cli.waitForConnected(kWaitMs));
    QCOMPARE(cli.events(u"connection"_s).last().value(u"mqtt"_s).toString(), u"3.1.1"_s);
    QCOMPARE(server.refusedV5(), 1);
    cli.writeLine(u"/quit"_s);
    QCOMPARE(cli.waitForExit(), 0);
}

QTEST_GUILESS_MAIN(TestMqtt5)
#include "tst_mqtt5.moc"
