#include "desktopnotifications.h"

#include <QtDBus/QDBusConnection>
#include <QtDBus/QDBusConnectionInterface>
#include <QtDBus/QDBusMessage>
#include <QtDBus/QDBusPendingCallWatcher>
#include <QtDBus/QDBusPendingReply>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
// The Desktop Notifications Specification, version 1.2.
const QString kService = u"org.freedesktop.Notifications"_s;
const QString kPath = u"/org/freedesktop/Notifications"_s;
const QString kInterface = u"org.freedesktop.Notifications"_s;
const QString kDefaultAction = u"default"_s;
constexpr int kServerDecidesTimeout = -1;
} // namespace

DesktopNotifications::DesktopNotifications(QObject *parent) : QObject(parent) { }

bool DesktopNotifications::isAvailable() const
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    QDBusConnectionInterface *daemon = bus.interface();
    if (!daemon)
        return false;
    if (daemon->isServiceRegistered(kService))
        return true;
    const QDBusReply<QStringList> activatable = daemon->activatableServiceNames();
    return activatable.isValid() && activatable.value().contains(kService);
}

void DesktopNotifications::show(const QString &summary, const QString &body, const QString &room)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!m_listening) {
        // The service's signals reach every client; ids tell ours apart.
        m_listening = bus.connect(kService, kPath, kInterface, u"ActionInvoked"_s, this,
                SLOT(onActionInvoked(uint, QString)));
        bus.connect(kService, kPath, kInterface, u"NotificationClosed"_s, this,
                SLOT(onClosed(uint, uint)));
    }
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, u"Notify"_s);
    const QVariantMap hints {
        { u"desktop-entry"_s, u"org.longlink.Longlink"_s },
        { u"category"_s, u"im.received"_s },
    };
    call << u"Longlink"_s << uint(0) << u"org.longlink.Longlink"_s << summary << body
         << QStringList { kDefaultAction, tr("Open") } << hints << kServerDecidesTimeout;
    // Asynchronous: a slow or hung service must not stall the window.
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, room](QDBusPendingCallWatcher *finished) {
                const QDBusPendingReply<uint> reply = *finished;
                if (!reply.isError())
                    m_rooms.insert(reply.value(), room);
                finished->deleteLater();
            });
}

void DesktopNotifications::onActionInvoked(uint id, const QString &action)
{
    const auto shown = m_rooms.constFind(id);
    if (shown == m_rooms.constEnd() || action != kDefaultAction)
        return;
    Q_EMIT activated(*shown);
}

void DesktopNotifications::onClosed(uint id, uint reason)
{
    Q_UNUSED(reason);
    m_rooms.remove(id);
}

} // namespace longlink::ui
