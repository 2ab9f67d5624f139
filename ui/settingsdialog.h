#pragma once

#include <QtWidgets/QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QTabWidget;

namespace longlink::ui {

class Settings;

// Everything a person may set, in one place: the account, notifications,
// appearance, language, transports and certificates. A change takes
// effect at once (as the View menu's do); what only a new connection can
// use (trusted keys, the CA file) says so.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(Settings *settings, const QString &account, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }

Q_SIGNALS:
    void accountChangeRequested();
    void forgetPasswordRequested();
    void languageChosen(const QString &language);
    void transportsRequested();
    void certificatesRequested();

private:
    QWidget *accountPage(const QString &account);
    QWidget *notificationsPage();
    QWidget *appearancePage();
    QWidget *connectionPage();
    // A line for a path with a Browse… button; `folder`: a folder, not a file.
    QWidget *pathField(QLineEdit *field, bool folder, const QString &title);

    Settings *m_settings;
    QTabWidget *m_tabs;
    QComboBox *m_language = nullptr;
};

} // namespace longlink::ui
