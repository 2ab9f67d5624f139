#pragma once

#include <QtCore/QPointer>
#include <QtWidgets/QMainWindow>

#include <memory>

class QActionGroup;
class QLabel;
class QListView;
class QPushButton;
class QSplitter;

namespace longlink::ui {

class ChatController;
class Composer;
class JoinRoomDialog;
class MessageSearch;
class MessageView;
class Notifier;
class SearchBar;
class StatusBarWidget;
class TransportsPanel;

// The window a person lives in: rooms on the left with unread counts, the
// current room's messages and the composer in the middle, who is online
// on the right, the connection in the status bar.
class ComposerContextBar;
class SettingsDialog;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(ChatController *controller, QWidget *parent = nullptr);
    ~MainWindow() override;

    ChatController *controller() const { return m_controller; }
    Composer *composer() const { return m_composer; }
    MessageView *messageView() const { return m_messages; }
    QListView *roomList() const { return m_rooms; }
    QListView *memberList() const { return m_members; }
    QWidget *roomsPane() const { return m_roomsPane; }
    QWidget *membersPane() const { return m_membersPane; }
    SearchBar *searchBar() const { return m_searchBar; }
    StatusBarWidget *statusBarWidget() const { return m_status; }
    Notifier *notifier() const { return m_notifier; }
    // Created on first use.
    TransportsPanel *transportsPanel();

    void switchToRoom(const QString &room);
    void showTransports();
    // Asks for a room to join (Ctrl+J); the dialog while it is open.
    void showJoinRoom();
    // Everything a person may set (Ctrl+,); the dialog while it is open.
    void showSettings();
    SettingsDialog *settingsDialog() const;
    JoinRoomDialog *joinRoomDialog() const;
    void startSearch(const QString &text);
    // The composer answers `messageId`, or edits it (an own message), until
    // sent or cancelled; deleteMessage() asks first when `ask`.
    void startReply(const QString &messageId);
    void startEdit(const QString &messageId);
    void deleteMessage(const QString &messageId, bool ask = true);
    // A room opens at its first unread message when there are at most this
    // many (loading more would keep the window waiting).
    static constexpr int kAutoJumpUnread = 1000;
    // Shows the first message that was unread when the room was opened.
    bool goToFirstUnread();
    // Loads history back to the message and shows it selected.
    bool jumpToMessage(qint64 rowId);
    ComposerContextBar *composerContextBar() const { return m_contextBar; }
    QLabel *typingLine() const { return m_typingLine; }
    // Raises the window, e.g. when a second start asked for it.
    void bringToFront();
    // Keeps the draft and the layout; called before the window goes.
    void saveState();

Q_SIGNALS:
    void quitRequested();
    void accountChangeRequested();
    void forgetPasswordRequested();
    void languageChosen(const QString &language);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createMenus();
    void showTrustedCertificates();
    void createLayout();
    void onSubmitted(const QString &text);
    // What to keep as the room's draft: not the text of a message being edited.
    QString draftText() const;
    void onCurrentRoomChanged(const QString &room);
    void updateHeader();
    void updateOfflineHint();
    void updateTypingLine();
    void jumpToUnreadIfPending();
    void leaveCurrentRoom();
    void updatePanes();
    void stepRoom(int delta);
    void goToHit(int hit);
    void updateSearchCount();

    ChatController *m_controller;
    QSplitter *m_splitter = nullptr;
    QListView *m_rooms = nullptr;
    QPushButton *m_join = nullptr;
    QLabel *m_roomTitle = nullptr;
    QLabel *m_roomInfo = nullptr;
    SearchBar *m_searchBar = nullptr;
    MessageView *m_messages = nullptr;
    QLabel *m_offlineHint = nullptr;
    QLabel *m_typingLine = nullptr; // who else is typing here
    Composer *m_composer = nullptr;
    ComposerContextBar *m_contextBar = nullptr;
    QWidget *m_roomsPane = nullptr;
    QWidget *m_membersPane = nullptr;
    QListView *m_members = nullptr;
    StatusBarWidget *m_status = nullptr;
    Notifier *m_notifier = nullptr;
    TransportsPanel *m_transports = nullptr;
    QPointer<JoinRoomDialog> m_joinDialog;
    QPointer<SettingsDialog> m_settingsDialog;
    MessageSearch *m_search = nullptr;
    int m_searchHit = -1;
    QString m_shownRoom;
    bool m_jumpToUnreadPending = false; // the room opens at its first unread
    QAction *m_muteAction = nullptr;
    QAction *m_leaveAction = nullptr;
    QAction *m_keepInTrayAction = nullptr;
};

} // namespace longlink::ui
