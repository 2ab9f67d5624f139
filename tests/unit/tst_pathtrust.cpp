// PathTrust: the StrictModes rules for files whose code may run, on real
// files and folders. Ownership by another account is made with chown, so
// those cases need root (as on CI); the rest run as anyone.
#include "pathtrust.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using longlink::PathTrust;

namespace {
constexpr uid_t kOtherUser = 65534; // nobody

bool makeFile(const QString &path, mode_t mode = 0644)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write("code") != 4)
        return false;
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

bool makeFolder(const QString &path, mode_t mode = 0755)
{
    return QDir().mkpath(path) && ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

bool chownTo(const QString &path, uid_t user, bool link = false)
{
    const QByteArray name = QFile::encodeName(path);
    return (link ? ::lchown(name.constData(), user, gid_t(-1))
                 : ::chown(name.constData(), user, gid_t(-1)))
            == 0;
}
} // namespace

class TestPathTrust : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void ownFileInOwnFolderIsTrusted();
    void groupOrWorldWritableFileIsRefused_data();
    void groupOrWorldWritableFileIsRefused();
    void writableFolderAnywhereAboveIsRefused();
    void stickySharedFolderHoldsOnlyOwnOrRootEntries();
    void fileOfAnotherAccountIsRefused();
    void symlinksAreFollowedAndJudged();
    void symlinkOfAnotherAccountIsRefused();
    void linkLoopAndMissingFileAreRefused();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root; // 0755, ours
};

void TestPathTrust::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = m_dir->path() + u"/root"_s;
    QVERIFY(makeFolder(m_root));
}

void TestPathTrust::ownFileInOwnFolderIsTrusted()
{
    QVERIFY(makeFile(m_root + u"/plugin.so"_s));
    const PathTrust::Verdict verdict = PathTrust::check(m_root + u"/plugin.so"_s);
    QVERIFY2(verdict.trusted, qPrintable(verdict.path + u": "_s + verdict.reason));
}

void TestPathTrust::groupOrWorldWritableFileIsRefused_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("advice");
    QTest::newRow("group") << 0664 << u"chmod g-w"_s;
    QTest::newRow("others") << 0646 << u"chmod o-w"_s;
}

void TestPathTrust::groupOrWorldWritableFileIsRefused()
{
    QFETCH(int, mode);
    QFETCH(QString, advice);
    const QString file = m_root + u"/plugin.so"_s;
    QVERIFY(makeFile(file, mode_t(mode)));
    const PathTrust::Verdict verdict = PathTrust::check(file);
    QVERIFY(!verdict.trusted);
    QCOMPARE(verdict.path, file);
    QVERIFY2(verdict.reason.contains(advice) && verdict.reason.contains(file),
            qPrintable(verdict.reason));
}

void TestPathTrust::writableFolderAnywhereAboveIsRefused()
{
    // root/a (group-writable) / b / plugin.so: the door is two levels up.
    QVERIFY(makeFolder(m_root + u"/a/b"_s));
    QVERIFY(makeFile(m_root + u"/a/b/plugin.so"_s));
    QVERIFY(::chmod(QFile::encodeName(m_root + u"/a"_s).constData(), 0775) == 0);
    PathTrust::Verdict verdict = PathTrust::check(m_root + u"/a/b/plugin.so"_s);
    QVERIFY(!verdict.trusted);
    QCOMPARE(verdict.path, m_root + u"/a"_s);
    QVERIFY2(verdict.reason.contains(u"group may write to this folder"_s),
            qPrintable(verdict.reason));
    // World-writable without the sticky bit: anyone may rename b away.
    QVERIFY(::chmod(QFile::encodeName(m_root + u"/a"_s).constData(), 0777) == 0);
    verdict = PathTrust::check(m_root + u"/a/b/plugin.so"_s);
    QVERIFY(!verdict.trusted);
    QCOMPARE(verdict.path, m_root + u"/a"_s);
    QVERIFY(::chmod(QFile::encodeName(m_root + u"/a"_s).constData(), 0755) == 0);
    QVERIFY(PathTrust::check(m_root + u"/a/b/plugin.so"_s).trusted);
}

void TestPathTrust::stickySharedFolderHoldsOnlyOwnOrRootEntries()
{
    // Like /tmp: others may add entries but not rename or remove ours.
    const QString shared = m_root + u"/shared"_s;
    QVERIFY(makeFolder(shared + u"/mine"_s));
    QVERIFY(::chmod(QFile::encodeName(shared).constData(), 01777) == 0);
    QVERIFY(makeFile(shared + u"/mine/plugin.so"_s));
    PathTrust::Verdict verdict = PathTrust::check(shared + u"/mine/plugin.so"_s);
    QVERIFY2(verdict.trusted, qPrintable(verdict.path + u": "_s + verdict.reason));
    if (::geteuid() != 0)
        QSKIP("needs root to give a folder to another account (CI runs as root)");
    // A folder someone else made there is theirs to replace.
    QVERIFY(makeFolder(shared + u"/theirs"_s));
    QVERIFY(makeFile(shared + u"/theirs/plugin.so"_s));
    QVERIFY(chownTo(shared + u"/theirs"_s, kOtherUser));
    verdict = PathTrust::check(shared + u"/theirs/plugin.so"_s);
    QVERIFY(!verdict.trusted);
    QCOMPARE(verdict.path, shared + u"/theirs"_s);
    QVERIFY2(verdict.reason.contains(u"nobody"_s), qPrintable(verdict.reason));
}

void TestPathTrust::fileOfAnotherAccountIsRefused()
{
    if (::geteuid() != 0)
        QSKIP("needs root to give a file to another account (CI runs as root)");
    const QString file = m_root + u"/plugin.so"_s;
    QVERIFY(makeFile(file));
    QVERIFY(chownTo(file, kOtherUser));
    const PathTrust::Verdict verdict = PathTrust::check(file);
    QVERIFY(!verdict.trusted);
    QCOMPARE(verdict.path, file);
    QVERIFY2(verdict.reason.contains(u"belongs to nobody"_s), qPrintable(verdict.reason));
    // Root's files are trusted: that is where packages install.
    QVERIFY(chownTo(file, 0));
    QVERIFY(PathTrust::check(file).trusted);
}

void TestPathTrust::symlinksAreFollowedAndJudged()
{
    // A trusted-looking folder with a link into a folder anyone may write.
    const QString open = m_root + u"/open"_s;
    QVERIFY(makeFolder(open, 0777));
    QVERIFY(makeFile(open + u"/plugin.so"_s));
    QVERIFY(makeFolder(m_root + u"/plugins"_s));
    const QString link = m_root + u"/plugins/plugin.so"_s;
    QVERIFY(QFile::link(u"../open/plugin.so"_s, link));
    PathTrust::Verdict verdict = PathTrust::check(link);
    QVERIFY(!verdict.trusted);
    QCOMPARE(verdict.path, open);
    // Pointing at a trusted file, the link is fine.
    QVERIFY(makeFolder(m_root + u"/safe"_s));
    QVERIFY(makeFile(m_root + u"/safe/plugin.so"_s));
    QVERIFY(QFile::remove(link));
    QVERIFY(QFile::link(m_root + u"/safe/plugin.so"_s, link));
    verdict = PathTrust::check(link);
    QVERIFY2(verdict.trusted, qPrintable(verdict.path + u": "_s + verdict.reason));
    // A linked folder on the way is judged too.
    QVERIFY(QFile::link(open, m_root + u"/via"_s));
    verdict = PathTrust::check(m_root + u"/via/plugin.so"_s);
    QVERIFY(!verdict.trusted);
    QCOMPARE(verdict.path, open);
}

void TestPathTrust::symlinkOfAnotherAccountIsRefused()
{
    if (::geteuid() != 0)
        QSKIP("needs root to give a link to another account (CI runs as root)");
    QVERIFY(makeFile(m_root + u"/plugin.so"_s));
    const QString link = m_root + u"/link.so"_s;
    QVERIFY(QFile::link(m_root + u"/plugin.so"_s, link));
    QVERIFY(chownTo(link, kOtherUser, true));
    const PathTrust::Verdict verdict = PathTrust::check(link);
    QVERIFY(!verdict.trusted);
    QCOMPARE(verdict.path, link);
    QVERIFY2(verdict.reason.contains(u"symbolic link belongs to nobody"_s),
            qPrintable(verdict.reason));
}

void TestPathTrust::linkLoopAndMissingFileAreRefused()
{
    QVERIFY(QFile::link(m_root + u"/b.so"_s, m_root + u"/a.so"_s));
    QVERIFY(QFile::link(m_root + u"/a.so"_s, m_root + u"/b.so"_s));
    PathTrust::Verdict verdict = PathTrust::check(m_root + u"/a.so"_s);
    QVERIFY(!verdict.trusted);
    QVERIFY2(verdict.reason.contains(u"too many symbolic links"_s), qPrintable(verdict.reason));
    verdict = PathTrust::check(m_root + u"/missing.so"_s);
    QVERIFY(!verdict.trusted);
    QCOMPARE(verdict.path, m_root + u"/missing.so"_s);
}

QTEST_GUILESS_MAIN(TestPathTrust)
#include "tst_pathtrust.moc"
