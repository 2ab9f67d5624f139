#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

#include <optional>

namespace longlink {

// The topic layout under a prefix (design section 4).
class ChatTopics
{
    Q_DECLARE_TR_FUNCTIONS(ChatTopics)

public:
    explicit ChatTopics(const QString &prefix = QStringLiteral("longlink/v1"));

    QString prefix() const { return m_prefix; }

    QString roomMessages(const QString &room, const QString &user) const;
    QString roomMessagesFilter(const QString &room) const;
    QString presence(const QString &user) const;
    QString presenceFilter() const;
    QString typing(const QString &room, const QString &user) const;
    QString typingFilter(const QString &room) const;
    // Retained "joined" while the user is in the room (cleared on leaving):
    // who is in a room, including those who never wrote.
    QString roomMember(const QString &room, const QString &user) const;
    QString roomMembersFilter(const QString &room) const;

    // Room and user names become topic levels. The characters every tested
    // broker carries unchanged (see isValidName() and the README), 1 to 128
    // UTF-16 units.
    static bool isValidName(QStringView name);
    // One character (a code point) such a name may have.
    static bool isNameCharacter(char32_t c);
    // The rule in words, for error messages.
    static QString nameRule();

    struct Parsed
    {
        enum class Kind { Message, Presence, Typing, Member } kind;
        QString room;
        QString user;
    };
    // Reads a topic of our layout; nullopt for anything else.
    std::optional<Parsed> parse(const QString &topic) const;

private:
    QString m_prefix;
};

} // namespace longlink
