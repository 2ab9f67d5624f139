// The transport against a local TCP peer, loaded as the host loads it: from
// the built plugin file, through QPluginLoader. Start your own tests here;
// then run `longlink-transport-check` (the `check` target) for the rest of
// the contract.
#include <longlink/transport.h>

#include <QtCore/QPluginLoader>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QtTest>

#include <memory>

using longlink::sdk::TransportError;

namespace {

// The host's side: records what the transport reports.
class Events final : public longlink::sdk::TransportEvents
{
public:
    void transportOpened() override { ++opened; }
    void transportData(const QByteArray &bytes) override { received += bytes; }
    void transportClosed(TransportError error, const QString &) override
    {
        ++closed;
        closeError = error;
    }
    void transportBytesWritten(qint64) override { }
    void transportCertificateUntrusted(const QVariantMap &) override { }

    int opened = 0;
    int closed = 0;
    TransportError closeError = TransportError::None;
    QByteArray received;
};

} // namespace

class TestMyTransport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void bytesGoBothWays();
    void closeEndsWithOneTransportClosed();
    void serverClosingIsRemoteClosed();
    void nobodyListeningIsConnectionRefused();

private:
    std::unique_ptr<longlink::sdk::Transport> openToPeer(QTcpSocket **peer);

    QPluginLoader m_loader { QStringLiteral(MYTRANSPORT_FILE) };
    longlink::sdk::TransportFactory *m_factory = nullptr;
    QTcpServer m_server;
    Events m_events;
};

void TestMyTransport::init()
{
    QVERIFY2(m_loader.load(), qPrintable(m_loader.errorString()));
    m_factory = qobject_cast<longlink::sdk::TransportFactory *>(m_loader.instance());
    QVERIFY(m_factory);
    QVERIFY(m_server.listen(QHostAddress::LocalHost));
    m_events = Events();
}

void TestMyTransport::cleanup()
{
    m_server.close();
}

std::unique_ptr<longlink::sdk::Transport> TestMyTransport::openToPeer(QTcpSocket **peer)
{
    std::unique_ptr<longlink::sdk::Transport> transport(m_factory->createTransport(&m_events));
    QUrl url(QStringLiteral("mqtt://127.0.0.1"));
    url.setPort(m_server.serverPort());
    transport->open(url, { { QStringLiteral("connectTimeoutMs"), 5000 } });
    if (!m_server.waitForNewConnection(5000))
        return nullptr;
    *peer = m_server.nextPendingConnection();
    return transport;
}

void TestMyTransport::bytesGoBothWays()
{
    QTcpSocket *peer = nullptr;
    auto transport = openToPeer(&peer);
    QVERIFY(transport && peer);
    QTRY_COMPARE(m_events.opened, 1);
    QVERIFY(transport->write("ping"));
    QTRY_COMPARE(peer->bytesAvailable(), 4);
    QCOMPARE(peer->readAll(), QByteArray("ping"));
    peer->write("pong");
    QTRY_COMPARE(m_events.received, QByteArray("pong"));
    QCOMPARE(m_events.closed, 0);
}

void TestMyTransport::closeEndsWithOneTransportClosed()
{
    QTcpSocket *peer = nullptr;
    auto transport = openToPeer(&peer);
    QVERIFY(transport && peer);
    QTRY_COMPARE(m_events.opened, 1);
    transport->close();
    QCOMPARE(m_events.closed, 0); // never from inside the host's call
    QTRY_COMPARE(m_events.closed, 1);
    QCOMPARE(m_events.closeError, TransportError::None);
    QTest::qWait(100);
    QCOMPARE(m_events.closed, 1); // and only once
}

void TestMyTransport::serverClosingIsRemoteClosed()
{
    QTcpSocket *peer = nullptr;
    auto transport = openToPeer(&peer);
    QVERIFY(transport && peer);
    QTRY_COMPARE(m_events.opened, 1);
    peer->close();
    QTRY_COMPARE(m_events.closed, 1);
    QCOMPARE(m_events.closeError, TransportError::RemoteClosed);
    QVERIFY(!transport->write("late")); // a closed stream takes nothing
}

void TestMyTransport::nobodyListeningIsConnectionRefused()
{
    const quint16 port = m_server.serverPort();
    m_server.close(); // the port is free now: the connection is refused
    std::unique_ptr<longlink::sdk::Transport> transport(m_factory->createTransport(&m_events));
    QUrl url(QStringLiteral("mqtt://127.0.0.1"));
    url.setPort(port);
    transport->open(url, {});
    QTRY_COMPARE(m_events.closed, 1);
    QCOMPARE(m_events.closeError, TransportError::ConnectionRefused);
    QCOMPARE(m_events.opened, 0);
}

QTEST_GUILESS_MAIN(TestMyTransport)
#include "tst_mytransport.moc"
