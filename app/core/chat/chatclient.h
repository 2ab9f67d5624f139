#pragma once

#include "boundedidset.h"
#include "chathistory.h"
#include "chatmessage.h"
#include "chatstore.h"
#include "chattopics.h"
#include "mqttsession.h"
#include "transportevent.h"
#include "transportplugininfo.h"

#include <QtCore/QDateTime>
#include <QtCore/QHash>
#include <QtCore/QLockFile>
#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QTimer>
#include <QtCore/QUrl>

#include <memory>

namespace longlink {

class HotSwapController;
class SessionSwapAdapter;
class StoredPluginVerdicts;
class TransportHost;
class WakeDetector;

// The chat on top of one MQTT session (design section 4): rooms, messages,
// presence, the outbox and history in the store. Used alike by the CLI and
// the GUI.
class ChatClient : public QObject
{
    Q_OBJECT

public:
    // Which MQTT to speak: 5.0 and 3.1.1 for servers that refuse it
    // (remembered per server), or only one of them.
    enum class MqttVersion { Auto, V5, V311 };

    struct Config
    {
        QUrl server = QUrl(QStringLiteral("mqtt://127.0.0.1:1883"));
        // More addresses of the same service (--server given more than
        // once): raced with `server`, earlier ones preferred.
        QList<QUrl> alternateServers;
        QString user;
        std::optional<QByteArray> password;
        QString prefix = QStringLiteral("longlink/v1");
        quint8 qos = 1;
        MqttVersion mqttVersion = MqttVersion::Auto;
        // MQTT 5: how long the server keeps the session (and queues
        // messages for us) after the connection ends.
        quint32 sessionExpirySeconds = 7 * 24 * 3600;
        QStringList rooms;
        QStringList transportFolders;
        // Non-empty: only plugins signed by a key in this folder are used.
        QString trustedKeys;
        // TLS (mqtts://, wss://): trust only the CAs in this PEM file instead
        // of the system's; accept only server certificates with these
        // SHA-256 fingerprints.
        QString caFile;
        QStringList pinSha256;
        QString dataDir; // empty: QStandardPaths::AppDataLocation
        int connectTimeoutMs = 10'000;
        quint16 keepAliveSeconds = 30;
        int settleMs = 250; // a dropped plugin file must be unchanged this long
        int probationMs = 3000; // a new transport must work this long to count as good
        // Larger incoming messages are acknowledged and dropped unread.
        quint32 maxIncomingBytes = 1024 * 1024;
    };

    enum class ConnectionState { Connecting, Connected, Disconnected };
    Q_ENUM(ConnectionState)

    explicit ChatClient(QObject *parent = nullptr);
    ~ChatClient() override;

    // Locks the data folder, opens the store, finds transports. False and
    // errorString() when any of it fails (another process owns the folder,
    // the store cannot be opened, ...).
    bool open(const Config &config);
    QString errorString() const { return m_error; }
    void start();
    // Publishes "offline", waits for what is already written, disconnects;
    // finished() follows.
    void shutdown();

    const Config &config() const { return m_config; }
    QString clientId() const { return m_clientId; }

    // --- The connection.
    ConnectionState connectionState() const { return m_connectionState; }
    // "5.0" or "3.1.1": the protocol of the connection (or the last one);
    // empty before the first.
    QString protocolVersion() const;
    // What the server granted on that connection (MQTT 5 CONNACK).
    MqttSession::Grant serverGrant() const;
    static std::optional<MqttVersion> parseMqttVersion(const QString &text);
    // Skips the wait before the next attempt (the user asked, the network
    // changed); after a refused certificate, connects again.
    void reconnectNow(const QString &why);
    // Milliseconds until the next attempt, -1 if none is planned.
    int nextRetryInMs() const;
    // The last ping's round trip, -1 before the first.
    int roundTripMs() const;

    // Moves the session to another server address, live and
    // make-before-break when connected (the transport follows the URL's
    // scheme): serverChanged() or serverMoveFailed() follows, and the old
    // address keeps the session if the new one fails. False and
    // errorString() when the URL cannot be used at all.
    bool setServer(const QUrl &server);
    QUrl server() const { return m_config.server; }
    // Every address of the service, in the order the next race prefers.
    QList<QUrl> servers() const { return m_servers; }
    static QString checkServerUrl(const QUrl &server);

    // --- Certificates (TLS servers).
    // A certificate the user chose to trust always, for one server.
    struct TrustedCertificate
    {
        QString sha256;
        QString host;
        int port = 0;
        QString subject;
        QDateTime notAfter;
        QDateTime trustedSince;
    };
    // The answer to certificateUntrusted(). AcceptOnce trusts it until the
    // app ends; AcceptAlways keeps it in the store (revocable).
    void decideCertificate(ByteLink::CertificateDecision decision, const QVariantMap &certificate);
    QList<TrustedCertificate> trustedCertificates() const;
    void revokeCertificate(const QString &sha256);
    // After certificateRefused(): tries again (the user changed something).
    void connectAgain();
    // What carries the session now (ByteLink::connectionInfo()).
    QVariantMap connectionInfo() const;
    // "mqtts", "wss", ...: schemes whose transports speak TLS.
    static bool isSecureScheme(const QString &scheme);

    // --- Rooms and history.
    const ChatHistory *history() const { return m_history.get(); }

    // --- Transports.
    // The plugin that carries the session now (between links: the last one).
    QString transportName() const;
    QString transportVersion() const;
    QList<TransportPluginInfo> transportPlugins() const;
    QStringList transportFolders() const;
    // Reads the folders again now (the watcher does it on its own too).
    void rescanTransports();
    // "name@version" chosen by hand for the server's scheme; empty when the
    // newest is used.
    QString pinnedTransport() const;

    // The parts, for tests and benchmarks. Views use the calls above (the
    // layering test checks that ui/ does not reach for these).
    TransportHost *transportHost() const { return m_host.get(); }
    HotSwapController *hotSwap() const { return m_hotSwap.get(); }
    MqttSession *session() const { return m_session.get(); }
    ChatStore *store() const { return m_store.get(); }

    // Returns the new message's id, or an empty string if the room name or
    // text is not acceptable (errorString() says why).
    // `replyTo`: the id of a message of the room it answers.
    QString send(const QString &room, const QString &text, const QString &replyTo = QString());
    // Changes the text of an own message, or deletes it, for everyone in
    // the room: sent like a message (through the outbox), and shown here at
    // once (messageChanged()). Returns the edit's id, or an empty string
    // and errorString() if the message is not an own, shown one.
    QString edit(const QString &messageId, const QString &text);
    QString remove(const QString &messageId);
    // A shown message by id (null if the store has none).
    std::optional<StoredMessage> message(const QString &messageId) const;
    bool join(const QString &room);
    // Tells the room this user is typing (or stopped): a QoS 0 notice on
    // the room's typing topic, kept nowhere. Sent only while connected;
    // receivers forget a "typing" they do not hear again within
    // kTypingExpiryMs, so a typist repeats it every kTypingRepeatMs.
    void setTyping(const QString &room, bool typing);
    static constexpr int kTypingRepeatMs = 3000;
    static constexpr int kTypingExpiryMs = 6000;
    // Everything shown in `room` so far counts as read, in this run and the
    // next (the marker is kept in the store).
    void markRead(const QString &room);
    void leave(const QString &room);
    QStringList rooms() const { return m_rooms; }

    // Serves the server's scheme with this plugin from now on (a choice made
    // by hand, remembered in the store); moves the session onto it. Only a
    // usable plugin can be chosen; false and errorString() otherwise.
    bool useTransport(const QString &name, const QString &version);
    // Forgets a choice made by hand: the newest usable plugin serves again,
    // and later ones take over as they arrive.
    void useNewestTransport();

    // What open() changed that the user should be told: a data folder or
    // store that was open to other users and was made private.
    QStringList notes() const { return m_notes; }

    // Messages handed to send() (and presence) not yet acknowledged by the broker.
    int unacknowledgedCount() const;
    // Of those, the ones kept in the outbox (safe for the next run) and the
    // ones that could not be stored (lost if the app ends before the broker
    // has them).
    int outboxCount() const;
    int unstoredCount() const;

Q_SIGNALS:
    void connectionChanged(longlink::ChatClient::ConnectionState state, const QString &reason);
    void messageReceived(const longlink::ChatMessage &message);
    // A message was edited or deleted by its sender (us included), and the
    // store has it so.
    void messageChanged(const longlink::MessageChange &change);
    // Received messages are stored and about to be acknowledged to the
    // broker: whoever shows them outside (the CLI's stdout) writes them out
    // now, so an acknowledged message was shown.
    void aboutToAcknowledge();
    // An incoming message was not shown: too large, invalid, forged, ...
    // `room` and `from` are empty when the topic does not say.
    void messageDropped(
            const QString &room, const QString &from, const QString &reason, quint64 bytes);
    // A message from send() is on disk (in history and outbox): it survives
    // a crash and goes out with the next connection if not now.
    void messageQueued(const QString &id, const QString &room);
    // A message from send() could not be stored (disk full, read-only
    // store): it is sent from memory while the server is up, and lost if
    // the app ends before that.
    void messageNotStored(const QString &id, const QString &room, const QString &reason);
    // The broker acknowledged it.
    void messageSent(const QString &id, const QString &room);
    // The broker refused it (MQTT 5 reason), or it is larger than the
    // server takes: it was not delivered and is not tried again.
    void messageRefused(const QString &id, const QString &room, const QString &reason);
    // The server did not let us into the room (a refused subscription).
    void roomRefused(const QString &room, const QString &reason);
    void presenceChanged(const QString &user, bool online);
    // Someone else is in a room (joined, in this run or before: the
    // broker keeps it retained), or left it.
    void memberChanged(const QString &room, const QString &user, bool member);
    // Someone else started or stopped typing in a room (see setTyping()).
    void typingChanged(const QString &room, const QString &user, bool typing);
    void transportEvent(const longlink::TransportEvent &event);
    void transportPluginsChanged();
    // A choice made by hand was set or cleared (empty: the newest is used).
    void transportPinChanged(const QString &pin);
    // Another plugin carries the session now: after a swap, a rollback, or
    // a reconnect through another plugin.
    void transportChanged(const QString &name, const QString &version);
    void roundTripMeasured(int milliseconds);
    // The session moved to another transport: which, how long the move took
    // (from the file being noticed to the new transport carrying the session)
    // and how many messages were delayed or lost by it (should be 0 lost).
    void transportSwapped(const QString &name, const QString &fromVersion, const QString &toVersion,
            qint64 milliseconds, int messagesAffected);
    void storeError(const QString &reason);
    // The server's certificate could not be verified: decideCertificate()
    // answers (the connection waits). `certificate` has the keys of the
    // SDK's transportCertificateUntrusted().
    void certificateUntrusted(const QVariantMap &certificate);
    // The server's certificate was refused (by a pin, or by the user): the
    // client stopped connecting until connectAgain().
    void certificateRefused(const QString &reason);
    void refused(const QString &reason);
    // setServer() took effect (`milliseconds` from the request; 0 when
    // there was no connection to move).
    void serverChanged(const QUrl &server, qint64 milliseconds);
    // The new address could not take the session; the old one keeps it.
    void serverMoveFailed(const QUrl &server, const QString &reason);
    // The server answered "no session" for a client that had one: what was
    // sent to this user while away may be missing. `reason` says so.
    void sessionLost(const QString &reason);
    void finished();

private:
    struct Outgoing
    {
        QString messageId;
        QString room;
        qint64 rowId = 0; // its row in the store (the outbox), 0 if it could not be stored
    };
    // A message from send() on its way to the disk, then the wire.
    struct ToSend
    {
        StoredMessage stored;
        QString topic;
        QByteArray payload;
        quint8 qos = 1;
    };
    // A received message on its way to the disk; shown once stored (the
    // store's unique id is what drops redeliveries).
    struct Received
    {
        ChatMessage message;
        bool shown = false; // shown from memory while the store failed
        bool inserted = false;
    };

    void onSessionState(MqttSession::State state, const QString &reason);
    void moveToServer(const QUrl &server);
    void onSwitchFinished(bool ok, const QString &reason);
    // Points the transport choice at `scheme` (and its pin).
    void useScheme(const QString &scheme);
    // The options every link of this server gets (TLS, WebSocket).
    QVariantMap linkOptions() const { return linkOptionsFor(m_config.server); }
    QVariantMap linkOptionsFor(const QUrl &server) const;
    // The session's link factory: one address, or a race among several.
    ByteLink *createSessionLink(QObject *parent, QString *error);
    void onRaceWon(const QUrl &server);
    void applyLinkOptions();
    void setPin(const QString &pin);
    void checkPin();
    void noteTransport();
    void onSessionConnected(bool sessionPresent);
    void onPublishReceived(const mqtt::Publish &publish);
    // Every incoming message not shown says why, in the log and as a signal.
    void reportDropped(const QString &topic, const QString &reason, quint64 bytes);
    // A publish of ours is done with: acknowledged by the broker, or
    // refused (`refusal` says why).
    void settle(quint64 ref, const std::optional<QString> &refusal);
    // The server's key for remembering its MQTT version.
    static QString versionKey(const QUrl &server);
    // An edit or deletion of an own message, on its way like send()'s.
    QString sendChange(const ChatMessage &change);
    void scheduleFlush();
    void flush();
    void publishPresence(bool online);
    // Our retained membership of `room`: "joined", or cleared.
    void publishMembership(const QString &room, bool member);
    void checkShutdownDone();
    void emitFinished();

    Config m_config;
    ChatTopics m_topics;
    QString m_error;
    QStringList m_notes;
    QString m_clientId;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<ChatHistory> m_history;
    std::unique_ptr<TransportHost> m_host;
    std::unique_ptr<MqttSession> m_session;
    std::unique_ptr<SessionSwapAdapter> m_swapAdapter;
    std::unique_ptr<StoredPluginVerdicts> m_verdicts;
    std::unique_ptr<HotSwapController> m_hotSwap;
    std::unique_ptr<WakeDetector> m_wakeDetector;
    ConnectionState m_connectionState = ConnectionState::Disconnected;
    QStringList m_rooms;
    QHash<QString, bool> m_presence;
    bool m_finishedEmitted = false;

    // Outgoing messages by session ref, until their PUBACK.
    QHash<quint64, Outgoing> m_outgoing;
    quint64 m_nextEphemeralRef = quint64(1) << 62; // refs of what is not in the outbox
    // Written to the store in one transaction per event-loop pass.
    QList<ToSend> m_toPersist;
    QList<Received> m_receivedToStore;
    // Incoming QoS 1 packets to acknowledge after the next commit, with the
    // connection they came on.
    QList<std::pair<quint16, quint64>> m_pendingAcks;
    QList<Outgoing> m_acknowledgedToStore;
    QList<Outgoing> m_refusedToStore;
    QTimer m_flushTimer;
    QTimer m_checkpointTimer;
    QTimer m_searchIndexTimer; // fills the search index when the chat is quiet
    qsizetype m_rowsSinceCheckpoint = 0;

    // Shown while the store could not take them (it drops repeats otherwise).
    BoundedIdSet m_shownUnstored { 10'000 };

    bool m_shuttingDown = false;
    QStringList m_acceptedOnce; // fingerprints trusted until the app ends
    bool m_certificateRefused = false; // stopped until connectAgain()
    // A setServer() under way: where from, to restore if it fails.
    struct ServerMove
    {
        QUrl from;
        QUrl to;
        std::optional<TransportPluginInfo> fromCarrier;
        qint64 startedMs = 0;
    };
    std::optional<ServerMove> m_serverMove;
    std::optional<QUrl> m_pendingServer; // asked for during a transport swap
    QList<QUrl> m_servers; // every address, the next race's preference first
    bool m_wasConnected = false;
    QString m_shownTransport; // "name@version" last reported by transportChanged()
    quint64 m_offlineRef = 0;
    // Membership announcements on their way, by ref: a refused one is not
    // tried again (mosquitto 2.0.11 can drop the connection after refusing
    // a retained publish, and would again on every connect).
    QHash<quint64, QString> m_membershipRefs;
};

} // namespace longlink
