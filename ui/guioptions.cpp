#include "guioptions.h"

#include "accountoptions.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("longlink::ui::GuiOptions", text);
}

void printError(const QString &text)
{
    std::fputs(qPrintable(u"longlink: "_s + text + u'\n'), stderr);
}
} // namespace

GuiOptions GuiOptions::parse(const QStringList &arguments, std::optional<int> *exitNow)
{
    GuiOptions options;
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Longlink desktop chat client. Without --user it asks "
                                        "for a server and a name, and remembers them."));
    const AccountOptions account(tr("User name: connect at once, no dialog."));
    account.addTo(parser);
    const QCommandLineOption language(u"language"_s,
            tr("Language for this run: en or zh_CN (default: the setting, else the system's)."),
            u"LANG"_s);
    const QCommandLineOption theme(
            u"theme"_s, tr("Colours for this run: system, light or dark."), u"THEME"_s);
    QCommandLineOption screenshot(
            u"screenshot"_s, u"Save screenshots as PREFIX-*.png, quit."_s, u"PREFIX"_s);
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({ language, theme, screenshot });
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();

    auto usage = [&](const QString &why) {
        printError(why);
        std::fputs("Try --help.\n", stderr);
        *exitNow = Usage;
        return options;
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        *exitNow = Ok;
        return options;
    }
    if (parser.isSet(version)) {
        std::printf("longlink %s\n", qPrintable(QCoreApplication::applicationVersion()));
        *exitNow = Ok;
        return options;
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

    if (const QString problem = account.read(parser, options.connection); !problem.isEmpty())
        return usage(problem);
    if (account.serverGiven(parser))
        options.server = options.connection.server;
    if (account.userGiven(parser))
        options.user = options.connection.user;
    options.password = options.connection.password;
    options.rooms = options.connection.rooms;
    options.transportFolders = options.connection.transportFolders;
    options.dataDir = options.connection.dataDir;
    if (parser.isSet(language)) {
        const QString value = parser.value(language);
        if (value != u"en" && value != u"zh_CN" && value != u"system")
            return usage(tr("--language must be en, zh_CN or system"));
        options.language = value == u"system" ? QString() : value;
    }
    if (parser.isSet(theme)) {
        const QString value = parser.value(theme);
        if (value == u"system")
            options.theme = Settings::Theme::System;
        else if (value == u"light")
            options.theme = Settings::Theme::Light;
        else if (value == u"dark")
            options.theme = Settings::Theme::Dark;
        else
            return usage(tr("--theme must be system, light or dark"));
    }
    options.screenshotPrefix = parser.value(screenshot);
    return options;
}

} // namespace longlink::ui
