#include "mentions.h"

#include "chattopics.h"

namespace longlink {

namespace {
// The code point at `i` (a surrogate pair counts as one) and its length.
std::pair<char32_t, qsizetype> codePointAt(QStringView text, qsizetype i)
{
    const char16_t unit = text[i].unicode();
    if (QChar::isHighSurrogate(unit) && i + 1 < text.size() && text[i + 1].isLowSurrogate())
        return { QChar::surrogateToUcs4(unit, text[i + 1].unicode()), 2 };
    return { unit, 1 };
}

// The code point that ends just before `i`.
char32_t codePointBefore(QStringView text, qsizetype i)
{
    const char16_t unit = text[i - 1].unicode();
    if (QChar::isLowSurrogate(unit) && i >= 2 && text[i - 2].isHighSurrogate())
        return QChar::surrogateToUcs4(text[i - 2].unicode(), unit);
    return unit;
}

// The end of the run of name characters that starts at `from`.
qsizetype nameEnd(QStringView text, qsizetype from)
{
    qsizetype end = from;
    while (end < text.size()) {
        const auto [c, length] = codePointAt(text, end);
        if (!ChatTopics::isNameCharacter(c))
            break;
        end += length;
    }
    return end;
}

bool startsMention(QStringView text, qsizetype at)
{
    return text[at] == u'@' && (at == 0 || !ChatTopics::isNameCharacter(codePointBefore(text, at)));
}
} // namespace

QList<Mentions::Span> Mentions::find(QStringView text)
{
    QList<Span> found;
    for (qsizetype at = text.indexOf(u'@'); at >= 0; at = text.indexOf(u'@', at + 1)) {
        if (!startsMention(text, at))
            continue;
        const qsizetype end = nameEnd(text, at + 1);
        const QStringView name = text.sliced(at + 1, end - at - 1);
        if (ChatTopics::isValidName(name))
            found.append({ at, end - at, name.toString() });
    }
    return found;
}

bool Mentions::mentions(QStringView text, QStringView user)
{
    if (!text.contains(u'@'))
        return false; // most messages: no scan
    for (const Span &span : find(text)) {
        if (span.name == user)
            return true;
    }
    return false;
}

std::optional<Mentions::Span> Mentions::typedAt(QStringView text, qsizetype cursor)
{
    if (cursor <= 0 || cursor > text.size())
        return std::nullopt;
    // Back over name characters to the '@' that starts them.
    qsizetype at = cursor;
    while (at > 0) {
        const char32_t c = codePointBefore(text, at);
        if (!ChatTopics::isNameCharacter(c))
            break;
        at -= c > 0xFFFF ? 2 : 1;
    }
    if (at == 0 || !startsMention(text, at - 1))
        return std::nullopt;
    --at;
    return Span { at, cursor - at, text.sliced(at + 1, cursor - at - 1).toString() };
}

} // namespace longlink
