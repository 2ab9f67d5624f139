#pragma once

#include <QtCore/QAbstractListModel>
#include <QtCore/QStringList>

namespace longlink::ui {

// The rooms joined, by name, with what is unread in each and whether it is
// muted. Counts are of this run: what arrived since the room was last seen.
class RoomListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { NameRole = Qt::UserRole + 1, UnreadRole, MutedRole, LastTextRole };
    Q_ENUM(Role)

    explicit RoomListModel(QObject *parent = nullptr);

    void setRooms(const QStringList &rooms);
    void addRoom(const QString &room);
    void removeRoom(const QString &room);
    QStringList rooms() const;
    int rowOf(const QString &room) const;
    QString roomAt(int row) const;

    void addUnread(const QString &room, const QString &lastText);
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
    };
    void changed(int row);

    QList<Room> m_rooms; // sorted by name, so Alt+1..9 stay put
};

} // namespace longlink::ui
