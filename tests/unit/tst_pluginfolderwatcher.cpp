// When the plugin folder watcher reports a file: at once when the file is
// known whole (closed by its writer, renamed or linked into place), after
// the settle window when it may still be growing. The settle window here is
// a minute, so a file reported within the tests' few seconds came by the
// fast way; nothing measures time.
#include "pluginfolderwatcher.h"

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using longlink::PluginFolderWatcher;

namespace {

constexpr int kLongSettleMs = 60'000;
// Far below kLongSettleMs: what is reported within this came without it.
constexpr int kSoonMs = 10'000;
// Time for a wrongly early report to show up: several of the watcher's
// 50 ms looks at growing files.
constexpr int kQuietMs = 500;

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TestPluginFolderWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void closedFileIsReportedWithoutTheSettleWindow();
    void renamedFileIsReportedWithoutTheSettleWindow_data();
    void renamedFileIsReportedWithoutTheSettleWindow();
    void hardLinkIsReportedWithoutTheSettleWindow();
    void qfileCopyIsReportedWithoutTheSettleWindow();
    void fileOpenForWritingWaitsUntilClosed();
    void fileWrittenAgainAfterItsCloseIsGrowingAgain();
    void secondWriterKeepsAFileGrowing();
    void deletedFileDoesNotSpeakForItsSuccessor();
    void renamedWhileOpenForWritingIsStillGrowing();
    void symbolicLinkWaitsOutTheSettleWindow();
    void chmodReportsAFileAgain();
    void withoutWriteTrackingEveryFileWaits();

private:
    // A watcher on a fresh folder, with a settle window of a minute.
    void start();
    QString path(const QString &name) const { return m_dir->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PluginFolderWatcher> m_watcher;
    std::unique_ptr<QSignalSpy> m_settled;
};

void TestPluginFolderWatcher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_watcher = std::make_unique<PluginFolderWatcher>();
    if (!m_watcher->isTrackingWrites())
        QSKIP("this system does not tell when a file is closed after writing");
    start();
}

void TestPluginFolderWatcher::start()
{
    m_watcher->setSettleMs(kLongSettleMs);
    m_watcher->setFolders({ m_dir->path() });
    m_watcher->scanAll();
    m_settled = std::make_unique<QSignalSpy>(m_watcher.get(), &PluginFolderWatcher::fileSettled);
}

void TestPluginFolderWatcher::cleanup()
{
    m_settled.reset();
    m_watcher.reset();
    m_dir.reset();
}

void TestPluginFolderWatcher::closedFileIsReportedWithoutTheSettleWindow()
{
    QVERIFY(writeFile(path(u"liblonglink-a.so"_s), "whole plugin"));
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 1, kSoonMs);
    QCOMPARE(m_settled->first().first().toString(), path(u"liblonglink-a.so"_s));
}

void TestPluginFolderWatcher::renamedFileIsReportedWithoutTheSettleWindow_data()
{
    QTest::addColumn<bool>("fromElsewhere"); // else from a temporary name in the folder
    QTest::newRow("from another folder") << true;
    QTest::newRow("from a temporary name") << false;
}

void TestPluginFolderWatcher::renamedFileIsReportedWithoutTheSettleWindow()
{
    QFETCH(bool, fromElsewhere);
    QTemporaryDir elsewhere;
    const QString temp = fromElsewhere ? elsewhere.filePath(u"liblonglink-b.so"_s)
                                       : path(u".liblonglink-b.so.tmp"_s);
    QVERIFY(writeFile(temp, "whole plugin"));
    QVERIFY(QFile::rename(temp, path(u"liblonglink-b.so"_s)));
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 1, kSoonMs);
    QCOMPARE(m_settled->first().first().toString(), path(u"liblonglink-b.so"_s));
}

void TestPluginFolderWatcher::hardLinkIsReportedWithoutTheSettleWindow()
{
    QTemporaryDir elsewhere;
    const QString original = elsewhere.filePath(u"liblonglink-c.so"_s);
    QVERIFY(writeFile(original, "whole plugin"));
#ifdef Q_OS_UNIX
    if (::link(QFile::encodeName(original).constData(),
                QFile::encodeName(path(u"liblonglink-c.so"_s)).constData())
            != 0)
        QSKIP("no hard links between these folders");
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 1, kSoonMs);
#endif
}

void TestPluginFolderWatcher::qfileCopyIsReportedWithoutTheSettleWindow()
{
    // QFile::copy writes an unnamed file (O_TMPFILE) and links it in: its
    // writes and close are seen under another name.
    QTemporaryDir elsewhere;
    const QString original = elsewhere.filePath(u"liblonglink-k.so"_s);
    QVERIFY(writeFile(original, "whole plugin"));
    QVERIFY(QFile::copy(original, path(u"liblonglink-k.so"_s)));
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 1, kSoonMs);
}

void TestPluginFolderWatcher::fileOpenForWritingWaitsUntilClosed()
{
    QFile file(path(u"liblonglink-d.so"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write("the first half, ") > 0);
    QVERIFY(file.flush());
    QTest::qWait(kQuietMs);
    QCOMPARE(m_settled->size(), 0); // still open: maybe more to come

    QVERIFY(file.write("and the rest") > 0);
    file.close();
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 1, kSoonMs);
}

void TestPluginFolderWatcher::fileWrittenAgainAfterItsCloseIsGrowingAgain()
{
    QVERIFY(writeFile(path(u"liblonglink-e.so"_s), "a first version"));
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 1, kSoonMs);

    // Reopened and appended to: the earlier close no longer means whole.
    QFile file(path(u"liblonglink-e.so"_s));
    QVERIFY(file.open(QIODevice::Append));
    QVERIFY(file.write(", then more") > 0);
    QVERIFY(file.flush());
    QTest::qWait(kQuietMs);
    QCOMPARE(m_settled->size(), 1);

    file.close();
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 2, kSoonMs);
}

void TestPluginFolderWatcher::secondWriterKeepsAFileGrowing()
{
    // The first writer closes, the second writes on, all before the watcher
    // looks: the size and time it then sees are those after the close, and
    // only the write after the close tells that the file is not done.
    QFile first(path(u"liblonglink-j.so"_s));
    QVERIFY(first.open(QIODevice::WriteOnly));
    QVERIFY(first.write("the first half, ") > 0);
    QFile second(first.fileName());
    QVERIFY(second.open(QIODevice::Append));
    first.close();
    QVERIFY(second.write("and more") > 0);
    QVERIFY(second.flush());
    QTest::qWait(kQuietMs);
    QCOMPARE(m_settled->size(), 0);

    second.close();
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 1, kSoonMs);
}

void TestPluginFolderWatcher::deletedFileDoesNotSpeakForItsSuccessor()
{
    // A file deleted while still open, and a new one under its name being
    // written: the close of the deleted one comes with the same name.
    QFile old(path(u"liblonglink-l.so"_s));
    QVERIFY(old.open(QIODevice::WriteOnly));
    QVERIFY(old.write("an old half") > 0);
    QVERIFY(old.flush());
    QVERIFY(QFile::remove(old.fileName()));
    QFile fresh(old.fileName());
    QVERIFY(fresh.open(QIODevice::WriteOnly));
    QVERIFY(fresh.write("a new half, ") > 0);
    QVERIFY(fresh.flush());
    old.close();
    QTest::qWait(kQuietMs);
    QCOMPARE(m_settled->size(), 0);

    QVERIFY(fresh.write("and the rest") > 0);
    fresh.close();
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 1, kSoonMs);
}

void TestPluginFolderWatcher::renamedWhileOpenForWritingIsStillGrowing()
{
    // Renamed into place by a writer that has not finished: the rename
    // does not make it whole, its close does.
    QFile file(path(u".liblonglink-f.so.tmp"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write("the first half, ") > 0);
    QVERIFY(file.flush());
    QVERIFY(QFile::rename(file.fileName(), path(u"liblonglink-f.so"_s)));
    QTest::qWait(kQuietMs);
    QCOMPARE(m_settled->size(), 0);

    QVERIFY(file.write("and the rest") > 0);
    file.close();
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 1, kSoonMs);
}

void TestPluginFolderWatcher::symbolicLinkWaitsOutTheSettleWindow()
{
    // Its target is written elsewhere, where nothing is watched: whether
    // it is whole cannot be known, only waited for.
    QTemporaryDir elsewhere;
    const QString target = elsewhere.filePath(u"liblonglink-g.so"_s);
    QVERIFY(writeFile(target, "whole plugin"));
    QVERIFY(QFile::link(target, path(u"liblonglink-g.so"_s)));
    QTest::qWait(kQuietMs);
    QCOMPARE(m_settled->size(), 0);

    m_watcher->setSettleMs(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 1, kSoonMs);
}

void TestPluginFolderWatcher::chmodReportsAFileAgain()
{
    // What the host's permission checks read changed, not the content: a
    // refused file is looked at again, and it need not settle first.
    QVERIFY(writeFile(path(u"liblonglink-h.so"_s), "whole plugin"));
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 1, kSoonMs);
    QVERIFY(QFile::setPermissions(
            path(u"liblonglink-h.so"_s), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 2, kSoonMs);
}

void TestPluginFolderWatcher::withoutWriteTrackingEveryFileWaits()
{
    // What systems without inotify get: the settle window alone.
    m_watcher->setWriteTracking(false);
    QVERIFY(!m_watcher->isTrackingWrites());
    QVERIFY(writeFile(path(u"liblonglink-i.so"_s), "whole plugin"));
    QTest::qWait(kQuietMs);
    QCOMPARE(m_settled->size(), 0);

    m_watcher->setSettleMs(50);
    QTRY_COMPARE_WITH_TIMEOUT(m_settled->size(), 1, kSoonMs);
}

QTEST_GUILESS_MAIN(TestPluginFolderWatcher)
#include "tst_pluginfolderwatcher.moc"
