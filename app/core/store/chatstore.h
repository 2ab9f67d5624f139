#pragma once

#include "storedmessage.h"

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlQuery>

#include <memory>

namespace longlink {

// The local SQLite file (design section 5): messages, the outbox, rooms and
// small settings. All writes of one batch go in one transaction, so the
// outbox survives a crash or kill and stays fast under load.
class ChatStore
{
public:
    using StoredMessage = longlink::StoredMessage;
    using Delivery = longlink::StoredMessage::Delivery;

    struct OutboxEntry
    {
        qint64 sequence = 0; // assigned by enqueue(): after every pending entry
        QString messageId;
        QString topic;
        QByteArray payload;
        quint8 qos = 1;
        bool retain = false;
    };

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
    // Moves committed pages from the WAL into the database file (automatic
    // checkpoints are off: see open()).
    void checkpoint();

    QString value(const QString &key, const QString &fallback = QString());
    // An empty `value` removes the key.
    bool setValue(const QString &key, const QString &value);
    // A stable MQTT client id for this installation and account (the user
    // name, not the server's address), made once.
    QString clientId(const QString &account);

    bool addMessage(const StoredMessage &message, bool *inserted = nullptr);
    bool setDelivery(const QString &messageId, Delivery delivery);
    QList<StoredMessage> messages(const QString &room, int limit, qint64 beforeRowId = 0);
    int messageCount(const QString &room);
    QStringList recentMessageIds(int limit);

    bool enqueue(OutboxEntry &entry);
    bool removeFromOutbox(qint64 sequence);
    QList<OutboxEntry> outbox();
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

private:
    bool exec(QSqlQuery &query);
    bool fail(const QString &what, const QString &detail);
    QSqlQuery &prepared(int slot, const QString &sql);

    QString m_connectionName;
    QString m_filePath;
    QStringList m_notes;
    QString m_error;
    std::vector<std::unique_ptr<QSqlQuery>> m_prepared;
};

} // namespace longlink
