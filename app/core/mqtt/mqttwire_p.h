// Wire-level helpers shared by the MQTT codec's source files
// (mqttproperties.cpp, mqttencode.cpp, mqttdecode.cpp, mqtttopics.cpp).
// Private to the codec: nothing outside app/core/mqtt includes this.
#pragma once

#include "mqttpacket.h"

#include <QtCore/QByteArrayView>
#include <QtCore/QChar>
#include <QtCore/QString>
#include <QtCore/QStringView>

#include <algorithm>
#include <cstring>

namespace longlink::mqtt::wire {

using Qt::Literals::StringLiterals::operator""_s;

constexpr qsizetype kMaxStringBytes = 65535;
constexpr quint8 kPubrelSubscribeFlags = 0x02;

inline int varIntSize(quint32 value)
{
    return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : 4;
}

// UTF-8 length of `s`, or -1 with `error` set when MQTT cannot carry it:
// U+0000 is forbidden (spec 1.5.4) and a lone surrogate has no UTF-8 form.
inline qsizetype utf8Length(QStringView s, QString *error)
{
    const char16_t *u = s.utf16();
    const qsizetype n = s.size();
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = u[i];
        if (c < 0x80) {
            if (c == 0) {
                if (error)
                    *error = u"string contains U+0000"_s;
                return -1;
            }
            bytes += 1;
        } else if (c < 0x800) {
            bytes += 2;
        } else if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(u[i + 1])) {
            bytes += 4;
            ++i;
        } else if (QChar::isSurrogate(c)) {
            if (error)
                *error = u"string contains an unpaired surrogate"_s;
            return -1;
        } else {
            bytes += 3;
        }
    }
    return bytes;
}

// Strict UTF-8 as MQTT requires: no overlong forms, no surrogates, nothing
// above U+10FFFF, and no U+0000. QString::fromUtf8 would silently substitute
// U+FFFD instead of telling us the peer is broken.
inline bool isStrictUtf8(const uchar *p, qsizetype n)
{
    qsizetype i = 0;
    while (i < n) {
        const uchar c = p[i];
        if (c < 0x80) {
            if (c == 0)
                return false;
            ++i;
            continue;
        }
        int length;
        char32_t cp;
        char32_t minimum;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            cp = c & 0x1F;
            minimum = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            cp = c & 0x0F;
            minimum = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            cp = c & 0x07;
            minimum = 0x10000;
        } else {
            return false;
        }
        if (n - i < length)
            return false;
        for (int k = 1; k < length; ++k) {
            const uchar b = p[i + k];
            if ((b & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (b & 0x3F);
        }
        if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

// Why `topic` cannot be a PUBLISH topic name; empty when it can.
// Defined in mqtttopics.cpp.
QString topicNameProblem(QStringView topic);

// Whether `properties` has one with `id`. Defined in mqttproperties.cpp.
bool hasProperty(const Properties &properties, PropertyId id);

// ---------------------------------------------------------------------------
// Encoding. Every packet body is written by one template run twice: first
// into a SizeCounter, which also catches values the wire cannot carry, then
// into a Writer over a buffer allocated once at the exact size.

class SizeCounter
{
public:
    void byte(quint8) { m_size += 1; }
    void u16(quint16) { m_size += 2; }
    void u32(quint32) { m_size += 4; }
    void varInt(quint32 value)
    {
        if (value > kMaxRemainingLength)
            fail(u"variable byte integer exceeds 268,435,455"_s);
        m_size += varIntSize(value);
    }
    void string(QStringView s)
    {
        QString error;
        const qsizetype bytes = utf8Length(s, &error);
        if (bytes < 0)
            fail(error);
        else if (bytes > kMaxStringBytes)
            fail(u"string exceeds 65,535 UTF-8 bytes"_s);
        m_size += 2 + std::max<qsizetype>(bytes, 0);
    }
    void binary(QByteArrayView data)
    {
        if (data.size() > kMaxStringBytes)
            fail(u"binary data exceeds 65,535 bytes"_s);
        m_size += 2 + data.size();
    }
    void raw(QByteArrayView data) { m_size += data.size(); }
    void fail(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }

    qint64 size() const { return m_size; }
    const QString &error() const { return m_error; }

private:
    qint64 m_size = 0;
    QString m_error;
};

class Writer
{
public:
    explicit Writer(char *out) : m_p(out) { }

    void byte(quint8 value) { *m_p++ = char(value); }
    void u16(quint16 value)
    {
        m_p[0] = char(value >> 8);
        m_p[1] = char(value);
        m_p += 2;
    }
    void u32(quint32 value)
    {
        m_p[0] = char(value >> 24);
        m_p[1] = char(value >> 16);
        m_p[2] = char(value >> 8);
        m_p[3] = char(value);
        m_p += 4;
    }
    void varInt(quint32 value)
    {
        do {
            quint8 b = value & 0x7F;
            value >>= 7;
            if (value)
                b |= 0x80;
            *m_p++ = char(b);
        } while (value);
    }
    // Encodes straight into the packet and back-fills the length prefix, so
    // no temporary QByteArray is made per string. SizeCounter has already
    // rejected U+0000 and lone surrogates.
    void string(QStringView s)
    {
        char *prefix = m_p;
        m_p += 2;
        char *start = m_p;
        const char16_t *u = s.utf16();
        const qsizetype n = s.size();
        for (qsizetype i = 0; i < n; ++i) {
            char32_t c = u[i];
            if (c < 0x80) {
                *m_p++ = char(c);
            } else if (c < 0x800) {
                *m_p++ = char(0xC0 | (c >> 6));
                *m_p++ = char(0x80 | (c & 0x3F));
            } else if (QChar::isHighSurrogate(c) && i + 1 < n) {
                c = QChar::surrogateToUcs4(char16_t(c), u[++i]);
                *m_p++ = char(0xF0 | (c >> 18));
                *m_p++ = char(0x80 | ((c >> 12) & 0x3F));
                *m_p++ = char(0x80 | ((c >> 6) & 0x3F));
                *m_p++ = char(0x80 | (c & 0x3F));
            } else {
                *m_p++ = char(0xE0 | (c >> 12));
                *m_p++ = char(0x80 | ((c >> 6) & 0x3F));
                *m_p++ = char(0x80 | (c & 0x3F));
            }
        }
        const auto length = quint16(m_p - start);
        prefix[0] = char(length >> 8);
        prefix[1] = char(length);
    }
    void binary(QByteArrayView data)
    {
        u16(quint16(data.size()));
        raw(data);
    }
    void raw(QByteArrayView data)
    {
        if (!data.isEmpty()) {
            std::memcpy(m_p, data.data(), size_t(data.size()));
            m_p += data.size();
        }
    }
    void fail(const QString &) { Q_ASSERT_X(false, "mqtt::Writer", "SizeCounter missed an error"); }

    const char *position() const { return m_p; }

private:
    char *m_p;
};

// Writes the property length and then each property. Defined in
// mqttproperties.cpp for the two writers above.
template<typename Out> void writeProperties(Out &out, const Properties &properties);
extern template void writeProperties(SizeCounter &out, const Properties &properties);
extern template void writeProperties(Writer &out, const Properties &properties);

// ---------------------------------------------------------------------------
// Decoding.

// Reads fields from one packet body; the first failure sticks in `*error`.
class Cursor
{
public:
    Cursor(const uchar *begin, const uchar *end, QString *error)
        : m_p(begin), m_end(end), m_error(error)
    {
    }

    qsizetype remaining() const { return m_end - m_p; }
    bool atEnd() const { return m_p == m_end; }

    bool fail(const QString &message)
    {
        if (m_error->isEmpty())
            *m_error = message;
        return false;
    }

    bool u8(quint8 &value)
    {
        if (remaining() < 1)
            return truncated();
        value = *m_p++;
        return true;
    }
    bool u16(quint16 &value)
    {
        if (remaining() < 2)
            return truncated();
        value = quint16(m_p[0] << 8 | m_p[1]);
        m_p += 2;
        return true;
    }
    bool u32(quint32 &value)
    {
        if (remaining() < 4)
            return truncated();
        value = quint32(m_p[0]) << 24 | quint32(m_p[1]) << 16 | quint32(m_p[2]) << 8 | m_p[3];
        m_p += 4;
        return true;
    }
    bool varInt(quint32 &value)
    {
        value = 0;
        for (int i = 0; i < 4; ++i) {
            quint8 b = 0;
            if (!u8(b))
                return false;
            value |= quint32(b & 0x7F) << (7 * i);
            if (!(b & 0x80))
                return true;
        }
        return fail(u"variable byte integer exceeds 4 bytes"_s);
    }
    bool string(QString &value)
    {
        quint16 length = 0;
        if (!u16(length))
            return false;
        if (remaining() < length)
            return fail(u"string extends beyond the packet end"_s);
        if (!isStrictUtf8(m_p, length))
            return fail(u"string is not valid UTF-8 or contains U+0000"_s);
        value = QString::fromUtf8(reinterpret_cast<const char *>(m_p), length);
        m_p += length;
        return true;
    }
    bool binary(QByteArray &value)
    {
        quint16 length = 0;
        if (!u16(length))
            return false;
        if (remaining() < length)
            return fail(u"binary data extends beyond the packet end"_s);
        value = QByteArray(reinterpret_cast<const char *>(m_p), length);
        m_p += length;
        return true;
    }
    QByteArray rest()
    {
        QByteArray value(reinterpret_cast<const char *>(m_p), remaining());
        m_p = m_end;
        return value;
    }
    // Splits off the next `length` bytes as their own cursor.
    bool take(qsizetype length, Cursor &part)
    {
        if (remaining() < length)
            return fail(u"property length extends beyond the packet end"_s);
        part = Cursor(m_p, m_p + length, m_error);
        m_p += length;
        return true;
    }

private:
    bool truncated() { return fail(u"field extends beyond the packet end"_s); }

    const uchar *m_p;
    const uchar *m_end;
    QString *m_error;
};

// Reads a property length and the properties it covers. Defined in
// mqttproperties.cpp.
bool readProperties(Cursor &c, Properties &properties);

} // namespace longlink::mqtt::wire
