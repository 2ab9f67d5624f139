#pragma once

#include "guioptions.h"
#include "languages.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>

#include <memory>

namespace longlink {
class ChatClient;
}

namespace longlink::ui {

class CertificateDialog;
class ChatController;
class ConnectDialog;
class MainWindow;
class PasswordStore;
class Settings;
class SingleInstance;

// The program's course: options or the connect dialog, the keychain, one
// ChatClient at a time with its window, language and theme, a calm quit
// that says goodbye to the server first.
class AppController : public QObject
{
    Q_OBJECT

public:
    explicit AppController(const GuiOptions &options, QObject *parent = nullptr);
    ~AppController() override;

    // False if the program should end right away (exitCode() says how).
    bool start();
    int exitCode() const { return m_exitCode; }

    MainWindow *window() const { return m_window.get(); }
    ChatClient *client() const { return m_client.get(); }
    Settings *settings() const { return m_settings.get(); }
    // The open question about a server certificate, if any.
    CertificateDialog *certificateDialog() const;

    void quit();

private:
    void askForAccount(const QString &message = QString());
    void connectWith(const QUrl &server, const QString &user, std::optional<QByteArray> password);
    bool openClient(const ChatClient::Config &config, QString *error);
    void createWindow();
    void teardown();
    void changeLanguage(const QString &language);
    void takeScreenshots();
    void askAboutCertificate(const QVariantMap &certificate);
    // The account dialog changed only the address: the session moves there live.
    bool movesLive(const QUrl &server, const QString &user) const;

    GuiOptions m_options;
    std::unique_ptr<Settings> m_settings;
    Languages m_languages;
    std::unique_ptr<PasswordStore> m_passwords;
    std::unique_ptr<SingleInstance> m_instance;
    std::unique_ptr<ChatClient> m_client;
    std::unique_ptr<ChatController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    QPointer<ConnectDialog> m_dialog;
    QPointer<CertificateDialog> m_certificateDialog;
    int m_exitCode = 0;
    bool m_quitting = false;
};

} // namespace longlink::ui
