// The local SQLite store (design section 5): messages, the outbox, rooms,
// the client id. The outbox must outlive the process; a bad file or path is
// an error with a reason, never a crash.
#include "chatstore.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>
#include <QtCore/QSet>
#include <QtCore/QTemporaryDir>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using longlink::ChatMessage;
using longlink::ChatStore;
using longlink::MessageChange;
using Delivery = longlink::ChatStore::Delivery;
using StoredMessage = longlink::ChatStore::StoredMessage;

namespace {
StoredMessage makeMessage(
        const QString &room, int n, bool own = false, Delivery delivery = Delivery::Received)
{
    StoredMessage stored;
    stored.message = { u"id-%1-%2"_s.arg(room).arg(n), room, own ? u"me"_s : u"alice"_s,
        1'700'000'000'000 + n, u"message %1 in %2"_s.arg(n).arg(room) };
    stored.own = own;
    stored.delivery = delivery;
    return stored;
}

// An own message waiting for the broker: in the outbox.
StoredMessage makePending(int n)
{
    return makeMessage(u"lobby"_s, n, true, Delivery::Sending);
}

QStringList texts(const QList<StoredMessage> &messages)
{
    QStringList result;
    for (const StoredMessage &stored : messages)
        result.append(stored.message.text);
    return result;
}

QList<qint64> rows(const QList<StoredMessage> &messages)
{
    QList<qint64> result;
    for (const StoredMessage &stored : messages)
        result.append(stored.rowId);
    return result;
}
} // namespace

class TestChatStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void openCreatesTheFile();
    void walIsCheckpointedOnlyWhenAsked();
    void clientIdIsStableAndValid();
    void emptyValueRemovesTheKey();
    void duplicateMessageIsInsertedOnce();
    void messageFieldsRoundTrip();
    void newestMessagesInChronologicalOrder();
    void setDeliveryChangesState();
    void outboxKeepsOrderAndFields();
    void editChangesTheTextAndIsNotShownItself();
    void onlyTheSenderCanEditOrDelete();
    void deletionTakesTheTextAndEarlierEdits();
    void anOlderEditDoesNotUndoANewerOne();
    void changeBeforeItsMessageIsAppliedWhenItArrives();
    void replyShowsWhatItAnswers();
    void outboxKeepsEditsAndReplies();
    void readMarkerCountsOthersMessagesAfterIt();
    void searchFindsTextIndexedOrNot_data();
    void searchFindsTextIndexedOrNot();
    void searchFollowsEditsAndDeletions();
    void outboxRemoveAndSize();
    void outboxSurvivesReopen();
    void outboxIsCommittedImmediately();
    void transactionCommits();
    void transactionRollsBack();
    void rooms();
    void badPathFails_data();
    void badPathFails();
    void notSqliteFailsCleanly_data();
    void notSqliteFailsCleanly();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path() const { return m_dir->filePath(u"store.sqlite"_s); }
};

void TestChatStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY2(m_dir->isValid(), qPrintable(m_dir->errorString()));
}

void TestChatStore::openCreatesTheFile()
{
    QVERIFY(!QFile::exists(path()));
    ChatStore store;
    QVERIFY(!store.isOpen());
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QVERIFY(store.isOpen());
    QCOMPARE(store.filePath(), path());
    QVERIFY(QFileInfo(path()).isFile());
    // A fresh store is empty.
    QCOMPARE(store.rooms(), QStringList());
    QCOMPARE(store.outboxSize(), 0);
    QCOMPARE(store.messageCount(u"lobby"_s), 0);
    store.close();
    QVERIFY(!store.isOpen());
    QVERIFY(QFile::exists(path()));
    // Used after close: calls fail, nothing crashes.
    QVERIFY(!store.addMessage(makePending(1)));
    QVERIFY(!store.errorString().isEmpty());
    QVERIFY(!store.addMessage(makeMessage(u"lobby"_s, 1)));
    QVERIFY(!store.setDelivery(u"id-lobby-1"_s, Delivery::Sent));
    QVERIFY(!store.setDeliveryOfRow(1, Delivery::Sent));
    QVERIFY(store.outbox().isEmpty());
    store.checkpoint();
    store.waitForCheckpoint();
}

void TestChatStore::clientIdIsStableAndValid()
{
    static const QRegularExpression mqtt311(u"^[0-9a-zA-Z]{1,23}$"_s);
    QString alice, bob;
    {
        ChatStore store;
        QVERIFY2(store.open(path()), qPrintable(store.errorString()));
        alice = store.clientId(u"alice@broker.example"_s);
        bob = store.clientId(u"bob@broker.example"_s);
        QVERIFY2(mqtt311.match(alice).hasMatch(), qPrintable(alice));
        QVERIFY2(mqtt311.match(bob).hasMatch(), qPrintable(bob));
        QVERIFY(alice != bob);
        QCOMPARE(store.clientId(u"alice@broker.example"_s), alice);
    }
    // Across close and reopen, in a new object as after a restart.
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QCOMPARE(store.clientId(u"alice@broker.example"_s), alice);
    QCOMPARE(store.clientId(u"bob@broker.example"_s), bob);

    // Another installation (another file) gets other ids.
    ChatStore other;
    QVERIFY2(other.open(m_dir->filePath(u"other.sqlite"_s)), qPrintable(other.errorString()));
    QVERIFY(other.clientId(u"alice@broker.example"_s) != alice);

    // Many accounts: all valid, all distinct.
    QSet<QString> seen { alice, bob };
    for (int i = 0; i < 50; ++i) {
        const QString id = store.clientId(u"account %1 — ünïcode"_s.arg(i));
        QVERIFY2(mqtt311.match(id).hasMatch(), qPrintable(id));
        QVERIFY2(!seen.contains(id), qPrintable(id));
        seen.insert(id);
    }
}

void TestChatStore::walIsCheckpointedOnlyWhenAsked()
{
    // No checkpoint runs inside a commit (SQLite's default would at 1000
    // pages): the WAL grows past that until checkpoint() is called, and is
    // reused from its start afterwards.
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    const QString wal = path() + u"-wal"_s;
    const QString text(3000, u'x');
    int n = 0;
    auto writeBatch = [&] {
        return store.transaction([&] {
            for (int i = 0; i < 50; ++i) {
                StoredMessage stored = makeMessage(u"lobby"_s, ++n);
                stored.message.text = text;
                if (!store.addMessage(stored))
                    return false;
            }
            return true;
        });
    };
    const qint64 autoCheckpointSize = 1000 * 4096;
    while (QFileInfo(wal).size() < 2 * autoCheckpointSize && n < 20'000)
        QVERIFY(writeBatch());
    QVERIFY2(QFileInfo(wal).size() >= 2 * autoCheckpointSize,
            qPrintable(u"WAL %1 bytes after %2 messages"_s.arg(QFileInfo(wal).size()).arg(n)));
    const qint64 grown = QFileInfo(wal).size();
    // Asked for, it runs on its own thread; writing goes on meanwhile.
    const int before = store.checkpointsDone();
    store.checkpoint();
    store.waitForCheckpoint();
    QCOMPARE(store.checkpointsDone(), before + 1);
    for (int i = 0; i < 10; ++i)
        QVERIFY(writeBatch());
    QCOMPARE(QFileInfo(wal).size(), grown); // written from its start again
    QCOMPARE(store.messages(u"lobby"_s, n + 10).size(), n);
}

void TestChatStore::emptyValueRemovesTheKey()
{
    QTemporaryDir dir;
    ChatStore store;
    QVERIFY(store.open(dir.filePath(u"s.sqlite"_s)));
    QVERIFY(store.setValue(u"transport.pin.mqtt"_s, u"tcp@1.0.0"_s));
    QCOMPARE(store.value(u"transport.pin.mqtt"_s), u"tcp@1.0.0"_s);
    QVERIFY(store.setValue(u"transport.pin.mqtt"_s, QString()));
    QCOMPARE(store.value(u"transport.pin.mqtt"_s, u"none"_s), u"none"_s);
    QVERIFY(store.setValue(u"absent"_s, QString())); // nothing to remove is fine
}

void TestChatStore::duplicateMessageIsInsertedOnce()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    const StoredMessage first = makeMessage(u"lobby"_s, 1);
    bool inserted = false;
    QVERIFY2(store.addMessage(first, &inserted), qPrintable(store.errorString()));
    QVERIFY(inserted);
    // The same id again (a QoS 1 redelivery), even with other content: ignored.
    StoredMessage again = first;
    again.message.text = u"changed"_s;
    inserted = true;
    QVERIFY2(store.addMessage(again, &inserted), qPrintable(store.errorString()));
    QVERIFY(!inserted);
    QCOMPARE(store.messageCount(u"lobby"_s), 1);
    QCOMPARE(texts(store.messages(u"lobby"_s, 10)), QStringList { first.message.text });
    QVERIFY(store.hasMessage(first.message.id));
    QVERIFY(!store.hasMessage(u"never"_s));
    // And a new id is inserted again, with the null pointer allowed.
    QVERIFY(store.addMessage(makeMessage(u"lobby"_s, 2)));
    QCOMPARE(store.messageCount(u"lobby"_s), 2);
}

void TestChatStore::messageFieldsRoundTrip()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    StoredMessage stored;
    stored.message = { ChatMessage::newId(), u"café"_s, u"zoë"_s, 1'700'000'000'123,
        u"Grüße 🎉\n\"quoted\" 'single' ; DROP TABLE messages; --"_s };
    stored.own = true;
    stored.delivery = Delivery::Sending;
    QVERIFY2(store.addMessage(stored), qPrintable(store.errorString()));
    const QList<StoredMessage> back = store.messages(u"café"_s, 10);
    QCOMPARE(back.size(), 1);
    QCOMPARE(back.first().message, stored.message);
    QCOMPARE(back.first().own, true);
    QCOMPARE(back.first().delivery, Delivery::Sending);
}

void TestChatStore::newestMessagesInChronologicalOrder()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    // Interleaved with another room, which must not leak in.
    for (int n = 1; n <= 10; ++n) {
        QVERIFY(store.addMessage(makeMessage(u"lobby"_s, n)));
        QVERIFY(store.addMessage(makeMessage(u"other"_s, n)));
    }
    QCOMPARE(store.messageCount(u"lobby"_s), 10);
    QCOMPARE(store.messageCount(u"nowhere"_s), 0);

    const QList<StoredMessage> newest = store.messages(u"lobby"_s, 3);
    QCOMPARE(texts(newest),
            (QStringList {
                    u"message 8 in lobby"_s, u"message 9 in lobby"_s, u"message 10 in lobby"_s }));
    for (const StoredMessage &stored : newest)
        QCOMPARE(stored.message.room, u"lobby"_s);

    // A limit above the count gives everything, oldest first.
    const QList<StoredMessage> all = store.messages(u"lobby"_s, 100);
    QCOMPARE(all.size(), 10);
    QCOMPARE(all.first().message.text, u"message 1 in lobby"_s);
    QCOMPARE(all.last().message.text, u"message 10 in lobby"_s);
    QVERIFY(store.messages(u"nowhere"_s, 10).isEmpty());
    QVERIFY(store.messages(u"lobby"_s, 0).isEmpty());

    // Order is arrival order (rowid), not the sender's clock.
    StoredMessage late = makeMessage(u"lobby"_s, 11);
    late.message.ts = 1; // a sender with a wrong clock
    QVERIFY(store.addMessage(late));
    QCOMPARE(store.messages(u"lobby"_s, 1).first().message.text, u"message 11 in lobby"_s);

    // Paging with beforeRowId is not tested: StoredMessage carries no rowid, so a
    // caller has nothing to pass (reported to the lead).
}

void TestChatStore::setDeliveryChangesState()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    const StoredMessage mine = makeMessage(u"lobby"_s, 1, true, Delivery::Sending);
    const StoredMessage theirs = makeMessage(u"lobby"_s, 2);
    QVERIFY(store.addMessage(mine));
    QVERIFY(store.addMessage(theirs));
    QCOMPARE(store.messages(u"lobby"_s, 10).first().delivery, Delivery::Sending);

    for (Delivery state : { Delivery::Sent, Delivery::Failed, Delivery::Sending, Delivery::Sent }) {
        QVERIFY2(store.setDelivery(mine.message.id, state), qPrintable(store.errorString()));
        const QList<StoredMessage> now = store.messages(u"lobby"_s, 10);
        QCOMPARE(now.size(), 2);
        QCOMPARE(now[0].delivery, state);
        QCOMPARE(now[0].own, true);
        QCOMPARE(now[1].delivery, Delivery::Received); // the other message is untouched
    }
    // It is kept across reopen.
    store.close();
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QCOMPARE(store.messages(u"lobby"_s, 10).first().delivery, Delivery::Sent);
}

void TestChatStore::outboxKeepsOrderAndFields()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QList<StoredMessage> written;
    for (int n = 0; n < 6; ++n) {
        StoredMessage pending = makePending(n);
        bool inserted = false;
        QVERIFY2(store.addMessage(pending, &inserted, &pending.rowId),
                qPrintable(store.errorString()));
        QVERIFY(inserted);
        QVERIFY(pending.rowId > 0);
        if (!written.isEmpty())
            QVERIFY(pending.rowId > written.last().rowId);
        written.append(pending);
        // Not everything own is pending: sent ones and others' are not.
        QVERIFY(store.addMessage(makeMessage(u"lobby"_s, 100 + n, true, Delivery::Sent)));
        QVERIFY(store.addMessage(makeMessage(u"lobby"_s, 200 + n)));
    }
    const QList<StoredMessage> read = store.outbox();
    QCOMPARE(read.size(), written.size());
    QCOMPARE(store.outboxSize(), int(written.size()));
    for (qsizetype i = 0; i < read.size(); ++i) {
        QCOMPARE(read[i].rowId, written[i].rowId);
        QCOMPARE(read[i].message, written[i].message);
        QCOMPARE(read[i].own, true);
        QCOMPARE(read[i].delivery, Delivery::Sending);
    }
}

namespace {
StoredMessage changeOf(const StoredMessage &target, ChatMessage change)
{
    StoredMessage stored;
    stored.message = std::move(change);
    stored.own = target.own;
    stored.delivery = target.own ? Delivery::Sent : Delivery::Received;
    return stored;
}

StoredMessage editOf(const StoredMessage &target, const QString &text, qint64 ts = 0)
{
    ChatMessage edit = ChatMessage::edit(target.message, text);
    if (ts)
        edit.ts = ts;
    return changeOf(target, edit);
}
} // namespace

void TestChatStore::editChangesTheTextAndIsNotShownItself()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    const StoredMessage first = makeMessage(u"lobby"_s, 1);
    QVERIFY(store.addMessage(first));
    QVERIFY(store.addMessage(makeMessage(u"lobby"_s, 2)));
    const StoredMessage edit = editOf(first, u"message 1, corrected"_s);
    QList<MessageChange> changes;
    bool inserted = false;
    QVERIFY2(store.addMessage(edit, &inserted, nullptr, &changes), qPrintable(store.errorString()));
    QVERIFY(inserted);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes[0].id, first.message.id);
    QCOMPARE(changes[0].room, u"lobby"_s);
    QCOMPARE(changes[0].text, u"message 1, corrected"_s);
    QCOMPARE(changes[0].editedTs, edit.message.ts);
    QVERIFY(!changes[0].deleted);

    // The room still has two messages; the first reads as edited.
    QCOMPARE(store.messageCount(u"lobby"_s), 2);
    const QList<StoredMessage> shown = store.messages(u"lobby"_s, 10);
    QCOMPARE(texts(shown), (QStringList { u"message 1, corrected"_s, u"message 2 in lobby"_s }));
    QCOMPARE(shown[0].editedTs, edit.message.ts);
    QCOMPARE(shown[1].editedTs, 0);
    QCOMPARE(store.message(first.message.id)->message.text, u"message 1, corrected"_s);
    QVERIFY(!store.message(edit.message.id)); // an edit is not a message

    // The same edit again (a redelivery) changes nothing.
    changes.clear();
    QVERIFY(store.addMessage(edit, &inserted, nullptr, &changes));
    QVERIFY(!inserted);
    QVERIFY(changes.isEmpty());
}

void TestChatStore::onlyTheSenderCanEditOrDelete()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    const StoredMessage alices = makeMessage(u"lobby"_s, 1); // from alice
    QVERIFY(store.addMessage(alices));
    // mallory names alice's message (the topic made her "mallory")...
    ChatMessage forged = ChatMessage::edit(alices.message, u"alice is wrong"_s);
    forged.from = u"mallory"_s;
    QList<MessageChange> changes;
    QVERIFY(store.addMessage(changeOf(alices, forged), nullptr, nullptr, &changes));
    ChatMessage forgedDeletion = ChatMessage::deletion(alices.message);
    forgedDeletion.from = u"mallory"_s;
    QVERIFY(store.addMessage(changeOf(alices, forgedDeletion), nullptr, nullptr, &changes));
    // ... and alice names it from another room.
    ChatMessage elsewhere = ChatMessage::edit(alices.message, u"moved"_s);
    elsewhere.room = u"other"_s;
    QVERIFY(store.addMessage(changeOf(alices, elsewhere), nullptr, nullptr, &changes));
    QVERIFY(changes.isEmpty());
    const StoredMessage shown = *store.message(alices.message.id);
    QCOMPARE(shown.message.text, alices.message.text);
    QCOMPARE(shown.editedTs, 0);
    QVERIFY(!shown.deleted);
    QCOMPARE(store.messageCount(u"other"_s), 0);
}

void TestChatStore::deletionTakesTheTextAndEarlierEdits()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    StoredMessage secret = makeMessage(u"lobby"_s, 1);
    secret.message.text = u"my password is hunter2"_s;
    QVERIFY(store.addMessage(secret));
    QVERIFY(store.addMessage(editOf(secret, u"my password is hunter3"_s)));
    QList<MessageChange> changes;
    QVERIFY(store.addMessage(
            changeOf(secret, ChatMessage::deletion(secret.message)), nullptr, nullptr, &changes));
    QCOMPARE(changes.size(), 1);
    QVERIFY(changes[0].deleted);
    QCOMPARE(changes[0].text, QString());
    const StoredMessage shown = *store.message(secret.message.id);
    QVERIFY(shown.deleted);
    QCOMPARE(shown.message.text, QString());
    QCOMPARE(store.messageCount(u"lobby"_s), 1); // shown as deleted, in its place

    // No text of it is left in any row, edits included.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"peek"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"SELECT COUNT(*) FROM messages WHERE text LIKE '%hunter%'"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }
    QSqlDatabase::removeDatabase(u"peek"_s);

    // A deleted message stays deleted: a later edit does not bring it back.
    changes.clear();
    QVERIFY(store.addMessage(editOf(secret, u"back"_s), nullptr, nullptr, &changes));
    QVERIFY(changes.isEmpty());
    QVERIFY(store.message(secret.message.id)->deleted);
}

void TestChatStore::anOlderEditDoesNotUndoANewerOne()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    const StoredMessage first = makeMessage(u"lobby"_s, 1);
    QVERIFY(store.addMessage(first));
    QVERIFY(store.addMessage(editOf(first, u"second version"_s, first.message.ts + 2000)));
    QList<MessageChange> changes;
    QVERIFY(store.addMessage(editOf(first, u"first version"_s, first.message.ts + 1000), nullptr,
            nullptr, &changes));
    QVERIFY(changes.isEmpty());
    QCOMPARE(store.message(first.message.id)->message.text, u"second version"_s);
}

void TestChatStore::changeBeforeItsMessageIsAppliedWhenItArrives()
{
    const StoredMessage late = makeMessage(u"lobby"_s, 1);
    const StoredMessage edit = editOf(late, u"edited before you saw it"_s);
    {
        ChatStore store;
        QVERIFY2(store.open(path()), qPrintable(store.errorString()));
        QList<MessageChange> changes;
        QVERIFY(store.addMessage(edit, nullptr, nullptr, &changes));
        QVERIFY(changes.isEmpty());
        QCOMPARE(store.messageCount(u"lobby"_s), 0);
    }
    // In a later run (the edit waited in the file), the message comes.
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QList<MessageChange> changes;
    bool inserted = false;
    QVERIFY(store.addMessage(late, &inserted, nullptr, &changes));
    QVERIFY(inserted);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes[0].id, late.message.id);
    QCOMPARE(changes[0].text, u"edited before you saw it"_s);
    QCOMPARE(texts(store.messages(u"lobby"_s, 10)), QStringList { u"edited before you saw it"_s });
}

void TestChatStore::replyShowsWhatItAnswers()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    StoredMessage question = makeMessage(u"lobby"_s, 1);
    question.message.text = u"lunch at noon?"_s;
    QVERIFY(store.addMessage(question, nullptr, &question.rowId));
    StoredMessage answer = makeMessage(u"lobby"_s, 2, true, Delivery::Sent);
    answer.message.text = u"yes!"_s;
    answer.message.replyTo = question.message.id;
    QVERIFY(store.addMessage(answer));
    StoredMessage toUnknown = makeMessage(u"lobby"_s, 3);
    toUnknown.message.replyTo = u"not-in-this-history"_s;
    QVERIFY(store.addMessage(toUnknown));

    QList<StoredMessage> shown = store.messages(u"lobby"_s, 10);
    QCOMPARE(shown.size(), 3);
    QCOMPARE(shown[1].message.replyTo, question.message.id);
    QCOMPARE(shown[1].quoted.from, u"alice"_s);
    QCOMPARE(shown[1].quoted.text, u"lunch at noon?"_s);
    QCOMPARE(shown[1].quoted.rowId, question.rowId);
    QCOMPARE(shown[2].message.replyTo, u"not-in-this-history"_s);
    QCOMPARE(shown[2].quoted.rowId, 0);
    QCOMPARE(shown[0].quoted.rowId, 0);

    // The quote follows what happens to the message it shows.
    QVERIFY(store.addMessage(changeOf(question, ChatMessage::deletion(question.message))));
    shown = store.messages(u"lobby"_s, 10);
    QVERIFY(shown[1].quoted.deleted);
    QCOMPARE(shown[1].quoted.text, QString());
}

void TestChatStore::outboxKeepsEditsAndReplies()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    StoredMessage reply = makePending(1);
    reply.message.replyTo = u"some-earlier-message"_s;
    QVERIFY(store.addMessage(reply));
    StoredMessage edit = editOf(reply, u"reworded"_s);
    edit.delivery = Delivery::Sending;
    QVERIFY(store.addMessage(edit));
    StoredMessage deletion = changeOf(reply, ChatMessage::deletion(reply.message));
    deletion.delivery = Delivery::Sending;
    QVERIFY(store.addMessage(deletion));
    // After a restart they go out in their order, made from the rows. A
    // message deleted before it left leaves without its text, and so does
    // its edit: the deletion took both.
    const QList<StoredMessage> pending = store.outbox();
    QCOMPARE(pending.size(), 3);
    ChatMessage replyAsSent = reply.message;
    replyAsSent.text.clear();
    QCOMPARE(pending[0].message.toJson(), replyAsSent.toJson());
    ChatMessage editAsSent = edit.message;
    editAsSent.text.clear();
    QCOMPARE(pending[1].message.toJson(), editAsSent.toJson());
    QCOMPARE(pending[2].message.toJson(), deletion.message.toJson());
}

void TestChatStore::readMarkerCountsOthersMessagesAfterIt()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QVERIFY(store.addRoom(u"lobby"_s));
    for (int n = 1; n <= 3; ++n)
        QVERIFY(store.addMessage(makeMessage(u"lobby"_s, n)));
    QVERIFY(store.addMessage(makeMessage(u"lobby"_s, 4, true, Delivery::Sent)));
    QVERIFY(store.addMessage(makeMessage(u"other"_s, 5)));
    // Nothing read yet: alice's three, not our own, not another room's.
    longlink::UnreadMessages unread = store.unread(u"lobby"_s);
    QCOMPARE(unread.count, 3);
    QCOMPARE(unread.firstId, u"id-lobby-1"_s);
    QVERIFY(unread.firstRowId > 0);

    const qint64 last = store.lastRowId(u"lobby"_s);
    QVERIFY(store.setReadMarker(u"lobby"_s, last));
    QCOMPARE(store.unread(u"lobby"_s).count, 0);
    QCOMPARE(store.unread(u"lobby"_s).firstId, QString());
    // An edit is no new message.
    QVERIFY(store.addMessage(editOf(makeMessage(u"lobby"_s, 1), u"changed"_s)));
    QCOMPARE(store.unread(u"lobby"_s).count, 0);
    QCOMPARE(store.lastRowId(u"lobby"_s), last);

    QVERIFY(store.addMessage(makeMessage(u"lobby"_s, 6)));
    QVERIFY(store.addMessage(makeMessage(u"lobby"_s, 7)));
    unread = store.unread(u"lobby"_s);
    QCOMPARE(unread.count, 2);
    QCOMPARE(unread.firstId, u"id-lobby-6"_s);
    // The marker never moves back, and it is kept in the file.
    QVERIFY(store.setReadMarker(u"lobby"_s, 1));
    store.close();
    ChatStore again;
    QVERIFY(again.open(path()));
    QCOMPARE(again.readMarker(u"lobby"_s), last);
    QCOMPARE(again.unread(u"lobby"_s).count, 2);
}

void TestChatStore::searchFindsTextIndexedOrNot_data()
{
    QTest::addColumn<bool>("indexed");
    QTest::newRow("from the index") << true;
    QTest::newRow("not indexed yet") << false;
}

void TestChatStore::searchFindsTextIndexedOrNot()
{
    QFETCH(bool, indexed);
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    const QStringList texts { u"Lunch at noon?"_s, u"新的传输插件已经上线了"_s,
        u"100% sure, with \"quotes\" and under_scores"_s, u"see you at LUNCH"_s };
    QList<qint64> rows;
    for (int n = 0; n < texts.size(); ++n) {
        StoredMessage stored = makeMessage(n % 2 ? u"lobby"_s : u"kitchen"_s, n);
        stored.message.text = texts[n];
        QVERIFY(store.addMessage(stored, nullptr, &stored.rowId));
        rows.append(stored.rowId);
    }
    for (int n = 0; n < 50; ++n)
        QVERIFY(store.addMessage(makeMessage(u"lobby"_s, 100 + n)));
    if (indexed) {
        QVERIFY(store.indexForSearch(10) > 0);
        while (store.indexForSearch(10) > 0) { }
        QCOMPARE(store.searchIndexedUpTo(), store.lastRowId(u"lobby"_s));
    }
    auto found = [&](const QString &needle, const QString &room = QString()) {
        QList<qint64> result;
        for (const longlink::SearchHit &hit : store.search(needle, room, 100))
            result.append(hit.rowId);
        return result;
    };
    // Any part of a word, any case, newest first; in one room or all.
    QCOMPARE(found(u"lunch"_s), (QList<qint64> { rows[3], rows[0] }));
    QCOMPARE(found(u"lunch"_s, u"kitchen"_s), QList<qint64> { rows[0] });
    QCOMPARE(found(u"unc"_s), (QList<qint64> { rows[3], rows[0] }));
    // Chinese has no spaces: a part of the sentence is found, short or long.
    QCOMPARE(found(u"传输插件"_s), QList<qint64> { rows[1] });
    QCOMPARE(found(u"插件"_s), QList<qint64> { rows[1] });
    // What would be syntax to FTS5 or LIKE is just text.
    QCOMPARE(found(u"100%"_s), QList<qint64> { rows[2] });
    QCOMPARE(found(u"\"quotes\""_s), QList<qint64> { rows[2] });
    QCOMPARE(found(u"r_s"_s), QList<qint64> { rows[2] });
    QCOMPARE(found(u"AND"_s), QList<qint64> { rows[2] }); // a word, not an operator
    QCOMPARE(found(u"NOT"_s), QList<qint64>());
    // The sender counts too (store.search matches "alice").
    QCOMPARE(found(u"alice"_s, u"kitchen"_s).size(), 2);
    // Pages: before a row.
    const QList<longlink::SearchHit> first = store.search(u"message"_s, u"lobby"_s, 20);
    QCOMPARE(first.size(), 20);
    const QList<longlink::SearchHit> next
            = store.search(u"message"_s, u"lobby"_s, 100, first.last().rowId);
    QCOMPARE(next.size(), 30);
    QVERIFY(next.first().rowId < first.last().rowId);
}

void TestChatStore::searchFollowsEditsAndDeletions()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    StoredMessage typo = makeMessage(u"lobby"_s, 1);
    typo.message.text = u"meet at the trian station"_s;
    QVERIFY(store.addMessage(typo));
    StoredMessage secret = makeMessage(u"lobby"_s, 2);
    secret.message.text = u"the code is swordfish"_s;
    QVERIFY(store.addMessage(secret));
    while (store.indexForSearch(100) > 0) { }
    QCOMPARE(store.search(u"trian"_s, QString(), 10).size(), 1);
    QVERIFY(store.addMessage(editOf(typo, u"meet at the train station"_s)));
    QVERIFY(store.addMessage(changeOf(secret, ChatMessage::deletion(secret.message))));
    QCOMPARE(store.search(u"trian"_s, QString(), 10).size(), 0);
    QCOMPARE(store.search(u"train"_s, QString(), 10).size(), 1);
    QCOMPARE(store.search(u"swordfish"_s, QString(), 10).size(), 0);
    // The index stays sound for FTS5 itself.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        // (Internally: it holds a part of its content table on purpose.)
        QVERIFY2(query.exec(u"INSERT INTO messages_fts (messages_fts) VALUES"
                            " ('integrity-check')"_s),
                qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(u"check"_s);
}

void TestChatStore::outboxRemoveAndSize()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QList<qint64> ids;
    for (int n = 0; n < 4; ++n) {
        qint64 row = 0;
        QVERIFY(store.addMessage(makePending(n), nullptr, &row));
        ids.append(row);
    }
    QCOMPARE(store.outboxSize(), 4);
    // Acknowledged: Sent, out of the outbox, still in the history.
    QVERIFY2(store.setDeliveryOfRow(ids[1], Delivery::Sent), qPrintable(store.errorString()));
    QCOMPARE(store.outboxSize(), 3);
    QCOMPARE(rows(store.outbox()), (QList<qint64> { ids[0], ids[2], ids[3] }));
    // Refused: Failed, out of the outbox too.
    QVERIFY(store.setDeliveryOfRow(ids[2], Delivery::Failed));
    QCOMPARE(rows(store.outbox()), (QList<qint64> { ids[0], ids[3] }));
    // Again, or a row never given: nothing changes.
    QVERIFY(store.setDeliveryOfRow(ids[1], Delivery::Sent));
    QVERIFY(store.setDeliveryOfRow(ids[3] + 1000, Delivery::Sent));
    QCOMPARE(store.outboxSize(), 2);
    for (qint64 row : { ids[0], ids[3] })
        QVERIFY(store.setDeliveryOfRow(row, Delivery::Sent));
    QCOMPARE(store.outboxSize(), 0);
    QVERIFY(store.outbox().isEmpty());
    QCOMPARE(store.messageCount(u"lobby"_s), 4);
    const QList<StoredMessage> history = store.messages(u"lobby"_s, 10);
    QCOMPARE(history[1].delivery, Delivery::Sent);
    QCOMPARE(history[2].delivery, Delivery::Failed);
}

void TestChatStore::outboxSurvivesReopen()
{
    QList<StoredMessage> written;
    {
        ChatStore store;
        QVERIFY2(store.open(path()), qPrintable(store.errorString()));
        for (int n = 0; n < 3; ++n) {
            StoredMessage pending = makePending(n);
            QVERIFY(store.addMessage(pending, nullptr, &pending.rowId));
            written.append(pending);
        }
        QVERIFY(store.setDeliveryOfRow(written.takeFirst().rowId, Delivery::Sent));
        store.close();
    }
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QCOMPARE(store.outboxSize(), 2);
    const QList<StoredMessage> read = store.outbox();
    QCOMPARE(rows(read), rows(written));
    for (qsizetype i = 0; i < read.size(); ++i)
        QCOMPARE(read[i].message, written[i].message);
    // New rows come after the old ones: the order of sending holds.
    qint64 next = 0;
    QVERIFY(store.addMessage(makePending(7), nullptr, &next));
    QVERIFY(next > written.last().rowId);
}

void TestChatStore::outboxIsCommittedImmediately()
{
    // What a crash leaves: the writer never closes. A second connection (as the
    // next process would be) already sees the entry and the message.
    ChatStore writer;
    QVERIFY2(writer.open(path()), qPrintable(writer.errorString()));
    qint64 row = 0;
    QVERIFY(writer.addMessage(makePending(1), nullptr, &row));

    ChatStore reader;
    QVERIFY2(reader.open(path()), qPrintable(reader.errorString()));
    QCOMPARE(rows(reader.outbox()), QList<qint64> { row });
    QCOMPARE(reader.messageCount(u"lobby"_s), 1);
}

void TestChatStore::transactionCommits()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    const bool ok = store.transaction(
            [&] { return store.addMessage(makePending(1)) && store.addRoom(u"lobby"_s); });
    QVERIFY2(ok, qPrintable(store.errorString()));
    QCOMPARE(store.messageCount(u"lobby"_s), 1);
    QCOMPARE(store.outboxSize(), 1);
    QCOMPARE(store.rooms(), QStringList { u"lobby"_s });
    store.close();
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QCOMPARE(store.messageCount(u"lobby"_s), 1);
    QCOMPARE(store.outboxSize(), 1);
}

void TestChatStore::transactionRollsBack()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QVERIFY(store.addMessage(makeMessage(u"lobby"_s, 1)));
    bool ran = false;
    const bool ok = store.transaction([&] {
        ran = true;
        return store.addMessage(makePending(2)) && store.addRoom(u"lobby"_s)
                && store.setDelivery(u"id-lobby-1"_s, Delivery::Failed)
                && store.setValue(u"k"_s, u"v"_s) && false;
    });
    QVERIFY(ran);
    QVERIFY(!ok);
    // Nothing of the work is left, and what was there before is untouched.
    QCOMPARE(store.messageCount(u"lobby"_s), 1);
    QCOMPARE(store.messages(u"lobby"_s, 10).first().delivery, Delivery::Received);
    QCOMPARE(store.outboxSize(), 0);
    QCOMPARE(store.rooms(), QStringList());
    QCOMPARE(store.value(u"k"_s, u"none"_s), u"none"_s);
    // The store is usable afterwards, and a later transaction commits.
    QVERIFY(store.transaction([&] { return store.addMessage(makePending(3)); }));
    QCOMPARE(store.outboxSize(), 1);
    store.close();
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QCOMPARE(store.messageCount(u"lobby"_s), 2);
    QCOMPARE(store.outboxSize(), 1);
    QCOMPARE(store.rooms(), QStringList());
}

void TestChatStore::rooms()
{
    ChatStore store;
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QCOMPARE(store.rooms(), QStringList());
    QVERIFY(store.addRoom(u"zeta"_s));
    QVERIFY(store.addRoom(u"alpha"_s));
    QVERIFY(store.addRoom(u"café"_s));
    QVERIFY(store.addRoom(u"alpha"_s)); // twice: listed once
    QCOMPARE(store.rooms(), (QStringList { u"alpha"_s, u"café"_s, u"zeta"_s }));
    QVERIFY(store.removeRoom(u"alpha"_s));
    QVERIFY(store.removeRoom(u"never-joined"_s));
    QCOMPARE(store.rooms(), (QStringList { u"café"_s, u"zeta"_s }));
    store.close();
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QCOMPARE(store.rooms(), (QStringList { u"café"_s, u"zeta"_s }));
}

void TestChatStore::badPathFails_data()
{
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<bool>("readOnlyParent");
    QTest::newRow("missing directory") << u"no/such/dir/store.sqlite"_s << false;
    QTest::newRow("parent is a file") << u"afile/store.sqlite"_s << false;
    QTest::newRow("path is a directory") << u"adir"_s << false;
    QTest::newRow("read-only directory") << u"readonly/store.sqlite"_s << true;
}

void TestChatStore::badPathFails()
{
    QFETCH(QString, relativePath);
    QFETCH(bool, readOnlyParent);
    {
        QFile file(m_dir->filePath(u"afile"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("just a file");
    }
    QVERIFY(QDir(m_dir->path()).mkdir(u"adir"_s));
    QVERIFY(QDir(m_dir->path()).mkdir(u"readonly"_s));
    const QString readOnly = m_dir->filePath(u"readonly"_s);
    if (readOnlyParent) {
        QVERIFY(QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::ExeOwner));
        // root writes anyway: find out rather than assume.
        QFile probe(readOnly + u"/probe"_s);
        if (probe.open(QIODevice::WriteOnly)) {
            probe.close();
            probe.remove();
            QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            QSKIP("running with permission to write a read-only directory (root)");
        }
    }

    const QString target = m_dir->filePath(relativePath);
    ChatStore store;
    const bool opened = store.open(target);
    QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY2(!opened, qPrintable(target));
    QVERIFY(!store.errorString().isEmpty());
    QVERIFY(!store.isOpen());
    // Using the failed store afterwards does not crash; it just fails.
    QVERIFY(!store.addMessage(makePending(1)));
    QVERIFY(!store.addMessage(makeMessage(u"lobby"_s, 1)));
    QVERIFY(store.outbox().isEmpty());
    QVERIFY(store.messages(u"lobby"_s, 10).isEmpty());
    QVERIFY(!store.transaction([] { return true; }));
    store.setValue(u"k"_s, u"v"_s);
    store.clientId(u"alice"_s);
    // And the same object still opens a good path.
    QVERIFY2(store.open(path()), qPrintable(store.errorString()));
    QVERIFY(store.isOpen());
    QVERIFY(store.addMessage(makePending(1)));
}

void TestChatStore::notSqliteFailsCleanly_data()
{
    QTest::addColumn<QByteArray>("content");
    QByteArray garbage;
    for (int i = 0; i < 4096; ++i)
        garbage.append(char((i * 7919 + 13) % 256));
    QTest::newRow("binary garbage") << garbage;
    QTest::newRow("text file") << QByteArray("this is not a database\n").repeated(200);
    // A real SQLite header followed by garbage: looks right, reads wrong.
    QTest::newRow("SQLite header, garbage body") << QByteArray("SQLite format 3\0", 16) + garbage;
}

void TestChatStore::notSqliteFailsCleanly()
{
    QFETCH(QByteArray, content);
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(content), content.size());
    }
    ChatStore store;
    const bool opened = store.open(path());
    if (opened) {
        // Allowed only if the first use then fails with a reason.
        QVERIFY2(!store.addMessage(makePending(1)), "a garbage file accepted a write");
        QVERIFY(!store.errorString().isEmpty());
    } else {
        QVERIFY(!store.errorString().isEmpty());
        QVERIFY(!store.isOpen());
    }
    // Whatever happened, further use fails without crashing.
    QVERIFY(!store.addMessage(makePending(2)));
    QVERIFY(!store.addMessage(makeMessage(u"lobby"_s, 1)));
    QVERIFY(store.outbox().isEmpty());
    QCOMPARE(store.outboxSize(), 0);
    // The user's file is not overwritten.
    store.close();
    QFile file(path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
}

QTEST_GUILESS_MAIN(TestChatStore)
#include "tst_chatstore.moc"
