#include "notifier.h"

#include "chatcontroller.h"
#include "desktopnotifications.h"
#include "icons.h"

#include <QtGui/QKeySequence>
#include <QtWidgets/QApplication>
#include <QtWidgets/QMenu>
#include <QtWidgets/QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
constexpr int kShownMs = 6000;
constexpr int kPreviewChars = 160;
} // namespace

Notifier::Notifier(ChatController *controller, QWidget *window, QObject *parent)
    : QObject(parent), m_controller(controller), m_window(window),
      m_desktop(new DesktopNotifications(this))
{
    connect(m_desktop, &DesktopNotifications::activated, this, [this](const QString &room) {
        Q_EMIT showWindowRequested();
        if (!room.isEmpty()) // "still running" is about no room
            Q_EMIT roomRequested(room);
    });
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(icons::tray(false), this);
        m_menu = new QMenu(window);
        m_menu->addAction(tr("Show Longlink"), this, &Notifier::showWindowRequested);
        m_menu->addSeparator();
        m_menu->addAction(tr("Quit"), this, &Notifier::quitRequested);
        m_tray->setContextMenu(m_menu);
        m_tray->setToolTip(tr("Longlink"));
        connect(m_tray, &QSystemTrayIcon::activated, this,
                [this](QSystemTrayIcon::ActivationReason reason) {
                    if (reason == QSystemTrayIcon::Trigger
                            || reason == QSystemTrayIcon::DoubleClick)
                        Q_EMIT showWindowRequested();
                });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            Q_EMIT showWindowRequested();
            if (!m_lastRoom.isEmpty())
                Q_EMIT roomRequested(m_lastRoom);
        });
        m_tray->show();
    }
    connect(controller->rooms(), &RoomListModel::totalUnreadChanged, this, &Notifier::updateTray);
    connect(controller, &ChatController::notificationWanted, this, &Notifier::notify);
    updateTray(controller->rooms()->totalUnread());
}

Notifier::~Notifier()
{
    delete m_menu;
}

void Notifier::updateTray(int unread)
{
    const QString title = unread > 0 ? tr("(%1) Longlink").arg(unread) : tr("Longlink");
    m_window->setWindowTitle(title);
    if (!m_tray)
        return;
    m_tray->setIcon(icons::tray(unread > 0));
    m_tray->setToolTip(unread > 0 ? tr("Longlink: %n unread message(s)", nullptr, unread)
                                  : tr("Longlink: nothing unread"));
}

void Notifier::tellStillRunning()
{
    if (m_toldStillRunning || !m_tray)
        return;
    m_toldStillRunning = true;
    const QString title = tr("Longlink is still running");
    const QString text
            = tr("New messages still arrive. Open it from here; quit from this "
                 "icon's menu or with %1.")
                      .arg(QKeySequence(QKeySequence::Quit).toString(QKeySequence::NativeText));
    if (m_desktop->isAvailable())
        m_desktop->show(title, text, QString());
    else if (QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, text, icons::app(), kShownMs);
}

void Notifier::notify(const QString &room, const QString &from, const QString &text)
{
    ++m_notifications;
    m_lastRoom = room;
    QString preview = text.simplified();
    if (preview.size() > kPreviewChars)
        preview = preview.left(kPreviewChars - 1) + u'…';
    const QString title = tr("%1 in #%2").arg(from, room);
    m_last = title + u": "_s + preview;
    // The desktop's own service first: it works without a tray and keeps a
    // history; then the tray's balloon; else the taskbar entry asks for
    // attention.
    if (m_desktop->isAvailable()) {
        m_desktop->show(title, preview, room);
        m_via = Via::Desktop;
    } else if (m_tray && QSystemTrayIcon::supportsMessages()) {
        m_tray->showMessage(title, preview, icons::app(), kShownMs);
        m_via = Via::Tray;
    } else {
        QApplication::alert(m_window);
        m_via = Via::Alert;
    }
}

} // namespace longlink::ui
