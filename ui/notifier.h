#pragma once

#include <QtCore/QObject>

class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace longlink::ui {

class ChatController;
class DesktopNotifications;

// The tray icon (with a badge while something unread waits in a room that
// is not muted) and notifications of new messages while the window is not
// active: through the desktop's notification service where there is one,
// else the tray's balloon, else the window asks for attention.
class Notifier : public QObject
{
    Q_OBJECT

public:
    Notifier(ChatController *controller, QWidget *window, QObject *parent = nullptr);
    ~Notifier() override;

    bool hasTray() const { return m_tray != nullptr; }
    // How the last notification was shown.
    enum class Via { None, Desktop, Tray, Alert };
    Via lastVia() const { return m_via; }
    int notificationCount() const { return m_notifications; }
    // Once per run, when the window is closed into the tray: says that
    // Longlink still runs there and how to quit.
    void tellStillRunning();
    QString lastNotification() const { return m_last; }

Q_SIGNALS:
    void showWindowRequested();
    void quitRequested();
    void roomRequested(const QString &room);

private:
    void updateTray(int unread);
    void notify(const QString &room, const QString &from, const QString &text);

    ChatController *m_controller;
    QWidget *m_window;
    DesktopNotifications *m_desktop;
    QSystemTrayIcon *m_tray = nullptr;
    Via m_via = Via::None;
    bool m_toldStillRunning = false;
    QMenu *m_menu = nullptr;
    QString m_lastRoom;
    QString m_last;
    int m_notifications = 0;
};

} // namespace longlink::ui
