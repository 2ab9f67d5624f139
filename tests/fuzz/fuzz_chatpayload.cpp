// libFuzzer target: the chat payload parser (and the id peek before it).
// Never a crash; a payload it accepts written back reads back the same.
#include "chatmessage.h"

#include <cstdint>
#include <cstdlib>

using longlink::ChatMessage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray payload(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)ChatMessage::peekId(payload);
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
