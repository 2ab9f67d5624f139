// The program's course against a real mosquitto: AppController with the
// windows it makes, driven from the menu as a person drives it.
#include "appcontroller.h"
#include "brokerfixture.h"
#include "certificatedialog.h"
#include "chatclient.h"
#include "connectdialog.h"
#include "guioptions.h"
#include "mainwindow.h"
#include "mosquittobroker.h"
#include "settings.h"
#include "testcertificates.h"
#include "transporthost.h"
#include "transportspanel.h"
#include "trustedcertificatesdialog.h"
#include <QtCore/QDir>

#include <QtCore/QPointer>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QPushButton>

using namespace Qt::StringLiterals;
using longlink::ChatClient;
using longlink::test::MosquittoBroker;
namespace ui = longlink::ui;

namespace {
constexpr int kWaitMs = 20'000;

// The menu entry with this text (mnemonic ampersands ignored), in any menu
// of the window's menu bar.
QAction *menuAction(QMainWindow *window, const QString &text)
{
    for (QAction *top : window->menuBar()->actions()) {
        if (!top->menu())
            continue;
        for (QAction *action : top->menu()->actions()) {
            if (QString(action->text()).remove(u'&') == text)
                return action;
        }
    }
    return nullptr;
}

ui::ConnectDialog *visibleConnectDialog()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        auto *dialog = qobject_cast<ui::ConnectDialog *>(widget);
        if (dialog && dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

QLineEdit *fieldNamed(QWidget *dialog, const QString &accessibleName)
{
    for (QLineEdit *field : dialog->findChildren<QLineEdit *>()) {
        if (field->accessibleName() == accessibleName)
            return field;
    }
    return nullptr;
}

void typeInto(QLineEdit *field, const QString &text)
{
    field->setFocus();
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
}
} // namespace

class TestAppController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void connectToAnotherAccountFromTheMenu();
    void signaturesChosenInThePanelApplyFromTheNextStart();
    void untrustedCertificateIsShownTrustedAndRemovable();
    void changingTheServerMovesTheSessionLive();
    void severalAddressesInTheDialogAreRaced();

private:
    std::unique_ptr<longlink::test::TestCertificates> m_certs;
    ui::GuiOptions optionsFor(const QString &user) const;

    longlink::test::BrokerFixture m_env;
};

void TestAppController::initTestCase()
{
    longlink::test::BrokerFixture::useTestPaths();
    m_certs = std::make_unique<longlink::test::TestCertificates>();
    QVERIFY2(m_certs->create(), qPrintable(m_certs->errorString()));
}

void TestAppController::init()
{
    QVERIFY2(m_env.start(), qPrintable(m_env.errorString()));
}

void TestAppController::cleanup()
{
    m_env.stop();
}

ui::GuiOptions TestAppController::optionsFor(const QString &user) const
{
    ui::GuiOptions options;
    options.server = m_env.broker().url();
    options.user = user;
    options.rooms = { u"lobby"_s };
    // Test programs live in tests/bin, away from the build's transports folder.
    options.transportFolders = { QStringLiteral(LONGLINK_BUILD_TRANSPORTS) };
    options.dataDir = m_env.dataFor(u"app"_s);
    options.language = u"en"_s;
    return options;
}

// The accepted dialog's own click is still on the stack when the switch
// happens: the window it belongs to (and the dialog with it) must outlive
// that click, and the new account must come up connected.
void TestAppController::connectToAnotherAccountFromTheMenu()
{
    ui::AppController app(optionsFor(u"alice"_s));
    QVERIFY(app.start());
    QTRY_VERIFY_WITH_TIMEOUT(app.client()
                    && app.client()->connectionState() == ChatClient::ConnectionState::Connected,
            kWaitMs);
    QPointer<ui::MainWindow> first = app.window();
    QVERIFY(first);
    QTRY_VERIFY_WITH_TIMEOUT(first->isVisible(), kWaitMs);

    QAction *another = menuAction(first, u"Connect to another server…"_s);
    QVERIFY(another);
    another->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(visibleConnectDialog(), kWaitMs);
    QPointer<ui::ConnectDialog> dialog = visibleConnectDialog();
    QLineEdit *server = fieldNamed(dialog, u"Server address"_s);
    QLineEdit *user = fieldNamed(dialog, u"User name"_s);
    QVERIFY(server && user);
    typeInto(server, m_env.broker().url().toString());
    typeInto(user, u"bob"_s);
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QPushButton *connectButton = buttons->button(QDialogButtonBox::Ok);
    QVERIFY(connectButton && connectButton->isEnabled());
    QTest::mouseClick(connectButton, Qt::LeftButton);

    // Still here: the click returned. Now the other account, in a new window.
    QTRY_VERIFY_WITH_TIMEOUT(app.client() && app.client()->config().user == u"bob"_s, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(
            app.client()->connectionState() == ChatClient::ConnectionState::Connected, kWaitMs);
    QVERIFY(app.window());
    QTRY_VERIFY_WITH_TIMEOUT(app.window()->isVisible(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!first, kWaitMs); // the old window went, later
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, kWaitMs);
    QVERIFY(!visibleConnectDialog());
}

void TestAppController::signaturesChosenInThePanelApplyFromTheNextStart()
{
    const QString keys = QStringLiteral(LONGLINK_TEST_KEYS);
    {
        ui::AppController app(optionsFor(u"alice"_s));
        QVERIFY(app.start());
        QTRY_VERIFY_WITH_TIMEOUT(app.client()
                        && app.client()->connectionState()
                                == ChatClient::ConnectionState::Connected,
                kWaitMs);
        QCOMPARE(app.client()->transportHost()->trustedKeysFolder(), QString());
        ui::TransportsPanel *panel = app.window()->transportsPanel();
        QVERIFY(panel->signingText().contains(u"not required"_s));
        panel->requireSignaturesFrom(keys);
        QCOMPARE(app.settings()->trustedKeysFolder(), keys);
        QVERIFY2(panel->signingText().contains(u"From the next start"_s)
                        && panel->signingText().contains(QDir::toNativeSeparators(keys)),
                qPrintable(panel->signingText()));
    }
    // The next start requires them: the build's transports are signed with
    // the test key, so it connects; the panel says what holds now.
    ui::AppController app(optionsFor(u"alice"_s));
    QVERIFY(app.start());
    QTRY_VERIFY_WITH_TIMEOUT(app.client()
                    && app.client()->connectionState() == ChatClient::ConnectionState::Connected,
            kWaitMs);
    QCOMPARE(app.client()->transportHost()->trustedKeysFolder(), keys);
    ui::TransportsPanel *panel = app.window()->transportsPanel();
    QVERIFY2(panel->signingText().startsWith(u"Only plugins signed by a key in"_s)
                    && !panel->signingText().contains(u"next start"_s),
            qPrintable(panel->signingText()));
    auto *acceptUnsigned = panel->findChild<QPushButton *>(u"acceptUnsignedButton"_s);
    QVERIFY(acceptUnsigned && acceptUnsigned->isEnabled());
    QTest::mouseClick(acceptUnsigned, Qt::LeftButton);
    QCOMPARE(app.settings()->trustedKeysFolder(), QString());
    QVERIFY(!acceptUnsigned->isEnabled());
}

template<class Widget> Widget *visibleTopLevel()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        auto *found = qobject_cast<Widget *>(widget);
        if (found && found->isVisible())
            return found;
    }
    return nullptr;
}

QPushButton *buttonNamed(QWidget *parent, const QString &accessibleName)
{
    for (QPushButton *button : parent->findChildren<QPushButton *>()) {
        if (button->accessibleName() == accessibleName)
            return button;
    }
    return nullptr;
}

void TestAppController::untrustedCertificateIsShownTrustedAndRemovable()
{
    // A server with a certificate no CA the app trusts vouches for.
    MosquittoBroker broker;
    broker.enableTls(m_certs->rogueServerCertFile(), m_certs->rogueServerKeyFile());
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    ui::GuiOptions options = optionsFor(u"alice"_s);
    options.server = broker.tlsUrl();
    ui::AppController app(options);
    QVERIFY(app.start());

    // The question, with what a person compares.
    QTRY_VERIFY_WITH_TIMEOUT(
            app.certificateDialog() && app.certificateDialog()->isVisible(), kWaitMs);
    ui::CertificateDialog *question = app.certificateDialog();
    const QString grouped = ui::CertificateDialog::groupedFingerprint(m_certs->rogueServerSha256());
    bool fingerprintShown = false;
    for (QLabel *label : question->findChildren<QLabel *>())
        fingerprintShown |= label->text() == grouped;
    QVERIFY2(fingerprintShown, qPrintable(grouped));
    QCOMPARE(app.client()->connectionState(), ChatClient::ConnectionState::Connecting);
    QPushButton *always = buttonNamed(question, u"Trust always"_s);
    QVERIFY(always);
    QTest::mouseClick(always, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
            app.client()->connectionState() == ChatClient::ConnectionState::Connected, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!app.certificateDialog(), kWaitMs);

    // The status bar says how the connection is protected.
    QLabel *server = nullptr;
    for (QLabel *label : app.window()->findChildren<QLabel *>()) {
        if (label->accessibleName() == u"Server"_s)
            server = label;
    }
    QVERIFY(server);
    QTRY_VERIFY_WITH_TIMEOUT(server->text().contains(u"TLS 1.3"_s), kWaitMs);
    QVERIFY2(server->toolTip().contains(m_certs->rogueServerSha256()),
            qPrintable(server->toolTip()));

    // Listed under Trusted certificates; removing it ends the connection
    // that relied on it, and the app asks again.
    QAction *certificates = menuAction(app.window(), u"Trusted certificates…"_s);
    QVERIFY(certificates);
    certificates->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(visibleTopLevel<ui::TrustedCertificatesDialog>(), kWaitMs);
    ui::TrustedCertificatesDialog *list = visibleTopLevel<ui::TrustedCertificatesDialog>();
    QCOMPARE(list->count(), 1);
    list->removeRow(0);
    QCOMPARE(list->count(), 0);
    QVERIFY(app.client()->trustedCertificates().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(
            app.certificateDialog() && app.certificateDialog()->isVisible(), kWaitMs);
    list->close();

    // Refused (Esc): no connection, and no retry loop behind the user's back.
    QTest::keyClick(app.certificateDialog(), Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!app.certificateDialog(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(
            app.client()->connectionState() == ChatClient::ConnectionState::Disconnected, kWaitMs);
    QTest::qWait(500);
    QVERIFY(!app.certificateDialog());
    // "Retry now" asks again.
    app.client()->reconnectNow(u"test"_s);
    QTRY_VERIFY_WITH_TIMEOUT(app.certificateDialog(), kWaitMs);
    app.quit();
}

void TestAppController::changingTheServerMovesTheSessionLive()
{
    // The same broker over WebSocket: the session moves there without a
    // new window, a new client or a lost message.
    MosquittoBroker broker;
    broker.enableWebSockets();
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    ui::GuiOptions options = optionsFor(u"alice"_s);
    options.server = broker.url();
    ui::AppController app(options);
    QVERIFY(app.start());
    QTRY_VERIFY_WITH_TIMEOUT(app.client()
                    && app.client()->connectionState() == ChatClient::ConnectionState::Connected,
            kWaitMs);
    QPointer<ui::MainWindow> window = app.window();
    ChatClient *client = app.client();
    QCOMPARE(client->transportName(), u"tcp"_s);

    menuAction(window, u"Connect to another server…"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(visibleConnectDialog(), kWaitMs);
    ui::ConnectDialog *dialog = visibleConnectDialog();
    typeInto(fieldNamed(dialog, u"Server address"_s), broker.wsUrl().toString());
    QTest::mouseClick(
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);

    // Accepted: no dialog left with a complaint.
    QTest::qWait(200);
    if (ui::ConnectDialog *left = visibleConnectDialog())
        QFAIL(qPrintable(u"the dialog stayed: "_s + left->message()));
    QTRY_COMPARE_WITH_TIMEOUT(app.client()->server(), broker.wsUrl(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(app.client()->transportName(), u"websocket"_s, kWaitMs);
    QCOMPARE(app.client(), client); // the same client, not a new start
    QCOMPARE(app.window(), window.data());
    QCOMPARE(app.client()->connectionState(), ChatClient::ConnectionState::Connected);
    QCOMPARE(app.settings()->server(), broker.wsUrl()); // remembered for the next start
    app.quit();
}

void TestAppController::severalAddressesInTheDialogAreRaced()
{
    ui::AppController app(optionsFor(u"alice"_s));
    QVERIFY(app.start());
    QTRY_VERIFY_WITH_TIMEOUT(app.client()
                    && app.client()->connectionState() == ChatClient::ConnectionState::Connected,
            kWaitMs);
    // A node that is down first, the broker second, as an admin lists them.
    const QUrl down(u"mqtt://127.0.0.1:%1"_s.arg(MosquittoBroker::freePort()));
    menuAction(app.window(), u"Connect to another server…"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(visibleConnectDialog(), kWaitMs);
    ui::ConnectDialog *dialog = visibleConnectDialog();
    typeInto(fieldNamed(dialog, u"Server address"_s),
            down.toString() + u", "_s + m_env.broker().url().toString());
    QTest::mouseClick(
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    // A fresh start races them: the dead one loses, the broker answers.
    QTRY_VERIFY_WITH_TIMEOUT(app.client() && app.client()->servers().size() == 2
                    && app.client()->connectionState() == ChatClient::ConnectionState::Connected,
            kWaitMs);
    QCOMPARE(app.client()->server(), m_env.broker().url());
    QCOMPARE(app.settings()->server(), down);
    QCOMPARE(app.settings()->alternateServers(), QList<QUrl> { m_env.broker().url() });
    // The dialog shows them all again.
    menuAction(app.window(), u"Connect to another server…"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(visibleConnectDialog(), kWaitMs);
    QCOMPARE(visibleConnectDialog()->servers(), (QList<QUrl> { down, m_env.broker().url() }));
    visibleConnectDialog()->reject();
    app.quit();
}

QTEST_MAIN(TestAppController)
#include "tst_appcontroller.moc"
