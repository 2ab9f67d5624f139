// Opening a room of 100,000 messages in the GUI, against a bare QListView
// over a QStringListModel holding the same rows, measured in the same run.
// Each side runs in a child process of its own, so memory is not shared.
// Prints times and memory as ratios; asserts nothing.
//
//   bench_gui_history [--messages N] [--out results.json]
#include "chathistory.h"
#include "chatstore.h"
#include "messagemodel.h"
#include "messageview.h"

#include "benchresults.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QRandomGenerator>
#include <QtCore/QStringListModel>
#include <QtCore/QTemporaryDir>
#include <QtWidgets/QApplication>
#include <QtWidgets/QListView>
#include <QtWidgets/QScrollBar>

#include <cstdio>
#include <limits>
#include <unistd.h>

using namespace Qt::StringLiterals;
using longlink::ChatMessage;
using longlink::ChatStore;

namespace {
constexpr int kScrollFrames = 300;
const QString kRoom = u"big"_s;

qint64 residentBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : 0;
}

bool fillStore(const QString &file, int count)
{
    ChatStore store;
    if (!store.open(file))
        return false;
    const QStringList senders = { u"alice"_s, u"bob"_s, u"carol"_s, u"dmitri"_s };
    const QStringList words = { u"transport"_s, u"swap"_s, u"broker"_s, u"session"_s, u"plugin"_s,
        u"outbox"_s, u"the"_s, u"a"_s, u"is"_s, u"fine"_s, u"today"_s, u"again"_s,
        u"see https://example.org/notes"_s };
    QRandomGenerator random(42);
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - 60LL * 24 * 3600 * 1000;
    const bool filled = store.transaction([&] {
        for (int i = 0; i < count; ++i) {
            QStringList text;
            const int length = 3 + int(random.bounded(40));
            for (int w = 0; w < length; ++w)
                text.append(words.at(int(random.bounded(qsizetype(words.size())))));
            ChatStore::StoredMessage stored;
            stored.message = { ChatMessage::newId(), kRoom, senders.at(i % 4), start + i * 50'000LL,
                text.join(u' ') };
            stored.own = i % 4 == 0;
            stored.delivery
                    = stored.own ? ChatStore::Delivery::Sent : ChatStore::Delivery::Received;
            if (!store.addMessage(stored))
                return false;
        }
        return true;
    });
    // The search index, as an idle client has it filled by then.
    while (filled && store.indexForSearch(20'000) > 0) { }
    return filled;
}

// Scrolls up a page at a time, painting each frame; returns ms per frame.
double scrollUp(QAbstractItemView *view)
{
    QScrollBar *bar = view->verticalScrollBar();
    QElapsedTimer timer;
    timer.start();
    for (int frame = 0; frame < kScrollFrames; ++frame) {
        bar->setValue(bar->value() - view->viewport()->height() / 3);
        QCoreApplication::processEvents();
        view->viewport()->repaint();
    }
    return double(timer.nsecsElapsed()) / 1e6 / kScrollFrames;
}

// One side, in its own process: prints {"openMs", "memoryBytes", "frameMs", "rows"}.
int measure(const QString &which, const QString &storeFile)
{
    ChatStore store;
    if (!store.open(storeFile))
        return 1;
    const longlink::ChatHistory history(&store); // what the GUI reads rooms through
    QCoreApplication::processEvents();
    const qint64 before = residentBytes();
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<QAbstractItemView> view;
    std::unique_ptr<QAbstractItemModel> model;
    QStringList rows;
    if (which == u"reference") {
        // What a naive list does: every row in memory, in a plain view.
        const auto all = store.messages(kRoom, store.messageCount(kRoom));
        rows.reserve(all.size());
        for (const auto &stored : all)
            rows.append(stored.message.from + u": "_s + stored.message.text);
        model = std::make_unique<QStringListModel>(rows);
        auto list = std::make_unique<QListView>();
        list->setModel(model.get());
        list->setWordWrap(true);
        list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        view = std::move(list);
    } else {
        auto messages = std::make_unique<longlink::ui::MessageModel>();
        auto list = std::make_unique<longlink::ui::MessageView>();
        list->setMessageModel(messages.get());
        messages->setRoom(&history, kRoom);
        model = std::move(messages);
        view = std::move(list);
    }
    view->resize(900, 700);
    view->show();
    view->scrollToBottom();
    QCoreApplication::processEvents();
    view->viewport()->repaint();
    const double openMs = double(timer.nsecsElapsed()) / 1e6;
    const qint64 memory = residentBytes() - before;
    const double frameMs = scrollUp(view.get());
    // Search: the first screenful of hits for a common word (what the
    // search bar shows first), and a rare phrase through the whole room.
    // The reference filters its rows in memory, newest first.
    auto search = [&](const QString &needle, int wanted) {
        int found = 0;
        if (which == u"reference") {
            for (qsizetype i = rows.size() - 1; i >= 0 && found < wanted; --i)
                found += rows[i].contains(needle, Qt::CaseInsensitive) ? 1 : 0;
            return found;
        }
        qint64 before = 0;
        for (;;) {
            const auto hits = history.search(needle, kRoom, 500, before);
            found += int(hits.size());
            if (hits.size() < 500 || found >= wanted)
                return found;
            before = hits.last().rowId;
        }
    };
    timer.restart();
    const int common = search(u"session"_s, 500);
    const double searchFirstMs = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    const int rare = search(u"plugin plugin plugin"_s, std::numeric_limits<int>::max());
    const double searchAllMs = double(timer.nsecsElapsed()) / 1e6;
    const QJsonObject result { { u"openMs"_s, openMs }, { u"memoryBytes"_s, double(memory) },
        { u"frameMs"_s, frameMs }, { u"rows"_s, model->rowCount() },
        { u"searchFirstMs"_s, searchFirstMs }, { u"searchAllMs"_s, searchAllMs },
        { u"searchHits"_s, common + rare } };
    std::fputs(QJsonDocument(result).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputs("\n", stdout);
    return 0;
}

QJsonObject runChild(const QString &which, const QString &storeFile)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
            { u"--measure"_s, which, u"--store"_s, storeFile });
    if (!child.waitForFinished(600'000) || child.exitCode() != 0)
        return {};
    const QList<QByteArray> lines = child.readAllStandardOutput().trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
}
} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption messages(
            u"messages"_s, u"Messages in the room."_s, u"N"_s, u"100000"_s);
    const QCommandLineOption out(u"out"_s, u"Write results as JSON to FILE."_s, u"FILE"_s);
    const QCommandLineOption measureOption(u"measure"_s, u"(internal)"_s, u"WHICH"_s);
    const QCommandLineOption storeOption(u"store"_s, u"(internal)"_s, u"FILE"_s);
    parser.addOptions({ messages, out, measureOption, storeOption });
    parser.addHelpOption();
    parser.process(app);
    if (parser.isSet(measureOption))
        return measure(parser.value(measureOption), parser.value(storeOption));

    const int count = parser.value(messages).toInt();
    QTemporaryDir dir;
    const QString storeFile = dir.filePath(u"bench.sqlite"_s);
    std::printf("filling a room with %d messages...\n", count);
    std::fflush(stdout);
    if (!fillStore(storeFile, count))
        return 1;
    const QJsonObject reference = runChild(u"reference"_s, storeFile);
    const QJsonObject ours = runChild(u"longlink"_s, storeFile);
    if (reference.isEmpty() || ours.isEmpty()) {
        std::fputs("a measurement failed\n", stderr);
        return 1;
    }
    auto ratio = [&](const QString &key) {
        const double base = reference.value(key).toDouble();
        return base > 0 ? ours.value(key).toDouble() / base : 0.0;
    };
    std::printf("\n%-34s %14s %14s %8s\n", "open a room of messages", "QListView+SLM", "Longlink",
            "ratio");
    std::printf("%-34s %14.1f %14.1f %8.3f\n", "time to first paint (ms)",
            reference.value(u"openMs"_s).toDouble(), ours.value(u"openMs"_s).toDouble(),
            ratio(u"openMs"_s));
    std::printf("%-34s %14.1f %14.1f %8.3f\n", "memory added (MiB)",
            reference.value(u"memoryBytes"_s).toDouble() / 1048576.0,
            ours.value(u"memoryBytes"_s).toDouble() / 1048576.0, ratio(u"memoryBytes"_s));
    std::printf("%-34s %14.2f %14.2f %8.3f\n", "scrolling up, per frame (ms)",
            reference.value(u"frameMs"_s).toDouble(), ours.value(u"frameMs"_s).toDouble(),
            ratio(u"frameMs"_s));
    std::printf("%-34s %14.2f %14.2f %8.3f\n", "search, first 500 hits (ms)",
            reference.value(u"searchFirstMs"_s).toDouble(),
            ours.value(u"searchFirstMs"_s).toDouble(), ratio(u"searchFirstMs"_s));
    std::printf("%-34s %14.2f %14.2f %8.3f\n", "search, a rare phrase, all (ms)",
            reference.value(u"searchAllMs"_s).toDouble(), ours.value(u"searchAllMs"_s).toDouble(),
            ratio(u"searchAllMs"_s));
    std::printf("%-34s %14d %14d\n", "rows in the model after scrolling",
            reference.value(u"rows"_s).toInt(), ours.value(u"rows"_s).toInt());
    std::printf("%-34s %14d %14d\n", "search hits (must agree)",
            reference.value(u"searchHits"_s).toInt(), ours.value(u"searchHits"_s).toInt());
    if (parser.isSet(out)) {
        const QJsonObject all { { u"messages"_s, count }, { u"reference"_s, reference },
            { u"longlink"_s, ours },
            { u"ratios"_s,
                    QJsonObject { { u"openMs"_s, ratio(u"openMs"_s) },
                            { u"memoryBytes"_s, ratio(u"memoryBytes"_s) },
                            { u"frameMs"_s, ratio(u"frameMs"_s) },
                            { u"searchFirstMs"_s, ratio(u"searchFirstMs"_s) },
                            { u"searchAllMs"_s, ratio(u"searchAllMs"_s) } } } };
        longlink::test::mergeBenchResults(parser.value(out), u"gui_history"_s, all);
    }
    return 0;
}
