#include "chatmessage.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QUuid>

#include <cmath>

using namespace Qt::StringLiterals;

namespace longlink {

QString ChatMessage::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray ChatMessage::toJson() const
{
    const QJsonObject object { { u"id"_s, id }, { u"room"_s, room }, { u"from"_s, from },
        { u"ts"_s, ts }, { u"text"_s, text } };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<ChatMessage> ChatMessage::fromJson(const QByteArray &payload, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (payload.size() > kMaxPayloadBytes)
        return fail(u"payload of %1 bytes exceeds %2"_s.arg(payload.size()).arg(kMaxPayloadBytes));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(u"invalid JSON: "_s + parseError.errorString());
    if (!document.isObject())
        return fail(u"payload is not a JSON object"_s);
    const QJsonObject object = document.object();
    const QJsonValue id = object.value(u"id"_s), room = object.value(u"room"_s),
                     from = object.value(u"from"_s), ts = object.value(u"ts"_s),
                     text = object.value(u"text"_s);
    if (!id.isString() || id.toString().isEmpty() || id.toString().size() > 64)
        return fail(u"missing or invalid \"id\""_s);
    if (!room.isString() || room.toString().isEmpty())
        return fail(u"missing or invalid \"room\""_s);
    if (!from.isString() || from.toString().isEmpty())
        return fail(u"missing or invalid \"from\""_s);
    // Within +-2^53 ms a double converts to qint64 exactly; casting a larger one
    // (1e300 from a peer) is undefined behaviour.
    if (!ts.isDouble() || !(std::abs(ts.toDouble()) <= 9007199254740992.0))
        return fail(u"missing or invalid \"ts\""_s);
    if (!text.isString())
        return fail(u"missing or invalid \"text\""_s);
    if (text.toString().size() > kMaxTextChars)
        return fail(u"text longer than %1 characters"_s.arg(kMaxTextChars));
    // JSON escapes can spell a lone surrogate ("\ud800"): not text, so refused like bad UTF-8.
    for (const QJsonValue &field : { id, room, from, text }) {
        if (!field.toString().isValidUtf16())
            return fail(u"a field is not valid Unicode (unpaired surrogate)"_s);
    }
    ChatMessage message;
    message.id = id.toString();
    message.room = room.toString();
    message.from = from.toString();
    message.ts = qint64(ts.toDouble());
    message.text = text.toString();
    return message;
}

} // namespace longlink
