// longlink-cli next to reference clients on one loopback mosquitto, measured
// in the same run (issue 11, items 2 and 3). Prints tables, writes JSON
// (key "throughput"); asserts nothing.
//
//  1. Throughput: N messages (50,000) of 100-byte text, one sender process
//     to one receiver process, QoS 0 and 1, best of R (3). The clock runs
//     from the sender's start (every line already on its stdin) to the
//     receiver having printed every message: connect times included for all.
//     Clients, each over MQTT 3.1.1 and 5.0 where it speaks both:
//       - longlink-cli (5.0 only once it has --mqtt-version);
//       - mosquitto_pub -l / mosquitto_sub (libmosquitto, keeps nothing);
//       - MQTT.js (node, tests/bench/mqttjs_client.js), publishing every line
//         as it is read, at whatever pace its own flow control keeps;
//       - Eclipse Paho C with file persistence (bench_paho, 3.1.1 only): the
//         durable reference, every QoS 1 message in a file until acknowledged.
//     Ratios are to mosquitto_pub/sub and to MQTT.js over the same MQTT
//     version. Every client is started through bench_rusage, which reports
//     the CPU time of the sender and the receiver process once they end.
//  2. Latency: a steady rate (500 msg/s) for S seconds (10) at QoS 1. Lines
//     are written to the sender's stdin on a precise timer, each write time
//     kept by its number; the receiver's stdout is timestamped as it arrives,
//     on the same clock. Pipes and this program's event loop are in every
//     row alike.
//
// mosquitto_pub gets longlink's in-flight window (-M 500; its default is 20),
// and so does Paho (maxInflightMessages).
#include "benchresults.h"
#include "cliprocess.h"
#include "mosquittobroker.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>

using namespace Qt::StringLiterals;
using longlink::test::CliProcess;
using longlink::test::MosquittoBroker;
using longlink::test::quantile;

namespace {

QElapsedTimer g_clock; // the one clock of every timestamp below

qint64 nowUs()
{
    return g_clock.nsecsElapsed() / 1000;
}

void spin(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

constexpr int kInflightWindow = 500;

// "SEQ " padded with x to 100 bytes.
QByteArray makeText(int seq)
{
    QByteArray text = QByteArray::number(seq) + ' ';
    text += QByteArray(100 - text.size(), 'x');
    return text;
}

// ---------------------------------------------------------------------------
// The clients

enum class Client { Longlink, Mosquitto, MqttJs, Paho };

QString clientName(Client client)
{
    switch (client) {
    case Client::Longlink:
        return u"longlink-cli"_s;
    case Client::Mosquitto:
        return u"mosquitto_pub/sub"_s;
    case Client::MqttJs:
        return u"MQTT.js (node)"_s;
    case Client::Paho:
        return u"Paho C, file persist."_s;
    }
    return {};
}

// One row: a client over one MQTT version ("3.1.1" or "5.0").
struct Variant
{
    Client client;
    QString version;
    // A second subscriber on the topic: the broker then sends every message
    // twice, as it does to a 3.1.1 chat client, which gets its own back.
    bool echoSubscriber = false;
    QString name() const
    {
        return clientName(client) + (echoSubscriber ? u" +echo sub"_s : QString());
    }
};

// What this machine has, and where each run keeps its files.
struct Setup
{
    MosquittoBroker *broker = nullptr;
    QString dataRoot;
    bool longlinkVersionFlag = false; // longlink-cli --mqtt-version exists
    QString mqttJsMissing; // why MQTT.js cannot run; empty: it can
    QString pahoMissing; // the same for bench_paho
    int runNumber = 0; // gives every run its own topic, room and folders
};

QString missing(const Setup &setup, Client client)
{
    if (client == Client::MqttJs)
        return setup.mqttJsMissing;
    if (client == Client::Paho)
        return setup.pahoMissing;
    return {};
}

// Debian's node-mqtt lives in /usr/share/nodejs, which a node not built by
// Debian does not search by itself.
QProcessEnvironment nodeEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QStringList paths = environment.value(u"NODE_PATH"_s).split(u':', Qt::SkipEmptyParts);
    paths << u"/usr/share/nodejs"_s << u"/usr/lib/nodejs"_s;
    environment.insert(u"NODE_PATH"_s, paths.join(u':'));
    return environment;
}

QString probeMqttJs()
{
    if (!QFileInfo::exists(QStringLiteral(LONGLINK_BENCH_MQTTJS)))
        return u"tests/bench/mqttjs_client.js not found"_s;
    QProcess probe;
    probe.setProcessEnvironment(nodeEnvironment());
    probe.start(u"node"_s, { u"-e"_s, u"require('mqtt');"_s });
    if (!probe.waitForStarted(10'000))
        return u"node is not installed"_s;
    if (!probe.waitForFinished(20'000) || probe.exitStatus() != QProcess::NormalExit
            || probe.exitCode() != 0) {
        probe.kill();
        probe.waitForFinished();
        return u"node cannot load MQTT.js (package node-mqtt)"_s;
    }
    return {};
}

// The option is new; until longlink-cli has it, it speaks its default only.
bool longlinkHasVersionFlag()
{
    QProcess help;
    help.start(CliProcess::program(), { u"--help"_s });
    if (!help.waitForFinished(10'000)) {
        help.kill();
        help.waitForFinished();
        return false;
    }
    return help.readAllStandardOutput().contains("--mqtt-version");
}

struct Command
{
    QString program;
    QStringList arguments;
};

enum class Side { Sender, Receiver };

// `count` is for receivers that can stop by themselves after so many
// messages (0: run until stopped).
Command command(
        const Setup &setup, const Variant &v, Side side, int qos, const QString &room, int count)
{
    const MosquittoBroker &broker = *setup.broker;
    const QString topic = u"bench/"_s + room;
    const QString folder = setup.dataRoot + u"/run%1"_s.arg(setup.runNumber);
    const bool sender = side == Side::Sender;
    const bool v5 = v.version == u"5.0";
    switch (v.client) {
    case Client::Longlink: {
        QStringList arguments { u"--server"_s, broker.url().toString(), u"--user"_s,
            sender ? u"alice"_s : u"bob"_s, u"--room"_s, room, u"--qos"_s, QString::number(qos),
            u"--data-dir"_s, folder + (sender ? u"/alice"_s : u"/bob"_s) };
        if (setup.longlinkVersionFlag)
            arguments << u"--mqtt-version"_s << (v5 ? u"5"_s : u"3.1.1"_s);
        return { CliProcess::program(), arguments };
    }
    case Client::Mosquitto: {
        QStringList arguments { u"-h"_s, broker.host(), u"-p"_s, QString::number(broker.port()),
            u"-q"_s, QString::number(qos), u"-t"_s, topic, u"-V"_s,
            v5 ? u"mqttv5"_s : u"mqttv311"_s };
        if (sender)
            arguments << u"-l"_s << u"-M"_s << QString::number(kInflightWindow);
        else if (count > 0)
            arguments << u"-C"_s << QString::number(count);
        return { sender ? u"mosquitto_pub"_s : u"mosquitto_sub"_s, arguments };
    }
    case Client::MqttJs: {
        QStringList arguments { QStringLiteral(LONGLINK_BENCH_MQTTJS), sender ? u"pub"_s : u"sub"_s,
            broker.url().toString(), topic, QString::number(qos), v5 ? u"5"_s : u"4"_s };
        if (!sender)
            arguments << QString::number(count);
        return { u"node"_s, arguments };
    }
    case Client::Paho:
        return { QStringLiteral(LONGLINK_BENCH_PAHO),
            { sender ? u"pub"_s : u"sub"_s, u"tcp://%1:%2"_s.arg(broker.host()).arg(broker.port()),
                    topic, QString::number(qos),
                    u"bench-paho-%1-%2"_s.arg(sender ? u"pub"_s : u"sub"_s).arg(setup.runNumber),
                    folder + (sender ? u"/paho-pub"_s : u"/paho-sub"_s),
                    QString::number(sender ? kInflightWindow : count) } };
    }
    return {};
}

// One client process, started through bench_rusage: its stdout split into
// lines for `onLine`, its stderr kept for the report, its CPU time read once
// it has ended.
class Peer
{
public:
    Peer(Client client, const Command &command, const QString &usageFile)
        : m_client(client), m_usageFile(usageFile)
    {
        if (client == Client::MqttJs)
            m_process.setProcessEnvironment(nodeEnvironment());
        else if (client == Client::Longlink) {
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(u"LONGLINK_LOG"_s, u"warning"_s);
            m_process.setProcessEnvironment(environment);
        }
        m_process.setProgram(QStringLiteral(LONGLINK_BENCH_RUSAGE));
        m_process.setArguments(QStringList { usageFile, command.program } + command.arguments);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] {
            m_buffer += m_process.readAllStandardOutput();
            qsizetype start = 0;
            for (qsizetype end; (end = m_buffer.indexOf('\n', start)) >= 0; start = end + 1) {
                const QByteArrayView line = QByteArrayView(m_buffer).sliced(start, end - start);
                if (m_client == Client::Longlink && line.contains("\"event\":\"connection\"")) {
                    const QString mqtt = QJsonDocument::fromJson(line.toByteArray())
                                                 .object()
                                                 .value(u"mqtt"_s)
                                                 .toString();
                    if (!mqtt.isEmpty())
                        m_spoken = mqtt;
                }
                if (onLine)
                    onLine(line);
            }
            m_buffer.remove(0, start);
        });
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process, [this] {
            m_stderr += m_process.readAllStandardError();
            if (m_stderr.size() > 64 * 1024)
                m_stderr = m_stderr.right(32 * 1024);
        });
    }
    ~Peer()
    {
        onLine = nullptr; // what it refers to may be gone already
        stop(0);
    }
    Peer(const Peer &) = delete;
    Peer &operator=(const Peer &) = delete;

    bool start(const QString &inputFile = {})
    {
        if (!inputFile.isEmpty())
            m_process.setStandardInputFile(inputFile);
        m_process.start();
        return m_process.waitForStarted(10'000);
    }
    // Ends the input and waits for the process to finish by itself; then
    // SIGTERM (bench_rusage passes it on and still reports), then SIGKILL.
    void stop(int timeoutMs)
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.closeWriteChannel();
        CliProcess::waitUntil(
                [this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    // The text of a received message in a line of stdout; nullopt when the
    // line is something else (longlink-cli prints other events too).
    std::optional<QByteArray> messageText(QByteArrayView line) const
    {
        if (m_client != Client::Longlink)
            return line.toByteArray();
        if (!isMessageLine(line))
            return std::nullopt;
        return QJsonDocument::fromJson(line.toByteArray())
                .object()
                .value(u"text"_s)
                .toString()
                .toUtf8();
    }
    bool isMessageLine(QByteArrayView line) const
    {
        return m_client != Client::Longlink || line.contains("\"event\":\"message\"");
    }
    // User plus system CPU seconds of the client after it ended; -1 unknown.
    double cpuSeconds() const
    {
        QFile file(m_usageFile);
        if (running() || !file.open(QIODevice::ReadOnly))
            return -1;
        const QList<QByteArray> fields = file.readAll().simplified().split(' ');
        if (fields.size() < 2)
            return -1;
        return double(fields[0].toLongLong() + fields[1].toLongLong()) / 1e6;
    }
    QProcess &process() { return m_process; }
    // The MQTT version longlink-cli says it connected with; empty: not said.
    QString spoken() const { return m_spoken; }
    QString errorText() const
    {
        return QString::fromUtf8(m_stderr.right(300)).trimmed().replace(u'\n', u" | "_s);
    }

    std::function<void(QByteArrayView)> onLine;

private:
    Client m_client;
    QString m_usageFile;
    QProcess m_process;
    QByteArray m_buffer;
    QByteArray m_stderr;
    QString m_spoken;
};

// A row is only what it says if longlink-cli connected with that version.
QString versionMismatch(const Variant &v, const Peer &sender, const Peer &receiver)
{
    QString text;
    for (const Peer *peer : { &sender, &receiver }) {
        if (!peer->spoken().isEmpty() && peer->spoken() != v.version)
            text += u" %1 connected with MQTT %2"_s.arg(
                    peer == &sender ? u"sender"_s : u"receiver"_s, peer->spoken());
    }
    return text;
}

// Starts `peer` and returns once the broker has its connection and its
// subscription has had time to follow (the same wait for every client).
bool startAndSettle(Peer &peer, MosquittoBroker &broker, const QString &inputFile = {})
{
    const int before = broker.connectionCount();
    if (!peer.start(inputFile))
        return false;
    const bool connected = CliProcess::waitUntil(
            [&] { return broker.connectionCount() > before || !peer.running(); }, 15'000);
    spin(300);
    return connected && peer.running();
}

// ---------------------------------------------------------------------------
// 1. Throughput

struct Throughput
{
    Variant variant;
    int qos = 0;
    int count = 0;
    int delivered = 0;
    double seconds = 0;
    double senderCpu = -1; // seconds
    double receiverCpu = -1;
    QString error;
    double rate() const { return seconds > 0 ? delivered / seconds : 0; }
};

Throughput runThroughput(
        Setup &setup, const Variant &v, int qos, const QString &linesFile, int count)
{
    Throughput result { v, qos, count, 0, 0, -1, -1, {} };
    if (const QString why = missing(setup, v.client); !why.isEmpty()) {
        result.error = why;
        return result;
    }
    const QString room = u"tp%1"_s.arg(++setup.runNumber);
    const QString folder = setup.dataRoot + u"/run%1"_s.arg(setup.runNumber);
    QDir().mkpath(folder);
    qint64 lastUs = 0;
    Peer receiver(v.client, command(setup, v, Side::Receiver, qos, room, count),
            folder + u"/receiver.usage"_s);
    receiver.onLine = [&](QByteArrayView line) {
        if (receiver.isMessageLine(line)) {
            ++result.delivered;
            lastUs = nowUs();
        }
    };
    if (!startAndSettle(receiver, *setup.broker)) {
        result.error = u"receiver did not connect: "_s + receiver.errorText();
        return result;
    }
    std::optional<Peer> echo;
    if (v.echoSubscriber) {
        echo.emplace(v.client, command(setup, v, Side::Receiver, qos, room, count),
                folder + u"/echo.usage"_s);
        if (!startAndSettle(*echo, *setup.broker)) {
            result.error = u"echo subscriber did not connect: "_s + echo->errorText();
            return result;
        }
    }
    Peer sender(v.client, command(setup, v, Side::Sender, qos, room, count),
            folder + u"/sender.usage"_s);
    const qint64 startUs = nowUs();
    lastUs = startUs;
    if (!sender.start(linesFile)) {
        result.error = u"sender did not start"_s;
        return result;
    }
    // Bounded: all delivered, or the sender gone and nothing for 5 s.
    CliProcess::waitUntil(
            [&] {
                return result.delivered >= count
                        || (!sender.running() && nowUs() - lastUs > 5'000'000);
            },
            180'000);
    result.seconds = double(lastUs - startUs) / 1e6;
    if (result.delivered < count)
        result.error = u"sender: "_s + sender.errorText() + u" receiver: "_s + receiver.errorText();
    result.error += versionMismatch(v, sender, receiver);
    sender.stop(60'000);
    receiver.stop(15'000);
    if (echo)
        echo->stop(15'000);
    result.senderCpu = sender.cpuSeconds();
    result.receiverCpu = receiver.cpuSeconds();
    QDir(folder).removeRecursively(); // longlink's stores: megabytes per run
    return result;
}

// ---------------------------------------------------------------------------
// 2. Latency

struct Latency
{
    Variant variant;
    int sent = 0;
    int received = 0;
    QList<double> ms;
    QString error;
};

Latency runLatency(Setup &setup, const Variant &v, int qos, int rate, int messages, int warmup)
{
    Latency result { v, 0, 0, {}, {} };
    if (const QString why = missing(setup, v.client); !why.isEmpty()) {
        result.error = why;
        return result;
    }
    const QString room = u"lat%1"_s.arg(++setup.runNumber);
    const QString folder = setup.dataRoot + u"/run%1"_s.arg(setup.runNumber);
    QDir().mkpath(folder);
    QList<qint64> writtenUs(messages, -1);
    Peer receiver(v.client, command(setup, v, Side::Receiver, qos, room, 0),
            folder + u"/receiver.usage"_s);
    receiver.onLine = [&](QByteArrayView line) {
        const qint64 arrivedUs = nowUs();
        const std::optional<QByteArray> text = receiver.messageText(line);
        if (!text)
            return;
        bool ok = false;
        const int seq = text->left(text->indexOf(' ')).toInt(&ok);
        if (!ok || seq < 0 || seq >= messages || writtenUs[seq] < 0)
            return;
        ++result.received;
        if (seq >= warmup)
            result.ms.append(double(arrivedUs - writtenUs[seq]) / 1000.0);
        writtenUs[seq] = -1; // a duplicate is not counted twice
    };
    if (!startAndSettle(receiver, *setup.broker)) {
        result.error = u"receiver did not connect: "_s + receiver.errorText();
        return result;
    }
    Peer sender(
            v.client, command(setup, v, Side::Sender, qos, room, 0), folder + u"/sender.usage"_s);
    if (!startAndSettle(sender, *setup.broker)) {
        result.error = u"sender did not connect: "_s + sender.errorText();
        return result;
    }
    // Every millisecond, whatever is due by now: the pace holds on average
    // even when a tick comes late, and each line's own write time is kept.
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    const qint64 beginUs = nowUs();
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 due = std::min<qint64>(messages, (nowUs() - beginUs) * rate / 1'000'000 + 1);
        for (; result.sent < due; ++result.sent) {
            writtenUs[result.sent] = nowUs();
            sender.process().write(makeText(result.sent) + '\n');
        }
        if (result.sent >= messages)
            tick.stop();
    });
    tick.start(1);
    CliProcess::waitUntil([&] { return !tick.isActive(); }, messages * 1000 / rate + 30'000);
    tick.stop();
    CliProcess::waitUntil([&] { return result.received >= result.sent; }, 15'000);
    if (result.received < result.sent)
        result.error = u"sender: "_s + sender.errorText() + u" receiver: "_s + receiver.errorText();
    result.error += versionMismatch(v, sender, receiver);
    sender.stop(30'000);
    receiver.stop(2'000);
    QDir(folder).removeRecursively();
    return result;
}

// ---------------------------------------------------------------------------

QString ratioText(double value, double reference)
{
    return reference > 0 && value > 0 ? QString::number(value / reference, 'f', 2) : u"-"_s;
}

QString perMessageUs(double cpuSeconds, int count)
{
    return cpuSeconds >= 0 && count > 0 ? QString::number(cpuSeconds * 1e6 / count, 'f', 1)
                                        : u"-"_s;
}

QJsonValue numberOrNull(const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? QJsonValue(value) : QJsonValue();
}

// The reference row of `client` over `version`, or -1.
qsizetype referenceRow(const QList<Variant> &rows, Client client, const QString &version)
{
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (rows[i].client == client && rows[i].version == version && !rows[i].echoSubscriber)
            return i;
    }
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    g_clock.start();
    QCommandLineParser parser;
    const QCommandLineOption countOption(
            u"count"_s, u"Messages per throughput run."_s, u"N"_s, u"50000"_s);
    const QCommandLineOption repeatOption(
            u"repeat"_s, u"Throughput runs per row; the best is kept."_s, u"N"_s, u"3"_s);
    const QCommandLineOption rateOption(
            u"rate"_s, u"Messages per second in the latency runs."_s, u"N"_s, u"500"_s);
    const QCommandLineOption secondsOption(
            u"seconds"_s, u"Length of each latency run."_s, u"S"_s, u"10"_s);
    const QCommandLineOption outOption(
            u"out"_s, u"Merge results into FILE."_s, u"FILE"_s, u"bench-results.json"_s);
    parser.addOptions({ countOption, repeatOption, rateOption, secondsOption, outOption });
    parser.addHelpOption();
    parser.process(app);
    const int count = std::max(1, parser.value(countOption).toInt());
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    const int rate = std::clamp(parser.value(rateOption).toInt(), 10, 1000);
    const int seconds = std::clamp(parser.value(secondsOption).toInt(), 1, 60);

    MosquittoBroker broker;
    // Saving after every change measures the disk, not the clients.
    broker.setExtraConfig(u"autosave_on_changes false\nautosave_interval 1800\n"_s);
    if (!broker.start()) {
        std::fprintf(stderr, "cannot start mosquitto: %s\n", qPrintable(broker.errorString()));
        return 1;
    }
    QTemporaryDir dir;
    Setup setup;
    setup.broker = &broker;
    setup.dataRoot = dir.path();
    setup.longlinkVersionFlag = longlinkHasVersionFlag();
    setup.mqttJsMissing = probeMqttJs();
    if (QStringLiteral(LONGLINK_BENCH_PAHO).isEmpty())
        setup.pahoMissing = u"not built (no Eclipse Paho C: libpaho-mqtt-dev)"_s;

    const QString linesFile = dir.filePath(u"lines.txt"_s);
    {
        QByteArray lines;
        lines.reserve(qsizetype(count) * 101);
        for (int i = 0; i < count; ++i)
            lines += makeText(i) + '\n';
        QFile file(linesFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(lines) < 0)
            return 1;
    }

    const QString v311 = u"3.1.1"_s, v5 = u"5.0"_s;
    QList<Variant> throughputRows { { Client::Mosquitto, v311 }, { Client::Mosquitto, v311, true },
        { Client::Mosquitto, v5 }, { Client::MqttJs, v311 }, { Client::MqttJs, v5 },
        { Client::Paho, v311 }, { Client::Longlink, v311 } };
    if (setup.longlinkVersionFlag)
        throughputRows.append({ Client::Longlink, v5 });

    QJsonArray json;

    // 1. Throughput, best of `repeat`; the rows take turns within a round, so
    // a slow moment of the machine hits them alike.
    std::printf("\nThroughput, %d messages of 100-byte text, one sender process to one receiver "
                "process, loopback mosquitto, best of %d\n",
            count, repeat);
    QStringList echoNotes;
    for (int qos : { 0, 1 }) {
        QList<QList<Throughput>> runs(throughputRows.size());
        for (int i = 0; i < repeat; ++i) {
            for (qsizetype r = 0; r < throughputRows.size(); ++r)
                runs[r].append(runThroughput(setup, throughputRows[r], qos, linesFile, count));
        }
        QList<Throughput> best;
        for (const QList<Throughput> &list : runs)
            best.append(*std::max_element(list.cbegin(), list.cend(),
                    [](const Throughput &a, const Throughput &b) { return a.rate() < b.rate(); }));
        std::printf("\n%-3s %-28s %-5s %8s %9s %6s %9s %11s %11s  %s\n", "QoS", "client", "MQTT",
                "msg/s", "delivered", "x mosq", "x MQTT.js", "send us/msg", "recv us/msg",
                "runs (msg/s)");
        for (qsizetype r = 0; r < best.size(); ++r) {
            const Throughput &t = best[r];
            const qsizetype mosq
                    = referenceRow(throughputRows, Client::Mosquitto, t.variant.version);
            const qsizetype js = referenceRow(throughputRows, Client::MqttJs, t.variant.version);
            const QString xMosq = mosq < 0 ? u"-"_s : ratioText(t.rate(), best[mosq].rate());
            const QString xJs = js < 0 ? u"-"_s : ratioText(t.rate(), best[js].rate());
            const QString sendUs = perMessageUs(t.senderCpu, t.count);
            const QString recvUs = perMessageUs(t.receiverCpu, t.count);
            QStringList each;
            QJsonArray eachJson;
            for (const Throughput &run : runs[r]) {
                each.append(QString::number(run.rate(), 'f', 0));
                eachJson.append(run.rate());
            }
            if (const QString why = missing(setup, t.variant.client); !why.isEmpty()) {
                std::printf("%3d %-28s %-5s %s\n", qos, qPrintable(t.variant.name()),
                        qPrintable(t.variant.version), qPrintable(why));
                continue;
            }
            std::printf("%3d %-28s %-5s %8.0f %9d %6s %9s %11s %11s  %s\n", qos,
                    qPrintable(t.variant.name()), qPrintable(t.variant.version), t.rate(),
                    t.delivered, qPrintable(xMosq), qPrintable(xJs), qPrintable(sendUs),
                    qPrintable(recvUs), qPrintable(each.join(u' ')));
            for (const Throughput &run : runs[r]) {
                if (!run.error.isEmpty())
                    std::printf("    ! %s\n", qPrintable(run.error.left(300)));
            }
            QJsonObject row { { u"benchmark"_s, u"throughput"_s }, { u"qos"_s, qos },
                { u"client"_s, t.variant.name() }, { u"mqttVersion"_s, t.variant.version },
                { u"messages"_s, t.count }, { u"delivered"_s, t.delivered },
                { u"seconds"_s, t.seconds }, { u"messagesPerSecond"_s, t.rate() },
                { u"runsMessagesPerSecond"_s, eachJson },
                { u"ratioToMosquitto"_s, numberOrNull(xMosq) },
                { u"ratioToMqttJs"_s, numberOrNull(xJs) },
                { u"senderCpuUsPerMessage"_s, numberOrNull(sendUs) },
                { u"receiverCpuUsPerMessage"_s, numberOrNull(recvUs) } };
            // A 3.1.1 chat client gets its own messages back: next to
            // mosquitto_pub/sub with the broker doing the same work.
            const auto echoRow = std::find_if(
                    throughputRows.cbegin(), throughputRows.cend(), [&](const Variant &v) {
                        return v.echoSubscriber && v.version == t.variant.version;
                    });
            if (t.variant.client == Client::Longlink && echoRow != throughputRows.cend()) {
                const QString xEcho
                        = ratioText(t.rate(), best[echoRow - throughputRows.cbegin()].rate());
                row.insert(u"ratioToMosquittoWithEchoSubscriber"_s, numberOrNull(xEcho));
                echoNotes.append(
                        u"longlink-cli %1 QoS %2 over mosquitto_pub/sub +echo sub: %3"_s.arg(
                                t.variant.version, QString::number(qos), xEcho));
            }
            json.append(row);
        }
    }
    for (const QString &note : std::as_const(echoNotes))
        std::printf("%s\n", qPrintable(note));
    std::printf("\nx mosq, x MQTT.js: msg/s over theirs, same QoS and MQTT version (higher is "
                "better). us/msg:\nCPU time (user + system) of the whole sender or receiver "
                "process, start to exit, over\nthe messages. mosquitto_pub and Paho get "
                "longlink's in-flight window (%d). longlink-cli\nwraps each text in its JSON "
                "envelope, keeps it in SQLite before sending (QoS 1) and\nprints one JSON line "
                "per message received. +echo sub: a second mosquitto_sub on the topic, so the\n"
                "broker sends each message twice, as to a 3.1.1 chat client that gets its own "
                "back.\n%s",
            kInflightWindow,
            setup.longlinkVersionFlag
                    ? ""
                    : "longlink-cli has no --mqtt-version yet: one row, its default (3.1.1).\n");

    // 2. Latency.
    const int qos = 1;
    const int messages = rate * seconds;
    const int warmup = std::min(50, messages / 10);
    QList<Variant> latencyRows { { Client::Mosquitto, v311 }, { Client::Mosquitto, v5 },
        { Client::Paho, v311 }, { Client::Longlink, v311 } };
    if (setup.longlinkVersionFlag)
        latencyRows.append({ Client::Longlink, v5 });
    QList<Latency> latencies;
    for (const Variant &v : latencyRows)
        latencies.append(runLatency(setup, v, qos, rate, messages, warmup));
    std::printf("\nLatency, %d msg/s for %d s at QoS %d (%d messages, first %d left out), from "
                "the sender's stdin to\nthe receiver's stdout\n\n",
            rate, seconds, qos, messages, warmup);
    std::printf("%-28s %-5s %11s %7s %7s %7s %10s %10s\n", "client", "MQTT", "received", "p50 ms",
            "p99 ms", "max ms", "p50 x mosq", "p99 x mosq");
    for (qsizetype r = 0; r < latencies.size(); ++r) {
        const Latency &l = latencies[r];
        if (const QString why = missing(setup, l.variant.client); !why.isEmpty()) {
            std::printf("%-28s %-5s %s\n", qPrintable(l.variant.name()),
                    qPrintable(l.variant.version), qPrintable(why));
            continue;
        }
        const qsizetype ref = referenceRow(latencyRows, Client::Mosquitto, l.variant.version);
        const double p50 = quantile(l.ms, 0.5), p99 = quantile(l.ms, 0.99);
        const double maxMs = quantile(l.ms, 1.0);
        const QString p50x = ref < 0 ? u"-"_s : ratioText(p50, quantile(latencies[ref].ms, 0.5));
        const QString p99x = ref < 0 ? u"-"_s : ratioText(p99, quantile(latencies[ref].ms, 0.99));
        std::printf("%-28s %-5s %5d/%-5d %7.2f %7.2f %7.2f %10s %10s\n",
                qPrintable(l.variant.name()), qPrintable(l.variant.version), l.received, l.sent,
                p50, p99, maxMs, qPrintable(p50x), qPrintable(p99x));
        if (!l.error.isEmpty())
            std::printf("    ! %s\n", qPrintable(l.error.left(300)));
        json.append(QJsonObject { { u"benchmark"_s, u"latency"_s }, { u"qos"_s, qos },
                { u"client"_s, l.variant.name() }, { u"mqttVersion"_s, l.variant.version },
                { u"rate"_s, rate }, { u"sent"_s, l.sent }, { u"received"_s, l.received },
                { u"p50Ms"_s, p50 }, { u"p99Ms"_s, p99 }, { u"maxMs"_s, maxMs },
                { u"p50RatioToMosquitto"_s, numberOrNull(p50x) },
                { u"p99RatioToMosquitto"_s, numberOrNull(p99x) } });
    }
    std::printf("\nx mosq: over mosquitto_pub -l/mosquitto_sub on the same MQTT version (lower "
                "is better).\n");

    longlink::test::mergeBenchResults(parser.value(outOption), u"throughput"_s, json);
    std::printf("\nwritten to %s\n", qPrintable(parser.value(outOption)));
    return 0;
}
