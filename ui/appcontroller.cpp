#include "appcontroller.h"

#include <QtWidgets/QStatusBar>

#include "appearance.h"
#include "certificatedialog.h"
#include "chatclient.h"
#include "chatcontroller.h"
#include "connectdialog.h"
#include "mainwindow.h"
#include "passwordstore.h"
#include "settings.h"
#include "singleinstance.h"
#include "transportspanel.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QStandardPaths>
#include <QtCore/QTimer>
#include <QtWidgets/QApplication>
#include <QtWidgets/QMessageBox>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
const QUrl kDefaultServer(u"mqtt://127.0.0.1:1883"_s);
constexpr int kGoodbyeMs = 3000;
constexpr int kScreenshotWaitMs = 10'000;
constexpr int kScreenshotSettleMs = 1500;
} // namespace

AppController::AppController(const GuiOptions &options, QObject *parent)
    : QObject(parent), m_options(options), m_passwords(std::make_unique<PasswordStore>())
{
    // Scripted runs with their own data folder keep their GUI settings there too.
    if (!options.dataDir.isEmpty()) {
        QDir().mkpath(options.dataDir);
        m_settings
                = std::make_unique<Settings>(QDir(options.dataDir).filePath(u"longlink-gui.ini"_s));
    } else {
        m_settings = std::make_unique<Settings>();
    }
    Appearance::captureSystem();
    Appearance::apply(options.theme.value_or(m_settings->theme()));
    m_languages.install(options.language.value_or(m_settings->language()));
    connect(m_settings.get(), &Settings::themeChanged, this, &Appearance::apply);
}

AppController::~AppController()
{
    teardown();
}

bool AppController::start()
{
    QApplication::setQuitOnLastWindowClosed(false);
    if (m_options.connectsDirectly()) {
        connectWith(m_options.server.value_or(
                            m_settings->server().isValid() ? m_settings->server() : kDefaultServer),
                m_options.user, m_options.password);
        return m_exitCode == 0;
    }
    if (m_settings->hasAccount()) {
        // A remembered account: straight in, with the password from the keychain.
        const QUrl server = m_settings->server();
        const QString user = m_settings->user();
        m_passwords->read(PasswordStore::keyFor(server, user),
                [this, server, user](std::optional<QByteArray> password, const QString &error) {
                    if (!error.isEmpty())
                        qWarning().noquote() << "keychain:" << error;
                    connectWith(server, user, password);
                });
        return true;
    }
    askForAccount();
    return true;
}

void AppController::askForAccount(const QString &message)
{
    if (m_dialog) {
        m_dialog->raise();
        return;
    }
    m_dialog = new ConnectDialog(m_window.get());
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setServers(
            QList<QUrl> { m_settings->server().isValid() ? m_settings->server() : kDefaultServer }
            + m_settings->alternateServers());
    m_dialog->setUser(m_settings->user());
    if (m_client) {
        // What is connected now, whatever the settings remember.
        m_dialog->setServers(m_client->servers());
        m_dialog->setUser(m_client->config().user);
    }
    m_dialog->setCaFile(m_settings->caFile());
    m_dialog->setPinSha256(m_settings->pinSha256());
    m_dialog->setMessage(message);
    if (m_settings->hasAccount()) {
        m_passwords->read(PasswordStore::keyFor(m_settings->server(), m_settings->user()),
                [dialog = m_dialog](std::optional<QByteArray> password, const QString &) {
                    if (dialog && password)
                        dialog->setPassword(*password);
                });
    }
    connect(m_dialog, &QDialog::accepted, this, [this, dialog = m_dialog] {
        QList<QUrl> alternates = dialog->servers();
        const QUrl server = alternates.takeFirst();
        const QString user = dialog->user();
        const QByteArray password = dialog->password();
        // One new address for the same account moves the session live;
        // several are raced by a fresh start.
        const bool live = alternates.isEmpty() && movesLive(server, user)
                && dialog->caFile() == m_settings->caFile()
                && dialog->pinSha256() == m_settings->pinSha256()
                && dialog->password() == m_client->config().password.value_or(QByteArray());
        m_settings->setServer(server);
        m_settings->setAlternateServers(alternates);
        m_settings->setUser(user);
        m_settings->setCaFile(dialog->caFile());
        m_settings->setPinSha256(dialog->pinSha256());
        m_settings->sync();
        const QString key = PasswordStore::keyFor(server, user);
        if (dialog->rememberPassword() && !password.isEmpty()) {
            m_passwords->write(key, password, [](bool ok, const QString &error) {
                if (!ok)
                    qWarning().noquote() << "the password was not saved in the keychain:" << error;
            });
        } else {
            m_passwords->remove(key);
        }
        // This runs inside the dialog's accept(), itself inside the click on
        // its button; the dialog is a child of the window that teardown()
        // deletes. Deleting them now pulls both out from under the code still
        // on the stack (a crash). The switch waits until that has returned.
        m_dialog = nullptr; // done with; a new dialog may be needed meanwhile
        if (live) {
            // Same account, another address: the session moves, make-before-break.
            if (!m_client->setServer(server))
                askForAccount(m_client->errorString());
            return;
        }
        QMetaObject::invokeMethod(
                this,
                [this, server, user, password] {
                    teardown();
                    connectWith(server, user,
                            password.isEmpty() ? std::nullopt
                                               : std::optional<QByteArray>(password));
                },
                Qt::QueuedConnection);
    });
    connect(m_dialog, &QDialog::rejected, this, [this] {
        if (!m_client)
            QCoreApplication::exit(0); // nothing to show without an account
    });
    m_dialog->show();
}

bool AppController::openClient(const ChatClient::Config &config, QString *error)
{
    QString dataDir = config.dataDir;
    if (dataDir.isEmpty())
        dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    m_instance = std::make_unique<SingleInstance>(dataDir);
    m_client = std::make_unique<ChatClient>();
    if (!m_client->open(config)) {
        *error = m_client->errorString();
        m_client.reset();
        return false;
    }
    m_instance->listen();
    connect(m_instance.get(), &SingleInstance::raiseRequested, this, [this] {
        if (m_window)
            m_window->bringToFront();
    });
    // Rooms joined in earlier runs, from the store; a first run starts in the lobby.
    for (const QString &room : m_client->history()->rooms())
        m_client->join(room);
    if (m_client->rooms().isEmpty())
        m_client->join(u"lobby"_s);
    return true;
}

void AppController::connectWith(
        const QUrl &server, const QString &user, std::optional<QByteArray> password)
{
    // The connection options from the command line (timeouts, QoS, limits),
    // with what the dialog or the settings chose.
    ChatClient::Config config = m_options.connection;
    config.server = server;
    // The other addresses of the service: from the command line when it
    // named this server, else as the settings remember them.
    if (!m_options.server || *m_options.server != server)
        config.alternateServers = m_settings->alternateServers();
    config.user = user;
    config.password = password;
    config.rooms = m_options.rooms;
    config.transportFolders = m_options.transportFolders;
    config.dataDir = m_options.dataDir;
    // --ca-file and --pin-sha256 win over the settings.
    if (config.caFile.isEmpty() && config.pinSha256.isEmpty()
            && ChatClient::isSecureScheme(server.scheme())) {
        config.caFile = m_settings->caFile();
        config.pinSha256 = m_settings->pinSha256();
    }
    m_settings->setTrustedKeysOption(config.trustedKeys);
    if (config.trustedKeys.isEmpty()) // --trusted-keys wins over the setting
        config.trustedKeys = m_settings->trustedKeysFolder();

    // A second start on the same folder shows the first one's window.
    {
        QString dataDir = config.dataDir.isEmpty()
                ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                : config.dataDir;
        SingleInstance probe(dataDir);
        if (probe.askRunningToRaise()) {
            m_quitting = true;
            QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(0); });
            return;
        }
    }
    QString error;
    if (!openClient(config, &error)) {
        if (m_options.connectsDirectly()) {
            std::fputs(qPrintable(u"longlink: "_s + error + u'\n'), stderr);
            if (m_options.screenshotPrefix.isEmpty()) // nobody to click it away
                QMessageBox::critical(nullptr, tr("Longlink cannot start"), error);
            m_exitCode = GuiOptions::Failure;
            QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(GuiOptions::Failure); });
            return;
        }
        askForAccount(error);
        return;
    }
    connect(m_client.get(), &ChatClient::refused, this, [this](const QString &reason) {
        if (!m_options.connectsDirectly())
            askForAccount(tr("The server refused the connection: %1").arg(reason));
    });
    connect(m_client.get(), &ChatClient::certificateUntrusted, this,
            &AppController::askAboutCertificate);
    connect(m_client.get(), &ChatClient::serverMoveFailed, this,
            [this](const QUrl &server, const QString &reason) {
                if (m_window)
                    m_window->statusBar()->showMessage(
                            tr("Could not move to %1: %2")
                                    .arg(server.toDisplayString(QUrl::RemoveUserInfo), reason),
                            15'000);
                // Where the session stayed.
                m_settings->setServer(m_client->server());
                m_settings->setAlternateServers({});
            });
    m_controller = std::make_unique<ChatController>(m_client.get(), m_settings.get());
    if (!m_options.rooms.isEmpty())
        m_controller->setCurrentRoom(m_options.rooms.first());
    createWindow();
    m_client->start();
    if (!m_options.screenshotPrefix.isEmpty())
        takeScreenshots();
}

void AppController::createWindow()
{
    auto window = std::make_unique<MainWindow>(m_controller.get());
    connect(window.get(), &MainWindow::quitRequested, this, &AppController::quit);
    connect(window.get(), &MainWindow::accountChangeRequested, this, [this] { askForAccount(); });
    connect(window.get(), &MainWindow::forgetPasswordRequested, this, [this] {
        m_passwords->remove(PasswordStore::keyFor(m_settings->server(), m_settings->user()));
    });
    connect(window.get(), &MainWindow::languageChosen, this, &AppController::changeLanguage);
    if (m_window) {
        window->setGeometry(m_window->geometry());
        m_window->saveState();
        m_window->hide();
        // The old window may be in the middle of the menu that chose this.
        m_window.release()->deleteLater();
    }
    m_window = std::move(window);
    if (!m_options.screenshotPrefix.isEmpty())
        m_window->resize(1100, 680);
    m_window->show();
    // What opening changed for privacy (a data folder made private).
    if (m_client && !m_client->notes().isEmpty())
        m_window->statusBar()->showMessage(m_client->notes().join(u"; "_s), 30'000);
}

void AppController::changeLanguage(const QString &language)
{
    m_settings->setLanguage(language);
    m_options.language.reset();
    m_languages.install(language);
    // Every text is set when a window is built: building it again is the
    // simplest complete retranslation. The chat and its models stay.
    if (m_controller)
        createWindow();
}

void AppController::teardown()
{
    if (m_window) {
        m_window->saveState();
        m_window.reset();
    }
    m_controller.reset();
    if (m_client) {
        m_client->shutdown();
        m_client.reset();
    }
    m_instance.reset();
}

void AppController::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    if (m_window) {
        m_window->saveState();
        m_window->hide();
    }
    if (!m_client) {
        QCoreApplication::exit(m_exitCode);
        return;
    }
    // Say "offline" and wait for what is being written, but not for ever:
    // the outbox keeps whatever did not make it for the next start.
    connect(
            m_client.get(), &ChatClient::finished, qApp,
            [this] { QCoreApplication::exit(m_exitCode); }, Qt::QueuedConnection);
    QTimer::singleShot(kGoodbyeMs, qApp, [this] { QCoreApplication::exit(m_exitCode); });
    m_client->shutdown();
}

CertificateDialog *AppController::certificateDialog() const
{
    return m_certificateDialog;
}

bool AppController::movesLive(const QUrl &server, const QString &user) const
{
    return m_client && m_client->config().user == user && m_client->server() != server;
}

void AppController::askAboutCertificate(const QVariantMap &certificate)
{
    if (m_certificateDialog) {
        // One question at a time; a newer connection's replaces it.
        m_certificateDialog->disconnect(this);
        m_certificateDialog->close();
    }
    m_certificateDialog = new CertificateDialog(certificate, m_window.get());
    m_certificateDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_certificateDialog, &CertificateDialog::decided, this,
            [this](ByteLink::CertificateDecision decision, const QVariantMap &answered) {
                if (m_client)
                    m_client->decideCertificate(decision, answered);
            });
    m_certificateDialog->show();
    m_certificateDialog->raise();
    if (!m_options.screenshotPrefix.isEmpty()) {
        // Nobody to answer: keep a picture of the question, then refuse.
        QTimer::singleShot(600, m_certificateDialog, [dialog = m_certificateDialog, this] {
            dialog->grab().save(m_options.screenshotPrefix + u"-certificate.png"_s);
            dialog->reject();
        });
    }
}

void AppController::takeScreenshots()
{
    auto *waited = new QElapsedTimer;
    waited->start();
    auto *poll = new QTimer(this);
    poll->setInterval(100);
    connect(poll, &QTimer::timeout, this, [this, poll, waited] {
        if (m_client->connectionState() != ChatClient::ConnectionState::Connected
                && waited->elapsed() < kScreenshotWaitMs)
            return;
        poll->stop();
        poll->deleteLater();
        delete waited;
        m_window->activateWindow(); // as if looked at: the current room is read
        QTimer::singleShot(kScreenshotSettleMs, this, [this] {
            const QString prefix = m_options.screenshotPrefix;
            m_window->grab().save(prefix + u"-main.png"_s);
            TransportsPanel *panel = m_window->transportsPanel();
            panel->resize(1000, 560);
            panel->show();
            QTimer::singleShot(600, this, [this, panel, prefix] {
                panel->grab().save(prefix + u"-transports.png"_s);
                quit();
            });
        });
    });
    poll->start();
}

} // namespace longlink::ui
