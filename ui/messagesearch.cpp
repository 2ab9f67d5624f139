#include "messagesearch.h"

#include "chathistory.h"

namespace longlink::ui {

MessageSearch::MessageSearch(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &MessageSearch::step);
}

void MessageSearch::start(const ChatHistory *history, const QString &room, const QString &needle)
{
    cancel();
    m_history = history;
    m_room = room;
    m_needle = needle;
    m_before = 0;
    m_hits.clear();
    Q_EMIT hitsChanged(0);
    if (!m_history || needle.trimmed().isEmpty()) {
        Q_EMIT finished(0);
        return;
    }
    m_timer.start();
}

void MessageSearch::cancel()
{
    m_timer.stop();
}

// The history has no text search of its own; reading it page by page
// through the facade keeps the GUI off the store. One page per event-loop
// pass.
void MessageSearch::step()
{
    const QList<StoredMessage> page = m_history->page(m_room, kPageSize, m_before);
    bool found = false;
    for (auto it = page.crbegin(); it != page.crend(); ++it) {
        if (it->message.text.contains(m_needle, Qt::CaseInsensitive)
                || it->message.from.contains(m_needle, Qt::CaseInsensitive)) {
            m_hits.append(it->rowId);
            found = true;
        }
    }
    if (found)
        Q_EMIT hitsChanged(int(m_hits.size()));
    if (page.size() < kPageSize || page.isEmpty()) {
        m_timer.stop();
        Q_EMIT finished(int(m_hits.size()));
        return;
    }
    m_before = page.first().rowId;
}

} // namespace longlink::ui
