#include "mqttsession.h"

#include "logging.h"

#include <QtCore/QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longlink {

namespace {

// For the free functions below: lupdate files their strings under the
// namespace (members use MqttSession::tr, "longlink::MqttSession").
QString tr(const char *text)
{
    return QCoreApplication::translate("longlink", text);
}

// What an MQTT 5 reason code means (spec 2.4, table 2-6): one meaning
// whichever packet carries it (CONNACK, PUBACK, SUBACK, DISCONNECT).
QString reasonCodeText(quint8 code)
{
    switch (code) {
    case 0x00:
        return tr("normal disconnection");
    case 0x80:
        return tr("unspecified error");
    case 0x81:
        return tr("the server could not read a packet from us");
    case 0x82:
        return tr("protocol error");
    case 0x83:
        return tr("refused by the server's rules");
    case 0x87:
        return tr("not authorised");
    case 0x89:
        return tr("the server is busy");
    case 0x8B:
        return tr("the server is shutting down");
    case 0x8D:
        return tr("keep-alive timeout");
    case 0x8E:
        return tr("the session was taken over by another connection with this client id");
    case 0x8F:
        return tr("topic filter not valid");
    case 0x90:
        return tr("topic name not valid");
    case 0x91:
        return tr("packet identifier in use");
    case 0x93:
        return tr("receive maximum exceeded");
    case 0x94:
        return tr("topic alias not valid");
    case 0x95:
        return tr("a packet was too large for the server");
    case 0x96:
        return tr("message rate too high");
    case 0x97:
        return tr("quota exceeded");
    case 0x98:
        return tr("closed by an administrator");
    case 0x99:
        return tr("payload format not valid");
    case 0x9A:
        return tr("retain not supported");
    case 0x9B:
        return tr("QoS not supported");
    case 0x9C:
        return tr("use another server");
    case 0x9D:
        return tr("the server has moved");
    case 0x9E:
        return tr("shared subscriptions not supported");
    case 0x9F:
        return tr("connection rate exceeded");
    case 0xA0:
        return tr("maximum connect time reached");
    case 0xA1:
        return tr("subscription identifiers not supported");
    case 0xA2:
        return tr("wildcard subscriptions not supported");
    default:
        return tr("reason code 0x%1").arg(code, 2, 16, QLatin1Char('0'));
    }
}

// A refused CONNACK: 3.1.1's return codes 1-5, the 5.0 codes only a
// CONNACK carries, then the shared meanings.
QString connackReason(quint8 code)
{
    switch (code) {
    case 1:
        return tr("the server does not accept MQTT 3.1.1");
    case 2:
    case 0x85:
        return tr("the server rejected the client id");
    case 3:
        return tr("the MQTT service is unavailable");
    case 4:
    case 0x86:
        return tr("bad user name or password");
    case 5:
        return tr("not authorised");
    case 0x84:
        return tr("the server does not accept this MQTT version");
    case 0x88:
        return tr("the server is unavailable");
    case 0x8A:
        return tr("banned by the server");
    case 0x8C:
        return tr("bad authentication method");
    default:
        return code >= 0x80 ? reasonCodeText(code)
                            : tr("the server refused the connection (code 0x%1)")
                                      .arg(code, 2, 16, QLatin1Char('0'));
    }
}

// "text (the server says: why)" when the server gave a reason string.
QString withReasonString(const QString &text, const mqtt::Properties &properties)
{
    const auto why = mqtt::findProperty(properties, mqtt::PropertyId::ReasonString);
    if (!why || why->toString().isEmpty())
        return text;
    return tr("%1 (the server says: %2)").arg(text, why->toString().left(200));
}

QString serverKey(const QUrl &server)
{
    return server.host().toLower() + u':' + QString::number(server.port());
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
                ByteLink::Error::Timeout);
    });
    connect(&m_keepAliveTimer, &QTimer::timeout, this, &MqttSession::onKeepAliveTick);
    // A link that never reports open or closed must not hang us.
    m_openTimer.setSingleShot(true);
    connect(&m_openTimer, &QTimer::timeout, this, [this] {
        dropLink(tr("the transport did not open within %1 ms").arg(m_openTimer.interval()),
                ByteLink::Error::Timeout);
    });
    m_probeTimer.setSingleShot(true);
    connect(&m_probeTimer, &QTimer::timeout, this, &MqttSession::onKeepAliveTick);
    m_switchTimer.setSingleShot(true);
    connect(&m_switchTimer, &QTimer::timeout, this, [this] {
        failMove(tr("the new transport did not take over within %1 ms")
                         .arg(m_switchTimer.interval()));
    });
}

MqttSession::~MqttSession()
{
    // Deleted now rather than later: the session's children go with it.
    for (ByteLink *link : { m_move ? m_move->link.data() : nullptr, m_link.data() }) {
        if (link) {
            link->disconnect(this);
            link->abort();
            delete link;
        }
    }
}

void MqttSession::setOptions(const Options &options)
{
    m_options = options;
    m_window.setLimit(options.maxInflight);
    m_backoff = Backoff(options.backoffInitialMs, options.backoffCapMs);
    m_reader.setVersion(knownVersion(options.server));
    m_reader.setMaximumPacketSize(options.maxIncomingPacketSize);
}

void MqttSession::setKnownVersion(const QUrl &server, mqtt::ProtocolVersion version)
{
    if (version == mqtt::ProtocolVersion::V5)
        m_knownVersions.remove(serverKey(server));
    else
        m_knownVersions.insert(serverKey(server), version);
}

mqtt::ProtocolVersion MqttSession::knownVersion(const QUrl &server) const
{
    if (m_options.version != mqtt::ProtocolVersion::V5)
        return m_options.version;
    return m_knownVersions.value(serverKey(server), mqtt::ProtocolVersion::V5);
}

QString MqttSession::versionName(mqtt::ProtocolVersion version)
{
    return version == mqtt::ProtocolVersion::V5 ? u"5.0"_s : u"3.1.1"_s;
}

void MqttSession::start()
{
    if (isRunning())
        return;
    // Quietly: openLink() reports Connecting, or the factory's failure Disconnected.
    m_state = State::Disconnected;
    m_lastError.clear();
    connectLink();
}

void MqttSession::stop()
{
    if (m_state == State::Stopped || m_state == State::Stopping)
        return;
    m_reconnectTimer.stop();
    m_keepAliveTimer.stop();
    m_connackTimer.stop();
    m_switchTimer.stop();
    if (m_move && m_move->link) {
        // A move in progress is called off; it is no fault of the plugin.
        retire(m_move->link);
        m_move->link.clear();
    }
    if (m_link && m_state == State::Connected) {
        send(mqtt::Disconnect {});
        setState(State::Stopping, tr("stopping"));
        finishSwitch(false, tr("the session stopped"), 0);
        m_link->close(); // flushes, then closed() arrives
        return;
    }
    if (m_link) {
        retire(m_link);
        m_link.clear();
    }
    setState(State::Stopped, tr("stopped"));
    finishSwitch(false, tr("the session stopped"), 0);
}

void MqttSession::halt(const QString &reason)
{
    m_reconnectTimer.stop();
    m_switchTimer.stop();
    if (m_move && m_move->link) {
        retire(m_move->link);
        m_move->link.clear();
    }
    setState(State::Stopped, reason);
    if (m_link)
        dropLink(reason, ByteLink::Error::RemoteClosed);
    finishSwitch(false, reason, 0);
}

void MqttSession::reconnectNow(const QString &why)
{
    if (!isRunning() || m_link)
        return;
    qCInfo(lcSession).noquote() << "reconnecting now:" << why;
    m_reconnectTimer.stop();
    m_backoff.reset();
    connectLink();
}

void MqttSession::reconnect(const QString &why)
{
    if (!isRunning())
        return;
    if (m_link) {
        qCInfo(lcSession).noquote() << "connecting afresh:" << why;
        // A clean goodbye: the broker keeps the session and drops the will.
        if (m_state == State::Connected)
            send(mqtt::Disconnect {});
        ByteLink *old = m_link;
        old->disconnect(this);
        old->close();
        old->deleteLater();
        m_link.clear();
        m_lastLinkError = ByteLink::Error::None;
        linkLost(why);
    }
    reconnectNow(why);
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
        if (!m_keepAlive.isPingOutstanding())
            sendPing();
        m_keepAlive.probe(m_clock.elapsed());
        m_probeTimer.start(int(mqtt::KeepAliveMonitor::kProbeMs) + 10);
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

QVariantMap MqttSession::linkOptions() const
{
    return linkOptions(m_options.linkOptions);
}

QVariantMap MqttSession::linkOptions(const QVariantMap &given) const
{
    QVariantMap options = given;
    options.insert(u"connectTimeoutMs"_s, m_options.connectTimeoutMs);
    options.insert(u"noDelay"_s, true);
    return options;
}

QVariantMap MqttSession::connectionInfo() const
{
    return m_link ? m_link->connectionInfo() : QVariantMap();
}

void MqttSession::onCertificateUntrusted(const QVariantMap &certificate)
{
    m_certificateLink = qobject_cast<ByteLink *>(sender());
    Q_EMIT certificateUntrusted(certificate);
}

void MqttSession::decideCertificate(ByteLink::CertificateDecision decision)
{
    if (ByteLink *link = m_certificateLink.data()) {
        m_certificateLink.clear();
        link->decideCertificate(decision);
    }
}

void MqttSession::connectLink()
{
    if (!isRunning() || m_link)
        return;
    QString error;
    ByteLink *link = m_factory(this, &error);
    if (!link) {
        scheduleReconnect(error);
        return;
    }
    openLink(link);
}

void MqttSession::attachLink(ByteLink *link)
{
    link->setParent(this);
    m_link = link;
    connect(link, &ByteLink::opened, this, &MqttSession::onLinkOpened);
    connect(link, &ByteLink::dataReceived, this, &MqttSession::onLinkData);
    connect(link, &ByteLink::closed, this, &MqttSession::onLinkClosed);
    connect(link, &ByteLink::certificateUntrusted, this, &MqttSession::onCertificateUntrusted,
            Qt::UniqueConnection);
}

void MqttSession::openLink(ByteLink *link)
{
    attachLink(link);
    m_pendingSubscribes.clear();
    m_window.releaseReservedIds();
    m_reader = mqtt::PacketReader(knownVersion(m_options.server));
    m_reader.setMaximumPacketSize(m_options.maxIncomingPacketSize);
    m_awaitingConnack = false;
    setState(State::Connecting, QString());
    qCDebug(lcSession) << "opening" << m_options.server << "via" << link->description();
    m_openTimer.start(m_options.connectTimeoutMs + 2000);
    link->open(m_options.server, linkOptions());
}

void MqttSession::retire(ByteLink *link, bool abort)
{
    if (!link)
        return;
    link->disconnect(this);
    if (abort)
        link->abort();
    link->deleteLater();
}

void MqttSession::switchTo(ByteLink *link, SwitchMode mode)
{
    beginMove(link, mode, std::nullopt, QVariantMap());
}

void MqttSession::moveToServer(ByteLink *link, const QUrl &server, const QVariantMap &linkOptions)
{
    // Another address is another connection: nothing to hand over.
    beginMove(link, SwitchMode::Reconnect, server, linkOptions);
}

void MqttSession::beginMove(ByteLink *link, SwitchMode mode, const std::optional<QUrl> &server,
        const QVariantMap &serverLinkOptions)
{
    // One move at a time: the newer request replaces a pending one.
    if (m_move && m_move->link)
        failMove(tr("replaced by a newer transport"));
    link->setParent(this);
    m_move.emplace();
    m_move->mode = mode;
    m_move->server = server;
    m_move->serverLinkOptions = serverLinkOptions;

    if (m_state != State::Connected || !m_link) {
        adoptMoveServer();
        // Nothing to move: connect through the new link from now on.
        if (m_link) {
            retire(m_link);
            m_link.clear();
        }
        m_reconnectTimer.stop();
        m_connackTimer.stop();
        m_move->mode = SwitchMode::BreakBeforeMake;
        if (!isRunning()) {
            link->deleteLater();
            finishSwitch(false, tr("the session is stopped"), 0);
            return;
        }
        openLink(link);
        return;
    }

    if (mode == SwitchMode::Handover) {
        if (handover(link))
            return;
        // The old link cannot let go now: the broker moves the session instead.
        m_move->mode = SwitchMode::Reconnect;
    }

    if (m_move->mode == SwitchMode::BreakBeforeMake) {
        // What the seed article does: close, then open the new one.
        adoptMoveServer();
        m_move->interruptionStartNs = m_clock.nsecsElapsed();
        send(mqtt::Disconnect {});
        ByteLink *old = m_link;
        old->disconnect(this);
        old->close();
        old->deleteLater();
        m_link.clear();
        m_keepAliveTimer.stop();
        m_window.suspend();
        openLink(link);
        return;
    }

    // Reconnect, make-before-break: the old link keeps the session until the
    // broker has accepted the new one.
    m_move->link = link;
    m_move->version = knownVersion(m_move->server.value_or(m_options.server));
    m_move->reader = mqtt::PacketReader(m_move->version);
    m_move->reader.setMaximumPacketSize(m_options.maxIncomingPacketSize);
    connect(link, &ByteLink::opened, this, &MqttSession::onMoveOpened);
    connect(link, &ByteLink::certificateUntrusted, this, &MqttSession::onCertificateUntrusted,
            Qt::UniqueConnection);
    connect(link, &ByteLink::dataReceived, this, &MqttSession::onMoveData);
    connect(link, &ByteLink::closed, this, [this](ByteLink::Error, const QString &reason) {
        failMove(reason.isEmpty() ? tr("the new transport closed") : reason);
    });
    m_switchTimer.start(m_options.connectTimeoutMs + 2000);
    if (m_move->server) {
        qCInfo(lcSession).noquote() << "moving the session to" << m_move->server->toDisplayString()
                                    << "via" << link->description();
        link->open(*m_move->server, linkOptions(m_move->serverLinkOptions));
    } else {
        link->open(m_options.server, linkOptions());
    }
}

void MqttSession::adoptMoveServer()
{
    if (!m_move || !m_move->server)
        return;
    m_options.server = *m_move->server;
    m_options.linkOptions = m_move->serverLinkOptions;
}

// The old link gives its open connection to the new one: no new
// connection, no CONNECT, the broker sees nothing.
bool MqttSession::handover(ByteLink *link)
{
    QVariantMap state = link->handoverRequest();
    if (m_link->bytesToWrite() != 0 || !m_link->release(state))
        return false;
    retire(m_link, false);
    m_link.clear();
    if (!link->adopt(state)) {
        // adopt() owns the connection whatever it returns (see the SDK):
        // it is gone, so reconnect at once.
        link->deleteLater();
        finishSwitch(false, tr("the new transport could not adopt the connection"), 0);
        m_keepAliveTimer.stop();
        m_window.suspend();
        setState(State::Disconnected, tr("moving to another transport failed"));
        m_backoff.reset();
        m_reconnectTimer.start(0);
        return true;
    }
    attachLink(link);
    qCInfo(lcSession).noquote() << "handed the connection over to" << link->description();
    finishSwitch(true, QString(), 0);
    return true;
}

void MqttSession::onMoveOpened()
{
    if (!m_move || !m_move->link)
        return;
    // From here until the switch, new publishes wait in the outbox: the
    // broker drops the old link when it reads our CONNECT on the new one.
    m_move->connectSent = true;
    m_move->interruptionStartNs = m_clock.nsecsElapsed();
    QString error;
    const QByteArray bytes = mqtt::encode(connectPacket(m_move->version), m_move->version, &error);
    if (bytes.isEmpty() || !m_move->link->write(bytes))
        failMove(tr("cannot send CONNECT on the new transport"));
}

void MqttSession::onMoveData(const QByteArray &bytes)
{
    if (!m_move || !m_move->link)
        return;
    m_move->reader.append(bytes);
    mqtt::Packet packet;
    const mqtt::PacketReader::Status status = m_move->reader.next(packet);
    if (status == mqtt::PacketReader::Status::NeedMore)
        return;
    if (status == mqtt::PacketReader::Status::Error) {
        failMove(tr("malformed packet on the new transport: %1").arg(m_move->reader.errorString()));
        return;
    }
    if (status == mqtt::PacketReader::Status::Skipped) {
        failMove(tr("the server sent PUBLISH before CONNACK on the new transport"));
        return;
    }
    const auto *connack = std::get_if<mqtt::Connack>(&packet);
    if (!connack) {
        failMove(tr("the server sent %1 before CONNACK on the new transport")
                         .arg(mqtt::packetTypeName(mqtt::packetType(packet))));
        return;
    }
    if (connack->returnCode != 0) {
        const bool noV5 = m_move->version == mqtt::ProtocolVersion::V5
                && (connack->returnCode == 1 || connack->returnCode == 0x84)
                && m_options.fallbackToV311;
        if (noV5) // the next move there asks with 3.1.1
            setKnownVersion(m_move->server.value_or(m_options.server), mqtt::ProtocolVersion::V311);
        failMove(withReasonString(connackReason(connack->returnCode), connack->properties));
        return;
    }
    // The broker moved the session: retire the old link, carry on with the new.
    m_switchTimer.stop();
    ByteLink *link = m_move->link;
    m_move->link.clear();
    link->disconnect(this);
    if (m_link) {
        retire(m_link);
        m_link.clear();
    }
    attachLink(link);
    adoptMoveServer(); // the new address carries the session from now on
    m_reader = std::move(m_move->reader);
    m_connectVersion = m_move->version;
    m_move->connectSent = false; // writes go on, on the new link
    qCInfo(lcSession).noquote() << "moved the session to" << link->description()
                                << (connack->sessionPresent ? "(session resumed)"
                                                            : "(new session)");
    m_pendingSubscribes.clear(); // their SUBACKs went with the old link
    m_window.releaseReservedIds();
    establish(*connack);
    // Packets that came right behind the CONNACK.
    onLinkData(QByteArray());
}

void MqttSession::failMove(const QString &reason)
{
    if (!m_move || !m_move->link)
        return;
    m_switchTimer.stop();
    retire(m_move->link);
    m_move->link.clear();
    qCWarning(lcSession).noquote() << "moving to another transport failed:" << reason;
    finishSwitch(false, reason, 0);
    if (m_link && m_state == State::Connected) {
        sendQueued(); // the old link carries on
    } else if (!m_link && isRunning()) {
        // The broker had already dropped the old link for the new one.
        setState(State::Disconnected, reason);
        m_backoff.reset();
        m_reconnectTimer.start(0);
    }
}

void MqttSession::finishSwitch(bool ok, const QString &reason, int resent)
{
    if (!m_move)
        return;
    const Move move = std::move(*m_move);
    m_move.reset();
    // How long the session could not carry messages: none for a handover,
    // CONNECT to CONNACK for a reconnect, close to CONNACK for break-before-make.
    m_lastInterruptionUs = ok && move.interruptionStartNs >= 0
            ? (m_clock.nsecsElapsed() - move.interruptionStartNs) / 1000
            : 0;
    Q_EMIT switchFinished(ok, move.mode, reason, resent);
}

mqtt::Connect MqttSession::connectPacket(mqtt::ProtocolVersion version) const
{
    mqtt::Connect connect;
    connect.version = version;
    connect.clientId = m_options.clientId;
    connect.cleanStart = false; // the broker keeps our session and queued messages
    connect.keepAlive = m_options.keepAliveSeconds;
    connect.will = m_options.will;
    connect.username = m_options.username;
    connect.password = m_options.password;
    if (version == mqtt::ProtocolVersion::V5) {
        // The session outlives the connection (the broker keeps queueing
        // for us), and the broker may send only what we can take.
        connect.properties.append(
                { mqtt::PropertyId::SessionExpiryInterval, m_options.sessionExpirySeconds });
        connect.properties.append(
                { mqtt::PropertyId::ReceiveMaximum, quint32(m_options.receiveMaximum) });
        connect.properties.append(
                { mqtt::PropertyId::MaximumPacketSize, quint32(m_options.maxIncomingPacketSize) });
    }
    return connect;
}

void MqttSession::onLinkOpened()
{
    m_openTimer.stop();
    m_probeTimer.stop();
    m_keepAlive.reset(m_clock.elapsed());
    // The address is known now (a race picks it on opening).
    m_connectVersion = knownVersion(m_options.server);
    m_reader.setVersion(m_connectVersion);
    m_awaitingConnack = true;
    m_heardSinceConnect = false;
    send(connectPacket(m_connectVersion));
    m_connackTimer.start(m_options.connectTimeoutMs);
}

void MqttSession::onLinkData(const QByteArray &bytes)
{
    if (!bytes.isEmpty()) {
        m_keepAlive.received(m_clock.elapsed()); // every packet is a sign of life
        m_heardSinceConnect = true;
    }
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
        if (status == mqtt::PacketReader::Status::Skipped) {
            handleSkipped(m_reader.skipped());
            if (!m_link)
                return;
            continue;
        }
        handlePacket(packet);
        if (!m_link) // a handler dropped the link
            return;
    }
}

void MqttSession::onLinkClosed(ByteLink::Error error, const QString &reason)
{
    if (!m_link)
        return;
    m_lastLinkError = error;
    // A server that does not know 5.0 may just hang up on its CONNECT.
    const bool silentRefusal
            = m_awaitingConnack && !m_heardSinceConnect && error == ByteLink::Error::RemoteClosed;
    retire(m_link, false); // closed already
    m_link.clear();
    if (silentRefusal && fallBack(tr("the server closed the connection on an MQTT 5.0 CONNECT")))
        return;
    linkLost(reason);
}

bool MqttSession::fallBack(const QString &reason)
{
    if (m_connectVersion != mqtt::ProtocolVersion::V5 || !m_options.fallbackToV311 || !isRunning())
        return false;
    qCInfo(lcSession).noquote() << m_options.server.toDisplayString() << "-" << reason
                                << "- asking with MQTT 3.1.1";
    setKnownVersion(m_options.server, mqtt::ProtocolVersion::V311);
    if (m_link) {
        retire(m_link);
        m_link.clear();
    }
    linkLost(tr("%1; trying MQTT 3.1.1").arg(reason));
    // Not a failure of the server: no backoff.
    m_reconnectTimer.stop();
    m_backoff.reset();
    if (m_state == State::Disconnected)
        m_reconnectTimer.start(0);
    return true;
}

void MqttSession::dropLink(const QString &reason, ByteLink::Error error)
{
    if (!m_link)
        return;
    m_lastLinkError = error;
    qCInfo(lcSession).noquote() << "dropping the connection:" << reason;
    retire(m_link);
    m_link.clear();
    linkLost(reason);
}

void MqttSession::dropLinkSayingWhy(quint8 reasonCode, const QString &reason)
{
    if (!m_link || m_connectVersion != mqtt::ProtocolVersion::V5) {
        dropLink(reason);
        return;
    }
    // MQTT 5: a DISCONNECT with the reason, then the link closes (not
    // aborted, so the DISCONNECT goes out first).
    qCInfo(lcSession).noquote() << "dropping the connection:" << reason;
    send(mqtt::Disconnect { reasonCode, {} });
    m_lastLinkError = ByteLink::Error::Protocol;
    ByteLink *old = m_link;
    m_link.clear();
    old->disconnect(this);
    // Deleted once closed (deleting it now could cut the DISCONNECT off),
    // or after a moment if it never says so.
    connect(old, &ByteLink::closed, old, &QObject::deleteLater);
    QTimer::singleShot(1000, old, &QObject::deleteLater);
    old->close();
    linkLost(reason);
}

void MqttSession::linkLost(const QString &reason)
{
    m_openTimer.stop();
    m_keepAliveTimer.stop();
    m_connackTimer.stop();
    m_probeTimer.stop();
    m_window.suspend(); // what was in flight is resent after the next CONNACK
    if (m_move && m_move->link && isRunning()) {
        // The broker dropped the old link on reading our CONNECT on the new
        // one: expected during a move. The new link decides what follows (a
        // third connection would steal its session).
        return;
    }
    finishSwitch(false, reason, 0); // a move to a link that never got connected
    if (!isRunning()) {
        setState(State::Stopped, m_state == State::Stopping ? tr("disconnected") : reason);
        return;
    }
    scheduleReconnect(reason);
}

void MqttSession::scheduleReconnect(const QString &reason)
{
    if (!isRunning())
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
    const QByteArray bytes = mqtt::encode(packet, m_connectVersion, &error);
    if (bytes.isEmpty()) {
        qCWarning(lcSession).noquote()
                << "cannot encode" << mqtt::packetTypeName(mqtt::packetType(packet)) << ":"
                << error;
        return false;
    }
    m_keepAlive.sent(m_clock.elapsed());
    return m_link->write(bytes);
}

void MqttSession::sendPing()
{
    m_keepAlive.pingSent(m_clock.elapsed());
    send(mqtt::Pingreq {});
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
        const qint64 roundTrip = m_keepAlive.pingAnswered(m_clock.elapsed());
        if (roundTrip >= 0) {
            m_roundTripMs = int(roundTrip);
            m_probeTimer.stop();
            Q_EMIT roundTripMeasured(m_roundTripMs);
        }
    } else if (auto *suback = std::get_if<mqtt::Suback>(&packet)) {
        const QStringList filters = m_pendingSubscribes.take(suback->packetId);
        m_window.releaseId(suback->packetId);
        for (int i = 0; i < suback->reasonCodes.size() && i < filters.size(); ++i) {
            if (suback->reasonCodes[i] < 0x80)
                continue;
            const QString reason = withReasonString(m_connectVersion == mqtt::ProtocolVersion::V5
                            ? reasonCodeText(suback->reasonCodes[i])
                            : tr("refused"),
                    suback->properties);
            qCWarning(lcSession).noquote()
                    << "the server refused the subscription" << filters[i] << "-" << reason;
            Q_EMIT subscriptionRefused(filters[i], reason);
        }
    } else if (auto *unsuback = std::get_if<mqtt::Unsuback>(&packet)) {
        m_pendingSubscribes.remove(unsuback->packetId);
        m_window.releaseId(unsuback->packetId);
    } else if (auto *disconnect = std::get_if<mqtt::Disconnect>(&packet)) {
        handleDisconnect(*disconnect);
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
    m_awaitingConnack = false;
    if (connack.returnCode != 0) {
        // 1 is 3.1.1's "unacceptable protocol level", 0x84 5.0's.
        if ((connack.returnCode == 1 || connack.returnCode == 0x84)
                && fallBack(tr("the server does not speak MQTT 5.0")))
            return;
        const QString reason
                = withReasonString(connackReason(connack.returnCode), connack.properties);
        if (isFinalRefusal(connack.returnCode)) {
            Q_EMIT refused(reason);
            halt(reason);
            return;
        }
        dropLink(reason, ByteLink::Error::RemoteClosed);
        return;
    }
    qCInfo(lcSession).noquote() << "connected to" << m_options.server.toDisplayString() << "via"
                                << m_link->description() << "with MQTT"
                                << versionName(m_connectVersion)
                                << (connack.sessionPresent ? "(session resumed)" : "(new session)");
    establish(connack);
    Q_EMIT connected(connack.sessionPresent);
}

// What every accepted CONNACK on the current link leads to, whether it
// came from a plain (re)connect or from moving to another transport.
void MqttSession::acknowledge(quint16 packetId, quint64 connection)
{
    if (connection != m_connectionNumber || m_state != State::Connected || !m_link)
        return;
    send(mqtt::Ack { mqtt::PacketType::Puback, packetId, 0, {} });
}

void MqttSession::establish(const mqtt::Connack &connack)
{
    ++m_connectionNumber;
    m_backoff.reset();
    m_awaitingConnack = false;
    applyGrant(connack);
    // The window follows the broker's limit of this connection (MQTT 5
    // Receive Maximum), never above our own cap; the next broker may differ.
    m_window.setLimit(std::max(1, std::min(m_options.maxInflight, m_grant.receiveMaximum)));
    m_aliases.reset(m_grant.topicAliasMaximum);
    if (m_state != State::Connected)
        setState(State::Connected, QString());
    m_keepAlive.setKeepAliveMs(qint64(m_grant.keepAliveSeconds) * 1000);
    if (m_grant.keepAliveSeconds > 0)
        m_keepAliveTimer.start(int(m_keepAlive.tickMs()));
    // One ping right away: the round-trip time is known from the start.
    m_keepAlive.received(m_clock.elapsed());
    sendPing();
    const int resent = m_window.sentCount(); // sent on an earlier link, going out again now
    // Subscriptions and old publishes go out before anything new: whoever
    // reacts to connected() (presence, new messages) comes after them.
    renewSubscriptions();
    // Everything sent on an earlier link and not acknowledged goes out
    // again, in its original order. Never dropped.
    for (const mqtt::Publish &publish : m_window.resume(connack.sessionPresent))
        sendWindowPublish(publish);
    sendQueued();
    finishSwitch(true, QString(), resent);
}

void MqttSession::applyGrant(const mqtt::Connack &connack)
{
    Grant grant;
    grant.version = m_connectVersion;
    grant.keepAliveSeconds = m_options.keepAliveSeconds;
    if (grant.version == mqtt::ProtocolVersion::V5) {
        using mqtt::PropertyId;
        const mqtt::Properties &p = connack.properties;
        auto number = [&p](PropertyId id, quint32 fallback) {
            const auto value = mqtt::findProperty(p, id);
            return value ? value->toUInt() : fallback;
        };
        grant.sessionExpirySeconds
                = number(PropertyId::SessionExpiryInterval, m_options.sessionExpirySeconds);
        grant.receiveMaximum = int(number(PropertyId::ReceiveMaximum, 65'535));
        grant.maximumPacketSize = number(PropertyId::MaximumPacketSize, 0);
        grant.keepAliveSeconds
                = quint16(number(PropertyId::ServerKeepAlive, m_options.keepAliveSeconds));
        grant.topicAliasMaximum = quint16(number(PropertyId::TopicAliasMaximum, 0));
        grant.maximumQoS = quint8(number(PropertyId::MaximumQoS, 2));
        grant.retainAvailable = number(PropertyId::RetainAvailable, 1) != 0;
        if (const auto id = mqtt::findProperty(p, PropertyId::AssignedClientIdentifier))
            grant.assignedClientId = id->toString();
        if (const auto why = mqtt::findProperty(p, PropertyId::ReasonString))
            grant.reasonString = why->toString();
    }
    if (grant.keepAliveSeconds != m_options.keepAliveSeconds)
        qCInfo(lcSession) << "the server sets keep-alive to" << grant.keepAliveSeconds << "s";
    if (grant.version == mqtt::ProtocolVersion::V5
            && grant.sessionExpirySeconds < m_options.sessionExpirySeconds)
        qCInfo(lcSession) << "the server keeps the session for" << grant.sessionExpirySeconds
                          << "s after a disconnect";
    if (!grant.assignedClientId.isEmpty() && grant.assignedClientId != m_options.clientId) {
        // Later connections resume this id's session.
        m_options.clientId = grant.assignedClientId;
        Q_EMIT clientIdAssigned(grant.assignedClientId);
    }
    m_grant = grant;
}

void MqttSession::handleDisconnect(const mqtt::Disconnect &disconnect)
{
    QString reason = tr("the server closed the connection: %1")
                             .arg(withReasonString(
                                     reasonCodeText(disconnect.reasonCode), disconnect.properties));
    if (const auto other
            = mqtt::findProperty(disconnect.properties, mqtt::PropertyId::ServerReference))
        reason += u' ' + tr("(it names %1)").arg(other->toString());
    qCWarning(lcSession).noquote() << reason;
    // The reconnect follows the usual backoff; a session taken over by
    // another connection (0x8E) would otherwise be taken back at once, and
    // the two would take turns for ever.
    dropLink(reason, ByteLink::Error::RemoteClosed);
}

bool MqttSession::sendPublish(const mqtt::Publish &publish, QString *reason)
{
    mqtt::Publish packet = publish;
    if (!m_grant.retainAvailable)
        packet.retain = false; // the server would end the connection (0x9A)
    if (m_connectVersion == mqtt::ProtocolVersion::V5) {
        // Checked with the whole topic, before an alias is given out that
        // the server would then never hear of. Encoded only when it may be
        // close: most messages are far below any limit.
        const qint64 roughSize = packet.payload.size() + packet.topic.size() * 3 + 64;
        if (m_grant.maximumPacketSize > 0 && roughSize > qint64(m_grant.maximumPacketSize)) {
            const qint64 size = mqtt::encode(packet, m_connectVersion).size();
            if (size > qint64(m_grant.maximumPacketSize)) {
                if (reason)
                    *reason = tr("%1 bytes, more than the server takes (%2 bytes)")
                                      .arg(size)
                                      .arg(m_grant.maximumPacketSize);
                return false;
            }
        }
        m_aliases.apply(packet);
    }
    send(packet);
    return true;
}

void MqttSession::sendWindowPublish(const mqtt::Publish &publish)
{
    QString reason;
    if (sendPublish(publish, &reason))
        return;
    // Never sendable to this server: settled as refused, not left to block
    // the window or go round again after every reconnect.
    qCWarning(lcSession).noquote() << "not sending a message on" << publish.topic << "-" << reason;
    if (const std::optional<quint64> ref = m_window.acknowledge(publish.packetId))
        Q_EMIT publishRefused(*ref, reason);
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
        unsubscribe.packetId = m_window.reserveId();
        unsubscribe.filters
                = QStringList(m_unsubscribesToSend.cbegin(), m_unsubscribesToSend.cend());
        m_pendingSubscribes.insert(unsubscribe.packetId, {});
        m_unsubscribesToSend.clear();
        send(unsubscribe);
    }
    // One SUBSCRIBE per kind of options (each filter in it carries its own,
    // but a refusal is easier to read per group).
    QList<std::pair<SubscriptionOptions, QStringList>> groups;
    for (auto it = m_subscriptions.cbegin(); it != m_subscriptions.cend(); ++it) {
        auto group = std::find_if(
                groups.begin(), groups.end(), [&](const auto &g) { return g.first == it.value(); });
        if (group == groups.end())
            groups.append({ it.value(), { it.key() } });
        else
            group->second.append(it.key());
    }
    for (const auto &[options, filters] : std::as_const(groups)) {
        mqtt::Subscribe subscribe;
        subscribe.packetId = m_window.reserveId();
        for (const QString &filter : filters)
            subscribe.subscriptions.append({ filter, options.qos, options.noLocal });
        m_pendingSubscribes.insert(subscribe.packetId, filters);
        send(subscribe);
    }
}

bool MqttSession::canWrite() const
{
    return m_state == State::Connected && m_link && !(m_move && m_move->connectSent);
}

void MqttSession::handlePublish(mqtt::Publish &publish)
{
    // We allow the server no topic aliases (Topic Alias Maximum 0).
    if (m_connectVersion == mqtt::ProtocolVersion::V5
            && mqtt::findProperty(publish.properties, mqtt::PropertyId::TopicAlias)) {
        dropLinkSayingWhy(
                0x94, tr("the server used a topic alias, which this client does not allow"));
        return;
    }
    switch (publish.qos) {
    case 0:
        Q_EMIT messageReceived(publish);
        break;
    case 1:
        Q_EMIT messageReceived(publish);
        if (!m_options.acknowledgeByOwner)
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

void MqttSession::handleSkipped(const mqtt::PacketReader::SkippedPublish &skipped)
{
    if (m_state != State::Connected) {
        dropLink(tr("the server sent PUBLISH before CONNACK"));
        return;
    }
    // Taken and thrown away, not refused: acknowledged, the broker stops
    // sending it; a dropped connection would bring it back for ever.
    qCWarning(lcSession).noquote()
            << "discarded a message of" << skipped.size << "bytes on" << skipped.topic
            << "(the limit is" << m_options.maxIncomingPacketSize << "bytes)";
    if (skipped.qos == 1) {
        send(mqtt::Ack { mqtt::PacketType::Puback, skipped.packetId, 0, {} });
    } else if (skipped.qos == 2) {
        m_incomingQos2.insert(skipped.packetId);
        send(mqtt::Ack { mqtt::PacketType::Pubrec, skipped.packetId, 0, {} });
    }
    Q_EMIT publishDiscarded(skipped.topic, skipped.size);
}

void MqttSession::handleAck(const mqtt::Ack &ack)
{
    switch (ack.type) {
    case mqtt::PacketType::Puback: {
        const std::optional<quint64> ref = m_window.acknowledge(ack.packetId);
        if (!ref)
            return; // late ack of something already settled
        if (ack.reasonCode >= 0x80) {
            // Settled but not delivered: sending it again gets the same answer.
            const QString reason = withReasonString(reasonCodeText(ack.reasonCode), ack.properties);
            qCWarning(lcSession).noquote() << "the server refused a publish:" << reason;
            Q_EMIT publishRefused(*ref, reason);
        } else {
            Q_EMIT publishAcknowledged(*ref);
        }
        sendQueued();
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
        if (canWrite()) {
            mqtt::Publish publish;
            publish.topic = message.topic;
            publish.payload = message.payload;
            publish.retain = message.retain;
            QString reason;
            if (!sendPublish(publish, &reason))
                Q_EMIT publishRefused(message.ref, reason);
        } else {
            m_pendingQos0.append(message);
        }
        return;
    }
    m_window.enqueue(message);
    sendQueued();
}

void MqttSession::sendQueued()
{
    if (!canWrite())
        return;
    // QoS 0 that waited while offline, then QoS 1 as the window allows.
    const QList<OutgoingPublish> qos0 = std::exchange(m_pendingQos0, {});
    for (const OutgoingPublish &message : qos0)
        publish(message);
    while (const std::optional<mqtt::Publish> publish = m_window.takeNext())
        sendWindowPublish(*publish);
}

void MqttSession::subscribe(const QStringList &filters, quint8 qos, bool noLocal)
{
    QStringList added;
    for (const QString &filter : filters) {
        if (!mqtt::isValidTopicFilter(filter)) {
            qCWarning(lcSession).noquote() << "invalid topic filter" << filter;
            continue;
        }
        m_subscriptions.insert(filter, { qos, noLocal });
        m_unsubscribesToSend.remove(filter);
        added.append(filter);
    }
    if (added.isEmpty() || !canWrite())
        return; // sent after the next CONNACK
    mqtt::Subscribe subscribe;
    subscribe.packetId = m_window.reserveId();
    for (const QString &filter : added)
        subscribe.subscriptions.append({ filter, qos, noLocal });
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
    unsubscribe.packetId = m_window.reserveId();
    unsubscribe.filters = removed;
    m_pendingSubscribes.insert(unsubscribe.packetId, {});
    send(unsubscribe);
}

void MqttSession::onKeepAliveTick()
{
    if (m_state != State::Connected || !m_link)
        return;
    const qint64 now = m_clock.elapsed();
    switch (m_keepAlive.check(now)) {
    case mqtt::KeepAliveMonitor::Verdict::Dead:
        // A half-open link shows as silence: nothing at all, not even the
        // answer to a ping, for the whole keep-alive (or a probe's few seconds).
        dropLink(tr("the server stopped answering (nothing, not even a PINGRESP, for %1 ms)")
                         .arg(m_keepAlive.silenceMs(now)),
                ByteLink::Error::Timeout);
        break;
    case mqtt::KeepAliveMonitor::Verdict::Ping:
        sendPing();
        break;
    case mqtt::KeepAliveMonitor::Verdict::Fine:
        break;
    }
}

} // namespace longlink
