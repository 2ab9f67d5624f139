#pragma once

#include "messagechange.h"
#include "storedmessage.h"

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QSet>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlQuery>

#include <array>
#include <functional>
#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace longlink {

class StoreCheckpointer;

// The local SQLite file (design section 5): messages, rooms and small
// settings. The outbox is part of the messages table: an own message is
// stored as Sending and is in the outbox until setDeliveryOfRow() marks it
// Sent (acknowledged) or Failed (refused). All writes of one batch go in
// one transaction, so the outbox survives a crash or kill and stays fast
// under load.
class ChatStore
{
public:
    using StoredMessage = longlink::StoredMessage;
    using Delivery = longlink::StoredMessage::Delivery;

    ChatStore();
    ~ChatStore();
    ChatStore(const ChatStore &) = delete;
    ChatStore &operator=(const ChatStore &) = delete;

    bool open(const QString &filePath);
    void close();
    bool isOpen() const;
    QString errorString() const { return m_error; }
    QString filePath() const { return m_filePath; }
    // What open() changed that the user should know (files it made private).
    QStringList notes() const { return m_notes; }

    // Runs `work` in one transaction; rolls back and returns false if it or
    // the commit fails.
    bool transaction(const std::function<bool()> &work);
    // Asks for the committed pages in the WAL to be moved into the database
    // file, on a thread of its own (automatic checkpoints are off: see
    // open()). Returns at once.
    void checkpoint();
    // Checkpoints carried out so far; waitForCheckpoint() blocks until the
    // ones asked for are done (for tests and shutdown).
    int checkpointsDone() const;
    void waitForCheckpoint();

    QString value(const QString &key, const QString &fallback = QString());
    // An empty `value` removes the key.
    bool setValue(const QString &key, const QString &value);
    // A stable MQTT client id for this installation and account (the user
    // name, not the server's address), made once.
    QString clientId(const QString &account);

    // Stores a message unless one with its id is stored already (a
    // redelivery, an echo): then `inserted` is false. `rowId` is the new
    // row's (0 when nothing was inserted).
    //
    // An edit or a deletion is applied to the message it names, if that is
    // its sender's, shown and not deleted; `changes` gets what the message
    // shows now. One that comes before its message waits in the store and
    // is applied when the message arrives (in this or a later run).
    bool addMessage(const StoredMessage &message, bool *inserted = nullptr, qint64 *rowId = nullptr,
            QList<MessageChange> *changes = nullptr);
    bool hasMessage(const QString &messageId);
    // A shown message (kind Message) by id.
    std::optional<StoredMessage> message(const QString &messageId);
    bool setDelivery(const QString &messageId, Delivery delivery);
    bool setDeliveryOfRow(qint64 rowId, Delivery delivery);
    // The shown messages (not edits or deletions), with what was changed
    // since and what they answer.
    QList<StoredMessage> messages(const QString &room, int limit, qint64 beforeRowId = 0);
    int messageCount(const QString &room);

    // Own messages not yet acknowledged (Sending), oldest first.
    QList<StoredMessage> outbox();
    int outboxSize();

    // A verdict on a plugin file's content, by hash. `verdict` and `problem`
    // are stable names ("quarantined", "crashed").
    struct PluginVerdictRow
    {
        QString hash;
        QString file;
        QString verdict;
        QString problem;
        QString reason;
    };
    QList<PluginVerdictRow> pluginVerdicts();
    bool setPluginVerdict(const PluginVerdictRow &row);

    QStringList rooms();
    bool addRoom(const QString &room);
    bool removeRoom(const QString &room);

    // How far a room was read: every shown message up to this row. Moves
    // forward only.
    qint64 readMarker(const QString &room);
    bool setReadMarker(const QString &room, qint64 rowId);
    // The newest shown message's row in `room` (0 if none).
    qint64 lastRowId(const QString &room);
    UnreadMessages unread(const QString &room);

    // Shown, not deleted messages whose text or sender contains `needle`
    // (case-insensitive), newest first, before `beforeRowId` (0: from the
    // newest); in `room`, or in every room when it is empty.
    QList<SearchHit> search(
            const QString &needle, const QString &room, int limit, qint64 beforeRowId = 0);
    // Adds up to `maxRows` of the messages not yet in the search index;
    // returns how many (0: the index is complete). Its own transaction.
    int indexForSearch(int maxRows);
    qint64 searchIndexedUpTo() const { return m_indexedUpTo; }

private:
    enum Statement {
        kInsertMessage,
        kSetDeliveryOfRow,
        kApplyEdit,
        kApplyDelete,
        kForgetEdits,
        kStatementCount
    };

    bool exec(QSqlQuery &query);
    bool fail(const QString &what, const QString &detail);
    QSqlQuery &prepared(int slot, const QString &sql);
    // The hot statements run through SQLite's own API: binding through
    // QSqlQuery (QVariant per value, named-placeholder bookkeeping) was 12%
    // of a sender's CPU. Qt's connection hands out its handle for this.
    sqlite3_stmt *statement(Statement which);
    bool step(sqlite3_stmt *statement);
    // Applies an edit or deletion row to its message; `changes` gets the result.
    bool applyChange(const ChatMessage &change, QList<MessageChange> *changes);
    bool applyWaitingChanges(const ChatMessage &message, QList<MessageChange> *changes);
    void findWaitingChanges();
    void finalizeStatements();

    QString m_connectionName;
    QString m_filePath;
    QStringList m_notes;
    QString m_error;
    std::vector<std::unique_ptr<QSqlQuery>> m_prepared;
    sqlite3 *m_db = nullptr; // Qt's connection's handle
    std::array<sqlite3_stmt *, kStatementCount> m_statements {};
    std::unique_ptr<StoreCheckpointer> m_checkpointer;
    // Ids named by edits or deletions that came before their message.
    QSet<QString> m_changedBeforeArrival;
    // Messages up to this row are in the search index (kept in meta).
    qint64 m_indexedUpTo = 0;
    // Takes the row's old text out of the search index before it changes.
    bool unindex(const QString &messageId);
    bool reindex(const QString &messageId);
};

} // namespace longlink
