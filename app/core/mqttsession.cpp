#include "mqttsession.h"

#include "logging.h"
#include "transportlink.h"

#include <QtCore/QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longlink {

namespace {
constexpr qint64 kProbeTimeoutMs = 3000;

// For the free functions below: lupdate files their strings under the
// namespace (members use MqttSession::tr, "longlink::MqttSession").
QString tr(const char *text)
{
    return QCoreApplication::translate("longlink", text);
}

QString connackReason(quint8 code)
{
    switch (code) {
    case 1:
        return tr("the server does not accept MQTT 3.1.1");
    case 2:
        return tr("the server rejected the client id");
    case 3:
        return tr("the MQTT service is unavailable");
    case 4:
        return tr("bad user name or password");
    case 5:
        return tr("not authorised");
    case 0x84:
        return tr("the server does not accept this MQTT version");
    case 0x86:
        return tr("bad user name or password");
    case 0x87:
        return tr("not authorised");
    case 0x88:
        return tr("the server is unavailable");
    case 0x89:
        return tr("the server is busy");
    case 0x8A:
        return tr("banned by the server");
    default:
        return tr("the server refused the connection (code %1)").arg(code);
    }
}

// Codes after which trying again with the same settings cannot help.
bool isFinalRefusal(quint8 code)
{
    return code == 1 || code == 2 || code == 4 || code == 5 || code == 0x84 || code == 0x85
            || code == 0x86 || code == 0x87 || code == 0x8A || code == 0x8C;
}
} // namespace

MqttSession::MqttSession(LinkFactory factory, QObject *parent)
    : QObject(parent), m_factory(std::move(factory))
{
    m_clock.start();
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &MqttSession::connectLink);
    m_connackTimer.setSingleShot(true);
    connect(&m_connackTimer, &QTimer::timeout, this, [this] {
        dropLink(tr("no CONNACK from the server within %1 ms").arg(m_options.connectTimeoutMs),
                sdk::TransportError::Timeout);
    });
    connect(&m_keepAliveTimer, &QTimer::timeout, this, &MqttSession::onKeepAliveTick);
    // A transport that never reports open or closed must not hang us.
    m_openTimer.setSingleShot(true);
    connect(&m_openTimer, &QTimer::timeout, this, [this] {
        dropLink(tr("the transport did not open within %1 ms").arg(m_openTimer.interval()),
                sdk::TransportError::Timeout);
    });
    m_probeTimer.setSingleShot(true);
    connect(&m_probeTimer, &QTimer::timeout, this, &MqttSession::onKeepAliveTick);
    m_switchTimer.setSingleShot(true);
    connect(&m_switchTimer, &QTimer::timeout, this, [this] {
        failPending(tr("the new transport did not take over within %1 ms")
                            .arg(m_switchTimer.interval()));
    });
}

MqttSession::~MqttSession()
{
    if (m_pendingLink) {
        m_pendingLink->disconnect(this);
        m_pendingLink->abort();
        delete m_pendingLink.data();
    }
    if (m_link) {
        m_link->disconnect(this);
        m_link->abort();
        delete m_link.data();
    }
}

void MqttSession::setOptions(const Options &options)
{
    m_options = options;
    m_inflightLimit = options.maxInflight;
    m_backoff = Backoff(options.backoffInitialMs, options.backoffCapMs);
    m_reader.setVersion(options.version);
    m_reader.setMaximumPacketSize(options.maxIncomingPacketSize);
}

void MqttSession::start()
{
    if (m_running)
        return;
    m_running = true;
    m_stopping = false;
    connectLink();
}

void MqttSession::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    m_keepAliveTimer.stop();
    m_connackTimer.stop();
    m_switchTimer.stop();
    if (m_pendingLink) {
        // A move in progress is called off; it is no fault of the plugin.
        TransportLink *pending = m_pendingLink;
        m_pendingLink.clear();
        pending->disconnect(this);
        pending->abort();
        pending->deleteLater();
        m_writesPaused = false;
    }
    finishSwitch(false, tr("the session stopped"), 0);
    if (m_link && m_state == State::Connected) {
        m_stopping = true;
        send(mqtt::Disconnect {});
        m_link->close(); // flushes, then closed() arrives
    } else if (m_link) {
        m_link->disconnect(this);
        m_link->abort();
        m_link->deleteLater();
        m_link.clear();
    }
    if (!m_stopping)
        setState(State::Stopped, tr("stopped"));
}

void MqttSession::reconnectNow(const QString &why)
{
    if (!m_running || m_link)
        return;
    qCInfo(lcSession).noquote() << "reconnecting now:" << why;
    m_reconnectTimer.stop();
    m_backoff.reset();
    connectLink();
}

int MqttSession::nextRetryInMs() const
{
    return m_reconnectTimer.isActive() ? m_reconnectTimer.remainingTime() : -1;
}

void MqttSession::probe()
{
    if (m_state == State::Connected) {
        // A link that slept is often dead without knowing it: ask, and give
        // it a few seconds rather than the keep-alive's patience.
        if (m_pingSentMs < 0) {
            m_pingSentMs = m_clock.elapsed();
            send(mqtt::Pingreq {});
        }
        m_probing = true;
        m_probeTimer.start(kProbeTimeoutMs + 10);
    } else if (m_state == State::Disconnected) {
        reconnectNow(tr("checking the connection"));
    }
}

void MqttSession::setState(State state, const QString &reason)
{
    if (state == m_state && reason == m_lastError)
        return;
    m_state = state;
    if (state == State::Disconnected || state == State::Stopped)
        m_lastError = reason;
    Q_EMIT stateChanged(state, reason);
}

void MqttSession::connectLink()
{
    if (!m_running || m_link)
        return;
    QString error;
    TransportLink *link = m_factory(this, &error);
    if (!link) {
        scheduleReconnect(error);
        return;
    }
    openLink(link);
}

void MqttSession::adoptLink(TransportLink *link)
{
    link->setParent(this);
    m_link = link;
    connect(link, &TransportLink::opened, this, &MqttSession::onLinkOpened);
    connect(link, &TransportLink::dataReceived, this, &MqttSession::onLinkData);
    connect(link, &TransportLink::closed, this, &MqttSession::onLinkClosed);
}

void MqttSession::openLink(TransportLink *link)
{
    adoptLink(link);
    m_pendingSubscribes.clear();
    m_reader = mqtt::PacketReader(m_options.version);
    m_reader.setMaximumPacketSize(m_options.maxIncomingPacketSize);
    setState(State::Connecting, QString());
    qCDebug(lcSession) << "opening" << m_options.server << "via" << link->pluginName();
    m_openTimer.start(m_options.connectTimeoutMs + 2000);
    link->open(m_options.server,
            { { u"connectTimeoutMs"_s, m_options.connectTimeoutMs }, { u"noDelay"_s, true } });
}

void MqttSession::switchTo(TransportLink *link, SwitchMode mode)
{
    if (m_switching) {
        // One move at a time: the newer request replaces a pending one.
        if (m_pendingLink)
            failPending(tr("replaced by a newer transport"));
    }
    m_switching = true;
    m_switchMode = mode;
    link->setParent(this);

    if (m_state != State::Connected || !m_link) {
        // Nothing to move: connect through the new link from now on.
        if (m_link) {
            TransportLink *old = m_link;
            old->disconnect(this);
            old->abort();
            old->deleteLater();
            m_link.clear();
        }
        m_reconnectTimer.stop();
        m_connackTimer.stop();
        m_switchMode = SwitchMode::BreakBeforeMake;
        if (!m_running) {
            link->deleteLater();
            finishSwitch(false, tr("the session is stopped"), 0);
            return;
        }
        openLink(link);
        return;
    }

    if (mode == SwitchMode::Handover) {
        QVariantMap state;
        if (!link->handoverFormat().isEmpty() && link->handoverFormat() == m_link->handoverFormat()
                && m_link->bytesToWrite() == 0 && m_link->release(state)) {
            TransportLink *old = m_link;
            old->disconnect(this);
            old->deleteLater();
            m_link.clear();
            if (!link->adopt(state)) {
                // adopt() owns the descriptor whatever it returns (see the SDK).
                link->deleteLater();
                finishSwitch(false, tr("the new transport could not adopt the connection"), 0);
                // The connection went with the failed adoption: reconnect at once.
                setState(State::Disconnected, tr("moving to another transport failed"));
                m_keepAliveTimer.stop();
                m_backoff.reset();
                m_reconnectTimer.start(0);
                return;
            }
            adoptLink(link);
            qCInfo(lcSession).noquote() << "handed the connection over to" << link->pluginName()
                                        << link->pluginVersion();
            finishSwitch(true, QString(), 0);
            return;
        }
        // The old transport cannot let go now (or speaks another format).
        m_switchMode = SwitchMode::Reconnect;
    }

    if (m_switchMode == SwitchMode::BreakBeforeMake) {
        // What the seed article does: close, then open the new one.
        m_interruptionStartNs = m_clock.nsecsElapsed();
        TransportLink *old = m_link;
        send(mqtt::Disconnect {});
        old->disconnect(this);
        old->close();
        old->deleteLater();
        m_link.clear();
        m_keepAliveTimer.stop();
        m_inflightCount = 0;
        openLink(link);
        return;
    }

    // Reconnect, make-before-break: the old link keeps the session until the
    // broker has accepted the new one.
    m_pendingLink = link;
    m_pendingReader = mqtt::PacketReader(m_options.version);
    m_pendingReader.setMaximumPacketSize(m_options.maxIncomingPacketSize);
    connect(link, &TransportLink::opened, this, &MqttSession::onPendingOpened);
    connect(link, &TransportLink::dataReceived, this, &MqttSession::onPendingData);
    connect(link, &TransportLink::closed, this, &MqttSession::onPendingClosed);
    m_switchTimer.start(m_options.connectTimeoutMs + 2000);
    link->open(m_options.server,
            { { u"connectTimeoutMs"_s, m_options.connectTimeoutMs }, { u"noDelay"_s, true } });
}

void MqttSession::onPendingOpened()
{
    if (!m_pendingLink)
        return;
    // From here until the switch, new publishes wait in the outbox: the
    // broker drops the old link when it reads our CONNECT on the new one.
    m_writesPaused = true;
    m_interruptionStartNs = m_clock.nsecsElapsed();
    QString error;
    const QByteArray bytes = mqtt::encode(connectPacket(), m_options.version, &error);
    if (bytes.isEmpty() || !m_pendingLink->write(bytes))
        failPending(tr("cannot send CONNECT on the new transport"));
}

void MqttSession::onPendingData(const QByteArray &bytes)
{
    if (!m_pendingLink)
        return;
    m_pendingReader.append(bytes);
    mqtt::Packet packet;
    const mqtt::PacketReader::Status status = m_pendingReader.next(packet);
    if (status == mqtt::PacketReader::Status::NeedMore)
        return;
    if (status == mqtt::PacketReader::Status::Error) {
        failPending(
                tr("malformed packet on the new transport: %1").arg(m_pendingReader.errorString()));
        return;
    }
    const auto *connack = std::get_if<mqtt::Connack>(&packet);
    if (!connack) {
        failPending(tr("the server sent %1 before CONNACK on the new transport")
                            .arg(mqtt::packetTypeName(mqtt::packetType(packet))));
        return;
    }
    if (connack->returnCode != 0) {
        failPending(connackReason(connack->returnCode));
        return;
    }
    // The broker moved the session: retire the old link, carry on with the new.
    m_switchTimer.stop();
    TransportLink *link = m_pendingLink;
    m_pendingLink.clear();
    link->disconnect(this);
    if (m_link) {
        TransportLink *old = m_link;
        old->disconnect(this);
        old->abort();
        old->deleteLater();
        m_link.clear();
    }
    adoptLink(link);
    m_reader = std::move(m_pendingReader);
    m_writesPaused = false;
    qCInfo(lcSession).noquote() << "moved the session to" << link->pluginName()
                                << link->pluginVersion()
                                << (connack->sessionPresent ? "(session resumed)"
                                                            : "(new session)");
    m_pendingSubscribes.clear(); // their SUBACKs went with the old link
    establish(*connack);
    // Packets that came right behind the CONNACK.
    onLinkData(QByteArray());
}

void MqttSession::onPendingClosed(sdk::TransportError error, const QString &reason)
{
    Q_UNUSED(error);
    failPending(reason.isEmpty() ? tr("the new transport closed") : reason);
}

void MqttSession::failPending(const QString &reason)
{
    if (!m_pendingLink)
        return;
    m_switchTimer.stop();
    TransportLink *link = m_pendingLink;
    m_pendingLink.clear();
    link->disconnect(this);
    link->abort();
    link->deleteLater();
    m_writesPaused = false;
    qCWarning(lcSession).noquote() << "moving to another transport failed:" << reason;
    finishSwitch(false, reason, 0);
    if (m_link && m_state == State::Connected) {
        sendPending(); // the old link carries on
        const QList<OutgoingPublish> qos0 = std::exchange(m_pendingQos0, {});
        for (const OutgoingPublish &message : qos0)
            publish(message);
    } else if (!m_link && m_running) {
        // The broker had already dropped the old link for the new one.
        setState(State::Disconnected, reason);
        m_backoff.reset();
        m_reconnectTimer.start(0);
    }
}

void MqttSession::finishSwitch(bool ok, const QString &reason, int resent)
{
    if (!m_switching)
        return;
    // How long the session could not carry messages: none for a handover,
    // CONNECT to CONNACK for a reconnect, close to CONNACK for break-before-make.
    m_lastInterruptionUs = ok && m_interruptionStartNs >= 0
            ? (m_clock.nsecsElapsed() - m_interruptionStartNs) / 1000
            : 0;
    m_interruptionStartNs = -1;
    m_switching = false;
    Q_EMIT switchFinished(ok, m_switchMode, reason, resent);
}

mqtt::Connect MqttSession::connectPacket() const
{
    mqtt::Connect connect;
    connect.version = m_options.version;
    connect.clientId = m_options.clientId;
    connect.cleanStart = false; // the broker keeps our session and queued messages
    connect.keepAlive = m_options.keepAliveSeconds;
    connect.will = m_options.will;
    connect.username = m_options.username;
    connect.password = m_options.password;
    if (m_options.version == mqtt::ProtocolVersion::V5) {
        // The session outlives the connection for a week.
        connect.properties.append(
                { mqtt::PropertyId::SessionExpiryInterval, quint32(7 * 24 * 3600) });
        connect.properties.append(
                { mqtt::PropertyId::MaximumPacketSize, quint32(m_options.maxIncomingPacketSize) });
    }
    return connect;
}

void MqttSession::onLinkOpened()
{
    m_openTimer.stop();
    m_probing = false;
    m_probeTimer.stop();
    m_lastReceivedMs = m_clock.elapsed();
    m_pingSentMs = -1;
    send(connectPacket());
    m_connackTimer.start(m_options.connectTimeoutMs);
}

void MqttSession::onLinkData(const QByteArray &bytes)
{
    m_lastReceivedMs = m_clock.elapsed();
    m_reader.append(bytes);
    mqtt::Packet packet;
    for (;;) {
        const mqtt::PacketReader::Status status = m_reader.next(packet);
        if (status == mqtt::PacketReader::Status::NeedMore)
            break;
        if (status == mqtt::PacketReader::Status::Error) {
            qCWarning(lcSession).noquote()
                    << "malformed packet from the server:" << m_reader.errorString();
            dropLink(tr("malformed packet from the server: %1").arg(m_reader.errorString()));
            return;
        }
        handlePacket(packet);
        if (!m_link) // a handler dropped the link
            return;
    }
}

void MqttSession::onLinkClosed(sdk::TransportError error, const QString &reason)
{
    TransportLink *link = m_link;
    if (!link)
        return;
    m_lastLinkError = error;
    link->disconnect(this);
    link->deleteLater(); // the plugin's code may still be on the stack
    m_link.clear();
    m_openTimer.stop();
    if (m_pendingLink && m_running && !m_stopping) {
        // The broker dropped the old link on reading our CONNECT on the new
        // one: expected during a move. The new link decides what follows.
        m_keepAliveTimer.stop();
        m_inflightCount = 0;
        return;
    }
    if (m_switching) // a move to a link that never got connected
        finishSwitch(false, reason, 0);
    const bool wasStopping = m_stopping;
    m_stopping = false;
    m_keepAliveTimer.stop();
    m_connackTimer.stop();
    m_inflightCount = 0; // what was in flight is resent after the next CONNACK
    if (wasStopping || !m_running) {
        setState(State::Stopped, tr("disconnected"));
        return;
    }
    scheduleReconnect(reason);
}

void MqttSession::dropLink(const QString &reason, sdk::TransportError error)
{
    if (!m_link)
        return;
    m_lastLinkError = error;
    qCInfo(lcSession).noquote() << "dropping the connection:" << reason;
    TransportLink *link = m_link;
    link->disconnect(this);
    link->abort();
    link->deleteLater();
    m_link.clear();
    if (m_pendingLink && m_running) {
        // A move is under way: the new link carries on (or fails and
        // reconnects then); a third connection would steal its session.
        m_keepAliveTimer.stop();
        m_connackTimer.stop();
        m_openTimer.stop();
        m_inflightCount = 0;
        return;
    }
    m_keepAliveTimer.stop();
    m_connackTimer.stop();
    m_openTimer.stop();
    m_inflightCount = 0;
    if (m_switching && !m_pendingLink)
        finishSwitch(false, reason, 0);
    if (m_running)
        scheduleReconnect(reason);
    else
        setState(State::Stopped, reason);
}

void MqttSession::scheduleReconnect(const QString &reason)
{
    if (!m_running)
        return;
    const int delay = m_backoff.nextDelayMs();
    qCInfo(lcSession).noquote() << "disconnected:" << reason << "- retrying in" << delay << "ms";
    setState(State::Disconnected, reason);
    m_reconnectTimer.start(delay);
}

bool MqttSession::send(const mqtt::Packet &packet)
{
    if (!m_link)
        return false;
    QString error;
    const QByteArray bytes = mqtt::encode(packet, m_options.version, &error);
    if (bytes.isEmpty()) {
        qCWarning(lcSession).noquote()
                << "cannot encode" << mqtt::packetTypeName(mqtt::packetType(packet)) << ":"
                << error;
        return false;
    }
    m_lastSentMs = m_clock.elapsed();
    return m_link->write(bytes);
}

void MqttSession::handlePacket(mqtt::Packet &packet)
{
    if (m_state != State::Connected && !std::holds_alternative<mqtt::Connack>(packet)) {
        dropLink(tr("the server sent %1 before CONNACK")
                         .arg(mqtt::packetTypeName(mqtt::packetType(packet))));
        return;
    }
    if (auto *connack = std::get_if<mqtt::Connack>(&packet))
        handleConnack(*connack);
    else if (auto *publish = std::get_if<mqtt::Publish>(&packet))
        handlePublish(*publish);
    else if (auto *ack = std::get_if<mqtt::Ack>(&packet))
        handleAck(*ack);
    else if (std::holds_alternative<mqtt::Pingresp>(packet)) {
        if (m_pingSentMs >= 0) {
            m_roundTripMs = int(m_clock.elapsed() - m_pingSentMs);
            m_probing = false;
            m_probeTimer.stop();
            Q_EMIT roundTripMeasured(m_roundTripMs);
        }
        m_pingSentMs = -1;
    } else if (auto *suback = std::get_if<mqtt::Suback>(&packet)) {
        const QStringList filters = m_pendingSubscribes.take(suback->packetId);
        for (int i = 0; i < suback->reasonCodes.size() && i < filters.size(); ++i) {
            if (suback->reasonCodes[i] >= 0x80)
                qCWarning(lcSession).noquote()
                        << "the server refused the subscription" << filters[i];
        }
    } else if (auto *unsuback = std::get_if<mqtt::Unsuback>(&packet)) {
        m_pendingSubscribes.remove(unsuback->packetId);
    } else if (auto *disconnect = std::get_if<mqtt::Disconnect>(&packet)) {
        dropLink(tr("the server ended the session (reason %1)").arg(disconnect->reasonCode),
                sdk::TransportError::RemoteClosed);
    } else {
        dropLink(tr("unexpected %1 from the server")
                         .arg(mqtt::packetTypeName(mqtt::packetType(packet))));
    }
}

void MqttSession::handleConnack(const mqtt::Connack &connack)
{
    m_connackTimer.stop();
    if (m_state == State::Connected) {
        dropLink(tr("a second CONNACK from the server"));
        return;
    }
    if (connack.returnCode != 0) {
        const QString reason = connackReason(connack.returnCode);
        if (isFinalRefusal(connack.returnCode)) {
            m_running = false;
            Q_EMIT refused(reason);
        }
        dropLink(reason, sdk::TransportError::RemoteClosed);
        return;
    }
    qCInfo(lcSession).noquote() << "connected to" << m_options.server.toDisplayString() << "via"
                                << m_link->pluginName() << m_link->pluginVersion()
                                << (connack.sessionPresent ? "(session resumed)" : "(new session)");
    establish(connack);
    Q_EMIT connected(connack.sessionPresent);
}

// What every accepted CONNACK on the current link leads to, whether it
// came from a plain (re)connect or from moving to another transport.
void MqttSession::establish(const mqtt::Connack &connack)
{
    m_backoff.reset();
    // The window follows the broker's limit of this connection (MQTT 5
    // Receive Maximum), never above our own cap; the next broker may differ.
    m_inflightLimit = m_options.maxInflight;
    if (m_options.version == mqtt::ProtocolVersion::V5) {
        if (auto max = mqtt::findProperty(connack.properties, mqtt::PropertyId::ReceiveMaximum))
            m_inflightLimit = std::max(1, std::min(m_inflightLimit, int(max->toUInt())));
    }
    if (m_state != State::Connected)
        setState(State::Connected, QString());
    const int keepAliveMs = m_options.keepAliveSeconds * 1000;
    if (keepAliveMs > 0)
        m_keepAliveTimer.start(std::max(100, keepAliveMs / 4));
    // One ping right away: the round-trip time is known from the start.
    m_lastReceivedMs = m_clock.elapsed();
    m_pingSentMs = m_clock.elapsed();
    send(mqtt::Pingreq {});
    int resent = 0; // sent on an earlier link, going out again now
    for (const auto &[sequence, pending] : m_pending)
        resent += pending.sent ? 1 : 0;
    // Subscriptions and old publishes go out before anything new: whoever
    // reacts to connected() (presence, new messages) comes after them.
    renewSubscriptions();
    resendAfterConnect(connack.sessionPresent);
    finishSwitch(true, QString(), resent);
}

void MqttSession::renewSubscriptions()
{
    // Every CONNACK: all subscriptions again. A kept session has them, but
    // ones made while offline or in the middle of a move may not have
    // arrived, and SUBSCRIBE for an existing filter only replaces it (and
    // sends its retained messages, which is how a new process learns
    // presence). Unsubscribes made meanwhile go too.
    if (!m_unsubscribesToSend.isEmpty()) {
        mqtt::Unsubscribe unsubscribe;
        unsubscribe.packetId = allocatePacketId();
        unsubscribe.filters
                = QStringList(m_unsubscribesToSend.cbegin(), m_unsubscribesToSend.cend());
        m_pendingSubscribes.insert(unsubscribe.packetId, {});
        m_unsubscribesToSend.clear();
        send(unsubscribe);
    }
    QHash<quint8, QStringList> byQos;
    for (auto it = m_subscriptions.cbegin(); it != m_subscriptions.cend(); ++it)
        byQos[it.value()].append(it.key());
    for (auto it = byQos.cbegin(); it != byQos.cend(); ++it) {
        mqtt::Subscribe subscribe;
        subscribe.packetId = allocatePacketId();
        for (const QString &filter : it.value())
            subscribe.subscriptions.append({ filter, it.key() });
        m_pendingSubscribes.insert(subscribe.packetId, it.value());
        send(subscribe);
    }
}

bool MqttSession::canWrite() const
{
    return m_state == State::Connected && m_link && !m_writesPaused;
}

void MqttSession::resendAfterConnect(bool sessionPresent)
{
    // Everything sent on an earlier link and not acknowledged goes out again,
    // in its original order: with DUP and the same packet id if the broker
    // kept our session, as a fresh publish if it did not. Never dropped.
    m_sequenceByPacketId.clear();
    m_inflightCount = 0;
    for (auto &[sequence, pending] : m_pending) {
        if (!pending.sent)
            break;
        if (m_inflightCount >= m_inflightLimit) {
            // Window shrank (MQTT 5 Receive Maximum): the rest waits.
            m_nextUnsentSequence = sequence;
            for (auto it = m_pending.find(sequence); it != m_pending.end(); ++it)
                it->second.sent = false;
            break;
        }
        mqtt::Publish publish;
        publish.topic = pending.message.topic;
        publish.payload = pending.message.payload;
        publish.qos = pending.message.qos;
        publish.retain = pending.message.retain;
        if (sessionPresent && pending.packetId) {
            publish.dup = true;
        } else {
            pending.packetId = allocatePacketId();
        }
        publish.packetId = pending.packetId;
        m_sequenceByPacketId.insert(pending.packetId, sequence);
        ++m_inflightCount;
        send(publish);
    }
    // Recompute where unsent messages start.
    m_nextUnsentSequence = m_nextSequence;
    for (const auto &[sequence, pending] : m_pending) {
        if (!pending.sent) {
            m_nextUnsentSequence = sequence;
            break;
        }
    }
    const QList<OutgoingPublish> qos0 = std::exchange(m_pendingQos0, {});
    for (const OutgoingPublish &message : qos0)
        publish(message);
    sendPending();
}

void MqttSession::handlePublish(mqtt::Publish &publish)
{
    switch (publish.qos) {
    case 0:
        Q_EMIT messageReceived(publish);
        break;
    case 1:
        Q_EMIT messageReceived(publish);
        send(mqtt::Ack { mqtt::PacketType::Puback, publish.packetId, 0, {} });
        break;
    case 2:
        // Deliver on PUBLISH, acknowledge with PUBREC, and ignore copies of
        // the same packet id until PUBREL frees it.
        if (!m_incomingQos2.contains(publish.packetId)) {
            m_incomingQos2.insert(publish.packetId);
            Q_EMIT messageReceived(publish);
        }
        send(mqtt::Ack { mqtt::PacketType::Pubrec, publish.packetId, 0, {} });
        break;
    default:
        break;
    }
}

void MqttSession::handleAck(const mqtt::Ack &ack)
{
    switch (ack.type) {
    case mqtt::PacketType::Puback: {
        const auto it = m_sequenceByPacketId.constFind(ack.packetId);
        if (it == m_sequenceByPacketId.cend())
            return; // late ack of something already settled
        const quint64 sequence = it.value();
        m_sequenceByPacketId.erase(it);
        const auto pending = m_pending.find(sequence);
        if (pending == m_pending.end())
            return;
        const quint64 ref = pending->second.message.ref;
        m_pending.erase(pending);
        --m_inflightCount;
        if (ack.reasonCode >= 0x80)
            qCWarning(lcSession) << "the server refused a publish, reason" << ack.reasonCode;
        Q_EMIT publishAcknowledged(ref);
        sendPending();
        break;
    }
    case mqtt::PacketType::Pubrel:
        m_incomingQos2.remove(ack.packetId);
        send(mqtt::Ack { mqtt::PacketType::Pubcomp, ack.packetId, 0, {} });
        break;
    case mqtt::PacketType::Pubrec:
    case mqtt::PacketType::Pubcomp:
        // We never publish with QoS 2.
        break;
    default:
        break;
    }
}

void MqttSession::publish(const OutgoingPublish &message)
{
    if (message.qos == 0) {
        if (m_state == State::Connected && !m_writesPaused && m_link) {
            mqtt::Publish publish;
            publish.topic = message.topic;
            publish.payload = message.payload;
            publish.retain = message.retain;
            send(publish);
        } else {
            m_pendingQos0.append(message);
        }
        return;
    }
    Pending pending;
    pending.message = message;
    pending.message.qos
            = 1; // QoS 2 publishing is not offered; 1 + dedupe by id gives the same to users
    m_pending.emplace(m_nextSequence++, std::move(pending));
    if (m_state == State::Connected)
        sendPending();
}

void MqttSession::sendPending()
{
    if (m_state != State::Connected || m_writesPaused || !m_link)
        return;
    auto it = m_pending.lower_bound(m_nextUnsentSequence);
    while (it != m_pending.end() && m_inflightCount < m_inflightLimit) {
        Pending &pending = it->second;
        if (!pending.sent) {
            const quint16 packetId = allocatePacketId();
            if (!packetId)
                break;
            pending.packetId = packetId;
            pending.sent = true;
            m_sequenceByPacketId.insert(packetId, it->first);
            ++m_inflightCount;
            mqtt::Publish publish;
            publish.topic = pending.message.topic;
            publish.payload = pending.message.payload;
            publish.qos = pending.message.qos;
            publish.retain = pending.message.retain;
            publish.packetId = packetId;
            send(publish);
        }
        ++it;
        m_nextUnsentSequence = it == m_pending.end() ? m_nextSequence : it->first;
    }
}

quint16 MqttSession::allocatePacketId()
{
    // Next id not in use; the window is far below 65,535 so this ends fast.
    for (int tries = 0; tries < 65535; ++tries) {
        m_lastPacketId = m_lastPacketId == 65535 ? 1 : m_lastPacketId + 1;
        if (!m_sequenceByPacketId.contains(m_lastPacketId)
                && !m_pendingSubscribes.contains(m_lastPacketId))
            return m_lastPacketId;
    }
    return 0;
}

void MqttSession::subscribe(const QStringList &filters, quint8 qos)
{
    QStringList added;
    for (const QString &filter : filters) {
        if (!mqtt::isValidTopicFilter(filter)) {
            qCWarning(lcSession).noquote() << "invalid topic filter" << filter;
            continue;
        }
        m_subscriptions.insert(filter, qos);
        m_unsubscribesToSend.remove(filter);
        added.append(filter);
    }
    if (added.isEmpty() || !canWrite())
        return; // sent after the next CONNACK
    mqtt::Subscribe subscribe;
    subscribe.packetId = allocatePacketId();
    for (const QString &filter : added)
        subscribe.subscriptions.append({ filter, qos });
    m_pendingSubscribes.insert(subscribe.packetId, added);
    send(subscribe);
}

void MqttSession::unsubscribe(const QStringList &filters)
{
    QStringList removed;
    for (const QString &filter : filters) {
        if (m_subscriptions.remove(filter))
            removed.append(filter);
    }
    if (removed.isEmpty())
        return;
    if (!canWrite()) {
        // The broker may still hold them (a kept session): say it after the
        // next CONNACK.
        for (const QString &filter : removed)
            m_unsubscribesToSend.insert(filter);
        return;
    }
    mqtt::Unsubscribe unsubscribe;
    unsubscribe.packetId = allocatePacketId();
    unsubscribe.filters = removed;
    m_pendingSubscribes.insert(unsubscribe.packetId, {});
    send(unsubscribe);
}

void MqttSession::onKeepAliveTick()
{
    if (m_state != State::Connected || !m_link)
        return;
    const qint64 now = m_clock.elapsed();
    const qint64 keepAliveMs = qint64(m_options.keepAliveSeconds) * 1000;
    // A half-open link shows as silence: no PINGRESP within half the
    // keep-alive (at least a second) after our PINGREQ.
    const qint64 deadAfterMs
            = m_probing ? kProbeTimeoutMs : std::max<qint64>(1000, keepAliveMs / 2);
    if (m_pingSentMs >= 0) {
        if (now - m_pingSentMs > deadAfterMs)
            dropLink(tr("the server stopped answering (no PINGRESP within %1 ms)").arg(deadAfterMs),
                    sdk::TransportError::Timeout);
        return;
    }
    // Ping when we have been quiet for most of the keep-alive (the broker
    // needs to hear from us) or the broker has been quiet for all of it
    // (we need to hear from it).
    if (now - m_lastSentMs >= keepAliveMs * 3 / 4 || now - m_lastReceivedMs >= keepAliveMs) {
        m_pingSentMs = now;
        send(mqtt::Pingreq {});
    }
}

} // namespace longlink
