#pragma once

#include "chatclient.h"

#include <QtCore/QCommandLineOption>
#include <QtCore/QCoreApplication>
#include <QtCore/QString>

class QCommandLineParser;

namespace longlink {

// The account and connection options both programs take: --server, --user,
// --password-file, --room, --transports, --data-dir, --qos, --prefix,
// --connect-timeout, --keep-alive, --settle-ms, --probation-ms,
// --max-incoming-kb, --ca-file, --pin-sha256, --mqtt-version and
// --session-expiry. One
// parser, so longlink and longlink-cli accept the same words, apply the same
// rules and give the same reasons.
class AccountOptions
{
    Q_DECLARE_TR_FUNCTIONS(AccountOptions)

public:
    // `userHelp` says what --user does in this program.
    explicit AccountOptions(const QString &userHelp);

    void addTo(QCommandLineParser &parser) const;

    // After parser.parse(): fills `config` from what was given, leaving the
    // rest as it is. Returns why a value cannot be used, empty when all can.
    QString read(const QCommandLineParser &parser, ChatClient::Config &config) const;

    bool serverGiven(const QCommandLineParser &parser) const;
    bool userGiven(const QCommandLineParser &parser) const;

    // "AB:cd:..." -> "abcd...", empty unless it is 32 bytes in hex.
    static QString normalizedSha256(const QString &text);

private:
    QCommandLineOption m_server;
    QCommandLineOption m_user;
    QCommandLineOption m_passwordFile;
    QCommandLineOption m_room;
    QCommandLineOption m_transports;
    QCommandLineOption m_trustedKeys;
    QCommandLineOption m_caFile;
    QCommandLineOption m_pinSha256;
    QCommandLineOption m_dataDir;
    QCommandLineOption m_qos;
    QCommandLineOption m_prefix;
    QCommandLineOption m_connectTimeout;
    QCommandLineOption m_keepAlive;
    QCommandLineOption m_settle;
    QCommandLineOption m_probation;
    QCommandLineOption m_maxIncoming;
    QCommandLineOption m_mqttVersion;
    QCommandLineOption m_sessionExpiry;
};

} // namespace longlink
