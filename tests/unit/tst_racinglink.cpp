// RacingLink: several addresses of one service raced, earlier ones
// preferred for a short window, the first to open kept, the rest aborted.
#include "racinglink.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using longlink::ByteLink;
using longlink::RacingLink;

namespace {
// A link whose connection opens (or fails) after a set delay; -1 never.
class ScriptedLink : public ByteLink
{
public:
    struct Script
    {
        int openAfterMs = -1;
        int failAfterMs = -1;
        ByteLink::Error error = ByteLink::Error::ConnectionRefused;
        bool started = false;
        bool aborted = false;
        QUrl endpoint;
        QVariantMap options;
    };
    ScriptedLink(Script *script, QObject *parent) : ByteLink(parent), m_script(script) { }
    void open(const QUrl &endpoint, const QVariantMap &options) override
    {
        m_script->started = true;
        m_script->endpoint = endpoint;
        m_script->options = options;
        if (m_script->openAfterMs >= 0)
            QTimer::singleShot(m_script->openAfterMs, this, [this] { Q_EMIT opened(); });
        if (m_script->failAfterMs >= 0)
            QTimer::singleShot(m_script->failAfterMs, this,
                    [this] { Q_EMIT closed(m_script->error, u"scripted failure"_s); });
    }
    bool write(const QByteArray &) override { return true; }
    qint64 bytesToWrite() const override { return 0; }
    void close() override { }
    void abort() override { m_script->aborted = true; }
    QString description() const override { return u"scripted"_s; }

private:
    Script *m_script;
};

std::vector<RacingLink::Candidate> candidatesFor(std::vector<ScriptedLink::Script> &scripts)
{
    std::vector<RacingLink::Candidate> candidates;
    for (size_t i = 0; i < scripts.size(); ++i) {
        ScriptedLink::Script *script = &scripts[i];
        candidates.push_back(
                { QUrl(u"mqtt://node%1:1883"_s.arg(i)), { { u"perAddress"_s, int(i) } },
                        [script](QObject *parent, QString *) -> ByteLink * {
                            return new ScriptedLink(script, parent);
                        } });
    }
    return candidates;
}
} // namespace

class TestRacingLink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theFirstToAnswerInItsStepWinsAlone();
    void anEarlierAddressWinsWithinThePreferenceWindow();
    void aLaterAddressWinsWhenTheEarlierOneHangs();
    void aFailureStartsTheNextAtOnce();
    void allFailingNamesEveryAddress();
    void nothingIsSignalledFromInsideOpen();
};

void TestRacingLink::theFirstToAnswerInItsStepWinsAlone()
{
    std::vector<ScriptedLink::Script> scripts(2);
    scripts[0].openAfterMs = 0;
    scripts[1].openAfterMs = 0;
    RacingLink race(candidatesFor(scripts));
    QSignalSpy opened(&race, &ByteLink::opened);
    race.open(QUrl(), { { u"connectTimeoutMs"_s, 5000 } });
    QVERIFY(opened.wait(5000));
    QCOMPARE(race.winnerUrl(), QUrl(u"mqtt://node0:1883"_s));
    QTest::qWait(RacingLink::kStaggerMs + 100);
    QVERIFY(!scripts[1].started); // never needed
    // Each candidate gets the session's options and its own.
    QCOMPARE(scripts[0].options.value(u"connectTimeoutMs"_s).toInt(), 5000);
    QCOMPARE(scripts[0].options.value(u"perAddress"_s).toInt(), 0);
    QCOMPARE(scripts[0].endpoint, QUrl(u"mqtt://node0:1883"_s));
}

void TestRacingLink::anEarlierAddressWinsWithinThePreferenceWindow()
{
    // node1 starts one step later and opens at once; node0 opens a little
    // after that, inside the window: node0 is preferred.
    std::vector<ScriptedLink::Script> scripts(2);
    scripts[0].openAfterMs = RacingLink::kStaggerMs + RacingLink::kPreferenceWindowMs / 6;
    scripts[1].openAfterMs = 0;
    RacingLink race(candidatesFor(scripts));
    QSignalSpy won(&race, &RacingLink::won);
    race.open(QUrl(), {});
    QVERIFY(won.wait(5000));
    QVERIFY(scripts[1].started);
    QCOMPARE(won.first().first().toUrl(), QUrl(u"mqtt://node0:1883"_s));
    QVERIFY(scripts[1].aborted);
    QVERIFY(!scripts[0].aborted);
}

void TestRacingLink::aLaterAddressWinsWhenTheEarlierOneHangs()
{
    std::vector<ScriptedLink::Script> scripts(2);
    scripts[0].openAfterMs = -1; // never answers
    scripts[1].openAfterMs = 0;
    RacingLink race(candidatesFor(scripts));
    QSignalSpy won(&race, &RacingLink::won);
    race.open(QUrl(), {});
    QVERIFY(won.wait(5000));
    QCOMPARE(race.winnerUrl(), QUrl(u"mqtt://node1:1883"_s));
    QVERIFY(scripts[0].aborted);
    // From now on the race is the winner: writes go through.
    QVERIFY(race.write("x"));
    QCOMPARE(race.description(), u"scripted"_s);
}

void TestRacingLink::aFailureStartsTheNextAtOnce()
{
    std::vector<ScriptedLink::Script> scripts(3);
    scripts[0].failAfterMs = 0;
    scripts[1].openAfterMs = 0;
    scripts[2].openAfterMs = 0;
    RacingLink race(candidatesFor(scripts));
    QSignalSpy won(&race, &RacingLink::won);
    race.open(QUrl(), {});
    QVERIFY(won.wait(5000));
    QCOMPARE(race.winnerUrl(), QUrl(u"mqtt://node1:1883"_s));
    QTest::qWait(RacingLink::kStaggerMs + 100);
    QVERIFY(!scripts[2].started);
}

void TestRacingLink::allFailingNamesEveryAddress()
{
    std::vector<ScriptedLink::Script> scripts(2);
    scripts[0].failAfterMs = 0;
    scripts[1].failAfterMs = 0;
    scripts[1].error = ByteLink::Error::Untrusted;
    RacingLink race(candidatesFor(scripts));
    QSignalSpy closed(&race, &ByteLink::closed);
    QSignalSpy opened(&race, &ByteLink::opened);
    race.open(QUrl(), {});
    QVERIFY(closed.wait(5000));
    QCOMPARE(closed.size(), 1);
    QCOMPARE(opened.size(), 0);
    // The most telling reason: a refused certificate is not retried blindly.
    QCOMPARE(closed.first().first().value<ByteLink::Error>(), ByteLink::Error::Untrusted);
    const QString reason = closed.first().at(1).toString();
    QVERIFY2(reason.contains(u"node0"_s) && reason.contains(u"node1"_s), qPrintable(reason));
}

void TestRacingLink::nothingIsSignalledFromInsideOpen()
{
    std::vector<ScriptedLink::Script> scripts(1);
    scripts[0].failAfterMs = 0;
    std::vector<RacingLink::Candidate> candidates = candidatesFor(scripts);
    candidates.push_back({ QUrl(u"mqtt://noplugin:1883"_s), {}, [](QObject *, QString *why) {
                              *why = u"no transport"_s;
                              return static_cast<ByteLink *>(nullptr);
                          } });
    RacingLink race(std::move(candidates));
    QSignalSpy closed(&race, &ByteLink::closed);
    race.open(QUrl(), {});
    QCOMPARE(closed.size(), 0);
    QVERIFY(closed.wait(5000));
    QVERIFY(closed.first().at(1).toString().contains(u"no transport"_s));
}

QTEST_GUILESS_MAIN(TestRacingLink)
#include "tst_racinglink.moc"
