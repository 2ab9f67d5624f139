// Messages per second from one client to another through one mosquitto,
// ours (longlink-cli to longlink-cli) next to mosquitto_pub/mosquitto_sub on
// the same broker in the same run. Prints a table, writes JSON.
//
// Each run: start the receiver, wait until it is subscribed, then start the
// sender with all lines already on its stdin; the clock runs from the
// sender's start to the receiver having every message. Both sides include
// their connect time, the same for both.
#include "benchresults.h"
#include "cliprocess.h"
#include "mosquittobroker.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QDeadlineTimer>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using longlink::test::CliProcess;
using longlink::test::MosquittoBroker;

namespace {

struct Result
{
    QString client;
    int qos = 0;
    int count = 0;
    int delivered = 0;
    double seconds = 0;
    double rate() const { return seconds > 0 ? delivered / seconds : 0; }
};

// Counts lines that are message events without parsing JSON, so the bench
// itself costs little CPU next to what it measures.
class LineCounter
{
public:
    explicit LineCounter(QProcess &process, QByteArray needle) : m_needle(std::move(needle))
    {
        QObject::connect(&process, &QProcess::readyReadStandardOutput, &process, [this, &process] {
            m_buffer += process.readAllStandardOutput();
            qsizetype start = 0;
            for (qsizetype end; (end = m_buffer.indexOf('\n', start)) >= 0; start = end + 1) {
                if (m_needle.isEmpty()
                        || QByteArrayView(m_buffer).sliced(start, end - start).contains(m_needle))
                    ++count;
                else if (QByteArrayView(m_buffer)
                                 .sliced(start, end - start)
                                 .contains("\"connected\""))
                    connected = true;
            }
            m_buffer.remove(0, start);
        });
    }
    int count = 0;
    bool connected = false;

private:
    QByteArray m_needle;
    QByteArray m_buffer;
};

QByteArray makeLines(int count)
{
    QByteArray lines;
    lines.reserve(count * 101);
    for (int i = 0; i < count; ++i) {
        QByteArray text = "message " + QByteArray::number(i) + ' ';
        text += QByteArray(100 - text.size(), 'x'); // 100-byte texts
        lines += text + '\n';
    }
    return lines;
}

Result runMosquitto(const MosquittoBroker &broker, int qos, const QString &linesFile, int count)
{
    Result result { u"mosquitto_pub/sub"_s, qos, count };
    const QString topic = u"bench/mosquitto"_s;
    QProcess sub;
    LineCounter counter(sub, {});
    sub.start(u"mosquitto_sub"_s,
            { u"-h"_s, broker.host(), u"-p"_s, QString::number(broker.port()), u"-q"_s,
                    QString::number(qos), u"-t"_s, topic, u"-C"_s, QString::number(count) });
    sub.waitForStarted();
    const int before = broker.connectionCount();
    CliProcess::waitUntil([&] { return broker.connectionCount() > before; }, 10'000);
    QThread::msleep(200); // the subscription follows the connection
    QProcess pub;
    pub.setStandardInputFile(linesFile);
    QElapsedTimer clock;
    clock.start();
    pub.start(u"mosquitto_pub"_s,
            { u"-h"_s, broker.host(), u"-p"_s, QString::number(broker.port()), u"-q"_s,
                    QString::number(qos), u"-t"_s, topic, u"-l"_s });
    CliProcess::waitUntil([&] { return counter.count >= count; }, 120'000);
    result.seconds = clock.nsecsElapsed() / 1e9;
    result.delivered = counter.count;
    pub.waitForFinished(30'000);
    sub.kill();
    sub.waitForFinished();
    return result;
}

Result runLonglink(const MosquittoBroker &broker, int qos, const QString &linesFile, int count)
{
    Result result { u"longlink-cli"_s, qos, count };
    QTemporaryDir data;
    QProcess receiver;
    LineCounter counter(receiver, "\"event\":\"message\"");
    receiver.setProgram(CliProcess::program());
    receiver.setArguments({ u"--server"_s, broker.url().toString(), u"--user"_s, u"bob"_s,
            u"--room"_s, u"bench"_s, u"--qos"_s, QString::number(qos), u"--data-dir"_s,
            data.filePath(u"bob"_s) });
    receiver.setProcessChannelMode(QProcess::SeparateChannels);
    receiver.setStandardErrorFile(QProcess::nullDevice());
    receiver.start();
    receiver.waitForStarted();
    CliProcess::waitUntil([&] { return counter.connected; }, 10'000);
    QThread::msleep(200);
    QProcess sender;
    sender.setStandardInputFile(linesFile);
    sender.setStandardOutputFile(QProcess::nullDevice());
    sender.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer clock;
    clock.start();
    sender.start(CliProcess::program(),
            { u"--server"_s, broker.url().toString(), u"--user"_s, u"alice"_s, u"--room"_s,
                    u"bench"_s, u"--qos"_s, QString::number(qos), u"--data-dir"_s,
                    data.filePath(u"alice"_s) });
    CliProcess::waitUntil([&] { return counter.count >= count; }, 120'000);
    result.seconds = clock.nsecsElapsed() / 1e9;
    result.delivered = counter.count;
    sender.waitForFinished(30'000);
    receiver.closeWriteChannel();
    receiver.waitForFinished(10'000);
    if (receiver.state() != QProcess::NotRunning)
        receiver.kill();
    return result;
}

Result best(const QList<Result> &runs)
{
    return *std::max_element(runs.cbegin(), runs.cend(),
            [](const Result &a, const Result &b) { return a.rate() < b.rate(); });
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption countOption(u"count"_s, u"Messages per run."_s, u"N"_s, u"50000"_s);
    const QCommandLineOption repeatOption(
            u"repeat"_s, u"Runs per case; the best is kept."_s, u"N"_s, u"3"_s);
    const QCommandLineOption outOption(
            u"out"_s, u"Write results as JSON to FILE."_s, u"FILE"_s, u"bench-results.json"_s);
    parser.addOptions({ countOption, repeatOption, outOption });
    parser.addHelpOption();
    parser.process(app);
    const int count = parser.value(countOption).toInt();
    const int repeat = std::max(1, parser.value(repeatOption).toInt());

    MosquittoBroker broker;
    // Saving after every change measures the disk, not the clients.
    broker.setExtraConfig(u"autosave_on_changes false\nautosave_interval 1800\n"_s);
    if (!broker.start()) {
        std::fprintf(stderr, "cannot start mosquitto: %s\n", qPrintable(broker.errorString()));
        return 1;
    }
    QTemporaryDir dir;
    const QString linesFile = dir.filePath(u"lines.txt"_s);
    {
        QFile file(linesFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(makeLines(count)) < 0)
            return 1;
    }

    QJsonArray json;
    std::printf("\nThroughput, %d messages of 100-byte text, one sender to one receiver, best of "
                "%d\n\n",
            count, repeat);
    std::printf("%-4s %-20s %12s %10s %10s\n", "QoS", "client", "msg/s", "delivered", "ratio");
    for (int qos : { 0, 1 }) {
        QList<Result> reference, ours;
        for (int i = 0; i < repeat; ++i) {
            reference.append(runMosquitto(broker, qos, linesFile, count));
            ours.append(runLonglink(broker, qos, linesFile, count));
        }
        const Result ref = best(reference), own = best(ours);
        const double ratio = ref.rate() > 0 ? own.rate() / ref.rate() : 0;
        const Result rows[] = { ref, own };
        for (int row = 0; row < 2; ++row) {
            const Result &r = rows[row];
            const double rowRatio = row == 0 ? 1.0 : ratio;
            std::printf("%-4d %-20s %12.0f %10d %10.2f\n", r.qos, qPrintable(r.client), r.rate(),
                    r.delivered, rowRatio);
            json.append(QJsonObject { { u"benchmark"_s, u"throughput"_s }, { u"qos"_s, r.qos },
                    { u"client"_s, r.client }, { u"messages"_s, r.count },
                    { u"delivered"_s, r.delivered }, { u"seconds"_s, r.seconds },
                    { u"messagesPerSecond"_s, r.rate() }, { u"ratioToMosquitto"_s, rowRatio } });
        }
    }
    std::printf(
            "\nlonglink-cli sends each text inside its JSON envelope (id, room, from, ts), stores "
            "it\n"
            "in SQLite before sending (QoS 1) and prints one JSON line per received message.\n");
    longlink::test::mergeBenchResults(parser.value(outOption), u"throughput"_s, json);
    std::printf("\nwritten to %s\n", qPrintable(parser.value(outOption)));
    return 0;
}
