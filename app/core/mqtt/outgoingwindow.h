#pragma once

#include "mqttpacket.h"

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QSet>

#include <map>
#include <optional>

namespace longlink::mqtt {

// One message the session is to publish with QoS 1. `ref` is the caller's
// key for it (the outbox row); the session reports its PUBACK by ref.
struct OutgoingPublish
{
    quint64 ref = 0;
    QString topic;
    QByteArray payload;
    quint8 qos = 1;
    bool retain = false;
};

// The outgoing side of an MQTT session that must survive reconnects: the
// QoS 1 publishes not yet acknowledged, in the order they were handed in,
// the in-flight window, and the packet-id space (shared with SUBSCRIBE and
// UNSUBSCRIBE, which reserve ids here).
//
// Rules it keeps (MQTT 3.1.1 4.4 / 5.0 4.4 and design section 3):
// - publishes go out in the order they were queued, at most limit() in flight;
// - after a reconnect, what was sent and not acknowledged goes out again
//   first, in its original order: with DUP and the same packet id when the
//   server kept the session, with fresh ids when it did not;
// - a packet id is never used twice while in use.
class OutgoingWindow
{
public:
    // Most publishes in flight at once (lowered by the broker's Receive Maximum).
    void setLimit(int limit);
    int limit() const { return m_limit; }

    void enqueue(const OutgoingPublish &message);

    // The next queued publish that may go out now, with its packet id
    // assigned, or nothing when the window is full or all is sent.
    std::optional<Publish> takeNext();

    // A PUBACK: the caller's ref of the acknowledged publish, or nothing
    // for an id not in flight (a late or repeated ack).
    std::optional<quint64> acknowledge(quint16 packetId);

    // A new connection was accepted: the publishes to write again, in order,
    // within the window. What does not fit goes out later through takeNext().
    QList<Publish> resume(bool sessionPresent);
    // The connection is gone: nothing is in flight on it any more.
    void suspend();

    // Packet ids for SUBSCRIBE / UNSUBSCRIBE; 0 when all 65,535 are in use.
    quint16 reserveId();
    void releaseId(quint16 packetId);
    void releaseReservedIds();

    int queuedCount() const { return int(m_queue.size()); }
    int inflightCount() const { return m_inflight; }
    // Queued publishes that were written on some connection and not acknowledged.
    int sentCount() const;

private:
    struct Entry
    {
        OutgoingPublish message;
        quint16 packetId = 0; // the id it was last sent with, 0 if never
        bool sent = false; // sent on the current connection (or one before it)
    };

    quint16 nextFreeId();
    Publish packetFor(const Entry &entry) const;

    std::map<quint64, Entry> m_queue; // by sequence: the order handed in
    quint64 m_nextSequence = 1;
    quint64 m_nextUnsent = 1; // lowest sequence not yet sent
    QHash<quint16, quint64> m_sequenceById; // in flight
    QSet<quint16> m_reserved;
    int m_inflight = 0;
    int m_limit = 500;
    quint16 m_lastId = 0;
};

} // namespace longlink::mqtt
