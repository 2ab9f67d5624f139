// Tests for the MQTT wire codec: round trips, exact bytes from the spec,
// stream reassembly, malformed input and the topic rules.
#include "mqttpacket.h"

#include <QtCore/QRandomGenerator>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace longlink::mqtt;

Q_DECLARE_METATYPE(longlink::mqtt::Packet)
Q_DECLARE_METATYPE(longlink::mqtt::ProtocolVersion)

namespace {

QByteArray hex(const char *digits)
{
    // fromHex skips the spaces that keep the tables readable.
    return QByteArray::fromHex(QByteArray(digits));
}

Property prop(PropertyId id, quint32 value)
{
    return { id, QVariant::fromValue(value) };
}

Property prop(PropertyId id, const QString &value)
{
    return { id, value };
}

Property prop(PropertyId id, const QByteArray &value)
{
    return { id, value };
}

Property userProp(const QString &key, const QString &value)
{
    return { PropertyId::UserProperty, QStringList { key, value } };
}

// One value of every property, each with the type its identifier requires.
Properties everyProperty()
{
    return {
        prop(PropertyId::PayloadFormatIndicator, 1u),
        prop(PropertyId::MessageExpiryInterval, 0xFFFFFFFFu),
        prop(PropertyId::ContentType, u"text/plain"_s),
        prop(PropertyId::ResponseTopic, u"reply/here"_s),
        prop(PropertyId::CorrelationData, QByteArray("\x00\x01\xff", 3)),
        prop(PropertyId::SubscriptionIdentifier, 268'435'455u),
        prop(PropertyId::SessionExpiryInterval, 3600u),
        prop(PropertyId::AssignedClientIdentifier, u"auto-1"_s),
        prop(PropertyId::ServerKeepAlive, 120u),
        prop(PropertyId::AuthenticationMethod, u"SCRAM-SHA-256"_s),
        prop(PropertyId::AuthenticationData, QByteArray("secret")),
        prop(PropertyId::RequestProblemInformation, 0u),
        prop(PropertyId::WillDelayInterval, 30u),
        prop(PropertyId::RequestResponseInformation, 1u),
        prop(PropertyId::ResponseInformation, u"resp"_s),
        prop(PropertyId::ServerReference, u"other.example:1883"_s),
        prop(PropertyId::ReasonString, u"all good \u00e9\u4e2d\U0001F600"_s),
        prop(PropertyId::ReceiveMaximum, 65535u),
        prop(PropertyId::TopicAliasMaximum, 10u),
        prop(PropertyId::TopicAlias, 3u),
        prop(PropertyId::MaximumQoS, 1u),
        prop(PropertyId::RetainAvailable, 1u),
        userProp(u"key"_s, u"value"_s),
        userProp(u"key"_s, u"second value, same key"_s),
        prop(PropertyId::MaximumPacketSize, 1'048'576u),
        prop(PropertyId::WildcardSubscriptionAvailable, 0u),
        prop(PropertyId::SubscriptionIdentifierAvailable, 1u),
        prop(PropertyId::SharedSubscriptionAvailable, 0u),
    };
}

Ack ack(PacketType type, quint16 id, quint8 reason = 0, Properties properties = {})
{
    Ack a;
    a.type = type;
    a.packetId = id;
    a.reasonCode = reason;
    a.properties = std::move(properties);
    return a;
}

Publish publish(
        const QString &topic, const QByteArray &payload, quint8 qos = 0, quint16 packetId = 0)
{
    Publish p;
    p.topic = topic;
    p.payload = payload;
    p.qos = qos;
    p.packetId = packetId;
    return p;
}

// Collects packets until the reader wants more bytes or fails.
PacketReader::Status readAll(PacketReader &reader, QList<Packet> &packets)
{
    for (;;) {
        Packet packet;
        const PacketReader::Status status = reader.next(packet);
        if (status != PacketReader::Status::Packet)
            return status;
        packets.append(std::move(packet));
    }
}

// Packets of every kind for one version; the V5 ones carry properties.
QList<QPair<QByteArray, Packet>> samplePackets(ProtocolVersion v)
{
    const bool v5 = v == ProtocolVersion::V5;
    QList<QPair<QByteArray, Packet>> rows;

    Connect minimal;
    minimal.version = v;
    minimal.clientId = u"c"_s;
    minimal.cleanStart = true;
    rows.append({ "CONNECT minimal", minimal });

    Connect emptyId;
    emptyId.version = v;
    emptyId.cleanStart = true;
    emptyId.keepAlive = 0;
    rows.append({ "CONNECT empty client id", emptyId });

    Connect full;
    full.version = v;
    full.clientId = u"client-\u00fc"_s;
    full.keepAlive = 65535;
    full.username = u"user"_s;
    full.password = QByteArray("p\0ss", 4);
    Will will;
    will.topic = u"status/client"_s;
    will.payload = QByteArray("offline");
    will.qos = 2;
    will.retain = true;
    if (v5) {
        full.properties = { prop(PropertyId::SessionExpiryInterval, 86400u),
            prop(PropertyId::ReceiveMaximum, 100u), prop(PropertyId::MaximumPacketSize, 65536u),
            prop(PropertyId::TopicAliasMaximum, 16u),
            prop(PropertyId::RequestResponseInformation, 1u),
            prop(PropertyId::AuthenticationMethod, u"PLAIN"_s),
            prop(PropertyId::AuthenticationData, QByteArray("xyz")),
            userProp(u"app"_s, u"longlink"_s), userProp(u"app"_s, u"2"_s) };
        will.properties = { prop(PropertyId::WillDelayInterval, 5u),
            prop(PropertyId::PayloadFormatIndicator, 1u),
            prop(PropertyId::MessageExpiryInterval, 60u),
            prop(PropertyId::ContentType, u"text/plain"_s),
            prop(PropertyId::ResponseTopic, u"r/t"_s),
            prop(PropertyId::CorrelationData, QByteArray("corr")), userProp(u"k"_s, u"v"_s) };
    }
    full.will = will;
    rows.append({ "CONNECT full", full });

    Connect willOnly;
    willOnly.version = v;
    willOnly.clientId = u"w"_s;
    willOnly.will = Will { u"a/b"_s, QByteArray(), 0, false, {} };
    rows.append({ "CONNECT will qos 0 empty payload", willOnly });

    if (v5) {
        Connect passwordOnly;
        passwordOnly.version = v;
        passwordOnly.clientId = u"p"_s;
        passwordOnly.password = QByteArray("token");
        rows.append({ "CONNECT password without username", passwordOnly });
    }

    rows.append({ "CONNACK accepted", Connack { true, 0, {} } });
    Connack refused { false, quint8(v5 ? 0x87 : 5), {} };
    if (v5)
        refused.properties = { prop(PropertyId::ReasonString, u"not authorized"_s) };
    rows.append({ "CONNACK refused", refused });
    if (v5) {
        Connack rich { false, 0, everyProperty() };
        rows.append({ "CONNACK every property", rich });
    }

    rows.append({ "PUBLISH qos0", publish(u"a/b/c"_s, "hello") });
    Publish q1 = publish(u"sensors/\u00e9t\u00e9"_s, QByteArray(300, 'x'), 1, 1);
    q1.dup = true;
    q1.retain = true;
    rows.append({ "PUBLISH qos1 dup retain", q1 });
    rows.append({ "PUBLISH qos2 max id", publish(u"/leading/slash"_s, "", 2, 65535) });
    rows.append({ "PUBLISH large payload", publish(u"big"_s, QByteArray(200'000, 'z'), 1, 7) });
    rows.append({ "PUBLISH binary payload", publish(u"b"_s, QByteArray("\0\x80\xff", 3)) });
    if (v5) {
        Publish p = publish(u"with/props"_s, "{}", 1, 42);
        p.properties = { prop(PropertyId::PayloadFormatIndicator, 1u),
            prop(PropertyId::MessageExpiryInterval, 10u), prop(PropertyId::TopicAlias, 4u),
            prop(PropertyId::ResponseTopic, u"resp/topic"_s),
            prop(PropertyId::CorrelationData, QByteArray("id-1")),
            prop(PropertyId::SubscriptionIdentifier, 128u),
            prop(PropertyId::SubscriptionIdentifier, 16384u),
            prop(PropertyId::ContentType, u"application/json"_s), userProp(u"trace"_s, u"abc"_s),
            userProp(u""_s, u""_s) };
        rows.append({ "PUBLISH with properties", p });
        Publish aliased = publish(QString(), "by alias");
        aliased.properties = { prop(PropertyId::TopicAlias, 4u) };
        rows.append({ "PUBLISH topic alias only", aliased });
    }

    for (PacketType t :
            { PacketType::Puback, PacketType::Pubrec, PacketType::Pubrel, PacketType::Pubcomp }) {
        const QByteArray name = packetTypeName(t).toLatin1();
        rows.append({ QByteArray(name + " plain"), ack(t, 1) });
        if (v5) {
            rows.append({ QByteArray(name + " reason only"), ack(t, 2, 0x10) });
            rows.append({ QByteArray(name + " reason and properties"),
                    ack(t, 65535, 0x80,
                            { prop(PropertyId::ReasonString, u"quota"_s),
                                    userProp(u"a"_s, u"b"_s) }) });
            rows.append({ QByteArray(name + " success with properties"),
                    ack(t, 3, 0, { userProp(u"x"_s, u"y"_s) }) });
        }
    }

    Subscribe sub;
    sub.packetId = 10;
    sub.subscriptions = { Subscription { u"a/+/c"_s, 0, false, false, 0 },
        Subscription { u"#"_s, 1, false, false, 0 },
        Subscription { u"$SYS/broker/#"_s, 2, false, false, 0 } };
    if (v5) {
        sub.subscriptions.append(Subscription { u"$share/g/x/y"_s, 1, true, true, 2 });
        sub.subscriptions.append(Subscription { u"z"_s, 2, false, true, 1 });
        sub.properties
                = { prop(PropertyId::SubscriptionIdentifier, 77u), userProp(u"s"_s, u"1"_s) };
    }
    rows.append({ "SUBSCRIBE", sub });

    Suback suback { 10, { 0x00, 0x01, 0x02, 0x80 }, {} };
    if (v5) {
        suback.reasonCodes.append(0x97);
        suback.properties = { prop(PropertyId::ReasonString, u"partial"_s) };
    }
    rows.append({ "SUBACK", suback });

    Unsubscribe unsub { 11, { u"a/+/c"_s, u"#"_s }, {} };
    if (v5)
        unsub.properties = { userProp(u"u"_s, u"2"_s) };
    rows.append({ "UNSUBSCRIBE", unsub });

    Unsuback unsuback { 11, {}, {} };
    if (v5) {
        unsuback.reasonCodes = { 0x00, 0x11 };
        unsuback.properties = { prop(PropertyId::ReasonString, u"no sub"_s) };
    }
    rows.append({ "UNSUBACK", unsuback });

    rows.append({ "PINGREQ", Pingreq {} });
    rows.append({ "PINGRESP", Pingresp {} });
    rows.append({ "DISCONNECT", Disconnect {} });
    if (v5) {
        rows.append({ "DISCONNECT with will", Disconnect { 0x04, {} } });
        rows.append({ "DISCONNECT with properties",
                Disconnect { 0x8E,
                        { prop(PropertyId::ReasonString, u"taken over"_s),
                                prop(PropertyId::SessionExpiryInterval, 0u),
                                prop(PropertyId::ServerReference, u"b2"_s) } } });
        rows.append({ "AUTH empty", Auth {} });
        rows.append({ "AUTH continue",
                Auth { 0x18,
                        { prop(PropertyId::AuthenticationMethod, u"SCRAM"_s),
                                prop(PropertyId::AuthenticationData, QByteArray(40, '\x01')) } } });
        rows.append({ "AUTH reauthenticate no properties", Auth { 0x19, {} } });
    }
    return rows;
}

// A stream of many packets of mixed kinds, for reassembly tests.
QList<Packet> streamPackets(ProtocolVersion v)
{
    QList<Packet> packets;
    const auto samples = samplePackets(v);
    for (int round = 0; round < 4; ++round) {
        for (const auto &row : samples)
            packets.append(row.second);
        for (int i = 1; i <= 50; ++i) {
            packets.append(publish(u"chat/room/"_s + QString::number(i),
                    QByteArray(i * 37 % 300, char('a' + i % 26)), quint8(i % 3),
                    quint16(i % 3 ? i : 0)));
            packets.append(ack(PacketType::Puback, quint16(i)));
        }
    }
    return packets;
}

} // namespace

class TestMqttCodec : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void everyPropertyType();
    void exactBytes_data();
    void exactBytes();
    void v311DropsV5Fields();
    void remainingLengthBoundaries_data();
    void remainingLengthBoundaries();
    void largestRemainingLengthHeader();
    void streamOneByteAtATime_data();
    void streamOneByteAtATime();
    void streamRandomChunks_data();
    void streamRandomChunks();
    void pendingBytesAndCompaction();
    void malformed_data();
    void malformed();
    void errorIsSticky();
    void oversizePacket();
    void oversizePublishIsSkippedNotBuffered_data();
    void oversizePublishIsSkippedNotBuffered();
    void oversizeRefusedBeforeBody();
    void decodeRejectsWrongLength();
    void encodeRefuses_data();
    void encodeRefuses();
    void topicNameValidity_data();
    void topicNameValidity();
    void topicFilterValidity_data();
    void topicFilterValidity();
    void topicMatching_data();
    void topicMatching();
    void helpers();
    void randomizedRobustness();
};

void TestMqttCodec::roundTrip_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<Packet>("packet");
    for (ProtocolVersion v : { ProtocolVersion::V311, ProtocolVersion::V5 }) {
        const char *prefix = v == ProtocolVersion::V5 ? "v5 " : "v311 ";
        for (const auto &row : samplePackets(v))
            QTest::addRow("%s%s", prefix, row.first.constData()) << v << row.second;
    }
}

void TestMqttCodec::roundTrip()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(Packet, packet);

    QString error;
    const QByteArray bytes = encode(packet, version, &error);
    QVERIFY2(!bytes.isEmpty(), qPrintable(error));
    QCOMPARE(quint8(bytes.at(0)) >> 4, int(packetType(packet)));

    PacketReader reader(version);
    reader.setMaximumPacketSize(1024 * 1024);
    reader.append(bytes);
    Packet decoded;
    QCOMPARE(reader.next(decoded), PacketReader::Status::Packet);
    QVERIFY(decoded == packet);
    QCOMPARE(reader.next(decoded), PacketReader::Status::NeedMore);
    QVERIFY(reader.pendingBytes().isEmpty());

    const std::optional<Packet> single = decode(bytes, version, &error);
    QVERIFY2(single.has_value(), qPrintable(error));
    QVERIFY(*single == packet);

    // Encoding is deterministic, so a second trip gives the same bytes.
    QCOMPARE(encode(decoded, version), bytes);
}

void TestMqttCodec::everyPropertyType()
{
    // Each property's wire type, checked by the bytes it produces alone.
    const struct
    {
        Property property;
        QByteArray wire;
    } cases[] = {
        { prop(PropertyId::PayloadFormatIndicator, 1u), hex("01 01") },
        { prop(PropertyId::MessageExpiryInterval, 0x01020304u), hex("02 01020304") },
        { prop(PropertyId::ContentType, u"a"_s), hex("03 0001 61") },
        { prop(PropertyId::ResponseTopic, u"r"_s), hex("08 0001 72") },
        { prop(PropertyId::CorrelationData, QByteArray("\x00\xff", 2)), hex("09 0002 00ff") },
        { prop(PropertyId::SubscriptionIdentifier, 1u), hex("0b 01") },
        { prop(PropertyId::SubscriptionIdentifier, 128u), hex("0b 8001") },
        { prop(PropertyId::SubscriptionIdentifier, 268'435'455u), hex("0b ffffff7f") },
        { prop(PropertyId::SessionExpiryInterval, 0xFFFFFFFFu), hex("11 ffffffff") },
        { prop(PropertyId::AssignedClientIdentifier, u"id"_s), hex("12 0002 6964") },
        { prop(PropertyId::ServerKeepAlive, 0x0102u), hex("13 0102") },
        { prop(PropertyId::AuthenticationMethod, u"m"_s), hex("15 0001 6d") },
        { prop(PropertyId::AuthenticationData, QByteArray("d")), hex("16 0001 64") },
        { prop(PropertyId::RequestProblemInformation, 0u), hex("17 00") },
        { prop(PropertyId::WillDelayInterval, 7u), hex("18 00000007") },
        { prop(PropertyId::RequestResponseInformation, 1u), hex("19 01") },
        { prop(PropertyId::ResponseInformation, u"i"_s), hex("1a 0001 69") },
        { prop(PropertyId::ServerReference, u"s"_s), hex("1c 0001 73") },
        { prop(PropertyId::ReasonString, u"\u00e9"_s), hex("1f 0002 c3a9") },
        { prop(PropertyId::ReceiveMaximum, 20u), hex("21 0014") },
        { prop(PropertyId::TopicAliasMaximum, 65535u), hex("22 ffff") },
        { prop(PropertyId::TopicAlias, 1u), hex("23 0001") },
        { prop(PropertyId::MaximumQoS, 1u), hex("24 01") },
        { prop(PropertyId::RetainAvailable, 0u), hex("25 00") },
        { userProp(u"k"_s, u"v"_s), hex("26 0001 6b 0001 76") },
        { prop(PropertyId::MaximumPacketSize, 256u), hex("27 00000100") },
        { prop(PropertyId::WildcardSubscriptionAvailable, 1u), hex("28 01") },
        { prop(PropertyId::SubscriptionIdentifierAvailable, 1u), hex("29 01") },
        { prop(PropertyId::SharedSubscriptionAvailable, 1u), hex("2a 01") },
    };
    for (const auto &c : cases) {
        Disconnect d { 0x80, { c.property } };
        const QByteArray bytes = encode(d, ProtocolVersion::V5);
        QByteArray body(1, char(0x80));
        body.append(char(c.wire.size())).append(c.wire);
        QByteArray expected(1, char(0xE0));
        expected.append(char(body.size())).append(body);
        QCOMPARE(bytes, expected);
        const auto decoded = decode(bytes, ProtocolVersion::V5, nullptr);
        QVERIFY(decoded.has_value());
        QVERIFY(std::get<Disconnect>(*decoded) == d);
    }

    // Integral QVariants of any width are accepted on encode.
    Disconnect ints { 0,
        { { PropertyId::ReceiveMaximum, 5 }, { PropertyId::SessionExpiryInterval, qulonglong(9) },
                { PropertyId::MaximumQoS, quint8(1) } } };
    QCOMPARE(encode(ints, ProtocolVersion::V5), hex("e0 0c 00 0a 21 0005 11 00000009 24 01"));
}

void TestMqttCodec::exactBytes_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<Packet>("packet");
    QTest::addColumn<QByteArray>("bytes");

    const auto v311 = ProtocolVersion::V311;
    const auto v5 = ProtocolVersion::V5;

    QTest::newRow("PINGREQ") << v311 << Packet(Pingreq {}) << hex("c0 00");
    QTest::newRow("PINGRESP") << v5 << Packet(Pingresp {}) << hex("d0 00");
    QTest::newRow("DISCONNECT v311") << v311 << Packet(Disconnect { 0x04, {} }) << hex("e0 00");
    QTest::newRow("DISCONNECT v5 success") << v5 << Packet(Disconnect {}) << hex("e0 00");
    QTest::newRow("DISCONNECT v5 reason")
            << v5 << Packet(Disconnect { 0x04, {} }) << hex("e0 01 04");
    QTest::newRow("AUTH v5 success") << v5 << Packet(Auth {}) << hex("f0 00");

    Connect c;
    c.clientId = u"a"_s;
    c.cleanStart = true;
    c.keepAlive = 60;
    // Spec 3.1.2: "MQTT", level 4, flags (clean session), keep alive, client id.
    QTest::newRow("CONNECT v311") << v311 << Packet(c)
                                  << hex("10 0d 0004 4d515454 04 02 003c 0001 61");
    c.version = v5;
    QTest::newRow("CONNECT v5") << v5 << Packet(c)
                                << hex("10 0e 0004 4d515454 05 02 003c 00 0001 61");

    Connect full;
    full.clientId = u"id"_s;
    full.keepAlive = 10;
    full.will = Will { u"w"_s, QByteArray("x"), 1, true, {} };
    full.username = u"u"_s;
    full.password = QByteArray("p");
    // Flags: username 0x80 | password 0x40 | will retain 0x20 | will qos 1 0x08 | will 0x04.
    QTest::newRow("CONNECT v311 will and credentials")
            << v311 << Packet(full)
            << hex("10 1a 0004 4d515454 04 ec 000a 0002 6964 0001 77 0001 78 0001 75 0001 70");

    Publish p = publish(u"a/b"_s, "hi", 1, 10);
    p.dup = true;
    QTest::newRow("PUBLISH qos1 dup") << v311 << Packet(p) << hex("3a 09 0003 612f62 000a 6869");
    QTest::newRow("PUBLISH qos1 dup v5")
            << v5 << Packet(p) << hex("3a 0a 0003 612f62 000a 00 6869");
    Publish retained = publish(u"t"_s, "x");
    retained.retain = true;
    retained.properties
            = { prop(PropertyId::PayloadFormatIndicator, 1u), prop(PropertyId::TopicAlias, 5u) };
    QTest::newRow("PUBLISH qos0 retain v5 properties")
            << v5 << Packet(retained) << hex("31 0a 0001 74 05 0101 230005 78");
    QTest::newRow("PUBLISH qos2") << v311 << Packet(publish(u"t"_s, "", 2, 0x1234))
                                  << hex("34 05 0001 74 1234");

    QTest::newRow("PUBACK v311") << v311 << Packet(ack(PacketType::Puback, 5)) << hex("40 02 0005");
    QTest::newRow("PUBACK v5 success")
            << v5 << Packet(ack(PacketType::Puback, 5)) << hex("40 02 0005");
    QTest::newRow("PUBACK v5 reason")
            << v5 << Packet(ack(PacketType::Puback, 5, 0x10)) << hex("40 03 0005 10");
    QTest::newRow("PUBREL v311") << v311 << Packet(ack(PacketType::Pubrel, 5)) << hex("62 02 0005");
    QTest::newRow("PUBREC") << v311 << Packet(ack(PacketType::Pubrec, 1)) << hex("50 02 0001");
    QTest::newRow("PUBCOMP") << v311 << Packet(ack(PacketType::Pubcomp, 1)) << hex("70 02 0001");

    Subscribe s { 1, { Subscription { u"a/#"_s, 1, false, false, 0 } }, {} };
    QTest::newRow("SUBSCRIBE v311") << v311 << Packet(s) << hex("82 08 0001 0003 612f23 01");
    s.subscriptions[0] = Subscription { u"a/#"_s, 2, true, true, 2 };
    // Options: retain handling 2 << 4 | RAP 0x08 | no local 0x04 | qos 2.
    QTest::newRow("SUBSCRIBE v5 options") << v5 << Packet(s) << hex("82 09 0001 00 0003 612f23 2e");
    QTest::newRow("SUBACK v311") << v311 << Packet(Suback { 1, { 0x01, 0x80 }, {} })
                                 << hex("90 04 0001 01 80");
    QTest::newRow("UNSUBSCRIBE v311")
            << v311 << Packet(Unsubscribe { 2, { u"a"_s }, {} }) << hex("a2 05 0002 0001 61");
    QTest::newRow("UNSUBACK v311") << v311 << Packet(Unsuback { 2, {}, {} }) << hex("b0 02 0002");
    QTest::newRow("UNSUBACK v5") << v5 << Packet(Unsuback { 2, { 0x00 }, {} })
                                 << hex("b0 04 0002 00 00");
    QTest::newRow("CONNACK v311") << v311 << Packet(Connack { true, 0, {} }) << hex("20 02 01 00");
    QTest::newRow("CONNACK v5") << v5 << Packet(Connack { false, 0x86, {} })
                                << hex("20 03 00 86 00");
}

void TestMqttCodec::exactBytes()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(Packet, packet);
    QFETCH(QByteArray, bytes);

    QString error;
    QCOMPARE(encode(packet, version, &error).toHex(' '), bytes.toHex(' '));
    QVERIFY2(decode(bytes, version, &error).has_value(), qPrintable(error));
}

void TestMqttCodec::v311DropsV5Fields()
{
    // 3.1.1 has no place for properties or reason codes; they are not written.
    Publish p = publish(u"t"_s, "x", 1, 1);
    p.properties = { prop(PropertyId::TopicAlias, 1u) };
    QCOMPARE(encode(p, ProtocolVersion::V311), hex("32 06 0001 74 0001 78"));
    QCOMPARE(encode(ack(PacketType::Puback, 1, 0x80, { userProp(u"a"_s, u"b"_s) }),
                     ProtocolVersion::V311),
            hex("40 02 0001"));
    QCOMPARE(encode(Disconnect { 0x8E, {} }, ProtocolVersion::V311), hex("e0 00"));

    // A 3.1.1 CONNACK still decodes in a V5 reader: that is how a 3.1.1-only
    // server refuses an MQTT 5 CONNECT.
    const auto connack = decode(hex("20 02 00 01"), ProtocolVersion::V5, nullptr);
    QVERIFY(connack.has_value());
    QCOMPARE(std::get<Connack>(*connack).returnCode, quint8(1));

    // The CONNECT names its own level, whatever the reader was set to.
    Connect c;
    c.version = ProtocolVersion::V5;
    c.clientId = u"x"_s;
    c.properties = { prop(PropertyId::SessionExpiryInterval, 5u) };
    const auto decoded = decode(encode(c, ProtocolVersion::V5), ProtocolVersion::V311, nullptr);
    QVERIFY(decoded.has_value());
    QVERIFY(std::get<Connect>(*decoded) == c);
}

void TestMqttCodec::remainingLengthBoundaries_data()
{
    QTest::addColumn<int>("remaining");
    QTest::addColumn<QByteArray>("lengthBytes");
    QTest::newRow("3") << 3 << hex("03");
    QTest::newRow("127") << 127 << hex("7f");
    QTest::newRow("128") << 128 << hex("8001");
    QTest::newRow("16383") << 16383 << hex("ff7f");
    QTest::newRow("16384") << 16384 << hex("808001");
    QTest::newRow("2097151") << 2097151 << hex("ffff7f");
    QTest::newRow("2097152") << 2097152 << hex("80808001");
}

void TestMqttCodec::remainingLengthBoundaries()
{
    QFETCH(int, remaining);
    QFETCH(QByteArray, lengthBytes);

    // Topic "t" takes 3 bytes; the payload fills the rest.
    const Publish p = publish(u"t"_s, QByteArray(remaining - 3, 'p'));
    const QByteArray bytes = encode(p, ProtocolVersion::V311);
    QCOMPARE(bytes.size(), 1 + lengthBytes.size() + remaining);
    QCOMPARE(bytes.mid(1, lengthBytes.size()), lengthBytes);

    PacketReader reader;
    reader.setMaximumPacketSize(8 * 1024 * 1024);
    // Split inside the remaining length to exercise the partial header path.
    reader.append(bytes.left(2));
    Packet decoded;
    if (lengthBytes.size() > 1)
        QCOMPARE(reader.next(decoded), PacketReader::Status::NeedMore);
    reader.append(bytes.mid(2));
    QCOMPARE(reader.next(decoded), PacketReader::Status::Packet);
    QVERIFY(decoded == Packet(p));

    // PINGREQ covers the zero length.
    QCOMPARE(encode(Pingreq {}, ProtocolVersion::V311), hex("c0 00"));
}

void TestMqttCodec::largestRemainingLengthHeader()
{
    // 268,435,455 = ff ff ff 7f: the largest value, readable as a header.
    PacketReader reader;
    reader.setMaximumPacketSize(0xFFFFFFFFu);
    reader.append(hex("30 ffffff7f 0001 74"));
    Packet packet;
    QCOMPARE(reader.next(packet), PacketReader::Status::NeedMore);

    // Over the guard: a PUBLISH is skipped once its topic is known, nothing
    // of its body is kept; another packet type is an error at once.
    PacketReader guarded;
    guarded.append(hex("30 ffffff7f"));
    QCOMPARE(guarded.next(packet), PacketReader::Status::NeedMore);
    guarded.append(hex("0001 74") + QByteArray(1000, 'x'));
    QCOMPARE(guarded.next(packet), PacketReader::Status::Skipped);
    QCOMPARE(guarded.skipped().size, quint64(268'435'455 + 5));
    QVERIFY(guarded.pendingBytes().isEmpty());
    PacketReader suback;
    suback.append(hex("90 ffffff7f"));
    QCOMPARE(suback.next(packet), PacketReader::Status::Error);
}

void TestMqttCodec::streamOneByteAtATime_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::newRow("v311") << ProtocolVersion::V311;
    QTest::newRow("v5") << ProtocolVersion::V5;
}

void TestMqttCodec::streamOneByteAtATime()
{
    QFETCH(ProtocolVersion, version);
    const QList<Packet> packets = streamPackets(version);
    QByteArray stream;
    for (const Packet &p : packets)
        stream += encode(p, version);

    PacketReader reader(version);
    QList<Packet> received;
    for (qsizetype i = 0; i < stream.size(); ++i) {
        reader.append(stream.mid(i, 1));
        QCOMPARE(readAll(reader, received), PacketReader::Status::NeedMore);
    }
    QCOMPARE(received.size(), packets.size());
    for (qsizetype i = 0; i < packets.size(); ++i)
        QVERIFY2(received.at(i) == packets.at(i), qPrintable(QString::number(i)));
    QVERIFY(reader.pendingBytes().isEmpty());
}

void TestMqttCodec::streamRandomChunks_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : { 1u, 2u, 3u }) {
        QTest::addRow("v311 seed %u", seed) << ProtocolVersion::V311 << seed;
        QTest::addRow("v5 seed %u", seed) << ProtocolVersion::V5 << seed;
    }
}

void TestMqttCodec::streamRandomChunks()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(quint32, seed);
    const QList<Packet> packets = streamPackets(version);
    QByteArray stream;
    for (const Packet &p : packets)
        stream += encode(p, version);

    QRandomGenerator random(seed);
    PacketReader reader(version);
    QList<Packet> received;
    qsizetype pos = 0;
    while (pos < stream.size()) {
        // Mostly small chunks, sometimes large ones spanning many packets.
        const int limit = random.bounded(10) == 0 ? 70000 : 64;
        const qsizetype n = std::min<qsizetype>(1 + random.bounded(limit), stream.size() - pos);
        reader.append(stream.mid(pos, n));
        pos += n;
        QCOMPARE(readAll(reader, received), PacketReader::Status::NeedMore);
    }
    QCOMPARE(received.size(), packets.size());
    QVERIFY(received == packets);
}

void TestMqttCodec::pendingBytesAndCompaction()
{
    const QByteArray one
            = encode(publish(u"a"_s, QByteArray(100, 'x'), 1, 1), ProtocolVersion::V311);
    PacketReader reader;
    Packet packet;
    // Whole packets plus a partial tail: the tail is what pendingBytes() hands over.
    for (int i = 0; i < 10000; ++i) {
        reader.append(one + one.left(7));
        QCOMPARE(reader.next(packet), PacketReader::Status::Packet);
        QCOMPARE(reader.next(packet), PacketReader::Status::NeedMore);
        QCOMPARE(reader.pendingBytes(), one.left(7));
        reader.append(one.mid(7));
        QCOMPARE(reader.next(packet), PacketReader::Status::Packet);
        QCOMPARE(reader.next(packet), PacketReader::Status::NeedMore);
    }
    QVERIFY(reader.pendingBytes().isEmpty());

    // Bytes left behind survive compaction across many appends.
    PacketReader slow;
    QByteArray stream;
    for (int i = 0; i < 2000; ++i)
        stream += one;
    QList<Packet> received;
    for (qsizetype pos = 0; pos < stream.size(); pos += 150) {
        slow.append(stream.mid(pos, 150));
        QCOMPARE(readAll(slow, received), PacketReader::Status::NeedMore);
        QCOMPARE(slow.pendingBytes(),
                stream.mid(received.size() * one.size(), pos + 150 - received.size() * one.size()));
    }
    QCOMPARE(received.size(), 2000);

    slow.clear();
    QVERIFY(slow.pendingBytes().isEmpty());
}

void TestMqttCodec::malformed_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("errorContains");

    const auto v311 = ProtocolVersion::V311;
    const auto v5 = ProtocolVersion::V5;

    // Fixed header.
    QTest::newRow("remaining length 5 bytes")
            << v311 << hex("30 ffffffff01 0001 74") << u"4 bytes"_s;
    QTest::newRow("remaining length 5 bytes zero") << v311 << hex("c0 8080808000") << u"4 bytes"_s;
    QTest::newRow("reserved type 0") << v311 << hex("00 00") << u"reserved"_s;
    QTest::newRow("reserved type 0 v5") << v5 << hex("00 00") << u"reserved"_s;
    QTest::newRow("AUTH in 3.1.1") << v311 << hex("f0 00") << u"AUTH"_s;
    QTest::newRow("AUTH flags") << v5 << hex("f1 00") << u"flags"_s;
    QTest::newRow("CONNECT flags") << v311 << hex("11 00") << u"flags"_s;
    QTest::newRow("PINGREQ flags") << v311 << hex("c2 00") << u"flags"_s;
    QTest::newRow("PUBACK flags") << v311 << hex("42 02 0001") << u"flags"_s;
    QTest::newRow("PUBREL flags 0") << v311 << hex("60 02 0001") << u"flags"_s;
    QTest::newRow("SUBSCRIBE flags 0") << v311 << hex("80 06 0001 0001 61 00") << u"flags"_s;
    QTest::newRow("UNSUBSCRIBE flags 3") << v311 << hex("a3 05 0001 0001 61") << u"flags"_s;
    QTest::newRow("DISCONNECT flags") << v5 << hex("e8 00") << u"flags"_s;
    QTest::newRow("PUBLISH qos 3") << v311 << hex("36 05 0001 74 0001") << u"QoS 3"_s;
    QTest::newRow("PUBLISH dup qos 0") << v311 << hex("38 03 0001 74") << u"DUP"_s;

    // Lengths inside the packet.
    QTest::newRow("PUBLISH topic beyond end")
            << v311 << hex("30 03 0005 61") << u"beyond the packet end"_s;
    QTest::newRow("PUBLISH no topic length") << v311 << hex("30 01 00") << u"beyond"_s;
    QTest::newRow("PUBLISH qos1 no packet id") << v311 << hex("32 03 0001 74") << u"beyond"_s;
    QTest::newRow("CONNECT truncated")
            << v311 << hex("10 0a 0004 4d515454 04 02 003c") << u"beyond"_s;
    QTest::newRow("CONNECT username missing")
            << v311 << hex("10 0d 0004 4d515454 04 82 003c 0001 61") << u"beyond"_s;
    QTest::newRow("CONNECT password beyond end")
            << v5 << hex("10 12 0004 4d515454 05 40 003c 00 0001 61 0009 6162") << u"beyond"_s;
    QTest::newRow("PUBACK trailing v311") << v311 << hex("40 03 0001 00") << u"after"_s;
    QTest::newRow("PUBACK short") << v311 << hex("40 01 00") << u"beyond"_s;
    QTest::newRow("PINGREQ with body") << v311 << hex("c0 01 00") << u"after"_s;
    QTest::newRow("PINGRESP with body") << v5 << hex("d0 01 00") << u"after"_s;
    QTest::newRow("DISCONNECT v311 body") << v311 << hex("e0 01 00") << u"after"_s;
    QTest::newRow("CONNACK v311 trailing") << v311 << hex("20 03 00 00 00") << u"after"_s;
    QTest::newRow("CONNACK short") << v311 << hex("20 01 00") << u"beyond"_s;
    QTest::newRow("UNSUBACK v311 trailing") << v311 << hex("b0 03 0001 00") << u"after"_s;
    QTest::newRow("CONNECT trailing")
            << v311 << hex("10 0e 0004 4d515454 04 02 003c 0001 61 ff") << u"after"_s;
    QTest::newRow("SUBSCRIBE no filters") << v311 << hex("82 02 0001") << u"no topic"_s;
    QTest::newRow("SUBSCRIBE missing options") << v311 << hex("82 05 0001 0001 61") << u"beyond"_s;
    QTest::newRow("UNSUBSCRIBE no filters") << v311 << hex("a2 02 0001") << u"no topic"_s;
    QTest::newRow("SUBACK no codes") << v311 << hex("90 02 0001") << u"no reason"_s;

    // Properties.
    QTest::newRow("property length beyond packet") << v5 << hex("40 04 0001 00 05") << u"beyond"_s;
    QTest::newRow("unknown property") << v5 << hex("40 06 0001 00 02 7f00") << u"unknown"_s;
    QTest::newRow("property id too wide") << v5 << hex("40 07 0001 00 03 818001") << u"unknown"_s;
    QTest::newRow("property value truncated") << v5 << hex("40 06 0001 00 02 2300") << u"beyond"_s;
    QTest::newRow("property string beyond") << v5 << hex("40 07 0001 00 03 1f0005") << u"beyond"_s;
    QTest::newRow("user property value missing")
            << v5 << hex("40 09 0001 00 05 26 0001 6b 00") << u"beyond"_s;
    QTest::newRow("subscription id 5 bytes")
            << v5 << hex("30 0a 0001 74 06 0b ffffffff01") << u"4 bytes"_s;
    QTest::newRow("property length 5 bytes")
            << v5 << hex("40 08 0001 00 ffffffff01") << u"4 bytes"_s;
    QTest::newRow("PUBLISH v5 missing property length")
            << v5 << hex("30 03 0001 74") << u"beyond"_s;
    QTest::newRow("CONNACK v5 properties beyond") << v5 << hex("20 03 00 00 03") << u"beyond"_s;

    // UTF-8.
    QTest::newRow("overlong slash") << v311 << hex("30 04 0002 c0af") << u"UTF-8"_s;
    QTest::newRow("overlong NUL") << v311 << hex("30 04 0002 c080") << u"UTF-8"_s;
    QTest::newRow("overlong 3 byte") << v311 << hex("30 05 0003 e080af") << u"UTF-8"_s;
    QTest::newRow("overlong 4 byte") << v311 << hex("30 06 0004 f08082ac") << u"UTF-8"_s;
    QTest::newRow("surrogate high") << v311 << hex("30 05 0003 eda080") << u"UTF-8"_s;
    QTest::newRow("surrogate low") << v311 << hex("30 05 0003 edbfbf") << u"UTF-8"_s;
    QTest::newRow("above U+10FFFF") << v311 << hex("30 06 0004 f4908080") << u"UTF-8"_s;
    QTest::newRow("F5 lead") << v311 << hex("30 06 0004 f5808080") << u"UTF-8"_s;
    QTest::newRow("U+0000") << v311 << hex("30 05 0003 610062") << u"U+0000"_s;
    QTest::newRow("lone continuation") << v311 << hex("30 03 0001 80") << u"UTF-8"_s;
    QTest::newRow("truncated sequence") << v311 << hex("30 04 0002 e282") << u"UTF-8"_s;
    QTest::newRow("bad continuation") << v311 << hex("30 05 0003 e22861") << u"UTF-8"_s;
    QTest::newRow("client id U+0000")
            << v311 << hex("10 0d 0004 4d515454 04 02 003c 0001 00") << u"UTF-8"_s;
    QTest::newRow("username surrogate")
            << v311 << hex("10 12 0004 4d515454 04 82 003c 0001 61 0003 eda080") << u"UTF-8"_s;
    QTest::newRow("SUBSCRIBE filter overlong")
            << v311 << hex("82 07 0001 0002 c0af 00") << u"UTF-8"_s;
    QTest::newRow("user property key invalid")
            << v5 << hex("30 0b 0001 74 07 26 0001 ff 0001 76") << u"UTF-8"_s;

    // PUBLISH topic and packet ids.
    QTest::newRow("PUBLISH topic +") << v311 << hex("30 05 0003 612f2b") << u"wildcard"_s;
    QTest::newRow("PUBLISH topic #") << v5 << hex("30 04 0001 23 00") << u"wildcard"_s;
    QTest::newRow("PUBLISH topic empty v311") << v311 << hex("30 02 0000") << u"empty"_s;
    QTest::newRow("PUBLISH topic empty v5 no alias")
            << v5 << hex("30 03 0000 00") << u"topic alias"_s;
    QTest::newRow("PUBLISH qos1 id 0") << v311 << hex("32 05 0001 74 0000") << u"packet id 0"_s;
    QTest::newRow("PUBLISH qos2 id 0 v5") << v5 << hex("34 06 0001 74 0000 00") << u"packet id 0"_s;
    QTest::newRow("PUBACK id 0") << v311 << hex("40 02 0000") << u"packet id 0"_s;
    QTest::newRow("PUBREC id 0") << v5 << hex("50 02 0000") << u"packet id 0"_s;
    QTest::newRow("PUBREL id 0") << v311 << hex("62 02 0000") << u"packet id 0"_s;
    QTest::newRow("PUBCOMP id 0") << v311 << hex("70 02 0000") << u"packet id 0"_s;
    QTest::newRow("SUBSCRIBE id 0") << v311 << hex("82 06 0000 0001 61 00") << u"packet id 0"_s;
    QTest::newRow("SUBACK id 0") << v311 << hex("90 03 0000 00") << u"packet id 0"_s;
    QTest::newRow("UNSUBSCRIBE id 0") << v311 << hex("a2 05 0000 0001 61") << u"packet id 0"_s;
    QTest::newRow("UNSUBACK id 0") << v311 << hex("b0 02 0000") << u"packet id 0"_s;

    // Field values the spec forbids.
    QTest::newRow("SUBSCRIBE qos 3") << v311 << hex("82 06 0001 0001 61 03") << u"QoS 3"_s;
    QTest::newRow("SUBSCRIBE v311 reserved bits")
            << v311 << hex("82 06 0001 0001 61 04") << u"reserved"_s;
    QTest::newRow("SUBSCRIBE v5 reserved bits")
            << v5 << hex("82 07 0001 00 0001 61 40") << u"reserved"_s;
    QTest::newRow("SUBSCRIBE v5 retain handling 3")
            << v5 << hex("82 07 0001 00 0001 61 30") << u"retain handling"_s;
    QTest::newRow("CONNECT protocol name")
            << v311 << hex("10 0d 0004 4d515458 04 02 003c 0001 61") << u"protocol name"_s;
    QTest::newRow("CONNECT level 3")
            << v311 << hex("10 0d 0004 4d515454 03 02 003c 0001 61") << u"level"_s;
    QTest::newRow("CONNECT reserved flag")
            << v311 << hex("10 0d 0004 4d515454 04 03 003c 0001 61") << u"reserved"_s;
    QTest::newRow("CONNECT will qos 3")
            << v311 << hex("10 13 0004 4d515454 04 1c 003c 0001 61 0001 74 0001 78") << u"QoS 3"_s;
    QTest::newRow("CONNECT will qos without will")
            << v311 << hex("10 0d 0004 4d515454 04 08 003c 0001 61") << u"without a will"_s;
    QTest::newRow("CONNECT will retain without will")
            << v311 << hex("10 0d 0004 4d515454 04 20 003c 0001 61") << u"without a will"_s;
    QTest::newRow("CONNECT v311 password without username")
            << v311 << hex("10 10 0004 4d515454 04 40 003c 0001 61 0001 70") << u"password"_s;
    QTest::newRow("CONNECT will topic wildcard")
            << v311 << hex("10 13 0004 4d515454 04 04 003c 0001 61 0001 23 0001 78")
            << u"wildcard"_s;
    QTest::newRow("CONNACK reserved flags") << v311 << hex("20 02 02 00") << u"reserved"_s;
    QTest::newRow("UNSUBACK v5 no codes") << v5 << hex("b0 03 0001 00") << u"no reason"_s;
    QTest::newRow("AUTH trailing") << v5 << hex("f0 04 18 00 00 00") << u"after"_s;
}

void TestMqttCodec::malformed()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, errorContains);

    QString error;
    QVERIFY(!decode(bytes, version, &error).has_value());
    QVERIFY2(error.contains(errorContains), qPrintable(error));

    PacketReader whole(version);
    whole.append(bytes);
    Packet packet;
    QCOMPARE(whole.next(packet), PacketReader::Status::Error);
    QVERIFY2(whole.errorString().contains(errorContains), qPrintable(whole.errorString()));

    // Fed one byte at a time the reader may wait, but never yields a packet.
    PacketReader trickle(version);
    PacketReader::Status status = PacketReader::Status::NeedMore;
    for (qsizetype i = 0; i < bytes.size() && status == PacketReader::Status::NeedMore; ++i) {
        trickle.append(bytes.mid(i, 1));
        status = trickle.next(packet);
    }
    QCOMPARE(status, PacketReader::Status::Error);
}

void TestMqttCodec::errorIsSticky()
{
    PacketReader reader;
    reader.append(hex("c0 00 00 00 c0 00"));
    Packet packet;
    QCOMPARE(reader.next(packet), PacketReader::Status::Packet);
    QCOMPARE(reader.next(packet), PacketReader::Status::Error);
    const QString error = reader.errorString();
    QVERIFY(!error.isEmpty());
    reader.append(hex("c0 00"));
    QCOMPARE(reader.next(packet), PacketReader::Status::Error);
    QCOMPARE(reader.errorString(), error);

    reader.clear();
    QVERIFY(reader.errorString().isEmpty());
    reader.append(hex("c0 00"));
    QCOMPARE(reader.next(packet), PacketReader::Status::Packet);
}

void TestMqttCodec::oversizePacket()
{
    const QByteArray bytes = encode(publish(u"t"_s, QByteArray(997, 'x')), ProtocolVersion::V311);
    QCOMPARE(bytes.size(), 1003); // 1 + 2 length bytes + 3 topic + 997 payload
    const QByteArray next = encode(publish(u"after"_s, "small"), ProtocolVersion::V311);

    PacketReader exact;
    exact.setMaximumPacketSize(1003);
    QCOMPARE(exact.maximumPacketSize(), 1003u);
    exact.append(bytes);
    Packet packet;
    QCOMPARE(exact.next(packet), PacketReader::Status::Packet);

    // One byte over: the PUBLISH is skipped, the stream goes on.
    PacketReader small;
    small.setMaximumPacketSize(1002);
    small.append(bytes + next);
    QCOMPARE(small.next(packet), PacketReader::Status::Skipped);
    QCOMPARE(small.skipped().topic, u"t"_s);
    QCOMPARE(small.skipped().size, quint64(1003));
    QCOMPARE(small.next(packet), PacketReader::Status::Packet);
    QCOMPARE(std::get<Publish>(packet).topic, u"after"_s);

    // The default guard is 1 MiB.
    PacketReader defaults;
    defaults.append(encode(publish(u"t"_s, QByteArray(1024 * 1024, 'x')), ProtocolVersion::V311));
    QCOMPARE(defaults.next(packet), PacketReader::Status::Skipped);

    // Anything but a PUBLISH over the limit is still an error.
    Suback suback;
    suback.packetId = 1;
    suback.reasonCodes = QList<quint8>(2000, 1);
    PacketReader others;
    others.setMaximumPacketSize(1000);
    others.append(encode(suback, ProtocolVersion::V311));
    QCOMPARE(others.next(packet), PacketReader::Status::Error);
    QVERIFY2(others.errorString().contains(u"maximum packet size"_s),
            qPrintable(others.errorString()));
}

void TestMqttCodec::oversizePublishIsSkippedNotBuffered_data()
{
    QTest::addColumn<int>("chunk");
    QTest::addColumn<int>("qos");
    QTest::newRow("1 byte chunks at the start, QoS 1") << 1 << 1;
    QTest::newRow("7-byte chunks, QoS 0") << 7 << 0;
    QTest::newRow("64 KiB chunks, QoS 1") << 64 * 1024 << 1;
    QTest::newRow("64 KiB chunks, QoS 2") << 64 * 1024 << 2;
    QTest::newRow("all at once, QoS 1") << 0 << 1;
}

void TestMqttCodec::oversizePublishIsSkippedNotBuffered()
{
    QFETCH(int, chunk);
    QFETCH(int, qos);
    // 10 MB declared by a broker for a client that takes 1 MiB.
    Publish big = publish(u"rooms/lobby/from/mallory"_s, QByteArray(10'000'000, 'p'));
    big.qos = quint8(qos);
    big.packetId = qos ? 7 : 0;
    const QByteArray poison = encode(big, ProtocolVersion::V311);
    const QByteArray stream
            = poison + encode(publish(u"rooms/lobby/from/bob"_s, "hi"), ProtocolVersion::V311);
    PacketReader reader;
    QList<PacketReader::Status> seen;
    qsizetype mostHeld = 0;
    Packet packet;
    qsizetype at = 0;
    while (at < stream.size()) {
        // Tiny chunks while the header arrives, then the given size.
        const qsizetype size = chunk == 0 ? stream.size()
                : at < 64                 ? std::min<qsizetype>(chunk, 64 - at)
                                          : chunk;
        reader.append(stream.mid(at, size));
        at += size;
        mostHeld = std::max(mostHeld, reader.pendingBytes().size());
        for (;;) {
            const PacketReader::Status status = reader.next(packet);
            if (status == PacketReader::Status::NeedMore)
                break;
            seen.append(status);
            QVERIFY(status != PacketReader::Status::Error);
            if (status == PacketReader::Status::Skipped) {
                QCOMPARE(reader.skipped().topic, big.topic);
                QCOMPARE(reader.skipped().qos, quint8(qos));
                QCOMPARE(reader.skipped().packetId, big.packetId);
                QCOMPARE(reader.skipped().size, quint64(poison.size()));
            } else {
                QCOMPARE(std::get<Publish>(packet).payload, QByteArray("hi"));
            }
        }
        if (chunk != 0)
            QVERIFY2(reader.pendingBytes().size() <= 2 * 64 * 1024,
                    qPrintable(QString::number(reader.pendingBytes().size())));
    }
    QCOMPARE(seen,
            (QList<PacketReader::Status> {
                    PacketReader::Status::Skipped, PacketReader::Status::Packet }));
    QVERIFY(reader.pendingBytes().isEmpty());
}

void TestMqttCodec::oversizeRefusedBeforeBody()
{
    // A bad first byte is refused before its length is even complete.
    Packet packet;
    PacketReader flags;
    flags.append(hex("36"));
    QCOMPARE(flags.next(packet), PacketReader::Status::Error);

    PacketReader partial;
    partial.append(hex("30 ff"));
    QCOMPARE(partial.next(packet), PacketReader::Status::NeedMore);
    partial.append(hex("ff ff"));
    QCOMPARE(partial.next(packet), PacketReader::Status::NeedMore);
    partial.append(hex("ff"));
    QCOMPARE(partial.next(packet), PacketReader::Status::Error);

    // A topic longer than the packet that claims it is malformed, not skipped.
    PacketReader lying;
    lying.setMaximumPacketSize(16);
    lying.append(hex("30 14 ff ff") + QByteArray(18, 'a'));
    QCOMPARE(lying.next(packet), PacketReader::Status::Error);
}

void TestMqttCodec::decodeRejectsWrongLength()
{
    QString error;
    QVERIFY(!decode(QByteArray(), ProtocolVersion::V311, &error).has_value());
    QVERIFY(!decode(hex("c0"), ProtocolVersion::V311, &error).has_value());
    QVERIFY(!decode(hex("40 02 00"), ProtocolVersion::V311, &error).has_value());
    QVERIFY(!decode(hex("c0 00 00"), ProtocolVersion::V311, &error).has_value());
    QVERIFY(error.contains(u"end of the packet"_s));
    QVERIFY(!decode(hex("c0 00 00"), ProtocolVersion::V311, nullptr).has_value());
}

void TestMqttCodec::encodeRefuses_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<Packet>("packet");
    QTest::addColumn<QString>("errorContains");

    const auto v311 = ProtocolVersion::V311;
    const auto v5 = ProtocolVersion::V5;

    QTest::newRow("topic over 65535 bytes")
            << v311 << Packet(publish(QString(65536, u'a'), "x")) << u"65,535"_s;
    QTest::newRow("topic over 65535 UTF-8 bytes")
            << v311 << Packet(publish(QString(40000, QChar(0xe9)), "x")) << u"65,535"_s;
    Connect longId;
    longId.clientId = QString(70000, u'c');
    QTest::newRow("client id over 65535") << v311 << Packet(longId) << u"65,535"_s;
    Connect nulId;
    nulId.clientId = QString(QChar(0)) + u"x"_s;
    QTest::newRow("client id with U+0000") << v311 << Packet(nulId) << u"U+0000"_s;
    Connect surrogate;
    surrogate.clientId = QString(QChar(0xD800));
    QTest::newRow("client id lone surrogate") << v311 << Packet(surrogate) << u"surrogate"_s;
    Connect longPassword;
    longPassword.username = u"u"_s;
    longPassword.password = QByteArray(65536, 'p');
    QTest::newRow("password over 65535") << v311 << Packet(longPassword) << u"65,535"_s;
    Connect passwordOnly;
    passwordOnly.password = QByteArray("p");
    QTest::newRow("password without username v311")
            << v311 << Packet(passwordOnly) << u"password"_s;
    Connect badWill;
    badWill.will = Will { u"t"_s, {}, 3, false, {} };
    QTest::newRow("will qos 3") << v311 << Packet(badWill) << u"QoS"_s;
    Connect wildWill;
    wildWill.will = Will { u"a/#"_s, {}, 0, false, {} };
    QTest::newRow("will topic wildcard") << v311 << Packet(wildWill) << u"wildcard"_s;
    QTest::newRow("CONNECT version mismatch") << v5 << Packet(Connect {}) << u"version"_s;

    QTest::newRow("PUBLISH qos 3") << v311 << Packet(publish(u"t"_s, "", 3, 1)) << u"QoS"_s;
    QTest::newRow("PUBLISH qos 1 id 0")
            << v311 << Packet(publish(u"t"_s, "", 1, 0)) << u"packet id"_s;
    QTest::newRow("PUBLISH qos 2 id 0")
            << v5 << Packet(publish(u"t"_s, "", 2, 0)) << u"packet id"_s;
    Publish dup0 = publish(u"t"_s, "");
    dup0.dup = true;
    QTest::newRow("PUBLISH dup qos 0") << v311 << Packet(dup0) << u"DUP"_s;
    QTest::newRow("PUBLISH topic +") << v311 << Packet(publish(u"a/+/b"_s, "")) << u"wildcard"_s;
    QTest::newRow("PUBLISH topic #") << v5 << Packet(publish(u"#"_s, "")) << u"wildcard"_s;
    QTest::newRow("PUBLISH topic empty") << v311 << Packet(publish(QString(), "")) << u"empty"_s;
    QTest::newRow("PUBLISH v5 empty topic no alias")
            << v5 << Packet(publish(QString(), "")) << u"empty"_s;
    Publish aliasV311 = publish(QString(), "");
    aliasV311.properties = { prop(PropertyId::TopicAlias, 1u) };
    QTest::newRow("PUBLISH v311 alias cannot replace topic")
            << v311 << Packet(aliasV311) << u"empty"_s;

    for (PacketType t :
            { PacketType::Puback, PacketType::Pubrec, PacketType::Pubrel, PacketType::Pubcomp }) {
        QTest::addRow("%s id 0", qPrintable(packetTypeName(t)))
                << v311 << Packet(ack(t, 0)) << u"packet id"_s;
    }
    QTest::newRow("Ack of type PUBLISH")
            << v311 << Packet(ack(PacketType::Publish, 1)) << u"Ack type"_s;

    QTest::newRow("SUBSCRIBE id 0")
            << v311 << Packet(Subscribe { 0, { Subscription { u"a"_s, 0, false, false, 0 } }, {} })
            << u"packet id"_s;
    QTest::newRow("SUBSCRIBE empty")
            << v5 << Packet(Subscribe { 1, {}, {} }) << u"no subscriptions"_s;
    QTest::newRow("SUBSCRIBE qos 3")
            << v311 << Packet(Subscribe { 1, { Subscription { u"a"_s, 3, false, false, 0 } }, {} })
            << u"QoS"_s;
    QTest::newRow("SUBSCRIBE bad filter")
            << v311
            << Packet(Subscribe { 1, { Subscription { u"a/#/b"_s, 0, false, false, 0 } }, {} })
            << u"filter"_s;
    QTest::newRow("SUBSCRIBE retain handling 3")
            << v5 << Packet(Subscribe { 1, { Subscription { u"a"_s, 0, false, false, 3 } }, {} })
            << u"retain handling"_s;
    QTest::newRow("UNSUBSCRIBE id 0")
            << v311 << Packet(Unsubscribe { 0, { u"a"_s }, {} }) << u"packet id"_s;
    QTest::newRow("UNSUBSCRIBE empty")
            << v311 << Packet(Unsubscribe { 1, {}, {} }) << u"no topic filters"_s;
    QTest::newRow("UNSUBSCRIBE bad filter")
            << v311 << Packet(Unsubscribe { 1, { u"a+"_s }, {} }) << u"filter"_s;
    QTest::newRow("SUBACK id 0") << v311 << Packet(Suback { 0, { 0 }, {} }) << u"packet id"_s;
    QTest::newRow("SUBACK empty") << v311 << Packet(Suback { 1, {}, {} }) << u"no reason"_s;
    QTest::newRow("UNSUBACK id 0") << v311 << Packet(Unsuback { 0, {}, {} }) << u"packet id"_s;
    QTest::newRow("UNSUBACK v5 empty") << v5 << Packet(Unsuback { 1, {}, {} }) << u"no reason"_s;
    QTest::newRow("AUTH v311") << v311 << Packet(Auth {}) << u"AUTH"_s;

    const auto withProperty = [](Property property) {
        return Packet(Disconnect { 0, { std::move(property) } });
    };
    QTest::newRow("property string for integer")
            << v5 << withProperty({ PropertyId::ReceiveMaximum, u"10"_s }) << u"integer"_s;
    QTest::newRow("property byte out of range")
            << v5 << withProperty(prop(PropertyId::PayloadFormatIndicator, 256u)) << u"255"_s;
    QTest::newRow("property two-byte out of range")
            << v5 << withProperty(prop(PropertyId::TopicAlias, 65536u)) << u"65,535"_s;
    QTest::newRow("property negative")
            << v5 << withProperty({ PropertyId::SessionExpiryInterval, -1 }) << u"integer"_s;
    QTest::newRow("property varint out of range")
            << v5 << withProperty(prop(PropertyId::SubscriptionIdentifier, 268'435'456u))
            << u"268,435,455"_s;
    QTest::newRow("property bytes for string")
            << v5 << withProperty({ PropertyId::ReasonString, QByteArray("x") }) << u"QString"_s;
    QTest::newRow("property string for binary")
            << v5 << withProperty({ PropertyId::CorrelationData, u"x"_s }) << u"QByteArray"_s;
    QTest::newRow("user property one string")
            << v5 << withProperty({ PropertyId::UserProperty, QStringList { u"k"_s } })
            << u"key and value"_s;
    QTest::newRow("user property U+0000")
            << v5 << withProperty(userProp(u"k"_s, QString(QChar(0)))) << u"U+0000"_s;
    QTest::newRow("unknown property id")
            << v5 << withProperty({ PropertyId(0x7F), QVariant::fromValue(1u) }) << u"unknown"_s;
    QTest::newRow("binary property over 65535")
            << v5 << withProperty(prop(PropertyId::CorrelationData, QByteArray(65536, 'c')))
            << u"65,535"_s;
}

void TestMqttCodec::encodeRefuses()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(Packet, packet);
    QFETCH(QString, errorContains);

    QString error;
    QVERIFY(encode(packet, version, &error).isEmpty());
    QVERIFY2(error.contains(errorContains), qPrintable(error));
    // A null error pointer is allowed.
    QVERIFY(encode(packet, version).isEmpty());
}

void TestMqttCodec::topicNameValidity_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << u"a/b/c"_s << true;
    QTest::newRow("single char") << u"a"_s << true;
    QTest::newRow("slash only") << u"/"_s << true;
    QTest::newRow("empty levels") << u"a//b/"_s << true;
    QTest::newRow("dollar") << u"$SYS/uptime"_s << true;
    QTest::newRow("space") << u"a b"_s << true;
    QTest::newRow("unicode") << u"\u00e9/\u4e2d/\U0001F600"_s << true;
    QTest::newRow("max length") << QString(65535, u'x') << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("plus") << u"a/+"_s << false;
    QTest::newRow("hash") << u"a/#"_s << false;
    QTest::newRow("embedded plus") << u"a+b"_s << false;
    QTest::newRow("U+0000") << QString(QChar(0)) << false;
    QTest::newRow("lone surrogate") << QString(QChar(0xDC00)) << false;
    QTest::newRow("too long") << QString(65536, u'x') << false;
    QTest::newRow("too long in UTF-8") << QString(21846, QChar(0x4e2d)) << false;
}

void TestMqttCodec::topicNameValidity()
{
    QFETCH(QString, topic);
    QFETCH(bool, valid);
    QCOMPARE(isValidTopicName(topic), valid);
}

void TestMqttCodec::topicFilterValidity_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << u"a/b"_s << true;
    QTest::newRow("hash alone") << u"#"_s << true;
    QTest::newRow("plus alone") << u"+"_s << true;
    QTest::newRow("trailing hash") << u"a/b/#"_s << true;
    QTest::newRow("plus levels") << u"+/+/+"_s << true;
    QTest::newRow("plus then hash") << u"a/+/#"_s << true;
    QTest::newRow("leading slash plus") << u"/+"_s << true;
    QTest::newRow("empty level") << u"a//b"_s << true;
    QTest::newRow("shared") << u"$share/group/a/+"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("hash not last") << u"a/#/b"_s << false;
    QTest::newRow("hash inside level") << u"a/b#"_s << false;
    QTest::newRow("hash before level") << u"#a"_s << false;
    QTest::newRow("plus inside level") << u"a/b+/c"_s << false;
    QTest::newRow("plus after char") << u"a+"_s << false;
    QTest::newRow("plus before char") << u"+a"_s << false;
    QTest::newRow("double hash") << u"##"_s << false;
    QTest::newRow("U+0000") << QString(u"a/"_s + QChar(0)) << false;
    QTest::newRow("lone surrogate") << QString(u"a/"_s + QChar(0xD800)) << false;
    QTest::newRow("too long") << QString(65536, u'x') << false;
}

void TestMqttCodec::topicFilterValidity()
{
    QFETCH(QString, filter);
    QFETCH(bool, valid);
    QCOMPARE(isValidTopicFilter(filter), valid);
}

void TestMqttCodec::topicMatching_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("matches");
    const auto row = [](const char *name, const QString &t, const QString &f, bool m) {
        QTest::newRow(name) << t << f << m;
    };
    row("exact", u"a/b"_s, u"a/b"_s, true);
    row("exact differs", u"a/b"_s, u"a/c"_s, false);
    row("case sensitive", u"A"_s, u"a"_s, false);
    row("hash all", u"a/b/c"_s, u"#"_s, true);
    row("hash parent", u"a"_s, u"a/#"_s, true);
    row("hash child", u"a/b"_s, u"a/#"_s, true);
    row("hash grandchild", u"a/b/c"_s, u"a/#"_s, true);
    row("hash other root", u"b"_s, u"a/#"_s, false);
    row("hash prefix only", u"ab"_s, u"a/#"_s, false);
    row("hash empty level", u"a/"_s, u"a/#"_s, true);
    row("deep hash parent", u"a/b"_s, u"a/b/#"_s, true);
    row("deep hash too short", u"a"_s, u"a/b/#"_s, false);
    row("plus one level", u"a/b"_s, u"a/+"_s, true);
    row("plus not two", u"a/b/c"_s, u"a/+"_s, false);
    row("plus not zero", u"a"_s, u"a/+"_s, false);
    row("plus empty level", u"a/"_s, u"a/+"_s, true);
    row("plus middle", u"a/x/c"_s, u"a/+/c"_s, true);
    row("plus middle mismatch", u"a/x/d"_s, u"a/+/c"_s, false);
    row("plus plus", u"/finance"_s, u"+/+"_s, true);
    row("slash plus", u"/finance"_s, u"/+"_s, true);
    row("plus vs leading slash", u"/finance"_s, u"+"_s, false);
    row("plus then hash", u"a/b"_s, u"+/#"_s, true);
    row("plus then hash parent", u"a"_s, u"+/#"_s, true);
    row("longer filter", u"a"_s, u"a/b"_s, false);
    row("longer topic", u"a/b"_s, u"a"_s, false);
    row("trailing slash", u"a/"_s, u"a"_s, false);
    row("dollar vs hash", u"$SYS/x"_s, u"#"_s, false);
    row("dollar vs plus", u"$SYS/monitor"_s, u"+/monitor"_s, false);
    row("dollar explicit", u"$SYS/monitor"_s, u"$SYS/#"_s, true);
    row("dollar explicit plus", u"$SYS/monitor"_s, u"$SYS/+"_s, true);
    row("dollar inner is fine", u"a/$b"_s, u"a/+"_s, true);
    row("invalid filter", u"a/b"_s, u"a/#/b"_s, false);
    row("wildcard topic", u"a/+"_s, u"a/+"_s, false);
    row("empty topic", QString(), u"#"_s, false);
    row("unicode", u"\u00e9/\u4e2d"_s, u"\u00e9/+"_s, true);
}

void TestMqttCodec::topicMatching()
{
    QFETCH(QString, topic);
    QFETCH(QString, filter);
    QFETCH(bool, matches);
    QCOMPARE(topicMatchesFilter(topic, filter), matches);
}

void TestMqttCodec::helpers()
{
    const Properties props { prop(PropertyId::ReasonString, u"first"_s), userProp(u"k"_s, u"v"_s),
        prop(PropertyId::ReasonString, u"second"_s) };
    QCOMPARE(findProperty(props, PropertyId::ReasonString).value_or(QVariant()),
            QVariant(u"first"_s));
    QCOMPARE(findProperty(props, PropertyId::UserProperty)->toStringList(),
            QStringList({ u"k"_s, u"v"_s }));
    QVERIFY(!findProperty(props, PropertyId::TopicAlias).has_value());

    QCOMPARE(packetType(Packet(ack(PacketType::Pubrel, 1))), PacketType::Pubrel);
    QCOMPARE(packetType(Packet(Auth {})), PacketType::Auth);
    QCOMPARE(packetType(Packet(Connect {})), PacketType::Connect);
    QCOMPARE(packetTypeName(PacketType::Unsuback), u"UNSUBACK"_s);
    QCOMPARE(packetTypeName(PacketType::Pingreq), u"PINGREQ"_s);

    PacketReader reader(ProtocolVersion::V5);
    QCOMPARE(reader.version(), ProtocolVersion::V5);
    reader.setVersion(ProtocolVersion::V311);
    QCOMPARE(reader.version(), ProtocolVersion::V311);
    QCOMPARE(reader.maximumPacketSize(), 1024u * 1024u);
}

void TestMqttCodec::randomizedRobustness()
{
    QRandomGenerator random(20240229);
    QList<QByteArray> seeds;
    for (ProtocolVersion v : { ProtocolVersion::V311, ProtocolVersion::V5 }) {
        for (const auto &row : samplePackets(v)) {
            const QByteArray bytes = encode(row.second, v);
            if (bytes.size() < 2000) // mutations of huge payloads teach nothing more
                seeds.append(bytes);
        }
    }

    int packets = 0;
    int errors = 0;
    for (int iteration = 0; iteration < 2000; ++iteration) {
        QByteArray buffer;
        switch (random.bounded(4)) {
        case 0: { // pure noise
            buffer.resize(random.bounded(80));
            for (char &b : buffer)
                b = char(random.bounded(256));
            break;
        }
        case 1: { // valid packet with a few bytes flipped
            buffer = seeds.at(random.bounded(int(seeds.size())));
            const int flips = 1 + random.bounded(4);
            for (int i = 0; i < flips; ++i)
                buffer[random.bounded(int(buffer.size()))] = char(random.bounded(256));
            break;
        }
        case 2: { // valid packet truncated or with its length byte changed
            buffer = seeds.at(random.bounded(int(seeds.size())));
            if (random.bounded(2))
                buffer.truncate(random.bounded(int(buffer.size())));
            else
                buffer[1] = char(random.bounded(256));
            break;
        }
        default: { // several packets glued, with random junk spliced in
            for (int i = 0; i < 3; ++i)
                buffer += seeds.at(random.bounded(int(seeds.size())));
            const qsizetype at = random.bounded(int(buffer.size()));
            QByteArray junk(1 + random.bounded(6), Qt::Uninitialized);
            for (char &b : junk)
                b = char(random.bounded(256));
            buffer.insert(at, junk);
            break;
        }
        }

        const auto version = random.bounded(2) ? ProtocolVersion::V5 : ProtocolVersion::V311;
        PacketReader reader(version);
        reader.setMaximumPacketSize(64 * 1024);
        PacketReader::Status status = PacketReader::Status::NeedMore;
        qsizetype pos = 0;
        // Each Packet consumes at least two bytes, so this loop is bounded.
        while (status != PacketReader::Status::Error && pos < buffer.size()) {
            const qsizetype n = std::min<qsizetype>(1 + random.bounded(16), buffer.size() - pos);
            reader.append(buffer.mid(pos, n));
            pos += n;
            Packet packet;
            while ((status = reader.next(packet)) == PacketReader::Status::Packet) {
                ++packets;
                // Whatever decodes and re-encodes must survive a second trip.
                const ProtocolVersion encodeAs = std::holds_alternative<Connect>(packet)
                        ? std::get<Connect>(packet).version
                        : version;
                const QByteArray again = encode(packet, encodeAs);
                if (!again.isEmpty()) {
                    const auto twice = decode(again, version, nullptr);
                    QVERIFY(twice.has_value());
                    QVERIFY(*twice == packet);
                }
            }
        }
        if (status == PacketReader::Status::Error) {
            ++errors;
            QVERIFY(!reader.errorString().isEmpty());
        }
        QString error;
        const auto single = decode(buffer, version, &error);
        QVERIFY(single.has_value() || !error.isEmpty());
    }
    // The corpus must exercise both outcomes, or it tests nothing.
    QVERIFY(packets > 100);
    QVERIFY(errors > 100);
}

QTEST_APPLESS_MAIN(TestMqttCodec)
#include "tst_mqttcodec.moc"
