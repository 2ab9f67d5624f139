#pragma once

#include "chathistory.h"
#include "messagechange.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>

#include <deque>

namespace longlink::ui {

// The messages of one room, newest last. Only a window of the room's
// history is in memory: the latest page when a room opens, older pages as
// the view scrolls up (fetchOlder). A room of any size opens at once.
class MessageModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        SenderRole,
        TimestampRole, // qint64 ms since the epoch
        TextRole,
        OwnRole,
        DeliveryRole, // int(StoredMessage::Delivery)
        DayStartRole, // the first message of its (local) day
        ContinuationRole, // same sender as the row above, a few minutes later
        RowIdRole,
        EditedRole, // bool: its sender changed the text
        DeletedRole, // bool: its sender deleted it (TextRole is empty)
        ReplyToRole, // the id of the message it answers, empty if none
        QuotedSenderRole, // of the message it answers; empty if not in the history
        QuotedTextRole,
        QuotedRowIdRole, // qint64, 0 if not in the history
        QuotedDeletedRole,
        FirstUnreadRole, // bool: the "new messages" line goes above this one
        MentionsMeRole, // bool: someone else's message with @me in it
    };
    Q_ENUM(Role)

    static constexpr int kPageSize = 150;

    explicit MessageModel(QObject *parent = nullptr);

    // Shows `room` from `history` (the latest page). `recent` are messages
    // the client handed out that may not have reached the store yet; those
    // not loaded are appended.
    void setRoom(const ChatHistory *history, const QString &room,
            const QList<StoredMessage> &recent = {});
    void clear();
    QString room() const { return m_room; }

    bool canFetchOlder() const { return m_hasOlder; }
    // Prepends up to `count` older messages; returns how many came.
    int fetchOlder(int count = kPageSize);
    // Fetches older pages until the message with `rowId` is loaded; its row or -1.
    int loadUntil(qint64 rowId);

    void append(const StoredMessage &message);
    // Lets go of the oldest rows beyond `keep` (they come back through
    // fetchOlder): a room that keeps receiving while it is read at its
    // newest end holds a bounded window, not every message since it opened.
    int dropOlderThan(int keep);
    bool setDelivery(const QString &id, StoredMessage::Delivery delivery);
    // Who "me" is, for MentionsMeRole.
    void setSelf(const QString &user) { m_self = user; }
    // The first message not read when the room was opened (empty: none).
    void setUnreadMarker(const QString &messageId);
    QString unreadMarker() const { return m_unreadMarker; }
    // An edit or deletion: the message and the replies quoting it follow.
    void applyChange(const MessageChange &change);
    int rowOf(const QString &id) const;
    const StoredMessage &at(int row) const { return m_rows[size_t(row)]; }
    qint64 oldestRowId() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void olderFetched(int count);

private:
    bool startsDay(int row) const;
    bool continues(int row) const;

    const ChatHistory *m_history = nullptr;
    QString m_room;
    QString m_unreadMarker;
    QString m_self;
    // A deque: pages go in at the front, new messages at the back, both cheap.
    std::deque<StoredMessage> m_rows;
    bool m_hasOlder = false;
};

} // namespace longlink::ui
