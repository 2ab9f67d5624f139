// The main window against a real mosquitto, driven as a person drives it:
// typing in the composer, watching delivery states, unread counts, drafts,
// search, notifications and the connection in the status bar.
#include "brokerfixture.h"
#include "chatparticipant.h"
#include "chatstore.h"
#include "composer.h"
#include "composercontextbar.h"
#include "joinroomdialog.h"
#include "messagedelegate.h"
#include "messagemodel.h"
#include "messageview.h"
#include "mosquittobroker.h"
#include "notifier.h"
#include "plugindrop.h"
#include "searchbar.h"
#include "settingsdialog.h"
#include "statusbarwidget.h"
#include "uitestsupport.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>
#include <QtCore/QScopeGuard>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QAbstractItemView>
#include <QtWidgets/QApplication>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QCompleter>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListView>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QToolButton>

#include <csignal>

#include <sys/resource.h>

using namespace Qt::StringLiterals;
using longlink::ChatClient;
using longlink::ChatStore;
using longlink::test::ChatParticipant;
using longlink::test::GuiUnderTest;
using longlink::test::MosquittoBroker;
using longlink::test::PluginDrop;
namespace ui = longlink::ui;

namespace {
constexpr int kWaitMs = 20'000;

// The menu a right click on the message `id` opens, by action text
// (without the "&" of their shortcuts).
QStringList menuOf(GuiUnderTest &gui, const QString &id, QAction **action = nullptr,
        const QString &wanted = QString())
{
    ui::MessageView *view = gui.window()->messageView();
    const QModelIndex index
            = gui.controller()->messages()->index(gui.controller()->messages()->rowOf(id));
    const std::unique_ptr<QMenu> menu = view->menuFor(index, view->visualRect(index).center());
    QStringList texts;
    for (QAction *item : menu->actions()) {
        if (item->isSeparator())
            continue;
        const QString text = item->text().remove(u'&');
        texts.append(text);
        if (action && text == wanted)
            item->trigger();
    }
    return texts;
}

// alice at the window and bob on a plain client, both in the same rooms.
struct AliceAndBob
{
    explicit AliceAndBob(const longlink::test::BrokerFixture &env,
            const QStringList &rooms = { u"lobby"_s, u"random"_s })
        : alice(u"alice"_s, env.broker().url(), env.dataFor(u"alice"_s), rooms),
          bob(u"bob"_s, env.broker().url(), env.dataFor(u"bob"_s))
    {
        bob.config().rooms = rooms;
    }
    // Both open, connected and subscribed.
    bool open()
    {
        return alice.open() && bob.open()
                && QTest::qWaitFor(
                        [this] { return alice.connected() && bob.connected(); }, kWaitMs);
    }

    GuiUnderTest alice;
    ChatParticipant bob;
};

ChatStore::Delivery deliveryOf(GuiUnderTest &gui, const QString &id)
{
    const ui::MessageModel *model = gui.controller()->messages();
    const int row = model->rowOf(id);
    return row < 0 ? ChatStore::Delivery::Received : model->at(row).delivery;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { longlink::test::BrokerFixture::useTestPaths(); }
    void init();
    void cleanup();

    void composerSendShowsSendingThenSent();
    void shiftEnterAddsALine();
    void longMessageInABurstIsLaidOutWhole();
    void typingWorksOfflineAndTheMessageWaits();
    void messageTheDiskRefusedSaysNotSaved();
    void offlineReasonIsShownWholeWhenThereIsRoom();
    void messageFromAnotherClientBumpsUnreadOfAnotherRoom();
    void draftIsKeptPerRoom();
    void searchFindsAnOldMessageAndLoadsIt();
    void searchOfAllRoomsGoesToTheRoomAndMarksTheText();
    void ownMessageIsEditedAndDeletedFromItsMenu();
    void replyQuotesTheMessageAndAClickGoesThere();
    void roomOpensAtTheFirstUnreadAcrossARestart();
    void mentionIsCompletedShownAndHeardInAMutedRoom();
    void typingIsShownAndTold();
    void notificationOnlyWhenInactiveAndNotMuted();
    void swapNoteShowsAndMessagesStay();
    void keyboardSwitchesRooms();
    void narrowWindowKeepsTheConversation();
    void joinDialogKeepsWhatWasTyped();
    void widgetsHaveAccessibleNames();
    void settingsDialogChangesTakeEffectAtOnce();

private:
    longlink::test::BrokerFixture m_env;
    QString dataFor(const QString &user) const { return m_env.dataFor(user); }
};

void TestMainWindow::init()
{
    QVERIFY2(m_env.start(), qPrintable(m_env.errorString()));
}

void TestMainWindow::cleanup()
{
    m_env.stop();
}

void TestMainWindow::composerSendShowsSendingThenSent()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), { u"lobby"_s });
    QVERIFY(alice.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);

    alice.type(u"hello from the composer"_s);
    QVERIFY(alice.window()->composer()->text().isEmpty());
    const ui::MessageModel *model = alice.controller()->messages();
    QCOMPARE(model->rowCount(), 1);
    const QString id = model->at(0).message.id;
    QCOMPARE(model->at(0).message.text, u"hello from the composer"_s);
    QVERIFY(model->at(0).own);
    // Before the event loop runs, the broker cannot have acknowledged it.
    QCOMPARE(deliveryOf(alice, id), ChatStore::Delivery::Sending);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(alice, id), ChatStore::Delivery::Sent, kWaitMs);
    QCOMPARE(model->rowCount(), 1); // not shown twice when the store catches up

    // Reopening the room reads it back from the store, still sent.
    alice.controller()->setCurrentRoom(QString());
    alice.controller()->setCurrentRoom(u"lobby"_s);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, kWaitMs);
    QCOMPARE(deliveryOf(alice, id), ChatStore::Delivery::Sent);
}

// A burst arrives in one go while the room has no scrollbar yet; a long
// message in it brings the scrollbar, which narrows the text so it wraps
// onto more lines. Its row must grow with it, or the next bubble covers the
// end of the text and the time.
void TestMainWindow::longMessageInABurstIsLaidOutWhole()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), { u"lobby"_s });
    QVERIFY(alice.open());
    alice.window()->resize(640, 600);
    ChatParticipant bob(u"bob"_s, m_env.broker().url(), dataFor(u"bob"_s));
    bob.config().rooms = { u"lobby"_s };
    QVERIFY(bob.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected() && bob.connected(), kWaitMs);
    ui::MessageView *view = alice.window()->messageView();
    QVERIFY(!view->verticalScrollBar()->isVisible());
    const int wideViewport = view->viewport()->width();

    QStringList words;
    for (int i = 0; i < 120; ++i)
        words << u"word%1"_s.arg(i);
    QStringList burst;
    for (int i = 0; i < 14; ++i)
        burst << (i == 6 ? u"A long message "_s + words.join(u' ') : u"short %1"_s.arg(i));
    for (const QString &text : burst)
        bob.client->send(u"lobby"_s, text);
    QTRY_COMPARE_WITH_TIMEOUT(alice.messageTexts(), burst, kWaitMs);
    QTRY_VERIFY(view->verticalScrollBar()->isVisible());
    QVERIFY(view->viewport()->width() < wideViewport);

    // The view places each row where its last layout put it, and sizes it
    // from the delegate now: a row laid out for the wider text runs into
    // the next one.
    const ui::MessageModel *model = alice.controller()->messages();
    const auto overlap = [&]() -> QString {
        for (int row = 0; row + 1 < model->rowCount(); ++row) {
            const QRect rect = view->visualRect(model->index(row));
            const QRect next = view->visualRect(model->index(row + 1));
            if (rect.bottom() >= next.top())
                return u"row %1 ends at y %2, row %3 starts at y %4"_s.arg(row)
                        .arg(rect.bottom())
                        .arg(row + 1)
                        .arg(next.top());
        }
        return {};
    };
    QTRY_COMPARE_WITH_TIMEOUT(overlap(), QString(), 3000);
    bob.close();
}

void TestMainWindow::shiftEnterAddsALine()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), { u"lobby"_s });
    QVERIFY(alice.open());
    ui::Composer *composer = alice.window()->composer();
    QSignalSpy submitted(composer, &ui::Composer::submitted);
    composer->setFocus();
    QTest::keyClicks(composer, u"first"_s);
    QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(composer, u"second"_s);
    QCOMPARE(composer->text(), u"first\nsecond"_s);
    QCOMPARE(submitted.size(), 0);
    QTest::keyClick(composer, Qt::Key_Return);
    QCOMPARE(submitted.size(), 1);
    QCOMPARE(alice.messageTexts(), QStringList { u"first\nsecond"_s });
    // Enter on an empty composer sends nothing.
    QTest::keyClick(composer, Qt::Key_Return);
    QCOMPARE(submitted.size(), 1);
}

void TestMainWindow::typingWorksOfflineAndTheMessageWaits()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), { u"lobby"_s });
    QVERIFY(alice.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    QVERIFY(m_env.broker().stop());
    QTRY_VERIFY_WITH_TIMEOUT(!alice.connected(), kWaitMs);
    ui::StatusBarWidget *status = alice.window()->statusBarWidget();
    QTRY_VERIFY_WITH_TIMEOUT(status->stateText().startsWith(u"Offline"_s), kWaitMs);
    QVERIFY(status->isRetryVisible());

    alice.type(u"written while offline"_s);
    const QString id = alice.messageIds().value(0);
    QVERIFY(!id.isEmpty());
    QCOMPARE(deliveryOf(alice, id), ChatStore::Delivery::Sending);
    // Shown as queued once, and only once, it is on disk.
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(alice, id), ChatStore::Delivery::Queued, kWaitMs);
    QCOMPARE(alice.client()->store()->outboxSize(), 1);
    QTest::qWait(300);
    QCOMPARE(deliveryOf(alice, id), ChatStore::Delivery::Queued); // waiting is not failing
    // Reopening the room reads it back from the store: still queued.
    alice.controller()->setCurrentRoom(QString());
    alice.controller()->setCurrentRoom(u"lobby"_s);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(alice, id), ChatStore::Delivery::Queued, kWaitMs);

    QVERIFY2(m_env.broker().start(), qPrintable(m_env.broker().errorString()));
    // "Retry now" skips the backoff.
    auto *retry = alice.window()->statusBarWidget()->findChild<QPushButton *>(u"retryButton"_s);
    QVERIFY(retry);
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(alice, id), ChatStore::Delivery::Sent, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(status->stateText(), u"Connected"_s, kWaitMs);
    QVERIFY(!status->isRetryVisible());
}

// The status bar shows the whole offline reason while there is room for it,
// elides its end only in a narrow window, and offers a real button to retry.
void TestMainWindow::offlineReasonIsShownWholeWhenThereIsRoom()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), { u"lobby"_s });
    QVERIFY(alice.open());
    alice.window()->resize(1200, 700);
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    QVERIFY(m_env.broker().stop());
    ui::StatusBarWidget *status = alice.window()->statusBarWidget();
    // Once it has tried again: long, it names the address and why.
    QTRY_VERIFY_WITH_TIMEOUT(status->stateText().contains(u"connection refused by"_s), kWaitMs);
    const QString reason = status->stateText();
    QVERIFY2(reason.size() > 70, qPrintable(reason));
    QTRY_COMPARE(status->shownStateText(), status->stateText());

    alice.window()->resize(560, 700);
    QTRY_VERIFY2(
            status->shownStateText().endsWith(QChar(0x2026)), qPrintable(status->shownStateText()));
    const QString shown = status->shownStateText();
    QVERIFY2(status->stateText().startsWith(shown.chopped(1)), qPrintable(shown));
    QVERIFY(status->isRetryVisible()); // not pushed out by the reason

    alice.window()->resize(1200, 700);
    QTRY_COMPARE(status->shownStateText(), status->stateText());

    auto *retry = status->findChild<QPushButton *>(u"retryButton"_s);
    QVERIFY(retry);
    QVERIFY(!retry->isFlat()); // drawn as a button
    QVERIFY(retry->focusPolicy() & Qt::TabFocus); // and reached with Tab
}

void TestMainWindow::messageTheDiskRefusedSaysNotSaved()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), { u"lobby"_s });
    QVERIFY(alice.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    QVERIFY(m_env.broker().stop());
    QTRY_VERIFY_WITH_TIMEOUT(!alice.connected(), kWaitMs);
    QSignalSpy told(alice.controller(), &ui::ChatController::sendFailed);

    // The disk fills up: a file-size limit on this process just above what
    // the store's files hold now makes its next writes fail as on a full disk.
    std::signal(SIGXFSZ, SIG_IGN);
    qint64 largest = 0;
    const QDir data(dataFor(u"alice"_s));
    for (const QFileInfo &file : data.entryInfoList(QDir::Files))
        largest = std::max(largest, file.size());
    rlimit saved {};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    rlimit full = saved;
    full.rlim_cur = rlim_t(largest + 8 * 1024);
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &full), 0);
    auto restore = qScopeGuard([&saved] { ::setrlimit(RLIMIT_FSIZE, &saved); });
    QString refused;
    for (int i = 0; i < 200 && refused.isEmpty(); ++i) {
        alice.type(u"line %1 while the disk fills up"_s.arg(i));
        const QString id = alice.messageIds().constLast();
        QTRY_VERIFY_WITH_TIMEOUT(deliveryOf(alice, id) != ChatStore::Delivery::Sending, kWaitMs);
        if (deliveryOf(alice, id) == ChatStore::Delivery::NotStored)
            refused = id;
        else
            QCOMPARE(deliveryOf(alice, id), ChatStore::Delivery::Queued);
    }
    restore.dismiss();
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &saved), 0);
    QVERIFY2(!refused.isEmpty(), "the store never filled up");
    // Told at once, in words, besides the mark on the message.
    QVERIFY(told.size() >= 1);
    QVERIFY2(told.first().first().toString().contains(u"could not be saved"_s),
            qPrintable(told.first().first().toString()));
    const ui::MessageModel *model = alice.controller()->messages();
    QCOMPARE(model->at(model->rowOf(refused)).message.text.isEmpty(), false);
    QTest::qWait(300);
    QCOMPARE(deliveryOf(alice, refused), ChatStore::Delivery::NotStored);

    // It still goes out from memory once the server is back.
    QVERIFY2(m_env.broker().start(), qPrintable(m_env.broker().errorString()));
    alice.client()->reconnectNow(u"test"_s);
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(alice, refused), ChatStore::Delivery::Sent, kWaitMs);
}

void TestMainWindow::messageFromAnotherClientBumpsUnreadOfAnotherRoom()
{
    AliceAndBob chat(m_env);
    QVERIFY(chat.open());
    GuiUnderTest &alice = chat.alice;
    ChatParticipant &bob = chat.bob;
    alice.controller()->setWindowActive(true);
    ui::RoomListModel *rooms = alice.controller()->rooms();
    QCOMPARE(alice.controller()->currentRoom(), u"lobby"_s);

    bob.client->send(u"random"_s, u"over here"_s);
    QTRY_COMPARE_WITH_TIMEOUT(rooms->unread(u"random"_s), 1, kWaitMs);
    QCOMPARE(rooms->unread(u"lobby"_s), 0);
    QCOMPARE(alice.messageTexts(), QStringList()); // lobby shows nothing of it
    const QPersistentModelIndex randomRow = rooms->index(rooms->rowOf(u"random"_s));
    QCOMPARE(randomRow.data(ui::RoomListModel::UnreadRole).toInt(), 1);
    // The room with news comes first, with its last message under it.
    QCOMPARE(rooms->rooms(), (QStringList { u"random"_s, u"lobby"_s }));
    QCOMPARE(randomRow.data(ui::RoomListModel::LastTextRole).toString(), u"bob: over here"_s);

    bob.client->send(u"lobby"_s, u"and here"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice.messageTexts(), QStringList { u"and here"_s }, kWaitMs);
    QCOMPARE(rooms->rooms(), (QStringList { u"lobby"_s, u"random"_s }));
    QCOMPARE(alice.controller()->messages()->at(0).message.from, u"bob"_s);
    QCOMPARE(rooms->unread(u"lobby"_s), 0); // the room being read does not count
    QTRY_VERIFY_WITH_TIMEOUT(alice.controller()->members()->isOnline(u"bob"_s), kWaitMs);

    // Opening the room shows the message and clears its count.
    QListView *list = alice.window()->roomList();
    list->setCurrentIndex(randomRow);
    QCOMPARE(alice.controller()->currentRoom(), u"random"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice.messageTexts(), QStringList { u"over here"_s }, kWaitMs);
    QCOMPARE(rooms->unread(u"random"_s), 0);
    bob.close();
}

void TestMainWindow::draftIsKeptPerRoom()
{
    GuiUnderTest alice(
            u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), { u"lobby"_s, u"random"_s });
    QVERIFY(alice.open());
    ui::Composer *composer = alice.window()->composer();
    QTest::keyClicks(composer, u"half a thought"_s);
    alice.window()->switchToRoom(u"random"_s);
    QCOMPARE(composer->text(), QString());
    QTest::keyClicks(composer, u"another"_s);
    alice.window()->switchToRoom(u"lobby"_s);
    QCOMPARE(composer->text(), u"half a thought"_s);
    alice.window()->switchToRoom(u"random"_s);
    QCOMPARE(composer->text(), u"another"_s);
    QCOMPARE(alice.settings()->draft(u"lobby"_s), u"half a thought"_s); // kept across runs
}

void TestMainWindow::searchFindsAnOldMessageAndLoadsIt()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), { u"lobby"_s });
    QVERIFY(alice.open());
    // A long history written straight into the store.
    ChatStore *store = alice.client()->store();
    const int count = 5000;
    QVERIFY(store->transaction([&] {
        for (int i = 0; i < count; ++i) {
            ChatStore::StoredMessage stored;
            stored.message = { longlink::ChatMessage::newId(), u"lobby"_s, u"bob"_s,
                1'700'000'000'000 + i * 1000LL,
                i == 42 ? u"the needle in the haystack"_s : u"hay %1"_s.arg(i) };
            if (!store->addMessage(stored))
                return false;
        }
        return true;
    }));
    alice.controller()->setCurrentRoom(QString());
    alice.controller()->setCurrentRoom(u"lobby"_s);
    const ui::MessageModel *model = alice.controller()->messages();
    QVERIFY(model->rowCount() < count); // a page, not everything
    QVERIFY(model->canFetchOlder());

    alice.window()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(alice.window()));
    QTest::keySequence(alice.window(), QKeySequence::Find);
    QVERIFY(alice.window()->searchBar()->isVisible());
    QTest::keyClicks(alice.window()->searchBar()->field(), u"needle"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice.window()
                                      ->messageView()
                                      ->currentIndex()
                                      .data(ui::MessageModel::TextRole)
                                      .toString(),
            u"the needle in the haystack"_s, kWaitMs);
}

void TestMainWindow::searchOfAllRoomsGoesToTheRoomAndMarksTheText()
{
    AliceAndBob chat(m_env);
    QVERIFY(chat.open());
    GuiUnderTest &alice = chat.alice;
    ChatParticipant &bob = chat.bob;
    bob.client->send(u"lobby"_s, u"an old Kettle"_s);
    bob.client->send(u"lobby"_s, u"nothing here"_s);
    bob.client->send(u"random"_s, u"the blue kettle"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice.client()->history()->count(u"random"_s), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(alice.client()->history()->count(u"lobby"_s), 2, kWaitMs);

    alice.window()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(alice.window()));
    QTest::keySequence(alice.window(), QKeySequence::Find);
    ui::SearchBar *bar = alice.window()->searchBar();
    bar->allRoomsBox()->setChecked(true);
    QTest::keyClicks(bar->field(), u"kettle"_s);
    // The newest hit first, in the room it is in; its words are marked.
    ui::MessageView *view = alice.window()->messageView();
    QTRY_COMPARE_WITH_TIMEOUT(alice.controller()->currentRoom(), u"random"_s, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(view->currentIndex().data(ui::MessageModel::TextRole).toString(),
            u"the blue kettle"_s, kWaitMs);
    QCOMPARE(view->messageDelegate()->highlight(), u"kettle"_s);
    // Enter: the older one, in the other room.
    QTest::keyClick(bar->field(), Qt::Key_Return);
    QCOMPARE(alice.controller()->currentRoom(), u"lobby"_s);
    QCOMPARE(view->currentIndex().data(ui::MessageModel::TextRole).toString(), u"an old Kettle"_s);
    // Back to this room only: one hit.
    bar->allRoomsBox()->setChecked(false);
    QTRY_COMPARE_WITH_TIMEOUT(bar->findChild<QLabel *>()->text(), u"1 of 1"_s, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(view->currentIndex().data(ui::MessageModel::TextRole).toString(),
            u"an old Kettle"_s, kWaitMs);
    QTest::keyClick(bar->field(), Qt::Key_Escape);
    QCOMPARE(view->messageDelegate()->highlight(), QString());
    bob.close();
}

void TestMainWindow::ownMessageIsEditedAndDeletedFromItsMenu()
{
    AliceAndBob chat(m_env, { u"lobby"_s });
    QVERIFY(chat.open());
    GuiUnderTest &alice = chat.alice;
    ChatParticipant &bob = chat.bob;
    alice.window()->show();
    const ui::MessageModel *model = alice.controller()->messages();
    ui::Composer *composer = alice.window()->composer();
    ui::ComposerContextBar *bar = alice.window()->composerContextBar();

    alice.type(u"lunch at 12?"_s);
    const QString mine = model->at(0).message.id;
    QTRY_COMPARE_WITH_TIMEOUT(bob.receivedTexts(), QStringList { u"lunch at 12?"_s }, kWaitMs);
    bob.client->send(u"lobby"_s, u"which place?"_s);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, kWaitMs);
    const QString bobs = model->at(1).message.id;
    // Only one's own messages can be changed.
    QAction *action = nullptr;
    QCOMPARE(menuOf(alice, mine),
            (QStringList { u"Reply"_s, u"Edit"_s, u"Delete…"_s, u"Copy text"_s }));
    QCOMPARE(menuOf(alice, bobs), (QStringList { u"Reply"_s, u"Copy text"_s }));

    // Edit from the menu: the composer takes the text, the draft waits.
    QTest::keyClicks(composer, u"half a thought"_s);
    menuOf(alice, mine, &action, u"Edit"_s);
    QCOMPARE(bar->mode(), ui::ComposerContextBar::Mode::Edit);
    QVERIFY(bar->isVisibleTo(alice.window()));
    QCOMPARE(composer->text(), u"lunch at 12?"_s);
    QTest::keyClick(composer, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(composer, u"lunch at 1?"_s);
    QTest::keyClick(composer, Qt::Key_Return);
    QCOMPARE(bar->mode(), ui::ComposerContextBar::Mode::None);
    QCOMPARE(composer->text(), u"half a thought"_s);
    QTRY_COMPARE_WITH_TIMEOUT(
            alice.messageTexts(), (QStringList { u"lunch at 1?"_s, u"which place?"_s }), kWaitMs);
    const QModelIndex row = model->index(0);
    QVERIFY(row.data(ui::MessageModel::EditedRole).toBool());
    QVERIFY(row.data(Qt::AccessibleTextRole).toString().contains(u"(edited)"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bob.changes.size(), 1, kWaitMs);
    QCOMPARE(bob.changes[0].text, u"lunch at 1?"_s);
    QCOMPARE(model->rowCount(), 2); // an edit is not a message of its own

    // Up in an empty composer edits the last own message; Esc gives up.
    composer->clear();
    QTest::keyClick(composer, Qt::Key_Up);
    QCOMPARE(bar->mode(), ui::ComposerContextBar::Mode::Edit);
    QCOMPARE(bar->messageId(), mine);
    QCOMPARE(composer->text(), u"lunch at 1?"_s);
    QTest::keyClick(composer, Qt::Key_Escape);
    QCOMPARE(bar->mode(), ui::ComposerContextBar::Mode::None);
    QCOMPARE(composer->text(), QString());

    // Delete from the menu, after saying yes.
    QTimer::singleShot(0, this, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Yes)->click();
    });
    menuOf(alice, mine, &action, u"Delete…"_s);
    QTRY_VERIFY_WITH_TIMEOUT(row.data(ui::MessageModel::DeletedRole).toBool(), kWaitMs);
    QCOMPARE(row.data(ui::MessageModel::TextRole).toString(), QString());
    QCOMPARE(menuOf(alice, mine), QStringList()); // nothing to do with it any more
    QTRY_COMPARE_WITH_TIMEOUT(bob.changes.size(), 2, kWaitMs);
    QVERIFY(bob.changes[1].deleted);
    // The place stays, and so it is after a restart of the view.
    alice.controller()->setCurrentRoom(QString());
    alice.controller()->setCurrentRoom(u"lobby"_s);
    QCOMPARE(model->rowCount(), 2);
    QVERIFY(model->index(0).data(ui::MessageModel::DeletedRole).toBool());
    QVERIFY(!alice.window()->messageView()->grab().isNull()); // and it draws
    bob.close();
}

void TestMainWindow::replyQuotesTheMessageAndAClickGoesThere()
{
    AliceAndBob chat(m_env, { u"lobby"_s });
    QVERIFY(chat.open());
    GuiUnderTest &alice = chat.alice;
    ChatParticipant &bob = chat.bob;
    alice.window()->resize(900, 600);
    alice.window()->show();
    const ui::MessageModel *model = alice.controller()->messages();

    // bob asks, then a long chat follows: the question leaves the loaded page.
    const QString question = bob.client->send(u"lobby"_s, u"who has the keys?"_s);
    const int chatter = ui::MessageModel::kPageSize + 50;
    for (int i = 0; i < chatter; ++i)
        bob.client->send(u"lobby"_s, u"chatter %1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(
            alice.client()->store()->messageCount(u"lobby"_s), chatter + 1, kWaitMs);
    alice.controller()->setCurrentRoom(QString());
    alice.controller()->setCurrentRoom(u"lobby"_s);
    QCOMPARE(model->rowOf(question), -1);

    // alice answers it (as if from search): the composer says what it answers.
    const auto stored = alice.client()->message(question);
    QVERIFY(stored);
    QVERIFY(alice.window()->jumpToMessage(stored->rowId));
    alice.window()->startReply(question);
    ui::ComposerContextBar *bar = alice.window()->composerContextBar();
    QCOMPARE(bar->mode(), ui::ComposerContextBar::Mode::Reply);
    QCOMPARE(bar->title(), u"Replying to bob"_s);
    QCOMPARE(bar->quotedText(), u"who has the keys?"_s);
    alice.type(u"I do"_s);
    QCOMPARE(bar->mode(), ui::ComposerContextBar::Mode::None);
    QTRY_COMPARE_WITH_TIMEOUT(bob.receivedTexts(), QStringList { u"I do"_s }, kWaitMs);
    QCOMPARE(bob.received.first().replyTo, question);

    // Shown with its quote; after reopening, a click on the quote brings
    // the question back from the store and selects it.
    QTRY_COMPARE_WITH_TIMEOUT(
            alice.client()->store()->messageCount(u"lobby"_s), chatter + 2, kWaitMs);
    alice.controller()->setCurrentRoom(QString());
    alice.controller()->setCurrentRoom(u"lobby"_s);
    QCOMPARE(model->rowOf(question), -1);
    const int replyRow = model->rowCount() - 1;
    const QModelIndex reply = model->index(replyRow);
    QCOMPARE(reply.data(ui::MessageModel::QuotedSenderRole).toString(), u"bob"_s);
    QCOMPARE(reply.data(ui::MessageModel::QuotedTextRole).toString(), u"who has the keys?"_s);
    QVERIFY(reply.data(Qt::AccessibleTextRole).toString().contains(u"in reply to bob"_s));
    ui::MessageView *view = alice.window()->messageView();
    view->scrollToBottom();
    QTRY_VERIFY(view->visualRect(reply).isValid()
            && view->viewport()->rect().contains(view->visualRect(reply).center()));
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.font = view->font();
    option.rect = view->visualRect(reply);
    option.widget = view;
    QPoint onQuote;
    for (int y = option.rect.top(); y <= option.rect.bottom() && onQuote.isNull(); y += 2) {
        for (int x = option.rect.left(); x <= option.rect.right(); x += 4) {
            if (view->messageDelegate()->hitTest(option, reply, { x, y }).kind
                    == ui::MessageDelegate::HitKind::Quote) {
                onQuote = { x, y };
                break;
            }
        }
    }
    QVERIFY2(!onQuote.isNull(), "the reply shows no quote");
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, onQuote);
    QTRY_COMPARE_WITH_TIMEOUT(
            view->currentIndex().data(ui::MessageModel::IdRole).toString(), question, kWaitMs);
    bob.close();
}

void TestMainWindow::roomOpensAtTheFirstUnreadAcrossARestart()
{
    const QStringList rooms { u"lobby"_s, u"random"_s };
    ChatParticipant bob(u"bob"_s, m_env.broker().url(), dataFor(u"bob"_s));
    bob.config().rooms = rooms;
    QVERIFY(bob.open());
    {
        GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), rooms);
        QVERIFY(alice.open());
        QTRY_VERIFY_WITH_TIMEOUT(alice.connected() && bob.connected(), kWaitMs);
        alice.controller()->setWindowActive(true);
        bob.client->send(u"lobby"_s, u"read while looking"_s);
        QTRY_COMPARE_WITH_TIMEOUT(
                alice.messageTexts(), QStringList { u"read while looking"_s }, kWaitMs);
        QCOMPARE(alice.controller()->rooms()->unread(u"lobby"_s), 0);
    } // alice quits; bob goes on
    const int unread = 2 * ui::MessageModel::kPageSize;
    for (int i = 0; i < unread; ++i)
        bob.client->send(u"lobby"_s, u"while you were away %1"_s.arg(i));
    bob.client->send(u"random"_s, u"elsewhere 1"_s);
    bob.client->send(u"random"_s, u"elsewhere 2"_s);
    QTRY_COMPARE_WITH_TIMEOUT(bob.sent.size(), unread + 3, kWaitMs);

    {
        // Delivered to a run without a window (nobody read them).
        ChatParticipant headless(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s));
        headless.config().rooms = rooms;
        QVERIFY(headless.open());
        QTRY_COMPARE_WITH_TIMEOUT(headless.received.size(), unread + 2, kWaitMs);
        headless.close();
    }
    // The next run starts from the store: still unread, in both rooms.
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), rooms);
    QVERIFY(alice.open());
    ui::RoomListModel *list = alice.controller()->rooms();
    QCOMPARE(list->unread(u"lobby"_s), unread);
    QCOMPARE(list->unread(u"random"_s), 2);
    const ui::MessageModel *model = alice.controller()->messages();
    ui::MessageView *view = alice.window()->messageView();
    // The room opens at the first unread message, marked, at the top.
    QVERIFY(!alice.controller()->unreadMarker().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(alice.controller()->unreadMarker()) >= 0, kWaitMs);
    const int marked = model->rowOf(alice.controller()->unreadMarker());
    QCOMPARE(model->at(marked).message.text, u"while you were away 0"_s);
    QVERIFY(model->index(marked).data(ui::MessageModel::FirstUnreadRole).toBool());
    QVERIFY(!model->index(marked + 1).data(ui::MessageModel::FirstUnreadRole).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(view->currentIndex().row() == marked, kWaitMs);
    const QRect markedRect = view->visualRect(model->index(marked));
    QVERIFY2(markedRect.top() <= view->viewport()->height() / 4 && markedRect.bottom() > 0,
            qPrintable(u"the first unread is at y=%1"_s.arg(markedRect.top())));
    QVERIFY(view->jumpToNewestButton()->isVisible());

    // A new message while reading above: counted on the button, not scrolled to.
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    bob.client->send(u"lobby"_s, u"one more"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(view->jumpToNewestButton()->text().contains(u"1 new"_s),
            qPrintable(u"button: %1, rows %2, last %3"_s.arg(view->jumpToNewestButton()->text())
                               .arg(model->rowCount())
                               .arg(model->at(model->rowCount() - 1).message.text)),
            kWaitMs);
    // Still reading where she was: the first unread is still on screen.
    QVERIFY(!view->isAtBottom());
    const QRect stillThere = view->visualRect(model->index(marked));
    QVERIFY2(view->viewport()->rect().intersects(stillThere),
            qPrintable(u"the first unread moved to y=%1"_s.arg(stillThere.top())));
    QTest::mouseClick(view->jumpToNewestButton(), Qt::LeftButton);
    QTRY_VERIFY(view->isAtBottom());
    QVERIFY(!view->jumpToNewestButton()->isVisible());

    // Looking at the window reads the room, and that is kept too.
    alice.controller()->setWindowActive(true);
    QCOMPARE(list->unread(u"lobby"_s), 0);
    QCOMPARE(list->unread(u"random"_s), 2);
    alice.controller()->setCurrentRoom(u"random"_s);
    QCOMPARE(list->unread(u"random"_s), 0);
    QCOMPARE(alice.controller()->unreadMarker(), model->at(0).message.id);
    bob.close();
}

void TestMainWindow::mentionIsCompletedShownAndHeardInAMutedRoom()
{
    AliceAndBob chat(m_env);
    QVERIFY(chat.open());
    GuiUnderTest &alice = chat.alice;
    ChatParticipant &bob = chat.bob;
    // bob is in the room before he writes a word.
    QTRY_VERIFY_WITH_TIMEOUT(alice.controller()->members()->members().contains(u"bob"_s), kWaitMs);
    bob.client->send(u"lobby"_s, u"hi all"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice.messageTexts(), QStringList { u"hi all"_s }, kWaitMs);

    // "@b" offers bob (not alice herself); Enter in the list puts him in.
    ui::Composer *composer = alice.window()->composer();
    composer->setFocus();
    QTest::keyClicks(composer, u"@B"_s);
    QCompleter *completer = composer->mentionCompleter();
    QTRY_VERIFY(completer->popup()->isVisible());
    QCOMPARE(completer->completionCount(), 1);
    QCOMPARE(completer->currentCompletion(), u"bob"_s);
    QTest::keyClick(completer->popup(), Qt::Key_Return);
    QCOMPARE(composer->text(), u"@bob "_s);
    QVERIFY(!completer->popup()->isVisible());
    alice.type(u"are you in?"_s);
    QTRY_COMPARE_WITH_TIMEOUT(bob.receivedTexts(), QStringList { u"@bob are you in?"_s }, kWaitMs);

    // In a muted room only a message that names her is heard; it stands
    // out where it is shown.
    alice.controller()->setMuted(u"random"_s, true);
    alice.controller()->setWindowActive(false);
    ui::Notifier *notifier = alice.window()->notifier();
    bob.client->send(u"random"_s, u"just chatting"_s);
    bob.client->send(u"random"_s, u"@alice have a look"_s);
    QTRY_COMPARE_WITH_TIMEOUT(notifier->notificationCount(), 1, kWaitMs);
    QVERIFY(notifier->lastNotification().contains(u"@alice have a look"_s));
    QTRY_COMPARE_WITH_TIMEOUT(alice.controller()->rooms()->unread(u"random"_s), 2, kWaitMs);
    QCOMPARE(notifier->notificationCount(), 1);
    // Not when she said so.
    alice.settings()->setMentionsInMutedRooms(false);
    bob.client->send(u"random"_s, u"@alice again"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice.controller()->rooms()->unread(u"random"_s), 3, kWaitMs);
    QCOMPARE(notifier->notificationCount(), 1);

    alice.window()->switchToRoom(u"random"_s);
    const ui::MessageModel *model = alice.controller()->messages();
    QCOMPARE(alice.messageTexts(),
            (QStringList { u"just chatting"_s, u"@alice have a look"_s, u"@alice again"_s }));
    QVERIFY(!model->index(0).data(ui::MessageModel::MentionsMeRole).toBool());
    QVERIFY(model->index(1).data(ui::MessageModel::MentionsMeRole).toBool());
    QVERIFY(ui::MessageDelegate::toHtml(u"hey @alice!"_s).contains(u"<b>@alice</b>"_s));
    bob.close();
}

void TestMainWindow::typingIsShownAndTold()
{
    AliceAndBob chat(m_env);
    QVERIFY(chat.open());
    GuiUnderTest &alice = chat.alice;
    ChatParticipant &bob = chat.bob;
    ChatParticipant carol(u"carol"_s, m_env.broker().url(), dataFor(u"carol"_s));
    QVERIFY(carol.open());
    QTRY_VERIFY_WITH_TIMEOUT(carol.connected(), kWaitMs);
    alice.controller()->setTypingExpiryMs(1500);
    QLabel *line = alice.window()->typingLine();

    // Others typing here are named; elsewhere they are not.
    bob.client->setTyping(u"lobby"_s, true);
    QTRY_COMPARE_WITH_TIMEOUT(line->text(), u"bob is typing…"_s, kWaitMs);
    carol.client->setTyping(u"lobby"_s, true);
    QTRY_COMPARE_WITH_TIMEOUT(line->text(), u"bob and carol are typing…"_s, kWaitMs);
    carol.client->setTyping(u"lobby"_s, false);
    QTRY_COMPARE_WITH_TIMEOUT(line->text(), u"bob is typing…"_s, kWaitMs);
    alice.window()->switchToRoom(u"random"_s);
    QCOMPARE(line->text(), QString());
    alice.window()->switchToRoom(u"lobby"_s);
    QCOMPARE(line->text(), u"bob is typing…"_s);
    // bob's client went quiet without saying so: it lapses.
    QTRY_COMPARE_WITH_TIMEOUT(line->text(), QString(), kWaitMs);
    // A message from a typist ends his typing at once.
    bob.client->setTyping(u"lobby"_s, true);
    QTRY_COMPARE_WITH_TIMEOUT(line->text(), u"bob is typing…"_s, kWaitMs);
    bob.client->send(u"lobby"_s, u"done"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice.messageTexts(), QStringList { u"done"_s }, kWaitMs);
    QCOMPARE(line->text(), QString());

    // alice types: the room hears it once, not per key; sending ends it.
    ui::Composer *composer = alice.window()->composer();
    composer->setFocus();
    QTest::keyClicks(composer, u"on my way"_s);
    QTRY_COMPARE_WITH_TIMEOUT(
            bob.typing.filter(u"alice"_s), QStringList { u"lobby alice typing"_s }, kWaitMs);
    QTest::keyClick(composer, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(bob.typing.filter(u"alice"_s),
            (QStringList { u"lobby alice typing"_s, u"lobby alice stopped"_s }), kWaitMs);
    // A draft put back by switching rooms is no typing.
    QTest::keyClicks(composer, u"later"_s);
    alice.window()->switchToRoom(u"random"_s);
    alice.window()->switchToRoom(u"lobby"_s);
    QCOMPARE(composer->text(), u"later"_s);
    QTRY_COMPARE_WITH_TIMEOUT(bob.typing.filter(u"alice"_s).size(), 4, kWaitMs);
    QTest::qWait(300);
    QCOMPARE(bob.typing.filter(u"alice"_s).size(), 4);
    bob.close();
    carol.close();
}

void TestMainWindow::notificationOnlyWhenInactiveAndNotMuted()
{
    AliceAndBob chat(m_env);
    QVERIFY(chat.open());
    GuiUnderTest &alice = chat.alice;
    ChatParticipant &bob = chat.bob;
    ui::Notifier *notifier = alice.window()->notifier();
    alice.controller()->setMuted(u"random"_s, true);
    QVERIFY(alice.controller()->rooms()->isMuted(u"random"_s));

    alice.controller()->setWindowActive(true);
    bob.client->send(u"lobby"_s, u"while you look"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice.messageTexts().size(), 1, kWaitMs);
    QCOMPARE(notifier->notificationCount(), 0);

    alice.controller()->setWindowActive(false);
    bob.client->send(u"random"_s, u"muted room"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice.controller()->rooms()->unread(u"random"_s), 1, kWaitMs);
    QCOMPARE(notifier->notificationCount(), 0);
    QCOMPARE(alice.controller()->rooms()->totalUnread(), 0); // muted rooms do not count

    bob.client->send(u"lobby"_s, u"are you there?"_s);
    QTRY_COMPARE_WITH_TIMEOUT(notifier->notificationCount(), 1, kWaitMs);
    QVERIFY(notifier->lastNotification().contains(u"are you there?"_s));
    QCOMPARE(alice.controller()->rooms()->totalUnread(), 1);
    QVERIFY(alice.window()->windowTitle().contains(u"(1)"_s));
    alice.controller()->setWindowActive(true);
    QCOMPARE(alice.controller()->rooms()->totalUnread(), 0);
    bob.close();
}

// The note a person sees after a real swap: a newer tcp plugin dropped into
// a watched folder takes over; the note names both versions and how long
// the move took, and the messages stay as they were.
void TestMainWindow::swapNoteShowsAndMessagesStay()
{
    QTemporaryDir dropFolder;
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), { u"lobby"_s },
            { dropFolder.path() });
    QVERIFY(alice.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    QCOMPARE(alice.client()->transportVersion(), u"1.0.0"_s);
    for (int i = 0; i < 5; ++i)
        alice.type(u"before the swap %1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(alice.client()->unacknowledgedCount(), 0, kWaitMs);
    const QStringList before = alice.messageIds();
    QCOMPARE(before.size(), 5);
    ui::StatusBarWidget *status = alice.window()->statusBarWidget();
    QCOMPARE(status->noteText(), QString());
    QSignalSpy swapped(alice.client(), &ChatClient::transportSwapped);

    QVERIFY(!PluginDrop::drop(PluginDrop::Style::RenameOver,
            PluginDrop::read(QStringLiteral(LONGLINK_UI_TEST_TCP_V11)), dropFolder.path(),
            u"liblonglink-tcp-1.1.so"_s)
                     .isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(swapped.size(), 1, kWaitMs);
    QCOMPARE(swapped.first().at(2).toString(), u"1.1.0"_s);
    const QString note = status->noteText();
    QVERIFY2(note.contains(u"1.0.0"_s) && note.contains(u"1.1.0"_s), qPrintable(note));
    // From the file being noticed to the session on the new plugin: never
    // negative, and the number the core reported.
    const QRegularExpressionMatch took = QRegularExpression(u" (-?\\d+) ms"_s).match(note);
    QVERIFY2(took.hasMatch(), qPrintable(note));
    QVERIFY2(took.captured(1).toLongLong() >= 0, qPrintable(note));
    QCOMPARE(took.captured(1).toLongLong(), swapped.first().at(3).toLongLong());
    QVERIFY2(note.contains(u"0 message"_s),
            qPrintable(note)); // "0 messages affected" once translated
    QTRY_COMPARE_WITH_TIMEOUT(status->transportText(), u"tcp 1.1.0"_s, kWaitMs);
    QCOMPARE(alice.messageIds(), before);
    const auto *log = alice.controller()->transportLog();
    bool logged = false;
    for (int row = 0; row < log->rowCount(); ++row)
        logged |= log->index(row, ui::TransportEventLog::StepColumn).data().toString()
                == u"swapped"_s;
    QVERIFY(logged);
}

void TestMainWindow::keyboardSwitchesRooms()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s),
            { u"alpha"_s, u"bravo"_s, u"charlie"_s });
    QVERIFY(alice.open());
    QCOMPARE(alice.controller()->currentRoom(), u"alpha"_s);
    alice.window()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(alice.window()));
    QTest::keyClick(alice.window(), Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(alice.controller()->currentRoom(), u"bravo"_s);
    QTest::keyClick(alice.window(), Qt::Key_3, Qt::AltModifier);
    QCOMPARE(alice.controller()->currentRoom(), u"charlie"_s);
    QTest::keyClick(alice.window(), Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(alice.controller()->currentRoom(), u"bravo"_s);
    QTest::keyClick(alice.window(), Qt::Key_PageDown, Qt::ControlModifier);
    QTest::keyClick(alice.window(), Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(alice.controller()->currentRoom(), u"alpha"_s); // wraps around
}

// A name the topics cannot carry is explained while it is typed and cannot
// be submitted; the dialog stays with what was typed, to be corrected.
void TestMainWindow::joinDialogKeepsWhatWasTyped()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), { u"lobby"_s });
    QVERIFY(alice.open());
    alice.window()->showJoinRoom();
    ui::JoinRoomDialog *dialog = alice.window()->joinRoomDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QPushButton *join = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!join->isEnabled()); // nothing typed yet
    QVERIFY(dialog->problem().isEmpty()); // and no complaint about it

    QTest::keyClicks(dialog->nameEdit(), u"team room"_s);
    QVERIFY(!join->isEnabled());
    QVERIFY2(dialog->problem().contains(u"no spaces"_s), qPrintable(dialog->problem()));
    QTest::keyClick(dialog->nameEdit(), Qt::Key_Return);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->nameEdit()->text(), u"team room"_s);
    QCOMPARE(alice.controller()->rooms()->rooms(), QStringList { u"lobby"_s });

    // Corrected in place, it joins and opens the room.
    dialog->nameEdit()->setCursorPosition(4);
    QTest::keyClick(dialog->nameEdit(), Qt::Key_Delete);
    QTest::keyClicks(dialog->nameEdit(), u"-"_s);
    QCOMPARE(dialog->nameEdit()->text(), u"team-room"_s);
    QVERIFY(join->isEnabled());
    QVERIFY(dialog->problem().isEmpty());
    QTest::mouseClick(join, Qt::LeftButton);
    QTRY_VERIFY(!alice.window()->joinRoomDialog());
    QCOMPARE(alice.controller()->currentRoom(), u"team-room"_s);
    QVERIFY(alice.controller()->rooms()->rooms().contains(u"team-room"_s));
}

// A narrow window gives the side panes' room to the conversation, members
// first, then rooms, and takes them back when it widens.
void TestMainWindow::narrowWindowKeepsTheConversation()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), { u"lobby"_s });
    QVERIFY(alice.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    ui::MainWindow *window = alice.window();
    window->resize(1100, 700);
    QTRY_COMPARE(window->width(), 1100);
    QVERIFY(window->roomsPane()->isVisible());
    QVERIFY(window->membersPane()->isVisible());

    window->resize(700, 700);
    QTRY_COMPARE(window->width(), 700);
    QVERIFY(!window->membersPane()->isVisible());
    QVERIFY(window->roomsPane()->isVisible());

    window->resize(380, 600);
    QTRY_COMPARE(window->width(), 380); // nothing holds it wider
    QVERIFY(!window->roomsPane()->isVisible());
    QTRY_VERIFY2(window->messageView()->width() >= 360,
            qPrintable(QString::number(window->messageView()->width())));
    QVERIFY(window->composer()->isVisible());

    window->resize(1100, 700);
    QTRY_COMPARE(window->width(), 1100);
    QVERIFY(window->roomsPane()->isVisible());
    QVERIFY(window->membersPane()->isVisible());
}

void TestMainWindow::widgetsHaveAccessibleNames()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), { u"lobby"_s });
    QVERIFY(alice.open());
    ui::MainWindow *window = alice.window();
    const QList<QWidget *> widgets = { window->composer(), window->messageView(),
        window->roomList(), window->memberList(), window->searchBar()->field() };
    for (QWidget *widget : widgets)
        QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
    for (auto *button : window->findChildren<QAbstractButton *>()) {
        // Qt's own buttons (a line edit's clear button, the menu bar's
        // overflow) are named by Qt's accessibility.
        if (qobject_cast<QLineEdit *>(button->parentWidget())
                || button->objectName().startsWith(u"qt_"_s))
            continue;
        QVERIFY2(!button->accessibleName().isEmpty() || !button->text().isEmpty(),
                qPrintable(button->objectName() + u" in "_s
                        + QString::fromLatin1(button->parentWidget()->metaObject()->className())));
    }
}

void TestMainWindow::settingsDialogChangesTakeEffectAtOnce()
{
    GuiUnderTest alice(
            u"alice"_s, m_env.broker().url(), dataFor(u"alice"_s), { u"lobby"_s, u"random"_s });
    QVERIFY(alice.open());
    ui::MainWindow *window = alice.window();
    ui::Settings *settings = alice.settings();
    QSignalSpy forget(window, &ui::MainWindow::forgetPasswordRequested);
    QSignalSpy language(window, &ui::MainWindow::languageChosen);
    window->showSettings();
    ui::SettingsDialog *dialog = window->settingsDialog();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->tabs()->count(), 4);
    auto box = [dialog](const QString &words) {
        for (QCheckBox *check : dialog->findChildren<QCheckBox *>()) {
            if (check->text().remove(u'&').contains(words))
                return check;
        }
        return static_cast<QCheckBox *>(nullptr);
    };
    auto button = [dialog](const QString &words) {
        for (QPushButton *push : dialog->findChildren<QPushButton *>()) {
            if (push->text().remove(u'&').contains(words))
                return push;
        }
        return static_cast<QPushButton *>(nullptr);
    };

    // Each change is the setting at once, and the View menu follows.
    QVERIFY(settings->notificationsEnabled());
    box(u"desktop notification"_s)->click();
    QVERIFY(!settings->notificationsEnabled());
    box(u"mentions me"_s)->click();
    QVERIFY(!settings->mentionsInMutedRooms());
    QVERIFY(alice.controller()->rooms()->sortByActivity());
    box(u"recent activity"_s)->click();
    QVERIFY(!settings->roomsByActivity());
    QVERIFY(!alice.controller()->rooms()->sortByActivity());
    window->resize(1200, 700);
    QTRY_VERIFY(window->membersPane()->isVisible());
    box(u"who is in the room"_s)->click();
    QTRY_VERIFY(!window->membersPane()->isVisible());
    QComboBox *theme = nullptr;
    QComboBox *languages = nullptr;
    for (QComboBox *combo : dialog->findChildren<QComboBox *>())
        (combo->findData(int(ui::Settings::Theme::Dark)) >= 0 ? theme : languages) = combo;
    QVERIFY(theme && languages);
    theme->setCurrentIndex(theme->findData(int(ui::Settings::Theme::Dark)));
    QCOMPARE(settings->theme(), ui::Settings::Theme::Dark);
    languages->setCurrentIndex(languages->findData(u"zh_CN"_s));
    QTRY_COMPARE(language.size(), 1);
    QCOMPARE(language.first().first().toString(), u"zh_CN"_s);
    button(u"Forget the saved password"_s)->click();
    QCOMPARE(forget.size(), 1);
    // Named for a screen reader, like the window's own.
    for (auto *control : dialog->findChildren<QAbstractButton *>()) {
        if (qobject_cast<QLineEdit *>(control->parentWidget()))
            continue;
        QVERIFY2(!control->accessibleName().isEmpty() || !control->text().isEmpty(),
                qPrintable(control->objectName()));
    }
    for (auto *field : dialog->findChildren<QLineEdit *>()) {
        if (qobject_cast<QComboBox *>(field->parentWidget()))
            continue;
        QVERIFY2(!field->accessibleName().isEmpty(), qPrintable(field->placeholderText()));
    }
    // And the settings are kept.
    settings->sync();
    ui::Settings again(QDir(dataFor(u"alice"_s)).filePath(u"gui.ini"_s)); // GuiUnderTest's file
    QVERIFY(!again.notificationsEnabled());
    QCOMPARE(again.theme(), ui::Settings::Theme::Dark);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
