#include "jsonobjectwriter.h"

#include <algorithm>

namespace longlink {

JsonObjectWriter::JsonObjectWriter(qsizetype reserve)
{
    m_out.reserve(reserve);
    m_out += '{';
}

void JsonObjectWriter::appendKey(const char *key)
{
    if (!m_first)
        m_out += ',';
    m_first = false;
    m_out += '"';
    m_out += key; // keys are our own literals: plain ASCII, nothing to escape
    m_out += "\":";
}

JsonObjectWriter &JsonObjectWriter::add(const char *key, const QString &value)
{
    appendKey(key);
    appendString(m_out, value);
    return *this;
}

JsonObjectWriter &JsonObjectWriter::add(const char *key, qint64 value)
{
    appendKey(key);
    m_out += QByteArray::number(value);
    return *this;
}

JsonObjectWriter &JsonObjectWriter::add(const char *key, bool value)
{
    appendKey(key);
    m_out += value ? "true" : "false";
    return *this;
}

QByteArray JsonObjectWriter::finish()
{
    m_out += '}';
    return std::move(m_out);
}

void JsonObjectWriter::appendString(QByteArray &out, const QString &text)
{
    static const char kHex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out.reserve(out.size() + utf8.size() + 2);
    out += '"';
    // Most texts need no escaping at all: copy them in one go.
    const bool plain = std::none_of(utf8.cbegin(), utf8.cend(),
            [](char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; });
    if (plain) {
        out += utf8;
        out += '"';
        return;
    }
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        switch (byte) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (byte < 0x20) {
                out += "\\u00";
                out += kHex[byte >> 4];
                out += kHex[byte & 0xF];
            } else {
                out += c; // UTF-8 passes through: JSON text is UTF-8
            }
        }
    }
    out += '"';
}

} // namespace longlink
