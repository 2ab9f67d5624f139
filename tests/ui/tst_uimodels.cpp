// The GUI's models and helpers without a broker: history paging, unread
// counts, presence order, links in messages, typed settings.
#include "chathistory.h"
#include "chatstore.h"
#include "languages.h"
#include "memberlistmodel.h"
#include "messagedelegate.h"
#include "messagemodel.h"
#include "roomdelegate.h"
#include "roomlistmodel.h"
#include "settings.h"

#include <QtCore/QTemporaryDir>
#include <QtGui/QImage>
#include <QtGui/QPainter>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QPushButton>

using namespace Qt::StringLiterals;
using longlink::ChatHistory;
using longlink::ChatMessage;
using longlink::ChatStore;
namespace ui = longlink::ui;

class TestUiModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linksBecomeClickable_data();
    void linksBecomeClickable();
    void historyIsPagedFromTheStore();
    void droppedRowsComeBackFromTheStore();
    void recentMessagesNotYetStoredAreShown();
    void dayStartsAndGroups();
    void unreadCountsAndMutedRooms();
    void roomsComeByRecentActivity();
    void onlineMembersComeFirst();
    void settingsSignalChanges();
    void qtOwnButtonsFollowTheLanguage();
    void keyboardFocusIsDrawn();

private:
    static void fill(ChatStore &store, const QString &room, int count,
            qint64 firstTs = 1'700'000'000'000, qint64 stepMs = 60'000);
};

void TestUiModels::fill(
        ChatStore &store, const QString &room, int count, qint64 firstTs, qint64 stepMs)
{
    QVERIFY(store.transaction([&] {
        for (int i = 0; i < count; ++i) {
            ChatStore::StoredMessage stored;
            stored.message = { ChatMessage::newId(), room, i % 3 ? u"bob"_s : u"carol"_s,
                firstTs + i * stepMs, u"message %1"_s.arg(i) };
            if (!store.addMessage(stored))
                return false;
        }
        return true;
    }));
}

void TestUiModels::linksBecomeClickable_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("html");
    QTest::newRow("plain") << u"hello"_s << u"hello"_s;
    QTest::newRow("escaped") << u"a <b> & c"_s << u"a &lt;b&gt; &amp; c"_s;
    QTest::newRow("https")
            << u"see https://example.org/x?a=1&b=2."_s
            << u"see <a href=\"https://example.org/x?a=1&amp;b=2\">https://example.org/x?a=1&amp;b=2</a>."_s;
    QTest::newRow("www") << u"(www.qt.io)"_s << u"(<a href=\"http://www.qt.io\">www.qt.io</a>)"_s;
    QTest::newRow("no javascript") << u"javascript:alert(1)"_s << u"javascript:alert(1)"_s;
}

void TestUiModels::linksBecomeClickable()
{
    QFETCH(QString, text);
    QFETCH(QString, html);
    const QString result = ui::MessageDelegate::toHtml(text);
    QVERIFY2(result.contains(html), qPrintable(result));
}

void TestUiModels::historyIsPagedFromTheStore()
{
    QTemporaryDir dir;
    ChatStore store;
    QVERIFY(store.open(dir.filePath(u"s.sqlite"_s)));
    const int total = ui::MessageModel::kPageSize * 3 + 17;
    fill(store, u"lobby"_s, total);
    fill(store, u"other"_s, 10);

    const ChatHistory history(&store);
    ui::MessageModel model;
    model.setRoom(&history, u"lobby"_s);
    QCOMPARE(model.rowCount(), ui::MessageModel::kPageSize);
    QCOMPARE(model.at(model.rowCount() - 1).message.text, u"message %1"_s.arg(total - 1));
    QVERIFY(model.canFetchOlder());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    int fetched = 0;
    while (model.canFetchOlder())
        fetched += model.fetchOlder();
    QCOMPARE(model.rowCount(), total);
    QCOMPARE(fetched, total - ui::MessageModel::kPageSize);
    QVERIFY(inserted.size() >= 3);
    for (int row = 0; row < total; ++row)
        QCOMPARE(model.at(row).message.text, u"message %1"_s.arg(row)); // in order, no gaps
    QCOMPARE(model.fetchOlder(), 0);

    // Loading up to an old message returns its row.
    model.setRoom(&history, u"lobby"_s);
    const qint64 wanted
            = store.messages(u"lobby"_s, 1, store.messages(u"lobby"_s, total - 4).first().rowId)
                      .first()
                      .rowId;
    const int row = model.loadUntil(wanted);
    QVERIFY(row >= 0);
    QCOMPARE(model.at(row).rowId, wanted);
    QCOMPARE(model.loadUntil(-5), -1);
}

void TestUiModels::droppedRowsComeBackFromTheStore()
{
    // A room read at its newest end keeps a window in memory; what left it
    // is fetched again, in order, when scrolled back to.
    QTemporaryDir dir;
    ChatStore store;
    QVERIFY(store.open(dir.filePath(u"s.sqlite"_s)));
    const int total = ui::MessageModel::kPageSize * 4;
    fill(store, u"lobby"_s, total);
    const ChatHistory history(&store);
    ui::MessageModel model;
    model.setRoom(&history, u"lobby"_s);
    while (model.canFetchOlder())
        model.fetchOlder();
    QCOMPARE(model.rowCount(), total);
    QCOMPARE(model.dropOlderThan(total + 5), 0);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QCOMPARE(model.dropOlderThan(100), total - 100);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.at(0).message.text, u"message %1"_s.arg(total - 100));
    QVERIFY(model.canFetchOlder());
    while (model.canFetchOlder())
        model.fetchOlder();
    QCOMPARE(model.rowCount(), total);
    for (int row = 0; row < total; ++row)
        QCOMPARE(model.at(row).message.text, u"message %1"_s.arg(row));
}

void TestUiModels::recentMessagesNotYetStoredAreShown()
{
    QTemporaryDir dir;
    ChatStore store;
    QVERIFY(store.open(dir.filePath(u"s.sqlite"_s)));
    fill(store, u"lobby"_s, 3);
    const auto stored = store.messages(u"lobby"_s, 3);
    ChatStore::StoredMessage fresh;
    fresh.message = { ChatMessage::newId(), u"lobby"_s, u"alice"_s, 1'800'000'000'000, u"fresh"_s };
    fresh.own = true;
    fresh.delivery = ChatStore::Delivery::Sending;
    const ChatHistory history(&store);
    ui::MessageModel model;
    model.setRoom(&history, u"lobby"_s, { stored.last(), fresh });
    QCOMPARE(model.rowCount(), 4); // the stored one is not repeated
    QCOMPARE(model.at(3).message.text, u"fresh"_s);
    QVERIFY(model.setDelivery(fresh.message.id, ChatStore::Delivery::Sent));
    QCOMPARE(model.index(3).data(ui::MessageModel::DeliveryRole).toInt(),
            int(ChatStore::Delivery::Sent));
}

void TestUiModels::dayStartsAndGroups()
{
    QTemporaryDir dir;
    ChatStore store;
    QVERIFY(store.open(dir.filePath(u"s.sqlite"_s)));
    const qint64 day = 24 * 3600 * 1000LL;
    const qint64 noon = QDateTime(QDate(2024, 5, 1), QTime(12, 0)).toMSecsSinceEpoch();
    QVERIFY(store.transaction([&] {
        const std::tuple<QString, qint64> rows[]
                = { { u"bob"_s, noon }, { u"bob"_s, noon + 60'000 }, { u"carol"_s, noon + 120'000 },
                      { u"carol"_s, noon + day } };
        for (const auto &[from, ts] : rows) {
            ChatStore::StoredMessage m;
            m.message = { ChatMessage::newId(), u"r"_s, from, ts, u"x"_s };
            if (!store.addMessage(m))
                return false;
        }
        return true;
    }));
    const ChatHistory history(&store);
    ui::MessageModel model;
    model.setRoom(&history, u"r"_s);
    auto role = [&](int row, int r) { return model.index(row).data(r).toBool(); };
    QVERIFY(role(0, ui::MessageModel::DayStartRole));
    QVERIFY(!role(1, ui::MessageModel::DayStartRole));
    QVERIFY(role(1, ui::MessageModel::ContinuationRole)); // same sender, a minute later
    QVERIFY(!role(2, ui::MessageModel::ContinuationRole)); // another sender
    QVERIFY(role(3, ui::MessageModel::DayStartRole)); // the next day
    QVERIFY(!role(3, ui::MessageModel::ContinuationRole));
    QCOMPARE(ui::MessageDelegate::dayText(QDate::currentDate()), u"Today"_s);
}

void TestUiModels::unreadCountsAndMutedRooms()
{
    ui::RoomListModel rooms;
    rooms.setRooms({ u"random"_s, u"lobby"_s });
    QCOMPARE(rooms.rooms(), (QStringList { u"lobby"_s, u"random"_s })); // by name, quiet
    QSignalSpy total(&rooms, &ui::RoomListModel::totalUnreadChanged);
    rooms.addUnread(u"random"_s, u"hi"_s);
    rooms.addUnread(u"random"_s, u"there"_s);
    rooms.addUnread(u"lobby"_s, u"yo"_s);
    QCOMPARE(rooms.unread(u"random"_s), 2);
    QCOMPARE(rooms.totalUnread(), 3);
    rooms.setMuted(u"random"_s, true);
    QCOMPARE(rooms.totalUnread(), 1);
    QCOMPARE(total.last().first().toInt(), 1);
    rooms.markRead(u"lobby"_s);
    QCOMPARE(rooms.totalUnread(), 0);
    rooms.addRoom(u"kitchen"_s);
    QCOMPARE(rooms.rooms(), (QStringList { u"kitchen"_s, u"lobby"_s, u"random"_s }));
    QVERIFY(rooms.index(2).data(Qt::AccessibleTextRole).toString().contains(u"2 unread"_s));
    rooms.removeRoom(u"random"_s);
    QCOMPARE(rooms.rowOf(u"random"_s), -1);
}

void TestUiModels::roomsComeByRecentActivity()
{
    ui::RoomListModel rooms;
    rooms.setRooms({ u"random"_s, u"lobby"_s, u"kitchen"_s });
    // Nothing said anywhere yet: by name.
    QCOMPARE(rooms.rooms(), (QStringList { u"kitchen"_s, u"lobby"_s, u"random"_s }));
    QSignalSpy moved(&rooms, &QAbstractItemModel::rowsMoved);
    rooms.noteActivity(u"random"_s, 1000, u"bob: hi"_s);
    QCOMPARE(rooms.rooms(), (QStringList { u"random"_s, u"kitchen"_s, u"lobby"_s }));
    QCOMPARE(moved.size(), 1);
    rooms.noteActivity(u"lobby"_s, 2000, u"You: hello"_s);
    QCOMPARE(rooms.rooms(), (QStringList { u"lobby"_s, u"random"_s, u"kitchen"_s }));
    QCOMPARE(rooms.index(0).data(ui::RoomListModel::LastTextRole).toString(), u"You: hello"_s);
    QCOMPARE(rooms.index(0).data(ui::RoomListModel::LastActivityRole).toLongLong(), 2000);
    // The newest already first: no move, the line changes.
    rooms.noteActivity(u"lobby"_s, 3000, u"You: again"_s);
    QCOMPARE(moved.size(), 2);
    // An older message (history) does not take the place of the last.
    rooms.noteActivity(u"random"_s, 500, u"bob: old"_s);
    QCOMPARE(rooms.index(1).data(ui::RoomListModel::LastTextRole).toString(), u"bob: hi"_s);
    // A new room goes where its (lack of) activity puts it.
    rooms.addRoom(u"attic"_s);
    QCOMPARE(rooms.rooms(), (QStringList { u"lobby"_s, u"random"_s, u"attic"_s, u"kitchen"_s }));
    // By name, with the selection kept on its room.
    QPersistentModelIndex selected = rooms.index(rooms.rowOf(u"random"_s));
    rooms.setSortByActivity(false);
    QCOMPARE(rooms.rooms(), (QStringList { u"attic"_s, u"kitchen"_s, u"lobby"_s, u"random"_s }));
    QCOMPARE(selected.data(ui::RoomListModel::NameRole).toString(), u"random"_s);
    rooms.noteActivity(u"kitchen"_s, 9000, u"carol: tea?"_s);
    QCOMPARE(rooms.rooms(), (QStringList { u"attic"_s, u"kitchen"_s, u"lobby"_s, u"random"_s }));
}

void TestUiModels::onlineMembersComeFirst()
{
    ui::MemberListModel members;
    members.setSelf(u"alice"_s);
    members.setMembers({ u"zed"_s, u"bob"_s, u"carol"_s });
    members.setOnline(u"zed"_s, true);
    members.setOnline(u"alice"_s, true);
    QCOMPARE(members.members(), (QStringList { u"alice"_s, u"zed"_s, u"bob"_s, u"carol"_s }));
    QCOMPARE(members.onlineCount(), 2);
    members.setOnline(u"zed"_s, false);
    QCOMPARE(members.members(), (QStringList { u"alice"_s, u"bob"_s, u"carol"_s, u"zed"_s }));
}

void TestUiModels::settingsSignalChanges()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"gui.ini"_s);
    {
        ui::Settings settings(file);
        QSignalSpy theme(&settings, &ui::Settings::themeChanged);
        QSignalSpy muted(&settings, &ui::Settings::mutedChanged);
        settings.setTheme(ui::Settings::Theme::Dark);
        settings.setTheme(ui::Settings::Theme::Dark);
        QCOMPARE(theme.size(), 1); // only real changes
        settings.setMuted(u"a/b"_s, true);
        QCOMPARE(muted.size(), 1);
        settings.setDraft(u"room/with/slashes"_s, u"draft"_s);
        settings.setServer(QUrl(u"mqtt://example.org:1883"_s));
        settings.setUser(u"alice"_s);
    }
    ui::Settings again(file);
    QCOMPARE(again.theme(), ui::Settings::Theme::Dark);
    QVERIFY(again.isMuted(u"a/b"_s));
    QCOMPARE(again.draft(u"room/with/slashes"_s), u"draft"_s);
    QVERIFY(again.hasAccount());
    QFile ini(file);
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().toLower().contains("password")); // never in settings
}

// Qt's own buttons (a dialog's Yes, No, Cancel) speak the chosen language:
// Qt's translations are loaded beside ours (./dev installs them, the
// package recommends them).
void TestUiModels::qtOwnButtonsFollowTheLanguage()
{
    ui::Languages languages;
    const auto cancelText = []() -> QString {
        QDialogButtonBox box(QDialogButtonBox::Cancel | QDialogButtonBox::Yes);
        return box.button(QDialogButtonBox::Cancel)->text() + u'|'
                + box.button(QDialogButtonBox::Yes)->text();
    };
    languages.install(u"zh_CN"_s);
    QCOMPARE(cancelText(), u"取消|是(&Y)"_s);
    languages.install(u"en"_s);
    QCOMPARE(cancelText(), u"Cancel|&Yes"_s);
}

// The row the keyboard is on looks different from the same row without
// the keyboard, selected or not, in the room list and in the messages.
void TestUiModels::keyboardFocusIsDrawn()
{
    QTemporaryDir dir;
    ChatStore store;
    QVERIFY(store.open(dir.filePath(u"s.sqlite"_s)));
    fill(store, u"lobby"_s, 2);
    const ChatHistory history(&store);
    ui::MessageModel messages;
    messages.setRoom(&history, u"lobby"_s);
    ui::RoomListModel rooms;
    rooms.setRooms({ u"lobby"_s });

    const auto draw = [](const QAbstractItemDelegate &delegate, const QModelIndex &index,
                              QStyle::State state) {
        QStyleOptionViewItem option;
        option.rect = QRect(0, 0, 400, delegate.sizeHint(option, index).height());
        option.state = QStyle::State_Enabled | QStyle::State_Active | state;
        option.font = QApplication::font();
        option.palette = QApplication::palette();
        QImage image(option.rect.size(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        delegate.paint(&painter, option, index);
        return image;
    };
    const ui::RoomDelegate roomDelegate;
    ui::MessageDelegate messageDelegate;
    for (QStyle::State selected : { QStyle::State_None, QStyle::State_Selected }) {
        const QModelIndex room = rooms.index(0);
        QVERIFY(draw(roomDelegate, room, selected | QStyle::State_HasFocus)
                != draw(roomDelegate, room, selected));
        const QModelIndex message = messages.index(1);
        QVERIFY(draw(messageDelegate, message, selected | QStyle::State_HasFocus)
                != draw(messageDelegate, message, selected));
    }
}

QTEST_MAIN(TestUiModels)
#include "tst_uimodels.moc"
