#include "messagemodel.h"

#include "mentions.h"

#include <QtCore/QDateTime>
#include <QtCore/QSet>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
// Messages closer than this from the same sender are drawn as one group.
constexpr qint64 kGroupGapMs = 5 * 60 * 1000;

QDate localDay(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).date();
}
} // namespace

MessageModel::MessageModel(QObject *parent) : QAbstractListModel(parent) { }

void MessageModel::setRoom(
        const ChatHistory *history, const QString &room, const QList<StoredMessage> &recent)
{
    beginResetModel();
    m_history = history;
    m_room = room;
    m_unreadMarker.clear();
    m_rows.clear();
    m_hasOlder = false;
    if (m_history && !room.isEmpty()) {
        const QList<StoredMessage> page = m_history->page(room, kPageSize);
        m_rows.assign(page.cbegin(), page.cend());
        m_hasOlder = page.size() == kPageSize;
        QSet<QString> loaded;
        for (const auto &row : page)
            loaded.insert(row.message.id);
        for (const auto &message : recent) {
            if (message.message.room == room && !loaded.contains(message.message.id))
                m_rows.push_back(message);
        }
    }
    endResetModel();
}

void MessageModel::clear()
{
    setRoom(nullptr, QString());
}

qint64 MessageModel::oldestRowId() const
{
    for (const auto &row : m_rows) {
        if (row.rowId > 0)
            return row.rowId;
    }
    return 0;
}

int MessageModel::fetchOlder(int count)
{
    if (!m_hasOlder || !m_history)
        return 0;
    const qint64 before = oldestRowId();
    if (before <= 0) {
        m_hasOlder = false;
        return 0;
    }
    const QList<StoredMessage> page = m_history->page(m_room, count, before);
    m_hasOlder = page.size() == count;
    if (page.isEmpty())
        return 0;
    beginInsertRows(QModelIndex(), 0, int(page.size()) - 1);
    m_rows.insert(m_rows.begin(), page.cbegin(), page.cend());
    endInsertRows();
    // The row that used to be first may now continue a group or not start a day.
    const QModelIndex joint = index(int(page.size()));
    if (joint.isValid())
        Q_EMIT dataChanged(joint, joint, { DayStartRole, ContinuationRole });
    Q_EMIT olderFetched(int(page.size()));
    return int(page.size());
}

int MessageModel::loadUntil(qint64 rowId)
{
    for (;;) {
        for (int row = 0; row < int(m_rows.size()); ++row) {
            if (m_rows[size_t(row)].rowId == rowId)
                return row;
        }
        if (oldestRowId() > 0 && oldestRowId() < rowId)
            return -1; // not in this room
        // Big steps: a search hit far back should not take hundreds of passes.
        if (fetchOlder(kPageSize * 8) == 0)
            return -1;
    }
}

void MessageModel::append(const StoredMessage &message)
{
    if (message.message.room != m_room)
        return;
    const int row = int(m_rows.size());
    beginInsertRows(QModelIndex(), row, row);
    m_rows.push_back(message);
    endInsertRows();
}

int MessageModel::dropOlderThan(int keep)
{
    const int excess = int(m_rows.size()) - std::max(keep, 1);
    if (excess <= 0)
        return 0;
    beginRemoveRows(QModelIndex(), 0, excess - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
    m_hasOlder = true;
    endRemoveRows();
    return excess;
}

int MessageModel::rowOf(const QString &id) const
{
    // New deliveries concern the latest messages: search from the end.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (m_rows[size_t(row)].message.id == id)
            return row;
    }
    return -1;
}

bool MessageModel::setDelivery(const QString &id, StoredMessage::Delivery delivery)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    auto &stored = m_rows[size_t(row)];
    if (stored.delivery == delivery)
        return true;
    stored.delivery = delivery;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed, { DeliveryRole });
    return true;
}

void MessageModel::setUnreadMarker(const QString &messageId)
{
    if (messageId == m_unreadMarker)
        return;
    const int before = m_unreadMarker.isEmpty() ? -1 : rowOf(m_unreadMarker);
    m_unreadMarker = messageId;
    const int after = messageId.isEmpty() ? -1 : rowOf(messageId);
    for (const int row : { before, after }) {
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row), { FirstUnreadRole });
    }
}

void MessageModel::applyChange(const MessageChange &change)
{
    if (change.room != m_room)
        return;
    for (int row = 0; row < int(m_rows.size()); ++row) {
        StoredMessage &stored = m_rows[size_t(row)];
        QList<int> roles;
        if (stored.message.id == change.id) {
            stored.message.text = change.text;
            stored.editedTs = change.editedTs;
            stored.deleted = change.deleted;
            roles = { TextRole, EditedRole, DeletedRole, Qt::AccessibleTextRole };
        } else if (stored.message.replyTo == change.id) {
            stored.quoted.text = change.text;
            stored.quoted.deleted = change.deleted;
            roles = { QuotedTextRole, QuotedDeletedRole };
        } else {
            continue;
        }
        Q_EMIT dataChanged(index(row), index(row), roles);
    }
}

bool MessageModel::startsDay(int row) const
{
    if (row == 0)
        return true;
    return localDay(m_rows[size_t(row)].message.ts) != localDay(m_rows[size_t(row - 1)].message.ts);
}

bool MessageModel::continues(int row) const
{
    if (row == 0 || startsDay(row))
        return false;
    const auto &here = m_rows[size_t(row)].message;
    const auto &above = m_rows[size_t(row - 1)].message;
    return here.from == above.from && here.ts - above.ts < kGroupGapMs;
}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const int row = index.row();
    const auto &stored = m_rows[size_t(row)];
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return stored.message.text;
    case Qt::AccessibleTextRole: {
        const QString when = QLocale().toString(
                QDateTime::fromMSecsSinceEpoch(stored.message.ts), QLocale::ShortFormat);
        QString described;
        if (stored.deleted) {
            described = tr("%1 at %2: deleted message").arg(stored.message.from, when);
        } else {
            QString text = stored.message.text;
            if (!stored.message.replyTo.isEmpty())
                text = tr("in reply to %1: %2")
                               .arg(stored.quoted.from.isEmpty() ? tr("an earlier message")
                                                                 : stored.quoted.from,
                                       text);
            if (stored.editedTs > 0)
                text = tr("%1 (edited)").arg(text);
            described = tr("%1 at %2: %3").arg(stored.message.from, when, text);
        }
        if (!m_unreadMarker.isEmpty() && stored.message.id == m_unreadMarker)
            described = tr("New messages. %1").arg(described);
        return described;
    }
    case IdRole:
        return stored.message.id;
    case SenderRole:
        return stored.message.from;
    case TimestampRole:
        return stored.message.ts;
    case OwnRole:
        return stored.own;
    case DeliveryRole:
        return int(stored.delivery);
    case DayStartRole:
        return startsDay(row);
    case ContinuationRole:
        return continues(row);
    case RowIdRole:
        return stored.rowId;
    case EditedRole:
        return stored.editedTs > 0;
    case DeletedRole:
        return stored.deleted;
    case ReplyToRole:
        return stored.message.replyTo;
    case QuotedSenderRole:
        return stored.quoted.from;
    case QuotedTextRole:
        return stored.quoted.text;
    case QuotedRowIdRole:
        return stored.quoted.rowId;
    case QuotedDeletedRole:
        return stored.quoted.deleted;
    case MentionsMeRole:
        return !stored.own && !m_self.isEmpty() && Mentions::mentions(stored.message.text, m_self);
    case FirstUnreadRole:
        return !m_unreadMarker.isEmpty() && stored.message.id == m_unreadMarker;
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> MessageModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(SenderRole, "sender");
    names.insert(TimestampRole, "timestamp");
    names.insert(TextRole, "text");
    names.insert(OwnRole, "own");
    names.insert(DeliveryRole, "delivery");
    names.insert(DayStartRole, "dayStart");
    names.insert(ContinuationRole, "continuation");
    names.insert(RowIdRole, "rowId");
    names.insert(EditedRole, "edited");
    names.insert(DeletedRole, "deleted");
    names.insert(ReplyToRole, "replyTo");
    names.insert(QuotedSenderRole, "quotedSender");
    names.insert(QuotedTextRole, "quotedText");
    names.insert(QuotedRowIdRole, "quotedRowId");
    names.insert(QuotedDeletedRole, "quotedDeleted");
    names.insert(FirstUnreadRole, "firstUnread");
    names.insert(MentionsMeRole, "mentionsMe");
    return names;
}

} // namespace longlink::ui
