#pragma once

#include <QtCore/QByteArrayView>
#include <QtCore/QList>
#include <QtCore/QString>

#include <optional>
#include <utility>

namespace longlink {

// Reads the common shape of a chat payload without building a document: one
// JSON object whose members are strings without escapes or integers of at
// most 15 digits. Anything else (escapes, nesting, other numbers, true,
// false, null, a repeated key, bytes that are not UTF-8, text that is not
// JSON at all) gives nullopt, and the caller parses with QJsonDocument,
// which then also gives the reason. QJsonDocument builds a CBOR-backed
// document per payload: 13% of a receiver's CPU, hence this by hand; the
// fuzz target checks that both agree on every payload this reads.
class FlatJsonReader
{
public:
    struct Value
    {
        bool isString = false;
        QString string;
        qint64 integer = 0;
    };
    using Member = std::pair<QByteArrayView, Value>; // the key points into the input

    static std::optional<QList<Member>> read(QByteArrayView json);
};

} // namespace longlink
