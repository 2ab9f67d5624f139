// MQTT 5 properties: their kinds, writing, reading and validating them.
#include "mqttpacket.h"
#include "mqttwire_p.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longlink::mqtt {

namespace {

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

} // namespace

namespace wire {

bool hasProperty(const Properties &properties, PropertyId id)
{
    for (const Property &p : properties) {
        if (p.id == id)
            return true;
    }
    return false;
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

template void writeProperties(SizeCounter &out, const Properties &properties);
template void writeProperties(Writer &out, const Properties &properties);

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

} // namespace wire

std::optional<QVariant> findProperty(const Properties &properties, PropertyId id)
{
    for (const Property &p : properties) {
        if (p.id == id)
            return p.value;
    }
    return std::nullopt;
}

} // namespace longlink::mqtt
