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
    bool isWindowActive() const { return m_windowActive; }

    // Sends to the current room, in answer to `replyTo` (a message id) if
    // given. Returns the id, or empty and the reason.
    QString send(const QString &text, QString *error = nullptr, const QString &replyTo = QString());
    // Changes or deletes an own message for everyone in its room; shown
    // here at once. False and the reason if it cannot be.
    bool edit(const QString &messageId, const QString &text, QString *error = nullptr);
    bool remove(const QString &messageId, QString *error = nullptr);
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

private:
    void onMessageReceived(const longlink::ChatMessage &message);
    void onMessageSent(const QString &id, const QString &room);
    void onMessageChanged(const longlink::MessageChange &change);
    // What the message `replyTo` looks like, for a reply's quote.
    StoredMessage::Quote quoteOf(const QString &replyTo) const;
    // The client wrote it to disk, or could not: Sending becomes Queued or NotStored.
    void onMessageKept(const QString &id, StoredMessage::Delivery delivery);
    void onPresence(const QString &user, bool online);
    void checkStuckMessages();
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
    int m_failAfterMs = kFailAfterMs;
};

} // namespace longlink::ui
