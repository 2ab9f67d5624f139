// What a swap costs, for the three ways of moving a live session, measured
// in the same run: handover (the socket moves, no new connection), reconnect
// (make-before-break: the broker moves the session) and the seed article's
// break-before-make (close, then load and connect the new one).
//
// For each: the time from a plugin file being renamed into the watched
// folder to the new transport carrying the session (p50, p99; this includes
// the 250 ms settle window a file must stay unchanged), and the delivery
// latency of messages sent while swaps happen against steady state (p99 and
// max). Alice streams to bob at a fixed rate; bob's transport is swapped.
#include "benchresults.h"
#include "chatparticipant.h"
#include "cliprocess.h"
#include "hotswapcontroller.h"
#include "mosquittobroker.h"
#include "plugindrop.h"
#include "transporthost.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtTest/QSignalSpy>

#include <cstdio>

using namespace Qt::StringLiterals;
using longlink::ChatClient;
using longlink::ChatMessage;
using longlink::MqttSession;
using longlink::test::ChatParticipant;
using longlink::test::CliProcess;
using longlink::test::MosquittoBroker;
using longlink::test::PluginDrop;
using longlink::test::quantile;

namespace {

struct ModeResult
{
    QString mode;
    QList<double> fileToActiveMs;
    QList<double> interruptionMs;
    QList<double> steadyLatencyMs;
    QList<double> swapLatencyMs;
    int lost = 0;
    int duplicates = 0;
};

void spin(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

ModeResult measure(const QString &mode, const QString &fixture,
        std::optional<MqttSession::SwitchMode> forced, int swaps, int rate)
{
    ModeResult result { mode, {}, {}, {}, {}, 0, 0 };
    MosquittoBroker broker;
    broker.setExtraConfig(u"autosave_on_changes false\nautosave_interval 1800\n"_s);
    if (!broker.start()) {
        std::fprintf(stderr, "cannot start mosquitto: %s\n", qPrintable(broker.errorString()));
        return result;
    }
    QTemporaryDir data, folder;
    const QString name = u"liblonglink-tcp.so"_s;
    QFile::copy(PluginDrop::fixture(fixture), folder.filePath(name));
    ChatParticipant bob(u"bob"_s, broker.url(), data.filePath(u"bob"_s));
    bob.config().transportFolders = { folder.path() };
    bob.config().probationMs = 100;
    ChatParticipant alice(u"alice"_s, broker.url(), data.filePath(u"alice"_s));
    if (!bob.open() || !alice.open())
        return result;
    if (forced)
        bob.client->hotSwap()->setForcedMode(forced);
    if (!CliProcess::waitUntil([&] { return bob.connected() && alice.connected(); }, 10'000))
        return result;

    // Each text carries its send time on a clock both ends share.
    QElapsedTimer clock;
    clock.start();
    QHash<QString, int> seen;
    bool swapping = false;
    qint64 swapWindowEndUs = 0;
    QHash<int, bool> sentDuringSwap;
    QObject::connect(
            bob.client.get(), &ChatClient::messageReceived, [&](const ChatMessage &message) {
                const QStringList parts = message.text.split(u' ');
                const int number = parts.value(0).toInt();
                const qint64 sentUs = parts.value(1).toLongLong();
                const double latencyMs = double(clock.nsecsElapsed() / 1000 - sentUs) / 1000.0;
                if (seen[message.text]++ > 0) {
                    ++result.duplicates;
                    return;
                }
                (sentDuringSwap.value(number) ? result.swapLatencyMs : result.steadyLatencyMs)
                        .append(latencyMs);
            });
    int sentCount = 0;
    QTimer sender;
    sender.setTimerType(Qt::PreciseTimer);
    QObject::connect(&sender, &QTimer::timeout, [&] {
        const qint64 nowUs = clock.nsecsElapsed() / 1000;
        const bool during = swapping || nowUs < swapWindowEndUs;
        sentDuringSwap.insert(sentCount, during);
        alice.client->send(u"lobby"_s, u"%1 %2"_s.arg(sentCount).arg(nowUs));
        ++sentCount;
    });
    sender.start(1000 / rate);
    spin(1000); // steady state first

    const QByteArray base = PluginDrop::read(PluginDrop::fixture(fixture));
    QObject::connect(bob.client->transportHost(), &longlink::TransportHost::event,
            [&](const longlink::TransportEvent &event) {
                if (event.step == longlink::TransportEvent::Step::Opening)
                    swapping = true;
            });
    for (int i = 0; i < swaps; ++i) {
        QSignalSpy swapped(bob.client.get(), &ChatClient::transportSwapped);
        const QByteArray content = base + "bench rebuild " + QByteArray::number(i);
        // Written under a temporary name, then renamed in: the clock starts
        // at the rename.
        const QString temp = folder.filePath(u".next.tmp"_s);
        QFile file(temp);
        file.open(QIODevice::WriteOnly);
        file.write(content);
        file.close();
        QElapsedTimer fileClock;
        fileClock.start();
        ::rename(QFile::encodeName(temp).constData(),
                QFile::encodeName(folder.filePath(name)).constData());
        if (!CliProcess::waitUntil([&] { return !swapped.isEmpty(); }, 10'000)) {
            std::fprintf(stderr, "%s: swap %d did not happen\n", qPrintable(mode), i);
            break;
        }
        result.fileToActiveMs.append(double(fileClock.nsecsElapsed()) / 1e6);
        result.interruptionMs.append(double(bob.client->session()->lastInterruptionUs()) / 1000.0);
        swapping = false;
        // Messages sent just after the move still feel it (resends, the
        // broker's redelivery): count them with the swap for 50 ms.
        swapWindowEndUs = clock.nsecsElapsed() / 1000 + 50'000;
        spin(250);
    }
    spin(500);
    sender.stop();
    CliProcess::waitUntil([&] { return seen.size() >= sentCount; }, 20'000);
    result.lost = sentCount - int(seen.size());
    bob.close();
    alice.close();
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    qputenv("LONGLINK_LOG", "quiet");
    QLoggingCategory::setFilterRules(u"longlink.*=false"_s);
    QCommandLineParser parser;
    const QCommandLineOption swapsOption(u"swaps"_s, u"Swaps per mode."_s, u"N"_s, u"20"_s);
    const QCommandLineOption rateOption(
            u"rate"_s, u"Messages per second during the run."_s, u"N"_s, u"1000"_s);
    const QCommandLineOption outOption(
            u"out"_s, u"Merge results into FILE."_s, u"FILE"_s, u"bench-results.json"_s);
    parser.addOptions({ swapsOption, rateOption, outOption });
    parser.addHelpOption();
    parser.process(app);
    const int swaps = std::max(1, parser.value(swapsOption).toInt());
    const int rate = std::clamp(parser.value(rateOption).toInt(), 10, 1000);

    const QList<ModeResult> results {
        measure(u"handover"_s, u"tcpv1"_s, std::nullopt, swaps, rate),
        measure(u"reconnect"_s, u"tcpv2plain"_s, std::nullopt, swaps, rate),
        measure(u"break-before-make"_s, u"tcpv2plain"_s, MqttSession::SwitchMode::BreakBeforeMake,
                swaps, rate),
    };

    std::printf("\nHot swap, %d swaps per mode, %d msg/s from alice to bob while bob's transport "
                "moves\n\n",
            swaps, rate);
    std::printf("%-18s | %9s %9s | %9s %9s | %9s %9s | %9s %9s %9s | %5s %5s\n", "mode", "file p50",
            "file p99", "gap p50", "gap max", "steady50", "steady99", "swap p50", "swap p99",
            "swap max", "lost", "dup");
    QJsonArray json;
    for (const ModeResult &r : results) {
        const double steady50 = quantile(r.steadyLatencyMs, 0.5),
                     steady99 = quantile(r.steadyLatencyMs, 0.99);
        const double swap50 = quantile(r.swapLatencyMs, 0.5),
                     swap99 = quantile(r.swapLatencyMs, 0.99),
                     swapMax = quantile(r.swapLatencyMs, 1.0);
        // What a swap adds: the worst message near a swap beyond what the
        // steady state's p99 already shows.
        const double extra = std::max(0.0, swapMax - steady99);
        std::printf("%-18s | %7.1fms %7.1fms | %7.2fms %7.2fms | %7.2fms %7.2fms | %7.2fms %7.2fms "
                    "%7.2fms | %5d %5d\n",
                qPrintable(r.mode), quantile(r.fileToActiveMs, 0.5),
                quantile(r.fileToActiveMs, 0.99), quantile(r.interruptionMs, 0.5),
                quantile(r.interruptionMs, 1.0), steady50, steady99, swap50, swap99, swapMax,
                r.lost, r.duplicates);
        json.append(QJsonObject { { u"mode"_s, r.mode },
                { u"swaps"_s, int(r.fileToActiveMs.size()) },
                { u"fileToActiveP50Ms"_s, quantile(r.fileToActiveMs, 0.5) },
                { u"fileToActiveP99Ms"_s, quantile(r.fileToActiveMs, 0.99) },
                { u"steadyLatencyP50Ms"_s, steady50 }, { u"steadyLatencyP99Ms"_s, steady99 },
                { u"swapLatencyP50Ms"_s, swap50 }, { u"swapLatencyP99Ms"_s, swap99 },
                { u"swapLatencyMaxMs"_s, swapMax }, { u"extraDelayMs"_s, extra },
                { u"interruptionP50Ms"_s, quantile(r.interruptionMs, 0.5) },
                { u"interruptionMaxMs"_s, quantile(r.interruptionMs, 1.0) },
                { u"messagesNearSwaps"_s, int(r.swapLatencyMs.size()) }, { u"lost"_s, r.lost },
                { u"duplicates"_s, r.duplicates } });
    }
    std::printf(
            "\nfile = from the rename into the folder to the new transport carrying the session,\n"
            "including the 250 ms settle window. gap = time the session could carry no message\n"
            "(measured in the session). swap = latency of messages sent from the start of a move\n"
            "until 50 ms after it, next to the steady state's.\n");
    longlink::test::mergeBenchResults(parser.value(outOption), u"hotswap"_s, json);
    std::printf("written to %s\n", qPrintable(parser.value(outOption)));
    return 0;
}
