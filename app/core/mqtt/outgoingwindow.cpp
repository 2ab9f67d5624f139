#include "outgoingwindow.h"

#include <algorithm>
#include <vector>

namespace longlink::mqtt {

void OutgoingWindow::setLimit(int limit)
{
    m_limit = std::max(1, limit);
}

void OutgoingWindow::enqueue(const OutgoingPublish &message)
{
    Entry entry;
    entry.message = message;
    // QoS 2 publishing is not offered: QoS 1 plus dropping duplicates by
    // message id gives users the same.
    entry.message.qos = 1;
    m_queue.emplace(m_nextSequence++, std::move(entry));
}

Publish OutgoingWindow::packetFor(const Entry &entry) const
{
    Publish publish;
    publish.topic = entry.message.topic;
    publish.payload = entry.message.payload;
    publish.qos = entry.message.qos;
    publish.retain = entry.message.retain;
    publish.packetId = entry.packetId;
    return publish;
}

std::optional<Publish> OutgoingWindow::takeNext()
{
    if (m_inflight >= m_limit)
        return std::nullopt;
    auto it = m_queue.lower_bound(m_nextUnsent);
    while (it != m_queue.end() && it->second.sent)
        ++it;
    if (it == m_queue.end()) {
        m_nextUnsent = m_nextSequence;
        return std::nullopt;
    }
    const quint16 id = nextFreeId();
    if (!id)
        return std::nullopt;
    Entry &entry = it->second;
    entry.packetId = id;
    entry.sent = true;
    m_sequenceById.insert(id, it->first);
    ++m_inflight;
    m_nextUnsent = it->first + 1;
    return packetFor(entry);
}

std::optional<quint64> OutgoingWindow::acknowledge(quint16 packetId)
{
    const auto found = m_sequenceById.constFind(packetId);
    if (found == m_sequenceById.cend())
        return std::nullopt;
    const quint64 sequence = found.value();
    m_sequenceById.erase(found);
    const auto entry = m_queue.find(sequence);
    if (entry == m_queue.end())
        return std::nullopt;
    const quint64 ref = entry->second.message.ref;
    m_queue.erase(entry);
    m_inflight = std::max(0, m_inflight - 1);
    return ref;
}

QList<Publish> OutgoingWindow::resume(bool sessionPresent)
{
    m_sequenceById.clear();
    m_inflight = 0;
    // Sent ones always come first: the queue is sent in order.
    std::vector<std::map<quint64, Entry>::iterator> again;
    for (auto it = m_queue.begin(); it != m_queue.end() && it->second.sent; ++it) {
        if (int(again.size()) >= m_limit) {
            // The window shrank: the rest goes out as acks free room.
            for (auto rest = it; rest != m_queue.end(); ++rest)
                rest->second.sent = false;
            break;
        }
        again.push_back(it);
    }
    // A kept session knows these ids: claim them all before any fresh one
    // is handed out, so no fresh id collides with one still in flight.
    if (sessionPresent) {
        for (const auto &it : again) {
            const quint16 id = it->second.packetId;
            if (id && !m_reserved.contains(id))
                m_sequenceById.insert(id, it->first);
        }
    }
    QList<Publish> packets;
    packets.reserve(qsizetype(again.size()));
    for (const auto &it : again) {
        Entry &entry = it->second;
        const bool keepId = sessionPresent && entry.packetId
                && m_sequenceById.value(entry.packetId) == it->first;
        if (!keepId) {
            entry.packetId = nextFreeId();
            m_sequenceById.insert(entry.packetId, it->first);
        }
        Publish publish = packetFor(entry);
        publish.dup = keepId;
        ++m_inflight;
        packets.append(publish);
    }
    m_nextUnsent = m_nextSequence;
    for (const auto &[sequence, entry] : m_queue) {
        if (!entry.sent) {
            m_nextUnsent = sequence;
            break;
        }
    }
    return packets;
}

void OutgoingWindow::suspend()
{
    m_inflight = 0;
}

int OutgoingWindow::sentCount() const
{
    int count = 0;
    for (const auto &[sequence, entry] : m_queue)
        count += entry.sent ? 1 : 0;
    return count;
}

quint16 OutgoingWindow::reserveId()
{
    const quint16 id = nextFreeId();
    if (id)
        m_reserved.insert(id);
    return id;
}

void OutgoingWindow::releaseId(quint16 packetId)
{
    m_reserved.remove(packetId);
}

void OutgoingWindow::releaseReservedIds()
{
    m_reserved.clear();
}

quint16 OutgoingWindow::nextFreeId()
{
    // The window is far below 65,535, so this ends fast.
    for (int tries = 0; tries < 65535; ++tries) {
        m_lastId = m_lastId == 65535 ? 1 : quint16(m_lastId + 1);
        if (!m_sequenceById.contains(m_lastId) && !m_reserved.contains(m_lastId))
            return m_lastId;
    }
    return 0;
}

} // namespace longlink::mqtt
