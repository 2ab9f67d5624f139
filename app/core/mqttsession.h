#pragma once

#include "backoff.h"
#include "mqtt/mqttpacket.h"
#include "transportlink.h"

#include <longlink/transport.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QSet>
#include <QtCore/QTimer>
#include <QtCore/QUrl>

#include <functional>
#include <map>

namespace longlink {

// One message the session is to publish. `ref` is the caller's key for it
// (the outbox row); publishAcknowledged(ref) reports its PUBACK.
struct OutgoingPublish
{
    quint64 ref = 0;
    QString topic;
    QByteArray payload;
    quint8 qos = 1;
    bool retain = false;
};

// An MQTT client session over whatever TransportLink the factory gives it.
// Owns the policy: connect, keep-alive, dead-link detection, reconnect with
// backoff, in-flight window and resending. Persistence of the outbox is the
// caller's: it hands in messages already stored and removes them on
// publishAcknowledged().
class MqttSession : public QObject
{
    Q_OBJECT

public:
    enum class State { Stopped, Connecting, Connected, Disconnected };
    Q_ENUM(State)

    // How to move a live session onto another transport (design section 3).
    enum class SwitchMode {
        Handover, // the old transport hands its open socket to the new one: no new connection
        Reconnect, // make-before-break: the new one connects, the broker moves the session
        BreakBeforeMake // the old one closes first (the naive way; kept as a benchmark reference)
    };
    Q_ENUM(SwitchMode)

    struct Options
    {
        QUrl server;
        QString clientId;
        mqtt::ProtocolVersion version = mqtt::ProtocolVersion::V311;
        quint16 keepAliveSeconds = 30;
        int connectTimeoutMs = 10'000;
        std::optional<mqtt::Will> will;
        std::optional<QString> username;
        std::optional<QByteArray> password;
        int maxInflight = 500; // our cap on unacknowledged QoS 1/2 publishes
        quint32 maxIncomingPacketSize = 1024 * 1024;
        int backoffInitialMs = 250;
        int backoffCapMs = 30'000;
    };

    // Makes a fresh, unopened link for the server's URL scheme, or nullptr
    // and the reason.
    using LinkFactory = std::function<TransportLink *(QObject *parent, QString *error)>;

    explicit MqttSession(LinkFactory factory, QObject *parent = nullptr);
    ~MqttSession() override;

    void setOptions(const Options &options);
    const Options &options() const { return m_options; }

    State state() const { return m_state; }
    QString lastError() const { return m_lastError; }
    const TransportLink *link() const { return m_link; }

    // Starts connecting; reconnects on its own until stop().
    void start();
    // Sends DISCONNECT after what is already written, closes, stops reconnecting.
    void stop();
    // Skips the remaining backoff (network came back, user asked).
    void reconnectNow(const QString &why);
    // Milliseconds until the next reconnect attempt, -1 if none is planned.
    int nextRetryInMs() const;
    // The last PINGREQ to PINGRESP time, -1 before the first.
    int roundTripMs() const { return m_roundTripMs; }
    // Why the last link ended.
    longlink::sdk::TransportError lastLinkError() const { return m_lastLinkError; }

    // Checks a link that may be dead (after waking from sleep) with a ping.
    void probe();

    // Moves the session onto `link` (new and unopened; the session owns it
    // from now on). Ends with switchFinished(). While a Reconnect move is
    // under way, new publishes wait and nothing is lost. Not connected: the
    // link is simply used for the next connection.
    void switchTo(TransportLink *link, SwitchMode mode);
    bool isSwitching() const { return m_switching; }
    // Started and not stopped: it connects or reconnects on its own.
    bool isRunning() const { return m_running && !m_stopping; }
    // For the last successful switch: microseconds during which the session
    // could carry no message (0 for a handover).
    qint64 lastInterruptionUs() const { return m_lastInterruptionUs; }

    // Queues a publish. QoS 1/2 ones stay until acknowledged and are sent
    // again after every reconnect; QoS 0 ones wait only while offline.
    void publish(const OutgoingPublish &message);
    void subscribe(const QStringList &filters, quint8 qos = 1);
    void unsubscribe(const QStringList &filters);
    QStringList subscriptions() const { return m_subscriptions.keys(); }

    // Unacknowledged + not yet sent publishes.
    int pendingCount() const { return int(m_pending.size()) + int(m_pendingQos0.size()); }
    int inflightCount() const { return m_inflightCount; }

Q_SIGNALS:
    void stateChanged(longlink::MqttSession::State state, const QString &reason);
    void connected(bool sessionPresent);
    void messageReceived(const longlink::mqtt::Publish &publish);
    void publishAcknowledged(quint64 ref);
    // The broker refused us for good (bad credentials, not authorised).
    void refused(const QString &reason);
    void roundTripMeasured(int milliseconds);
    // A switchTo() ended. `resent`: publishes that had to go out again.
    void switchFinished(
            bool ok, longlink::MqttSession::SwitchMode mode, const QString &reason, int resent);

private:
    struct Pending
    {
        OutgoingPublish message;
        quint16 packetId = 0; // 0 while not yet sent on this session
        bool sent = false;
    };

    mqtt::Connect connectPacket() const;
    void establish(const mqtt::Connack &connack);
    void renewSubscriptions();
    bool canWrite() const;
    void connectLink();
    void adoptLink(TransportLink *link);
    void openLink(TransportLink *link);
    void finishSwitch(bool ok, const QString &reason, int resent);
    void onPendingOpened();
    void onPendingData(const QByteArray &bytes);
    void onPendingClosed(longlink::sdk::TransportError error, const QString &reason);
    void failPending(const QString &reason);
    void onLinkOpened();
    void onLinkData(const QByteArray &bytes);
    void onLinkClosed(longlink::sdk::TransportError error, const QString &reason);
    // Drops the link; `error` says whose fault it looks like (Protocol: the
    // bytes we got made no sense).
    void dropLink(const QString &reason,
            longlink::sdk::TransportError error = longlink::sdk::TransportError::Protocol);
    void scheduleReconnect(const QString &reason);
    void setState(State state, const QString &reason = QString());

    void handlePacket(mqtt::Packet &packet);
    void handleConnack(const mqtt::Connack &connack);
    void handlePublish(mqtt::Publish &publish);
    void handleAck(const mqtt::Ack &ack);

    bool send(const mqtt::Packet &packet);
    void sendPending();
    void resendAfterConnect(bool sessionPresent);
    quint16 allocatePacketId();
    void onKeepAliveTick();

    LinkFactory m_factory;
    Options m_options;
    State m_state = State::Stopped;
    QString m_lastError;
    bool m_running = false;
    bool m_stopping = false;

    QPointer<TransportLink> m_link;
    mqtt::PacketReader m_reader;
    Backoff m_backoff;
    QTimer m_reconnectTimer;
    QTimer m_connackTimer;
    QTimer m_keepAliveTimer;
    QTimer m_openTimer;
    QTimer m_probeTimer;
    bool m_probing = false;

    // A Reconnect move in progress: the new link and its own reader.
    QPointer<TransportLink> m_pendingLink;
    mqtt::PacketReader m_pendingReader;
    QTimer m_switchTimer;
    bool m_switching = false;
    bool m_writesPaused = false;
    qint64 m_interruptionStartNs = -1;
    qint64 m_lastInterruptionUs = 0;
    SwitchMode m_switchMode = SwitchMode::Reconnect;
    QElapsedTimer m_clock;
    qint64 m_lastSentMs = 0;
    qint64 m_lastReceivedMs = 0;
    qint64 m_pingSentMs = -1;
    int m_roundTripMs = -1;
    longlink::sdk::TransportError m_lastLinkError = longlink::sdk::TransportError::None;

    // Outgoing QoS 1/2, in the order they were handed in (by sequence).
    std::map<quint64, Pending> m_pending;
    quint64 m_nextSequence = 1;
    quint64 m_nextUnsentSequence = 1;
    QHash<quint16, quint64> m_sequenceByPacketId;
    int m_inflightCount = 0;
    int m_inflightLimit = 500; // options' cap, lowered by the broker's Receive Maximum
    quint16 m_lastPacketId = 0;
    QList<OutgoingPublish> m_pendingQos0;

    // Incoming QoS 2 packet ids between PUBREC and PUBREL.
    QSet<quint16> m_incomingQos2;

    QHash<QString, quint8> m_subscriptions;
    QHash<quint16, QStringList> m_pendingSubscribes; // SUBSCRIBE/UNSUBSCRIBE awaiting their ack
    QSet<QString> m_unsubscribesToSend;
};

} // namespace longlink
