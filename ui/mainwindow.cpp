#include "mainwindow.h"

#include "appearance.h"
#include "chatcontroller.h"
#include "composer.h"
#include "composercontextbar.h"
#include "icons.h"
#include "joinroomdialog.h"
#include "languages.h"
#include "messagedelegate.h"
#include "messagemodel.h"
#include "messagesearch.h"
#include "messageview.h"
#include "notifier.h"
#include "roomdelegate.h"
#include "searchbar.h"
#include "settingsdialog.h"
#include "statusbarwidget.h"
#include "transportspanel.h"
#include "trustedcertificatesdialog.h"

#include <QtCore/QTimer>
#include <QtGui/QActionGroup>
#include <QtGui/QCloseEvent>
#include <QtWidgets/QApplication>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QListView>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
// Below these widths a side pane gives its room to the conversation.
constexpr int kMembersFromWidth = 760;
constexpr int kRoomsFromWidth = 560;
// The conversation alone, with the composer and the status bar.
constexpr int kNarrowestWidth = 360;
constexpr int kLowestHeight = 360;
} // namespace

MainWindow::MainWindow(ChatController *controller, QWidget *parent)
    : QMainWindow(parent), m_controller(controller), m_search(new MessageSearch(this))
{
    setWindowIcon(icons::app());
    setWindowTitle(tr("Longlink"));
    setAccessibleName(tr("Longlink"));
    createLayout();
    createMenus();
    // The layout would hold the window as wide as all three panes need;
    // updatePanes() hides the side panes before they would be squeezed, so
    // the window may go as narrow as the conversation alone needs.
    layout()->setSizeConstraint(QLayout::SetNoConstraint);
    setMinimumSize(kNarrowestWidth, kLowestHeight);
    m_notifier = new Notifier(controller, this, this);
    m_keepInTrayAction->setVisible(m_notifier->hasTray());
    connect(m_notifier, &Notifier::showWindowRequested, this, &MainWindow::bringToFront);
    connect(m_notifier, &Notifier::quitRequested, this, &MainWindow::quitRequested);
    connect(m_notifier, &Notifier::roomRequested, this, &MainWindow::switchToRoom);

    connect(controller, &ChatController::currentRoomChanged, this,
            &MainWindow::onCurrentRoomChanged);
    connect(controller, &ChatController::sendFailed, this,
            [this](const QString &reason) { statusBar()->showMessage(reason, 10'000); });
    connect(controller->members(), &MemberListModel::onlineCountChanged, this,
            &MainWindow::updateHeader);
    connect(controller->client(), &ChatClient::connectionChanged, this,
            &MainWindow::updateOfflineHint);
    connect(m_search, &MessageSearch::hitsChanged, this, [this](int count) {
        if (m_searchHit < 0 && count > 0)
            goToHit(0);
        updateSearchCount();
    });
    connect(m_search, &MessageSearch::finished, this, &MainWindow::updateSearchCount);

    Settings *settings = controller->settings();
    if (!restoreGeometry(settings->windowGeometry()))
        resize(1100, 720);
    restoreState(settings->windowState());
    updatePanes();

    // Rooms from the command line come first; else the room last looked at.
    QString room = controller->currentRoom();
    const QStringList rooms = controller->rooms()->rooms();
    if (room.isEmpty() || !rooms.contains(room))
        room = rooms.contains(settings->lastRoom()) ? settings->lastRoom() : rooms.value(0);
    switchToRoom(room);
    if (controller->currentRoom() == room)
        onCurrentRoomChanged(room); // same room as before: show it anyway
    updateOfflineHint();
}

MainWindow::~MainWindow() = default;

void MainWindow::createLayout()
{
    // Left: the rooms.
    m_roomsPane = new QWidget(this);
    auto *roomsPane = m_roomsPane;
    auto *roomsLayout = new QVBoxLayout(roomsPane);
    roomsLayout->setContentsMargins(0, 0, 0, 6);
    roomsLayout->setSpacing(4);
    auto *roomsTitle = new QLabel(tr("Rooms"), roomsPane);
    roomsTitle->setContentsMargins(12, 8, 8, 2);
    QFont titleFont = roomsTitle->font();
    titleFont.setWeight(QFont::DemiBold);
    roomsTitle->setFont(titleFont);
    m_rooms = new QListView(roomsPane);
    m_rooms->setModel(m_controller->rooms());
    m_rooms->setItemDelegate(new RoomDelegate(m_rooms));
    m_rooms->setAccessibleName(tr("Rooms"));
    m_rooms->setFrameShape(QFrame::NoFrame);
    m_rooms->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rooms->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_join = new QPushButton(tr("+ Join a room"), roomsPane);
    m_join->setAccessibleName(tr("Join a room"));
    m_join->setToolTip(tr("Join a room (Ctrl+J)"));
    roomsLayout->addWidget(roomsTitle);
    roomsLayout->addWidget(m_rooms, 1);
    roomsLayout->addWidget(m_join);
    roomsLayout->setAlignment(m_join, Qt::AlignHCenter);
    connect(m_join, &QPushButton::clicked, this, &MainWindow::showJoinRoom);
    connect(m_rooms->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    switchToRoom(current.data(RoomListModel::NameRole).toString());
            });

    // Middle: header, search, messages, composer.
    auto *chatPane = new QWidget(this);
    auto *chatLayout = new QVBoxLayout(chatPane);
    chatLayout->setContentsMargins(0, 0, 0, 0);
    chatLayout->setSpacing(0);
    auto *header = new QWidget(chatPane);
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(14, 8, 14, 8);
    m_roomTitle = new QLabel(header);
    QFont roomFont = m_roomTitle->font();
    roomFont.setWeight(QFont::DemiBold);
    roomFont.setPointSizeF(roomFont.pointSizeF() * 1.2);
    m_roomTitle->setFont(roomFont);
    m_roomTitle->setAccessibleName(tr("Current room"));
    m_roomInfo = new QLabel(header);
    m_roomInfo->setAccessibleName(tr("Room members"));
    m_roomInfo->setForegroundRole(QPalette::PlaceholderText);
    headerLayout->addWidget(m_roomTitle);
    headerLayout->addStretch();
    headerLayout->addWidget(m_roomInfo);
    m_searchBar = new SearchBar(chatPane);
    m_searchBar->hide();
    m_messages = new MessageView(chatPane);
    m_messages->setMessageModel(m_controller->messages());
    m_offlineHint = new QLabel(chatPane);
    m_offlineHint->setWordWrap(true);
    m_offlineHint->setContentsMargins(14, 4, 14, 4);
    m_offlineHint->setAccessibleName(tr("Offline"));
    m_offlineHint->setText(tr("You are offline. What you send waits in the outbox and goes out "
                              "when the connection is back."));
    m_offlineHint->setForegroundRole(QPalette::PlaceholderText);
    m_typingLine = new QLabel(chatPane);
    m_typingLine->setContentsMargins(14, 0, 14, 0);
    m_typingLine->setForegroundRole(QPalette::PlaceholderText);
    m_typingLine->setAccessibleName(tr("Who is typing"));
    {
        QFont small = m_typingLine->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        small.setItalic(true);
        m_typingLine->setFont(small);
        // Its room is kept while nobody types: the composer does not jump.
        m_typingLine->setFixedHeight(QFontMetrics(small).height() + 2);
    }
    m_composer = new Composer(chatPane);
    m_contextBar = new ComposerContextBar(chatPane);
    auto *composerRow = new QWidget(chatPane);
    auto *composerLayout = new QHBoxLayout(composerRow);
    composerLayout->setContentsMargins(10, 6, 10, 8);
    composerLayout->addWidget(m_composer);
    chatLayout->addWidget(header);
    chatLayout->addWidget(m_searchBar);
    chatLayout->addWidget(m_messages, 1);
    chatLayout->addWidget(m_typingLine);
    chatLayout->addWidget(m_offlineHint);
    chatLayout->addWidget(m_contextBar);
    chatLayout->addWidget(composerRow);
    connect(m_composer, &Composer::submitted, this, &MainWindow::onSubmitted);
    connect(m_messages, &MessageView::retryRequested, m_controller, &ChatController::retry);
    connect(m_messages, &MessageView::replyRequested, this, &MainWindow::startReply);
    connect(m_messages, &MessageView::editRequested, this, &MainWindow::startEdit);
    connect(m_messages, &MessageView::deleteRequested, this,
            [this](const QString &id) { deleteMessage(id); });
    connect(m_messages, &MessageView::quoteActivated, this, &MainWindow::jumpToMessage);
    connect(m_composer, &Composer::cancelRequested, this, [this] {
        if (m_contextBar->mode() == ComposerContextBar::Mode::Edit)
            m_composer->clear(); // the edited text was the message's, not a draft
        m_contextBar->clear();
    });
    connect(m_contextBar, &ComposerContextBar::cancelled, this, [this] {
        if (m_composer->isEnabled())
            m_composer->setFocus();
    });
    // "@" in the composer offers the room's members.
    const auto offerMembers = [this] {
        QStringList names = m_controller->members()->members();
        names.removeAll(m_controller->client()->config().user);
        m_composer->setMentionNames(names);
    };
    connect(m_controller->members(), &QAbstractItemModel::modelReset, this, offerMembers);
    connect(m_controller->members(), &QAbstractItemModel::layoutChanged, this, offerMembers);
    connect(m_controller->members(), &QAbstractItemModel::dataChanged, this, offerMembers);
    connect(m_controller->members(), &QAbstractItemModel::rowsInserted, this, offerMembers);
    connect(m_controller->members(), &QAbstractItemModel::rowsRemoved, this, offerMembers);
    offerMembers();
    connect(m_composer, &Composer::typed, this, [this](bool empty) {
        if (empty || m_contextBar->mode() == ComposerContextBar::Mode::Edit)
            m_controller->stopTyping();
        else
            m_controller->noteTyping();
    });
    connect(m_controller, &ChatController::typingChanged, this, &MainWindow::updateTypingLine);
    connect(m_composer, &Composer::editLastRequested, this, [this] {
        const QString last = m_controller->lastEditableMessage();
        if (!last.isEmpty())
            startEdit(last);
    });
    connect(m_searchBar, &SearchBar::textChanged, this, &MainWindow::startSearch);
    connect(m_searchBar, &SearchBar::olderRequested, this, [this] { goToHit(m_searchHit + 1); });
    connect(m_searchBar, &SearchBar::newerRequested, this, [this] { goToHit(m_searchHit - 1); });
    connect(m_searchBar, &SearchBar::scopeChanged, this,
            [this] { startSearch(m_searchBar->text()); });
    connect(m_searchBar, &SearchBar::closed, this, [this] {
        m_search->cancel();
        m_messages->messageDelegate()->setHighlight(QString());
        m_messages->viewport()->update();
        m_messages->clearSelection();
        m_composer->setFocus();
    });

    // Right: who is here.
    m_membersPane = new QWidget(this);
    auto *membersLayout = new QVBoxLayout(m_membersPane);
    membersLayout->setContentsMargins(0, 0, 0, 0);
    auto *membersTitle = new QLabel(tr("In this room"), m_membersPane);
    membersTitle->setContentsMargins(10, 8, 8, 2);
    membersTitle->setFont(titleFont);
    m_members = new QListView(m_membersPane);
    m_members->setModel(m_controller->members());
    m_members->setAccessibleName(tr("People in this room"));
    m_members->setFrameShape(QFrame::NoFrame);
    m_members->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_members->setSelectionMode(QAbstractItemView::NoSelection);
    membersLayout->addWidget(membersTitle);
    membersLayout->addWidget(m_members, 1);

    m_splitter = new QSplitter(this);
    m_splitter->addWidget(roomsPane);
    m_splitter->addWidget(chatPane);
    m_splitter->addWidget(m_membersPane);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setSizes({ 200, 700, 180 });
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_status = new StatusBarWidget(m_controller->client(), this);
    statusBar()->addPermanentWidget(m_status, 1);
    statusBar()->setSizeGripEnabled(true);
    connect(m_status, &StatusBarWidget::transportsRequested, this, &MainWindow::showTransports);
}

void MainWindow::showSettings()
{
    if (!m_settingsDialog) {
        const ChatClient *client = m_controller->client();
        m_settingsDialog = new SettingsDialog(m_controller->settings(),
                client->config().user + u" · "_s
                        + client->server().toDisplayString(QUrl::RemoveUserInfo),
                this);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_settingsDialog, &SettingsDialog::accountChangeRequested, this,
                &MainWindow::accountChangeRequested);
        connect(m_settingsDialog, &SettingsDialog::forgetPasswordRequested, this,
                &MainWindow::forgetPasswordRequested);
        connect(m_settingsDialog, &SettingsDialog::languageChosen, this,
                &MainWindow::languageChosen);
        connect(m_settingsDialog, &SettingsDialog::transportsRequested, this,
                &MainWindow::showTransports);
        connect(m_settingsDialog, &SettingsDialog::certificatesRequested, this,
                &MainWindow::showTrustedCertificates);
    }
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
}

SettingsDialog *MainWindow::settingsDialog() const
{
    return m_settingsDialog.data();
}

void MainWindow::showTrustedCertificates()
{
    auto *dialog = new TrustedCertificatesDialog(m_controller->client(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::createMenus()
{
    QMenu *app = menuBar()->addMenu(tr("&Longlink"));
    app->addAction(tr("&Connect to another server…"), this, &MainWindow::accountChangeRequested);
    app->addAction(tr("Trusted &certificates…"), this, &MainWindow::showTrustedCertificates);
    QAction *preferences = app->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);
    QAction *keep = app->addAction(tr("&Keep running in the tray when closed"));
    keep->setCheckable(true);
    keep->setChecked(m_controller->settings()->keepRunningInTray());
    keep->setVisible(false); // until the notifier knows whether there is a tray
    connect(keep, &QAction::toggled, m_controller->settings(), &Settings::setKeepRunningInTray);
    connect(m_controller->settings(), &Settings::keepRunningInTrayChanged, keep,
            &QAction::setChecked);
    m_keepInTrayAction = keep;
    app->addSeparator();
    QAction *quit = app->addAction(tr("&Quit"), this, &MainWindow::quitRequested);
    quit->setShortcut(QKeySequence::Quit);
    quit->setShortcutContext(Qt::ApplicationShortcut);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *room = menuBar()->addMenu(tr("&Room"));
    QAction *join = room->addAction(tr("&Join a room…"), this, &MainWindow::showJoinRoom);
    join->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    m_leaveAction = room->addAction(tr("&Leave this room"), this, &MainWindow::leaveCurrentRoom);
    m_leaveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_muteAction = room->addAction(tr("&Mute this room"));
    m_muteAction->setCheckable(true);
    m_muteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    connect(m_muteAction, &QAction::toggled, this, [this](bool muted) {
        if (!m_controller->currentRoom().isEmpty())
            m_controller->setMuted(m_controller->currentRoom(), muted);
    });
    room->addSeparator();
    QAction *find = room->addAction(tr("&Search in this room"), this, [this] {
        m_searchBar->activate();
        if (!m_searchBar->text().isEmpty())
            startSearch(m_searchBar->text());
    });
    find->setShortcut(QKeySequence::Find);
    QAction *firstUnread = room->addAction(
            tr("Go to the first &unread message"), this, [this] { goToFirstUnread(); });
    firstUnread->setShortcut(QKeySequence(Qt::ALT | Qt::Key_U));
    QAction *next = room->addAction(tr("&Next room"), this, [this] { stepRoom(1); });
    next->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_PageDown),
            QKeySequence(Qt::ALT | Qt::Key_Down), QKeySequence(Qt::CTRL | Qt::Key_Tab) });
    QAction *previous = room->addAction(tr("&Previous room"), this, [this] { stepRoom(-1); });
    previous->setShortcuts(
            { QKeySequence(Qt::CTRL | Qt::Key_PageUp), QKeySequence(Qt::ALT | Qt::Key_Up),
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab) });
    // Alt+1..9 jump to a room by its place in the list, as in most chat apps.
    for (int n = 1; n <= 9; ++n) {
        auto *jump = new QAction(this);
        jump->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + n)));
        connect(jump, &QAction::triggered, this,
                [this, n] { switchToRoom(m_controller->rooms()->roomAt(n - 1)); });
        addAction(jump);
    }
    m_rooms->addAction(m_muteAction);
    m_rooms->addAction(m_leaveAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *transports = view->addAction(tr("&Transports"), this, &MainWindow::showTransports);
    transports->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    QAction *members = view->addAction(tr("&Who is here"));
    members->setCheckable(true);
    members->setChecked(m_controller->settings()->membersVisible());
    members->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    connect(members, &QAction::toggled, this, [this](bool visible) {
        m_controller->settings()->setMembersVisible(visible);
        updatePanes();
    });
    connect(m_controller->settings(), &Settings::membersVisibleChanged, this,
            [this, members](bool visible) {
                members->setChecked(visible);
                updatePanes();
            });
    QAction *notifications = view->addAction(tr("Desktop &notifications"));
    notifications->setCheckable(true);
    notifications->setChecked(m_controller->settings()->notificationsEnabled());
    connect(notifications, &QAction::toggled, m_controller->settings(),
            &Settings::setNotificationsEnabled);
    connect(m_controller->settings(), &Settings::notificationsEnabledChanged, notifications,
            &QAction::setChecked);
    QAction *byActivity = view->addAction(tr("Rooms by recent &activity"));
    byActivity->setCheckable(true);
    byActivity->setChecked(m_controller->settings()->roomsByActivity());
    connect(byActivity, &QAction::toggled, m_controller->settings(), &Settings::setRoomsByActivity);
    connect(m_controller->settings(), &Settings::roomsByActivityChanged, this,
            [this, byActivity](bool on) {
                byActivity->setChecked(on);
                m_controller->rooms()->setSortByActivity(on);
            });
    QAction *mentions = view->addAction(tr("@&Mentions notify in muted rooms"));
    mentions->setCheckable(true);
    mentions->setChecked(m_controller->settings()->mentionsInMutedRooms());
    connect(mentions, &QAction::toggled, m_controller->settings(),
            &Settings::setMentionsInMutedRooms);
    connect(m_controller->settings(), &Settings::mentionsInMutedRoomsChanged, mentions,
            &QAction::setChecked);
    view->addSeparator();

    QMenu *theme = view->addMenu(tr("&Appearance"));
    auto *themes = new QActionGroup(theme);
    const std::pair<Settings::Theme, QString> themeNames[] = {
        { Settings::Theme::System, tr("Follow the &system") },
        { Settings::Theme::Light, tr("&Light") },
        { Settings::Theme::Dark, tr("&Dark") },
    };
    for (const auto &[value, name] : themeNames) {
        QAction *action = theme->addAction(name);
        action->setCheckable(true);
        action->setChecked(m_controller->settings()->theme() == value);
        themes->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, value = value] { m_controller->settings()->setTheme(value); });
    }

    QMenu *language = view->addMenu(tr("&Language"));
    auto *languages = new QActionGroup(language);
    QStringList codes = Languages::available();
    codes.prepend(QString());
    for (const QString &code : std::as_const(codes)) {
        QAction *action = language->addAction(
                code.isEmpty() ? tr("Follow the &system") : Languages::nativeName(code));
        action->setCheckable(true);
        action->setChecked(m_controller->settings()->language() == code);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] { Q_EMIT languageChosen(code); });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Longlink"), this, [this] {
        QMessageBox::about(this, tr("About Longlink"),
                tr("<h3>Longlink %1</h3><p>A desktop chat client on one long-lived MQTT "
                   "connection, whose transport can be replaced while it runs.</p>")
                        .arg(QStringLiteral(LONGLINK_VERSION)));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

TransportsPanel *MainWindow::transportsPanel()
{
    if (!m_transports)
        m_transports = new TransportsPanel(m_controller, this);
    return m_transports;
}

void MainWindow::showTransports()
{
    TransportsPanel *panel = transportsPanel();
    panel->show();
    panel->raise();
    panel->activateWindow();
}

void MainWindow::switchToRoom(const QString &room)
{
    if (room.isEmpty() && !m_controller->rooms()->rooms().isEmpty())
        return;
    if (!m_shownRoom.isEmpty() && m_shownRoom != room)
        m_controller->settings()->setDraft(m_shownRoom, draftText());
    m_controller->setCurrentRoom(room);
}

void MainWindow::onCurrentRoomChanged(const QString &room)
{
    if (m_shownRoom != room) {
        m_shownRoom = room;
        m_contextBar->clear(); // a reply or edit belongs to the room it was started in
        m_composer->setText(m_controller->settings()->draft(room));
    }
    const int row = m_controller->rooms()->rowOf(room);
    const QModelIndex index = m_controller->rooms()->index(row);
    if (row >= 0 && m_rooms->currentIndex() != index)
        m_rooms->setCurrentIndex(index);
    const QSignalBlocker blocker(m_muteAction);
    m_muteAction->setChecked(m_controller->settings()->isMuted(room));
    m_muteAction->setEnabled(!room.isEmpty());
    m_leaveAction->setEnabled(!room.isEmpty());
    m_composer->setEnabled(!room.isEmpty());
    if (m_searchBar->isVisible() && !m_searchBar->text().isEmpty() && !m_searchBar->allRooms())
        startSearch(m_searchBar->text());
    updateHeader();
    m_composer->setFocus();
    // Opened where the reading stopped: the first unread message at the top
    // (once the window has its size, when it is opening too). Unless that
    // is very far back: then it opens at the newest, and Alt+U goes there.
    m_jumpToUnreadPending = m_controller->unreadMarkerRowId() > 0
            && m_controller->unreadAtOpen() <= kAutoJumpUnread;
    if (m_jumpToUnreadPending && isVisible())
        QTimer::singleShot(0, this, &MainWindow::jumpToUnreadIfPending);
    // (else when the window is shown: see showEvent())
}

void MainWindow::jumpToUnreadIfPending()
{
    if (std::exchange(m_jumpToUnreadPending, false))
        goToFirstUnread();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // Laid out by now: the rows get the heights they will keep.
    if (m_jumpToUnreadPending)
        QTimer::singleShot(0, this, &MainWindow::jumpToUnreadIfPending);
}

bool MainWindow::goToFirstUnread()
{
    const qint64 unread = m_controller->unreadMarkerRowId();
    if (unread <= 0)
        return false;
    const int row = m_controller->messages()->loadUntil(unread);
    if (row < 0)
        return false;
    m_messages->scrollToRowAtTop(row);
    return true;
}

void MainWindow::updateHeader()
{
    const QString room = m_controller->currentRoom();
    if (room.isEmpty()) {
        m_roomTitle->setText(tr("No room yet"));
        m_roomInfo->setText(tr("Join a room with Ctrl+J"));
        return;
    }
    m_roomTitle->setText(u"# "_s + room);
    const MemberListModel *members = m_controller->members();
    m_roomInfo->setText(
            tr("%1 of %n online", nullptr, members->rowCount()).arg(members->onlineCount()));
}

void MainWindow::updateTypingLine()
{
    const QStringList typing = m_controller->typingInCurrentRoom();
    QString line;
    if (typing.size() == 1)
        line = tr("%1 is typing…").arg(typing[0]);
    else if (typing.size() == 2)
        line = tr("%1 and %2 are typing…").arg(typing[0], typing[1]);
    else if (typing.size() > 2)
        line = tr("Several people are typing…");
    m_typingLine->setText(line);
}

void MainWindow::updateOfflineHint()
{
    m_offlineHint->setVisible(
            m_controller->client()->connectionState() != ChatClient::ConnectionState::Connected);
}

void MainWindow::onSubmitted(const QString &text)
{
    QString error;
    const QString messageId = m_contextBar->messageId();
    if (m_contextBar->mode() == ComposerContextBar::Mode::Edit) {
        if (!m_controller->edit(messageId, text, &error)) {
            QMessageBox::warning(this, tr("Not changed"), error);
            return;
        }
        m_contextBar->clear();
        m_composer->setText(m_controller->settings()->draft(m_controller->currentRoom()));
        return;
    }
    const QString replyTo
            = m_contextBar->mode() == ComposerContextBar::Mode::Reply ? messageId : QString();
    if (m_controller->send(text, &error, replyTo).isEmpty()) {
        QMessageBox::warning(this, tr("Not sent"), error);
        return; // the text stays in the composer
    }
    m_contextBar->clear();
    m_composer->clear();
    m_controller->settings()->setDraft(m_controller->currentRoom(), QString());
    m_messages->scrollToBottom();
}

QString MainWindow::draftText() const
{
    // While an own message is edited the composer holds its text; the
    // draft was put aside when the edit began.
    if (m_contextBar->mode() == ComposerContextBar::Mode::Edit)
        return m_controller->settings()->draft(m_shownRoom);
    return m_composer->text();
}

void MainWindow::startReply(const QString &messageId)
{
    const int row = m_controller->messages()->rowOf(messageId);
    if (row < 0)
        return;
    const StoredMessage &message = m_controller->messages()->at(row);
    if (m_contextBar->mode() == ComposerContextBar::Mode::Edit)
        m_composer->setText(m_controller->settings()->draft(m_controller->currentRoom()));
    m_contextBar->showReply(messageId, message.message.from, message.message.text);
    m_composer->setFocus();
}

void MainWindow::startEdit(const QString &messageId)
{
    const int row = m_controller->messages()->rowOf(messageId);
    if (row < 0)
        return;
    const StoredMessage &message = m_controller->messages()->at(row);
    if (!message.own || message.deleted)
        return;
    // What was being written is kept as the draft and comes back after.
    if (m_contextBar->mode() != ComposerContextBar::Mode::Edit)
        m_controller->settings()->setDraft(m_controller->currentRoom(), draftText());
    m_contextBar->showEdit(messageId, message.message.text);
    m_composer->setText(message.message.text);
    m_composer->setFocus();
}

void MainWindow::deleteMessage(const QString &messageId, bool ask)
{
    if (ask
            && QMessageBox::question(this, tr("Delete message"),
                       tr("Delete this message for everyone in the room? Its text is removed "
                          "from this computer too."),
                       QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
                    != QMessageBox::Yes)
        return;
    QString error;
    if (!m_controller->remove(messageId, &error)) {
        QMessageBox::warning(this, tr("Not deleted"), error);
        return;
    }
    if (m_contextBar->messageId() == messageId) {
        if (m_contextBar->mode() == ComposerContextBar::Mode::Edit)
            m_composer->setText(m_controller->settings()->draft(m_controller->currentRoom()));
        m_contextBar->clear();
    }
}

bool MainWindow::jumpToMessage(qint64 rowId)
{
    const int row = m_controller->messages()->loadUntil(rowId);
    if (row < 0)
        return false;
    m_messages->scrollToRow(row);
    m_messages->setCurrentIndex(m_controller->messages()->index(row));
    m_messages->setFocus();
    return true;
}

JoinRoomDialog *MainWindow::joinRoomDialog() const
{
    return m_joinDialog.data();
}

void MainWindow::showJoinRoom()
{
    if (!m_joinDialog) {
        m_joinDialog = new JoinRoomDialog(
                [this](const QString &room, QString *error) {
                    return m_controller->join(room, error);
                },
                this);
        m_joinDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_joinDialog, &JoinRoomDialog::joined, this, &MainWindow::switchToRoom);
    }
    m_joinDialog->open();
    m_joinDialog->raise();
    m_joinDialog->activateWindow();
}

void MainWindow::leaveCurrentRoom()
{
    const QString room = m_controller->currentRoom();
    if (room.isEmpty())
        return;
    const auto answer = QMessageBox::question(
            this, tr("Leave room"), tr("Leave #%1? Its history stays on this computer.").arg(room));
    if (answer != QMessageBox::Yes)
        return;
    m_controller->settings()->setDraft(room, draftText());
    m_shownRoom.clear();
    m_controller->leave(room);
}

void MainWindow::stepRoom(int delta)
{
    const QStringList rooms = m_controller->rooms()->rooms();
    if (rooms.isEmpty())
        return;
    const int at = int(rooms.indexOf(m_controller->currentRoom()));
    const int next = int((at + delta + rooms.size()) % rooms.size());
    switchToRoom(rooms.at(next));
}

void MainWindow::startSearch(const QString &text)
{
    m_searchHit = -1;
    m_search->start(m_controller->client()->history(),
            m_searchBar->allRooms() ? QString() : m_controller->currentRoom(), text);
    m_messages->messageDelegate()->setHighlight(text.trimmed());
    m_messages->viewport()->update();
    updateSearchCount();
}

void MainWindow::goToHit(int hit)
{
    const QList<SearchHit> hits = m_search->hits();
    if (hit < 0 || hit >= hits.size())
        return;
    m_searchHit = hit;
    if (hits.at(hit).room != m_controller->currentRoom())
        switchToRoom(hits.at(hit).room); // (a search of all rooms goes on)
    const int row = m_controller->messages()->loadUntil(hits.at(hit).rowId);
    if (row >= 0)
        m_messages->scrollToRow(row);
    updateSearchCount();
}

void MainWindow::updateSearchCount()
{
    m_searchBar->setResult(m_searchHit + 1, int(m_search->hits().size()), m_search->isRunning());
}

void MainWindow::bringToFront()
{
    if (isMinimized())
        showNormal();
    show();
    raise();
    activateWindow();
}

void MainWindow::saveState()
{
    if (!m_shownRoom.isEmpty())
        m_controller->settings()->setDraft(m_shownRoom, draftText());
    m_controller->settings()->setWindowGeometry(saveGeometry());
    m_controller->settings()->setWindowState(QMainWindow::saveState());
    m_controller->settings()->sync();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::ActivationChange)
        m_controller->setWindowActive(isActiveWindow());
    QMainWindow::changeEvent(event);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    updatePanes();
}

void MainWindow::updatePanes()
{
    // A narrow window keeps the conversation: the members go first, then
    // the rooms (still reached with Ctrl+PgUp/PgDn, Alt+1…9 and Ctrl+J).
    const int w = width();
    const bool members = m_controller->settings()->membersVisible() && w >= kMembersFromWidth;
    const bool rooms = w >= kRoomsFromWidth;
    if (m_membersPane->isVisibleTo(this) != members)
        m_membersPane->setVisible(members);
    if (m_roomsPane->isVisibleTo(this) != rooms)
        m_roomsPane->setVisible(rooms);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    event->ignore();
    // With a tray, closing puts the window away and the connection stays:
    // messages keep arriving and notifying, as in other chat apps.
    if (m_notifier->hasTray() && m_controller->settings()->keepRunningInTray()) {
        hide();
        m_notifier->tellStillRunning();
        return;
    }
    Q_EMIT quitRequested(); // the controller of the app decides, after the goodbye
}

} // namespace longlink::ui
