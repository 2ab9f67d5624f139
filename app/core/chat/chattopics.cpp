#include "chattopics.h"

#include <QtCore/QStringList>

using namespace Qt::StringLiterals;

namespace longlink {

ChatTopics::ChatTopics(const QString &prefix) : m_prefix(prefix)
{
    while (m_prefix.endsWith(u'/'))
        m_prefix.chop(1);
}

QString ChatTopics::roomMessages(const QString &room, const QString &user) const
{
    return m_prefix % u"/rooms/" % room % u"/from/" % user;
}

QString ChatTopics::roomMessagesFilter(const QString &room) const
{
    return m_prefix % u"/rooms/" % room % u"/from/+";
}

QString ChatTopics::presence(const QString &user) const
{
    return m_prefix % u"/presence/" % user;
}

QString ChatTopics::presenceFilter() const
{
    return m_prefix % u"/presence/+";
}

QString ChatTopics::typing(const QString &room, const QString &user) const
{
    return m_prefix % u"/rooms/" % room % u"/typing/" % user;
}

bool ChatTopics::isValidName(const QString &name)
{
    if (name.isEmpty() || name.size() > 128)
        return false;
    for (const QChar c : name) {
        if (c == u'/' || c == u'+' || c == u'#' || c.unicode() == 0 || c.isSpace())
            return false;
    }
    return true;
}

std::optional<ChatTopics::Parsed> ChatTopics::parse(const QString &topic) const
{
    if (!topic.startsWith(m_prefix) || topic.size() <= m_prefix.size()
            || topic.at(m_prefix.size()) != u'/')
        return std::nullopt;
    const QStringList levels = topic.mid(m_prefix.size() + 1).split(u'/');
    if (levels.size() == 2 && levels[0] == u"presence" && isValidName(levels[1]))
        return Parsed { Parsed::Kind::Presence, QString(), levels[1] };
    if (levels.size() == 4 && levels[0] == u"rooms" && isValidName(levels[1])
            && isValidName(levels[3])) {
        if (levels[2] == u"from")
            return Parsed { Parsed::Kind::Message, levels[1], levels[3] };
        if (levels[2] == u"typing")
            return Parsed { Parsed::Kind::Typing, levels[1], levels[3] };
    }
    return std::nullopt;
}

} // namespace longlink
