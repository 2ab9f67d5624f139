#include "topicaliases.h"

#include <algorithm>

namespace longlink::mqtt {

void TopicAliases::reset(quint16 maximum)
{
    // A chat client has a few hot topics; more aliases would only make
    // finding the least recently used one slower.
    maximum = std::min<quint16>(maximum, kMostUsed);
    m_topics = QList<QString>(maximum);
    m_lastUse = QList<quint64>(maximum, 0);
    m_aliasByTopic.clear();
    m_clock = 0;
}

bool TopicAliases::apply(Publish &publish)
{
    if (m_topics.isEmpty() || publish.topic.isEmpty())
        return false;
    ++m_clock;
    if (const auto known = m_aliasByTopic.constFind(publish.topic);
            known != m_aliasByTopic.cend()) {
        const quint16 alias = known.value();
        m_lastUse[alias - 1] = m_clock;
        publish.properties.append({ PropertyId::TopicAlias, quint32(alias) });
        publish.topic.clear();
        return true;
    }
    // A free number, else the one used longest ago.
    const auto oldest = std::min_element(m_lastUse.cbegin(), m_lastUse.cend());
    const quint16 alias = quint16(oldest - m_lastUse.cbegin() + 1);
    if (!m_topics[alias - 1].isEmpty())
        m_aliasByTopic.remove(m_topics[alias - 1]);
    m_topics[alias - 1] = publish.topic;
    m_lastUse[alias - 1] = m_clock;
    m_aliasByTopic.insert(publish.topic, alias);
    publish.properties.append({ PropertyId::TopicAlias, quint32(alias) });
    return false;
}

} // namespace longlink::mqtt
