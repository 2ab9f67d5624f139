// The store's schema is versioned: a file written by the first release
// (schema 1, no version number) is migrated at open with its data kept.
#include "chatstore.h"
#include "storeschema.h"

#include <QtCore/QTemporaryDir>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using longlink::ChatMessage;
using longlink::ChatStore;
using longlink::StoreSchema;

namespace {
// Exactly what the first release created and wrote (commit b0d2ded).
const char *const kReleasedSchema[] = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS messages ("
    " rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, room TEXT NOT NULL,"
    " sender TEXT NOT NULL, ts INTEGER NOT NULL, text TEXT NOT NULL, own INTEGER NOT NULL,"
    " delivery INTEGER NOT NULL, received INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS messages_room ON messages (room, rowid)",
    "CREATE TABLE IF NOT EXISTS outbox ("
    " seq INTEGER PRIMARY KEY, message_id TEXT, topic TEXT NOT NULL,"
    " payload BLOB NOT NULL, qos INTEGER NOT NULL, retain INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS outbox_message ON outbox (message_id)",
    "CREATE TABLE IF NOT EXISTS rooms (name TEXT PRIMARY KEY, read_marker INTEGER NOT NULL DEFAULT "
    "0)",
    "CREATE TABLE IF NOT EXISTS plugins (hash TEXT PRIMARY KEY, file TEXT, verdict TEXT, reason "
    "TEXT)",
    "INSERT INTO meta VALUES ('clientId:alice@127.0.0.1:1883', 'll-alice-first')",
    "INSERT INTO meta VALUES ('clientId:alice@localhost:1884', 'll-alice-second')",
    "INSERT INTO meta VALUES ('clientId:bob@example.org:1883', 'll-bob')",
    "INSERT INTO meta VALUES ('transport.pin.mqtt', 'tcp@1.0.0')",
    "INSERT INTO messages VALUES (1, 'm1', 'lobby', 'alice', 1700000000000, 'hello', 1, 2, "
    "1700000000001)",
    "INSERT INTO messages VALUES (2, 'm2', 'lobby', 'bob', 1700000000100, 'hi there', 0, 0, "
    "1700000000101)",
    "INSERT INTO outbox VALUES (7, 'm3', 'longlink/v1/rooms/lobby/from/alice', "
    "X'7B7D', 1, 0)",
    // Pending and in the history, as send() wrote them.
    "INSERT INTO messages VALUES (3, 'm4', 'lobby', 'alice', 1700000000200, 'still going', 1, 2, "
    "1700000000201)",
    "INSERT INTO outbox VALUES (8, 'm4', 'longlink/v1/rooms/lobby/from/alice', "
    "CAST('{\"id\":\"m4\",\"room\":\"lobby\",\"from\":\"alice\",\"ts\":1700000000200,"
    "\"text\":\"still going\"}' AS BLOB), 1, 0)",
    // Pending with no history row: its envelope is all there is.
    "INSERT INTO outbox VALUES (9, 'm5', 'longlink/v1/rooms/lobby/from/alice', "
    "CAST('{\"id\":\"m5\",\"room\":\"lobby\",\"from\":\"alice\",\"ts\":1700000000300,"
    "\"text\":\"only here\"}' AS BLOB), 1, 0)",
    "INSERT INTO rooms VALUES ('lobby', 2)",
    "INSERT INTO plugins VALUES ('aaaa', '/p/bad.so', 'quarantined', 'the app stopped')",
    "INSERT INTO plugins VALUES ('bbbb', '/p/worse.so', 'rejected', 'could not load')",
};

bool writeReleasedFile(const QString &path)
{
    const QString name = u"released"_s;
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        for (const char *statement : kReleasedSchema) {
            if (ok && !query.exec(QString::fromLatin1(statement))) {
                qWarning() << query.lastError().text();
                ok = false;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}
} // namespace

class TestStoreSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newFileGetsTheCurrentVersion();
    void releasedFileIsMigratedWithItsData();
    void clientIdFollowsTheAccountNotTheAddress();
    void newerSchemaIsRefusedWithAReason();
};

void TestStoreSchema::newFileGetsTheCurrentVersion()
{
    QTemporaryDir dir;
    ChatStore store;
    QVERIFY2(store.open(dir.filePath(u"s.sqlite"_s)), qPrintable(store.errorString()));
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
    db.setDatabaseName(dir.filePath(u"s.sqlite"_s));
    QVERIFY(db.open());
    QCOMPARE(StoreSchema::version(db), StoreSchema::kCurrentVersion);
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"check"_s);
}

void TestStoreSchema::releasedFileIsMigratedWithItsData()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"longlink.sqlite"_s);
    QVERIFY(writeReleasedFile(path));

    ChatStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString()));
    const QList<ChatStore::StoredMessage> messages = store.messages(u"lobby"_s, 10);
    QCOMPARE(messages.size(), 4);
    QCOMPARE(messages[0].message.text, u"hello"_s);
    QCOMPARE(messages[0].delivery, ChatStore::Delivery::Sent);
    QCOMPARE(messages[1].message.from, u"bob"_s);
    // The outbox became a state of the message (version 3), in its order;
    // an entry that was no chat message (m3, "{}") has nothing to keep.
    const QList<ChatStore::StoredMessage> outbox = store.outbox();
    QCOMPARE(outbox.size(), 2);
    QCOMPARE(outbox[0].message.id, u"m4"_s);
    QCOMPARE(outbox[0].message.text, u"still going"_s);
    QCOMPARE(outbox[1].message.id, u"m5"_s);
    QCOMPARE(outbox[1].message.text, u"only here"_s);
    QCOMPARE(outbox[1].message.ts, 1700000000300);
    QCOMPARE(outbox[1].delivery, ChatStore::Delivery::Sending);
    QCOMPARE(store.rooms(), QStringList { u"lobby"_s });
    QCOMPARE(store.value(u"transport.pin.mqtt"_s), u"tcp@1.0.0"_s);
    // Messages kept from then can be edited since version 4.
    ChatStore::StoredMessage edit;
    edit.message = ChatMessage::edit(messages[1].message, u"hi, edited"_s);
    QList<longlink::MessageChange> changes;
    QVERIFY2(store.addMessage(edit, nullptr, nullptr, &changes), qPrintable(store.errorString()));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(store.messages(u"lobby"_s, 10)[1].message.text, u"hi, edited"_s);
    QCOMPARE(store.messageCount(u"lobby"_s), 4);

    // Verdicts keep their reason and gain the problem code they stood for.
    QList<ChatStore::PluginVerdictRow> verdicts = store.pluginVerdicts();
    std::sort(verdicts.begin(), verdicts.end(),
            [](const auto &a, const auto &b) { return a.hash < b.hash; });
    QCOMPARE(verdicts.size(), 2);
    QCOMPARE(verdicts[0].verdict, u"quarantined"_s);
    QCOMPARE(verdicts[0].problem, u"crashed"_s);
    QCOMPARE(verdicts[0].reason, u"the app stopped"_s);
    QCOMPARE(verdicts[1].problem, u"load-failed"_s);
    QCOMPARE(verdicts[1].file, u"/p/worse.so"_s);

    // A verdict written now keeps its problem code across a reopen.
    QVERIFY(store.setPluginVerdict(
            { u"cccc"_s, u"/p/x.so"_s, u"rejected"_s, u"wrong-iid"_s, u"not ours"_s }));
    store.close();
    ChatStore again;
    QVERIFY(again.open(path));
    bool found = false;
    for (const ChatStore::PluginVerdictRow &row : again.pluginVerdicts()) {
        if (row.hash == u"cccc") {
            found = true;
            QCOMPARE(row.problem, u"wrong-iid"_s);
            QCOMPARE(row.reason, u"not ours"_s);
        }
    }
    QVERIFY(found);
    QCOMPARE(again.messages(u"lobby"_s, 10).size(), 4); // migrating twice changes nothing
    QCOMPARE(again.outboxSize(), 2);
}

void TestStoreSchema::clientIdFollowsTheAccountNotTheAddress()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"longlink.sqlite"_s);
    QVERIFY(writeReleasedFile(path));
    ChatStore store;
    QVERIFY(store.open(path));
    // The id the account used first is kept: the broker still holds its session.
    QCOMPARE(store.clientId(u"alice"_s), u"ll-alice-first"_s);
    QCOMPARE(store.clientId(u"bob"_s), u"ll-bob"_s);
    const QString carol = store.clientId(u"carol"_s);
    QVERIFY(!carol.isEmpty());
    QCOMPARE(store.clientId(u"carol"_s), carol);
    QVERIFY(carol != store.clientId(u"alice"_s));
}

void TestStoreSchema::newerSchemaIsRefusedWithAReason()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"future.sqlite"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"future"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA user_version = 99"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"future"_s);
    ChatStore store;
    QVERIFY(!store.open(path));
    QVERIFY2(store.errorString().contains(u"newer"_s), qPrintable(store.errorString()));
    QVERIFY(!store.isOpen());
}

QTEST_GUILESS_MAIN(TestStoreSchema)
#include "tst_storeschema.moc"
