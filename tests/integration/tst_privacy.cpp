// What stays private to the user on a shared machine: the data folder, the
// chat history and its WAL files, and the private plugin copies, whatever
// the umask; folders an earlier run left open are tightened with a note;
// copies a crashed run left behind are removed at the next start.
#include "brokerfixture.h"
#include "chatparticipant.h"
#include "cliprocess.h"
#include "mosquittobroker.h"
#include "plugindrop.h"
#include "privatecopyfolder.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using longlink::test::ChatParticipant;
using longlink::test::CliProcess;
using longlink::test::PluginDrop;

namespace {
constexpr int kWaitMs = 20'000;

int modeOf(const QString &path)
{
    struct stat status
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? int(status.st_mode & 07777)
                                                                     : -1;
}

QString octal(int mode)
{
    return u"0%1"_s.arg(mode, 3, 8, QChar(u'0'));
}

// The private plugin folder a process has mapped a copy from.
QString mappedCopyFolder(qint64 pid)
{
    const QList<QByteArray> lines = PluginDrop::read(u"/proc/%1/maps"_s.arg(pid)).split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype slash = line.indexOf('/');
        if (slash >= 0 && line.contains("/longlink/plugins-"))
            return QFileInfo(QString::fromUtf8(line.mid(slash))).absolutePath();
    }
    return QString();
}

// Sets the umask for one scope.
class UmaskScope
{
public:
    explicit UmaskScope(mode_t mask) : m_saved(::umask(mask)) { }
    ~UmaskScope() { ::umask(m_saved); }

private:
    mode_t m_saved;
};
} // namespace

class TestPrivacy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { longlink::test::BrokerFixture::useTestPaths(); }
    void init() { QVERIFY2(m_env.start(), qPrintable(m_env.errorString())); }
    void cleanup() { m_env.stop(); }

    void historyIsPrivateWhateverTheUmask_data();
    void historyIsPrivateWhateverTheUmask();
    void openFolderIsTightenedWithANote();
    void pluginCopiesArePrivateAndACrashedRunsAreRemoved();

private:
    longlink::test::BrokerFixture m_env;
};

void TestPrivacy::historyIsPrivateWhateverTheUmask_data()
{
    QTest::addColumn<int>("mask");
    QTest::newRow("umask 022") << 022;
    QTest::newRow("umask 000") << 0;
}

void TestPrivacy::historyIsPrivateWhateverTheUmask()
{
    QFETCH(int, mask);
    const UmaskScope scope(mode_t(mask & 0777));
    const QString data = m_env.dataFor(u"alice"_s) + u"/nested/data"_s;
    ChatParticipant alice(u"alice"_s, m_env.broker().url(), data);
    QVERIFY(alice.open());
    QTRY_VERIFY_WITH_TIMEOUT(alice.connected(), kWaitMs);
    const QString id = alice.client->send(u"lobby"_s, u"for my eyes"_s);
    QTRY_VERIFY_WITH_TIMEOUT(alice.sent.contains(id), kWaitMs);

    QCOMPARE(octal(modeOf(data)), u"0700"_s);
    for (const QString &name :
            { u"longlink.sqlite"_s, u"longlink.sqlite-wal"_s, u"longlink.sqlite-shm"_s }) {
        QVERIFY2(QFileInfo::exists(data + u'/' + name), qPrintable(name));
        QCOMPARE(octal(modeOf(data + u'/' + name)), u"0600"_s);
    }
    // Nothing was open, so nothing to tell.
    QVERIFY2(alice.client->notes().isEmpty(), qPrintable(alice.client->notes().join(u"; "_s)));
}

void TestPrivacy::openFolderIsTightenedWithANote()
{
    // An earlier release (or a copy with cp -r) left the history readable.
    const QString data = m_env.dataFor(u"alice"_s);
    {
        ChatParticipant alice(u"alice"_s, m_env.broker().url(), data);
        QVERIFY(alice.open());
    }
    QVERIFY(::chmod(QFile::encodeName(data).constData(), 0755) == 0);
    QVERIFY(::chmod(QFile::encodeName(data + u"/longlink.sqlite"_s).constData(), 0644) == 0);

    CliProcess cli;
    QVERIFY(cli.start({ u"--server"_s, m_env.broker().url().toString(), u"--user"_s, u"alice"_s,
            u"--room"_s, u"lobby"_s, u"--data-dir"_s, data }));
    QVERIFY(cli.waitForConnected(kWaitMs));
    const QList<QJsonObject> notes = cli.events(u"note"_s);
    QCOMPARE(notes.size(), 2);
    QVERIFY2(notes.at(0).value(u"text"_s).toString().contains(data)
                    && notes.at(0).value(u"text"_s).toString().contains(u"0755"_s),
            qPrintable(notes.at(0).value(u"text"_s).toString()));
    QVERIFY2(notes.at(1).value(u"text"_s).toString().contains(u"longlink.sqlite"_s)
                    && notes.at(1).value(u"text"_s).toString().contains(u"0644"_s),
            qPrintable(notes.at(1).value(u"text"_s).toString()));
    QCOMPARE(octal(modeOf(data)), u"0700"_s);
    QCOMPARE(octal(modeOf(data + u"/longlink.sqlite"_s)), u"0600"_s);
    cli.closeInput();
    QCOMPARE(cli.waitForExit(kWaitMs), 0);
}

void TestPrivacy::pluginCopiesArePrivateAndACrashedRunsAreRemoved()
{
    const UmaskScope scope(0);
    QTemporaryDir drop;
    QVERIFY(QFile::copy(PluginDrop::fixture(u"tcpv1"_s), drop.filePath(u"liblonglink-tcp.so"_s)));
    const QStringList arguments { u"--server"_s, m_env.broker().url().toString(), u"--user"_s,
        u"alice"_s, u"--room"_s, u"lobby"_s, u"--data-dir"_s, m_env.dataFor(u"alice"_s),
        u"--transports"_s, drop.path() };
    QString folder;
    {
        CliProcess cli;
        QVERIFY(cli.start(arguments));
        QVERIFY(cli.waitForConnected(kWaitMs));
        folder = mappedCopyFolder(cli.process().processId());
        QVERIFY2(!folder.isEmpty(), "the plugin is loaded from a private copy");
        QVERIFY2(folder.startsWith(longlink::PrivateCopyFolder::root() + u'/'), qPrintable(folder));
        QCOMPARE(octal(modeOf(folder)), u"0700"_s);
        QCOMPARE(octal(modeOf(longlink::PrivateCopyFolder::root())), u"0700"_s);
        const QFileInfoList copies = QDir(folder).entryInfoList({ u"*.so"_s }, QDir::Files);
        QVERIFY(!copies.isEmpty());
        for (const QFileInfo &copy : copies)
            QCOMPARE(octal(modeOf(copy.absoluteFilePath())), u"0600"_s);
        cli.process().kill(); // a crash: nothing is cleaned up
        QVERIFY(cli.process().waitForFinished(kWaitMs));
    }
    QVERIFY2(QFileInfo::exists(folder), "a crashed run leaves its copies");
    CliProcess again;
    QVERIFY(again.start(arguments));
    QVERIFY(again.waitForConnected(kWaitMs));
    QVERIFY2(!QFileInfo::exists(folder), qPrintable(folder));
    again.closeInput();
    QCOMPARE(again.waitForExit(kWaitMs), 0);
}

QTEST_GUILESS_MAIN(TestPrivacy)
#include "tst_privacy.moc"
