// Decoding: the fixed header, each packet's body, decode() and PacketReader.
#include "mqttpacket.h"
#include "mqttwire_p.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longlink::mqtt {

using namespace wire;

namespace {

// A drained buffer keeps its allocation for the next packets unless a large
// packet inflated it; then it is released so one burst does not pin memory.
constexpr qsizetype kKeptBufferCapacity = 64 * 1024;

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

PacketReader::PacketReader(ProtocolVersion version) : m_version(version) { }

void PacketReader::append(const QByteArray &bytes)
{
    // After an error the stream is dead; keeping its bytes would only grow.
    if (!m_error.isEmpty() || bytes.isEmpty())
        return;
    // The rest of a skipped PUBLISH is dropped here, before it is copied.
    qsizetype from = 0;
    if (m_skipRemaining > 0 && m_offset == m_buffer.size()) {
        from = qsizetype(std::min<quint64>(m_skipRemaining, quint64(bytes.size())));
        m_skipRemaining -= quint64(from);
        if (from == bytes.size())
            return;
    }
    // Dropping the consumed prefix only once it is at least half the buffer
    // keeps the copying linear in the bytes received.
    if (m_offset > 0 && m_offset >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(QByteArrayView(bytes).sliced(from));
}

void PacketReader::consume(qsizetype bytes)
{
    m_offset += bytes;
    if (m_offset == m_buffer.size()) {
        if (m_buffer.capacity() > kKeptBufferCapacity)
            m_buffer = QByteArray();
        else
            m_buffer.resize(0);
        m_offset = 0;
    }
}

void PacketReader::dropSkippedBytes()
{
    const qsizetype available = m_buffer.size() - m_offset;
    const qsizetype drop = qsizetype(std::min<quint64>(m_skipRemaining, quint64(available)));
    m_skipRemaining -= quint64(drop);
    consume(drop);
}

PacketReader::Status PacketReader::next(Packet &packet)
{
    if (!m_error.isEmpty())
        return Status::Error;
    if (m_skipRemaining > 0) {
        dropSkippedBytes();
        if (m_skipRemaining > 0)
            return Status::NeedMore;
    }
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
        if (PacketType(data[0] >> 4) != PacketType::Publish) {
            m_error = u"packet of %1 bytes exceeds the maximum packet size of %2 bytes"_s.arg(total)
                              .arg(m_maximumPacketSize);
            return Status::Error;
        }
        // Read only what identifies it (topic, packet id: at most 65,539
        // bytes), then let the rest go by. Acknowledged, the broker stops
        // sending it again; dropping the connection instead would bring it
        // back on every reconnect, for ever.
        const quint8 qos = (data[0] >> 1) & 0x03;
        if (available < headerSize + 2)
            return Status::NeedMore;
        const qsizetype topicLength = (qsizetype(data[headerSize]) << 8) | data[headerSize + 1];
        const qsizetype identifying = 2 + topicLength + (qos > 0 ? 2 : 0);
        if (identifying > qsizetype(remaining)) {
            m_error = u"malformed PUBLISH: its topic runs past its end"_s;
            return Status::Error;
        }
        if (available < headerSize + identifying)
            return Status::NeedMore;
        const uchar *topic = data + headerSize + 2;
        m_skipped.topic = QString::fromUtf8(reinterpret_cast<const char *>(topic), topicLength);
        m_skipped.qos = qos;
        m_skipped.packetId = qos > 0
                ? quint16((quint16(topic[topicLength]) << 8) | topic[topicLength + 1])
                : 0;
        m_skipped.size = quint64(total);
        m_skipRemaining = quint64(total);
        dropSkippedBytes();
        return Status::Skipped;
    }
    if (available < total)
        return Status::NeedMore;

    if (!decodeBody(data[0], data + headerSize, remaining, m_version, packet, problem)) {
        m_error = problem.isEmpty() ? u"malformed packet"_s : problem;
        return Status::Error;
    }
    consume(total);
    return Status::Packet;
}

void PacketReader::clear()
{
    m_buffer = QByteArray();
    m_offset = 0;
    m_error.clear();
    m_skipRemaining = 0;
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

} // namespace longlink::mqtt
