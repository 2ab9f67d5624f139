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

void MessageSearch::step()
{
    const QString needle = m_needle.trimmed();
    const QList<SearchHit> batch = m_history->search(needle, m_room, kBatch, m_before);
    m_hits += batch;
    if (!batch.isEmpty())
        Q_EMIT hitsChanged(int(m_hits.size()));
    if (batch.size() < kBatch) {
        m_timer.stop();
        Q_EMIT finished(int(m_hits.size()));
        return;
    }
    m_before = batch.last().rowId;
}

} // namespace longlink::ui
