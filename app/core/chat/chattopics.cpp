#include "chattopics.h"

#include <QtCore/QCoreApplication>

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

QString ChatTopics::typingFilter(const QString &room) const
{
    return m_prefix % u"/rooms/" % room % u"/typing/+";
}

QString ChatTopics::roomMember(const QString &room, const QString &user) const
{
    return m_prefix % u"/rooms/" % room % u"/members/" % user;
}

QString ChatTopics::roomMembersFilter(const QString &room) const
{
    return m_prefix % u"/rooms/" % room % u"/members/+";
}

bool ChatTopics::isValidName(QStringView name)
{
    if (name.isEmpty() || name.size() > 128)
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        char32_t c = name[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < name.size() && name[i + 1].isLowSurrogate())
            c = QChar::surrogateToUcs4(char16_t(c), name[++i].unicode());
        if (!isNameCharacter(c))
            return false;
    }
    return true;
}

bool ChatTopics::isNameCharacter(char32_t c)
{
    // Letters, digits and marks of any script, emoji and other symbols, '-'
    // and '_': what mosquitto, RabbitMQ, ejabberd and aedes all carry in a
    // topic level unchanged. Not '.' (RabbitMQ turns it into a level
    // separator), '*' (an AMQP wildcard there), '/', '+', '#', spaces,
    // controls or other punctuation.
    if (c == U'-' || c == U'_' || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')
            || (c >= U'0' && c <= U'9'))
        return true; // the usual case, without a table lookup
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Symbol_Other: // emoji
        return true;
    default:
        return false;
    }
}

QString ChatTopics::nameRule()
{
    return tr("use letters, digits, '-' and '_' (no spaces, dots or other punctuation)");
}

std::optional<ChatTopics::Parsed> ChatTopics::parse(const QString &topic) const
{
    if (!topic.startsWith(m_prefix) || topic.size() <= m_prefix.size()
            || topic.at(m_prefix.size()) != u'/')
        return std::nullopt;
    // Split by hand into views: this runs for every message received, and a
    // QStringList of copies was a tenth of a busy receiver's allocations.
    QStringView levels[5];
    qsizetype count = 0;
    for (QStringView level :
            QStringView(topic).sliced(m_prefix.size() + 1).tokenize(u'/', Qt::KeepEmptyParts)) {
        if (count == qsizetype(std::size(levels)))
            return std::nullopt;
        levels[count++] = level;
    }
    if (count == 2 && levels[0] == u"presence" && isValidName(levels[1]))
        return Parsed { Parsed::Kind::Presence, QString(), levels[1].toString() };
    if (count == 4 && levels[0] == u"rooms" && isValidName(levels[1]) && isValidName(levels[3])) {
        if (levels[2] == u"from")
            return Parsed { Parsed::Kind::Message, levels[1].toString(), levels[3].toString() };
        if (levels[2] == u"typing")
            return Parsed { Parsed::Kind::Typing, levels[1].toString(), levels[3].toString() };
        if (levels[2] == u"members")
            return Parsed { Parsed::Kind::Member, levels[1].toString(), levels[3].toString() };
    }
    return std::nullopt;
}

} // namespace longlink
