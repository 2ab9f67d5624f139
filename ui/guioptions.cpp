#include "guioptions.h"

#include "chattopics.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QFile>

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
    const QCommandLineOption server(
            u"server"_s, tr("Server URL, e.g. mqtt://host:1883."), u"URL"_s);
    const QCommandLineOption user(
            u"user"_s, tr("User name: connect at once, no dialog."), u"NAME"_s);
    const QCommandLineOption passwordFile(
            u"password-file"_s, tr("Read the password from FILE."), u"FILE"_s);
    const QCommandLineOption room(
            u"room"_s, tr("Join ROOM; the first one is shown (repeatable)."), u"ROOM"_s);
    const QCommandLineOption transports(
            u"transports"_s, tr("Also load transport plugins from DIR (repeatable)."), u"DIR"_s);
    const QCommandLineOption dataDir(u"data-dir"_s,
            tr("Keep the store, the client id and the GUI settings in DIR."), u"DIR"_s);
    const QCommandLineOption language(u"language"_s,
            tr("Language for this run: en or zh_CN (default: the setting, else the system's)."),
            u"LANG"_s);
    const QCommandLineOption theme(
            u"theme"_s, tr("Colours for this run: system, light or dark."), u"THEME"_s);
    QCommandLineOption screenshot(
            u"screenshot"_s, u"Save screenshots as PREFIX-*.png, quit."_s, u"PREFIX"_s);
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions(
            { server, user, passwordFile, room, transports, dataDir, language, theme, screenshot });
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

    if (parser.isSet(server)) {
        const QUrl url(parser.value(server), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || url.scheme().isEmpty())
            return usage(tr("--server wants a URL like mqtt://host:1883, not \"%1\"")
                                 .arg(parser.value(server)));
        options.server = url;
    }
    options.user = parser.value(user);
    if (parser.isSet(user) && !ChatTopics::isValidName(options.user))
        return usage(tr("\"%1\" cannot be a user name: use no spaces, '/', '+' or '#'")
                             .arg(options.user));
    if (parser.isSet(passwordFile)) {
        QFile file(parser.value(passwordFile));
        if (!file.open(QIODevice::ReadOnly))
            return usage(tr("cannot read the password file %1: %2")
                                 .arg(file.fileName(), file.errorString()));
        QByteArray password = file.readLine();
        while (password.endsWith('\n') || password.endsWith('\r'))
            password.chop(1);
        options.password = password;
    }
    options.rooms = parser.values(room);
    for (const QString &name : std::as_const(options.rooms)) {
        if (!ChatTopics::isValidName(name))
            return usage(
                    tr("\"%1\" cannot be a room name: use no spaces, '/', '+' or '#'").arg(name));
    }
    options.transportFolders = parser.values(transports);
    options.dataDir = parser.value(dataDir);
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
