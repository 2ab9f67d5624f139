// Closing the window with a tray, on a desktop as Qt sees one: an X server
// (Xvfb) and a session bus of the test's own with a StatusNotifierWatcher,
// the service KDE, GNOME's AppIndicator extension and most trays offer.
// Qt's xcb platform then shows its tray icon there, as on such a desktop.
// The watcher runs in a second process (this program with --watcher): Qt
// asks it with blocking calls, which this process could not answer itself.
#include "brokerfixture.h"
#include "chatparticipant.h"
#include "notifier.h"
#include "privatesessionbus.h"
#include "settings.h"
#include "uitestsupport.h"

#include <QtCore/QProcess>
#include <QtDBus/QDBusConnection>
#include <QtDBus/QDBusConnectionInterface>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QSystemTrayIcon>

using namespace Qt::StringLiterals;
using longlink::test::ChatParticipant;
using longlink::test::GuiUnderTest;
namespace ui = longlink::ui;

namespace {
constexpr int kWaitMs = 20'000;
const QString kWatcherService = u"org.kde.StatusNotifierWatcher"_s;
} // namespace

// The tray's side of the StatusNotifierItem protocol, as far as Qt asks.
class FakeStatusNotifierWatcher : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.StatusNotifierWatcher")
    Q_PROPERTY(bool IsStatusNotifierHostRegistered READ isHostRegistered)
    Q_PROPERTY(int ProtocolVersion READ protocolVersion)
    Q_PROPERTY(QStringList RegisteredStatusNotifierItems READ items)

public:
    bool isHostRegistered() const { return true; }
    int protocolVersion() const { return 0; }
    QStringList items() const { return m_items; }

public Q_SLOTS:
    void RegisterStatusNotifierItem(const QString &service) { m_items.append(service); }
    void RegisterStatusNotifierHost(const QString &service) { Q_UNUSED(service); }

private:
    QStringList m_items;
};

class TestTray : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { longlink::test::BrokerFixture::useTestPaths(); }
    void init() { QVERIFY2(m_env.start(), qPrintable(m_env.errorString())); }
    void cleanup() { m_env.stop(); }

    void closingKeepsRunningInTheTray();
    void closingQuitsWhenAskedTo();

private:
    longlink::test::BrokerFixture m_env;
};

void TestTray::closingKeepsRunningInTheTray()
{
    QVERIFY(QSystemTrayIcon::isSystemTrayAvailable());
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s), { u"lobby"_s });
    QVERIFY(alice.open());
    QVERIFY(alice.window()->notifier()->hasTray());
    ChatParticipant bob(u"bob"_s, m_env.broker().url(), m_env.dataFor(u"bob"_s));
    bob.config().rooms = { u"lobby"_s };
    QVERIFY(bob.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected() && bob.connected(), kWaitMs);
    QSignalSpy quit(alice.window(), &ui::MainWindow::quitRequested);

    QVERIFY(alice.window()->close() == false); // the close is turned into a hide
    QTRY_VERIFY(!alice.window()->isVisible());
    QCOMPARE(quit.size(), 0);
    QVERIFY(alice.connected());

    // Still receiving, and saying so.
    bob.client->send(u"lobby"_s, u"still there?"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice.messageTexts(), QStringList { u"still there?"_s }, kWaitMs);
    ui::Notifier *notifier = alice.window()->notifier();
    QTRY_COMPARE_WITH_TIMEOUT(notifier->notificationCount(), 1, kWaitMs);
    QCOMPARE(notifier->lastVia(), ui::Notifier::Via::Tray);

    // The tray's "Show Longlink" brings it back.
    Q_EMIT notifier->showWindowRequested();
    QTRY_VERIFY(alice.window()->isVisible());
    bob.close();
}

void TestTray::closingQuitsWhenAskedTo()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s), { u"lobby"_s });
    QVERIFY(alice.open());
    QVERIFY(alice.window()->notifier()->hasTray());
    alice.controller()->settings()->setKeepRunningInTray(false);
    QSignalSpy quit(alice.window(), &ui::MainWindow::quitRequested);
    alice.window()->close();
    QCOMPARE(quit.size(), 1);
}

namespace {
int serveWatcher(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QDBusConnection bus = QDBusConnection::sessionBus();
    FakeStatusNotifierWatcher watcher;
    if (!bus.registerObject(u"/StatusNotifierWatcher"_s, &watcher,
                QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllProperties)
            || !bus.registerService(kWatcherService)) {
        qCritical("cannot serve %s: %s", qPrintable(kWatcherService),
                qPrintable(bus.lastError().message()));
        return 1;
    }
    return app.exec();
}

// An X server of the test's own; its display number comes back on a pipe.
bool startXvfb(QProcess &xvfb, QString *display)
{
    xvfb.start(u"Xvfb"_s,
            { u"-displayfd"_s, u"1"_s, u"-screen"_s, u"0"_s, u"1280x800x24"_s, u"-nolisten"_s,
                    u"tcp"_s });
    if (!xvfb.waitForStarted(10'000))
        return false;
    while (!xvfb.canReadLine()) {
        if (!xvfb.waitForReadyRead(10'000))
            return false;
    }
    *display = u":"_s + QString::fromUtf8(xvfb.readLine()).trimmed();
    return true;
}
} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--watcher") == 0)
        return serveWatcher(argc, argv);

    // Before QApplication: the platform and the bus are chosen once.
    longlink::test::PrivateSessionBus bus;
    QProcess xvfb;
    QProcess watcher;
    const auto stopAll = qScopeGuard([&] {
        watcher.kill();
        watcher.waitForFinished();
        xvfb.terminate();
        xvfb.waitForFinished();
    });
    QString display;
    if (!startXvfb(xvfb, &display)) {
        qCritical("Xvfb did not start (%s); ./dev installs it", qPrintable(xvfb.errorString()));
        return 1;
    }
    if (!bus.start()) {
        qCritical("%s", qPrintable(bus.errorString()));
        return 1;
    }
    qputenv("DISPLAY", display.toUtf8());
    qputenv("QT_QPA_PLATFORM", "xcb");
    qputenv("DBUS_SESSION_BUS_ADDRESS", bus.address().toUtf8());
    qunsetenv("XDG_CURRENT_DESKTOP"); // Qt's generic theme, which uses the watcher
    watcher.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    watcher.start(QString::fromLocal8Bit(argv[0]), { u"--watcher"_s });
    if (!watcher.waitForStarted(10'000)) {
        qCritical("the watcher did not start");
        return 1;
    }

    QApplication app(argc, argv);
    QDBusConnectionInterface *daemon = QDBusConnection::sessionBus().interface();
    QDeadlineTimer registered(10'000);
    while (!daemon->isServiceRegistered(kWatcherService) && !registered.hasExpired())
        QTest::qWait(20);
    if (!daemon->isServiceRegistered(kWatcherService)) {
        qCritical("the watcher did not register");
        return 1;
    }
    TestTray test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_tray.moc"
