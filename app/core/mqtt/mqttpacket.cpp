#include "mqttpacket.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

using namespace Qt::StringLiterals;

namespace longlink::mqtt {

namespace {

constexpr qsizetype kMaxStringBytes = 65535;
constexpr quint8 kPubrelSubscribeFlags = 0x02;
// A drained buffer keeps its allocation for the next packets unless a large
// packet inflated it; then it is released so one burst does not pin memory.
constexpr qsizetype kKeptBufferCapacity = 64 * 1024;

enum class PropertyKind { Invalid, Byte, TwoByte, FourByte, VarInt, String, Binary, StringPair };

PropertyKind propertyKind(quint32 id)
{
    if (id > 0xFF)
        return PropertyKind::Invalid;
    switch (PropertyId(id)) {
    case PropertyId::PayloadFormatIndicator:
    case PropertyId::RequestProblemInformation:
    case PropertyId::RequestResponseInformation:
    case PropertyId::MaximumQoS:
    case PropertyId::RetainAvailable:
    case PropertyId::WildcardSubscriptionAvailable:
    case PropertyId::SubscriptionIdentifierAvailable:
    case PropertyId::SharedSubscriptionAvailable:
        return PropertyKind::Byte;
    case PropertyId::ServerKeepAlive:
    case PropertyId::ReceiveMaximum:
    case PropertyId::TopicAliasMaximum:
    case PropertyId::TopicAlias:
        return PropertyKind::TwoByte;
    case PropertyId::MessageExpiryInterval:
    case PropertyId::SessionExpiryInterval:
    case PropertyId::WillDelayInterval:
    case PropertyId::MaximumPacketSize:
        return PropertyKind::FourByte;
    case PropertyId::SubscriptionIdentifier:
        return PropertyKind::VarInt;
    case PropertyId::ContentType:
    case PropertyId::ResponseTopic:
    case PropertyId::AssignedClientIdentifier:
    case PropertyId::AuthenticationMethod:
    case PropertyId::ResponseInformation:
    case PropertyId::ServerReference:
    case PropertyId::ReasonString:
        return PropertyKind::String;
    case PropertyId::CorrelationData:
    case PropertyId::AuthenticationData:
        return PropertyKind::Binary;
    case PropertyId::UserProperty:
        return PropertyKind::StringPair;
    }
    // The id came off the wire or was cast from an arbitrary integer.
    return PropertyKind::Invalid;
}

QString hexByte(quint32 value)
{
    return u"0x"_s + QString::number(value, 16).rightJustified(2, u'0');
}

int varIntSize(quint32 value)
{
    return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : 4;
}

// UTF-8 length of `s`, or -1 with `error` set when MQTT cannot carry it:
// U+0000 is forbidden (spec 1.5.4) and a lone surrogate has no UTF-8 form.
qsizetype utf8Length(QStringView s, QString *error)
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
bool isStrictUtf8(const uchar *p, qsizetype n)
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
QString topicNameProblem(QStringView topic)
{
    if (topic.isEmpty())
        return u"topic name is empty"_s;
    if (topic.contains(u'+') || topic.contains(u'#'))
        return u"topic name contains a wildcard"_s;
    QString error;
    const qsizetype bytes = utf8Length(topic, &error);
    if (bytes < 0)
        return u"topic name: "_s + error;
    if (bytes > kMaxStringBytes)
        return u"topic name exceeds 65,535 UTF-8 bytes"_s;
    return {};
}

bool hasProperty(const Properties &properties, PropertyId id)
{
    for (const Property &p : properties) {
        if (p.id == id)
            return true;
    }
    return false;
}

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

// Accepts any integral QVariant; a quint32 is what decoding produces, but
// callers naturally write plain int literals too.
bool propertyInteger(const QVariant &value, quint32 maximum, quint32 &out)
{
    switch (value.typeId()) {
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::Short:
    case QMetaType::Int:
    case QMetaType::Long:
    case QMetaType::LongLong: {
        const qlonglong v = value.toLongLong();
        if (v < 0 || qulonglong(v) > maximum)
            return false;
        out = quint32(v);
        return true;
    }
    case QMetaType::UChar:
    case QMetaType::UShort:
    case QMetaType::UInt:
    case QMetaType::ULong:
    case QMetaType::ULongLong: {
        const qulonglong v = value.toULongLong();
        if (v > maximum)
            return false;
        out = quint32(v);
        return true;
    }
    default:
        return false;
    }
}

template<typename Out> void writeProperty(Out &out, const Property &property)
{
    const auto id = quint8(property.id);
    const QVariant &value = property.value;
    const auto invalid = [&](const QString &expected) {
        out.fail(u"property "_s + hexByte(id) + u" needs "_s + expected);
    };
    quint32 number = 0;
    switch (propertyKind(id)) {
    case PropertyKind::Invalid:
        out.fail(u"unknown property identifier "_s + hexByte(id));
        return;
    case PropertyKind::Byte:
        if (!propertyInteger(value, 0xFF, number))
            return invalid(u"an integer from 0 to 255"_s);
        out.byte(id);
        out.byte(quint8(number));
        return;
    case PropertyKind::TwoByte:
        if (!propertyInteger(value, 0xFFFF, number))
            return invalid(u"an integer from 0 to 65,535"_s);
        out.byte(id);
        out.u16(quint16(number));
        return;
    case PropertyKind::FourByte:
        if (!propertyInteger(value, 0xFFFFFFFF, number))
            return invalid(u"an unsigned 32-bit integer"_s);
        out.byte(id);
        out.u32(number);
        return;
    case PropertyKind::VarInt:
        if (!propertyInteger(value, kMaxRemainingLength, number))
            return invalid(u"an integer from 0 to 268,435,455"_s);
        out.byte(id);
        out.varInt(number);
        return;
    case PropertyKind::String:
        if (value.typeId() != QMetaType::QString)
            return invalid(u"a QString"_s);
        out.byte(id);
        out.string(*static_cast<const QString *>(value.constData()));
        return;
    case PropertyKind::Binary:
        if (value.typeId() != QMetaType::QByteArray)
            return invalid(u"a QByteArray"_s);
        out.byte(id);
        out.binary(*static_cast<const QByteArray *>(value.constData()));
        return;
    case PropertyKind::StringPair: {
        if (value.typeId() != QMetaType::QStringList)
            return invalid(u"a QStringList of key and value"_s);
        const auto &pair = *static_cast<const QStringList *>(value.constData());
        if (pair.size() != 2)
            return invalid(u"a QStringList of key and value"_s);
        out.byte(id);
        out.string(pair.at(0));
        out.string(pair.at(1));
        return;
    }
    }
}

template<typename Out> void writeProperties(Out &out, const Properties &properties)
{
    if (properties.isEmpty()) {
        out.byte(0);
        return;
    }
    SizeCounter counter;
    for (const Property &p : properties)
        writeProperty(counter, p);
    // A bad property is reported when `out` is itself the SizeCounter; the clamp
    // keeps an oversized length visible to it instead of wrapping.
    out.varInt(quint32(std::min<qint64>(counter.size(), kMaxRemainingLength + 1LL)));
    for (const Property &p : properties)
        writeProperty(out, p);
}

// --- Per packet: validate(), firstByte(), writeBody(). ---------------------

QString validate(const Connect &p, ProtocolVersion version)
{
    if (p.version != version)
        return u"CONNECT version does not match the encoding version"_s;
    if (p.will) {
        if (p.will->qos > 2)
            return u"will QoS is greater than 2"_s;
        const QString problem = topicNameProblem(p.will->topic);
        if (!problem.isEmpty())
            return u"will "_s + problem;
    }
    if (version == ProtocolVersion::V311 && p.password && !p.username)
        return u"MQTT 3.1.1 does not allow a password without a username"_s;
    return {};
}

quint8 firstByte(const Connect &)
{
    return quint8(PacketType::Connect) << 4;
}

template<typename Out> void writeBody(Out &out, const Connect &p, ProtocolVersion version)
{
    const bool v5 = version == ProtocolVersion::V5;
    out.string(u"MQTT");
    out.byte(quint8(version));
    quint8 flags = p.cleanStart ? 0x02 : 0x00;
    if (p.will) {
        flags |= 0x04 | quint8(p.will->qos << 3);
        if (p.will->retain)
            flags |= 0x20;
    }
    if (p.password)
        flags |= 0x40;
    if (p.username)
        flags |= 0x80;
    out.byte(flags);
    out.u16(p.keepAlive);
    if (v5)
        writeProperties(out, p.properties);
    out.string(p.clientId);
    if (p.will) {
        if (v5)
            writeProperties(out, p.will->properties);
        out.string(p.will->topic);
        out.binary(p.will->payload);
    }
    if (p.username)
        out.string(*p.username);
    if (p.password)
        out.binary(*p.password);
}

QString validate(const Connack &, ProtocolVersion)
{
    return {};
}

quint8 firstByte(const Connack &)
{
    return quint8(PacketType::Connack) << 4;
}

template<typename Out> void writeBody(Out &out, const Connack &p, ProtocolVersion version)
{
    out.byte(p.sessionPresent ? 0x01 : 0x00);
    out.byte(p.returnCode);
    if (version == ProtocolVersion::V5)
        writeProperties(out, p.properties);
}

QString validate(const Publish &p, ProtocolVersion version)
{
    if (p.qos > 2)
        return u"PUBLISH QoS is greater than 2"_s;
    if (p.dup && p.qos == 0)
        return u"PUBLISH has DUP set at QoS 0"_s;
    if (p.qos > 0 && p.packetId == 0)
        return u"PUBLISH at QoS 1 or 2 needs a nonzero packet id"_s;
    // MQTT 5 lets a topic alias stand in for the topic name.
    if (p.topic.isEmpty() && version == ProtocolVersion::V5
            && hasProperty(p.properties, PropertyId::TopicAlias))
        return {};
    const QString problem = topicNameProblem(p.topic);
    if (!problem.isEmpty())
        return u"PUBLISH "_s + problem;
    return {};
}

quint8 firstByte(const Publish &p)
{
    return quint8(quint8(PacketType::Publish) << 4 | (p.dup ? 0x08 : 0) | (p.qos << 1)
            | (p.retain ? 0x01 : 0));
}

template<typename Out> void writeBody(Out &out, const Publish &p, ProtocolVersion version)
{
    out.string(p.topic);
    // A packet id has no meaning at QoS 0 and is not written.
    if (p.qos > 0)
        out.u16(p.packetId);
    if (version == ProtocolVersion::V5)
        writeProperties(out, p.properties);
    out.raw(p.payload);
}

QString validate(const Ack &p, ProtocolVersion)
{
    if (p.type != PacketType::Puback && p.type != PacketType::Pubrec && p.type != PacketType::Pubrel
            && p.type != PacketType::Pubcomp)
        return u"Ack type must be PUBACK, PUBREC, PUBREL or PUBCOMP"_s;
    if (p.packetId == 0)
        return packetTypeName(p.type) + u" needs a nonzero packet id"_s;
    return {};
}

quint8 firstByte(const Ack &p)
{
    return quint8(quint8(p.type) << 4 | (p.type == PacketType::Pubrel ? kPubrelSubscribeFlags : 0));
}

template<typename Out> void writeBody(Out &out, const Ack &p, ProtocolVersion version)
{
    out.u16(p.packetId);
    // MQTT 5 lets the common success case stay at the 3.1.1 size.
    if (version != ProtocolVersion::V5 || (p.reasonCode == 0 && p.properties.isEmpty()))
        return;
    out.byte(p.reasonCode);
    if (!p.properties.isEmpty())
        writeProperties(out, p.properties);
}

QString validate(const Subscribe &p, ProtocolVersion version)
{
    if (p.packetId == 0)
        return u"SUBSCRIBE needs a nonzero packet id"_s;
    if (p.subscriptions.isEmpty())
        return u"SUBSCRIBE has no subscriptions"_s;
    for (const Subscription &s : p.subscriptions) {
        if (!isValidTopicFilter(s.filter))
            return u"SUBSCRIBE has an invalid topic filter"_s;
        if (s.qos > 2)
            return u"subscription QoS is greater than 2"_s;
        if (version == ProtocolVersion::V5 && s.retainHandling > 2)
            return u"subscription retain handling is greater than 2"_s;
    }
    return {};
}

quint8 firstByte(const Subscribe &)
{
    return quint8(quint8(PacketType::Subscribe) << 4 | kPubrelSubscribeFlags);
}

template<typename Out> void writeBody(Out &out, const Subscribe &p, ProtocolVersion version)
{
    const bool v5 = version == ProtocolVersion::V5;
    out.u16(p.packetId);
    if (v5)
        writeProperties(out, p.properties);
    for (const Subscription &s : p.subscriptions) {
        out.string(s.filter);
        quint8 options = s.qos;
        if (v5) {
            options |= quint8((s.noLocal ? 0x04 : 0) | (s.retainAsPublished ? 0x08 : 0)
                    | (s.retainHandling << 4));
        }
        out.byte(options);
    }
}

QString validate(const Suback &p, ProtocolVersion)
{
    if (p.packetId == 0)
        return u"SUBACK needs a nonzero packet id"_s;
    if (p.reasonCodes.isEmpty())
        return u"SUBACK has no reason codes"_s;
    return {};
}

quint8 firstByte(const Suback &)
{
    return quint8(PacketType::Suback) << 4;
}

template<typename Out> void writeBody(Out &out, const Suback &p, ProtocolVersion version)
{
    out.u16(p.packetId);
    if (version == ProtocolVersion::V5)
        writeProperties(out, p.properties);
    for (quint8 code : p.reasonCodes)
        out.byte(code);
}

QString validate(const Unsubscribe &p, ProtocolVersion)
{
    if (p.packetId == 0)
        return u"UNSUBSCRIBE needs a nonzero packet id"_s;
    if (p.filters.isEmpty())
        return u"UNSUBSCRIBE has no topic filters"_s;
    for (const QString &filter : p.filters) {
        if (!isValidTopicFilter(filter))
            return u"UNSUBSCRIBE has an invalid topic filter"_s;
    }
    return {};
}

quint8 firstByte(const Unsubscribe &)
{
    return quint8(quint8(PacketType::Unsubscribe) << 4 | kPubrelSubscribeFlags);
}

template<typename Out> void writeBody(Out &out, const Unsubscribe &p, ProtocolVersion version)
{
    out.u16(p.packetId);
    if (version == ProtocolVersion::V5)
        writeProperties(out, p.properties);
    for (const QString &filter : p.filters)
        out.string(filter);
}

QString validate(const Unsuback &p, ProtocolVersion version)
{
    if (p.packetId == 0)
        return u"UNSUBACK needs a nonzero packet id"_s;
    if (version == ProtocolVersion::V5 && p.reasonCodes.isEmpty())
        return u"UNSUBACK has no reason codes"_s;
    return {};
}

quint8 firstByte(const Unsuback &)
{
    return quint8(PacketType::Unsuback) << 4;
}

template<typename Out> void writeBody(Out &out, const Unsuback &p, ProtocolVersion version)
{
    out.u16(p.packetId);
    if (version != ProtocolVersion::V5)
        return;
    writeProperties(out, p.properties);
    for (quint8 code : p.reasonCodes)
        out.byte(code);
}

QString validate(const Pingreq &, ProtocolVersion)
{
    return {};
}
quint8 firstByte(const Pingreq &)
{
    return quint8(PacketType::Pingreq) << 4;
}
template<typename Out> void writeBody(Out &, const Pingreq &, ProtocolVersion) { }

QString validate(const Pingresp &, ProtocolVersion)
{
    return {};
}
quint8 firstByte(const Pingresp &)
{
    return quint8(PacketType::Pingresp) << 4;
}
template<typename Out> void writeBody(Out &, const Pingresp &, ProtocolVersion) { }

QString validate(const Disconnect &, ProtocolVersion)
{
    return {};
}

quint8 firstByte(const Disconnect &)
{
    return quint8(PacketType::Disconnect) << 4;
}

template<typename Out> void writeBody(Out &out, const Disconnect &p, ProtocolVersion version)
{
    if (version != ProtocolVersion::V5 || (p.reasonCode == 0 && p.properties.isEmpty()))
        return;
    out.byte(p.reasonCode);
    if (!p.properties.isEmpty())
        writeProperties(out, p.properties);
}

QString validate(const Auth &, ProtocolVersion version)
{
    if (version != ProtocolVersion::V5)
        return u"AUTH exists only in MQTT 5"_s;
    return {};
}

quint8 firstByte(const Auth &)
{
    return quint8(PacketType::Auth) << 4;
}

template<typename Out> void writeBody(Out &out, const Auth &p, ProtocolVersion)
{
    if (p.reasonCode == 0 && p.properties.isEmpty())
        return;
    out.byte(p.reasonCode);
    writeProperties(out, p.properties);
}

template<typename T>
QByteArray encodePacket(const T &packet, ProtocolVersion version, QString *error)
{
    QString problem = validate(packet, version);
    SizeCounter counter;
    if (problem.isEmpty()) {
        writeBody(counter, packet, version);
        problem = counter.error();
    }
    if (problem.isEmpty() && counter.size() > kMaxRemainingLength)
        problem = u"packet exceeds the maximum remaining length of 268,435,455 bytes"_s;
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return {};
    }
    const auto remaining = quint32(counter.size());
    QByteArray bytes(1 + varIntSize(remaining) + qsizetype(remaining), Qt::Uninitialized);
    Writer writer(bytes.data());
    writer.byte(firstByte(packet));
    writer.varInt(remaining);
    writeBody(writer, packet, version);
    Q_ASSERT(writer.position() == bytes.constData() + bytes.size());
    return bytes;
}

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

bool readProperties(Cursor &c, Properties &properties)
{
    quint32 length = 0;
    if (!c.varInt(length))
        return false;
    Cursor part(nullptr, nullptr, nullptr);
    if (!c.take(length, part))
        return false;
    while (!part.atEnd()) {
        quint32 id = 0;
        if (!part.varInt(id))
            return false;
        Property property { PropertyId(id), {} };
        switch (propertyKind(id)) {
        case PropertyKind::Invalid:
            return part.fail(u"unknown property identifier "_s + hexByte(id));
        case PropertyKind::Byte: {
            quint8 v = 0;
            if (!part.u8(v))
                return false;
            property.value = QVariant::fromValue(quint32(v));
            break;
        }
        case PropertyKind::TwoByte: {
            quint16 v = 0;
            if (!part.u16(v))
                return false;
            property.value = QVariant::fromValue(quint32(v));
            break;
        }
        case PropertyKind::FourByte: {
            quint32 v = 0;
            if (!part.u32(v))
                return false;
            property.value = QVariant::fromValue(v);
            break;
        }
        case PropertyKind::VarInt: {
            quint32 v = 0;
            if (!part.varInt(v))
                return false;
            property.value = QVariant::fromValue(v);
            break;
        }
        case PropertyKind::String: {
            QString v;
            if (!part.string(v))
                return false;
            property.value = v;
            break;
        }
        case PropertyKind::Binary: {
            QByteArray v;
            if (!part.binary(v))
                return false;
            property.value = v;
            break;
        }
        case PropertyKind::StringPair: {
            QString key;
            QString value;
            if (!part.string(key) || !part.string(value))
                return false;
            property.value = QStringList { key, value };
            break;
        }
        }
        properties.append(std::move(property));
    }
    return true;
}

bool expectEnd(Cursor &c, PacketType type)
{
    if (!c.atEnd())
        return c.fail(packetTypeName(type) + u" has bytes after its last field"_s);
    return true;
}

bool readPacketId(Cursor &c, PacketType type, quint16 &id)
{
    if (!c.u16(id))
        return false;
    if (id == 0)
        return c.fail(packetTypeName(type) + u" has packet id 0"_s);
    return true;
}

bool decodeConnect(Cursor &c, Packet &out)
{
    Connect p;
    QString name;
    if (!c.string(name))
        return false;
    if (name != u"MQTT"_s)
        return c.fail(u"CONNECT protocol name is not MQTT"_s);
    quint8 level = 0;
    if (!c.u8(level))
        return false;
    if (level != quint8(ProtocolVersion::V311) && level != quint8(ProtocolVersion::V5))
        return c.fail(u"unsupported protocol level "_s + QString::number(level));
    // The CONNECT names its own version; a server learns it from here.
    p.version = ProtocolVersion(level);
    const bool v5 = p.version == ProtocolVersion::V5;

    quint8 flags = 0;
    if (!c.u8(flags))
        return false;
    if (flags & 0x01)
        return c.fail(u"CONNECT reserved flag is set"_s);
    const bool hasWill = flags & 0x04;
    const quint8 willQos = (flags >> 3) & 0x03;
    const bool willRetain = flags & 0x20;
    const bool hasPassword = flags & 0x40;
    const bool hasUsername = flags & 0x80;
    if (!hasWill && (willQos != 0 || willRetain))
        return c.fail(u"CONNECT sets will QoS or retain without a will"_s);
    if (willQos > 2)
        return c.fail(u"CONNECT will has QoS 3"_s);
    if (!v5 && hasPassword && !hasUsername)
        return c.fail(u"MQTT 3.1.1 CONNECT has a password without a username"_s);
    p.cleanStart = flags & 0x02;

    if (!c.u16(p.keepAlive))
        return false;
    if (v5 && !readProperties(c, p.properties))
        return false;
    if (!c.string(p.clientId))
        return false;
    if (hasWill) {
        Will will;
        will.qos = willQos;
        will.retain = willRetain;
        if (v5 && !readProperties(c, will.properties))
            return false;
        if (!c.string(will.topic) || !c.binary(will.payload))
            return false;
        const QString problem = topicNameProblem(will.topic);
        if (!problem.isEmpty())
            return c.fail(u"CONNECT will "_s + problem);
        p.will = std::move(will);
    }
    if (hasUsername) {
        QString username;
        if (!c.string(username))
            return false;
        p.username = std::move(username);
    }
    if (hasPassword) {
        QByteArray password;
        if (!c.binary(password))
            return false;
        p.password = std::move(password);
    }
    if (!expectEnd(c, PacketType::Connect))
        return false;
    out = std::move(p);
    return true;
}

bool decodeConnack(Cursor &c, ProtocolVersion version, Packet &out)
{
    Connack p;
    quint8 flags = 0;
    if (!c.u8(flags) || !c.u8(p.returnCode))
        return false;
    if (flags & 0xFE)
        return c.fail(u"CONNACK reserved flags are set"_s);
    p.sessionPresent = flags & 0x01;
    // A 3.1.1-only server answers an MQTT 5 CONNECT with a 3.1.1 CONNACK
    // (return code 1); it must still decode so the client learns why.
    if (version == ProtocolVersion::V5 && !c.atEnd() && !readProperties(c, p.properties))
        return false;
    if (!expectEnd(c, PacketType::Connack))
        return false;
    out = std::move(p);
    return true;
}

bool decodePublish(Cursor &c, quint8 header, ProtocolVersion version, Packet &out)
{
    Publish p;
    p.dup = header & 0x08;
    p.qos = (header >> 1) & 0x03;
    p.retain = header & 0x01;
    if (!c.string(p.topic))
        return false;
    if (p.qos > 0 && !readPacketId(c, PacketType::Publish, p.packetId))
        return false;
    if (version == ProtocolVersion::V5 && !readProperties(c, p.properties))
        return false;
    if (p.topic.isEmpty() && version == ProtocolVersion::V5) {
        if (!hasProperty(p.properties, PropertyId::TopicAlias))
            return c.fail(u"PUBLISH has neither a topic name nor a topic alias"_s);
    } else if (p.topic.isEmpty()) {
        return c.fail(u"PUBLISH topic name is empty"_s);
    } else if (p.topic.contains(u'+') || p.topic.contains(u'#')) {
        return c.fail(u"PUBLISH topic contains a wildcard"_s);
    }
    p.payload = c.rest();
    out = std::move(p);
    return true;
}

bool decodeAck(Cursor &c, PacketType type, ProtocolVersion version, Packet &out)
{
    Ack p;
    p.type = type;
    if (!readPacketId(c, type, p.packetId))
        return false;
    // MQTT 5 may stop after the packet id (success) or after the reason code.
    if (version == ProtocolVersion::V5 && !c.atEnd()) {
        if (!c.u8(p.reasonCode))
            return false;
        if (!c.atEnd() && !readProperties(c, p.properties))
            return false;
    }
    if (!expectEnd(c, type))
        return false;
    out = std::move(p);
    return true;
}

bool decodeSubscribe(Cursor &c, ProtocolVersion version, Packet &out)
{
    const bool v5 = version == ProtocolVersion::V5;
    Subscribe p;
    if (!readPacketId(c, PacketType::Subscribe, p.packetId))
        return false;
    if (v5 && !readProperties(c, p.properties))
        return false;
    if (c.atEnd())
        return c.fail(u"SUBSCRIBE has no topic filters"_s);
    while (!c.atEnd()) {
        Subscription s;
        quint8 options = 0;
        if (!c.string(s.filter) || !c.u8(options))
            return false;
        if (options & (v5 ? 0xC0 : 0xFC))
            return c.fail(u"SUBSCRIBE options have reserved bits set"_s);
        s.qos = options & 0x03;
        if (s.qos > 2)
            return c.fail(u"SUBSCRIBE requests QoS 3"_s);
        s.noLocal = options & 0x04;
        s.retainAsPublished = options & 0x08;
        s.retainHandling = (options >> 4) & 0x03;
        if (s.retainHandling > 2)
            return c.fail(u"SUBSCRIBE retain handling is 3"_s);
        // An invalid filter is well formed on the wire; the server answers
        // it with a failure code, so it is left to the caller.
        p.subscriptions.append(std::move(s));
    }
    out = std::move(p);
    return true;
}

void appendReasonCodes(Cursor &c, QList<quint8> &codes)
{
    const QByteArray bytes = c.rest();
    codes.reserve(bytes.size());
    for (char b : bytes)
        codes.append(quint8(b));
}

bool decodeSuback(Cursor &c, ProtocolVersion version, Packet &out)
{
    Suback p;
    if (!readPacketId(c, PacketType::Suback, p.packetId))
        return false;
    if (version == ProtocolVersion::V5 && !readProperties(c, p.properties))
        return false;
    if (c.atEnd())
        return c.fail(u"SUBACK has no reason codes"_s);
    appendReasonCodes(c, p.reasonCodes);
    out = std::move(p);
    return true;
}

bool decodeUnsubscribe(Cursor &c, ProtocolVersion version, Packet &out)
{
    Unsubscribe p;
    if (!readPacketId(c, PacketType::Unsubscribe, p.packetId))
        return false;
    if (version == ProtocolVersion::V5 && !readProperties(c, p.properties))
        return false;
    if (c.atEnd())
        return c.fail(u"UNSUBSCRIBE has no topic filters"_s);
    while (!c.atEnd()) {
        QString filter;
        if (!c.string(filter))
            return false;
        p.filters.append(std::move(filter));
    }
    out = std::move(p);
    return true;
}

bool decodeUnsuback(Cursor &c, ProtocolVersion version, Packet &out)
{
    Unsuback p;
    if (!readPacketId(c, PacketType::Unsuback, p.packetId))
        return false;
    if (version == ProtocolVersion::V5) {
        if (!readProperties(c, p.properties))
            return false;
        if (c.atEnd())
            return c.fail(u"UNSUBACK has no reason codes"_s);
        appendReasonCodes(c, p.reasonCodes);
    }
    if (!expectEnd(c, PacketType::Unsuback))
        return false;
    out = std::move(p);
    return true;
}

// DISCONNECT and AUTH: an empty body means reason 0, and the property
// length may be left out after the reason code.
bool decodeReasonAndProperties(Cursor &c, quint8 &reasonCode, Properties &properties)
{
    if (c.atEnd())
        return true;
    if (!c.u8(reasonCode))
        return false;
    return c.atEnd() || readProperties(c, properties);
}

// Checks the first byte alone, so a bad packet is refused before its body
// is awaited.
QString checkFirstByte(quint8 header, ProtocolVersion version)
{
    const auto type = PacketType(header >> 4);
    const quint8 flags = header & 0x0F;
    switch (type) {
    case PacketType::Publish:
        if ((flags & 0x06) == 0x06)
            return u"PUBLISH has QoS 3"_s;
        if ((flags & 0x08) && (flags & 0x06) == 0)
            return u"PUBLISH has DUP set at QoS 0"_s;
        return {};
    case PacketType::Pubrel:
    case PacketType::Subscribe:
    case PacketType::Unsubscribe:
        if (flags != kPubrelSubscribeFlags)
            return u"invalid fixed header flags for "_s + packetTypeName(type);
        return {};
    case PacketType::Auth:
        if (version != ProtocolVersion::V5)
            return u"AUTH is a reserved packet type in MQTT 3.1.1"_s;
        [[fallthrough]];
    case PacketType::Connect:
    case PacketType::Connack:
    case PacketType::Puback:
    case PacketType::Pubrec:
    case PacketType::Pubcomp:
    case PacketType::Suback:
    case PacketType::Unsuback:
    case PacketType::Pingreq:
    case PacketType::Pingresp:
    case PacketType::Disconnect:
        if (flags != 0)
            return u"invalid fixed header flags for "_s + packetTypeName(type);
        return {};
    }
    return u"reserved packet type 0"_s;
}

enum class HeaderStatus { Complete, NeedMore, Error };

// Parses the fixed header at `data`. On Complete, `headerSize` covers the
// first byte and the remaining length.
HeaderStatus readFixedHeader(
        const uchar *data, qsizetype available, quint32 &remaining, qsizetype &headerSize)
{
    remaining = 0;
    for (int i = 0; i < 4; ++i) {
        if (available < 2 + i)
            return HeaderStatus::NeedMore;
        const uchar b = data[1 + i];
        remaining |= quint32(b & 0x7F) << (7 * i);
        if (!(b & 0x80)) {
            headerSize = 2 + i;
            return HeaderStatus::Complete;
        }
    }
    return HeaderStatus::Error;
}

bool decodeBody(quint8 header, const uchar *body, qsizetype size, ProtocolVersion version,
        Packet &out, QString &error)
{
    error.clear();
    Cursor c(body, body + size, &error);
    const auto type = PacketType(header >> 4);
    switch (type) {
    case PacketType::Connect:
        return decodeConnect(c, out);
    case PacketType::Connack:
        return decodeConnack(c, version, out);
    case PacketType::Publish:
        return decodePublish(c, header, version, out);
    case PacketType::Puback:
    case PacketType::Pubrec:
    case PacketType::Pubrel:
    case PacketType::Pubcomp:
        return decodeAck(c, type, version, out);
    case PacketType::Subscribe:
        return decodeSubscribe(c, version, out);
    case PacketType::Suback:
        return decodeSuback(c, version, out);
    case PacketType::Unsubscribe:
        return decodeUnsubscribe(c, version, out);
    case PacketType::Unsuback:
        return decodeUnsuback(c, version, out);
    case PacketType::Pingreq:
        if (!expectEnd(c, type))
            return false;
        out = Pingreq {};
        return true;
    case PacketType::Pingresp:
        if (!expectEnd(c, type))
            return false;
        out = Pingresp {};
        return true;
    case PacketType::Disconnect: {
        Disconnect p;
        if (version == ProtocolVersion::V5
                && !decodeReasonAndProperties(c, p.reasonCode, p.properties))
            return false;
        if (!expectEnd(c, type))
            return false;
        out = std::move(p);
        return true;
    }
    case PacketType::Auth: {
        Auth p;
        if (!decodeReasonAndProperties(c, p.reasonCode, p.properties) || !expectEnd(c, type))
            return false;
        out = std::move(p);
        return true;
    }
    }
    return c.fail(u"reserved packet type 0"_s);
}

} // namespace

std::optional<QVariant> findProperty(const Properties &properties, PropertyId id)
{
    for (const Property &p : properties) {
        if (p.id == id)
            return p.value;
    }
    return std::nullopt;
}

PacketType packetType(const Packet &packet)
{
    return std::visit(
            [](const auto &p) -> PacketType {
                using T = std::decay_t<decltype(p)>;
                if constexpr (std::is_same_v<T, Connect>)
                    return PacketType::Connect;
                else if constexpr (std::is_same_v<T, Connack>)
                    return PacketType::Connack;
                else if constexpr (std::is_same_v<T, Publish>)
                    return PacketType::Publish;
                else if constexpr (std::is_same_v<T, Ack>)
                    return p.type;
                else if constexpr (std::is_same_v<T, Subscribe>)
                    return PacketType::Subscribe;
                else if constexpr (std::is_same_v<T, Suback>)
                    return PacketType::Suback;
                else if constexpr (std::is_same_v<T, Unsubscribe>)
                    return PacketType::Unsubscribe;
                else if constexpr (std::is_same_v<T, Unsuback>)
                    return PacketType::Unsuback;
                else if constexpr (std::is_same_v<T, Pingreq>)
                    return PacketType::Pingreq;
                else if constexpr (std::is_same_v<T, Pingresp>)
                    return PacketType::Pingresp;
                else if constexpr (std::is_same_v<T, Disconnect>)
                    return PacketType::Disconnect;
                else
                    return PacketType::Auth;
            },
            packet);
}

QString packetTypeName(PacketType type)
{
    switch (type) {
    case PacketType::Connect:
        return u"CONNECT"_s;
    case PacketType::Connack:
        return u"CONNACK"_s;
    case PacketType::Publish:
        return u"PUBLISH"_s;
    case PacketType::Puback:
        return u"PUBACK"_s;
    case PacketType::Pubrec:
        return u"PUBREC"_s;
    case PacketType::Pubrel:
        return u"PUBREL"_s;
    case PacketType::Pubcomp:
        return u"PUBCOMP"_s;
    case PacketType::Subscribe:
        return u"SUBSCRIBE"_s;
    case PacketType::Suback:
        return u"SUBACK"_s;
    case PacketType::Unsubscribe:
        return u"UNSUBSCRIBE"_s;
    case PacketType::Unsuback:
        return u"UNSUBACK"_s;
    case PacketType::Pingreq:
        return u"PINGREQ"_s;
    case PacketType::Pingresp:
        return u"PINGRESP"_s;
    case PacketType::Disconnect:
        return u"DISCONNECT"_s;
    case PacketType::Auth:
        return u"AUTH"_s;
    }
    return u"reserved packet type "_s + QString::number(quint8(type));
}

QByteArray encode(const Packet &packet, ProtocolVersion version, QString *error)
{
    return std::visit([&](const auto &p) { return encodePacket(p, version, error); }, packet);
}

PacketReader::PacketReader(ProtocolVersion version) : m_version(version) { }

void PacketReader::append(const QByteArray &bytes)
{
    // After an error the stream is dead; keeping its bytes would only grow.
    if (!m_error.isEmpty() || bytes.isEmpty())
        return;
    // Dropping the consumed prefix only once it is at least half the buffer
    // keeps the copying linear in the bytes received.
    if (m_offset > 0 && m_offset >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(bytes);
}

PacketReader::Status PacketReader::next(Packet &packet)
{
    if (!m_error.isEmpty())
        return Status::Error;
    const qsizetype available = m_buffer.size() - m_offset;
    if (available < 1)
        return Status::NeedMore;
    const auto *data = reinterpret_cast<const uchar *>(m_buffer.constData()) + m_offset;

    QString problem = checkFirstByte(data[0], m_version);
    if (!problem.isEmpty()) {
        m_error = problem;
        return Status::Error;
    }
    quint32 remaining = 0;
    qsizetype headerSize = 0;
    switch (readFixedHeader(data, available, remaining, headerSize)) {
    case HeaderStatus::NeedMore:
        return Status::NeedMore;
    case HeaderStatus::Error:
        m_error = u"remaining length exceeds 4 bytes"_s;
        return Status::Error;
    case HeaderStatus::Complete:
        break;
    }
    const qint64 total = headerSize + qint64(remaining);
    if (total > m_maximumPacketSize) {
        m_error = u"packet of %1 bytes exceeds the maximum packet size of %2 bytes"_s.arg(total)
                          .arg(m_maximumPacketSize);
        return Status::Error;
    }
    if (available < total)
        return Status::NeedMore;

    if (!decodeBody(data[0], data + headerSize, remaining, m_version, packet, problem)) {
        m_error = problem.isEmpty() ? u"malformed packet"_s : problem;
        return Status::Error;
    }
    m_offset += total;
    if (m_offset == m_buffer.size()) {
        if (m_buffer.capacity() > kKeptBufferCapacity)
            m_buffer = QByteArray();
        else
            m_buffer.resize(0);
        m_offset = 0;
    }
    return Status::Packet;
}

void PacketReader::clear()
{
    m_buffer = QByteArray();
    m_offset = 0;
    m_error.clear();
}

std::optional<Packet> decode(const QByteArray &bytes, ProtocolVersion version, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<Packet> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (bytes.isEmpty())
        return fail(u"packet is empty"_s);
    const auto *data = reinterpret_cast<const uchar *>(bytes.constData());
    const QString problem = checkFirstByte(data[0], version);
    if (!problem.isEmpty())
        return fail(problem);
    quint32 remaining = 0;
    qsizetype headerSize = 0;
    switch (readFixedHeader(data, bytes.size(), remaining, headerSize)) {
    case HeaderStatus::NeedMore:
        return fail(u"fixed header is truncated"_s);
    case HeaderStatus::Error:
        return fail(u"remaining length exceeds 4 bytes"_s);
    case HeaderStatus::Complete:
        break;
    }
    const qint64 total = headerSize + qint64(remaining);
    if (bytes.size() < total)
        return fail(u"packet is shorter than its remaining length"_s);
    if (bytes.size() > total)
        return fail(u"bytes follow the end of the packet"_s);
    Packet packet;
    QString bodyError;
    if (!decodeBody(data[0], data + headerSize, remaining, version, packet, bodyError))
        return fail(bodyError);
    return packet;
}

bool isValidTopicName(const QString &topic)
{
    return topicNameProblem(topic).isEmpty();
}

bool isValidTopicFilter(const QString &filter)
{
    if (filter.isEmpty())
        return false;
    const qsizetype bytes = utf8Length(filter, nullptr);
    if (bytes < 0 || bytes > kMaxStringBytes)
        return false;
    const qsizetype n = filter.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = filter.at(i);
        if (c != u'+' && c != u'#')
            continue;
        const bool startsLevel = i == 0 || filter.at(i - 1) == u'/';
        const bool endsLevel = i + 1 == n || filter.at(i + 1) == u'/';
        if (!startsLevel || !endsLevel)
            return false;
        if (c == u'#' && i + 1 != n)
            return false;
    }
    return true;
}

bool topicMatchesFilter(const QString &topic, const QString &filter)
{
    if (!isValidTopicName(topic) || !isValidTopicFilter(filter))
        return false;
    // Spec 4.7.2: "$SYS/..." and similar are hidden from leading wildcards.
    if (topic.startsWith(u'$') && (filter.startsWith(u'+') || filter.startsWith(u'#')))
        return false;

    const QStringView t(topic);
    const QStringView f(filter);
    qsizetype ti = 0;
    qsizetype fi = 0;
    for (;;) {
        qsizetype fe = f.indexOf(u'/', fi);
        if (fe < 0)
            fe = f.size();
        const QStringView filterLevel = f.sliced(fi, fe - fi);
        if (filterLevel == QStringView(u"#"))
            return true;
        qsizetype te = t.indexOf(u'/', ti);
        if (te < 0)
            te = t.size();
        if (filterLevel != QStringView(u"+") && filterLevel != t.sliced(ti, te - ti))
            return false;
        const bool topicDone = te == t.size();
        const bool filterDone = fe == f.size();
        if (topicDone && filterDone)
            return true;
        if (filterDone)
            return false;
        if (topicDone) // "a/#" also matches its parent "a".
            return f.sliced(fe + 1) == QStringView(u"#");
        ti = te + 1;
        fi = fe + 1;
    }
}

} // namespace longlink::mqtt
