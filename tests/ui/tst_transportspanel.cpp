// The transports panel against a real host and broker: a plugin dropped
// into a watched folder shows up live, a broken one with its reason, a swap
// to a newer plugin shows its note while the messages stay as they were, a
// plugin that fails after taking over is shown rejected and the old one as
// the carrier again, and a choice made by hand is shown and can be undone.
#include "brokerfixture.h"
#include "messagemodel.h"
#include "mosquittobroker.h"
#include "statusbarwidget.h"
#include "transporteventlog.h"
#include "transportpluginmodel.h"
#include "transportspanel.h"
#include "uitestsupport.h"

#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QScopeGuard>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTableView>

using namespace Qt::StringLiterals;
using longlink::ChatClient;
using longlink::TransportPluginInfo;
using longlink::test::GuiUnderTest;
using longlink::test::MosquittoBroker;
namespace ui = longlink::ui;

namespace {
constexpr int kWaitMs = 20'000;

QString fixture(const QString &which)
{
    return QStringLiteral(LONGLINK_TEST_PLUGINS) + u'/' + which + u"/liblonglink-fixture-"_s + which
            + u".so"_s;
}

// Copies like a person dropping a file: to a temporary name, then a rename.
bool drop(const QString &from, const QString &folder, const QString &name, qint64 truncateTo = -1)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly))
        return false;
    QByteArray bytes = source.readAll();
    if (truncateTo >= 0)
        bytes.truncate(truncateTo);
    const QString temporary = folder + u"/.part-"_s + name;
    QFile target(temporary);
    if (!target.open(QIODevice::WriteOnly) || target.write(bytes) != bytes.size())
        return false;
    target.close();
    target.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
            | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
            | QFileDevice::ExeOther);
    return QFile::rename(temporary, folder + u'/' + name);
}
} // namespace

class TestTransportsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { longlink::test::BrokerFixture::useTestPaths(); }
    void init();
    void cleanup();

    void listsTheActivePlugin();
    void droppedPluginAppearsLive_data();
    void droppedPluginAppearsLive();
    void useThisPinsAnAvailablePlugin();
    void pinIsShownAndCanBeUndone();
    void liveSwapShowsNoteAndKeepsMessages();
    void rollbackIsShownInStatusBarAndPanel();
    void contractWarningIsListedWithThePlugin();
    void escapeClosesThePanel();

private:
    longlink::test::BrokerFixture m_env;
    std::unique_ptr<QTemporaryDir> m_dropFolder;
};

void TestTransportsPanel::init()
{
    QVERIFY2(m_env.start(), qPrintable(m_env.errorString()));
    m_dropFolder = std::make_unique<QTemporaryDir>();
}

void TestTransportsPanel::cleanup()
{
    m_dropFolder.reset();
    m_env.stop();
}

void TestTransportsPanel::listsTheActivePlugin()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s), { u"lobby"_s },
            { m_dropFolder->path() });
    QVERIFY(alice.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    ui::TransportsPanel *panel = alice.window()->transportsPanel();
    panel->show();
    ui::TransportPluginModel *model = panel->pluginModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 1, kWaitMs);
    const TransportPluginInfo first = model->info(0);
    QCOMPARE(first.name, u"tcp"_s);
    QCOMPARE(first.state, TransportPluginInfo::State::Active);
    QCOMPARE(model->index(0, ui::TransportPluginModel::StateColumn).data().toString(), u"active"_s);
    QCOMPARE(model->index(0, ui::TransportPluginModel::HashColumn).data().toString().size(), 12);
    QVERIFY(model->index(0, ui::TransportPluginModel::SchemesColumn)
                    .data()
                    .toString()
                    .contains(u"mqtt"_s));
    QVERIFY(alice.window()->statusBarWidget()->transportText().startsWith(u"tcp 1.0.0"_s));
    // The host's event log is below: it saw the plugin found and made active.
    QTRY_VERIFY_WITH_TIMEOUT(panel->logView()->model()->rowCount() >= 2, kWaitMs);
}

void TestTransportsPanel::droppedPluginAppearsLive_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<qint64>("truncateTo");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("reasonContains");
    QTest::newRow("good") << fixture(u"good"_s) << qint64(-1)
                          << int(TransportPluginInfo::State::Available) << QString();
    QTest::newRow("wrong interface") << fixture(u"wrongiid"_s) << qint64(-1)
                                     << int(TransportPluginInfo::State::Rejected) << u"interface"_s;
    QTest::newRow("newer SDK") << fixture(u"badapi"_s) << qint64(-1)
                               << int(TransportPluginInfo::State::Rejected) << u"SDK"_s;
    QTest::newRow("no schemes") << fixture(u"noschemes"_s) << qint64(-1)
                                << int(TransportPluginInfo::State::Rejected) << u"schemes"_s;
    QTest::newRow("truncated") << fixture(u"good"_s) << qint64(4096)
                               << int(TransportPluginInfo::State::Rejected) << u"ends"_s;
}

void TestTransportsPanel::droppedPluginAppearsLive()
{
    QFETCH(QString, source);
    QFETCH(qint64, truncateTo);
    QFETCH(int, state);
    QFETCH(QString, reasonContains);
    QVERIFY2(QFileInfo::exists(source), qPrintable(source));

    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s), { u"lobby"_s },
            { m_dropFolder->path() });
    QVERIFY(alice.open());
    ui::TransportsPanel *panel = alice.window()->transportsPanel();
    panel->show();
    ui::TransportPluginModel *model = panel->pluginModel();
    const QString dropped = m_dropFolder->filePath(u"liblonglink-dropped.so"_s);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 1, kWaitMs);
    QCOMPARE(model->rowOfFile(dropped), -1);
    const int logRows = alice.controller()->transportLog()->rowCount();

    // Nobody calls rescan(): the host watches its folders.
    QVERIFY(drop(source, m_dropFolder->path(), u"liblonglink-dropped.so"_s, truncateTo));
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOfFile(dropped) >= 0, kWaitMs);
    int row = model->rowOfFile(dropped);
    if (state == int(TransportPluginInfo::State::Available)) {
        // Tried in a separate process before it may be loaded, and shown so.
        QCOMPARE(model->info(row).state, TransportPluginInfo::State::Checking);
        QCOMPARE(model->index(row, ui::TransportPluginModel::StateColumn).data().toString(),
                u"checking"_s);
        QTRY_COMPARE_WITH_TIMEOUT(model->info(model->rowOfFile(dropped)).state,
                TransportPluginInfo::State::Available, kWaitMs);
        row = model->rowOfFile(dropped);
    }
    const TransportPluginInfo info = model->info(row);
    QCOMPARE(int(info.state), state);
    const QString shown
            = model->index(row, ui::TransportPluginModel::StateColumn).data().toString();
    if (reasonContains.isEmpty()) {
        QCOMPARE(shown, u"available"_s);
    } else {
        QVERIFY2(info.reason.contains(reasonContains), qPrintable(info.reason));
        // The reason is on screen, not only in a tooltip.
        QVERIFY2(shown.startsWith(u"rejected: "_s) && shown.contains(info.reason),
                qPrintable(shown));
    }
    // Which file it is, named first, so two builds of one version differ.
    QCOMPARE(model->index(row, ui::TransportPluginModel::FileColumn).data().toString(),
            u"liblonglink-dropped.so in "_s + QDir::toNativeSeparators(m_dropFolder->path()));
    // And the host's log says so.
    ui::TransportEventLog *log = alice.controller()->transportLog();
    QTRY_VERIFY_WITH_TIMEOUT(log->rowCount() > logRows, kWaitMs);
    if (reasonContains.isEmpty()) {
        // The fixture serves "test", the server is mqtt: found, and said why
        // it is not used.
        auto cell = [log](int logRow, int column) {
            return log->index(logRow, column).data().toString();
        };
        auto ignoredRow = [&] {
            for (int logRow = logRows; logRow < log->rowCount(); ++logRow) {
                if (cell(logRow, ui::TransportEventLog::StepColumn) == u"ignored")
                    return logRow;
            }
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(ignoredRow() > logRows, kWaitMs);
        const int ignored = ignoredRow();
        QCOMPARE(cell(ignored, ui::TransportEventLog::DetailColumn),
                u"serves test, the server is mqtt"_s);
        QCOMPARE(cell(ignored - 1, ui::TransportEventLog::StepColumn), u"discovered"_s);
        QCOMPARE(cell(ignored - 1, ui::TransportEventLog::PluginColumn),
                cell(ignored, ui::TransportEventLog::PluginColumn));
    } else {
        QCOMPARE(log->index(log->rowCount() - 1, ui::TransportEventLog::StepColumn)
                         .data()
                         .toString(),
                u"rejected"_s);
    }
}

void TestTransportsPanel::useThisPinsAnAvailablePlugin()
{
    QVERIFY(drop(QStringLiteral(LONGLINK_UI_TEST_TCP_V11), m_dropFolder->path(),
            u"liblonglink-tcp-1.1.so"_s));
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s), { u"lobby"_s },
            { m_dropFolder->path() });
    QVERIFY(alice.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    QCOMPARE(alice.client()->transportVersion(), u"1.1.0"_s); // the highest wins at start
    ui::TransportsPanel *panel = alice.window()->transportsPanel();
    panel->show();
    ui::TransportPluginModel *model = panel->pluginModel();
    int older = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->info(row).name == u"tcp"_s
                && model->info(row).version == QVersionNumber(1, 0, 0))
            older = row;
    }
    QVERIFY(older >= 0);
    QCOMPARE(model->info(older).state, TransportPluginInfo::State::Available);
    panel->pluginView()->selectRow(older);
    auto *use = panel->findChild<QPushButton *>(u"useButton"_s);
    QVERIFY(use);
    QVERIFY(use->isEnabled());
    QTest::mouseClick(use, Qt::LeftButton);
    QCOMPARE(alice.client()->pinnedTransport(), u"tcp@1.0.0"_s);
}

// A plugin chosen by hand holds the session and stops later swaps: the
// person sees that in the status bar and the panel, and can give the
// choice back, after which the newest plugin takes over again.
void TestTransportsPanel::pinIsShownAndCanBeUndone()
{
    QVERIFY(drop(QStringLiteral(LONGLINK_UI_TEST_TCP_V11), m_dropFolder->path(),
            u"liblonglink-tcp-1.1.so"_s));
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s), { u"lobby"_s },
            { m_dropFolder->path() });
    QVERIFY(alice.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    // 1.1.0 takes over once it passed its check in a separate process.
    QTRY_COMPARE_WITH_TIMEOUT(alice.client()->transportVersion(), u"1.1.0"_s, kWaitMs);
    ui::StatusBarWidget *status = alice.window()->statusBarWidget();
    ui::TransportsPanel *panel = alice.window()->transportsPanel();
    panel->show();
    auto *useNewest = panel->findChild<QPushButton *>(u"useNewestButton"_s);
    auto *carrier = panel->findChild<QLabel *>(u"carrierLabel"_s);
    QVERIFY(useNewest);
    QVERIFY(carrier);
    QVERIFY(!useNewest->isEnabled()); // nothing chosen by hand yet
    QTRY_VERIFY2_WITH_TIMEOUT(
            carrier->text().contains(u"tcp 1.1.0"_s), qPrintable(carrier->text()), kWaitMs);
    QVERIFY(!carrier->text().contains(u"chosen by hand"_s));
    QVERIFY(!status->transportText().contains(u"chosen by hand"_s));

    // Choose the older one by hand: the session moves onto it and stays.
    // It is offered once the swap has left it available (under load the
    // panel can still be catching up with the host when 1.1.0 is active).
    ui::TransportPluginModel *model = panel->pluginModel();
    const auto olderRow = [model] {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->info(row).name == u"tcp"_s
                    && model->info(row).version == QVersionNumber(1, 0, 0))
                return row;
        }
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(olderRow() >= 0
                    && model->info(olderRow()).state == TransportPluginInfo::State::Available,
            kWaitMs);
    auto *use = panel->findChild<QPushButton *>(u"useButton"_s);
    QVERIFY(use);
    panel->pluginView()->selectRow(olderRow());
    QTRY_VERIFY(use->isEnabled());
    QTest::mouseClick(use, Qt::LeftButton);
    QCOMPARE(alice.client()->pinnedTransport(), u"tcp@1.0.0"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice.client()->transportVersion(), u"1.0.0"_s, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(status->transportText(), u"tcp 1.0.0 (chosen by hand)"_s, kWaitMs);
    QTRY_VERIFY2_WITH_TIMEOUT(carrier->text().contains(u"tcp 1.0.0 (chosen by hand)"_s),
            qPrintable(carrier->text()), kWaitMs);
    QVERIFY(useNewest->isEnabled());

    // Give the choice back: the newest takes over again.
    QTest::mouseClick(useNewest, Qt::LeftButton);
    QCOMPARE(alice.client()->pinnedTransport(), QString());
    QVERIFY(!useNewest->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(alice.client()->transportVersion(), u"1.1.0"_s, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(status->transportText(), u"tcp 1.1.0"_s, kWaitMs);
    QTRY_VERIFY2_WITH_TIMEOUT(
            carrier->text().contains(u"tcp 1.1.0"_s), qPrintable(carrier->text()), kWaitMs);
    QVERIFY(!carrier->text().contains(u"chosen by hand"_s));
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
}

void TestTransportsPanel::liveSwapShowsNoteAndKeepsMessages()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s), { u"lobby"_s },
            { m_dropFolder->path() });
    QVERIFY(alice.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    QCOMPARE(alice.client()->transportVersion(), u"1.0.0"_s);
    for (int i = 0; i < 10; ++i)
        alice.type(u"before the swap %1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(alice.client()->unacknowledgedCount(), 0, kWaitMs);
    const QStringList before = alice.messageIds();
    QCOMPARE(before.size(), 10);
    QSignalSpy swapped(alice.client(), &ChatClient::transportSwapped);

    QVERIFY(drop(QStringLiteral(LONGLINK_UI_TEST_TCP_V11), m_dropFolder->path(),
            u"liblonglink-tcp-1.1.so"_s));
    // No swap is a failure, not a reason to skip.
    QTRY_COMPARE_WITH_TIMEOUT(swapped.size(), 1, kWaitMs);

    const QString note = alice.window()->statusBarWidget()->noteText();
    QVERIFY2(note.contains(u"1.0.0"_s) && note.contains(u"1.1.0"_s), qPrintable(note));
    QCOMPARE(swapped.first().at(4).toInt(), 0); // messages affected
    QCOMPARE(alice.messageIds(), before); // nothing lost, nothing twice
    alice.type(u"after the swap"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice.client()->unacknowledgedCount(), 0, kWaitMs);
    QCOMPARE(alice.messageIds().mid(0, 10), before);
    QCOMPARE(alice.messageIds().size(), 11);
    QCOMPARE(alice.client()->transportVersion(), u"1.1.0"_s);
}

// A plugin that takes over and then fails on probation is rolled back: the
// status bar and the panel must follow the session back to the old plugin,
// not keep showing the rejected one as the carrier.
void TestTransportsPanel::rollbackIsShownInStatusBarAndPanel()
{
    // tcp 9.0.0 models a plugin that passes the separate-process check and
    // fails only against the real server; it fails 300 ms after opening,
    // which a slow check could see first. The swap's own rollback is tested.
    qputenv("LONGLINK_TRANSPORT_CHECK", "off");
    const auto checkAgain
            = qScopeGuard([] { qputenv("LONGLINK_TRANSPORT_CHECK", LONGLINK_CHECK_PATH); });
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s), { u"lobby"_s },
            { m_dropFolder->path() });
    QVERIFY(alice.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    QCOMPARE(alice.client()->transportVersion(), u"1.0.0"_s);
    ui::StatusBarWidget *status = alice.window()->statusBarWidget();
    ui::TransportsPanel *panel = alice.window()->transportsPanel();
    panel->show();
    QSignalSpy swapped(alice.client(), &ChatClient::transportSwapped);
    QSignalSpy changed(alice.client(), &ChatClient::transportChanged);

    // tcp 9.0.0 works long enough to take over, then fails on probation.
    const QString bad = fixture(u"probation"_s);
    QVERIFY2(QFileInfo::exists(bad), qPrintable(bad));
    QVERIFY(drop(bad, m_dropFolder->path(), u"liblonglink-tcp-9.so"_s));
    QTRY_COMPARE_WITH_TIMEOUT(swapped.size(), 1, kWaitMs);
    QCOMPARE(swapped.first().at(2).toString(), u"9.0.0"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
            !changed.isEmpty() && changed.last().at(1).toString() == u"1.0.0"_s, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    QCOMPARE(alice.client()->transportVersion(), u"1.0.0"_s);

    // The status bar: the old plugin carries, and the note says what happened.
    QTRY_COMPARE_WITH_TIMEOUT(status->transportText(), u"tcp 1.0.0"_s, kWaitMs);
    const QString note = status->noteText();
    QVERIFY2(!note.contains(u"→ 9.0.0"_s), qPrintable(note));
    QVERIFY2(note.contains(u"9.0.0"_s) && note.contains(u"1.0.0"_s) && note.contains(u"rejected"_s),
            qPrintable(note));

    // The panel: the carrier is the old one, the new one is listed rejected.
    auto *carrier = panel->findChild<QLabel *>(u"carrierLabel"_s);
    QVERIFY(carrier);
    QVERIFY2(carrier->text().contains(u"tcp 1.0.0"_s), qPrintable(carrier->text()));
    QVERIFY2(!carrier->text().contains(u"9.0.0"_s), qPrintable(carrier->text()));
    ui::TransportPluginModel *model = panel->pluginModel();
    const int badRow = model->rowOfFile(m_dropFolder->filePath(u"liblonglink-tcp-9.so"_s));
    QVERIFY(badRow >= 0);
    QCOMPARE(model->info(badRow).state, TransportPluginInfo::State::Rejected);
    const QString shown
            = model->index(badRow, ui::TransportPluginModel::StateColumn).data().toString();
    QVERIFY2(
            shown.startsWith(u"rejected: "_s) && shown.contains(u"probation"_s), qPrintable(shown));
    int active = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->info(row).state == TransportPluginInfo::State::Active) {
            ++active;
            QCOMPARE(model->info(row).version, QVersionNumber(1, 0, 0));
        }
    }
    QCOMPARE(active, 1);
}

void TestTransportsPanel::contractWarningIsListedWithThePlugin()
{
    // tcp 9.2.0 sends transportOpened from inside open(). Loaded without the
    // separate-process check (which refuses it), it still carries the
    // session, and the log says which plugin broke which rule.
    qputenv("LONGLINK_TRANSPORT_CHECK", "off");
    const auto checkAgain
            = qScopeGuard([] { qputenv("LONGLINK_TRANSPORT_CHECK", LONGLINK_CHECK_PATH); });
    QVERIFY(drop(fixture(u"eventinopen"_s), m_dropFolder->path(), u"liblonglink-tcp-9.so"_s));
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s), { u"lobby"_s },
            { m_dropFolder->path() });
    QVERIFY(alice.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    QCOMPARE(alice.client()->transportVersion(), u"9.2.0"_s);
    ui::TransportsPanel *panel = alice.window()->transportsPanel();
    panel->show();
    ui::TransportEventLog *log = alice.controller()->transportLog();
    auto cell = [log](int row, int column) { return log->index(row, column).data().toString(); };
    int warning = -1;
    for (int row = 0; row < log->rowCount(); ++row) {
        if (cell(row, ui::TransportEventLog::StepColumn) == u"warning"_s)
            warning = row;
    }
    QVERIFY(warning >= 0);
    QCOMPARE(cell(warning, ui::TransportEventLog::PluginColumn), u"tcp 9.2.0"_s);
    const QString detail = cell(warning, ui::TransportEventLog::DetailColumn);
    QVERIFY2(detail.contains(u"transportOpened from inside open()"_s), qPrintable(detail));
}

void TestTransportsPanel::escapeClosesThePanel()
{
    GuiUnderTest alice(u"alice"_s, m_env.broker().url(), m_env.dataFor(u"alice"_s), { u"lobby"_s },
            { m_dropFolder->path() });
    QVERIFY(alice.open());
    alice.window()->showTransports();
    ui::TransportsPanel *panel = alice.window()->transportsPanel();
    QVERIFY(QTest::qWaitForWindowActive(panel));
    panel->pluginView()->setFocus();
    QTest::keyClick(panel->pluginView(), Qt::Key_Escape);
    QTRY_VERIFY(!panel->isVisible());
    QVERIFY(alice.window()->isVisible());
}

QTEST_MAIN(TestTransportsPanel)
#include "tst_transportspanel.moc"
