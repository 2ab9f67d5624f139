#pragma once

#include "chatclient.h"
#include "memberlistmodel.h"
#include "messagemodel.h"
#include "roomlistmodel.h"
#include "settings.h"
#include "transporteventlog.h"

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QTimer>

#include <deque>

namespace longlink::ui {

// Everything the window shows, kept as models, fed by one ChatClient: the
// rooms with unread counts, the current room's messages and members,
// delivery states of own messages, the transport log. No widgets here, so
// tests can check what a person would see without pixels.
class ChatController : public QObject
{
    Q_OBJECT

public:
    // An own message not acknowledged this long while connected is shown
    // as failed, with a retry. It stays in the outbox either way.
    static constexpr int kFailAfterMs = 15'000;

    ChatController(ChatClient *client, Settings *settings, QObject *parent = nullptr);
    ~ChatController() override;

    ChatClient *client() const { return m_client; }
    Settings *settings() const { return m_settings; }
    RoomListModel *rooms() const { return m_rooms; }
    MessageModel *messages() const { return m_messages; }
    MemberListModel *members() const { return m_members; }
    TransportEventLog *transportLog() const { return m_log; }

    QString currentRoom() const { return m_currentRoom; }
    void setCurrentRoom(const QString &room);
    // The window is the one the person looks at: the current room is read.
    void setWindowActive(bool active);
    // Where the "new messages" line of the current room is: the first
    // message that was unread when it was opened or arrived while the
    // window was away (empty: none), and its row in the store (0 if it is
    // not stored yet).
    QString unreadMarker() const { return m_messages->unreadMarker(); }
    qint64 unreadMarkerRowId() const { return m_unreadMarkerRowId; }
    // How many were unread when the current room was opened.
    int unreadAtOpen() const { return m_unreadAtOpen; }
    bool isWindowActive() const { return m_windowActive; }

    // Sends to the current room, in answer to `replyTo` (a message id) if
    // given. Returns the id, or empty and the reason.
    QString send(const QString &text, QString *error = nullptr, const QString &replyTo = QString());
    // Changes or deletes an own message for everyone in its room; shown
    // here at once. False and the reason if it cannot be.
    bool edit(const QString &messageId, const QString &text, QString *error = nullptr);
    bool remove(const QString &messageId, QString *error = nullptr);
    // The room list's line for a message: "bob: hi", "You: hi".
    static QString previewOf(const StoredMessage &message);
    // Who else is typing in the current room, in the order they started.
    QStringList typingInCurrentRoom() const;
    // The person is writing in the composer (or stopped: sent, cleared,
    // left the room). Tells the room, no more often than needed.
    void noteTyping();
    void stopTyping();
    void setTypingExpiryMs(int ms) { m_typingExpiryMs = ms; }
    // The newest own message of the current room that can be edited
    // (empty if none is loaded): what Up in an empty composer edits.
    QString lastEditableMessage() const;
    bool join(const QString &room, QString *error = nullptr);
    void leave(const QString &room);
    void setMuted(const QString &room, bool muted);
    // Asks the session to send what is waiting now, instead of after its backoff.
    void retry(const QString &messageId = QString());
    void setFailAfterMs(int ms) { m_failAfterMs = ms; }

Q_SIGNALS:
    void currentRoomChanged(const QString &room);
    // A message worth a desktop notification (window inactive, room not muted).
    void notificationWanted(const QString &room, const QString &from, const QString &text);
    void sendFailed(const QString &reason);
    // typingInCurrentRoom() changed.
    void typingChanged();

private:
    void onMessageReceived(const longlink::ChatMessage &message);
    void onMessageSent(const QString &id, const QString &room);
    void onMessageChanged(const longlink::MessageChange &change);
    // An edit or deletion the client took (empty id: it did not, and why).
    bool noteChangeSent(const QString &changeId, QString *error);
    // What the message `replyTo` looks like, for a reply's quote.
    StoredMessage::Quote quoteOf(const QString &replyTo) const;
    // The client wrote it to disk, or could not: Sending becomes Queued or NotStored.
    void onMessageKept(const QString &id, StoredMessage::Delivery delivery);
    void onPresence(const QString &user, bool online);
    void onTyping(const QString &room, const QString &user, bool typing);
    void onMember(const QString &room, const QString &user, bool member);
    void expireTyping();
    void checkStuckMessages();
    // The current room is read: its count, and its marker in the store.
    void markCurrentRead();
    void remember(const StoredMessage &message);
    void updateRecentDelivery(const QString &id, StoredMessage::Delivery delivery);
    void applyKnownDeliveries();
    void collectMembers();

    ChatClient *m_client;
    Settings *m_settings;
    RoomListModel *m_rooms;
    MessageModel *m_messages;
    MemberListModel *m_members;
    TransportEventLog *m_log;
    QString m_currentRoom;
    bool m_windowActive = false;

    // The last messages per room, which may be younger than the store's
    // last write (it commits once per event-loop pass).
    QHash<QString, std::deque<StoredMessage>> m_recent;
    // Own messages handed to the client and not acknowledged: when they
    // were handed in (or when the connection came back, if later).
    QHash<QString, qint64> m_sending;
    QSet<QString> m_failed;
    QSet<QString> m_notStored; // not on disk: never shown as merely queued
    // Ids of our edits and deletions not yet acknowledged: their delivery
    // is not a message's.
    QSet<QString> m_changesSent;
    // What the client said of a message before send() showed it.
    QHash<QString, StoredMessage::Delivery> m_earlyDelivery;
    QSet<QString> m_recentlySent; // bounded; wins over a store not yet written
    std::deque<QString> m_recentlySentOrder;
    QTimer m_stuckTimer;
    QTimer m_markReadTimer; // the store's marker follows a busy room lazily
    // Others typing: room -> user -> when it lapses (ms since the epoch),
    // in the order they started.
    QHash<QString, QList<std::pair<QString, qint64>>> m_typing;
    QTimer m_typingExpiry;
    // Who said they are in a room, and who said they left it (whatever
    // they wrote before).
    QHash<QString, QSet<QString>> m_roomMembers;
    QHash<QString, QSet<QString>> m_roomLeavers;
    int m_typingExpiryMs = ChatClient::kTypingExpiryMs;
    // Our own typing: where, when last told, and the pause that ends it.
    QString m_typingRoom;
    qint64 m_typingToldMs = 0;
    QTimer m_typingPause;
    qint64 m_unreadMarkerRowId = 0;
    int m_unreadAtOpen = 0;
    int m_failAfterMs = kFailAfterMs;
};

} // namespace longlink::ui
