#include "settingsdialog.h"

#include "languages.h"
#include "settings.h"

#include <QtCore/QTimer>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QVBoxLayout>

namespace longlink::ui {

namespace {
QCheckBox *checkBox(const QString &text, bool checked, QWidget *parent)
{
    auto *box = new QCheckBox(text, parent);
    box->setChecked(checked);
    return box;
}

QLabel *note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}
} // namespace

SettingsDialog::SettingsDialog(Settings *settings, const QString &account, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("Settings"));
    m_tabs->addTab(accountPage(account), tr("&Account"));
    m_tabs->addTab(notificationsPage(), tr("&Notifications"));
    m_tabs->addTab(appearancePage(), tr("A&ppearance"));
    m_tabs->addTab(connectionPage(), tr("&Transports and certificates"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);
}

QWidget *SettingsDialog::accountPage(const QString &account)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *who = new QLabel(tr("Signed in as %1").arg(account.toHtmlEscaped()), page);
    who->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(who);
    auto *change = new QPushButton(tr("&Log out and connect to another server…"), page);
    connect(change, &QPushButton::clicked, this, [this] {
        accept();
        Q_EMIT accountChangeRequested();
    });
    auto *forget = new QPushButton(tr("&Forget the saved password"), page);
    connect(forget, &QPushButton::clicked, this, [this, forget] {
        Q_EMIT forgetPasswordRequested();
        forget->setEnabled(false);
        forget->setText(tr("The password is forgotten: it is asked for next time"));
    });
    layout->addWidget(change);
    layout->addWidget(forget);
    layout->addWidget(note(tr("The password is kept in the system's keychain, never in the "
                              "settings file."),
            page));
    layout->addStretch();
    return page;
}

QWidget *SettingsDialog::notificationsPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    QCheckBox *desktop = checkBox(tr("Show a &desktop notification for a new message while the "
                                     "window is not active"),
            m_settings->notificationsEnabled(), page);
    connect(desktop, &QCheckBox::toggled, m_settings, &Settings::setNotificationsEnabled);
    QCheckBox *mentions = checkBox(tr("A message that @&mentions me notifies even from a muted "
                                      "room"),
            m_settings->mentionsInMutedRooms(), page);
    connect(mentions, &QCheckBox::toggled, m_settings, &Settings::setMentionsInMutedRooms);
    QCheckBox *tray = checkBox(tr("&Keep running in the tray when the window is closed"),
            m_settings->keepRunningInTray(), page);
    connect(tray, &QCheckBox::toggled, m_settings, &Settings::setKeepRunningInTray);
    for (QWidget *row : { static_cast<QWidget *>(desktop), static_cast<QWidget *>(mentions),
                 static_cast<QWidget *>(tray) })
        layout->addWidget(row);
    layout->addWidget(note(tr("Each room can be muted from the Room menu."), page));
    layout->addStretch();
    return page;
}

QWidget *SettingsDialog::appearancePage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    auto *theme = new QComboBox(page);
    theme->addItem(tr("Follow the system"), int(Settings::Theme::System));
    theme->addItem(tr("Light"), int(Settings::Theme::Light));
    theme->addItem(tr("Dark"), int(Settings::Theme::Dark));
    theme->setCurrentIndex(theme->findData(int(m_settings->theme())));
    connect(theme, &QComboBox::currentIndexChanged, this,
            [this, theme] { m_settings->setTheme(Settings::Theme(theme->currentData().toInt())); });
    form->addRow(tr("&Theme:"), theme);

    m_language = new QComboBox(page);
    m_language->addItem(tr("Follow the system"), QString());
    for (const QString &code : Languages::available())
        m_language->addItem(Languages::nativeName(code), code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(m_settings->language())));
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        // The window is built again in the new language, this dialog with
        // it: after this event, not from inside it.
        const QString code = m_language->currentData().toString();
        QTimer::singleShot(0, this, [this, code] { Q_EMIT languageChosen(code); });
    });
    form->addRow(tr("&Language:"), m_language);

    QCheckBox *byActivity = checkBox(
            tr("Rooms by recent &activity (else by name)"), m_settings->roomsByActivity(), page);
    connect(byActivity, &QCheckBox::toggled, m_settings, &Settings::setRoomsByActivity);
    form->addRow(byActivity);
    QCheckBox *members
            = checkBox(tr("Show who is in the &room"), m_settings->membersVisible(), page);
    connect(members, &QCheckBox::toggled, m_settings, &Settings::setMembersVisible);
    form->addRow(members);
    return page;
}

QWidget *SettingsDialog::connectionPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    auto *transports = new QPushButton(tr("Open the &transports panel…"), page);
    connect(transports, &QPushButton::clicked, this, &SettingsDialog::transportsRequested);
    form->addRow(transports);
    form->addRow(note(tr("There you can choose a plugin by hand (pin it) or go back to the "
                         "newest."),
            page));
    auto *keys = new QLineEdit(m_settings->trustedKeysFolder(), page);
    keys->setPlaceholderText(tr("any plugin that passes its check"));
    connect(keys, &QLineEdit::editingFinished, this,
            [this, keys] { m_settings->setTrustedKeysFolder(keys->text().trimmed()); });
    form->addRow(tr("Only plugins signed by a &key in:"),
            pathField(keys, true, tr("Folder of trusted keys")));
    auto *ca = new QLineEdit(m_settings->caFile(), page);
    ca->setPlaceholderText(tr("the system's certificate authorities"));
    connect(ca, &QLineEdit::editingFinished, this,
            [this, ca] { m_settings->setCaFile(ca->text().trimmed()); });
    form->addRow(tr("Trust the &CAs in:"), pathField(ca, false, tr("CA certificates (PEM)")));
    form->addRow(note(tr("Keys and CAs are read when Longlink connects next."), page));
    auto *certificates = new QPushButton(tr("Trusted &certificates…"), page);
    connect(certificates, &QPushButton::clicked, this, &SettingsDialog::certificatesRequested);
    form->addRow(certificates);
    return page;
}

QWidget *SettingsDialog::pathField(QLineEdit *field, bool folder, const QString &title)
{
    auto *row = new QWidget(field->parentWidget());
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    field->setParent(row);
    field->setAccessibleName(title);
    field->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("Browse…"), row);
    browse->setAccessibleName(tr("Browse for %1").arg(title));
    connect(browse, &QPushButton::clicked, this, [this, field, folder, title] {
        const QString chosen = folder
                ? QFileDialog::getExistingDirectory(this, title, field->text())
                : QFileDialog::getOpenFileName(
                        this, title, field->text(), tr("PEM files (*.pem *.crt);;All files (*)"));
        if (chosen.isEmpty())
            return;
        field->setText(chosen);
        Q_EMIT field->editingFinished();
    });
    layout->addWidget(field, 1);
    layout->addWidget(browse);
    return row;
}

} // namespace longlink::ui
