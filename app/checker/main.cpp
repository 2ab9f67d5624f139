// longlink-transport-check: runs a transport plugin through the contract in
// this process and says what passed and what to fix. The host runs it with
// --json on every new plugin file before loading the file itself, so a
// plugin that hangs, crashes or leaves code running takes down this process,
// not the chat.
#include "enumnames.h"
#include "logging.h"
#include "plugintrial.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLocale>
#include <QtCore/QTranslator>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <unistd.h>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;
using longlink::PluginTrial;

namespace {
void writeLine(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout); // the host reads progress as it comes
}

void writeJson(const QJsonObject &object)
{
    writeLine(QJsonDocument(object).toJson(QJsonDocument::Compact));
}
} // namespace

int main(int argc, char *argv[])
{
#ifdef Q_OS_LINUX
    // A host killed outright must not leave a hanging check behind.
    const pid_t parent = getppid();
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        return 1;
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"longlink-transport-check"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LONGLINK_VERSION));
    longlink::applyLogLevelFromEnvironment();

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main",
            "Runs a Longlink transport plugin through the transport contract: its metadata and "
            "symbols; open, write (large and fragmented) and close against a local test peer; "
            "the peer closing, a refused and a timed-out connection, the handover; events from "
            "inside host calls; then unloads it and looks for what it left running. Prints "
            "PASS, FAIL (with what to fix), WARN or SKIP (not applicable) for each check; exits "
            "with 0 only when none failed."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption json(u"json"_s,
            QCoreApplication::translate("main", "One JSON object per line, for programs."));
    const QCommandLineOption idle(u"idle-ms"_s,
            QCoreApplication::translate("main", "Idle this long after the unload (default 500)."),
            u"ms"_s, u"500"_s);
    const QCommandLineOption language(u"language"_s,
            QCoreApplication::translate("main",
                    "Write the details in LANG (en or zh_CN; default en, the contract's "
                    "language). The app asks for its own."),
            u"lang"_s);
    parser.addOptions({ json, idle, language });
    parser.addPositionalArgument(
            u"file"_s, QCoreApplication::translate("main", "The plugin file to check."));
    parser.process(app);
    if (parser.positionalArguments().size() != 1) {
        std::fputs(qPrintable(parser.helpText()), stderr);
        return 2;
    }

    // The app's translations are built into this program too (ui/).
    QTranslator translator;
    if (parser.isSet(language)) {
        const QLocale locale(parser.value(language));
        QLocale::setDefault(locale);
        if (translator.load(locale, u"longlink"_s, u"_"_s, u":/i18n"_s))
            QCoreApplication::installTranslator(&translator);
    }

    const bool asJson = parser.isSet(json);
    auto owned = std::make_unique<PluginTrial>(parser.positionalArguments().first());
    PluginTrial &trial = *owned;
    trial.setIdleMs(qBound(0, parser.value(idle).toInt(), 60'000));
    trial.setReporter([asJson](const PluginTrial::Check &check) {
        if (asJson) {
            writeJson(
                    { { u"check"_s, check.name }, { u"result"_s, longlink::enumName(check.result) },
                            { u"detail"_s, check.detail } });
        } else if (check.result != PluginTrial::Result::Running) {
            const QString result = longlink::enumName(check.result).toUpper();
            writeLine(u"%1  %2%3"_s
                              .arg(result.leftJustified(4), check.name.leftJustified(12),
                                      check.detail.isEmpty() ? QString() : u"  "_s + check.detail)
                              .toUtf8());
        }
    });
    const bool passed = trial.run();
    if (asJson) {
        writeJson({ { u"done"_s, true }, { u"passed"_s, passed }, { u"hash"_s, trial.hash() },
                { u"problem"_s, trial.problem() }, { u"reason"_s, trial.failure() } });
    } else {
        writeLine(passed ? "RESULT: PASS" : "RESULT: FAIL");
    }
    // Out at once: what a failing plugin left behind would crash the normal
    // teardown (a pending timer's functor lives in the unloaded library), and
    // the report is already out. Only the private copy goes first.
    owned.reset();
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(passed ? 0 : 1);
}
