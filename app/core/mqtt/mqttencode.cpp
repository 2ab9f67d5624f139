// Encoding: validate(), firstByte() and writeBody() per packet, and encode().
#include "mqttpacket.h"
#include "mqttwire_p.h"

#include <type_traits>

using namespace Qt::StringLiterals;

namespace longlink::mqtt {

using namespace wire;

namespace {

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

} // namespace

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

} // namespace longlink::mqtt
