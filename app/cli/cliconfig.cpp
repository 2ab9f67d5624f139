#include "cliconfig.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QFile>

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
    const QCommandLineOption server(
            u"server"_s, u"Server URL (default mqtt://127.0.0.1:1883)."_s, u"URL"_s);
    const QCommandLineOption user(u"user"_s, u"User name (required)."_s, u"NAME"_s);
    const QCommandLineOption passwordFile(
            u"password-file"_s, u"Read the password from FILE."_s, u"FILE"_s);
    const QCommandLineOption room(
            u"room"_s, u"Join ROOM; the first one gets plain lines (repeatable)."_s, u"ROOM"_s);
    const QCommandLineOption transports(
            u"transports"_s, u"Also load transport plugins from DIR (repeatable)."_s, u"DIR"_s);
    const QCommandLineOption dataDir(
            u"data-dir"_s, u"Keep the store and client id in DIR."_s, u"DIR"_s);
    const QCommandLineOption qos(
            u"qos"_s, u"QoS of sent messages, 0 or 1 (default 1)."_s, u"N"_s, u"1"_s);
    const QCommandLineOption prefix(
            u"prefix"_s, u"Topic prefix (default longlink/v1)."_s, u"P"_s, u"longlink/v1"_s);
    const QCommandLineOption connectTimeout(u"connect-timeout"_s,
            u"Give up after S seconds without a first connection (default 10)."_s, u"S"_s, u"10"_s);
    const QCommandLineOption keepAlive(
            u"keep-alive"_s, u"MQTT keep-alive in seconds (default 30)."_s, u"S"_s, u"30"_s);
    const QCommandLineOption drainTimeout(u"drain-timeout"_s,
            u"At the end of input, wait up to S seconds without progress for the outbox to empty (default 30)."_s,
            u"S"_s, u"30"_s);
    QCommandLineOption settle(u"settle-ms"_s,
            u"A dropped plugin file must stay unchanged this long (default 250)."_s, u"MS"_s, u"250"_s);
    QCommandLineOption probation(u"probation-ms"_s,
            u"A new transport must work this long to count as good (default 3000)."_s, u"MS"_s,
            u"3000"_s);
    parser.addOptions({ settle, probation });
    parser.addOptions({ server, user, passwordFile, room, transports, dataDir, qos, prefix,
            connectTimeout, keepAlive, drainTimeout });
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
    if (!parser.isSet(user) || parser.value(user).isEmpty())
        return usage(u"--user is required"_s);

    config.chat.user = parser.value(user);
    if (parser.isSet(server)) {
        config.chat.server = QUrl(parser.value(server), QUrl::StrictMode);
        if (!config.chat.server.isValid() || config.chat.server.host().isEmpty()
                || config.chat.server.scheme().isEmpty())
            return usage(u"--server wants a URL like mqtt://host:1883, not \"%1\""_s.arg(
                    parser.value(server)));
    }
    if (parser.isSet(passwordFile)) {
        QFile file(parser.value(passwordFile));
        if (!file.open(QIODevice::ReadOnly))
            return usage(u"cannot read the password file %1: %2"_s.arg(
                    file.fileName(), file.errorString()));
        QByteArray password = file.readLine();
        while (password.endsWith('\n') || password.endsWith('\r'))
            password.chop(1);
        config.chat.password = password;
    }
    config.chat.rooms = parser.values(room);
    for (const QString &name : config.chat.rooms) {
        if (!ChatTopics::isValidName(name))
            return usage(
                    u"\"%1\" cannot be a room name: use no spaces, '/', '+' or '#'"_s.arg(name));
    }
    if (!ChatTopics::isValidName(config.chat.user))
        return usage(u"\"%1\" cannot be a user name: use no spaces, '/', '+' or '#'"_s.arg(
                config.chat.user));
    config.chat.transportFolders = parser.values(transports);
    config.chat.dataDir = parser.value(dataDir);
    bool ok = false;
    const int qosValue = parser.value(qos).toInt(&ok);
    if (!ok || (qosValue != 0 && qosValue != 1))
        return usage(u"--qos must be 0 or 1"_s);
    config.chat.qos = quint8(qosValue);
    config.chat.prefix = parser.value(prefix);
    if (config.chat.prefix.isEmpty() || config.chat.prefix.contains(u'+')
            || config.chat.prefix.contains(u'#'))
        return usage(u"--prefix must be a topic without wildcards"_s);
    config.connectTimeoutSeconds = parser.value(connectTimeout).toInt(&ok);
    if (!ok || config.connectTimeoutSeconds <= 0)
        return usage(u"--connect-timeout must be a positive number of seconds"_s);
    config.chat.connectTimeoutMs = config.connectTimeoutSeconds * 1000;
    const int keepAliveValue = parser.value(keepAlive).toInt(&ok);
    if (!ok || keepAliveValue < 1 || keepAliveValue > 65535)
        return usage(u"--keep-alive must be 1 to 65535 seconds"_s);
    config.chat.keepAliveSeconds = quint16(keepAliveValue);
    config.drainTimeoutSeconds = parser.value(drainTimeout).toInt(&ok);
    if (!ok || config.drainTimeoutSeconds < 0)
        return usage(u"--drain-timeout must be a number of seconds"_s);
    const int settleValue = parser.value(settle).toInt(&ok);
    if (!ok || settleValue < 0)
        return usage(u"--settle-ms must be a number of milliseconds"_s);
    config.chat.settleMs = settleValue;
    const int probationValue = parser.value(probation).toInt(&ok);
    if (!ok || probationValue < 0)
        return usage(u"--probation-ms must be a number of milliseconds"_s);
    config.chat.probationMs = probationValue;
    return config;
}

} // namespace longlink::cli
