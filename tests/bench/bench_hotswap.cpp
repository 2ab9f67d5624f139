// What a swap costs, for the three ways of moving a live session, measured
// in the same run: handover (the socket moves, no new connection), reconnect
// (make-before-break: the broker moves the session) and the seed article's
// break-before-make (close, then load and connect the new one).
//
// For each: the time from a whole plugin file arriving in the watched folder
// (written elsewhere, then renamed into place, as an atomic save does) to the
// new transport carrying the session (p50, p99), and the delivery latency of
// messages sent while swaps happen against steady state (p99 and max).
// Alice streams to bob at a fixed rate; bob's transport is swapped.
//
// One more row, for reconnect: the file written in place in chunks by a
// writer that keeps it open, like a download. Nothing tells that it is
// whole, so it must hold still for the 250 ms settle window first (timed
// from its last byte). Its pauses are shorter than that: a partial file is
// taken up (and refused, column rej) only if the machine stalls longer.
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

// How a new plugin file comes into the folder.
enum class Arrival {
    Renamed, // written under a temporary name, closed, renamed over the old one
    GrowingLeftOpen, // written in place in chunks; the writer keeps it open
};

struct ModeResult
{
    QString mode;
    Arrival arrival = Arrival::Renamed;
    QList<double> fileToActiveMs;
    QList<double> interruptionMs;
    QList<double> steadyLatencyMs;
    QList<double> swapLatencyMs;
    int lost = 0;
    int duplicates = 0;
    int rejected = 0; // files refused, e.g. taken up half-written
};

void spin(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

QString arrivalName(Arrival arrival)
{
    return arrival == Arrival::Renamed ? u"renamed"_s : u"growing, left open"_s;
}

ModeResult measure(const QString &mode, const QString &fixture,
        std::optional<MqttSession::SwitchMode> forced, Arrival arrival, int swaps, int rate)
{
    ModeResult result { mode, arrival, {}, {}, {}, {}, 0, 0, 0 };
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
    if (!bob.open() || !alice.open()) {
        std::fprintf(stderr, "%s: cannot open the clients\n", qPrintable(mode));
        return result;
    }
    if (forced)
        bob.client->hotSwap()->setForcedMode(forced);
    if (!CliProcess::waitUntil([&] { return bob.connected() && alice.connected(); }, 10'000)) {
        std::fprintf(stderr, "%s: the clients did not connect\n", qPrintable(mode));
        return result;
    }

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
                if (event.step == longlink::TransportEvent::Step::Rejected) {
                    ++result.rejected;
                    std::fprintf(stderr, "%s: a file was refused: %s\n", qPrintable(mode),
                            qPrintable(event.reason));
                }
            });
    for (int i = 0; i < swaps; ++i) {
        QSignalSpy swapped(bob.client.get(), &ChatClient::transportSwapped);
        const QByteArray content = base + "bench rebuild " + QByteArray::number(i);
        QElapsedTimer fileClock;
        QFile file;
        if (arrival == Arrival::Renamed) {
            // Written under a temporary name, then renamed in: the clock
            // starts at the rename.
            const QString temp = folder.filePath(u".next.tmp"_s);
            file.setFileName(temp);
            file.open(QIODevice::WriteOnly);
            file.write(content);
            file.close();
            fileClock.start();
            ::rename(QFile::encodeName(temp).constData(),
                    QFile::encodeName(folder.filePath(name)).constData());
        } else {
            // Written in place in four chunks, 50 ms apart, and left open
            // until the swap: the clock starts at the last byte.
            file.setFileName(folder.filePath(name));
            file.open(QIODevice::WriteOnly | QIODevice::Truncate);
            const qsizetype chunk = content.size() / 4 + 1;
            for (qsizetype offset = 0; offset < content.size(); offset += chunk) {
                if (offset > 0)
                    spin(50);
                file.write(content.mid(offset, chunk));
                file.flush();
            }
            fileClock.start();
            if (!swapped.isEmpty())
                std::fprintf(stderr, "%s: swap %d began on a partial file\n", qPrintable(mode), i);
        }
        if (!CliProcess::waitUntil([&] { return !swapped.isEmpty(); }, 10'000)) {
            std::fprintf(stderr, "%s: swap %d did not happen\n", qPrintable(mode), i);
            break;
        }
        result.fileToActiveMs.append(double(fileClock.nsecsElapsed()) / 1e6);
        file.close();
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
    const QCommandLineOption checkOption(u"check"_s,
            u"Check each new plugin file in longlink-transport-check first, as the app does "
            "(its run is then part of each file-to-active time)."_s);
    parser.addOptions({ swapsOption, rateOption, outOption, checkOption });
    parser.addHelpOption();
    parser.process(app);
    const int swaps = std::max(1, parser.value(swapsOption).toInt());
    const int rate = std::clamp(parser.value(rateOption).toInt(), 10, 1000);
    // Without --check the figures are the watcher's, the host's and the
    // session's alone. (The host's default checker, next to this program,
    // does not exist: every plugin would be refused.)
    const bool check = parser.isSet(checkOption);
    qputenv("LONGLINK_TRANSPORT_CHECK", check ? QByteArray(LONGLINK_CHECK_PATH) : "off");

    const QList<ModeResult> results {
        measure(u"handover"_s, u"tcpv1"_s, std::nullopt, Arrival::Renamed, swaps, rate),
        measure(u"reconnect"_s, u"tcpv2plain"_s, std::nullopt, Arrival::Renamed, swaps, rate),
        measure(u"break-before-make"_s, u"tcpv2plain"_s, MqttSession::SwitchMode::BreakBeforeMake,
                Arrival::Renamed, swaps, rate),
        measure(u"reconnect"_s, u"tcpv2plain"_s, std::nullopt, Arrival::GrowingLeftOpen, swaps,
                rate),
    };

    std::printf("\nHot swap, %d swaps per mode, %d msg/s from alice to bob while bob's transport "
                "moves; new files checked in a separate process: %s\n\n",
            swaps, rate, check ? "yes" : "no (--check)");
    std::printf("%-18s %-18s | %9s %9s | %9s %9s | %9s %9s | %9s %9s %9s | %5s %5s %5s\n", "mode",
            "file", "file p50", "file p99", "gap p50", "gap max", "steady50", "steady99",
            "swap p50", "swap p99", "swap max", "lost", "dup", "rej");
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
        std::printf("%-18s %-18s | %7.1fms %7.1fms | %7.2fms %7.2fms | %7.2fms %7.2fms | %7.2fms "
                    "%7.2fms %7.2fms | %5d %5d %5d\n",
                qPrintable(r.mode), qPrintable(arrivalName(r.arrival)),
                quantile(r.fileToActiveMs, 0.5), quantile(r.fileToActiveMs, 0.99),
                quantile(r.interruptionMs, 0.5), quantile(r.interruptionMs, 1.0), steady50,
                steady99, swap50, swap99, swapMax, r.lost, r.duplicates, r.rejected);
        json.append(QJsonObject { { u"mode"_s, r.mode }, { u"file"_s, arrivalName(r.arrival) },
                { u"swaps"_s, int(r.fileToActiveMs.size()) },
                { u"fileToActiveP50Ms"_s, quantile(r.fileToActiveMs, 0.5) },
                { u"fileToActiveP99Ms"_s, quantile(r.fileToActiveMs, 0.99) },
                { u"steadyLatencyP50Ms"_s, steady50 }, { u"steadyLatencyP99Ms"_s, steady99 },
                { u"swapLatencyP50Ms"_s, swap50 }, { u"swapLatencyP99Ms"_s, swap99 },
                { u"swapLatencyMaxMs"_s, swapMax }, { u"extraDelayMs"_s, extra },
                { u"interruptionP50Ms"_s, quantile(r.interruptionMs, 0.5) },
                { u"interruptionMaxMs"_s, quantile(r.interruptionMs, 1.0) },
                { u"messagesNearSwaps"_s, int(r.swapLatencyMs.size()) }, { u"lost"_s, r.lost },
                { u"duplicates"_s, r.duplicates }, { u"rejected"_s, r.rejected },
                { u"checked"_s, check } });
    }
    std::printf(
            "\nfile = from the whole file being in the folder (renamed: the rename; growing, left\n"
            "open: its last byte) to the new transport carrying the session. A renamed file is\n"
            "known whole at once where the system says so (inotify); one left open must first\n"
            "hold still for the 250 ms settle window. gap = time the session could carry no\n"
            "message (measured in the session). swap = latency of messages sent from the start\n"
            "of a move until 50 ms after it, next to the steady state's. rej = files refused\n"
            "(a half-written file taken up would show here).\n");
    longlink::test::mergeBenchResults(parser.value(outOption), u"hotswap"_s, json);
    std::printf("written to %s\n", qPrintable(parser.value(outOption)));
    return 0;
}
