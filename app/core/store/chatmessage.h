#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <optional>

namespace longlink {

// One chat message as it travels in an MQTT payload (design section 4):
// UTF-8 JSON {"id", "room", "from", "ts", "text"}; unknown fields ignored.
// Optional members: "replyTo" (the id it answers), and "edits" or
// "deletes" (the id of an earlier message of the same sender it changes;
// the text is the new text, empty for a deletion). Edits travel on the
// sender's own topic like messages, so the broker's ACL authorises them
// alike, and they arrive after the message they change.
struct ChatMessage
{
    enum class Kind : quint8 { Message = 0, Edit = 1, Delete = 2 };

    QString id; // UUID without braces
    QString room;
    QString from;
    qint64 ts = 0; // ms since the epoch, sender's clock
    QString text;
    QString replyTo = {}; // Message: the id it answers, empty if none
    Kind kind = Kind::Message;
    QString target = {}; // Edit, Delete: the id of the message it changes

    bool operator==(const ChatMessage &) const = default;

    // Payloads larger than this are dropped unread.
    static constexpr qsizetype kMaxPayloadBytes = 64 * 1024;
    static constexpr qsizetype kMaxTextChars = 16 * 1024;

    static QString newId();
    // What an incoming id may look like (see fromJson()).
    static bool isValidId(const QString &id);
    QByteArray toJson() const;
    // The id of a payload written by toJson(), without parsing it; empty if
    // the payload does not start that way. Only a hint for dropping
    // duplicates early: a payload is trusted only after fromJson().
    static QString peekId(const QByteArray &payload);
    // An edit that gives `target` the text `text`, or deletes it.
    static ChatMessage edit(const ChatMessage &target, const QString &text);
    static ChatMessage deletion(const ChatMessage &target);

    // Strict: every field present with the right type, non-empty id/room/from,
    // size limits kept. On failure returns nullopt and the reason.
    static std::optional<ChatMessage> fromJson(const QByteArray &payload, QString *error);
};

} // namespace longlink
