#pragma once

#include <QtCore/QAbstractListModel>
#include <QtCore/QStringList>

namespace longlink::ui {

// The rooms joined, the latest active first (or by name), with the last
// message, what is unread in each and whether it is
// muted. Counts are what arrived since the room was last seen, this run or
// an earlier one.
class RoomListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        UnreadRole,
        MutedRole,
        LastTextRole, // the last message, "sender: text"
        LastActivityRole, // qint64 ms since the epoch of the last message, 0 if none
    };
    Q_ENUM(Role)

    explicit RoomListModel(QObject *parent = nullptr);

    void setRooms(const QStringList &rooms);
    void addRoom(const QString &room);
    void removeRoom(const QString &room);
    QStringList rooms() const;
    int rowOf(const QString &room) const;
    QString roomAt(int row) const;

    void addUnread(const QString &room, const QString &lastText);
    // A message in `room` at `ms` (its preview line): with sortByActivity()
    // the room moves up to its place.
    void noteActivity(const QString &room, qint64 ms, const QString &lastText);
    // Most recent activity first (the default), or by name.
    void setSortByActivity(bool byActivity);
    bool sortByActivity() const { return m_byActivity; }
    // What an earlier run left unread (from the store's read markers).
    void setUnread(const QString &room, int count);
    void markRead(const QString &room);
    int unread(const QString &room) const;
    // Unread messages in rooms that are not muted: what the tray shows.
    int totalUnread() const;
    void setMuted(const QString &room, bool muted);
    bool isMuted(const QString &room) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void totalUnreadChanged(int unread);

private:
    struct Room
    {
        QString name;
        int unread = 0;
        bool muted = false;
        QString lastText;
        qint64 lastActivityMs = 0;
    };
    void changed(int row);
    bool before(const Room &a, const Room &b) const;
    // Moves the room at `row` to where the order puts it.
    void reposition(int row);

    QList<Room> m_rooms; // in before() order
    bool m_byActivity = true;
};

} // namespace longlink::ui
