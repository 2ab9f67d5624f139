#include "accountoptions.h"

#include "chattopics.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtNetwork/QSslCertificate>

using namespace Qt::StringLiterals;

namespace longlink {

QString AccountOptions::normalizedSha256(const QString &text)
{
    QString hex = text.trimmed().toLower();
    hex.remove(u':');
    if (hex.size() != 64)
        return QString();
    for (const QChar c : std::as_const(hex)) {
        if (!c.isDigit() && (c < u'a' || c > u'f'))
            return QString();
    }
    return hex;
}

AccountOptions::AccountOptions(const QString &userHelp)
    : m_server(u"server"_s,
            tr("Server URL: mqtt://host:1883, mqtts://host:8883 (TLS), ws://host:80/mqtt or "
               "wss://host:443/mqtt (WebSocket). Default mqtt://127.0.0.1:1883. Repeatable: "
               "several addresses of one service are raced, earlier ones preferred."),
            u"URL"_s),
      m_user(u"user"_s, userHelp, u"NAME"_s),
      m_passwordFile(u"password-file"_s, tr("Read the password from FILE."), u"FILE"_s),
      m_room(u"room"_s, tr("Join ROOM; the first one is the current room (repeatable)."),
              u"ROOM"_s),
      m_transports(
              u"transports"_s, tr("Also load transport plugins from DIR (repeatable)."), u"DIR"_s),
      m_trustedKeys(u"trusted-keys"_s,
              tr("Load only transport plugins signed (<plugin>.sig, Ed25519) by a PEM public "
                 "key in DIR."),
              u"DIR"_s),
      m_caFile(u"ca-file"_s,
              tr("TLS (mqtts://, wss://): trust the CA certificates in this PEM FILE instead "
                 "of the system's."),
              u"FILE"_s),
      m_pinSha256(u"pin-sha256"_s,
              tr("TLS: accept only a server certificate with this SHA-256 fingerprint "
                 "(64 hex digits, colons allowed; repeatable)."),
              u"HEX"_s),
      m_dataDir(u"data-dir"_s, tr("Keep the store, the client id and the settings in DIR."),
              u"DIR"_s),
      m_qos(u"qos"_s, tr("QoS of sent messages, 0 or 1 (default 1)."), u"N"_s, u"1"_s),
      m_prefix(u"prefix"_s, tr("Topic prefix (default longlink/v1)."), u"P"_s, u"longlink/v1"_s),
      m_connectTimeout(u"connect-timeout"_s,
              tr("Give up a connection attempt after S seconds (default 10)."), u"S"_s, u"10"_s),
      m_keepAlive(u"keep-alive"_s, tr("MQTT keep-alive in seconds (default 30)."), u"S"_s, u"30"_s),
      m_settle(u"settle-ms"_s,
              tr("A dropped plugin file must stay unchanged this long (default 250)."), u"MS"_s,
              u"250"_s),
      m_probation(u"probation-ms"_s,
              tr("A new transport must work this long to count as good (default 3000)."), u"MS"_s,
              u"3000"_s),
      m_maxIncoming(u"max-incoming-kb"_s,
              tr("Drop (and acknowledge) incoming messages over KB kibibytes (default 1024)."),
              u"KB"_s, u"1024"_s),
      m_mqttVersion(u"mqtt-version"_s,
              tr("MQTT version: 5 (only), 3.1.1 (only) or auto (default: 5.0, and 3.1.1 for "
                 "a server that refuses it, remembered for a week)."),
              u"V"_s, u"auto"_s),
      m_sessionExpiry(u"session-expiry"_s,
              tr("MQTT 5: the server keeps the session and queues messages for S seconds "
                 "after a disconnect (default 604800, a week; the server may allow less)."),
              u"S"_s, u"604800"_s)
{
}

void AccountOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({ m_server, m_user, m_passwordFile, m_room, m_transports, m_trustedKeys,
            m_caFile, m_pinSha256, m_dataDir, m_qos, m_prefix, m_connectTimeout, m_keepAlive,
            m_settle, m_probation, m_maxIncoming, m_mqttVersion, m_sessionExpiry });
}

bool AccountOptions::serverGiven(const QCommandLineParser &parser) const
{
    return parser.isSet(m_server);
}

bool AccountOptions::userGiven(const QCommandLineParser &parser) const
{
    return parser.isSet(m_user) && !parser.value(m_user).isEmpty();
}

QString AccountOptions::read(const QCommandLineParser &parser, ChatClient::Config &config) const
{
    if (parser.isSet(m_server)) {
        // Given more than once: several addresses of one service.
        QList<QUrl> servers;
        for (const QString &given : parser.values(m_server)) {
            const QUrl url(given, QUrl::StrictMode);
            if (!url.isValid() || url.host().isEmpty() || url.scheme().isEmpty())
                return tr("--server wants a URL like mqtt://host:1883, not \"%1\"").arg(given);
            servers.append(url);
        }
        config.server = servers.takeFirst();
        config.alternateServers = servers;
    }
    if (parser.isSet(m_user)) {
        config.user = parser.value(m_user);
        if (!ChatTopics::isValidName(config.user))
            return tr("\"%1\" cannot be a user name: %2").arg(config.user, ChatTopics::nameRule());
    }
    if (parser.isSet(m_passwordFile)) {
        QFile file(parser.value(m_passwordFile));
        if (!file.open(QIODevice::ReadOnly))
            return tr("cannot read the password file %1: %2")
                    .arg(file.fileName(), file.errorString());
        QByteArray password = file.readLine();
        while (password.endsWith('\n') || password.endsWith('\r'))
            password.chop(1);
        config.password = password;
    }
    if (parser.isSet(m_room)) {
        config.rooms = parser.values(m_room);
        for (const QString &name : std::as_const(config.rooms)) {
            if (!ChatTopics::isValidName(name))
                return tr("\"%1\" cannot be a room name: %2").arg(name, ChatTopics::nameRule());
        }
    }
    if (parser.isSet(m_transports))
        config.transportFolders = parser.values(m_transports);
    if (parser.isSet(m_trustedKeys)) {
        const QFileInfo keys(parser.value(m_trustedKeys));
        if (!keys.isDir())
            return tr("--trusted-keys wants a folder of PEM public keys, and %1 is not one")
                    .arg(parser.value(m_trustedKeys));
        config.trustedKeys = keys.absoluteFilePath();
    }
    if (parser.isSet(m_caFile)) {
        const QFileInfo ca(parser.value(m_caFile));
        QFile file(ca.absoluteFilePath());
        if (!file.open(QIODevice::ReadOnly))
            return tr("cannot read the CA file %1: %2").arg(ca.filePath(), file.errorString());
        if (QSslCertificate::fromDevice(&file, QSsl::Pem).isEmpty())
            return tr("the CA file %1 holds no PEM certificate").arg(ca.filePath());
        config.caFile = ca.absoluteFilePath();
    }
    if (parser.isSet(m_pinSha256)) {
        config.pinSha256.clear();
        for (const QString &given : parser.values(m_pinSha256)) {
            const QString pin = normalizedSha256(given);
            if (pin.isEmpty())
                return tr("--pin-sha256 wants 64 hex digits (colons allowed), not \"%1\"")
                        .arg(given);
            config.pinSha256.append(pin);
        }
    }
    bool anySecure = ChatClient::isSecureScheme(config.server.scheme());
    for (const QUrl &url : std::as_const(config.alternateServers))
        anySecure |= ChatClient::isSecureScheme(url.scheme());
    if ((parser.isSet(m_caFile) || parser.isSet(m_pinSha256)) && parser.isSet(m_server)
            && !anySecure)
        return tr("--ca-file and --pin-sha256 are for TLS servers (mqtts://, wss://), not %1")
                .arg(config.server.toDisplayString());
    if (parser.isSet(m_dataDir))
        config.dataDir = parser.value(m_dataDir);

    bool ok = false;
    const int qos = parser.value(m_qos).toInt(&ok);
    if (!ok || (qos != 0 && qos != 1))
        return tr("--qos must be 0 or 1");
    config.qos = quint8(qos);
    config.prefix = parser.value(m_prefix);
    if (config.prefix.isEmpty() || config.prefix.contains(u'+') || config.prefix.contains(u'#'))
        return tr("--prefix must be a topic without wildcards");
    const int connectTimeout = parser.value(m_connectTimeout).toInt(&ok);
    if (!ok || connectTimeout <= 0 || connectTimeout > 3600)
        return tr("--connect-timeout must be 1 to 3600 seconds");
    config.connectTimeoutMs = connectTimeout * 1000;
    const int keepAlive = parser.value(m_keepAlive).toInt(&ok);
    if (!ok || keepAlive < 1 || keepAlive > 65535)
        return tr("--keep-alive must be 1 to 65535 seconds");
    config.keepAliveSeconds = quint16(keepAlive);
    const int settle = parser.value(m_settle).toInt(&ok);
    if (!ok || settle < 0)
        return tr("--settle-ms must be a number of milliseconds");
    config.settleMs = settle;
    const int probation = parser.value(m_probation).toInt(&ok);
    if (!ok || probation < 0)
        return tr("--probation-ms must be a number of milliseconds");
    config.probationMs = probation;
    const int maxIncomingKb = parser.value(m_maxIncoming).toInt(&ok);
    if (!ok || maxIncomingKb < 1 || maxIncomingKb > 256 * 1024)
        return tr("--max-incoming-kb must be 1 to 262144");
    config.maxIncomingBytes = quint32(maxIncomingKb) * 1024;
    const std::optional<ChatClient::MqttVersion> version
            = ChatClient::parseMqttVersion(parser.value(m_mqttVersion));
    if (!version)
        return tr("--mqtt-version must be 5, 3.1.1 or auto, not \"%1\"")
                .arg(parser.value(m_mqttVersion));
    config.mqttVersion = *version;
    const qint64 expiry = parser.value(m_sessionExpiry).toLongLong(&ok);
    if (!ok || expiry < 0 || expiry > 0xFFFFFFFFLL)
        return tr("--session-expiry must be 0 to 4294967295 seconds");
    config.sessionExpirySeconds = quint32(expiry);
    return QString();
}

} // namespace longlink
