// Several addresses for one service (--server given more than once): the
// client races them, prefers earlier ones, keeps the first that answers,
// remembers it for the next start and moves on when the one in use fails.
#include "brokerfixture.h"
#include "chatparticipant.h"
#include "mosquittobroker.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace Qt::StringLiterals;
using longlink::ChatClient;
using longlink::test::ChatParticipant;
using longlink::test::MosquittoBroker;

namespace {
constexpr int kWaitMs = 30'000;

QUrl closedAddress()
{
    return QUrl(u"mqtt://127.0.0.1:%1"_s.arg(MosquittoBroker::freePort()));
}
} // namespace

class TestServerAddresses : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { longlink::test::BrokerFixture::useTestPaths(); }
    void init();
    void cleanup();

    void theFirstAddressWinsWhenBothAnswer();
    void aDeadAddressIsPassedOverAndTheWinnerRemembered();
    void whenTheAddressInUseFailsTheNextOneTakesOver();

private:
    std::unique_ptr<QTemporaryDir> m_data;
};

void TestServerAddresses::init()
{
    m_data = std::make_unique<QTemporaryDir>();
    QVERIFY(m_data->isValid());
}

void TestServerAddresses::cleanup()
{
    m_data.reset();
}

void TestServerAddresses::theFirstAddressWinsWhenBothAnswer()
{
    // One broker, two doors: WebSocket listed first, plain TCP second.
    MosquittoBroker broker;
    broker.enableWebSockets();
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    ChatParticipant alice(u"alice"_s, broker.wsUrl(), m_data->filePath(u"alice"_s));
    alice.config().alternateServers = { broker.url() };
    QVERIFY(alice.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    // The preferred address answered within its step (the preference
    // window itself is covered by tst_racinglink with scripted timings).
    QCOMPARE(alice.client->server(), broker.wsUrl());
    QCOMPARE(alice.client->transportName(), u"websocket"_s);
    QCOMPARE(alice.client->connectionInfo().value(u"protocol"_s).toString(), u"websocket"_s);
    // One MQTT connection: the losing TCP connection never sent CONNECT.
    QTest::qWait(300);
    QCOMPARE(broker.connectionCount(), 1);
    alice.close();
}

void TestServerAddresses::aDeadAddressIsPassedOverAndTheWinnerRemembered()
{
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    const QUrl dead = closedAddress();
    const QString dataDir = m_data->filePath(u"bob"_s);
    {
        ChatParticipant bob(u"bob"_s, dead, dataDir);
        bob.config().alternateServers = { broker.url() };
        QVERIFY(bob.open());
        QTRY_VERIFY_WITH_TIMEOUT(bob.connected(), kWaitMs);
        QCOMPARE(bob.client->server(), broker.url());
        bob.close();
    }
    {
        // The next start tries the one that answered first.
        ChatParticipant bob(u"bob"_s, dead, dataDir);
        bob.config().alternateServers = { broker.url() };
        QVERIFY(bob.open());
        QCOMPARE(bob.client->servers(), (QList<QUrl> { broker.url(), dead }));
        QTRY_VERIFY_WITH_TIMEOUT(bob.connected(), kWaitMs);
        bob.close();
    }
}

void TestServerAddresses::whenTheAddressInUseFailsTheNextOneTakesOver()
{
    // Two independent brokers stand for two nodes; carol listens on both.
    MosquittoBroker first, second;
    QVERIFY2(first.start(), qPrintable(first.errorString()));
    QVERIFY2(second.start(), qPrintable(second.errorString()));
    ChatParticipant dave(u"dave"_s, first.url(), m_data->filePath(u"dave"_s), 2);
    dave.config().alternateServers = { second.url() };
    ChatParticipant carol(u"carol"_s, second.url(), m_data->filePath(u"carol"_s));
    QVERIFY(dave.open());
    QVERIFY(carol.open());
    QTRY_VERIFY_WITH_TIMEOUT(dave.connected() && carol.connected(), kWaitMs);
    QCOMPARE(dave.client->server(), first.url());

    first.kill(); // the node dave is on dies
    // What dave writes meanwhile waits in the outbox.
    const QString id = dave.client->send(u"lobby"_s, u"written while moving"_s);
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(dave.client->server() == second.url() && dave.connected(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(
            carol.receivedTextsFrom(u"dave"_s).contains(u"written while moving"_s), kWaitMs);
    QCOMPARE(carol.receivedTextsFrom(u"dave"_s).count(u"written while moving"_s), 1);
    // The failed address goes last for the next race.
    QCOMPARE(dave.client->servers(), (QList<QUrl> { second.url(), first.url() }));
    dave.close();
    carol.close();
}

QTEST_GUILESS_MAIN(TestServerAddresses)
#include "tst_serveraddresses.moc"
