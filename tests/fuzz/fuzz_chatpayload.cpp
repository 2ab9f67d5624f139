// libFuzzer target: the chat payload parser (and the id peek before it).
// Never a crash; a payload it accepts written back reads back the same; and
// the fast reader of flat objects agrees with QJsonDocument on whatever it
// reads.
#include "chatmessage.h"
#include "flatjsonreader.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <cstdint>
#include <cstdlib>

using longlink::ChatMessage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray payload(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)ChatMessage::peekId(payload);
    if (const auto members = longlink::FlatJsonReader::read(payload)) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            std::abort(); // read as flat JSON what is no JSON object
        const QJsonObject object = document.object();
        if (object.size() != members->size())
            std::abort();
        for (const auto &[key, value] : *members) {
            const QJsonValue expected = object.value(QString::fromUtf8(key));
            if (value.isString ? expected != QJsonValue(value.string)
                               : expected != QJsonValue(double(value.integer)))
                std::abort();
        }
    }
    QString error;
    const std::optional<ChatMessage> message = ChatMessage::fromJson(payload, &error);
    if (!message)
        return 0;
    const QByteArray again = message->toJson();
    const std::optional<ChatMessage> back = ChatMessage::fromJson(again, &error);
    if (!back || !(*back == *message))
        std::abort();
    if (ChatMessage::peekId(again) != message->id)
        std::abort(); // what we write, the early dedupe must recognise
    return 0;
}
