#pragma once

#include "storedmessage.h"

#include <QtCore/QList>
#include <QtCore/QStringList>

namespace longlink {

class ChatStore;

// Read access to the kept history, for views: pages of a room, its size,
// the rooms there are. Views read history through this, never through the
// store itself.
class ChatHistory
{
public:
    explicit ChatHistory(ChatStore *store) : m_store(store) { }

    // Up to `limit` messages of `room` before `beforeRowId` (0: the latest),
    // oldest first.
    QList<StoredMessage> page(const QString &room, int limit, qint64 beforeRowId = 0) const;
    int count(const QString &room) const;
    QStringList rooms() const;
    // What of `room` was not read yet (others' messages after the marker
    // ChatClient::markRead() moves).
    UnreadMessages unread(const QString &room) const;
    // Messages with `needle` in their text or sender, newest first, from
    // the store's search index (see ChatStore::search()).
    QList<SearchHit> search(
            const QString &needle, const QString &room, int limit, qint64 beforeRowId = 0) const;

private:
    ChatStore *m_store;
};

} // namespace longlink
