#pragma once

#include <QtCore/QUrl>
#include <QtWidgets/QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace longlink::ui {

// Server, user name and password, for a first start or another account.
// The password goes to the system keychain when asked to, never to settings.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    void setServer(const QUrl &server);
    // The first address typed.
    QUrl server() const;
    // Every address typed (separated by spaces or commas): one service.
    void setServers(const QList<QUrl> &servers);
    QList<QUrl> servers() const;
    void setUser(const QString &user);
    QString user() const;
    void setPassword(const QByteArray &password);
    QByteArray password() const;
    bool rememberPassword() const;
    // TLS servers (mqtts://, wss://) only.
    void setCaFile(const QString &file);
    QString caFile() const;
    void setPinSha256(const QStringList &pins);
    QStringList pinSha256() const;
    void setMessage(const QString &message);
    QString message() const;

    void accept() override;

private:
    // Why the input cannot be used, or empty.
    QString problem() const;

    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLineEdit *m_caFile;
    QLineEdit *m_pin;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace longlink::ui
