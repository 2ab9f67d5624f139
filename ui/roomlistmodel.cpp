#include "roomlistmodel.h"

#include <algorithm>

namespace longlink::ui {

RoomListModel::RoomListModel(QObject *parent) : QAbstractListModel(parent) { }

void RoomListModel::setRooms(const QStringList &rooms)
{
    beginResetModel();
    m_rooms.clear();
    QStringList sorted = rooms;
    sorted.sort(Qt::CaseInsensitive);
    sorted.removeDuplicates();
    for (const QString &name : std::as_const(sorted))
        m_rooms.append({ name, 0, false, QString() });
    endResetModel();
    Q_EMIT totalUnreadChanged(totalUnread());
}

void RoomListModel::addRoom(const QString &room)
{
    if (rowOf(room) >= 0)
        return;
    const auto at = std::lower_bound(
            m_rooms.cbegin(), m_rooms.cend(), room, [](const Room &r, const QString &name) {
                return r.name.compare(name, Qt::CaseInsensitive) < 0;
            });
    const int row = int(at - m_rooms.cbegin());
    beginInsertRows(QModelIndex(), row, row);
    m_rooms.insert(row, { room, 0, false, QString() });
    endInsertRows();
}

void RoomListModel::removeRoom(const QString &room)
{
    const int row = rowOf(room);
    if (row < 0)
        return;
    beginRemoveRows(QModelIndex(), row, row);
    m_rooms.removeAt(row);
    endRemoveRows();
    Q_EMIT totalUnreadChanged(totalUnread());
}

QStringList RoomListModel::rooms() const
{
    QStringList names;
    for (const Room &room : m_rooms)
        names.append(room.name);
    return names;
}

int RoomListModel::rowOf(const QString &room) const
{
    for (int row = 0; row < m_rooms.size(); ++row) {
        if (m_rooms[row].name == room)
            return row;
    }
    return -1;
}

QString RoomListModel::roomAt(int row) const
{
    return row >= 0 && row < m_rooms.size() ? m_rooms[row].name : QString();
}

void RoomListModel::changed(int row)
{
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at);
}

void RoomListModel::addUnread(const QString &room, const QString &lastText)
{
    const int row = rowOf(room);
    if (row < 0)
        return;
    ++m_rooms[row].unread;
    m_rooms[row].lastText = lastText;
    changed(row);
    Q_EMIT totalUnreadChanged(totalUnread());
}

void RoomListModel::markRead(const QString &room)
{
    const int row = rowOf(room);
    if (row < 0 || m_rooms[row].unread == 0)
        return;
    m_rooms[row].unread = 0;
    changed(row);
    Q_EMIT totalUnreadChanged(totalUnread());
}

int RoomListModel::unread(const QString &room) const
{
    const int row = rowOf(room);
    return row < 0 ? 0 : m_rooms[row].unread;
}

int RoomListModel::totalUnread() const
{
    int total = 0;
    for (const Room &room : m_rooms) {
        if (!room.muted)
            total += room.unread;
    }
    return total;
}

void RoomListModel::setMuted(const QString &room, bool muted)
{
    const int row = rowOf(room);
    if (row < 0 || m_rooms[row].muted == muted)
        return;
    m_rooms[row].muted = muted;
    changed(row);
    Q_EMIT totalUnreadChanged(totalUnread());
}

bool RoomListModel::isMuted(const QString &room) const
{
    const int row = rowOf(room);
    return row >= 0 && m_rooms[row].muted;
}

int RoomListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rooms.size());
}

QVariant RoomListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const Room &room = m_rooms[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return room.name;
    case Qt::AccessibleTextRole:
        if (room.unread == 0)
            return room.muted ? tr("%1, muted").arg(room.name) : room.name;
        return room.muted ? tr("%1, %n unread, muted", nullptr, room.unread).arg(room.name)
                          : tr("%1, %n unread", nullptr, room.unread).arg(room.name);
    case Qt::ToolTipRole:
        return room.lastText.isEmpty() ? QVariant() : QVariant(room.lastText.left(200));
    case UnreadRole:
        return room.unread;
    case MutedRole:
        return room.muted;
    case LastTextRole:
        return room.lastText;
    default:
        return QVariant();
    }
}

} // namespace longlink::ui
