// Issue 3's acceptance test, two real processes: one client streams 5,000
// QoS 1 messages at about 1,000 per second while the receiver's transport is
// swapped 50 times, using every drop style in turn, and the sender's is
// swapped too. Every message arrives exactly once, in order, and neither
// process restarts.
#include "brokerfixture.h"
#include "cliprocess.h"
#include "mosquittobroker.h"
#include "plugindrop.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonObject>
#include <QtCore/QSet>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using longlink::test::CliProcess;
using longlink::test::MosquittoBroker;
using longlink::test::PluginDrop;
using Style = longlink::test::PluginDrop::Style;

namespace {
constexpr int kMessages = 5000;
constexpr int kReceiverSwaps = 50;
constexpr int kSenderSwaps = 10;
const QString kPluginName = u"liblonglink-tcp.so"_s;

int swapsOf(const CliProcess &cli)
{
    return cli.count(u"swap"_s);
}
} // namespace

class TestAcceptance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY2(m_env.start(), qPrintable(m_env.errorString())); }
    void cleanup() { m_env.stop(); }
    void streamWhileSwapping();

private:
    longlink::test::BrokerFixture m_env;
};

void TestAcceptance::streamWhileSwapping()
{
    const MosquittoBroker &broker = m_env.broker();
    QTemporaryDir senderFolder, receiverFolder;
    const QByteArray handover = PluginDrop::read(PluginDrop::fixture(u"tcpv2"_s));
    const QByteArray plain = PluginDrop::read(PluginDrop::fixture(u"tcpv2plain"_s));
    QVERIFY(!handover.isEmpty() && !plain.isEmpty());
    for (const QTemporaryDir *folder : { &senderFolder, &receiverFolder })
        QVERIFY(QFile::copy(PluginDrop::fixture(u"tcpv1"_s), folder->filePath(kPluginName)));

    auto arguments = [&](const QString &user, const QTemporaryDir &folder) {
        return QStringList { u"--server"_s, broker.url().toString(), u"--user"_s, user, u"--room"_s,
            u"stream"_s, u"--data-dir"_s, m_env.dataFor(user), u"--transports"_s, folder.path(),
            u"--settle-ms"_s, u"50"_s, u"--probation-ms"_s, u"300"_s, u"--connect-timeout"_s,
            u"5"_s };
    };
    CliProcess sender, receiver;
    QVERIFY(receiver.start(arguments(u"receiver"_s, receiverFolder)));
    QVERIFY(sender.start(arguments(u"sender"_s, senderFolder)));
    QVERIFY(receiver.waitForConnected());
    QVERIFY(sender.waitForConnected());
    const qint64 senderPid = sender.process().processId();
    const qint64 receiverPid = receiver.process().processId();

    // About 1,000 messages a second, in steps of 10 every 10 ms. The swaps
    // are spread through the stream: the feeder never runs more than 100
    // messages ahead of the receiver's swap count.
    int written = 0;
    QTimer feeder;
    connect(&feeder, &QTimer::timeout, this, [&] {
        const int allowed = swapsOf(receiver) >= kReceiverSwaps
                ? kMessages
                : std::min(kMessages, (swapsOf(receiver) + 1) * (kMessages / kReceiverSwaps));
        QStringList lines;
        for (int i = 0; i < 10 && written < allowed; ++i)
            lines.append(u"message %1"_s.arg(written++, 5, 10, QLatin1Char('0')));
        sender.writeLines(lines);
        if (written >= kMessages)
            feeder.stop();
    });
    QElapsedTimer streamClock;
    streamClock.start();
    feeder.start(10);

    // Swaps: the receiver's 50 times cycling through every drop style and
    // both ways of moving (handover between plugins that share a format,
    // reconnect when they do not); the sender's now and then.
    const QList<Style> styles = PluginDrop::allStyles();
    int senderSwaps = 0;
    for (int i = 0; i < kReceiverSwaps; ++i) {
        QVERIFY(CliProcess::waitUntil(
                [&] { return written >= (i + 1) * (kMessages / kReceiverSwaps) - 50; }, 20'000));
        const Style style = styles[i % styles.size()];
        const QByteArray &base = (i % 3 == 2) ? plain : handover;
        const QByteArray content = base + "receiver rebuild " + QByteArray::number(i);
        QVERIFY(!PluginDrop::drop(style, content, receiverFolder.path(), kPluginName).isEmpty());
        QVERIFY2(CliProcess::waitUntil([&] { return swapsOf(receiver) > i; }, 20'000),
                qPrintable(
                        u"swap %1 (%2) did not happen"_s.arg(i).arg(PluginDrop::styleName(style))));
        if (i % 5 == 4 && senderSwaps < kSenderSwaps) {
            const QByteArray senderContent
                    = handover + "sender rebuild " + QByteArray::number(senderSwaps);
            QVERIFY(!PluginDrop::drop(
                    Style::RenameOver, senderContent, senderFolder.path(), kPluginName)
                             .isEmpty());
            ++senderSwaps;
            QVERIFY(CliProcess::waitUntil([&] { return swapsOf(sender) >= senderSwaps; }, 20'000));
        }
    }
    QVERIFY(CliProcess::waitUntil(
            [&] { return receiver.count(u"message"_s) >= kMessages; }, 60'000));
    QCOMPARE(swapsOf(receiver), kReceiverSwaps);
    qInfo() << kMessages << "messages," << kReceiverSwaps << "receiver swaps," << kSenderSwaps
            << "sender swaps in" << streamClock.elapsed() << "ms";
    QCOMPARE(swapsOf(sender), kSenderSwaps);

    // Exactly once, in order.
    QStringList texts;
    QSet<QString> ids;
    for (const QJsonObject &event : receiver.events(u"message"_s)) {
        texts.append(event.value(u"text"_s).toString());
        ids.insert(event.value(u"id"_s).toString());
    }
    QStringList expected;
    for (int i = 0; i < kMessages; ++i)
        expected.append(u"message %1"_s.arg(i, 5, 10, QLatin1Char('0')));
    QCOMPARE(texts.size(), kMessages);
    QCOMPARE(ids.size(), kMessages);
    QCOMPARE(texts, expected);

    // Neither restarted: the same two processes end cleanly.
    QCOMPARE(sender.process().processId(), senderPid);
    QCOMPARE(receiver.process().processId(), receiverPid);
    sender.closeInput();
    receiver.closeInput();
    QCOMPARE(sender.waitForExit(30'000), 0);
    QCOMPARE(receiver.waitForExit(30'000), 0);
    QCOMPARE(int(sender.events(u"sent"_s).size()), kMessages);
    int rolledBack = 0;
    for (const CliProcess *cli : { &sender, &receiver }) {
        for (const QJsonObject &event : cli->events(u"transport"_s))
            rolledBack += event.value(u"state"_s) == u"rolled-back"_s ? 1 : 0;
    }
    QCOMPARE(rolledBack, 0);
}

QTEST_GUILESS_MAIN(TestAcceptance)
#include "tst_acceptance.moc"
