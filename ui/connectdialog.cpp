#include "connectdialog.h"

#include "accountoptions.h"
#include "chattopics.h"
#include "icons.h"

#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longlink::ui {

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent), m_server(new QLineEdit(this)), m_user(new QLineEdit(this)),
      m_password(new QLineEdit(this)),
      m_remember(new QCheckBox(tr("&Remember the password in the system keychain"), this)),
      m_caFile(new QLineEdit(this)), m_pin(new QLineEdit(this)), m_message(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to a server — Longlink"));
    setWindowIcon(icons::app());
    setAccessibleName(tr("Connect to a server"));
    auto *intro = new QLabel(
            tr("Longlink talks to any MQTT broker. Enter its address and the name you chat as."),
            this);
    intro->setWordWrap(true);
    m_server->setPlaceholderText(u"mqtt://chat.example.org:1883"_s);
    m_server->setToolTip(tr("mqtt://host:1883 (plain), mqtts://host:8883 (TLS), "
                            "ws://host/mqtt or wss://host/mqtt (WebSocket). Several addresses of "
                            "one service, separated by spaces, are tried together, the first "
                            "preferred."));
    m_server->setAccessibleName(tr("Server address"));
    m_user->setPlaceholderText(tr("e.g. alice"));
    m_user->setAccessibleName(tr("User name"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("optional"));
    m_password->setAccessibleName(tr("Password"));
    m_remember->setChecked(true);
    m_remember->setAccessibleName(tr("Remember the password in the system keychain"));
    m_caFile->setPlaceholderText(tr("the system's CAs"));
    m_caFile->setAccessibleName(tr("CA file"));
    m_caFile->setToolTip(tr("TLS: trust the CA certificates in this PEM file instead of the "
                            "system's"));
    m_pin->setPlaceholderText(tr("optional, 64 hex digits"));
    m_pin->setAccessibleName(tr("Certificate fingerprint"));
    m_pin->setToolTip(tr("TLS: accept only a server certificate with this SHA-256 fingerprint "
                         "(several: separate them with spaces)"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setAccessibleName(tr("Choose a CA file"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("CA certificates (PEM)"),
                m_caFile->text(), tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Problem"));
    m_message->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_remember);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    form->addRow(tr("C&A file:"), caRow);
    form->addRow(tr("Certificate &SHA-256:"), m_pin);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);
    setMinimumWidth(440);
}

void ConnectDialog::setServer(const QUrl &server)
{
    m_server->setText(server.toDisplayString(QUrl::RemoveUserInfo));
}

QUrl ConnectDialog::server() const
{
    return servers().value(0);
}

void ConnectDialog::setServers(const QList<QUrl> &servers)
{
    QStringList texts;
    for (const QUrl &url : servers)
        texts.append(url.toDisplayString(QUrl::RemoveUserInfo));
    m_server->setText(texts.join(u' '));
}

QList<QUrl> ConnectDialog::servers() const
{
    QList<QUrl> servers;
    static const QRegularExpression separators(u"[\\s,]+"_s);
    for (QString text : m_server->text().split(separators, Qt::SkipEmptyParts)) {
        if (!text.contains(u"://"_s))
            text = u"mqtt://"_s + text; // "host:1883" is what people type
        servers.append(QUrl(text, QUrl::StrictMode));
    }
    return servers;
}

void ConnectDialog::setUser(const QString &user)
{
    m_user->setText(user);
    if (!user.isEmpty())
        m_password->setFocus();
}

QString ConnectDialog::user() const
{
    return m_user->text().trimmed();
}

void ConnectDialog::setPassword(const QByteArray &password)
{
    m_password->setText(QString::fromUtf8(password));
}

QByteArray ConnectDialog::password() const
{
    return m_password->text().toUtf8();
}

bool ConnectDialog::rememberPassword() const
{
    return m_remember->isChecked();
}

void ConnectDialog::setCaFile(const QString &file)
{
    m_caFile->setText(file);
}

QString ConnectDialog::caFile() const
{
    return m_caFile->text().trimmed();
}

void ConnectDialog::setPinSha256(const QStringList &pins)
{
    m_pin->setText(pins.join(u' '));
}

QStringList ConnectDialog::pinSha256() const
{
    QStringList pins;
    for (const QString &given : m_pin->text().split(u' ', Qt::SkipEmptyParts))
        pins.append(AccountOptions::normalizedSha256(given));
    return pins;
}

void ConnectDialog::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

QString ConnectDialog::message() const
{
    return m_message->isVisibleTo(this) ? m_message->text() : QString();
}

QString ConnectDialog::problem() const
{
    if (m_server->text().trimmed().isEmpty())
        return tr("Enter the server's address.");
    bool tls = false;
    for (const QUrl &url : servers()) {
        if (!url.isValid() || url.host().isEmpty())
            return tr("\"%1\" is not a server address like mqtt://host:1883.")
                    .arg(url.toDisplayString());
        tls |= ChatClient::isSecureScheme(url.scheme());
    }
    for (const QString &pin : pinSha256()) {
        if (pin.isEmpty())
            return tr("A certificate fingerprint is 64 hex digits (colons allowed).");
    }
    if (!tls && (!caFile().isEmpty() || !pinSha256().isEmpty()))
        return tr("A CA file or fingerprint is for TLS servers (mqtts://, wss://).");
    if (!caFile().isEmpty() && !QFileInfo(caFile()).isReadable())
        return tr("Cannot read the CA file %1.").arg(caFile());
    if (user().isEmpty())
        return tr("Enter a user name.");
    if (!ChatTopics::isValidName(user()))
        return tr("A user name cannot contain spaces, '/', '+' or '#'.");
    return QString();
}

void ConnectDialog::accept()
{
    const QString why = problem();
    if (!why.isEmpty()) {
        setMessage(why);
        return;
    }
    QDialog::accept();
}

} // namespace longlink::ui
