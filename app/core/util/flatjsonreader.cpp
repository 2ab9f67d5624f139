#include "flatjsonreader.h"

#include <QtCore/QUtf8StringView>

namespace longlink {

namespace {

class Cursor
{
public:
    explicit Cursor(QByteArrayView text) : m_text(text) { }

    void skipSpace()
    {
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++m_at;
        }
    }
    bool atEnd() const { return m_at >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_at]; }
    bool take(char c)
    {
        skipSpace();
        if (peek() != c)
            return false;
        ++m_at;
        return true;
    }
    // A string literal without escapes or control characters, as a view.
    std::optional<QByteArrayView> plainString()
    {
        if (!take('"'))
            return std::nullopt;
        const qsizetype start = m_at;
        while (m_at < m_text.size()) {
            const auto c = quint8(m_text[m_at]);
            if (c == '"') {
                const QByteArrayView body = m_text.sliced(start, m_at - start);
                ++m_at;
                return body;
            }
            if (c == '\\' || c < 0x20)
                return std::nullopt; // escapes and controls: the full parser's
            ++m_at;
        }
        return std::nullopt;
    }
    // -?(0|[1-9][0-9]*) with at most 15 digits: exact as a double too.
    std::optional<qint64> shortInteger()
    {
        skipSpace();
        const bool negative = peek() == '-';
        if (negative)
            ++m_at;
        const qsizetype start = m_at;
        qint64 value = 0;
        while (m_at < m_text.size() && m_text[m_at] >= '0' && m_text[m_at] <= '9') {
            if (m_at - start == 15)
                return std::nullopt; // longer: QJsonDocument's (and no overflow here)
            value = value * 10 + (m_text[m_at++] - '0');
        }
        const qsizetype digits = m_at - start;
        if (digits == 0 || (digits > 1 && m_text[start] == '0'))
            return std::nullopt;
        // A fraction or exponent follows: not an integer literal.
        if (!atEnd() && (peek() == '.' || peek() == 'e' || peek() == 'E'))
            return std::nullopt;
        return negative ? -value : value;
    }

private:
    QByteArrayView m_text;
    qsizetype m_at = 0;
};

} // namespace

std::optional<QList<FlatJsonReader::Member>> FlatJsonReader::read(QByteArrayView json)
{
    Cursor c(json);
    if (!c.take('{'))
        return std::nullopt;
    QList<Member> members;
    members.reserve(6);
    if (c.take('}')) {
        c.skipSpace();
        return c.atEnd() ? std::optional(members) : std::nullopt;
    }
    for (;;) {
        const std::optional<QByteArrayView> key = c.plainString();
        if (!key || !QUtf8StringView(*key).isValidUtf8() || !c.take(':'))
            return std::nullopt;
        for (const Member &member : std::as_const(members)) {
            if (member.first == *key)
                return std::nullopt; // which one wins is the full parser's call
        }
        Value value;
        c.skipSpace();
        if (c.peek() == '"') {
            const std::optional<QByteArrayView> text = c.plainString();
            if (!text || !QUtf8StringView(*text).isValidUtf8())
                return std::nullopt;
            value.isString = true;
            value.string = QString::fromUtf8(*text);
        } else {
            const std::optional<qint64> number = c.shortInteger();
            if (!number)
                return std::nullopt;
            value.integer = *number;
        }
        members.append({ *key, std::move(value) });
        if (c.take(','))
            continue;
        if (!c.take('}'))
            return std::nullopt;
        c.skipSpace();
        return c.atEnd() ? std::optional(members) : std::nullopt;
    }
}

} // namespace longlink
