#pragma once

#include "mqttpacket.h"

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>

namespace longlink::mqtt {

// MQTT 5 topic aliases for what one connection publishes (spec 3.3.2.3.4):
// the first PUBLISH to a topic carries the topic and a number, later ones
// only the number. A chat client publishes to a few room topics over and
// over, so most PUBLISH packets lose their topic (about 30-60 bytes).
// When all numbers the server allows are taken, the least recently used
// one is given to the new topic (sent with the topic, which re-maps it).
// The map belongs to the connection: reset() on every CONNACK.
class TopicAliases
{
public:
    static constexpr quint16 kMostUsed = 256;

    // `maximum`: the server's Topic Alias Maximum (0: none may be used).
    void reset(quint16 maximum);
    quint16 maximum() const { return quint16(m_topics.size()); }

    // Rewrites `publish` to use an alias when it can. Returns true when
    // the topic was left out (the alias alone stands for it).
    bool apply(Publish &publish);

    // Aliases in use now.
    int size() const { return int(m_aliasByTopic.size()); }

private:
    QList<QString> m_topics; // by alias - 1
    QList<quint64> m_lastUse; // by alias - 1
    QHash<QString, quint16> m_aliasByTopic;
    quint64 m_clock = 0;
};

} // namespace longlink::mqtt
