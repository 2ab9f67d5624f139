#pragma once

#include <QtCore/QList>
#include <QtCore/QString>

#include <optional>

namespace longlink {

// "@name" in a message's text: '@', then a user name as ChatTopics allows
// it, taken whole (the longest run of name characters). An '@' right after
// a name character (an e-mail address) is no mention.
class Mentions
{
public:
    struct Span
    {
        qsizetype start = 0; // at the '@'
        qsizetype length = 0; // '@' included
        QString name;
        bool operator==(const Span &) const = default;
    };

    static QList<Span> find(QStringView text);
    static bool mentions(QStringView text, QStringView user);
    // The mention being typed at `cursor` ("hi @bo|" gives "@bo"; the
    // cursor may also be right after the '@'); nullopt when there is none.
    static std::optional<Span> typedAt(QStringView text, qsizetype cursor);
};

} // namespace longlink
