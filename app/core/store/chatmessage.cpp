#include "chatmessage.h"

#include "flatjsonreader.h"
#include "jsonobjectwriter.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRandomGenerator>
#include <QtCore/QUuid>

#include <cmath>

using namespace Qt::StringLiterals;

namespace longlink {

QString ChatMessage::newId()
{
    // A time-ordered UUID (version 7 layout: 48-bit Unix milliseconds, then
    // random bits). Ids that grow with time land at the end of the store's
    // unique index instead of on a random page, which keeps each commit small.
    // Qt 6.4 has no UUIDv7 (QUuid::createUuidV7 came in 6.9), hence by hand.
    // Within one millisecond the counter in the random part keeps ids ordered.
    static quint64 lastMs = 0;
    static quint32 sequence = 0;
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch());
    sequence = ms == lastMs ? sequence + 1 : QRandomGenerator::global()->bounded(1u << 11);
    lastMs = ms;
    quint8 bytes[16];
    for (int i = 0; i < 6; ++i)
        bytes[i] = quint8(ms >> (40 - 8 * i));
    const quint64 random = QRandomGenerator::global()->generate64();
    bytes[6] = quint8(0x70 | ((sequence >> 8) & 0x0F));
    bytes[7] = quint8(sequence);
    bytes[8] = quint8(0x80 | (random & 0x3F));
    for (int i = 9; i < 16; ++i)
        bytes[i] = quint8(random >> (8 * (i - 8)));
    return QUuid::fromRfc4122(QByteArrayView(reinterpret_cast<const char *>(bytes), 16))
            .toString(QUuid::WithoutBraces);
}

QByteArray ChatMessage::toJson() const
{
    // "id" first: receivers can drop a redelivery by peeking at it (see peekId).
    JsonObjectWriter writer(96 + text.size());
    writer.add("id", id).add("room", room).add("from", from).add("ts", ts).add("text", text);
    if (!replyTo.isEmpty())
        writer.add("replyTo", replyTo);
    if (kind == Kind::Edit)
        writer.add("edits", target);
    else if (kind == Kind::Delete)
        writer.add("deletes", target);
    return writer.finish();
}

ChatMessage ChatMessage::edit(const ChatMessage &target, const QString &text)
{
    ChatMessage edit { newId(), target.room, target.from, QDateTime::currentMSecsSinceEpoch(),
        text };
    edit.kind = Kind::Edit;
    edit.target = target.id;
    return edit;
}

ChatMessage ChatMessage::deletion(const ChatMessage &target)
{
    ChatMessage deletion = edit(target, QString());
    deletion.kind = Kind::Delete;
    return deletion;
}

QString ChatMessage::peekId(const QByteArray &payload)
{
    static constexpr QByteArrayView kPrefix = R"({"id":")";
    if (!payload.startsWith(kPrefix))
        return QString();
    const qsizetype end = payload.indexOf('"', kPrefix.size());
    if (end < 0 || end - kPrefix.size() > 64)
        return QString();
    const QByteArrayView id = QByteArrayView(payload).sliced(kPrefix.size(), end - kPrefix.size());
    if (id.contains('\\'))
        return QString(); // escaped: leave it to the parser
    return QString::fromUtf8(id);
}

bool ChatMessage::isValidId(const QString &id)
{
    // Ids are UUIDs (or any sender's similar token): 1 to 64 characters of
    // [0-9A-Za-z._-]. Anything else (controls, NULs, quotes) is refused
    // rather than carried into the store and the dedupe set.
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z')
                    || u == u'-' || u == u'_' || u == u'.'))
            return false;
    }
    return true;
}

namespace {
// The members fromJson() looks at, however they were read. A missing one
// or one of another type stays empty.
struct Fields
{
    std::optional<QString> id, room, from, text, replyTo, edits, deletes;
    std::optional<double> ts;
    bool badOptional = false; // an optional member of the wrong type
};

// The common shape, read without a document (see FlatJsonReader); nullopt
// for anything else.
std::optional<Fields> readFlat(const QByteArray &payload)
{
    const auto members = FlatJsonReader::read(payload);
    if (!members)
        return std::nullopt;
    Fields fields;
    for (const FlatJsonReader::Member &member : *members) {
        const QByteArrayView key = member.first;
        const FlatJsonReader::Value &value = member.second;
        std::optional<QString> *slot = key == "id" ? &fields.id
                : key == "room"                    ? &fields.room
                : key == "from"                    ? &fields.from
                : key == "text"                    ? &fields.text
                                                   : nullptr;
        std::optional<QString> *optional = key == "replyTo" ? &fields.replyTo
                : key == "edits"                            ? &fields.edits
                : key == "deletes"                          ? &fields.deletes
                                                            : nullptr;
        if (slot && value.isString)
            *slot = value.string;
        else if (optional && value.isString)
            *optional = value.string;
        else if (optional)
            fields.badOptional = true;
        else if (key == "ts" && !value.isString)
            fields.ts = double(value.integer);
    }
    return fields;
}

std::optional<Fields> readDocument(const QByteArray &payload, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"invalid JSON: "_s + parseError.errorString();
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = u"payload is not a JSON object"_s;
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    Fields fields;
    auto string = [&object](const QString &key) -> std::optional<QString> {
        const QJsonValue value = object.value(key);
        return value.isString() ? std::optional(value.toString()) : std::nullopt;
    };
    fields.id = string(u"id"_s);
    fields.room = string(u"room"_s);
    fields.from = string(u"from"_s);
    fields.text = string(u"text"_s);
    for (auto [key, slot] :
            { std::pair { u"replyTo"_s, &fields.replyTo }, std::pair { u"edits"_s, &fields.edits },
                    std::pair { u"deletes"_s, &fields.deletes } }) {
        if (!object.contains(key))
            continue;
        *slot = string(key);
        fields.badOptional |= !slot->has_value();
    }
    if (const QJsonValue ts = object.value(u"ts"_s); ts.isDouble())
        fields.ts = ts.toDouble();
    return fields;
}
} // namespace

std::optional<ChatMessage> ChatMessage::fromJson(const QByteArray &payload, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (payload.size() > kMaxPayloadBytes)
        return fail(u"payload of %1 bytes exceeds %2"_s.arg(payload.size()).arg(kMaxPayloadBytes));
    std::optional<Fields> fields = readFlat(payload);
    if (!fields) {
        QString why;
        fields = readDocument(payload, &why);
        if (!fields)
            return fail(why);
    }
    if (!fields->id || !isValidId(*fields->id))
        return fail(u"missing or invalid \"id\""_s);
    if (!fields->room || fields->room->isEmpty())
        return fail(u"missing or invalid \"room\""_s);
    if (!fields->from || fields->from->isEmpty())
        return fail(u"missing or invalid \"from\""_s);
    // Within +-2^53 ms a double converts to qint64 exactly; casting a larger one
    // (1e300 from a peer) is undefined behaviour.
    if (!fields->ts || !(std::abs(*fields->ts) <= 9007199254740992.0))
        return fail(u"missing or invalid \"ts\""_s);
    if (!fields->text)
        return fail(u"missing or invalid \"text\""_s);
    if (fields->text->size() > kMaxTextChars)
        return fail(u"text longer than %1 characters"_s.arg(kMaxTextChars));
    if (fields->badOptional)
        return fail(u"\"replyTo\", \"edits\" or \"deletes\" is not a string"_s);
    if (fields->edits && fields->deletes)
        return fail(u"both \"edits\" and \"deletes\""_s);
    for (const auto *reference : { &fields->replyTo, &fields->edits, &fields->deletes }) {
        if (*reference && !isValidId(**reference))
            return fail(u"invalid message id in \"replyTo\", \"edits\" or \"deletes\""_s);
    }
    if (fields->deletes && !fields->text->isEmpty())
        return fail(u"a deletion with text"_s);
    // JSON escapes can spell a lone surrogate ("\ud800"): not text, so refused like bad UTF-8.
    for (const QString *field : { &*fields->id, &*fields->room, &*fields->from, &*fields->text }) {
        if (!field->isValidUtf16())
            return fail(u"a field is not valid Unicode (unpaired surrogate)"_s);
    }
    ChatMessage message;
    message.id = std::move(*fields->id);
    message.room = std::move(*fields->room);
    message.from = std::move(*fields->from);
    message.ts = qint64(*fields->ts);
    message.text = std::move(*fields->text);
    if (fields->replyTo)
        message.replyTo = std::move(*fields->replyTo);
    if (fields->edits) {
        message.kind = Kind::Edit;
        message.target = std::move(*fields->edits);
    } else if (fields->deletes) {
        message.kind = Kind::Delete;
        message.target = std::move(*fields->deletes);
    }
    return message;
}

} // namespace longlink
