#pragma once

#include "backoff.h"
#include "bytelink.h"
#include "keepalivemonitor.h"
#include "mqttpacket.h"
#include "outgoingwindow.h"
#include "topicaliases.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QSet>
#include <QtCore/QTimer>
#include <QtCore/QUrl>

#include <functional>
#include <optional>

namespace longlink {

using mqtt::OutgoingPublish;

// An MQTT client session over whatever ByteLink its factory gives it.
// Owns the policy: connect, keep-alive, dead-link detection, reconnect with
// backoff, the in-flight window and resending, and moving to another link.
// It knows nothing of plugins: which link to use and whether two links can
// hand a connection over is decided by whoever calls switchTo().
// Persistence of the outbox is the caller's: it hands in messages already
// stored and removes them on publishAcknowledged().
class MqttSession : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Stopped, // not started, stopped, or refused for good: no reconnecting
        Connecting, // a link is opening or waiting for CONNACK
        Connected,
        Disconnected, // waiting to try again
        Stopping, // DISCONNECT written, waiting for the link to close
    };
    Q_ENUM(State)

    using SwitchMode = ByteLink::MoveMode;

    struct Options
    {
        QUrl server;
        QString clientId;
        // The version asked for first. With fallbackToV311, a server that
        // refuses 5.0 (or closes on its CONNECT) is asked again with 3.1.1,
        // at once, and that server gets 3.1.1 from then on (knownVersion()).
        mqtt::ProtocolVersion version = mqtt::ProtocolVersion::V5;
        bool fallbackToV311 = true;
        // MQTT 5: how long the broker keeps the session after a connection
        // ends (it may grant less; see Grant).
        quint32 sessionExpirySeconds = 7 * 24 * 3600;
        // MQTT 5: QoS 1/2 messages the broker may have unacknowledged with
        // us at once (our flow control: they are acknowledged after the
        // store has them).
        quint16 receiveMaximum = 1000;
        quint16 keepAliveSeconds = 30;
        int connectTimeoutMs = 10'000;
        std::optional<mqtt::Will> will;
        std::optional<QString> username;
        std::optional<QByteArray> password;
        int maxInflight = 500; // our cap on unacknowledged QoS 1 publishes
        quint32 maxIncomingPacketSize = 1024 * 1024;
        int backoffInitialMs = 250;
        int backoffCapMs = 30'000;
        // Incoming QoS 1 messages are acknowledged (PUBACK) only when the
        // owner calls acknowledge(), after it has kept them: a crash in
        // between makes the broker send them again instead of losing them.
        bool acknowledgeByOwner = false;
        // Passed to every link's open() next to the session's own (TLS
        // options such as "caFile", WebSocket "protocols", ...).
        QVariantMap linkOptions;
    };

    // What the server's CONNACK granted for the connection (MQTT 5
    // properties; for 3.1.1 what the protocol implies).
    struct Grant
    {
        mqtt::ProtocolVersion version = mqtt::ProtocolVersion::V311;
        quint32 sessionExpirySeconds = 0; // 3.1.1: the broker's own rule
        int receiveMaximum = 65'535; // publishes we may have in flight
        quint32 maximumPacketSize = 0; // 0: no limit but the protocol's
        quint16 keepAliveSeconds = 0; // the one in force
        quint16 topicAliasMaximum = 0; // aliases we may use when publishing
        quint8 maximumQoS = 2;
        bool retainAvailable = true;
        QString assignedClientId;
        QString reasonString;
    };

    // Makes a fresh, unopened link for the server, or nullptr and the reason.
    using LinkFactory = std::function<ByteLink *(QObject *parent, QString *error)>;

    explicit MqttSession(LinkFactory factory, QObject *parent = nullptr);
    ~MqttSession() override;

    void setOptions(const Options &options);
    const Options &options() const { return m_options; }

    State state() const { return m_state; }
    // The protocol of the current connection (or the last one).
    mqtt::ProtocolVersion protocolVersion() const { return m_grant.version; }
    const Grant &grant() const { return m_grant; }
    // A server known to speak only 3.1.1 (remembered by the owner): asked
    // with 3.1.1 straight away. V5 forgets it (asked with 5.0 again).
    void setKnownVersion(const QUrl &server, mqtt::ProtocolVersion version);
    mqtt::ProtocolVersion knownVersion(const QUrl &server) const;
    // "5.0" or "3.1.1".
    static QString versionName(mqtt::ProtocolVersion version);
    QString lastError() const { return m_lastError; }
    const ByteLink *link() const { return m_link; }

    // Starts connecting; reconnects on its own until stop().
    void start();
    // Sends DISCONNECT after what is already written, closes, stops reconnecting.
    void stop();
    // Skips the remaining backoff (network came back, user asked).
    void reconnectNow(const QString &why);
    // Closes the connection, if any, and connects again at once (new link
    // options, trust revoked, ...). The session stays; in-flight publishes
    // are resent.
    void reconnect(const QString &why);
    // Milliseconds until the next reconnect attempt, -1 if none is planned.
    int nextRetryInMs() const;
    // The last PINGREQ to PINGRESP time, -1 before the first.
    int roundTripMs() const { return m_roundTripMs; }
    // Why the last link ended.
    ByteLink::Error lastLinkError() const { return m_lastLinkError; }
    // What carries the session now (ByteLink::connectionInfo()); empty
    // while there is no link.
    QVariantMap connectionInfo() const;
    // The answer to certificateUntrusted(), for the link that asked.
    void decideCertificate(ByteLink::CertificateDecision decision);

    // Checks a link that may be dead (after waking from sleep) with a ping.
    void probe();
    // With Options::acknowledgeByOwner: acknowledges an incoming QoS 1
    // message received on connection `connection` (connectionNumber() then).
    // One from an earlier connection is dropped: the broker sends the
    // message again, and it is acknowledged then.
    void acknowledge(quint16 packetId, quint64 connection);
    // Counts accepted connections; what acknowledge() is matched against.
    quint64 connectionNumber() const { return m_connectionNumber; }

    // Moves the session onto `link` (new and unopened; the session owns it
    // from now on). Ends with switchFinished(). While a Reconnect move is
    // under way, new publishes wait and nothing is lost. A Handover the old
    // link cannot make becomes a Reconnect. Not connected: the link is
    // simply used for the next connection.
    void switchTo(ByteLink *link, SwitchMode mode);
    // Moves the session to another server address (and with `link`, to the
    // transport its scheme needs), make-before-break: the old connection
    // carries the session until the new address has sent CONNACK, and stays
    // if it never does. Ends with switchFinished(); from then on `server`
    // and `linkOptions` are the session's. Not connected: they are simply
    // used for the next connection.
    void moveToServer(ByteLink *link, const QUrl &server, const QVariantMap &linkOptions);
    QUrl server() const { return m_options.server; }
    // For the next connection (the live one, if any, keeps its address).
    void setServer(const QUrl &server, const QVariantMap &linkOptions)
    {
        m_options.server = server;
        m_options.linkOptions = linkOptions;
    }
    bool isSwitching() const { return m_move.has_value(); }
    // Started and not stopped: it connects or reconnects on its own.
    bool isRunning() const { return m_state != State::Stopped && m_state != State::Stopping; }
    // For the last successful switch: microseconds during which the session
    // could carry no message (0 for a handover).
    qint64 lastInterruptionUs() const { return m_lastInterruptionUs; }

    // Queues a publish. QoS 1 ones stay until acknowledged and are sent
    // again after every reconnect; QoS 0 ones wait only while offline.
    void publish(const OutgoingPublish &message);
    // `noLocal` (MQTT 5): the broker does not send back what this client
    // publishes on these filters (ignored with 3.1.1).
    void subscribe(const QStringList &filters, quint8 qos = 1, bool noLocal = false);
    void unsubscribe(const QStringList &filters);
    QStringList subscriptions() const { return m_subscriptions.keys(); }
    // SUBSCRIBE/UNSUBSCRIBE sent on this connection and not yet acknowledged:
    // until their ack, messages on those topics may not reach us.
    bool hasPendingSubscriptions() const { return !m_pendingSubscribes.isEmpty(); }

    // Unacknowledged + not yet sent publishes.
    int pendingCount() const { return m_window.queuedCount() + int(m_pendingQos0.size()); }
    int inflightCount() const { return m_window.inflightCount(); }

Q_SIGNALS:
    void stateChanged(longlink::MqttSession::State state, const QString &reason);
    // A link (the current one or one the session moves to) cannot verify
    // the server's certificate and waits for decideCertificate().
    void certificateUntrusted(const QVariantMap &certificate);
    void connected(bool sessionPresent);
    void messageReceived(const longlink::mqtt::Publish &publish);
    // A message over Options::maxIncomingPacketSize was acknowledged and
    // thrown away without being held in memory.
    void publishDiscarded(const QString &topic, quint64 bytes);
    void publishAcknowledged(quint64 ref);
    // The broker answered a publish with an MQTT 5 failure reason, or it is
    // larger than the server's Maximum Packet Size and was never sent: it
    // is settled, not delivered.
    void publishRefused(quint64 ref, const QString &reason);
    // The broker refused a subscription (MQTT 5 reason, or 0x80 in 3.1.1).
    void subscriptionRefused(const QString &filter, const QString &reason);
    // The server assigned the client id (MQTT 5): it is the session's now.
    void clientIdAssigned(const QString &clientId);
    // The broker refused us for good (bad credentials, not authorised).
    void refused(const QString &reason);
    void roundTripMeasured(int milliseconds);
    // A switchTo() ended. `resent`: publishes that had to go out again.
    void switchFinished(
            bool ok, longlink::ByteLink::MoveMode mode, const QString &reason, int resent);

private:
    void onCertificateUntrusted(const QVariantMap &certificate);
    // A switchTo() in progress.
    struct Move
    {
        // Spelled out, not default member initializers: clang cannot use
        // those of a nested struct before the enclosing class is complete.
        Move()
            : mode(SwitchMode::Reconnect), version(mqtt::ProtocolVersion::V5), connectSent(false),
              interruptionStartNs(-1)
        {
        }

        SwitchMode mode;
        mqtt::ProtocolVersion version; // of the CONNECT on the new link
        // Set for moveToServer(): where the new link goes, with what options.
        std::optional<QUrl> server;
        QVariantMap serverLinkOptions;
        // Reconnect: the new link, connecting next to the old one, and its reader.
        QPointer<ByteLink> link;
        mqtt::PacketReader reader;
        // CONNECT went out on the new link: the broker drops the old one on
        // reading it, so writes wait for the new CONNACK from here on.
        bool connectSent;
        qint64 interruptionStartNs;
    };

    mqtt::Connect connectPacket(mqtt::ProtocolVersion version) const;
    // Takes in what a CONNACK grants (MQTT 5 properties) for this connection.
    void applyGrant(const mqtt::Connack &connack);
    QVariantMap linkOptions() const;
    QVariantMap linkOptions(const QVariantMap &given) const; // with the session's own
    void beginMove(ByteLink *link, SwitchMode mode, const std::optional<QUrl> &server,
            const QVariantMap &serverLinkOptions);
    // A moveToServer() took effect: its address and options become the session's.
    void adoptMoveServer();
    void establish(const mqtt::Connack &connack);
    void renewSubscriptions();
    bool canWrite() const;
    void connectLink();
    void attachLink(ByteLink *link);
    void openLink(ByteLink *link);
    // The one way a link leaves the session: no more signals from it,
    // aborted unless it already let go of its connection, deleted later
    // (its code may be on the stack).
    void retire(ByteLink *link, bool abort = true);
    void finishSwitch(bool ok, const QString &reason, int resent);
    bool handover(ByteLink *link);
    void onMoveOpened();
    void onMoveData(const QByteArray &bytes);
    void failMove(const QString &reason);
    void onLinkOpened();
    void onLinkData(const QByteArray &bytes);
    void onLinkClosed(longlink::ByteLink::Error error, const QString &reason);
    // Drops the link; `error` says whose fault it looks like (Protocol: the
    // bytes we got made no sense).
    void dropLink(const QString &reason, ByteLink::Error error = ByteLink::Error::Protocol);
    // dropLink() for a protocol error of the server's, telling it why (MQTT 5).
    void dropLinkSayingWhy(quint8 reasonCode, const QString &reason);
    // What follows the loss of the current link, however it went.
    void linkLost(const QString &reason);
    // Ends the session for good (a final refusal).
    void halt(const QString &reason);
    void scheduleReconnect(const QString &reason);
    void setState(State state, const QString &reason = QString());

    void handlePacket(mqtt::Packet &packet);
    void handleConnack(const mqtt::Connack &connack);
    void handlePublish(mqtt::Publish &publish);
    void handleAck(const mqtt::Ack &ack);
    void handleSkipped(const mqtt::PacketReader::SkippedPublish &skipped);
    void handleDisconnect(const mqtt::Disconnect &disconnect);
    // A 5.0 CONNECT met a server that does not speak it: next time 3.1.1.
    bool fallBack(const QString &reason);

    bool send(const mqtt::Packet &packet);
    // A PUBLISH through the topic aliases and the server's size limit;
    // false (and `reason`) when it is over that limit and was not sent.
    bool sendPublish(const mqtt::Publish &publish, QString *reason = nullptr);
    // sendPublish() for one from the window: refused ones are settled.
    void sendWindowPublish(const mqtt::Publish &publish);
    void sendQueued();
    void sendPing();
    void onKeepAliveTick();

    LinkFactory m_factory;
    Options m_options;
    State m_state = State::Stopped;
    QString m_lastError;
    ByteLink::Error m_lastLinkError = ByteLink::Error::None;

    QPointer<ByteLink> m_link;
    QPointer<ByteLink> m_certificateLink; // the link whose certificate question is open
    mqtt::PacketReader m_reader;
    Backoff m_backoff;
    QTimer m_reconnectTimer;
    QTimer m_connackTimer;
    QTimer m_keepAliveTimer;
    QTimer m_openTimer;
    QTimer m_probeTimer;
    QTimer m_switchTimer;
    QElapsedTimer m_clock;
    mqtt::KeepAliveMonitor m_keepAlive; // on m_clock
    int m_roundTripMs = -1;
    quint64 m_connectionNumber = 0;

    std::optional<Move> m_move;
    qint64 m_lastInterruptionUs = 0;

    mqtt::OutgoingWindow m_window;
    QList<OutgoingPublish> m_pendingQos0;

    // Incoming QoS 2 packet ids between PUBREC and PUBREL.
    QSet<quint16> m_incomingQos2;

    Grant m_grant;
    QHash<QString, mqtt::ProtocolVersion> m_knownVersions; // by "host:port"
    mqtt::ProtocolVersion m_connectVersion = mqtt::ProtocolVersion::V5; // of the CONNECT sent
    bool m_awaitingConnack = false;
    bool m_heardSinceConnect = false;
    mqtt::TopicAliases m_aliases;

    struct SubscriptionOptions
    {
        quint8 qos = 1;
        bool noLocal = false;
        bool operator==(const SubscriptionOptions &) const = default;
    };
    QHash<QString, SubscriptionOptions> m_subscriptions;
    QHash<quint16, QStringList> m_pendingSubscribes; // SUBSCRIBE/UNSUBSCRIBE awaiting their ack
    QSet<QString> m_unsubscribesToSend;
};

} // namespace longlink
