#pragma once

#include "chatmessage.h"

namespace longlink {

// A chat message as the store keeps it: with whose it is, how far its
// delivery got and where it sits in the history.
struct StoredMessage
{
    // The store keeps Received, Sending (own, not yet acknowledged) and Sent.
    // Queued (on disk, waiting for the server), NotStored (the disk refused
    // it: sent from memory, lost if the app ends first) and Failed are what
    // the app shows of a message in this run.
    enum class Delivery {
        Received = 0,
        Sending = 1,
        Sent = 2,
        Failed = 3,
        Queued = 4,
        NotStored = 5
    };

    ChatMessage message;
    bool own = false;
    Delivery delivery = Delivery::Received;
    qint64 rowId = 0; // position in the store, for paging with messages(beforeRowId)
    // What its sender changed since: when the text shown was written by an
    // edit (its ts; 0 if never edited), and whether it was deleted (the
    // text is gone then).
    qint64 editedTs = 0;
    bool deleted = false;

    // The message this one answers (message.replyTo), as the store has it.
    struct Quote
    {
        QString from;
        QString text;
        qint64 rowId = 0; // 0: not in this history
        bool deleted = false;
    };
    Quote quoted = {};
};

// Others' messages in a room after its read marker: how many, and the first.
struct UnreadMessages
{
    int count = 0;
    QString firstId;
    qint64 firstRowId = 0;
};

// A message found by a search: where it is.
struct SearchHit
{
    qint64 rowId = 0;
    QString room;
    bool operator==(const SearchHit &) const = default;
};

} // namespace longlink
