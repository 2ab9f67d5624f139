#include "chatstore.h"

#include "privatefiles.h"

#include "logging.h"
#include "storeschema.h"

#include <QtCore/QRandomGenerator>
#include <QtCore/QUuid>
#include <QtSql/QSqlError>

using namespace Qt::StringLiterals;

namespace longlink {

namespace {
// Prepared statement slots: each hot statement is prepared once.
enum Slot {
    kInsertMessage,
    kSetDelivery,
    kInsertOutbox,
    kDeleteOutbox,
    kGetValue,
    kSetValue,
    kSlotCount
};

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

bool ChatStore::addMessage(const StoredMessage &stored, bool *inserted)
{
    QSqlQuery &query = prepared(kInsertMessage,
            u"INSERT OR IGNORE INTO messages (id, room, sender, ts, text, own, delivery, received)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, strftime('%s','now'))"_s);
    query.bindValue(0, stored.message.id);
    query.bindValue(1, stored.message.room);
    query.bindValue(2, stored.message.from);
    query.bindValue(3, stored.message.ts);
    query.bindValue(4, stored.message.text);
    query.bindValue(5, stored.own ? 1 : 0);
    query.bindValue(6, int(stored.delivery));
    if (!exec(query))
        return false;
    if (inserted)
        *inserted = query.numRowsAffected() > 0;
    return true;
}

void ChatStore::checkpoint()
{
    if (!isOpen())
        return;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    // PASSIVE: copies what no reader needs any more, never waits for one.
    if (!query.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s))
        qCWarning(lcStore).noquote() << "checkpoint failed:" << query.lastError().text();
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
    // An own message still in the outbox is being sent; once the broker
    // acknowledged it, it left the outbox. Deriving the state saves a write
    // per message on the hot path.
    query.prepare(u"SELECT id, room, sender, ts, text, own,"
                  " CASE WHEN own AND delivery = 2 AND EXISTS"
                  "  (SELECT 1 FROM outbox WHERE outbox.message_id = messages.id) THEN 1"
                  " ELSE delivery END, rowid FROM messages"
                  " WHERE room = ? AND rowid < ? ORDER BY rowid DESC LIMIT ?"_s);
    query.bindValue(0, room);
    query.bindValue(1, beforeRowId > 0 ? beforeRowId : std::numeric_limits<qint64>::max());
    query.bindValue(2, limit);
    QList<StoredMessage> result;
    if (!exec(query))
        return result;
    while (query.next()) {
        StoredMessage stored;
        stored.message = { query.value(0).toString(), query.value(1).toString(),
            query.value(2).toString(), query.value(3).toLongLong(), query.value(4).toString() };
        stored.own = query.value(5).toBool();
        stored.delivery = Delivery(query.value(6).toInt());
        stored.rowId = query.value(7).toLongLong();
        result.prepend(stored);
    }
    return result;
}

int ChatStore::messageCount(const QString &room)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT COUNT(*) FROM messages WHERE room = ?"_s);
    query.bindValue(0, room);
    return exec(query) && query.next() ? query.value(0).toInt() : 0;
}

QStringList ChatStore::recentMessageIds(int limit)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT id FROM messages ORDER BY rowid DESC LIMIT ?"_s);
    query.bindValue(0, limit);
    QStringList ids;
    if (exec(query)) {
        while (query.next())
            ids.append(query.value(0).toString());
    }
    return ids;
}

bool ChatStore::enqueue(OutboxEntry &entry)
{
    QSqlQuery &query = prepared(kInsertOutbox,
            u"INSERT INTO outbox (message_id, topic, payload, qos, retain) VALUES (?, ?, ?, ?, ?)"_s);
    query.bindValue(0, entry.messageId);
    query.bindValue(1, entry.topic);
    query.bindValue(2, entry.payload);
    query.bindValue(3, entry.qos);
    query.bindValue(4, entry.retain ? 1 : 0);
    if (!exec(query))
        return false;
    entry.sequence = query.lastInsertId().toLongLong();
    return true;
}

bool ChatStore::removeFromOutbox(qint64 sequence)
{
    QSqlQuery &query = prepared(kDeleteOutbox, u"DELETE FROM outbox WHERE seq = ?"_s);
    query.bindValue(0, sequence);
    return exec(query);
}

QList<ChatStore::OutboxEntry> ChatStore::outbox()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    QList<OutboxEntry> result;
    if (!query.exec(
                u"SELECT seq, message_id, topic, payload, qos, retain FROM outbox ORDER BY seq"_s)) {
        fail(u"cannot read the outbox"_s, query.lastError().text());
        return result;
    }
    while (query.next()) {
        result.append({ query.value(0).toLongLong(), query.value(1).toString(),
                query.value(2).toString(), query.value(3).toByteArray(),
                quint8(query.value(4).toInt()), query.value(5).toBool() });
    }
    return result;
}

int ChatStore::outboxSize()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    return query.exec(u"SELECT COUNT(*) FROM outbox"_s) && query.next() ? query.value(0).toInt()
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

} // namespace longlink
