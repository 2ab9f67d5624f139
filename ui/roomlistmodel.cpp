#include "roomlistmodel.h"

#include <algorithm>

namespace longlink::ui {

RoomListModel::RoomListModel(QObject *parent) : QAbstractListModel(parent) { }

bool RoomListModel::before(const Room &a, const Room &b) const
{
    if (m_byActivity && a.lastActivityMs != b.lastActivityMs)
        return a.lastActivityMs > b.lastActivityMs;
    const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
    return byName != 0 ? byName < 0 : a.name < b.name;
}

void RoomListModel::setRooms(const QStringList &rooms)
{
    beginResetModel();
    m_rooms.clear();
    QStringList unique = rooms;
    unique.removeDuplicates();
    for (const QString &name : std::as_const(unique))
        m_rooms.append({ name, 0, false, QString() });
    std::sort(m_rooms.begin(), m_rooms.end(),
            [this](const Room &a, const Room &b) { return before(a, b); });
    endResetModel();
    Q_EMIT totalUnreadChanged(totalUnread());
}

void RoomListModel::addRoom(const QString &room)
{
    if (rowOf(room) >= 0)
        return;
    const Room added { room, 0, false, QString() };
    const auto at = std::lower_bound(m_rooms.cbegin(), m_rooms.cend(), added,
            [this](const Room &a, const Room &b) { return before(a, b); });
    const int row = int(at - m_rooms.cbegin());
    beginInsertRows(QModelIndex(), row, row);
    m_rooms.insert(row, added);
    endInsertRows();
}

void RoomListModel::noteActivity(const QString &room, qint64 ms, const QString &lastText)
{
    const int row = rowOf(room);
    if (row < 0 || ms < m_rooms[row].lastActivityMs)
        return; // an older message (history): the last one stays
    m_rooms[row].lastActivityMs = ms;
    m_rooms[row].lastText = lastText;
    changed(row);
    reposition(row);
}

void RoomListModel::setSortByActivity(bool byActivity)
{
    if (byActivity == m_byActivity)
        return;
    Q_EMIT layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    QStringList names;
    for (const QModelIndex &index : before)
        names.append(m_rooms[index.row()].name);
    m_byActivity = byActivity;
    std::sort(m_rooms.begin(), m_rooms.end(),
            [this](const Room &a, const Room &b) { return this->before(a, b); });
    QModelIndexList after;
    for (const QString &name : std::as_const(names))
        after.append(index(rowOf(name)));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged();
}

void RoomListModel::reposition(int row)
{
    const Room moving = m_rooms[row];
    // Where it goes among the others (the list is in order without it).
    int to = 0;
    while (to < m_rooms.size() && (to == row || before(m_rooms[to], moving)))
        ++to;
    // `to` counts the others before it, plus itself if it was passed.
    const int target = to > row ? to - 1 : to;
    if (target == row)
        return;
    beginMoveRows(QModelIndex(), row, row, QModelIndex(), target > row ? target + 1 : target);
    m_rooms.move(row, target);
    endMoveRows();
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

void RoomListModel::setUnread(const QString &room, int count)
{
    const int row = rowOf(room);
    if (row < 0 || m_rooms[row].unread == count)
        return;
    m_rooms[row].unread = count;
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
    case LastActivityRole:
        return room.lastActivityMs;
    default:
        return QVariant();
    }
}

} // namespace longlink::ui
