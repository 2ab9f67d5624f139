// Notifications of new messages as a desktop shows them: through the
// desktop's notification service (org.freedesktop.Notifications) on a
// session bus of the test's own, with a server that records what it is
// asked to show and clicks like a person would; and the fallback when the
// session has no such service.
#include "brokerfixture.h"
#include "chatparticipant.h"
#include "notifier.h"
#include "privatesessionbus.h"
#include "uitestsupport.h"

#include <QtDBus/QDBusConnection>
#include <QtDBus/QDBusConnectionInterface>
#include <QtDBus/QDBusMessage>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>

using namespace Qt::StringLiterals;
using longlink::test::ChatParticipant;
using longlink::test::GuiUnderTest;
namespace ui = longlink::ui;

namespace {
constexpr int kWaitMs = 20'000;
const QString kService = u"org.freedesktop.Notifications"_s;
const QString kPath = u"/org/freedesktop/Notifications"_s;
} // namespace

// What a desktop's notification daemon does, as far as Longlink uses it.
class FakeNotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Shown
    {
        uint id;
        QString appName, icon, summary, body;
        QStringList actions;
        QVariantMap hints;
    };

    explicit FakeNotificationServer(const QDBusConnection &bus) : m_bus(bus) { }

    bool start()
    {
        return m_bus.registerObject(kPath, this, QDBusConnection::ExportAllSlots)
                && m_bus.registerService(kService);
    }
    void stop()
    {
        m_bus.unregisterService(kService);
        m_bus.unregisterObject(kPath);
    }
    const QList<Shown> &shown() const { return m_shown; }

    // The person clicks the notification.
    void click(uint id)
    {
        QDBusMessage signal = QDBusMessage::createSignal(kPath, kService, u"ActionInvoked"_s);
        signal << id << u"default"_s;
        m_bus.send(signal);
    }

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &icon,
            const QString &summary, const QString &body, const QStringList &actions,
            const QVariantMap &hints, int timeout)
    {
        Q_UNUSED(replacesId);
        Q_UNUSED(timeout);
        m_shown.append({ ++m_lastId, appName, icon, summary, body, actions, hints });
        return m_lastId;
    }
    QStringList GetCapabilities() { return { u"actions"_s, u"body"_s }; }
    void CloseNotification(uint id) { Q_UNUSED(id); }

private:
    QDBusConnection m_bus;
    QList<Shown> m_shown;
    uint m_lastId = 40;
};

// alice's window and bob's client in the same rooms, both connected.
struct AliceAndBob
{
    AliceAndBob(longlink::test::BrokerFixture &env, const QStringList &rooms)
        : alice(u"alice"_s, env.broker().url(), env.dataFor(u"alice"_s), rooms),
          bob(u"bob"_s, env.broker().url(), env.dataFor(u"bob"_s))
    {
        bob.config().rooms = rooms;
    }
    bool open()
    {
        return alice.open() && bob.open()
                && QTest::qWaitFor(
                        [this] { return alice.connected() && bob.connected(); }, kWaitMs);
    }

    GuiUnderTest alice;
    ChatParticipant bob;
};

class TestNotifications : public QObject
{
    Q_OBJECT

public:
    explicit TestNotifications(const QString &busAddress) : m_busAddress(busAddress) { }

private Q_SLOTS:
    void initTestCase() { longlink::test::BrokerFixture::useTestPaths(); }
    void init();
    void cleanup();

    void messageIsShownByTheDesktopService();
    void clickOpensTheRoom();
    void withoutTheServiceTheWindowAsksForAttention();

private:
    QString m_busAddress;
    longlink::test::BrokerFixture m_env;
    std::unique_ptr<FakeNotificationServer> m_server;
};

void TestNotifications::init()
{
    QVERIFY2(m_env.start(), qPrintable(m_env.errorString()));
    const QDBusConnection serverBus
            = QDBusConnection::connectToBus(m_busAddress, u"notification-server"_s);
    QVERIFY2(serverBus.isConnected(), qPrintable(serverBus.lastError().message()));
    m_server = std::make_unique<FakeNotificationServer>(serverBus);
    QVERIFY(m_server->start());
    QTRY_VERIFY(QDBusConnection::sessionBus().interface()->isServiceRegistered(kService));
}

void TestNotifications::cleanup()
{
    if (m_server)
        m_server->stop();
    m_server.reset();
    m_env.stop();
}

void TestNotifications::messageIsShownByTheDesktopService()
{
    AliceAndBob chat(m_env, { u"lobby"_s });
    QVERIFY(chat.open());
    GuiUnderTest &alice = chat.alice;
    ChatParticipant &bob = chat.bob;
    alice.controller()->setWindowActive(false);

    bob.client->send(u"lobby"_s, u"lunch at noon?"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->shown().size(), 1, kWaitMs);
    const FakeNotificationServer::Shown &shown = m_server->shown().first();
    QCOMPARE(shown.appName, u"Longlink"_s);
    QCOMPARE(shown.summary, u"bob in #lobby"_s);
    QCOMPARE(shown.body, u"lunch at noon?"_s);
    QCOMPARE(shown.icon, u"org.longlink.Longlink"_s);
    // Clickable, and tied to the installed .desktop entry.
    QVERIFY(shown.actions.contains(u"default"_s));
    QCOMPARE(shown.hints.value(u"desktop-entry"_s).toString(), u"org.longlink.Longlink"_s);
    QCOMPARE(alice.window()->notifier()->lastVia(), ui::Notifier::Via::Desktop);
    bob.close();
}

void TestNotifications::clickOpensTheRoom()
{
    AliceAndBob chat(m_env, { u"lobby"_s, u"random"_s });
    QVERIFY(chat.open());
    GuiUnderTest &alice = chat.alice;
    ChatParticipant &bob = chat.bob;
    QCOMPARE(alice.controller()->currentRoom(), u"lobby"_s);
    alice.controller()->setWindowActive(false);
    alice.window()->hide(); // put away, as in the tray

    bob.client->send(u"random"_s, u"over here"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->shown().size(), 1, kWaitMs);
    QCOMPARE(m_server->shown().first().summary, u"bob in #random"_s);
    // The id comes back asynchronously; give it the time a person would.
    QTest::qWait(200);
    m_server->click(m_server->shown().first().id);
    QTRY_COMPARE_WITH_TIMEOUT(alice.controller()->currentRoom(), u"random"_s, kWaitMs);
    QVERIFY(alice.window()->isVisible());
    QCOMPARE(alice.messageTexts(), QStringList { u"over here"_s });
    bob.close();
}

void TestNotifications::withoutTheServiceTheWindowAsksForAttention()
{
    m_server->stop();
    QTRY_VERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(kService));
    AliceAndBob chat(m_env, { u"lobby"_s });
    QVERIFY(chat.open());
    GuiUnderTest &alice = chat.alice;
    ChatParticipant &bob = chat.bob;
    alice.controller()->setWindowActive(false);

    bob.client->send(u"lobby"_s, u"anyone?"_s);
    ui::Notifier *notifier = alice.window()->notifier();
    QTRY_COMPARE_WITH_TIMEOUT(notifier->notificationCount(), 1, kWaitMs);
    // No tray offscreen either: the taskbar entry is asked to flash.
    QCOMPARE(notifier->lastVia(), ui::Notifier::Via::Alert);
    QVERIFY(m_server->shown().isEmpty());
    bob.close();
}

// The bus must be there before anything asks Qt for the session bus.
int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    longlink::test::PrivateSessionBus bus;
    if (!bus.start()) {
        qCritical("%s", qPrintable(bus.errorString()));
        return 1;
    }
    qputenv("DBUS_SESSION_BUS_ADDRESS", bus.address().toUtf8());
    TestNotifications test(bus.address());
    return QTest::qExec(&test, argc, argv);
}

#include "tst_notifications.moc"
