// longlink-transport-check as a user runs it: a child process on a plugin
// file, its PASS/FAIL lines and its exit code. The shipped transports pass
// every check; each broken fixture fails the check that names its mistake.
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QProcessEnvironment>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int kRunLimitMs = 60'000;

struct CheckRun
{
    bool finished = false;
    QProcess::ExitStatus status = QProcess::NormalExit;
    int exitCode = -1;
    QStringList lines; // stdout
    QString errors; // stderr
};

CheckRun runCheck(const QString &file, const QStringList &options = {})
{
    // A runtime folder of its own (owner only, as XDG asks): without one Qt
    // warns on stderr, which would hide whether the checker itself does.
    static const QTemporaryDir runtime;
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LONGLINK_LOG"_s, u"warning"_s);
    environment.insert(u"XDG_RUNTIME_DIR"_s, runtime.path());
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(LONGLINK_CHECK_PATH), options + QStringList { file });
    CheckRun run;
    run.finished = process.waitForFinished(kRunLimitMs);
    if (!run.finished)
        process.kill();
    run.status = process.exitStatus();
    run.exitCode = process.exitCode();
    run.lines = QString::fromUtf8(process.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    run.errors = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// "FAIL  events        transportOpened from inside open() ...": result, check, detail.
struct Line
{
    QString result;
    QString check;
    QString detail;
};

QList<Line> checkLines(const CheckRun &run)
{
    QList<Line> lines;
    for (const QString &text : run.lines) {
        if (text.startsWith(u"RESULT:"_s))
            continue;
        const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
        Line line { words.value(0), words.value(1), QString() };
        const qsizetype at = text.indexOf(line.check, line.result.size());
        line.detail = text.mid(at + line.check.size()).trimmed();
        lines.append(line);
    }
    return lines;
}

QString shown(const CheckRun &run)
{
    return run.lines.join(u'\n') + u"\nstderr: "_s + run.errors;
}
} // namespace

class TestTransportCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shippedTransportsPassEveryCheck_data();
    void shippedTransportsPassEveryCheck();
    void brokenPluginFailsTheCheckThatNamesIt_data();
    void brokenPluginFailsTheCheckThatNamesIt();
    void detailsInTheLanguageAskedFor();
};

void TestTransportCheck::shippedTransportsPassEveryCheck_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("checks");
    const QStringList common { u"metadata"_s, u"symbols"_s, u"load"_s, u"create"_s, u"open"_s,
        u"write"_s, u"close"_s, u"large-write"_s, u"small-writes"_s, u"peer-close"_s, u"refusal"_s,
        u"timeout"_s, u"events"_s, u"unload"_s, u"leftovers"_s, u"idle"_s };
    QTest::newRow("tcp") << u"tcp"_s << common + QStringList { u"handover"_s };
    QTest::newRow("tls") << u"tls"_s << common;
    QTest::newRow("websocket") << u"websocket"_s << common;
}

void TestTransportCheck::shippedTransportsPassEveryCheck()
{
    QFETCH(QString, name);
    QFETCH(QStringList, checks);
    const QString file
            = QStringLiteral(LONGLINK_BUILD_TRANSPORTS) + u"/liblonglink-"_s + name + u".so"_s;
    QVERIFY2(QFile::exists(file), qPrintable(file));
    const CheckRun run = runCheck(file);
    QVERIFY2(run.finished, qPrintable(shown(run)));
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(run.exitCode == 0, qPrintable(shown(run)));
    QCOMPARE(run.lines.last(), u"RESULT: PASS"_s);
    QStringList seen;
    for (const Line &line : checkLines(run)) {
        QVERIFY2(line.result == u"PASS"_s, qPrintable(shown(run)));
        seen.append(line.check);
    }
    for (const QString &check : std::as_const(checks))
        QVERIFY2(seen.contains(check), qPrintable(check + u" missing in:\n"_s + shown(run)));
    // A clean run says nothing on stderr (no Qt warnings of its own).
    QVERIFY2(run.errors.isEmpty(), qPrintable(run.errors));
}

void TestTransportCheck::brokenPluginFailsTheCheckThatNamesIt_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("check");
    QTest::addColumn<QStringList>("says");
    QTest::newRow("event from inside open()")
            << u"eventinopen"_s << u"events"_s
            << QStringList { u"transportOpened from inside open()"_s, u"queue events"_s };
    QTest::newRow("no transportClosed after close()")
            << u"noclosed"_s << u"close"_s
            << QStringList { u"no transportClosed within 3 s of close()"_s, u"blame the server"_s };
    QTest::newRow("timer left running")
            << u"lefttimer"_s << u"leftovers"_s
            << QStringList { u"timer(s) still pending"_s, u"QTimer::singleShot"_s };
    QTest::newRow("GNU unique symbols")
            << u"unique"_s << u"symbols"_s
            << QStringList { u"GNU unique symbol"_s, u"CXX_VISIBILITY_PRESET hidden"_s,
                   u"can never unload"_s };
}

void TestTransportCheck::brokenPluginFailsTheCheckThatNamesIt()
{
    QFETCH(QString, fixture);
    QFETCH(QString, check);
    QFETCH(QStringList, says);
    const QString file = QStringLiteral(LONGLINK_TEST_PLUGINS) + u'/' + fixture
            + u"/liblonglink-fixture-"_s + fixture + u".so"_s;
    QVERIFY2(QFile::exists(file), qPrintable(file));
    const CheckRun run = runCheck(file);
    QVERIFY2(run.finished, qPrintable(shown(run)));
    QVERIFY2(run.status == QProcess::NormalExit && run.exitCode != 0, qPrintable(shown(run)));
    QCOMPARE(run.lines.last(), u"RESULT: FAIL"_s);
    bool found = false;
    for (const Line &line : checkLines(run)) {
        if (line.result != u"FAIL"_s || line.check != check)
            continue;
        found = true;
        for (const QString &part : std::as_const(says))
            QVERIFY2(line.detail.contains(part), qPrintable(part + u" not in:\n"_s + shown(run)));
    }
    QVERIFY2(found, qPrintable(u"no FAIL line for "_s + check + u":\n"_s + shown(run)));
}

// The app shows a refused plugin's reason as the checker wrote it, so the
// checker writes it in the language the app asks for; English by default.
void TestTransportCheck::detailsInTheLanguageAskedFor()
{
    const QString file = QStringLiteral(LONGLINK_TEST_PLUGINS)
            + u"/noclosed/liblonglink-fixture-noclosed.so"_s;
    QVERIFY2(QFile::exists(file), qPrintable(file));
    const auto reasonOf = [](const CheckRun &run) -> QString {
        for (const QString &line : run.lines) {
            const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
            if (object.value(u"done"_s).toBool())
                return object.value(u"reason"_s).toString();
        }
        return {};
    };
    const CheckRun chinese = runCheck(file, { u"--json"_s, u"--language"_s, u"zh_CN"_s });
    QVERIFY2(chinese.finished && chinese.exitCode != 0, qPrintable(shown(chinese)));
    QVERIFY2(reasonOf(chinese).contains(u"close() 后 3 秒内没有 transportClosed"_s),
            qPrintable(shown(chinese)));
    const CheckRun english = runCheck(file, { u"--json"_s });
    QVERIFY2(reasonOf(english).contains(u"no transportClosed within 3 s of close()"_s),
            qPrintable(shown(english)));
}

QTEST_GUILESS_MAIN(TestTransportCheck)
#include "tst_transportcheck.moc"
