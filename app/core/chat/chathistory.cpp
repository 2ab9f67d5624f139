#include "chathistory.h"

#include "chatstore.h"

namespace longlink {

QList<StoredMessage> ChatHistory::page(const QString &room, int limit, qint64 beforeRowId) const
{
    return m_store ? m_store->messages(room, limit, beforeRowId) : QList<StoredMessage>();
}

int ChatHistory::count(const QString &room) const
{
    return m_store ? m_store->messageCount(room) : 0;
}

UnreadMessages ChatHistory::unread(const QString &room) const
{
    return m_store ? m_store->unread(room) : UnreadMessages();
}

QList<SearchHit> ChatHistory::search(
        const QString &needle, const QString &room, int limit, qint64 beforeRowId) const
{
    return m_store ? m_store->search(needle, room, limit, beforeRowId) : QList<SearchHit>();
}

QStringList ChatHistory::rooms() const
{
    return m_store ? m_store->rooms() : QStringList();
}

} // namespace longlink
