// longlink-cli as scripts use it: the command-line contract, exit codes, the
// JSON Lines it prints, and interop with mosquitto's own clients.
#include "brokerfixture.h"
#include "cliprocess.h"
#include "mosquittobroker.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QProcess>
#include <QtCore/QSet>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>

#include <QtTest/QTest>
#include <sys/resource.h>

#include <memory>

using namespace Qt::StringLiterals;
using longlink::test::CliProcess;
using longlink::test::MosquittoBroker;

namespace {
constexpr int kWaitMs = 30'000;

QStringList baseArguments(
        const MosquittoBroker &broker, const QString &user, const QString &dataDir)
{
    return { u"--server"_s, broker.url().toString(), u"--user"_s, user, u"--room"_s, u"lobby"_s,
        u"--data-dir"_s, dataDir };
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void badUsageExitsWith2_data();
    void badUsageExitsWith2();
    void unreachableServerExitsWith3();
    void versionAndHelp();
    void twoClientsExchangeAThousandMessages();
    void mosquittoPubReachesTheCli();
    void cliSendsValidJsonToMosquittoSub();
    void commandsJoinLeaveAndSwitchRooms();
    void commandsReplyEditAndDelete();
    void secondCliOnTheSameDataIsRefused();
    void terminationSignalEndsCleanly();
    void fullDiskIsToldPerMessageAndNothingIsClaimedKept();
    void inputWaitsInThePipeWhileTheServerIsAway();

private:
    longlink::test::BrokerFixture m_env;
};

void TestCli::init()
{
    QVERIFY2(m_env.start(), qPrintable(m_env.errorString()));
}

void TestCli::cleanup()
{
    m_env.stop();
}

void TestCli::badUsageExitsWith2_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("complaint");
    QTest::newRow("no user") << QStringList { u"--room"_s, u"lobby"_s } << u"--user"_s;
    QTest::newRow("bad qos") << QStringList { u"--user"_s, u"a"_s, u"--qos"_s, u"2"_s }
                             << u"--qos"_s;
    QTest::newRow("bad url") << QStringList { u"--user"_s, u"a"_s, u"--server"_s, u"nonsense"_s }
                             << u"--server"_s;
    QTest::newRow("bad room") << QStringList { u"--user"_s, u"a"_s, u"--room"_s, u"a/b"_s }
                              << u"room"_s;
    QTest::newRow("unknown option")
            << QStringList { u"--user"_s, u"a"_s, u"--frobnicate"_s } << u"frobnicate"_s;
    QTest::newRow("missing password file")
            << QStringList { u"--user"_s, u"a"_s, u"--password-file"_s, u"/nonexistent/pw"_s }
            << u"password"_s;
}

void TestCli::badUsageExitsWith2()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, complaint);
    CliProcess cli;
    QVERIFY(cli.start(arguments << u"--data-dir"_s << m_env.dataFor(u"x"_s)));
    QCOMPARE(cli.waitForExit(), 2);
    QVERIFY2(cli.standardError().contains(complaint), qPrintable(cli.standardError()));
}

void TestCli::unreachableServerExitsWith3()
{
    const quint16 closedPort = MosquittoBroker::freePort();
    CliProcess cli;
    QVERIFY(cli.start({ u"--server"_s, u"mqtt://127.0.0.1:%1"_s.arg(closedPort), u"--user"_s,
            u"a"_s, u"--connect-timeout"_s, u"2"_s, u"--data-dir"_s, m_env.dataFor(u"a"_s) }));
    QCOMPARE(cli.waitForExit(kWaitMs), 3);
    const QStringList lines = cli.standardError().split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    QVERIFY2(lines.last().contains(u"refused"_s), qPrintable(lines.last()));
    QVERIFY(cli.nonJsonLines().isEmpty()); // stdout stays JSON Lines
}

void TestCli::versionAndHelp()
{
    CliProcess version;
    QVERIFY(version.start({ u"--version"_s }));
    QCOMPARE(version.waitForExit(), 0);
    QVERIFY(version.nonJsonLines().join(u'\n').contains(u"longlink-cli"_s));
    CliProcess help;
    QVERIFY(help.start({ u"--help"_s }));
    QCOMPARE(help.waitForExit(), 0);
    for (const QString &option :
            { u"--server"_s, u"--user"_s, u"--password-file"_s, u"--room"_s, u"--transports"_s,
                    u"--data-dir"_s, u"--qos"_s, u"--prefix"_s, u"--connect-timeout"_s })
        QVERIFY2(help.nonJsonLines().join(u'\n').contains(option), qPrintable(option));
}

void TestCli::twoClientsExchangeAThousandMessages()
{
    constexpr int kCount = 1000;
    CliProcess alice, bob;
    QVERIFY(alice.start(baseArguments(m_env.broker(), u"alice"_s, m_env.dataFor(u"alice"_s))));
    QVERIFY(bob.start(baseArguments(m_env.broker(), u"bob"_s, m_env.dataFor(u"bob"_s))));
    QVERIFY(alice.waitForConnected());
    QVERIFY(bob.waitForConnected());

    QStringList fromAlice, fromBob;
    for (int i = 0; i < kCount; ++i) {
        fromAlice.append(u"alice says %1"_s.arg(i));
        fromBob.append(u"bob says %1"_s.arg(i));
    }
    alice.writeLines(fromAlice);
    bob.writeLines(fromBob);
    QVERIFY(bob.waitForEvent(
            [&](const QJsonObject &) { return bob.messageTexts(u"alice"_s).size() >= kCount; },
            kWaitMs));
    QVERIFY(alice.waitForEvent(
            [&](const QJsonObject &) { return alice.messageTexts(u"bob"_s).size() >= kCount; },
            kWaitMs));
    QVERIFY(alice.waitForEvent(
            [&](const QJsonObject &) { return alice.events(u"sent"_s).size() >= kCount; },
            kWaitMs));

    alice.closeInput();
    bob.closeInput();
    QCOMPARE(alice.waitForExit(kWaitMs), 0);
    QCOMPARE(bob.waitForExit(kWaitMs), 0);
    // Each sender's order kept, nothing lost, nothing shown twice.
    QCOMPARE(bob.messageTexts(u"alice"_s), fromAlice);
    QCOMPARE(alice.messageTexts(u"bob"_s), fromBob);
    QSet<QString> ids;
    for (const QJsonObject &event : bob.events(u"message"_s))
        ids.insert(event.value(u"id"_s).toString());
    QCOMPARE(ids.size(), kCount);
    QCOMPARE(alice.events(u"sent"_s).size(), kCount);
    // Each line was reported queued once it was on disk, once.
    QSet<QString> queued;
    for (const QJsonObject &event : alice.events(u"queued"_s))
        queued.insert(event.value(u"id"_s).toString());
    QCOMPARE(alice.events(u"queued"_s).size(), kCount);
    QCOMPARE(queued.size(), kCount);
    QCOMPARE(alice.count(u"not-stored"_s), 0);
    QVERIFY(alice.nonJsonLines().isEmpty());
}

void TestCli::fullDiskIsToldPerMessageAndNothingIsClaimedKept()
{
    // The disk fills up while alice chats: a file-size limit on her process
    // (above the plugin's private copy, below what her store's log grows
    // to) makes every write past it fail as on a full disk.
    CliProcess alice;
    alice.process().setChildProcessModifier([] {
        const rlimit limit { 3 * 1024 * 1024, 3 * 1024 * 1024 };
        ::setrlimit(RLIMIT_FSIZE, &limit);
    });
    QVERIFY(alice.start(baseArguments(m_env.broker(), u"alice"_s, m_env.dataFor(u"alice"_s))
            << u"--drain-timeout"_s << u"2"_s));
    QVERIFY(alice.waitForConnected());

    // Line by line (one write each) until the store refuses, then a few more.
    auto reported = [&alice](const QString &id) {
        int count = 0;
        for (const QString &kind : { u"queued"_s, u"not-stored"_s }) {
            for (const QJsonObject &event : alice.events(kind))
                count += event.value(u"id"_s).toString() == id ? 1 : 0;
        }
        return count;
    };
    int written = 0;
    int extra = -1;
    while (written < 3000 && extra < 5) {
        alice.writeLine(u"line %1"_s.arg(++written));
        QVERIFY(alice.waitForEvent([&](const QJsonObject &) {
            return alice.count(u"queued"_s) + alice.count(u"not-stored"_s) == written;
        }));
        if (alice.count(u"not-stored"_s) > 0)
            ++extra;
    }
    QVERIFY2(alice.count(u"not-stored"_s) >= 5, "the store never filled up");
    // Every message was reported once, either way; none claimed kept that
    // was not.
    QCOMPARE(alice.count(u"queued"_s) + alice.count(u"not-stored"_s), written);
    for (const QJsonObject &event : alice.events(u"not-stored"_s)) {
        QCOMPARE(reported(event.value(u"id"_s).toString()), 1);
        QVERIFY(!event.value(u"reason"_s).toString().isEmpty());
    }
    // The server is up: they still go out, from memory.
    QVERIFY(alice.waitForEvent(
            [&](const QJsonObject &) { return alice.count(u"sent"_s) == written; }, kWaitMs));

    // Now the server goes away too: what cannot be stored cannot be kept.
    QVERIFY(m_env.broker().stop());
    QVERIFY(alice.waitForEvent([](const QJsonObject &e) {
        return e.value(u"event"_s) == u"connection"_s && e.value(u"state"_s) != u"connected"_s;
    }));
    alice.writeLines({ u"lost one"_s, u"lost two"_s });
    QVERIFY(alice.waitForEvent([&](const QJsonObject &) {
        return alice.count(u"queued"_s) + alice.count(u"not-stored"_s) == written + 2;
    }));
    const QList<QJsonObject> notStored = alice.events(u"not-stored"_s);
    alice.closeInput();
    QCOMPARE(alice.waitForExit(kWaitMs), 5);
    const QString err = alice.standardError();
    // Each one named: the delivered ones as missing from history, the last
    // two as lost; nothing said to stay in an outbox it is not in.
    for (const QJsonObject &event : notStored) {
        const QString id = event.value(u"id"_s).toString();
        QVERIFY2(err.contains(id), qPrintable(err));
    }
    QCOMPARE(err.count(u"not delivered, lost"_s), 2);
    QCOMPARE(err.count(u"delivered, but not in the local history"_s), int(notStored.size()) - 2);
    QVERIFY2(err.contains(u"2 messages are still waiting for the server: 0 stay in the outbox"_s),
            qPrintable(err));
}

void TestCli::mosquittoPubReachesTheCli()
{
    CliProcess bob;
    QVERIFY(bob.start(baseArguments(m_env.broker(), u"bob"_s, m_env.dataFor(u"bob"_s))));
    QVERIFY(bob.waitForConnected());
    QVERIFY(bob.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"presence"_s; }));

    const QString topic = u"longlink/v1/rooms/lobby/from/carol"_s;
    auto publish = [&](const QByteArray &payload) {
        const int code = QProcess::execute(u"mosquitto_pub"_s,
                { u"-h"_s, m_env.broker().host(), u"-p"_s, QString::number(m_env.broker().port()),
                        u"-q"_s, u"1"_s, u"-t"_s, topic, u"-m"_s, QString::fromUtf8(payload) });
        QCOMPARE(code, 0);
    };
    // Broken and forged payloads are dropped; the valid one shows, once.
    publish("not json at all");
    publish(R"({"id":"x1","room":"lobby","from":"mallory","ts":1,"text":"forged"})");
    publish(R"({"id":"x2","room":"lobby","from":"carol","ts":1700000000000,"text":"hi from mosquitto_pub","extra":[1,2]})");
    publish(R"({"id":"x2","room":"lobby","from":"carol","ts":1700000000000,"text":"hi from mosquitto_pub"})");
    publish(R"({"id":"x3","room":"lobby","from":"carol","ts":1,"text":"last"})");
    QVERIFY(bob.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"id"_s) == u"x3"_s; }, kWaitMs));
    const QList<QJsonObject> messages = bob.events(u"message"_s);
    QCOMPARE(messages.size(), 2);
    const QJsonObject first = messages.first();
    QCOMPARE(first.value(u"room"_s).toString(), u"lobby"_s);
    QCOMPARE(first.value(u"from"_s).toString(), u"carol"_s);
    QCOMPARE(first.value(u"id"_s).toString(), u"x2"_s);
    QCOMPARE(first.value(u"ts"_s).toInteger(), 1700000000000);
    QCOMPARE(first.value(u"text"_s).toString(), u"hi from mosquitto_pub"_s);
    bob.closeInput();
    QCOMPARE(bob.waitForExit(kWaitMs), 0);
}

void TestCli::cliSendsValidJsonToMosquittoSub()
{
    // A durable subscription first (-c with a fixed id, -E exits once
    // subscribed), so the message waits for the reader: no race.
    const QStringList common { u"-h"_s, m_env.broker().host(), u"-p"_s,
        QString::number(m_env.broker().port()), u"-c"_s, u"-i"_s, u"probe"_s, u"-q"_s, u"1"_s,
        u"-t"_s, u"longlink/v1/rooms/+/from/+"_s };
    QCOMPARE(QProcess::execute(u"mosquitto_sub"_s, common + QStringList { u"-E"_s }), 0);
    CliProcess alice;
    QVERIFY(alice.start(baseArguments(m_env.broker(), u"alice"_s, m_env.dataFor(u"alice"_s))));
    QVERIFY(alice.waitForConnected());
    alice.writeLine(u"héllo, 世界 \"quoted\""_s);
    QVERIFY(alice.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"sent"_s; }, kWaitMs));
    QProcess sub;
    sub.start(u"mosquitto_sub"_s,
            common + QStringList { u"-v"_s, u"-C"_s, u"1"_s, u"-W"_s, u"30"_s });
    QVERIFY(sub.waitForFinished(kWaitMs));
    const QByteArray line = sub.readAllStandardOutput().trimmed();
    if (line.isEmpty())
        qWarning().noquote() << m_env.broker().log() << sub.readAllStandardError();
    const qsizetype space = line.indexOf(' ');
    QCOMPARE(line.left(space), QByteArray("longlink/v1/rooms/lobby/from/alice"));
    QJsonParseError error;
    const QJsonObject payload = QJsonDocument::fromJson(line.mid(space + 1), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(payload.value(u"text"_s).toString(), u"héllo, 世界 \"quoted\""_s);
    QCOMPARE(payload.value(u"from"_s).toString(), u"alice"_s);
    QCOMPARE(payload.value(u"room"_s).toString(), u"lobby"_s);
    QVERIFY(!payload.value(u"id"_s).toString().isEmpty());
    QVERIFY(payload.value(u"ts"_s).toDouble() > 1.7e12);
    alice.closeInput();
    QCOMPARE(alice.waitForExit(kWaitMs), 0);
    // The "sent" event names the id that went out.
    QCOMPARE(alice.events(u"sent"_s).size(), 1);
    QCOMPARE(alice.events(u"sent"_s).first().value(u"id"_s), payload.value(u"id"_s));
}

void TestCli::commandsReplyEditAndDelete()
{
    CliProcess alice, bob;
    QVERIFY(alice.start(baseArguments(m_env.broker(), u"alice"_s, m_env.dataFor(u"alice"_s))));
    QVERIFY(bob.start(baseArguments(m_env.broker(), u"bob"_s, m_env.dataFor(u"bob"_s))));
    QVERIFY(alice.waitForConnected());
    QVERIFY(bob.waitForConnected());
    alice.writeLine(u"lunch at 12?"_s);
    QVERIFY(alice.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"queued"_s; }));
    const QString question = alice.events(u"queued"_s).first().value(u"id"_s).toString();
    QVERIFY(bob.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"message"_s; }, kWaitMs));

    // bob answers; he cannot change alice's message.
    bob.writeLine(u"/reply %1 yes, at the usual place"_s.arg(question));
    bob.writeLine(u"/edit %1 lunch cancelled"_s.arg(question));
    QVERIFY(CliProcess::waitUntil(
            [&] { return bob.standardError().contains(u"only your own messages"_s); }));
    QVERIFY(alice.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"message"_s; }, kWaitMs));
    QCOMPARE(alice.events(u"message"_s).first().value(u"replyTo"_s).toString(), question);

    // alice edits, then deletes: bob is told each, about her message.
    alice.writeLine(u"/edit %1 lunch at 1?"_s.arg(question));
    QVERIFY(bob.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"edited"_s; }, kWaitMs));
    const QJsonObject edited = bob.events(u"edited"_s).first();
    QCOMPARE(edited.value(u"id"_s).toString(), question);
    QCOMPARE(edited.value(u"text"_s).toString(), u"lunch at 1?"_s);
    QCOMPARE(edited.value(u"room"_s).toString(), u"lobby"_s);
    alice.writeLine(u"/delete %1"_s.arg(question));
    QVERIFY(bob.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"event"_s) == u"deleted"_s; }, kWaitMs));
    QCOMPARE(bob.events(u"deleted"_s).first().value(u"id"_s).toString(), question);
    QCOMPARE(bob.events(u"message"_s).size(), 1); // edits are not messages
    alice.closeInput();
    bob.closeInput();
    QCOMPARE(alice.waitForExit(kWaitMs), 0);
    QCOMPARE(bob.waitForExit(kWaitMs), 0);
}

void TestCli::commandsJoinLeaveAndSwitchRooms()
{
    CliProcess alice, bob;
    QVERIFY(alice.start(baseArguments(m_env.broker(), u"alice"_s, m_env.dataFor(u"alice"_s))));
    QVERIFY(bob.start({ u"--server"_s, m_env.broker().url().toString(), u"--user"_s, u"bob"_s,
            u"--room"_s, u"kitchen"_s, u"--data-dir"_s, m_env.dataFor(u"bob"_s) }));
    QVERIFY(alice.waitForConnected());
    QVERIFY(bob.waitForConnected());
    alice.writeLines({ u"/join kitchen"_s, u"in the kitchen"_s, u"/room lobby"_s, u"in the lobby"_s,
            u"/frobnicate"_s, u"/leave kitchen"_s });
    QVERIFY(bob.waitForEvent(
            [](const QJsonObject &e) { return e.value(u"text"_s) == u"in the kitchen"_s; },
            kWaitMs));
    QVERIFY(alice.waitForEvent(
            [&](const QJsonObject &) { return alice.events(u"sent"_s).size() >= 2; }, kWaitMs));
    QCOMPARE(bob.messageTexts(u"alice"_s), QStringList { u"in the kitchen"_s }); // not in the lobby
    QTRY_VERIFY_WITH_TIMEOUT(alice.standardError().contains(u"unknown command"_s), kWaitMs);
    alice.writeLine(u"/quit"_s);
    QCOMPARE(alice.waitForExit(kWaitMs), 0);
    bob.closeInput();
    QCOMPARE(bob.waitForExit(kWaitMs), 0);
}

void TestCli::secondCliOnTheSameDataIsRefused()
{
    CliProcess first, second;
    QVERIFY(first.start(baseArguments(m_env.broker(), u"alice"_s, m_env.dataFor(u"alice"_s))));
    QVERIFY(first.waitForConnected());
    QVERIFY(second.start(baseArguments(m_env.broker(), u"alice"_s, m_env.dataFor(u"alice"_s))));
    QCOMPARE(second.waitForExit(), 1);
    QVERIFY2(second.standardError().contains(u"already using"_s),
            qPrintable(second.standardError()));
    first.closeInput();
    QCOMPARE(first.waitForExit(kWaitMs), 0);
}

void TestCli::terminationSignalEndsCleanly()
{
    CliProcess alice;
    QVERIFY(alice.start(baseArguments(m_env.broker(), u"alice"_s, m_env.dataFor(u"alice"_s))));
    QVERIFY(alice.waitForConnected());
    alice.process().terminate(); // SIGTERM, as a service manager or Ctrl+C (SIGINT) would
    QCOMPARE(alice.waitForExit(kWaitMs), 128 + 15);
    // It left through its normal shutdown: the data folder is free again.
    CliProcess again;
    QVERIFY(again.start(baseArguments(m_env.broker(), u"alice"_s, m_env.dataFor(u"alice"_s))));
    QVERIFY(again.waitForConnected());
    again.closeInput();
    QCOMPARE(again.waitForExit(kWaitMs), 0);
}

void TestCli::inputWaitsInThePipeWhileTheServerIsAway()
{
    // Lines piped in faster than the server takes them (here: no server at
    // all) wait in the pipe, not in the client's memory; nothing is lost.
    CliProcess alice;
    QVERIFY(alice.start(baseArguments(m_env.broker(), u"alice"_s, m_env.dataFor(u"alice"_s))));
    QVERIFY(alice.waitForConnected(kWaitMs));
    QVERIFY(m_env.broker().stop());
    QVERIFY(alice.waitForEvent([](const QJsonObject &e) {
        return e.value(u"event"_s) == u"connection"_s && e.value(u"state"_s) != u"connected"_s;
    }));
    const int total = 12'000;
    QStringList lines;
    for (int i = 0; i < total; ++i) // 100 characters: 655 to one 64 KiB read
        lines.append(u"piped %1 "_s.arg(i, 5, 10, QLatin1Char('0')).leftJustified(100, u'x'));
    alice.writeLines(lines);
    // It takes what fits under its limit (5,000 waiting, plus the rest of
    // the read it was in), then stops reading.
    QVERIFY(alice.waitForEvent(
            [&](const QJsonObject &) { return alice.count(u"queued"_s) >= 5000; }, kWaitMs));
    QTest::qWait(1000);
    const int taken = alice.count(u"queued"_s);
    QVERIFY2(taken < 5000 + 700, qPrintable(QString::number(taken)));
    QCOMPARE(alice.count(u"queued"_s), taken);

    // The server is back: everything goes, in order.
    QVERIFY(m_env.broker().start());
    QVERIFY(alice.waitForEvent(
            [&](const QJsonObject &) { return alice.count(u"sent"_s) == total; }, 120'000));
    alice.closeInput();
    QCOMPARE(alice.waitForExit(kWaitMs), 0);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
