#include "cliapp.h"

#include "enumnames.h"
#include "jsonobjectwriter.h"
#include "logging.h"

#include <QtCore/QDateTime>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace longlink::cli {

namespace {
void printError(const QString &text)
{
    std::fputs(qPrintable(u"longlink-cli: "_s + text + u'\n'), stderr);
    std::fflush(stderr);
}

} // namespace

CliApp::CliApp(const CliConfig &config, QObject *parent) : QObject(parent), m_config(config)
{
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        if (m_everConnected)
            return;
        quit(CliConfig::Unreachable,
                u"cannot reach %1 within %2 s: %3"_s.arg(m_client.server().toDisplayString())
                        .arg(m_config.connectTimeoutSeconds)
                        .arg(m_lastReason.isEmpty() ? u"no answer"_s : m_lastReason));
    });
    m_outputTimer.setSingleShot(true);
    m_outputTimer.setInterval(0);
    connect(&m_outputTimer, &QTimer::timeout, this, &CliApp::flushOutput);
    m_drainTimer.setInterval(50);
    connect(&m_drainTimer, &QTimer::timeout, this, &CliApp::checkDrain);
}

CliApp::~CliApp()
{
    // m_client outlives the members our handlers use: no calls into them.
    m_client.disconnect(this);
    flushOutput();
}

// Lines are written and flushed at the end of each event-loop pass, before
// the process waits again: a reader sees every line as soon as it is
// complete, and a burst of messages costs one write(), not one per line.
void CliApp::print(const QByteArray &jsonObject)
{
    m_output += jsonObject;
    m_output += '\n';
    if (!m_outputTimer.isActive())
        m_outputTimer.start();
}

void CliApp::flushOutput()
{
    if (m_output.isEmpty())
        return;
    std::fwrite(m_output.constData(), 1, size_t(m_output.size()), stdout);
    std::fflush(stdout);
    m_output.clear();
}

bool CliApp::start()
{
    // What is acknowledged to the broker was printed first.
    connect(&m_client, &ChatClient::aboutToAcknowledge, this, &CliApp::flushOutput);
    connect(&m_client, &ChatClient::transportEvent, this, [this](const TransportEvent &event) {
        JsonObjectWriter line;
        line.add("event", u"transport"_s)
                .add("state", TransportEvent::stepName(event.step))
                .add("name", event.name)
                .add("version", event.version)
                .add("file", event.file);
        if (!event.reason.isEmpty())
            line.add("reason", event.reason);
        print(line.finish());
    });
    connect(&m_client, &ChatClient::transportPinChanged, this, [this](const QString &pin) {
        print(JsonObjectWriter()
                        .add("event", u"pin"_s)
                        .add("transport", pin.isEmpty() ? u"auto"_s : pin)
                        .finish());
    });
    connect(&m_client, &ChatClient::connectionChanged, this,
            [this](ChatClient::ConnectionState state, const QString &reason) {
                if (!reason.isEmpty())
                    m_lastReason = reason;
                if (state == ChatClient::ConnectionState::Connected)
                    m_everConnected = true;
                JsonObjectWriter line;
                line.add("event", u"connection"_s)
                        .add("state", enumName(state))
                        .add("transport", m_client.transportName())
                        .add("version", m_client.transportVersion());
                if (state == ChatClient::ConnectionState::Connected) {
                    line.add("mqtt", m_client.protocolVersion());
                    const MqttSession::Grant grant = m_client.serverGrant();
                    if (grant.version == mqtt::ProtocolVersion::V5)
                        line.add("sessionExpiry", qint64(grant.sessionExpirySeconds));
                    if (!grant.reasonString.isEmpty())
                        line.add("serverSays", grant.reasonString);
                }
                if (!reason.isEmpty())
                    line.add("reason", reason);
                print(line.finish());
            });
    connect(&m_client, &ChatClient::messageReceived, this, [this](const ChatMessage &message) {
        JsonObjectWriter line(96 + message.text.size());
        line.add("event", u"message"_s)
                .add("room", message.room)
                .add("from", message.from)
                .add("id", message.id)
                .add("ts", message.ts)
                .add("text", message.text);
        if (!message.replyTo.isEmpty())
            line.add("replyTo", message.replyTo);
        print(line.finish());
    });
    connect(&m_client, &ChatClient::messageChanged, this, [this](const MessageChange &change) {
        JsonObjectWriter line(96 + change.text.size());
        line.add("event", change.deleted ? u"deleted"_s : u"edited"_s)
                .add("room", change.room)
                .add("id", change.id);
        if (!change.deleted)
            line.add("text", change.text).add("editedTs", change.editedTs);
        print(line.finish());
    });
    connect(&m_client, &ChatClient::messageRefused, this,
            [this](const QString &id, const QString &room, const QString &reason) {
                m_refused.append(u"%1: %2"_s.arg(id, reason));
                print(JsonObjectWriter()
                                .add("event", u"refused"_s)
                                .add("room", room)
                                .add("id", id)
                                .add("reason", reason)
                                .finish());
            });
    connect(&m_client, &ChatClient::roomRefused, this,
            [this](const QString &room, const QString &reason) {
                print(JsonObjectWriter()
                                .add("event", u"room-refused"_s)
                                .add("room", room)
                                .add("reason", reason)
                                .finish());
            });
    connect(&m_client, &ChatClient::sessionLost, this, [this](const QString &reason) {
        print(JsonObjectWriter().add("event", u"session-lost"_s).add("reason", reason).finish());
    });
    connect(&m_client, &ChatClient::messageDropped, this,
            [this](const QString &room, const QString &from, const QString &reason, quint64 bytes) {
                JsonObjectWriter line;
                line.add("event", u"dropped"_s);
                if (!room.isEmpty())
                    line.add("room", room);
                if (!from.isEmpty())
                    line.add("from", from);
                print(line.add("size", qint64(bytes)).add("reason", reason).finish());
            });
    connect(&m_client, &ChatClient::messageQueued, this,
            [this](const QString &id, const QString &room) {
                print(JsonObjectWriter()
                                .add("event", u"queued"_s)
                                .add("id", id)
                                .add("room", room)
                                .finish());
            });
    connect(&m_client, &ChatClient::messageNotStored, this,
            [this](const QString &id, const QString &room, const QString &reason) {
                m_unstored.insert(id, false);
                m_unstoredOrder.append(id);
                print(JsonObjectWriter()
                                .add("event", u"not-stored"_s)
                                .add("id", id)
                                .add("room", room)
                                .add("reason", reason)
                                .finish());
            });
    connect(&m_client, &ChatClient::messageSent, this,
            [this](const QString &id, const QString &room) {
                if (const auto it = m_unstored.find(id); it != m_unstored.end())
                    *it = true;
                print(JsonObjectWriter()
                                .add("event", u"sent"_s)
                                .add("id", id)
                                .add("room", room)
                                .finish());
            });
    connect(&m_client, &ChatClient::presenceChanged, this,
            [this](const QString &user, bool online) {
                print(JsonObjectWriter()
                                .add("event", u"presence"_s)
                                .add("user", user)
                                .add("state", online ? u"online"_s : u"offline"_s)
                                .finish());
            });
    connect(&m_client, &ChatClient::transportSwapped, this,
            [this](const QString &name, const QString &from, const QString &to, qint64 ms,
                    int resent) {
                print(JsonObjectWriter()
                                .add("event", u"swap"_s)
                                .add("name", name)
                                .add("from", from)
                                .add("to", to)
                                .add("ms", ms)
                                .add("resent", qint64(resent))
                                .finish());
            });
    connect(&m_client, &ChatClient::storeError, this, [this](const QString &reason) {
        print(JsonObjectWriter().add("event", u"error"_s).add("reason", reason).finish());
    });
    connect(&m_client, &ChatClient::refused, this, [this](const QString &reason) {
        quit(m_everConnected ? CliConfig::Failure : CliConfig::Unreachable,
                u"the server refused the connection: "_s + reason);
    });
    // Nobody to ask: a certificate that cannot be verified (and is not
    // pinned with --pin-sha256 or trusted through --ca-file) is refused.
    connect(&m_client, &ChatClient::certificateUntrusted, this,
            [this](const QVariantMap &certificate) {
                m_untrusted = u"the certificate of %1:%2 (%3, SHA-256 %4) cannot be trusted: %5; "
                              u"give its CA with --ca-file or pin it with --pin-sha256"_s
                                      .arg(certificate.value(u"host"_s).toString())
                                      .arg(certificate.value(u"port"_s).toInt())
                                      .arg(certificate.value(u"subject"_s).toString(),
                                              certificate.value(u"sha256"_s).toString(),
                                              certificate.value(u"errors"_s)
                                                      .toStringList()
                                                      .join(u"; "_s));
                m_client.decideCertificate(ByteLink::CertificateDecision::Refuse, certificate);
            });
    connect(&m_client, &ChatClient::certificateRefused, this, [this](const QString &reason) {
        quit(CliConfig::Unreachable, m_untrusted.isEmpty() ? reason : m_untrusted);
    });
    connect(&m_client, &ChatClient::serverChanged, this, [this](const QUrl &url, qint64 ms) {
        print(JsonObjectWriter()
                        .add("event", u"server"_s)
                        .add("state", u"moved"_s)
                        .add("url", url.toDisplayString(QUrl::RemoveUserInfo))
                        .add("transport", m_client.transportName())
                        .add("ms", ms)
                        .finish());
    });
    connect(&m_client, &ChatClient::serverMoveFailed, this,
            [this](const QUrl &url, const QString &reason) {
                print(JsonObjectWriter()
                                .add("event", u"server"_s)
                                .add("state", u"failed"_s)
                                .add("url", url.toDisplayString(QUrl::RemoveUserInfo))
                                .add("reason", reason)
                                .finish());
            });
    connect(&m_client, &ChatClient::finished, this, [this] { quit(CliConfig::Ok); });

    if (!m_client.open(m_config.chat)) {
        printError(m_client.errorString());
        return false;
    }
    for (const QString &note : m_client.notes())
        print(JsonObjectWriter().add("event", u"note"_s).add("text", note).finish());
    if (!m_config.chat.rooms.isEmpty())
        m_currentRoom = m_config.chat.rooms.first();
    m_client.start();
    m_connectTimer.start(m_config.connectTimeoutSeconds * 1000);

    connect(&m_stdin, &StdinReader::lines, this, &CliApp::onLines);
    connect(&m_client, &ChatClient::messageSent, this, &CliApp::resumeInputIfRoom);
    connect(&m_client, &ChatClient::messageRefused, this, &CliApp::resumeInputIfRoom);
    // QoS 0 messages are done once handed to the session, or once the
    // connection is back.
    connect(&m_client, &ChatClient::messageQueued, this, &CliApp::resumeInputIfRoom);
    connect(&m_client, &ChatClient::connectionChanged, this, &CliApp::resumeInputIfRoom);
    connect(&m_stdin, &StdinReader::endOfInput, this, &CliApp::beginDrain);
    m_stdin.start();
    return true;
}

void CliApp::onLines(const QStringList &lines)
{
    for (const QString &line : lines) {
        if (m_draining)
            return;
        if (line.startsWith(u'/')) {
            handleCommand(line);
            continue;
        }
        if (line.isEmpty())
            continue;
        if (m_currentRoom.isEmpty()) {
            printError(u"no room to send to: start with --room ROOM or type /join ROOM"_s);
            continue;
        }
        if (m_client.send(m_currentRoom, line).isEmpty())
            printError(m_client.errorString());
    }
    // A producer faster than the server (or a server that is away) waits
    // in the pipe: memory stays flat however much is piped in.
    if (m_client.unacknowledgedCount() >= kPauseInputAt)
        m_stdin.setPaused(true);
}

void CliApp::resumeInputIfRoom()
{
    if (m_stdin.isPaused() && m_client.unacknowledgedCount() <= kResumeInputAt)
        m_stdin.setPaused(false);
}

void CliApp::handleCommand(const QString &line)
{
    const qsizetype space = line.indexOf(u' ');
    const QString command = line.left(space < 0 ? line.size() : space);
    const QString argument = space < 0 ? QString() : line.mid(space + 1).trimmed();
    if (command == u"/quit") {
        beginDrain();
    } else if (command == u"/join" && !argument.isEmpty()) {
        if (m_client.join(argument))
            m_currentRoom = argument;
        else
            printError(m_client.errorString());
    } else if (command == u"/leave" && !argument.isEmpty()) {
        m_client.leave(argument);
        if (m_currentRoom == argument)
            m_currentRoom = m_client.rooms().value(0);
    } else if (command == u"/transport" && argument == u"auto") {
        m_client.useNewestTransport();
    } else if (command == u"/transport" && argument.contains(u'@')) {
        const qsizetype at = argument.lastIndexOf(u'@');
        if (!m_client.useTransport(argument.left(at), argument.mid(at + 1)))
            printError(m_client.errorString());
    } else if (command == u"/server" && !argument.isEmpty()) {
        const QUrl url(argument, QUrl::StrictMode);
        if (!m_client.setServer(url))
            printError(m_client.errorString());
        else
            print(JsonObjectWriter()
                            .add("event", u"server"_s)
                            .add("state", u"moving"_s)
                            .add("url", url.toDisplayString(QUrl::RemoveUserInfo))
                            .finish());
    } else if ((command == u"/reply" || command == u"/edit") && argument.contains(u' ')) {
        // ID TEXT: the id of the message it answers, or of the own one it changes.
        const QString id = argument.section(u' ', 0, 0);
        const QString text = argument.section(u' ', 1);
        if (command == u"/reply" && m_currentRoom.isEmpty())
            printError(u"no room to send to: start with --room ROOM or type /join ROOM"_s);
        else if ((command == u"/reply" ? m_client.send(m_currentRoom, text, id)
                                       : m_client.edit(id, text))
                         .isEmpty())
            printError(m_client.errorString());
    } else if (command == u"/delete" && !argument.isEmpty()) {
        if (m_client.remove(argument).isEmpty())
            printError(m_client.errorString());
    } else if (command == u"/room" && !argument.isEmpty()) {
        if (!m_client.rooms().contains(argument))
            printError(u"not in room \"%1\": /join it first"_s.arg(argument));
        else
            m_currentRoom = argument;
    } else {
        printError(
                u"unknown command \"%1\" (try /join ROOM, /leave ROOM, /room ROOM, /reply ID TEXT, /edit ID TEXT, /delete ID, /transport NAME@VERSION|auto, /server URL, /quit)"_s
                        .arg(line));
    }
}

void CliApp::beginDrain()
{
    if (m_draining)
        return;
    m_draining = true;
    m_stdin.stop();
    m_lastProgressMs = QDateTime::currentMSecsSinceEpoch();
    m_drainTimer.start();
    checkDrain();
}

void CliApp::checkDrain()
{
    if (!m_everConnected)
        return; // the connect timeout decides
    const int outstanding = m_client.unacknowledgedCount();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (outstanding != m_lastOutstanding) {
        m_lastOutstanding = outstanding;
        m_lastProgressMs = now;
    }
    if (outstanding == 0) {
        m_drainTimer.stop();
        m_client.shutdown(); // finished() quits
        // If the goodbye cannot be delivered, do not hang on it.
        QTimer::singleShot(5000, this, [this] { quit(CliConfig::Ok); });
        return;
    }
    if (now - m_lastProgressMs > qint64(m_config.drainTimeoutSeconds) * 1000) {
        const int kept = m_client.outboxCount();
        const int unstored = m_client.unstoredCount();
        quit(CliConfig::OutboxNotEmpty,
                unstored == 0
                        ? u"%1 messages are still waiting for the server; they stay in the outbox for the next run"_s
                                  .arg(kept)
                        : u"%1 messages are still waiting for the server: %2 stay in the outbox for the next run, %3 could not be stored"_s
                                  .arg(kept + unstored)
                                  .arg(kept)
                                  .arg(unstored));
    }
}

void CliApp::quit(int code, const QString &why)
{
    if (m_quitting)
        return;
    m_quitting = true;
    flushOutput();
    if (!why.isEmpty())
        printError(why);
    // Whatever else happened, messages that never reached the disk are
    // named: the delivered ones are missing from the history, the others
    // are lost.
    if (!m_unstored.isEmpty() && (code == CliConfig::Ok || code == CliConfig::OutboxNotEmpty)) {
        printError(u"%1 messages could not be stored:"_s.arg(m_unstored.size()));
        for (const QString &id : std::as_const(m_unstoredOrder)) {
            printError(m_unstored.value(id)
                            ? u"  %1: delivered, but not in the local history"_s.arg(id)
                            : u"  %1: not delivered, lost"_s.arg(id));
        }
        code = CliConfig::NotStored;
    }
    if (!m_refused.isEmpty() && code == CliConfig::Ok) {
        printError(u"the server refused %1 messages:"_s.arg(m_refused.size()));
        for (const QString &line : std::as_const(m_refused))
            printError(u"  "_s + line);
        code = CliConfig::Refused;
    }
    Q_EMIT exitRequested(code);
}

} // namespace longlink::cli
