// MQTT control packets as plain values, and their wire codec.
//
// One codec serves MQTT 3.1.1 (protocol level 4) and 5.0 (level 5): the
// packet structs carry MQTT 5 fields (properties, reason codes) which are
// encoded only for version 5 and left empty when decoding 3.1.1.
//
// We write the codec ourselves rather than use QtMqtt because Debian 12 does
// not package QtMqtt for Qt 6 and the session needs byte-level control
// (resending with the same packet ids, handing a socket over mid-stream).
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QVariant>

#include <optional>
#include <variant>

namespace longlink::mqtt {

enum class ProtocolVersion : quint8 { V311 = 4, V5 = 5 };

enum class PacketType : quint8 {
    Connect = 1,
    Connack,
    Publish,
    Puback,
    Pubrec,
    Pubrel,
    Pubcomp,
    Subscribe,
    Suback,
    Unsubscribe,
    Unsuback,
    Pingreq,
    Pingresp,
    Disconnect,
    Auth,
};

// MQTT 5 property identifiers (spec 2.2.2.2).
enum class PropertyId : quint8 {
    PayloadFormatIndicator = 0x01,
    MessageExpiryInterval = 0x02,
    ContentType = 0x03,
    ResponseTopic = 0x08,
    CorrelationData = 0x09,
    SubscriptionIdentifier = 0x0B,
    SessionExpiryInterval = 0x11,
    AssignedClientIdentifier = 0x12,
    ServerKeepAlive = 0x13,
    AuthenticationMethod = 0x15,
    AuthenticationData = 0x16,
    RequestProblemInformation = 0x17,
    WillDelayInterval = 0x18,
    RequestResponseInformation = 0x19,
    ResponseInformation = 0x1A,
    ServerReference = 0x1C,
    ReasonString = 0x1F,
    ReceiveMaximum = 0x21,
    TopicAliasMaximum = 0x22,
    TopicAlias = 0x23,
    MaximumQoS = 0x24,
    RetainAvailable = 0x25,
    UserProperty = 0x26,
    MaximumPacketSize = 0x27,
    WildcardSubscriptionAvailable = 0x28,
    SubscriptionIdentifierAvailable = 0x29,
    SharedSubscriptionAvailable = 0x2A,
};

// value: quint32 for byte / two-byte / four-byte / variable-byte integers,
// QString for UTF-8 strings, QByteArray for binary data,
// QStringList{key, value} for a user property (string pair).
struct Property
{
    PropertyId id;
    QVariant value;
    bool operator==(const Property &) const = default;
};
using Properties = QList<Property>;

// First property with `id`, if any.
std::optional<QVariant> findProperty(const Properties &properties, PropertyId id);

struct Will
{
    QString topic;
    QByteArray payload;
    quint8 qos = 0;
    bool retain = false;
    Properties properties;
    bool operator==(const Will &) const = default;
};

struct Connect
{
    ProtocolVersion version = ProtocolVersion::V311;
    QString clientId;
    bool cleanStart = false;
    quint16 keepAlive = 60; // seconds
    std::optional<Will> will;
    std::optional<QString> username;
    std::optional<QByteArray> password;
    Properties properties;
    bool operator==(const Connect &) const = default;
};

struct Connack
{
    bool sessionPresent = false;
    quint8 returnCode = 0; // 3.1.1 return code or 5.0 reason code
    Properties properties;
    bool operator==(const Connack &) const = default;
};

struct Publish
{
    QString topic;
    QByteArray payload;
    quint8 qos = 0;
    bool retain = false;
    bool dup = false;
    quint16 packetId = 0; // only for qos > 0
    Properties properties;
    bool operator==(const Publish &) const = default;
};

// PUBACK, PUBREC, PUBREL and PUBCOMP share one shape.
struct Ack
{
    PacketType type = PacketType::Puback;
    quint16 packetId = 0;
    quint8 reasonCode = 0; // 5.0 only
    Properties properties;
    bool operator==(const Ack &) const = default;
};

struct Subscription
{
    QString filter;
    quint8 qos = 0;
    // 5.0 subscription options
    bool noLocal = false;
    bool retainAsPublished = false;
    quint8 retainHandling = 0;
    bool operator==(const Subscription &) const = default;
};

struct Subscribe
{
    quint16 packetId = 0;
    QList<Subscription> subscriptions;
    Properties properties;
    bool operator==(const Subscribe &) const = default;
};

struct Suback
{
    quint16 packetId = 0;
    QList<quint8> reasonCodes; // granted QoS, or >= 0x80 for failure
    Properties properties;
    bool operator==(const Suback &) const = default;
};

struct Unsubscribe
{
    quint16 packetId = 0;
    QStringList filters;
    Properties properties;
    bool operator==(const Unsubscribe &) const = default;
};

struct Unsuback
{
    quint16 packetId = 0;
    QList<quint8> reasonCodes; // 5.0 only
    Properties properties;
    bool operator==(const Unsuback &) const = default;
};

struct Pingreq
{
    bool operator==(const Pingreq &) const = default;
};
struct Pingresp
{
    bool operator==(const Pingresp &) const = default;
};

struct Disconnect
{
    quint8 reasonCode = 0; // 5.0 only
    Properties properties;
    bool operator==(const Disconnect &) const = default;
};

struct Auth // 5.0 only
{
    quint8 reasonCode = 0;
    Properties properties;
    bool operator==(const Auth &) const = default;
};

using Packet = std::variant<Connect, Connack, Publish, Ack, Subscribe, Suback, Unsubscribe,
        Unsuback, Pingreq, Pingresp, Disconnect, Auth>;

PacketType packetType(const Packet &packet);
QString packetTypeName(PacketType type);

// The largest remaining length MQTT can express (268,435,455 bytes).
inline constexpr quint32 kMaxRemainingLength = 268'435'455;

// Encodes one packet. Values the protocol cannot carry (a string over 65,535
// bytes, QoS > 2, a packet id of 0 where one is required, a packet over the
// maximum size) give an empty QByteArray and, if `error` is set, the reason.
QByteArray encode(const Packet &packet, ProtocolVersion version, QString *error = nullptr);

// Incremental decoder for a byte stream: feed bytes in any chunking with
// append(), then call next() until it returns NeedMore. After Error the
// stream is unusable (the connection must be dropped); errorString() says why.
class PacketReader
{
public:
    enum class Status {
        Packet,
        NeedMore,
        Error,
        // A PUBLISH over the maximum size: its topic and packet id were read
        // (so it can be acknowledged and reported), the rest is dropped as
        // it arrives, never held in memory. See skipped().
        Skipped,
    };

    // What identifies a PUBLISH that was too large to take.
    struct SkippedPublish
    {
        QString topic;
        quint8 qos = 0;
        quint16 packetId = 0;
        quint64 size = 0; // the whole packet, in bytes
    };

    explicit PacketReader(ProtocolVersion version = ProtocolVersion::V311);

    void setVersion(ProtocolVersion version) { m_version = version; }
    ProtocolVersion version() const { return m_version; }

    // Packets whose whole size exceeds this are never buffered: a PUBLISH is
    // skipped (Status::Skipped), anything else is an error (MQTT 5 Maximum
    // Packet Size; a guard for 3.1.1, where a broker may send anything).
    void setMaximumPacketSize(quint32 bytes) { m_maximumPacketSize = bytes; }
    quint32 maximumPacketSize() const { return m_maximumPacketSize; }

    void append(const QByteArray &bytes);
    Status next(Packet &packet);

    // Bytes received but not yet decoded (used for transport handover).
    QByteArray pendingBytes() const { return m_buffer.mid(m_offset); }
    void clear();

    QString errorString() const { return m_error; }
    // The PUBLISH the last Status::Skipped was about.
    const SkippedPublish &skipped() const { return m_skipped; }

private:
    void consume(qsizetype bytes);
    void dropSkippedBytes();

    ProtocolVersion m_version;
    quint32 m_maximumPacketSize = 1024 * 1024;
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    QString m_error;
    SkippedPublish m_skipped;
    quint64 m_skipRemaining = 0; // bytes of a skipped PUBLISH still to come
};

// Decodes exactly one complete packet (fixed header included). Returns
// std::nullopt and sets `error` on malformed input.
std::optional<Packet> decode(const QByteArray &bytes, ProtocolVersion version, QString *error);

// Topic and filter rules (spec 4.7): valid UTF-8 without U+0000, not empty,
// wildcards only in filters and only as whole levels.
bool isValidTopicName(const QString &topic);
bool isValidTopicFilter(const QString &filter);
bool topicMatchesFilter(const QString &topic, const QString &filter);

} // namespace longlink::mqtt
