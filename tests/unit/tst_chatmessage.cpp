// The wire format of a chat message and the topic layout (design section 4).
// Everything here comes from the network, so a bad payload or topic must be
// a clean rejection with a reason, never a crash or a half-read message.
#include "chatmessage.h"
#include "chattopics.h"
#include "flatjsonreader.h"
#include "mentions.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSet>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using longlink::ChatMessage;
using longlink::ChatTopics;
using Kind = longlink::ChatTopics::Parsed::Kind;

Q_DECLARE_METATYPE(longlink::ChatMessage)
Q_DECLARE_METATYPE(longlink::ChatTopics::Parsed::Kind)

namespace {
ChatMessage sample()
{
    return { u"0b8f6f3e-2f0a-4c57-9a53-6d0f7d1c1a2b"_s, u"lobby"_s, u"alice"_s, 1'700'000'000'123,
        u"hello"_s };
}

// A valid message as a JSON object, to be spoiled one field at a time.
QJsonObject sampleObject()
{
    return QJsonDocument::fromJson(sample().toJson()).object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray with(const QString &key, const QJsonValue &value)
{
    QJsonObject object = sampleObject();
    object.insert(key, value);
    return compact(object);
}

// Replaces a field's value with raw JSON text, for what QJsonObject cannot express.
QByteArray withRaw(const char *key, const QByteArray &rawValue)
{
    QByteArray payload = with(QString::fromLatin1(key), u"@@"_s);
    payload.replace("\"@@\"", rawValue);
    return payload;
}

QByteArray without(const QString &key)
{
    QJsonObject object = sampleObject();
    object.remove(key);
    return compact(object);
}
} // namespace

class TestChatMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void fieldsAreWrittenByName();
    void changesAreWrittenByName();
    void limitsAreInclusive();
    void rejects_data();
    void rejects();
    void invalidUtf8_data();
    void invalidUtf8();
    void escapesAreDecoded();
    void unknownFieldsAreIgnored();
    void newIdIsUniqueWithoutBraces();
    void flatReaderAgreesWithQJsonDocument_data();
    void flatReaderAgreesWithQJsonDocument();

    void topicStrings_data();
    void topicStrings();
    void parse_data();
    void parse();
    void parseRejects_data();
    void parseRejects();
    void parseReadsWhatTheBuildersWrite();
    void isValidName_data();
    void isValidName();
    void mentions_data();
    void mentions();
    void mentionBeingTyped_data();
    void mentionBeingTyped();
};

void TestChatMessage::roundTrip_data()
{
    QTest::addColumn<ChatMessage>("message");
    QTest::newRow("plain") << sample();
    ChatMessage m = sample();
    m.text = u"Grüße aus Köln — ça va? Привет, 你好, こんにちは"_s;
    m.from = u"zoë"_s;
    m.room = u"café"_s;
    QTest::newRow("non-ASCII") << m;
    m = sample();
    m.text = u"she said \"hi\" and 'bye' \\ back\\slash"_s;
    QTest::newRow("quotes and backslashes") << m;
    m = sample();
    m.text = u"line one\nline two\r\n\ttabbed\n"_s;
    QTest::newRow("newlines and tabs") << m;
    m = sample();
    m.text = u"party 🎉🦀 family 👨‍👩‍👧 flag 🇩🇪"_s;
    m.from = u"🙂"_s;
    QTest::newRow("emoji") << m;
    m = sample();
    m.text = QString();
    QTest::newRow("empty text") << m;
    m = sample();
    m.text = u"nul\u0001control\u001f"_s;
    QTest::newRow("control characters") << m;
    m = sample();
    m.ts = 0;
    QTest::newRow("ts zero") << m;
    m = sample();
    m.ts = 4'102'444'800'000; // 2100-01-01
    QTest::newRow("ts far future") << m;
    m = sample();
    m.replyTo = u"018c1f6e-0000-7000-8000-000000000001"_s;
    QTest::newRow("reply") << m;
    QTest::newRow("edit") << ChatMessage::edit(sample(), u"hello, corrected"_s);
    QTest::newRow("deletion") << ChatMessage::deletion(sample());
}

void TestChatMessage::roundTrip()
{
    QFETCH(ChatMessage, message);
    const QByteArray json = message.toJson();
    QVERIFY(!json.isEmpty());
    QString error;
    const std::optional<ChatMessage> back = ChatMessage::fromJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->id, message.id);
    QCOMPARE(back->room, message.room);
    QCOMPARE(back->from, message.from);
    QCOMPARE(back->ts, message.ts);
    QCOMPARE(back->text, message.text);
    QVERIFY(*back == message);
    // The payload is UTF-8 JSON on one line (one MQTT message, no pretty-printing).
    QVERIFY(!json.contains('\n'));
    QVERIFY(QString::fromUtf8(json).toUtf8() == json);
}

void TestChatMessage::fieldsAreWrittenByName()
{
    // Other clients read the payload by field name: check the names, not just our round trip.
    const QJsonDocument document = QJsonDocument::fromJson(sample().toJson());
    QVERIFY(document.isObject());
    const QJsonObject object = document.object();
    QCOMPARE(object.size(), 5);
    QCOMPARE(object.value(u"id"_s).toString(), sample().id);
    QCOMPARE(object.value(u"room"_s).toString(), u"lobby"_s);
    QCOMPARE(object.value(u"from"_s).toString(), u"alice"_s);
    QVERIFY(object.value(u"ts"_s).isDouble());
    QCOMPARE(object.value(u"ts"_s).toInteger(), sample().ts);
    QCOMPARE(object.value(u"text"_s).toString(), u"hello"_s);
}

void TestChatMessage::changesAreWrittenByName()
{
    // An edit names the message it changes and carries the new text; a
    // deletion carries none; a reply names what it answers.
    const ChatMessage target = sample();
    const ChatMessage edit = ChatMessage::edit(target, u"better"_s);
    QVERIFY(edit.id != target.id);
    QVERIFY(ChatMessage::isValidId(edit.id));
    QCOMPARE(edit.from, target.from);
    QCOMPARE(edit.room, target.room);
    QJsonObject object = QJsonDocument::fromJson(edit.toJson()).object();
    QCOMPARE(object.value(u"edits"_s).toString(), target.id);
    QCOMPARE(object.value(u"text"_s).toString(), u"better"_s);
    QVERIFY(!object.contains(u"deletes"_s));

    object = QJsonDocument::fromJson(ChatMessage::deletion(target).toJson()).object();
    QCOMPARE(object.value(u"deletes"_s).toString(), target.id);
    QCOMPARE(object.value(u"text"_s).toString(), QString());
    QVERIFY(!object.contains(u"edits"_s));

    ChatMessage reply = sample();
    reply.replyTo = target.id;
    object = QJsonDocument::fromJson(reply.toJson()).object();
    QCOMPARE(object.value(u"replyTo"_s).toString(), target.id);
    QCOMPARE(object.size(), 6);
}

void TestChatMessage::limitsAreInclusive()
{
    // Exactly at the limits is still accepted.
    ChatMessage m = sample();
    m.id = QString(64, u'a');
    m.text = QString(ChatMessage::kMaxTextChars, u'x');
    QString error;
    const auto back = ChatMessage::fromJson(m.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->id.size(), 64);
    QCOMPARE(back->text.size(), ChatMessage::kMaxTextChars);

    // A payload of exactly kMaxPayloadBytes, padded by an unknown field.
    QJsonObject object = sampleObject();
    object.insert(u"pad"_s, QString());
    const qsizetype base = compact(object).size();
    object.insert(u"pad"_s, QString(ChatMessage::kMaxPayloadBytes - base, u'p'));
    const QByteArray payload = compact(object);
    QCOMPARE(payload.size(), ChatMessage::kMaxPayloadBytes);
    QVERIFY2(ChatMessage::fromJson(payload, &error), qPrintable(error));
}

void TestChatMessage::rejects_data()
{
    QTest::addColumn<QByteArray>("payload");

    QTest::newRow("empty payload") << QByteArray();
    QTest::newRow("not JSON") << "hello"_ba;
    QTest::newRow("truncated JSON") << sample().toJson().chopped(1);
    QTest::newRow("trailing garbage") << sample().toJson() + "x"_ba;
    QTest::newRow("array instead of object") << "[" + sample().toJson() + "]"_ba;
    QTest::newRow("string instead of object") << "\"hello\""_ba;
    QTest::newRow("number instead of object") << "42"_ba;
    QTest::newRow("null") << "null"_ba;

    const struct
    {
        const char *name;
        bool canBeEmpty;
    } fields[] = { { "id", false }, { "room", false }, { "from", false }, { "text", true } };
    for (const auto &field : fields) {
        const QString key = QString::fromLatin1(field.name);
        QTest::addRow("%s missing", field.name) << without(key);
        QTest::addRow("%s null", field.name) << with(key, QJsonValue::Null);
        QTest::addRow("%s number", field.name) << with(key, 42);
        QTest::addRow("%s bool", field.name) << with(key, true);
        QTest::addRow("%s array", field.name) << with(key, QJsonArray { u"a"_s });
        QTest::addRow("%s object", field.name) << with(key, QJsonObject { { u"a"_s, u"b"_s } });
        if (!field.canBeEmpty)
            QTest::addRow("%s empty", field.name) << with(key, QString());
    }
    QTest::newRow("ts missing") << without(u"ts"_s);
    QTest::newRow("ts null") << with(u"ts"_s, QJsonValue::Null);
    QTest::newRow("ts string") << with(u"ts"_s, u"1700000000123"_s);
    QTest::newRow("ts bool") << with(u"ts"_s, true);
    QTest::newRow("ts array") << with(u"ts"_s, QJsonArray { 1 });
    QTest::newRow("ts object") << with(u"ts"_s, QJsonObject { { u"ms"_s, 1 } });

    // A number, but not a time in ms that fits: converting it would be undefined behaviour.
    QTest::newRow("ts 1e300") << with(u"ts"_s, 1e300);
    QTest::newRow("ts -1e19") << with(u"ts"_s, -1e19);
    QTest::newRow("ts beyond qint64") << withRaw("ts", "9223372036854775808");
    QTest::newRow("ts overflowing double") << withRaw("ts", "1e999");

    // Escapes that decode to a lone surrogate: not text, whatever the JSON grammar allows.
    QTest::newRow("text with lone high surrogate") << withRaw("text", "\"a\\ud83cb\"");
    QTest::newRow("text with lone low surrogate") << withRaw("text", "\"\\udf89\"");
    QTest::newRow("text ending in high surrogate") << withRaw("text", "\"abc\\ud83c\"");
    QTest::newRow("from with lone surrogate") << withRaw("from", "\"\\ud800\"");
    QTest::newRow("room with lone surrogate") << withRaw("room", "\"r\\udfff\"");

    // Edits, deletions and replies name a message by a valid id, and are
    // one thing at a time.
    const QString otherId = u"018c1f6e-0000-7000-8000-000000000001"_s;
    for (const char *key : { "replyTo", "edits", "deletes" }) {
        const QString name = QString::fromLatin1(key);
        QTest::addRow("%s number", key) << with(name, 42);
        QTest::addRow("%s null", key) << with(name, QJsonValue::Null);
        QTest::addRow("%s empty", key) << with(name, QString());
        QTest::addRow("%s with a quote", key) << with(name, u"a\"b"_s);
    }
    QJsonObject both = sampleObject();
    both.insert(u"edits"_s, otherId);
    both.insert(u"deletes"_s, otherId);
    QTest::newRow("edits and deletes") << compact(both);
    QTest::newRow("deletion with text") << with(u"deletes"_s, otherId);

    QTest::newRow("id longer than 64") << with(u"id"_s, QString(65, u'a'));
    // Found by fuzz_chatpayload: controls and NULs in an id did not survive
    // being written back.
    QTest::newRow("id with controls") << with(u"id"_s, u"01a2\u0002\u0000-55"_s);
    QTest::newRow("id with a quote") << with(u"id"_s, u"a\"b"_s);
    QTest::newRow("id with a space") << with(u"id"_s, u"a b"_s);
    QTest::newRow("text longer than kMaxTextChars")
            << with(u"text"_s, QString(ChatMessage::kMaxTextChars + 1, u'x'));
    // Every character counts, wide ones too (UTF-16 units).
    QTest::newRow("emoji text longer than kMaxTextChars") << with(u"text"_s,
            QString(QString(ChatMessage::kMaxTextChars / 2, u'x').replace(u"x"_s, u"🎉"_s) + u'!'));

    // Larger than the payload limit, though each field is fine: padded with an unknown field.
    QJsonObject big = sampleObject();
    big.insert(u"pad"_s, QString(ChatMessage::kMaxPayloadBytes, u'p'));
    QTest::newRow("payload bigger than kMaxPayloadBytes") << compact(big);
    QTest::newRow("huge non-JSON payload") << QByteArray(4 * ChatMessage::kMaxPayloadBytes, '{');
}

void TestChatMessage::rejects()
{
    QFETCH(QByteArray, payload);
    QString error;
    const std::optional<ChatMessage> message = ChatMessage::fromJson(payload, &error);
    QVERIFY2(!message, qPrintable(u"accepted: "_s + QString::fromUtf8(payload.left(200))));
    QVERIFY2(!error.isEmpty(), "rejected without a reason");
    // A null error pointer is allowed and must not crash.
    QVERIFY(!ChatMessage::fromJson(payload, nullptr));
}

void TestChatMessage::invalidUtf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("0xFF byte") << "\xff"_ba;
    QTest::newRow("lone continuation byte") << "a\x80z"_ba;
    QTest::newRow("truncated 3-byte sequence") << "\xe2\x82"_ba;
    QTest::newRow("overlong slash") << "\xc0\xaf"_ba;
    QTest::newRow("UTF-8 encoded surrogate") << "\xed\xa0\x80"_ba;
    QTest::newRow("beyond U+10FFFF") << "\xf4\x90\x80\x80"_ba;
}

void TestChatMessage::invalidUtf8()
{
    QFETCH(QByteArray, bytes);
    // The bytes inside the text string, in a payload otherwise valid.
    QByteArray payload = with(u"text"_s, u"@@"_s);
    QVERIFY(payload.contains("@@"));
    payload.replace("@@", bytes);

    // Ill-formed UTF-8 is refused like any other malformed payload (Qt's JSON
    // parser reports IllegalUTF8String), so no half-decoded text is shown.
    QString error;
    const std::optional<ChatMessage> message = ChatMessage::fromJson(payload, &error);
    QVERIFY2(!message, qPrintable(u"accepted as: "_s + (message ? message->text : QString())));
    QVERIFY(!error.isEmpty());

    // The same bytes in an (unknown) field name, or as the whole payload.
    QByteArray inKey = sample().toJson();
    inKey.insert(1, "\"" + bytes + "\":1,");
    error.clear();
    QVERIFY(!ChatMessage::fromJson(inKey, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!ChatMessage::fromJson(bytes, &error));
    QVERIFY(!error.isEmpty());
}

void TestChatMessage::escapesAreDecoded()
{
    // Other clients may escape everything outside ASCII (Python's json.dumps does).
    const QByteArray payload = R"({"id":"x1","room":"caf\u00e9","from":"\u0061lice","ts":1,)"
                               R"("text":"\ud83c\udf89 \"q\"\n\t\\ \/"})"_ba;
    QString error;
    const std::optional<ChatMessage> message = ChatMessage::fromJson(payload, &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->room, u"café"_s);
    QCOMPARE(message->from, u"alice"_s);
    QCOMPARE(message->text, u"🎉 \"q\"\n\t\\ /"_s);
    QVERIFY(message->text.isValidUtf16());
}

void TestChatMessage::unknownFieldsAreIgnored()
{
    QJsonObject object = sampleObject();
    object.insert(u"v"_s, 2);
    object.insert(u"reply_to"_s, u"someone-else"_s);
    object.insert(u"attachments"_s, QJsonArray { QJsonObject { { u"name"_s, u"a.png"_s } } });
    object.insert(u"meta"_s, QJsonObject { { u"edited"_s, true } });
    object.insert(u"nothing"_s, QJsonValue::Null);
    QString error;
    const std::optional<ChatMessage> message = ChatMessage::fromJson(compact(object), &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(*message, sample());
}

void TestChatMessage::newIdIsUniqueWithoutBraces()
{
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i) {
        const QString id = ChatMessage::newId();
        QVERIFY(!id.isEmpty());
        QVERIFY2(!id.contains(u'{') && !id.contains(u'}'), qPrintable(id));
        QCOMPARE(id.size(), 36);
        QVERIFY2(id.size() <= 64, qPrintable(id));
        QVERIFY2(!seen.contains(id), qPrintable(id));
        seen.insert(id);
    }
    // A message with a fresh id is accepted by the strict reader.
    ChatMessage m = sample();
    m.id = ChatMessage::newId();
    QString error;
    QVERIFY2(ChatMessage::fromJson(m.toJson(), &error), qPrintable(error));
}

// ---- ChatTopics -----------------------------------------------------------

void TestChatMessage::topicStrings_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("expectedPrefix");
    QTest::newRow("default") << QString() << u"longlink/v1"_s;
    QTest::newRow("custom") << u"acme/chat"_s << u"acme/chat"_s;
    QTest::newRow("custom, trailing slash") << u"acme/chat/"_s << u"acme/chat"_s;
    QTest::newRow("custom, trailing slashes") << u"acme/chat//"_s << u"acme/chat"_s;
}

void TestChatMessage::topicStrings()
{
    QFETCH(QString, prefix);
    QFETCH(QString, expectedPrefix);
    const ChatTopics topics = prefix.isNull() ? ChatTopics() : ChatTopics(prefix);
    const QString &p = expectedPrefix;
    QCOMPARE(topics.prefix(), p);
    QCOMPARE(topics.roomMessages(u"lobby"_s, u"alice"_s), p + u"/rooms/lobby/from/alice"_s);
    QCOMPARE(topics.roomMessagesFilter(u"lobby"_s), p + u"/rooms/lobby/from/+"_s);
    QCOMPARE(topics.presence(u"alice"_s), p + u"/presence/alice"_s);
    QCOMPARE(topics.presenceFilter(), p + u"/presence/+"_s);
    QCOMPARE(topics.typing(u"lobby"_s, u"alice"_s), p + u"/rooms/lobby/typing/alice"_s);
    QCOMPARE(topics.roomMessages(u"café"_s, u"zoë"_s), p + u"/rooms/café/from/zoë"_s);
}

void TestChatMessage::parse_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("room");
    QTest::addColumn<QString>("user");

    const QString d = u"longlink/v1"_s;
    QTest::newRow("message") << d << u"longlink/v1/rooms/lobby/from/alice"_s << Kind::Message
                             << u"lobby"_s << u"alice"_s;
    QTest::newRow("presence") << d << u"longlink/v1/presence/alice"_s << Kind::Presence << QString()
                              << u"alice"_s;
    QTest::newRow("typing") << d << u"longlink/v1/rooms/lobby/typing/bob"_s << Kind::Typing
                            << u"lobby"_s << u"bob"_s;
    QTest::newRow("unicode names") << d << u"longlink/v1/rooms/кафе/from/🙂"_s
                                   << Kind::Message << u"кафе"_s << u"🙂"_s;
    QTest::newRow("room called from") << d << u"longlink/v1/rooms/from/from/from"_s << Kind::Message
                                      << u"from"_s << u"from"_s;
    QTest::newRow("user called presence") << d << u"longlink/v1/presence/presence"_s
                                          << Kind::Presence << QString() << u"presence"_s;
    QTest::newRow("custom prefix") << u"acme/chat"_s << u"acme/chat/rooms/r1/from/u1"_s
                                   << Kind::Message << u"r1"_s << u"u1"_s;
    QTest::newRow("custom prefix, trailing slash") << u"acme/chat/"_s << u"acme/chat/presence/u1"_s
                                                   << Kind::Presence << QString() << u"u1"_s;
}

void TestChatMessage::parse()
{
    QFETCH(QString, prefix);
    QFETCH(QString, topic);
    QFETCH(Kind, kind);
    QFETCH(QString, room);
    QFETCH(QString, user);
    const ChatTopics topics(prefix);
    const std::optional<ChatTopics::Parsed> parsed = topics.parse(topic);
    QVERIFY(parsed);
    QCOMPARE(parsed->kind, kind);
    QCOMPARE(parsed->room, room);
    QCOMPARE(parsed->user, user);
}

void TestChatMessage::parseRejects_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("topic");
    const QString d = u"longlink/v1"_s;

    QTest::newRow("empty") << d << QString();
    QTest::newRow("prefix only") << d << u"longlink/v1"_s;
    QTest::newRow("prefix and slash") << d << u"longlink/v1/"_s;
    QTest::newRow("other prefix") << d << u"otherapp/v1/rooms/lobby/from/alice"_s;
    QTest::newRow("other version") << d << u"longlink/v2/rooms/lobby/from/alice"_s;
    QTest::newRow("prefix as substring") << d << u"longlink/v1x/rooms/lobby/from/alice"_s;
    QTest::newRow("prefix as substring, presence") << d << u"longlink/v1x/presence/alice"_s;
    QTest::newRow("prefix not at start") << d << u"x/longlink/v1/presence/alice"_s;
    QTest::newRow("leading slash") << d << u"/longlink/v1/presence/alice"_s;
    QTest::newRow("double slash after prefix") << d << u"longlink/v1//presence/alice"_s;
    QTest::newRow("custom prefix, default topic")
            << u"acme/chat"_s << u"longlink/v1/presence/alice"_s;
    QTest::newRow("custom prefix as substring")
            << u"acme/chat/"_s << u"acme/chatter/presence/alice"_s;

    QTest::newRow("presence, no user") << d << u"longlink/v1/presence"_s;
    QTest::newRow("presence, empty user") << d << u"longlink/v1/presence/"_s;
    QTest::newRow("presence, extra level") << d << u"longlink/v1/presence/alice/x"_s;
    QTest::newRow("rooms, 1 level") << d << u"longlink/v1/rooms"_s;
    QTest::newRow("rooms, 2 levels") << d << u"longlink/v1/rooms/lobby"_s;
    QTest::newRow("rooms, 3 levels") << d << u"longlink/v1/rooms/lobby/from"_s;
    QTest::newRow("rooms, 5 levels") << d << u"longlink/v1/rooms/lobby/from/alice/x"_s;
    QTest::newRow("rooms, 9 levels") << d << u"longlink/v1/rooms/lobby/from/alice/x/y/z/w/v"_s;
    QTest::newRow("rooms, trailing slash") << d << u"longlink/v1/rooms/lobby/from/alice/"_s;
    QTest::newRow("rooms, trailing slash") << d << u"longlink/v1/rooms/lobby/from/alice/"_s;
    QTest::newRow("unknown kind") << d << u"longlink/v1/rooms/lobby/to/alice"_s;
    QTest::newRow("unknown top level") << d << u"longlink/v1/users/lobby/from/alice"_s;
    QTest::newRow("case matters") << d << u"longlink/v1/Rooms/lobby/From/alice"_s;

    QTest::newRow("empty room") << d << u"longlink/v1/rooms//from/alice"_s;
    QTest::newRow("empty user") << d << u"longlink/v1/rooms/lobby/from/"_s;
    QTest::newRow("empty typing user") << d << u"longlink/v1/rooms/lobby/typing/"_s;
    QTest::newRow("'+' user (a filter)") << d << u"longlink/v1/rooms/lobby/from/+"_s;
    QTest::newRow("'+' room") << d << u"longlink/v1/rooms/+/from/alice"_s;
    QTest::newRow("'#' user") << d << u"longlink/v1/rooms/lobby/from/#"_s;
    QTest::newRow("'+' presence") << d << u"longlink/v1/presence/+"_s;
    QTest::newRow("'#' presence") << d << u"longlink/v1/presence/#"_s;
    QTest::newRow("wildcard inside name") << d << u"longlink/v1/presence/al+ice"_s;
    QTest::newRow("space in name") << d << u"longlink/v1/presence/al ice"_s;
    QTest::newRow("U+0000 in name") << d << u"longlink/v1/presence/al"_s + QChar(0) + u"ice"_s;
    QTest::newRow("name of 129 chars") << d << u"longlink/v1/presence/"_s + QString(129, u'a');
}

void TestChatMessage::parseRejects()
{
    QFETCH(QString, prefix);
    QFETCH(QString, topic);
    const ChatTopics topics(prefix);
    const std::optional<ChatTopics::Parsed> parsed = topics.parse(topic);
    QVERIFY2(!parsed,
            qPrintable(u"parsed as room '%1' user '%2'"_s.arg(
                    parsed ? parsed->room : QString(), parsed ? parsed->user : QString())));
}

void TestChatMessage::parseReadsWhatTheBuildersWrite()
{
    for (const QString &prefix : { u"longlink/v1"_s, u"acme/chat/"_s, u"a"_s }) {
        const ChatTopics topics(prefix);
        const QString room = u"gemütlich"_s, user = u"😀user"_s;
        auto message = topics.parse(topics.roomMessages(room, user));
        QVERIFY(message);
        QCOMPARE(message->kind, Kind::Message);
        QCOMPARE(message->room, room);
        QCOMPARE(message->user, user);
        auto typing = topics.parse(topics.typing(room, user));
        QVERIFY(typing);
        QCOMPARE(typing->kind, Kind::Typing);
        QCOMPARE(typing->room, room);
        QCOMPARE(typing->user, user);
        auto presence = topics.parse(topics.presence(user));
        QVERIFY(presence);
        QCOMPARE(presence->kind, Kind::Presence);
        QCOMPARE(presence->user, user);
        // Filters are for subscribing; they are never a topic a message arrives on.
        QVERIFY(!topics.parse(topics.roomMessagesFilter(room)));
        QVERIFY(!topics.parse(topics.presenceFilter()));
    }
}

void TestChatMessage::isValidName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << u"lobby"_s << true;
    QTest::newRow("digits, dash, underscore") << u"team-42_ops"_s << true;
    QTest::newRow("one char") << u"a"_s << true;
    QTest::newRow("128 chars") << QString(128, u'a') << true;
    QTest::newRow("accents") << u"Café-Zoë"_s << true;
    QTest::newRow("cyrillic") << u"Привет"_s << true;
    QTest::newRow("CJK") << u"聊天室"_s << true;
    QTest::newRow("emoji") << u"🎉party"_s << true;
    QTest::newRow("64 emoji (128 UTF-16 units)")
            << QString(64, u'x').replace(u"x"_s, u"🎉"_s) << true;

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("empty, not null") << u""_s << false;
    QTest::newRow("129 chars") << QString(129, u'a') << false;
    QTest::newRow("space inside") << u"my room"_s << false;
    QTest::newRow("leading space") << u" room"_s << false;
    QTest::newRow("trailing space") << u"room "_s << false;
    QTest::newRow("only a space") << u" "_s << false;
    QTest::newRow("tab") << u"a\tb"_s << false;
    QTest::newRow("newline") << u"a\nb"_s << false;
    QTest::newRow("no-break space") << u"a\u00a0b"_s << false;
    QTest::newRow("slash") << u"a/b"_s << false;
    QTest::newRow("only slash") << u"/"_s << false;
    QTest::newRow("plus") << u"a+b"_s << false;
    QTest::newRow("only plus") << u"+"_s << false;
    QTest::newRow("hash") << u"a#b"_s << false;
    QTest::newRow("only hash") << u"#"_s << false;
    QTest::newRow("lone high surrogate") << (u"a"_s + QChar(0xd83c) + u"b"_s) << false;
    QTest::newRow("lone low surrogate at the end") << (u"ab"_s + QChar(0xdf89)) << false;
    QTest::newRow("swapped surrogates") << (QString(QChar(0xdf89)) + QChar(0xd83c)) << false;
    QTest::newRow("U+0000") << u"a"_s + QChar(0) + u"b"_s << false;
    // What RabbitMQ would change: '.' becomes a level separator, '*' a wildcard.
    QTest::newRow("dot") << u"team.eu"_s << false;
    QTest::newRow("star") << u"a*b"_s << false;
    QTest::newRow("dollar") << u"$SYS"_s << false;
    QTest::newRow("other punctuation") << u"a:b"_s << false;
    QTest::newRow("percent") << u"100%"_s << false;
    QTest::newRow("only U+0000") << QString(1, QChar(0)) << false;
}

void TestChatMessage::isValidName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(ChatTopics::isValidName(name), valid);
}

void TestChatMessage::flatReaderAgreesWithQJsonDocument_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("flat"); // the fast reader takes it
    const ChatMessage m { ChatMessage::newId(), u"lobby"_s, u"alice"_s, 1'795'611'994'926,
        u"hi"_s };
    QTest::newRow("what toJson writes") << m.toJson() << true;
    QTest::newRow("spaces and other order")
            << QByteArray(" {\n \"ts\" : -12 ,\t\"text\":\"a b\", \"id\":\"x\"}\r\n") << true;
    QTest::newRow("non-ASCII") << QByteArray("{\"text\":\"Grüße 🎉 你好\"}") << true;
    QTest::newRow("empty object") << QByteArray("{}") << true;
    QTest::newRow("15 digits") << QByteArray("{\"ts\":999999999999999}") << true;
    // Left to QJsonDocument:
    QTest::newRow("escape") << QByteArray("{\"text\":\"say \\\"hi\\\"\"}") << false;
    QTest::newRow("16 digits") << QByteArray("{\"ts\":1795611994926000}") << false;
    QTest::newRow("40 digits") << QByteArray("{\"ts\":" + QByteArray(40, '8') + "}") << false;
    QTest::newRow("fraction") << QByteArray("{\"ts\":1.5}") << false;
    QTest::newRow("exponent") << QByteArray("{\"ts\":1e3}") << false;
    QTest::newRow("leading zero") << QByteArray("{\"ts\":012}") << false;
    QTest::newRow("repeated key") << QByteArray("{\"id\":\"a\",\"id\":\"b\"}") << false;
    QTest::newRow("nested") << QByteArray("{\"a\":{\"b\":1}}") << false;
    QTest::newRow("true") << QByteArray("{\"a\":true}") << false;
    QTest::newRow("null") << QByteArray("{\"a\":null}") << false;
    QTest::newRow("control character") << QByteArray("{\"a\":\"x\ty\"}") << false;
    QTest::newRow("bad UTF-8") << QByteArray("{\"a\":\"\xff\xfe\"}") << false;
    QTest::newRow("trailing comma") << QByteArray("{\"a\":1,}") << false;
    QTest::newRow("trailing garbage") << QByteArray("{\"a\":1} x") << false;
    QTest::newRow("array") << QByteArray("[1]") << false;
    QTest::newRow("unterminated") << QByteArray("{\"a\":\"x") << false;
}

void TestChatMessage::flatReaderAgreesWithQJsonDocument()
{
    QFETCH(QByteArray, payload);
    QFETCH(bool, flat);
    const auto members = longlink::FlatJsonReader::read(payload);
    QCOMPARE(members.has_value(), flat);
    if (members) {
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(payload, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object.size(), members->size());
        for (const auto &[key, value] : *members) {
            const QJsonValue expected = object.value(QString::fromUtf8(key));
            QCOMPARE(value.isString ? QJsonValue(value.string) : QJsonValue(double(value.integer)),
                    expected);
        }
    }
}

void TestChatMessage::mentions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("none") << u"hello"_s << QStringList();
    QTest::newRow("at the start") << u"@alice look"_s << QStringList { u"alice"_s };
    QTest::newRow("before punctuation") << u"thanks, @bob!"_s << QStringList { u"bob"_s };
    QTest::newRow("the whole name")
            << u"@alice_2 and @alice"_s << QStringList { u"alice_2"_s, u"alice"_s };
    QTest::newRow("an e-mail address is none") << u"mail bob@example.com"_s << QStringList();
    QTest::newRow("a lone @") << u"meet @ noon"_s << QStringList();
    QTest::newRow("Chinese name") << u"你好 @小明，在吗"_s << QStringList { u"小明"_s };
    QTest::newRow("emoji in a name") << u"@🦀crab hi"_s << QStringList { u"🦀crab"_s };
    QTest::newRow("after a newline") << u"first\n@carol"_s << QStringList { u"carol"_s };
    QTest::newRow("dot ends it") << u"@dave.smith"_s << QStringList { u"dave"_s };
}

void TestChatMessage::mentions()
{
    QFETCH(QString, text);
    QFETCH(QStringList, names);
    QStringList found;
    for (const auto &span : longlink::Mentions::find(text)) {
        QCOMPARE(text.mid(span.start, span.length), u'@' + span.name);
        found.append(span.name);
    }
    QCOMPARE(found, names);
    for (const QString &name : names)
        QVERIFY(longlink::Mentions::mentions(text, name));
    QVERIFY(!longlink::Mentions::mentions(text, u"nobody"_s));
    // A prefix of a name mentioned is not mentioned.
    if (names.contains(u"alice_2"_s))
        QVERIFY(longlink::Mentions::mentions(text, u"alice"_s)); // (also there on its own)
    if (names == QStringList { u"carol"_s })
        QVERIFY(!longlink::Mentions::mentions(text, u"car"_s));
}

void TestChatMessage::mentionBeingTyped_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("cursor");
    QTest::addColumn<QString>("typed"); // "-": none
    QTest::newRow("just the @") << u"hi @"_s << 4 << QString();
    QTest::newRow("part of a name") << u"hi @bo"_s << 6 << u"bo"_s;
    QTest::newRow("inside the name") << u"hi @bob there"_s << 6 << u"bo"_s;
    QTest::newRow("after a space") << u"hi @bob "_s << 8 << u"-"_s;
    QTest::newRow("no @") << u"hello"_s << 5 << u"-"_s;
    QTest::newRow("e-mail") << u"bob@ex"_s << 6 << u"-"_s;
    QTest::newRow("at the very start") << u"@"_s << 1 << QString();
    QTest::newRow("cursor at 0") << u"@bob"_s << 0 << u"-"_s;
}

void TestChatMessage::mentionBeingTyped()
{
    QFETCH(QString, text);
    QFETCH(int, cursor);
    QFETCH(QString, typed);
    const auto span = longlink::Mentions::typedAt(text, cursor);
    if (typed == u"-") {
        QVERIFY(!span);
        return;
    }
    QVERIFY(span);
    QCOMPARE(span->name, typed);
    QCOMPARE(text.at(span->start), u'@');
    QCOMPARE(span->start + span->length, qsizetype(cursor));
}

QTEST_GUILESS_MAIN(TestChatMessage)
#include "tst_chatmessage.moc"
