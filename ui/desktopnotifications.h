#pragma once

#include <QtCore/QHash>
#include <QtCore/QObject>

namespace longlink::ui {

// The desktop's notification service (org.freedesktop.Notifications on the
// session bus: GNOME, KDE, XFCE, dunst, mako…), which shows a notification
// even without a tray and lets a click open the room it is about. QtDBus
// speaks to it directly; Qt has no notification API of its own.
class DesktopNotifications : public QObject
{
    Q_OBJECT

public:
    explicit DesktopNotifications(QObject *parent = nullptr);

    // Whether a notification service runs, or would be started, on the
    // session bus. Asked each time: services come and go with the session.
    bool isAvailable() const;

    // Shows summary and body; a click on it reports room in activated().
    void show(const QString &summary, const QString &body, const QString &room);

Q_SIGNALS:
    void activated(const QString &room);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);
    void onClosed(uint id, uint reason);

private:
    QHash<uint, QString> m_rooms; // shown, by the service's id
    bool m_listening = false;
};

} // namespace longlink::ui
