#include "chatstore.h"

#include "privatefiles.h"

#include "logging.h"
#include "storecheckpointer.h"
#include "storeschema.h"

#include <QtCore/QDateTime>
#include <QtCore/QRandomGenerator>
#include <QtCore/QUuid>
#include <QtSql/QSqlDriver>
#include <QtSql/QSqlError>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace longlink {

namespace {
// Prepared statement slots: each hot statement is prepared once.
enum Slot { kSetDelivery, kGetValue, kSetValue, kSlotCount };

const char *const kStatementSql[] = {
    // kInsertMessage
    "INSERT OR IGNORE INTO messages (id, room, sender, ts, text, own, delivery, received, kind,"
    " target, reply_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    // kSetDeliveryOfRow
    "UPDATE messages SET delivery = ?1 WHERE rowid = ?2",
    // kApplyEdit: only the sender's own message, not deleted, and not over
    // a later edit that came first.
    "UPDATE messages SET text = ?1, edited = ?2 WHERE id = ?3 AND sender = ?4 AND room = ?5"
    " AND kind = 0 AND deleted = 0 AND (edited IS NULL OR edited <= ?2)",
    // kApplyDelete
    "UPDATE messages SET text = '', edited = NULL, deleted = 1 WHERE id = ?1 AND sender = ?2"
    " AND room = ?3 AND kind = 0 AND deleted = 0",
    // kForgetEdits: a deleted message's earlier texts go with it.
    "UPDATE messages SET text = '' WHERE target = ?1 AND sender = ?2 AND kind = 1",
};

// Bound without a copy: the string outlives the statement's step.
int bindText(sqlite3_stmt *statement, int index, const QString &text)
{
    return sqlite3_bind_text16(statement, index, text.utf16(),
            int(text.size() * qsizetype(sizeof(char16_t))), SQLITE_STATIC);
}

// A shown message from a row whose first columns are, in this order: id,
// room, sender, ts, text, own, delivery, rowid, reply_to, edited, deleted.
StoredMessage shownMessage(const QSqlQuery &query)
{
    StoredMessage stored;
    stored.message = { query.value(0).toString(), query.value(1).toString(),
        query.value(2).toString(), query.value(3).toLongLong(), query.value(4).toString(),
        query.value(8).toString() };
    stored.own = query.value(5).toBool();
    stored.delivery = StoredMessage::Delivery(query.value(6).toInt());
    stored.rowId = query.value(7).toLongLong();
    stored.editedTs = query.value(9).toLongLong();
    stored.deleted = query.value(10).toBool();
    return stored;
}

int bindOptionalText(sqlite3_stmt *statement, int index, const QString &text)
{
    return text.isEmpty() ? sqlite3_bind_null(statement, index) : bindText(statement, index, text);
}

} // namespace

ChatStore::ChatStore()
    : m_connectionName(u"longlink-store-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

ChatStore::~ChatStore()
{
    close();
}

bool ChatStore::open(const QString &filePath)
{
    close();
    m_filePath = filePath;
    m_notes.clear();
    // On failure the half-open connection is dropped again, so isOpen() is false.
    const bool ready = [&] {
        // The history is the user's alone: made 0600 before SQLite sees it
        // (its WAL and shared-memory files take the database's mode).
        QString note;
        QString fileError;
        if (!PrivateFiles::ensureFile(filePath, &note, &fileError))
            return fail(u"cannot create the store %1"_s.arg(filePath), fileError);
        if (!note.isEmpty())
            m_notes.append(note);
        for (const char *suffix : { "-wal", "-shm" }) {
            note.clear();
            PrivateFiles::tighten(filePath + QLatin1StringView(suffix), &note);
            if (!note.isEmpty())
                m_notes.append(note);
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
        db.setDatabaseName(filePath);
        if (!db.open())
            return fail(u"cannot open the store %1"_s.arg(filePath), db.lastError().text());
        QSqlQuery query(db);
        // WAL with synchronous=NORMAL: a commit survives the app crashing or
        // being killed; only a power loss can take the last commits.
        // Checkpoints are not left to COMMIT (wal_autocheckpoint): one would
        // run inside a commit, after the data is durable but before the
        // caller hears so, and block it on fsync. The owner calls
        // checkpoint() when it has nothing more urgent to do.
        for (const char *pragma : { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                     "PRAGMA busy_timeout=5000", "PRAGMA foreign_keys=ON",
                     "PRAGMA wal_autocheckpoint=0" }) {
            if (!query.exec(QString::fromLatin1(pragma)))
                return fail(u"cannot set up the store"_s, query.lastError().text());
        }
        QString error;
        if (!StoreSchema::migrate(db, &error))
            return fail(u"cannot bring the store's tables up to date"_s, error);
        const QVariant handle = db.driver()->handle();
        if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0
                || !(m_db = *static_cast<sqlite3 *const *>(handle.constData())))
            return fail(u"cannot open the store %1"_s.arg(filePath),
                    u"the Qt SQLite driver gave no handle"_s);
        findWaitingChanges();
        m_indexedUpTo = value(u"search.indexedUpTo"_s).toLongLong();
        m_checkpointer = std::make_unique<StoreCheckpointer>();
        if (!m_checkpointer->start(filePath, &error))
            return fail(u"cannot open the store %1 for checkpoints"_s.arg(filePath), error);
        return true;
    }();
    if (!ready) {
        close();
        return false;
    }
    m_prepared.resize(kSlotCount);
    return true;
}

void ChatStore::close()
{
    // The checkpointer's connection goes first: the last one to close
    // checkpoints the WAL and removes it.
    m_checkpointer.reset();
    finalizeStatements();
    m_changedBeforeArrival.clear();
    m_db = nullptr;
    m_prepared.clear();
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool ChatStore::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName)
            && QSqlDatabase::database(m_connectionName, false).isOpen();
}

bool ChatStore::fail(const QString &what, const QString &detail)
{
    m_error = detail.isEmpty() ? what : what + u": "_s + detail;
    qCWarning(lcStore).noquote() << m_error;
    return false;
}

bool ChatStore::exec(QSqlQuery &query)
{
    if (query.exec())
        return true;
    return fail(u"store write failed"_s, query.lastError().text());
}

QSqlQuery &ChatStore::prepared(int slot, const QString &sql)
{
    if (m_prepared.size() < kSlotCount) // used while closed: fail in exec(), don't crash here
        m_prepared.resize(kSlotCount);
    std::unique_ptr<QSqlQuery> &query = m_prepared[slot];
    if (!query) {
        query = std::make_unique<QSqlQuery>(QSqlDatabase::database(m_connectionName, false));
        query->prepare(sql);
    }
    return *query;
}

sqlite3_stmt *ChatStore::statement(Statement which)
{
    if (!m_db)
        return nullptr;
    sqlite3_stmt *&statement = m_statements[which];
    if (!statement
            && sqlite3_prepare_v3(m_db, kStatementSql[which], -1, SQLITE_PREPARE_PERSISTENT,
                       &statement, nullptr)
                    != SQLITE_OK) {
        fail(u"cannot prepare a store statement"_s, QString::fromUtf8(sqlite3_errmsg(m_db)));
        statement = nullptr;
    }
    return statement;
}

bool ChatStore::step(sqlite3_stmt *statement)
{
    const int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return true;
    return fail(u"store write failed"_s, QString::fromUtf8(sqlite3_errmsg(m_db)));
}

void ChatStore::finalizeStatements()
{
    for (sqlite3_stmt *&statement : m_statements) {
        sqlite3_finalize(statement);
        statement = nullptr;
    }
}

bool ChatStore::transaction(const std::function<bool()> &work)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        return fail(u"cannot begin a transaction"_s, db.lastError().text());
    if (!work()) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        const QString detail = db.lastError().text();
        db.rollback();
        return fail(u"cannot commit to the store (disk full?)"_s, detail);
    }
    return true;
}

QString ChatStore::value(const QString &key, const QString &fallback)
{
    QSqlQuery &query = prepared(kGetValue, u"SELECT value FROM meta WHERE key = ?"_s);
    query.bindValue(0, key);
    if (!exec(query) || !query.next())
        return fallback;
    const QString result = query.value(0).toString();
    query.finish();
    return result;
}

bool ChatStore::setValue(const QString &key, const QString &value)
{
    if (value.isEmpty()) {
        // A null QString binds as SQL NULL, which the NOT NULL column
        // refuses: an empty value means no value.
        QSqlQuery remove(QSqlDatabase::database(m_connectionName, false));
        remove.prepare(u"DELETE FROM meta WHERE key = ?"_s);
        remove.bindValue(0, key);
        return exec(remove);
    }
    QSqlQuery &query
            = prepared(kSetValue, u"INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"_s);
    query.bindValue(0, key);
    query.bindValue(1, value);
    return exec(query);
}

QString ChatStore::clientId(const QString &account)
{
    const QString key = u"clientId:"_s + account;
    QString id = value(key);
    if (id.isEmpty()) {
        // MQTT 3.1.1 servers must accept 1-23 characters of [0-9a-zA-Z].
        id = u"ll"_s + QString::number(QRandomGenerator::system()->generate64(), 36);
        id.truncate(23);
        setValue(key, id);
    }
    return id;
}

bool ChatStore::addMessage(
        const StoredMessage &stored, bool *inserted, qint64 *rowId, QList<MessageChange> *changes)
{
    sqlite3_stmt *insert = statement(kInsertMessage);
    if (!insert)
        return fail(u"store write failed"_s, u"the store is not open"_s);
    const ChatMessage &m = stored.message;
    bindText(insert, 1, m.id);
    bindText(insert, 2, m.room);
    bindText(insert, 3, m.from);
    sqlite3_bind_int64(insert, 4, m.ts);
    bindText(insert, 5, m.text);
    sqlite3_bind_int(insert, 6, stored.own ? 1 : 0);
    sqlite3_bind_int(insert, 7, int(stored.delivery));
    sqlite3_bind_int64(insert, 8, QDateTime::currentSecsSinceEpoch());
    sqlite3_bind_int(insert, 9, int(m.kind));
    bindOptionalText(insert, 10, m.target);
    bindOptionalText(insert, 11, m.replyTo);
    if (!step(insert))
        return false;
    const bool added = sqlite3_changes(m_db) > 0;
    if (inserted)
        *inserted = added;
    if (rowId)
        *rowId = added ? sqlite3_last_insert_rowid(m_db) : 0;
    if (!added)
        return true;
    if (m.kind != ChatMessage::Kind::Message)
        return applyChange(m, changes);
    // An empty set costs one lookup: edits before their message are rare.
    if (!m_changedBeforeArrival.isEmpty() && m_changedBeforeArrival.remove(m.id))
        return applyWaitingChanges(m, changes);
    return true;
}

bool ChatStore::applyChange(const ChatMessage &change, QList<MessageChange> *changes)
{
    const bool deletion = change.kind == ChatMessage::Kind::Delete;
    sqlite3_stmt *update = statement(deletion ? kApplyDelete : kApplyEdit);
    if (!update)
        return fail(u"store write failed"_s, u"the store is not open"_s);
    int next = 1;
    if (!deletion) {
        bindText(update, next++, change.text);
        sqlite3_bind_int64(update, next++, change.ts);
    }
    bindText(update, next++, change.target);
    bindText(update, next++, change.from);
    bindText(update, next++, change.room);
    // The index has the old text: out with it, in with what is there after.
    if (!unindex(change.target))
        return false;
    if (!step(update))
        return false;
    const int updated = sqlite3_changes(m_db);
    if (!reindex(change.target))
        return false;
    if (updated > 0) {
        if (deletion) {
            sqlite3_stmt *forget = statement(kForgetEdits);
            if (!forget)
                return false;
            bindText(forget, 1, change.target);
            bindText(forget, 2, change.from);
            if (!step(forget))
                return false;
        }
        if (changes)
            changes->append({ change.room, change.target, change.text, deletion ? 0 : change.ts,
                    deletion });
        return true;
    }
    // Not applied: say why in the log, or wait for the message.
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT sender, room, deleted FROM messages WHERE id = ? AND kind = 0"_s);
    query.addBindValue(change.target);
    if (!exec(query))
        return false;
    if (!query.next()) {
        m_changedBeforeArrival.insert(change.target);
        return true;
    }
    const QString why = query.value(0).toString() != change.from
            ? u"the message is %1's"_s.arg(query.value(0).toString())
            : query.value(1).toString() != change.room ? u"the message is in another room"_s
            : query.value(2).toBool()                  ? u"the message was deleted"_s
                                                       : u"a later edit was applied first"_s;
    qCInfo(lcStore).noquote() << "ignored" << (deletion ? "a deletion" : "an edit") << "by"
                              << change.from << "of" << change.target << "-" << why;
    return true;
}

bool ChatStore::applyWaitingChanges(const ChatMessage &message, QList<MessageChange> *changes)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT id, ts, text, kind FROM messages WHERE target = ? AND sender = ?"
                  " AND room = ? AND kind > 0 ORDER BY rowid"_s);
    query.addBindValue(message.id);
    query.addBindValue(message.from);
    query.addBindValue(message.room);
    if (!exec(query))
        return false;
    QList<ChatMessage> waiting;
    while (query.next()) {
        ChatMessage change { query.value(0).toString(), message.room, message.from,
            query.value(1).toLongLong(), query.value(2).toString() };
        change.kind = ChatMessage::Kind(query.value(3).toInt());
        change.target = message.id;
        waiting.append(change);
    }
    query.finish();
    for (const ChatMessage &change : std::as_const(waiting)) {
        if (!applyChange(change, changes))
            return false;
    }
    return true;
}

void ChatStore::findWaitingChanges()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(u"SELECT DISTINCT target FROM messages AS c WHERE target IS NOT NULL AND"
                    " kind > 0 AND NOT EXISTS (SELECT 1 FROM messages WHERE id = c.target)"_s))
        return;
    while (query.next())
        m_changedBeforeArrival.insert(query.value(0).toString());
}

std::optional<StoredMessage> ChatStore::message(const QString &messageId)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT id, room, sender, ts, text, own, delivery, rowid, reply_to, edited,"
                  " deleted FROM messages WHERE id = ? AND kind = 0"_s);
    query.addBindValue(messageId);
    if (!exec(query) || !query.next())
        return std::nullopt;
    return shownMessage(query);
}

bool ChatStore::setDeliveryOfRow(qint64 rowId, Delivery delivery)
{
    sqlite3_stmt *update = statement(kSetDeliveryOfRow);
    if (!update)
        return fail(u"store write failed"_s, u"the store is not open"_s);
    sqlite3_bind_int(update, 1, int(delivery));
    sqlite3_bind_int64(update, 2, rowId);
    return step(update);
}

void ChatStore::checkpoint()
{
    if (m_checkpointer)
        m_checkpointer->request();
}

int ChatStore::checkpointsDone() const
{
    return m_checkpointer ? m_checkpointer->completed() : 0;
}

void ChatStore::waitForCheckpoint()
{
    if (m_checkpointer)
        m_checkpointer->waitForIdle();
}

bool ChatStore::setDelivery(const QString &messageId, Delivery delivery)
{
    QSqlQuery &query = prepared(kSetDelivery, u"UPDATE messages SET delivery = ? WHERE id = ?"_s);
    query.bindValue(0, int(delivery));
    query.bindValue(1, messageId);
    return exec(query);
}

QList<ChatStore::StoredMessage> ChatStore::messages(
        const QString &room, int limit, qint64 beforeRowId)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT m.id, m.room, m.sender, m.ts, m.text, m.own, m.delivery, m.rowid,"
                  " m.reply_to, m.edited, m.deleted, q.sender, q.text, q.rowid, q.deleted"
                  " FROM messages AS m LEFT JOIN messages AS q"
                  " ON q.id = m.reply_to AND q.room = m.room AND q.kind = 0"
                  " WHERE m.room = ? AND m.kind = 0 AND m.rowid < ?"
                  " ORDER BY m.rowid DESC LIMIT ?"_s);
    query.bindValue(0, room);
    query.bindValue(1, beforeRowId > 0 ? beforeRowId : std::numeric_limits<qint64>::max());
    query.bindValue(2, limit);
    QList<StoredMessage> result;
    if (!exec(query))
        return result;
    while (query.next()) {
        StoredMessage stored = shownMessage(query);
        stored.quoted = { query.value(11).toString(), query.value(12).toString(),
            query.value(13).toLongLong(), query.value(14).toBool() };
        result.prepend(stored);
    }
    return result;
}

bool ChatStore::hasMessage(const QString &messageId)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT 1 FROM messages WHERE id = ?"_s);
    query.bindValue(0, messageId);
    return exec(query) && query.next();
}

int ChatStore::messageCount(const QString &room)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT COUNT(*) FROM messages WHERE room = ? AND kind = 0"_s);
    query.bindValue(0, room);
    return exec(query) && query.next() ? query.value(0).toInt() : 0;
}

QList<ChatStore::StoredMessage> ChatStore::outbox()
{
    QList<StoredMessage> result;
    if (!isOpen())
        return result;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    // The partial index messages_outbox holds exactly these rows.
    if (!query.exec(u"SELECT id, room, sender, ts, text, rowid, reply_to, kind, target"
                    " FROM messages WHERE delivery = 1 ORDER BY rowid"_s)) {
        fail(u"cannot read the outbox"_s, query.lastError().text());
        return result;
    }
    while (query.next()) {
        StoredMessage stored;
        stored.message = { query.value(0).toString(), query.value(1).toString(),
            query.value(2).toString(), query.value(3).toLongLong(), query.value(4).toString(),
            query.value(6).toString() };
        stored.message.kind = ChatMessage::Kind(query.value(7).toInt());
        stored.message.target = query.value(8).toString();
        stored.own = true;
        stored.delivery = Delivery::Sending;
        stored.rowId = query.value(5).toLongLong();
        result.append(stored);
    }
    return result;
}

int ChatStore::outboxSize()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    return query.exec(u"SELECT COUNT(*) FROM messages WHERE delivery = 1"_s) && query.next()
            ? query.value(0).toInt()
            : 0;
}

QList<ChatStore::PluginVerdictRow> ChatStore::pluginVerdicts()
{
    QList<PluginVerdictRow> result;
    if (!isOpen())
        return result;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (query.exec(u"SELECT hash, file, verdict, problem, reason FROM plugins"_s)) {
        while (query.next())
            result.append({ query.value(0).toString(), query.value(1).toString(),
                    query.value(2).toString(), query.value(3).toString(),
                    query.value(4).toString() });
    }
    return result;
}

bool ChatStore::setPluginVerdict(const PluginVerdictRow &row)
{
    if (!isOpen())
        return fail(u"the store is not open"_s, QString());
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"INSERT OR REPLACE INTO plugins (hash, file, verdict, problem, reason) "
                  "VALUES (?, ?, ?, ?, ?)"_s);
    query.bindValue(0, row.hash);
    query.bindValue(1, row.file);
    query.bindValue(2, row.verdict);
    query.bindValue(3, row.problem);
    query.bindValue(4, row.reason);
    return exec(query);
}

QStringList ChatStore::rooms()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    QStringList result;
    if (query.exec(u"SELECT name FROM rooms ORDER BY name"_s)) {
        while (query.next())
            result.append(query.value(0).toString());
    }
    return result;
}

bool ChatStore::addRoom(const QString &room)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"INSERT OR IGNORE INTO rooms (name) VALUES (?)"_s);
    query.bindValue(0, room);
    return exec(query);
}

bool ChatStore::removeRoom(const QString &room)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"DELETE FROM rooms WHERE name = ?"_s);
    query.bindValue(0, room);
    return exec(query);
}

qint64 ChatStore::readMarker(const QString &room)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT read_marker FROM rooms WHERE name = ?"_s);
    query.addBindValue(room);
    return exec(query) && query.next() ? query.value(0).toLongLong() : 0;
}

bool ChatStore::setReadMarker(const QString &room, qint64 rowId)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"UPDATE rooms SET read_marker = ? WHERE name = ? AND read_marker < ?"_s);
    query.addBindValue(rowId);
    query.addBindValue(room);
    query.addBindValue(rowId);
    return exec(query);
}

qint64 ChatStore::lastRowId(const QString &room)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT MAX(rowid) FROM messages WHERE room = ? AND kind = 0"_s);
    query.addBindValue(room);
    return exec(query) && query.next() ? query.value(0).toLongLong() : 0;
}

UnreadMessages ChatStore::unread(const QString &room)
{
    UnreadMessages result;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    // The room index finds the rows after the marker; `own` is read from
    // each of them, few unless the room was left unread for long.
    query.prepare(u"SELECT COUNT(*), MIN(rowid) FROM messages WHERE room = ? AND kind = 0"
                  " AND own = 0 AND rowid > (SELECT read_marker FROM rooms WHERE name = ?)"_s);
    query.addBindValue(room);
    query.addBindValue(room);
    if (!exec(query) || !query.next())
        return result;
    result.count = query.value(0).toInt();
    result.firstRowId = query.value(1).toLongLong();
    if (result.firstRowId > 0) {
        QSqlQuery first(QSqlDatabase::database(m_connectionName, false));
        first.prepare(u"SELECT id FROM messages WHERE rowid = ?"_s);
        first.addBindValue(result.firstRowId);
        if (exec(first) && first.next())
            result.firstId = first.value(0).toString();
    }
    return result;
}

bool ChatStore::unindex(const QString &messageId)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    // (An external-content index is told what it had, to take it out.)
    query.prepare(u"INSERT INTO messages_fts (messages_fts, rowid, sender, text)"
                  " SELECT 'delete', rowid, sender, text FROM messages"
                  " WHERE id = ? AND kind = 0 AND deleted = 0 AND rowid <= ?"_s);
    query.addBindValue(messageId);
    query.addBindValue(m_indexedUpTo);
    return exec(query);
}

bool ChatStore::reindex(const QString &messageId)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"INSERT INTO messages_fts (rowid, sender, text) SELECT rowid, sender, text"
                  " FROM messages WHERE id = ? AND kind = 0 AND deleted = 0 AND rowid <= ?"_s);
    query.addBindValue(messageId);
    query.addBindValue(m_indexedUpTo);
    return exec(query);
}

int ChatStore::indexForSearch(int maxRows)
{
    if (!isOpen() || maxRows <= 0)
        return 0;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    // The last row this batch covers: maxRows further, or the newest.
    query.prepare(u"SELECT MAX(rowid) FROM (SELECT rowid FROM messages WHERE rowid > ?"
                  " ORDER BY rowid LIMIT ?)"_s);
    query.addBindValue(m_indexedUpTo);
    query.addBindValue(maxRows);
    if (!exec(query) || !query.next())
        return 0;
    const qint64 upTo = query.value(0).toLongLong();
    query.finish();
    if (upTo <= m_indexedUpTo)
        return 0;
    const qint64 from = m_indexedUpTo;
    const bool done = transaction([&] {
        QSqlQuery insert(db);
        insert.prepare(u"INSERT INTO messages_fts (rowid, sender, text) SELECT rowid, sender, text"
                       " FROM messages WHERE rowid > ? AND rowid <= ? AND kind = 0 AND deleted = 0"
                       " ORDER BY rowid"_s);
        insert.addBindValue(from);
        insert.addBindValue(upTo);
        return exec(insert) && setValue(u"search.indexedUpTo"_s, QString::number(upTo));
    });
    if (!done)
        return 0;
    m_indexedUpTo = upTo;
    return int(upTo - from);
}

QList<SearchHit> ChatStore::search(
        const QString &needle, const QString &room, int limit, qint64 beforeRowId)
{
    QList<SearchHit> hits;
    if (!isOpen() || needle.isEmpty() || limit <= 0)
        return hits;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const qint64 before = beforeRowId > 0 ? beforeRowId : std::numeric_limits<qint64>::max();
    QString like = needle;
    like.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    like = u'%' + like + u'%';
    const QString inRoom = room.isEmpty() ? QString() : u" AND room = :room"_s;
    // Rows [from, to) by a scan: what the index does not have yet, and
    // needles too short for trigrams.
    auto scan = [&](qint64 from, qint64 to) {
        QSqlQuery query(db);
        query.prepare(u"SELECT rowid, room FROM messages WHERE rowid >= :from AND rowid < :to"
                      " AND kind = 0 AND deleted = 0"_s
                + inRoom
                + u" AND (text LIKE :text ESCAPE '\\' OR sender LIKE :sender ESCAPE '\\')"
                  " ORDER BY rowid DESC LIMIT :limit"_s);
        query.bindValue(u":from"_s, from);
        query.bindValue(u":to"_s, to);
        if (!room.isEmpty())
            query.bindValue(u":room"_s, room);
        query.bindValue(u":text"_s, like);
        query.bindValue(u":sender"_s, like);
        query.bindValue(u":limit"_s, limit - int(hits.size()));
        if (exec(query)) {
            while (query.next())
                hits.append({ query.value(0).toLongLong(), query.value(1).toString() });
        }
    };
    // Newest first: the part not indexed yet is the newest.
    if (before > m_indexedUpTo + 1)
        scan(m_indexedUpTo + 1, before);
    const qint64 indexedBefore = std::min(before, m_indexedUpTo + 1);
    if (int(hits.size()) >= limit || indexedBefore <= 1)
        return hits;
    if (needle.toUcs4().size() < 3) {
        scan(0, indexedBefore);
        return hits;
    }
    QSqlQuery query(db);
    query.prepare(u"SELECT m.rowid, m.room FROM messages_fts AS f JOIN messages AS m"
                  " ON m.rowid = f.rowid WHERE messages_fts MATCH :match AND f.rowid < :before"
                  " AND m.kind = 0 AND m.deleted = 0"_s
            + (room.isEmpty() ? QString() : u" AND m.room = :room"_s)
            + u" ORDER BY f.rowid DESC LIMIT :limit"_s);
    // One quoted string: a substring to find, not FTS5 query syntax.
    query.bindValue(u":match"_s, QString(u'"' + QString(needle).replace(u'"', u"\"\""_s) + u'"'));
    query.bindValue(u":before"_s, indexedBefore);
    if (!room.isEmpty())
        query.bindValue(u":room"_s, room);
    query.bindValue(u":limit"_s, limit - int(hits.size()));
    if (exec(query)) {
        while (query.next())
            hits.append({ query.value(0).toLongLong(), query.value(1).toString() });
    }
    return hits;
}

} // namespace longlink
