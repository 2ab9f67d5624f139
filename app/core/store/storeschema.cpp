#include "storeschema.h"

#include "logging.h"

#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

#include <functional>

using namespace Qt::StringLiterals;

namespace longlink {

namespace {

// Version 1: the schema that shipped first. Kept as it was: migrations
// start from it.
const char *const kVersion1[] = {
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
};

bool run(QSqlQuery &query, const QString &sql, QString *error)
{
    if (query.exec(sql))
        return true;
    if (error)
        *error = query.lastError().text() + u" (in: "_s + sql + u')';
    return false;
}

bool toVersion1(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    for (const char *statement : kVersion1) {
        if (!run(query, QString::fromLatin1(statement), error))
            return false;
    }
    return true;
}

// Version 2:
// - a verdict keeps its machine-readable problem code, not only its sentence;
// - the client id belongs to the account, not to the server's address: one
//   session per account whichever address (listener, node, transport) reaches
//   the broker. The id an account already used is kept, so the broker still
//   has its session.
bool toVersion2(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!run(query, u"ALTER TABLE plugins ADD COLUMN problem TEXT"_s, error)
            || !run(query,
                    u"UPDATE plugins SET problem = CASE verdict WHEN 'quarantined' THEN 'crashed' "
                    "ELSE 'load-failed' END"_s,
                    error))
        return false;
    if (!run(query, u"SELECT key, value FROM meta WHERE key LIKE 'clientId:%' ORDER BY rowid"_s,
                error))
        return false;
    QList<std::pair<QString, QString>> ids; // account -> id, first use first
    QStringList oldKeys;
    while (query.next()) {
        const QString key = query.value(0).toString();
        const QString account = key.mid(int(qstrlen("clientId:")));
        // "user@host:port" -> "user": the address follows the last '@'.
        const qsizetype at = account.lastIndexOf(u'@');
        const QString user = at > 0 ? account.left(at) : account;
        oldKeys.append(key);
        bool known = false;
        for (const auto &[existing, id] : std::as_const(ids))
            known |= existing == user;
        if (!known)
            ids.append({ user, query.value(1).toString() });
    }
    query.finish();
    for (const QString &key : std::as_const(oldKeys)) {
        query.prepare(u"DELETE FROM meta WHERE key = ?"_s);
        query.addBindValue(key);
        if (!query.exec()) {
            if (error)
                *error = query.lastError().text();
            return false;
        }
    }
    for (const auto &[user, id] : std::as_const(ids)) {
        query.prepare(u"INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"_s);
        query.addBindValue(QString(u"clientId:"_s + user));
        query.addBindValue(id);
        if (!query.exec()) {
            if (error)
                *error = query.lastError().text();
            return false;
        }
    }
    return true;
}

// Version 3: the outbox is a state of the message, not a table of its own.
// An own message is stored as Sending (1) and becomes Sent (2) or Failed (3);
// the outbox is the rows in Sending, found through a partial index. One row
// written per message instead of two, and the payload is made again from
// the row when it is sent after a restart (the same JSON: id, room, from,
// ts, text). Version 2 stored own messages as Sent and derived "sending"
// from the outbox table.
bool toVersion3(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    // A pending entry without its history row (none should exist) keeps
    // what its envelope says; one that is no chat message is dropped.
    return run(query,
                   u"INSERT OR IGNORE INTO messages (id, room, sender, ts, text, own, delivery,"
                   " received) SELECT message_id, json_extract(body, '$.room'),"
                   " json_extract(body, '$.from'), json_extract(body, '$.ts'),"
                   " json_extract(body, '$.text'), 1, 1, strftime('%s','now') FROM"
                   " (SELECT message_id, CAST(payload AS TEXT) AS body, seq FROM outbox"
                   "  WHERE message_id IS NOT NULL AND message_id NOT IN (SELECT id FROM messages))"
                   " WHERE json_valid(body) AND json_type(body, '$.room') = 'text'"
                   " AND json_type(body, '$.from') = 'text' AND json_type(body, '$.ts') = 'integer'"
                   " AND json_type(body, '$.text') = 'text' ORDER BY seq"_s,
                   error)
            && run(query,
                    u"UPDATE messages SET delivery = 2 WHERE delivery = 1 AND id NOT IN"
                    " (SELECT message_id FROM outbox WHERE message_id IS NOT NULL)"_s,
                    error)
            && run(query,
                    u"UPDATE messages SET delivery = 1 WHERE own = 1 AND id IN"
                    " (SELECT message_id FROM outbox WHERE message_id IS NOT NULL)"_s,
                    error)
            && run(query, u"DROP TABLE outbox"_s, error)
            && run(query,
                    u"CREATE INDEX messages_outbox ON messages (delivery) WHERE delivery = 1"_s,
                    error);
}

// Version 4: edits, deletions and replies (see ChatMessage).
// - An edit or a deletion is a row of its own (kind 1 or 2, `target` the id
//   it changes): it has its own id for dropping repeats, and an own one
//   waits in the outbox like a message. Only kind 0 rows are shown.
// - The message it changes keeps the text shown now, when that text was
//   written (`edited`, the edit's ts) and whether it was deleted.
// - `reply_to` is the id a message answers.
// - The room index includes the kind, so a page and a count of shown
//   messages read the index alone; edits waiting for their message are
//   found through a small partial index.
bool toVersion4(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    for (const char *statement : {
                 "ALTER TABLE messages ADD COLUMN kind INTEGER NOT NULL DEFAULT 0",
                 "ALTER TABLE messages ADD COLUMN target TEXT",
                 "ALTER TABLE messages ADD COLUMN reply_to TEXT",
                 "ALTER TABLE messages ADD COLUMN edited INTEGER",
                 "ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0",
                 "DROP INDEX IF EXISTS messages_room",
                 "CREATE INDEX messages_room ON messages (room, kind, rowid)",
                 "CREATE INDEX messages_target ON messages (target) WHERE target IS NOT NULL" }) {
        if (!run(query, QString::fromLatin1(statement), error))
            return false;
    }
    return true;
}

// Version 5: search. An FTS5 index over the shown messages' sender and
// text, with the messages table as its content (nothing stored twice).
// The trigram tokenizer matches any part of a word, in any script: Chinese
// has no spaces between words for a word tokenizer to find. It is filled
// behind the messages, when the client is idle (ChatStore::indexForSearch),
// not by a trigger: the index is not on the hot path of a busy room.
bool toVersion5(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    return run(query,
            u"CREATE VIRTUAL TABLE messages_fts USING fts5(sender, text, content='messages',"
            " content_rowid='rowid', tokenize='trigram')"_s,
            error);
}

bool hasTable(QSqlDatabase &db, const QString &table)
{
    QSqlQuery query(db);
    query.prepare(u"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"_s);
    query.addBindValue(table);
    return query.exec() && query.next();
}

} // namespace

int StoreSchema::version(QSqlDatabase &db)
{
    QSqlQuery query(db);
    const int stored
            = query.exec(u"PRAGMA user_version"_s) && query.next() ? query.value(0).toInt() : 0;
    if (stored == 0 && hasTable(db, u"messages"_s))
        return 1; // written before the schema had a version
    return stored;
}

bool StoreSchema::migrate(QSqlDatabase &db, QString *error)
{
    const int from = version(db);
    if (from == kCurrentVersion)
        return true;
    if (from > kCurrentVersion) {
        if (error)
            *error = u"the store was written by a newer Longlink (schema %1, this one knows %2)"_s
                             .arg(from)
                             .arg(kCurrentVersion);
        return false;
    }
    const std::function<bool(QSqlDatabase &, QString *)> steps[]
            = { toVersion1, toVersion2, toVersion3, toVersion4, toVersion5 };
    if (!db.transaction()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    for (int version = from; version < kCurrentVersion; ++version) {
        if (!steps[version](db, error)) {
            db.rollback();
            return false;
        }
    }
    QSqlQuery query(db);
    if (!run(query, u"PRAGMA user_version = %1"_s.arg(kCurrentVersion), error) || !db.commit()) {
        if (error && error->isEmpty())
            *error = db.lastError().text();
        db.rollback();
        return false;
    }
    if (from > 0)
        qCInfo(lcStore) << "store schema migrated from version" << from << "to" << kCurrentVersion;
    return true;
}

} // namespace longlink
