#include "cliconfig.h"

#include "accountoptions.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace longlink::cli {

namespace {
void printError(const QString &text)
{
    std::fputs(qPrintable(u"longlink-cli: "_s + text + u'\n'), stderr);
}
} // namespace

CliConfig CliConfig::parse(const QStringList &arguments, std::optional<int> *exitNow)
{
    CliConfig config;
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
            "cli", "Headless Longlink chat client. Reads lines from stdin, prints JSON lines."));
    const AccountOptions account(u"User name (required)."_s);
    account.addTo(parser);
    const QCommandLineOption drainTimeout(u"drain-timeout"_s,
            u"At the end of input, wait up to S seconds without progress for the outbox to empty (default 30)."_s,
            u"S"_s, u"30"_s);
    parser.addOption(drainTimeout);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();

    auto usage = [&](const QString &why) {
        printError(why);
        std::fputs("Try --help.\n", stderr);
        *exitNow = Usage;
        return config;
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        *exitNow = Ok;
        return config;
    }
    if (parser.isSet(version)) {
        std::printf("longlink-cli %s\n", qPrintable(QCoreApplication::applicationVersion()));
        *exitNow = Ok;
        return config;
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(u"unexpected argument \"%1\""_s.arg(parser.positionalArguments().first()));
    if (!account.userGiven(parser))
        return usage(u"--user is required"_s);
    if (const QString problem = account.read(parser, config.chat); !problem.isEmpty())
        return usage(problem);
    config.connectTimeoutSeconds = config.chat.connectTimeoutMs / 1000;
    bool ok = false;
    config.drainTimeoutSeconds = parser.value(drainTimeout).toInt(&ok);
    if (!ok || config.drainTimeoutSeconds < 0)
        return usage(u"--drain-timeout must be a number of seconds"_s);
    return config;
}

} // namespace longlink::cli
