#pragma once

#include "chatmessage.h"

namespace longlink {

// A chat message as the store keeps it: with whose it is, how far its
// delivery got and where it sits in the history.
struct StoredMessage
{
    enum class Delivery { Received = 0, Sending = 1, Sent = 2, Failed = 3 };

    ChatMessage message;
    bool own = false;
    Delivery delivery = Delivery::Received;
    qint64 rowId = 0; // position in the store, for paging with messages(beforeRowId)
};

} // namespace longlink
