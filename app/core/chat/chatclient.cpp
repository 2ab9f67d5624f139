#include "chatclient.h"

#include "privatefiles.h"

#include <QtCore/QScopeGuard>

#include "hotswapcontroller.h"
#include "logging.h"
#include "racinglink.h"
#include "sessionswapadapter.h"
#include "storedpluginverdicts.h"
#include "transporthost.h"
#include "transportlink.h"
#include "wakedetector.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSignalBlocker>
#include <QtCore/QStandardPaths>
#include <QtNetwork/QNetworkInformation>

using namespace Qt::StringLiterals;

namespace longlink {

namespace {
constexpr int kLazyFlushMs = 20;
constexpr int kCheckpointQuietMs = 1000;
constexpr qsizetype kCheckpointRows = 2000;
// The search index is filled after this long without a write, this many
// messages per event-loop pass (a few milliseconds).
constexpr int kSearchIndexQuietMs = 1500;
constexpr int kSearchIndexBatch = 2000;
// A server that refused MQTT 5.0 is asked with 5.0 again after a week: it
// may have been upgraded.
constexpr qint64 kRememberV311Seconds = 7 * 24 * 3600;

} // namespace

ChatClient::ChatClient(QObject *parent) : QObject(parent)
{
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &ChatClient::flush);
    // Checkpoints run between passes, never inside a commit: once the
    // store has been quiet for a moment, or after many rows at once.
    // The search index follows the messages in batches once nothing has
    // been stored for a while, so a busy room pays nothing for it.
    m_searchIndexTimer.setSingleShot(true);
    m_searchIndexTimer.setInterval(kSearchIndexQuietMs);
    connect(&m_searchIndexTimer, &QTimer::timeout, this, [this] {
        if (m_store && m_store->isOpen() && m_store->indexForSearch(kSearchIndexBatch) > 0)
            m_searchIndexTimer.start(0); // more after the events waiting
    });
    m_checkpointTimer.setSingleShot(true);
    connect(&m_checkpointTimer, &QTimer::timeout, this, [this] {
        m_rowsSinceCheckpoint = 0;
        if (m_store)
            m_store->checkpoint();
    });
}

ChatClient::~ChatClient()
{
    // The last write tells nobody: whoever listens may be half destroyed
    // already (a member of its owner, like the CLI's).
    const QSignalBlocker quiet(this);
    flush();
    if (m_hotSwap)
        m_hotSwap->abandonProbation();
    m_hotSwap.reset();
    m_swapAdapter.reset();
    m_session.reset(); // links go before the host that loaded their plugins
    m_host.reset();
}

bool ChatClient::open(const Config &config)
{
    m_config = config;
    m_topics = ChatTopics(config.prefix);
    if (!ChatTopics::isValidName(config.user)) {
        m_error = tr("\"%1\" cannot be a user name: %2").arg(config.user, ChatTopics::nameRule());
        return false;
    }
    QString dataDir = config.dataDir;
    if (dataDir.isEmpty())
        dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    m_notes.clear();
    // The history and the client id are the user's alone: 0700 whatever
    // the umask, tightened (with a note) if an earlier run left it open.
    QString note;
    QString folderError;
    if (!PrivateFiles::ensureFolder(dataDir, &note, &folderError)) {
        m_error = tr("cannot create the data folder %1: %2").arg(dataDir, folderError);
        return false;
    }
    if (!note.isEmpty())
        m_notes.append(note);
    m_config.dataDir = QDir(dataDir).absolutePath();

    // One process per data folder: two would share a client id and the
    // broker would bounce the session between them.
    m_lock = std::make_unique<QLockFile>(m_config.dataDir + u"/longlink.lock"_s);
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        m_lock->getLockInfo(&pid, &host, &app);
        m_error = m_lock->error() == QLockFile::LockFailedError
                ? tr("another Longlink (process %1) is already using %2")
                          .arg(pid)
                          .arg(m_config.dataDir)
                : tr("cannot lock %1").arg(m_config.dataDir);
        return false;
    }

    // Every address of the service; the one that answered first last time
    // is tried first.
    m_servers = { config.server };
    for (const QUrl &url : config.alternateServers) {
        if (!m_servers.contains(url))
            m_servers.append(url);
    }
    bool anySecure = false;
    for (const QUrl &url : std::as_const(m_servers))
        anySecure |= isSecureScheme(url.scheme());
    if ((!config.caFile.isEmpty() || !config.pinSha256.isEmpty()) && !anySecure) {
        // A CA or pin for a server that speaks no TLS would be ignored.
        m_error = tr("a CA file or certificate pin is for TLS servers (mqtts://, wss://), not %1")
                          .arg(config.server.toDisplayString());
        return false;
    }
    m_store = std::make_unique<ChatStore>();
    if (!m_store->open(m_config.dataDir + u"/longlink.sqlite"_s)) {
        m_error = m_store->errorString();
        return false;
    }
    m_notes += m_store->notes();
    for (const QString &text : std::as_const(m_notes))
        qCWarning(lcChat).noquote() << text;
    m_history = std::make_unique<ChatHistory>(m_store.get());
    if (m_servers.size() > 1) {
        const QUrl winner(m_store->value(u"server.winner"_s));
        if (m_servers.removeOne(winner))
            m_servers.prepend(winner);
        m_config.server = m_servers.first();
    }
    // One session per account: the same id whichever address, node or
    // transport reaches the broker, so any of them resumes the session.
    m_clientId = m_store->clientId(config.user);

    m_host = std::make_unique<TransportHost>();
    connect(m_host.get(), &TransportHost::event, this, &ChatClient::transportEvent);
    m_host->setExtraFolders(config.transportFolders);
    m_host->setTrustedKeysFolder(config.trustedKeys);
    useScheme(m_config.server.scheme().toLower());

    const QString scheme = m_config.server.scheme().toLower();
    m_host->setSettleMs(config.settleMs);
    m_session = std::make_unique<MqttSession>(
            [this](QObject *parent, QString *error) { return createSessionLink(parent, error); });
    m_swapAdapter = std::make_unique<SessionSwapAdapter>(m_session.get());
    m_verdicts = std::make_unique<StoredPluginVerdicts>(m_store.get());
    m_host->setVerdictStore(m_verdicts.get());
    m_hotSwap = std::make_unique<HotSwapController>(
            m_host.get(), m_swapAdapter.get(), m_verdicts.get(), scheme, m_config.dataDir);
    m_swapAdapter->attach(m_hotSwap.get());
    m_hotSwap->setProbationMs(config.probationMs);
    connect(m_hotSwap.get(), &HotSwapController::swapped, this,
            [this](const QString &name, const QString &from, const QString &to, qint64 ms,
                    int resent) {
                Q_EMIT transportSwapped(name, from, to, ms, resent);
                noteTransport();
            });
    connect(m_hotSwap.get(), &HotSwapController::rolledBack, this, &ChatClient::noteTransport);
    // A server change asked for during a transport swap, or while the new
    // scheme's plugin was being checked, waits for its end.
    auto applyPendingServer = [this] {
        QMetaObject::invokeMethod(
                this,
                [this] {
                    if (m_pendingServer && !m_serverMove && !m_hotSwap->isSwapping())
                        moveToServer(*std::exchange(m_pendingServer, std::nullopt));
                },
                Qt::QueuedConnection);
    };
    connect(m_hotSwap.get(), &HotSwapController::swapped, this, applyPendingServer);
    connect(m_hotSwap.get(), &HotSwapController::rolledBack, this, applyPendingServer);
    connect(m_host.get(), &TransportHost::pluginsChanged, this, applyPendingServer);
    connect(m_host.get(), &TransportHost::pluginsChanged, this, [this] {
        checkPin();
        Q_EMIT transportPluginsChanged();
    });
    connect(m_session.get(), &MqttSession::roundTripMeasured, this, &ChatClient::roundTripMeasured);
    m_hotSwap->restore();
    MqttSession::Options options;
    options.server = m_config.server;
    options.clientId = m_clientId;
    options.keepAliveSeconds = config.keepAliveSeconds;
    options.connectTimeoutMs = config.connectTimeoutMs;
    options.username = config.user;
    options.password = config.password;
    options.maxIncomingPacketSize = config.maxIncomingBytes;
    options.acknowledgeByOwner = true; // after the store has them: see flush()
    options.version = config.mqttVersion == MqttVersion::V311 ? mqtt::ProtocolVersion::V311
                                                              : mqtt::ProtocolVersion::V5;
    options.fallbackToV311 = config.mqttVersion == MqttVersion::Auto;
    options.sessionExpirySeconds = config.sessionExpirySeconds;
    options.will = mqtt::Will { m_topics.presence(config.user), "offline", 1, true, {} };
    options.linkOptions = linkOptions();
    m_session->setOptions(options);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const QUrl &url : std::as_const(m_servers)) {
        const qint64 since = m_store->value(versionKey(url)).section(u' ', 1).toLongLong();
        if (since > 0 && now - since < kRememberV311Seconds)
            m_session->setKnownVersion(url, mqtt::ProtocolVersion::V311);
    }
    connect(m_session.get(), &MqttSession::publishRefused, this,
            [this](quint64 ref, const QString &reason) { settle(ref, reason); });
    connect(m_session.get(), &MqttSession::subscriptionRefused, this,
            [this](const QString &filter, const QString &reason) {
                for (const QString &room : std::as_const(m_rooms)) {
                    if (m_topics.roomMessagesFilter(room) == filter)
                        Q_EMIT roomRefused(room, reason);
                }
            });
    connect(m_session.get(), &MqttSession::clientIdAssigned, this, [this](const QString &id) {
        m_clientId = id;
        m_store->setValue(u"clientId:"_s + m_config.user, id);
    });
    connect(m_session.get(), &MqttSession::certificateUntrusted, this,
            &ChatClient::certificateUntrusted);
    connect(m_session.get(), &MqttSession::stateChanged, this, &ChatClient::onSessionState);
    connect(m_session.get(), &MqttSession::connected, this, &ChatClient::onSessionConnected);
    connect(m_session.get(), &MqttSession::messageReceived, this, &ChatClient::onPublishReceived);
    connect(m_session.get(), &MqttSession::publishDiscarded, this,
            [this](const QString &topic, quint64 bytes) {
                reportDropped(topic,
                        tr("%1 bytes, over the limit of %2 bytes")
                                .arg(bytes)
                                .arg(m_session->options().maxIncomingPacketSize),
                        bytes);
            });
    connect(m_session.get(), &MqttSession::publishAcknowledged, this,
            [this](quint64 ref) { settle(ref, std::nullopt); });
    connect(m_session.get(), &MqttSession::refused, this, &ChatClient::refused);
    connect(m_session.get(), &MqttSession::switchFinished, this,
            [this](bool ok, ByteLink::MoveMode, const QString &reason, int) {
                onSwitchFinished(ok, reason);
            });

    m_session->subscribe({ m_topics.presenceFilter() }, 1);
    QStringList rooms = config.rooms;
    for (const QString &room : rooms) {
        if (!join(room))
            return false;
    }

    // What a previous run wrote but the broker never acknowledged goes out
    // first, in its original order.
    // (The same payload as then: the envelope is made from the row.)
    for (const StoredMessage &pending : m_store->outbox()) {
        const ChatMessage &message = pending.message;
        m_outgoing.insert(quint64(pending.rowId), { message.id, message.room, pending.rowId });
        m_session->publish(
                { quint64(pending.rowId), m_topics.roomMessages(message.room, message.from),
                        message.toJson(), quint8(std::max<int>(1, m_config.qos)), false });
    }
    if (!m_outgoing.isEmpty())
        qCInfo(lcChat) << m_outgoing.size() << "messages from the outbox of an earlier run";
    return true;
}

void ChatClient::start()
{
    m_searchIndexTimer.start(); // history from earlier runs not indexed yet
    m_host->rescan();
    m_host->startWatching();
    m_session->start();

    m_wakeDetector = std::make_unique<WakeDetector>();
    connect(m_wakeDetector.get(), &WakeDetector::woke, this, [this](qint64 sleptMs) {
        qCInfo(lcChat) << "woke after" << sleptMs << "ms; checking the connection";
        m_session->probe();
    });
    if (QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability reachability) {
                    if (reachability == QNetworkInformation::Reachability::Online
                            || reachability == QNetworkInformation::Reachability::Site)
                        m_session->reconnectNow(tr("the network changed"));
                });
    }
}

QString ChatClient::transportName() const
{
    // The plugin whose link the session uses, or between links the one that
    // last carried the session.
    if (m_hotSwap && m_hotSwap->currentPlugin())
        return m_hotSwap->currentPlugin()->name;
    return m_host && m_host->active() ? m_host->active()->name : QString();
}

QString ChatClient::transportVersion() const
{
    if (m_hotSwap && m_hotSwap->currentPlugin())
        return m_hotSwap->currentPlugin()->version.toString();
    return m_host && m_host->active() ? m_host->active()->version.toString() : QString();
}

bool ChatClient::useTransport(const QString &name, const QString &version)
{
    const QVersionNumber wanted = QVersionNumber::fromString(version);
    const QString scheme = m_config.server.scheme().toLower();
    for (const TransportPluginInfo &info : m_host->plugins()) {
        if (info.name == name && info.version == wanted && info.serves(scheme) && info.isUsable()) {
            setPin(info.displayName());
            return true;
        }
    }
    m_error = tr("no usable transport %1@%2 serves \"%3\"").arg(name, version, scheme);
    return false;
}

int ChatClient::unacknowledgedCount() const
{
    // Waiting for the disk, then in the session until acknowledged (what the
    // session holds includes every stored message handed to it).
    return int(m_toPersist.size())
            + (m_session ? m_session->pendingCount() : int(m_outgoing.size()));
}

void ChatClient::useNewestTransport()
{
    setPin(QString());
}

QString ChatClient::pinnedTransport() const
{
    return m_host ? m_host->pinned(m_config.server.scheme().toLower()) : QString();
}

void ChatClient::setPin(const QString &pin)
{
    const QString scheme = m_config.server.scheme().toLower();
    if (m_host->pinned(scheme) == pin)
        return;
    const qsizetype at = pin.lastIndexOf(u'@');
    if (at > 0)
        m_host->setPinned(scheme, pin.left(at), QVersionNumber::fromString(pin.mid(at + 1)));
    else
        m_host->setPinned(scheme, QString(), QVersionNumber());
    m_store->setValue(u"transport.pin."_s + scheme, at > 0 ? pin : QString());
    qCInfo(lcChat).noquote() << (at > 0 ? u"transport chosen by hand: "_s + pin
                                        : u"the newest transport is used"_s);
    Q_EMIT transportPinChanged(at > 0 ? pin : QString());
}

void ChatClient::checkPin()
{
    // A pin to a plugin that was refused would hold the session on nothing
    // usable and stop every later swap: it goes, and the newest serves.
    const QString pin = pinnedTransport();
    if (pin.isEmpty())
        return;
    bool usable = false;
    bool refused = false;
    for (const TransportPluginInfo &info : m_host->plugins()) {
        if (info.displayName() != pin)
            continue;
        usable |= info.isUsable();
        refused |= info.state == TransportPluginInfo::State::Rejected
                || info.state == TransportPluginInfo::State::Quarantined;
    }
    if (refused && !usable) {
        qCWarning(lcChat).noquote() << "the transport chosen by hand," << pin
                                    << "- was refused; using the newest again";
        setPin(QString());
    }
}

void ChatClient::noteTransport()
{
    const QString name = transportName();
    const QString version = transportVersion();
    const QString shown = name + u'@' + version;
    if (name.isEmpty() || shown == m_shownTransport)
        return;
    m_shownTransport = shown;
    Q_EMIT transportChanged(name, version);
}

void ChatClient::reconnectNow(const QString &why)
{
    if (m_session && !m_session->isRunning() && m_certificateRefused)
        connectAgain(); // the person asked: the certificate is asked about again
    else if (m_session)
        m_session->reconnectNow(why);
}

QString ChatClient::checkServerUrl(const QUrl &server)
{
    if (!server.isValid() || server.scheme().isEmpty() || server.host().isEmpty())
        return tr("\"%1\" is not a server URL like mqtt://host:1883, mqtts://host:8883 or "
                  "wss://host/mqtt")
                .arg(server.toDisplayString());
    return QString();
}

void ChatClient::useScheme(const QString &scheme)
{
    m_host->setWantedScheme(scheme);
    if (m_host->pinned(scheme).isEmpty()) {
        const QString pin = m_store->value(u"transport.pin."_s + scheme);
        const qsizetype at = pin.lastIndexOf(u'@');
        if (at > 0)
            m_host->setPinned(scheme, pin.left(at), QVersionNumber::fromString(pin.mid(at + 1)));
    }
    if (m_hotSwap)
        m_hotSwap->setScheme(scheme);
}

bool ChatClient::setServer(const QUrl &server)
{
    if (const QString problem = checkServerUrl(server); !problem.isEmpty()) {
        m_error = problem;
        return false;
    }
    const QString scheme = server.scheme().toLower();
    bool served = false;
    for (const TransportPluginInfo &info : m_host->plugins())
        served |= info.serves(scheme) && (info.isUsable() || m_host->isChecking(scheme));
    if (!served) {
        m_error = tr("no usable transport plugin serves \"%1\"").arg(scheme);
        return false;
    }
    if (m_serverMove || m_hotSwap->isSwapping()) {
        // One move at a time: this one follows.
        m_pendingServer = server;
        return true;
    }
    moveToServer(server);
    return true;
}

ByteLink *ChatClient::createSessionLink(QObject *parent, QString *error)
{
    if (m_servers.size() <= 1)
        return m_hotSwap->createLink(parent, error);
    std::vector<RacingLink::Candidate> candidates;
    for (const QUrl &url : std::as_const(m_servers)) {
        const QString scheme = url.scheme().toLower();
        candidates.push_back({ url, linkOptionsFor(url),
                [this, scheme](QObject *owner, QString *why) -> ByteLink * {
                    return m_hotSwap->createLinkFor(scheme, owner, why);
                } });
    }
    auto *race = new RacingLink(std::move(candidates), parent);
    connect(race, &RacingLink::won, this, [this](const QUrl &url) { onRaceWon(url); });
    return race;
}

void ChatClient::onRaceWon(const QUrl &server)
{
    const QString scheme = server.scheme().toLower();
    m_config.server = server;
    useScheme(scheme);
    m_hotSwap->setCarrier(m_host->choose(scheme));
    // Reconnects and transport swaps go to the address that answered.
    m_session->setServer(server, linkOptions());
    m_store->setValue(u"server.winner"_s, server.toString());
    noteTransport();
}

void ChatClient::moveToServer(const QUrl &server)
{
    if (!m_session || m_shuttingDown || server == m_config.server)
        return;
    const QString scheme = server.scheme().toLower();
    if (!m_host->choose(scheme) && m_host->isChecking(scheme)) {
        m_pendingServer = server; // once its plugin has passed its check
        return;
    }
    const QUrl from = m_config.server;
    const std::optional<TransportPluginInfo> fromCarrier = m_hotSwap->currentPlugin();
    m_config.server = server;
    m_servers = { server }; // the one address asked for
    useScheme(scheme);
    qCInfo(lcChat).noquote() << "server:" << from.toDisplayString() << "->"
                             << server.toDisplayString();
    if (m_session->state() != MqttSession::State::Connected || m_session->isSwitching()) {
        // Nothing to keep alive: the next connection goes there.
        m_session->setServer(server, linkOptions());
        if (m_session->isRunning())
            m_session->reconnect(tr("the server changed"));
        Q_EMIT serverChanged(server, 0);
        return;
    }
    QString error;
    TransportLink *link = m_hotSwap->createLink(nullptr, &error);
    if (!link) {
        m_config.server = from;
        useScheme(from.scheme().toLower());
        m_hotSwap->setCarrier(fromCarrier);
        Q_EMIT serverMoveFailed(server, error);
        return;
    }
    m_serverMove = ServerMove { from, server, fromCarrier, QDateTime::currentMSecsSinceEpoch() };
    m_session->moveToServer(link, server, linkOptions());
}

void ChatClient::onSwitchFinished(bool ok, const QString &reason)
{
    const std::optional<ServerMove> move = std::exchange(m_serverMove, std::nullopt);
    if (!move)
        return;
    if (ok) {
        qCInfo(lcChat).noquote() << "the session moved to" << move->to.toDisplayString();
        noteTransport();
        Q_EMIT serverChanged(move->to, QDateTime::currentMSecsSinceEpoch() - move->startedMs);
    } else {
        qCWarning(lcChat).noquote()
                << "could not move to" << move->to.toDisplayString() << "-" << reason;
        m_config.server = move->from;
        m_servers = { move->from };
        useScheme(move->from.scheme().toLower());
        m_hotSwap->setCarrier(move->fromCarrier);
        Q_EMIT serverMoveFailed(move->to, reason);
    }
    if (const std::optional<QUrl> pending = std::exchange(m_pendingServer, std::nullopt))
        moveToServer(*pending);
}

bool ChatClient::isSecureScheme(const QString &scheme)
{
    static const QStringList secure = { u"mqtts"_s, u"ssl"_s, u"tls"_s, u"wss"_s };
    return secure.contains(scheme.toLower());
}

namespace {
const QString kTrustedCertificatesKey = u"tls.trusted"_s;
}

QList<ChatClient::TrustedCertificate> ChatClient::trustedCertificates() const
{
    QList<TrustedCertificate> list;
    if (!m_store)
        return list;
    const QJsonArray array
            = QJsonDocument::fromJson(m_store->value(kTrustedCertificatesKey).toUtf8()).array();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        TrustedCertificate trusted;
        trusted.sha256 = object.value(u"sha256"_s).toString();
        trusted.host = object.value(u"host"_s).toString();
        trusted.port = object.value(u"port"_s).toInt();
        trusted.subject = object.value(u"subject"_s).toString();
        trusted.notAfter
                = QDateTime::fromString(object.value(u"notAfter"_s).toString(), Qt::ISODate);
        trusted.trustedSince
                = QDateTime::fromString(object.value(u"since"_s).toString(), Qt::ISODate);
        if (!trusted.sha256.isEmpty())
            list.append(trusted);
    }
    return list;
}

static void saveTrusted(ChatStore *store, const QList<ChatClient::TrustedCertificate> &list)
{
    QJsonArray array;
    for (const ChatClient::TrustedCertificate &trusted : list) {
        array.append(QJsonObject { { u"sha256"_s, trusted.sha256 }, { u"host"_s, trusted.host },
                { u"port"_s, trusted.port }, { u"subject"_s, trusted.subject },
                { u"notAfter"_s, trusted.notAfter.toString(Qt::ISODate) },
                { u"since"_s, trusted.trustedSince.toString(Qt::ISODate) } });
    }
    store->setValue(kTrustedCertificatesKey,
            QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)));
}

void ChatClient::decideCertificate(
        ByteLink::CertificateDecision decision, const QVariantMap &certificate)
{
    const QString sha256 = certificate.value(u"sha256"_s).toString();
    if (decision != ByteLink::CertificateDecision::Refuse && !sha256.isEmpty()) {
        if (!m_acceptedOnce.contains(sha256))
            m_acceptedOnce.append(sha256);
        if (decision == ByteLink::CertificateDecision::AcceptAlways) {
            QList<TrustedCertificate> list = trustedCertificates();
            TrustedCertificate trusted;
            trusted.sha256 = sha256;
            trusted.host = certificate.value(u"host"_s).toString();
            trusted.port = certificate.value(u"port"_s).toInt();
            trusted.subject = certificate.value(u"subject"_s).toString();
            trusted.notAfter = certificate.value(u"notAfter"_s).toDateTime();
            trusted.trustedSince = QDateTime::currentDateTimeUtc();
            list.removeIf([&](const TrustedCertificate &t) {
                return t.sha256 == sha256 && t.host == trusted.host && t.port == trusted.port;
            });
            list.append(trusted);
            saveTrusted(m_store.get(), list);
        }
        applyLinkOptions();
    }
    // The link that asked may still wait; if it gave up meanwhile, the next
    // connection carries the new trust in its options.
    m_session->decideCertificate(decision);
    if (decision != ByteLink::CertificateDecision::Refuse && !m_session->isRunning())
        connectAgain();
}

void ChatClient::revokeCertificate(const QString &sha256)
{
    QList<TrustedCertificate> list = trustedCertificates();
    list.removeIf([&](const TrustedCertificate &t) { return t.sha256 == sha256; });
    saveTrusted(m_store.get(), list);
    m_acceptedOnce.removeAll(sha256);
    applyLinkOptions();
    // No longer trusted: the connection that relies on it ends now.
    if (connectionInfo().value(u"peerCertificateSha256"_s).toString() == sha256)
        connectAgain();
}

void ChatClient::connectAgain()
{
    if (!m_session || m_shuttingDown)
        return;
    applyLinkOptions();
    m_certificateRefused = false;
    if (m_session->isRunning())
        m_session->reconnect(tr("connecting again"));
    else
        m_session->start();
}

QVariantMap ChatClient::connectionInfo() const
{
    return m_session ? m_session->connectionInfo() : QVariantMap();
}

QVariantMap ChatClient::linkOptionsFor(const QUrl &server) const
{
    QVariantMap options;
    const QString scheme = server.scheme().toLower();
    if (scheme == u"ws"_s || scheme == u"wss"_s)
        options.insert(u"protocols"_s, QStringList { u"mqtt"_s });
    if (!isSecureScheme(scheme))
        return options;
    if (!m_config.caFile.isEmpty())
        options.insert(u"caFile"_s, m_config.caFile);
    if (!m_config.pinSha256.isEmpty())
        options.insert(u"pinSha256"_s, m_config.pinSha256);
    // Trusted by the user for this very server, or for this run.
    QStringList trusted = m_acceptedOnce;
    for (const TrustedCertificate &t : trustedCertificates()) {
        if (t.host.compare(server.host(), Qt::CaseInsensitive) == 0 && !trusted.contains(t.sha256))
            trusted.append(t.sha256);
    }
    if (!trusted.isEmpty())
        options.insert(u"trustedSha256"_s, trusted);
    return options;
}

void ChatClient::applyLinkOptions()
{
    if (!m_session)
        return;
    m_session->setServer(m_config.server, linkOptions());
}

int ChatClient::nextRetryInMs() const
{
    return m_session ? m_session->nextRetryInMs() : -1;
}

int ChatClient::roundTripMs() const
{
    return m_session ? m_session->roundTripMs() : -1;
}

QList<TransportPluginInfo> ChatClient::transportPlugins() const
{
    return m_host ? m_host->plugins() : QList<TransportPluginInfo>();
}

QStringList ChatClient::transportFolders() const
{
    return m_host ? m_host->folders() : QStringList();
}

void ChatClient::rescanTransports()
{
    if (m_host)
        m_host->rescan();
}

bool ChatClient::join(const QString &room)
{
    if (!ChatTopics::isValidName(room)) {
        m_error = tr("\"%1\" cannot be a room name: %2").arg(room, ChatTopics::nameRule());
        return false;
    }
    if (!m_rooms.contains(room)) {
        m_rooms.append(room);
        m_store->addRoom(room);
        // No-local (MQTT 5): our own messages are not sent back to us; they
        // are in the store already, and were half of a sender's traffic.
        m_session->subscribe({ m_topics.roomMessagesFilter(room) }, m_config.qos, true);
        m_session->subscribe({ m_topics.typingFilter(room) }, 0, true);
        m_session->subscribe({ m_topics.roomMembersFilter(room) }, 1, true);
        if (m_connectionState == ConnectionState::Connected)
            publishMembership(room, true); // else on connecting
    }
    return true;
}

void ChatClient::publishMembership(const QString &room, bool member)
{
    const QString refusedKey = u"membership.refused."_s + room;
    if (m_store->value(refusedKey) == u"1"_s) {
        if (!member)
            m_store->setValue(refusedKey, QString()); // asked again if joined again
        return;
    }
    // Retained, so who joins later learns who is here; an empty retained
    // message removes it.
    const quint64 ref = m_nextEphemeralRef++;
    if (member)
        m_membershipRefs.insert(ref, room);
    m_session->publish({ ref, m_topics.roomMember(room, m_config.user),
            member ? QByteArray("joined") : QByteArray(), 1, true });
}

void ChatClient::setTyping(const QString &room, bool typing)
{
    // A notice that waited for a connection would be stale when it went.
    if (m_connectionState != ConnectionState::Connected || !m_rooms.contains(room))
        return;
    m_session->publish({ m_nextEphemeralRef++, m_topics.typing(room, m_config.user),
            typing ? QByteArray("typing") : QByteArray("stopped"), 0, false });
}

void ChatClient::markRead(const QString &room)
{
    // Received messages are shown once stored, so the store's newest row
    // is the newest shown one.
    if (m_store && m_store->isOpen())
        m_store->setReadMarker(room, m_store->lastRowId(room));
}

void ChatClient::leave(const QString &room)
{
    if (m_rooms.removeAll(room) > 0) {
        m_store->removeRoom(room);
        m_session->unsubscribe({ m_topics.roomMessagesFilter(room), m_topics.typingFilter(room),
                m_topics.roomMembersFilter(room) });
        publishMembership(room, false);
    }
}

QString ChatClient::send(const QString &room, const QString &text, const QString &replyTo)
{
    if (!ChatTopics::isValidName(room)) {
        m_error = tr("\"%1\" cannot be a room name: %2").arg(room, ChatTopics::nameRule());
        return QString();
    }
    if (text.size() > ChatMessage::kMaxTextChars) {
        m_error = tr("the message is longer than %1 characters").arg(ChatMessage::kMaxTextChars);
        return QString();
    }
    if (!replyTo.isEmpty() && !ChatMessage::isValidId(replyTo)) {
        m_error = tr("\"%1\" is not a message id").arg(replyTo);
        return QString();
    }
    return sendChange({ ChatMessage::newId(), room, m_config.user,
            QDateTime::currentMSecsSinceEpoch(), text, replyTo });
}

std::optional<StoredMessage> ChatClient::message(const QString &messageId) const
{
    if (!m_store || !m_store->isOpen())
        return std::nullopt;
    // From the store: what was sent or edited in this event-loop pass is
    // there after the next flush().
    return m_store->message(messageId);
}

QString ChatClient::edit(const QString &messageId, const QString &text)
{
    if (text.size() > ChatMessage::kMaxTextChars) {
        m_error = tr("the message is longer than %1 characters").arg(ChatMessage::kMaxTextChars);
        return QString();
    }
    if (text.trimmed().isEmpty()) {
        m_error = tr("an edit cannot leave the message empty: delete it instead");
        return QString();
    }
    flush(); // a message sent in this pass is in the store from here on
    const std::optional<StoredMessage> target = message(messageId);
    if (!target || !target->own || target->message.from != m_config.user || target->deleted) {
        m_error = tr("only your own messages can be edited or deleted");
        return QString();
    }
    return sendChange(ChatMessage::edit(target->message, text));
}

QString ChatClient::remove(const QString &messageId)
{
    flush();
    const std::optional<StoredMessage> target = message(messageId);
    if (!target || !target->own || target->message.from != m_config.user || target->deleted) {
        m_error = tr("only your own messages can be edited or deleted");
        return QString();
    }
    return sendChange(ChatMessage::deletion(target->message));
}

QString ChatClient::sendChange(const ChatMessage &message)
{
    const QString &room = message.room;
    ToSend toSend;
    toSend.payload = message.toJson();
    toSend.topic = m_topics.roomMessages(room, m_config.user);
    toSend.qos = m_config.qos;
    // QoS 1: in the outbox (Sending) until the broker acknowledges it.
    toSend.stored = { message, true,
        toSend.qos > 0 ? ChatStore::Delivery::Sending : ChatStore::Delivery::Sent };
    m_toPersist.append(std::move(toSend));
    scheduleFlush();
    return message.id;
}

void ChatClient::scheduleFlush()
{
    // New messages wait for the disk before the wire, and received ones go
    // to disk on the next pass too, before the broker hears they arrived.
    // Outbox cleanup may lag a few milliseconds: at worst a message is sent
    // again after a crash and dropped as a duplicate; fewer, larger
    // transactions keep the store off the hot path.
    const int interval
            = m_toPersist.isEmpty() && m_receivedToStore.isEmpty() && m_pendingAcks.isEmpty()
            ? kLazyFlushMs
            : 0;
    if (!m_flushTimer.isActive() || m_flushTimer.remainingTime() > interval)
        m_flushTimer.start(interval);
}

// Group commit: everything that happened in one event-loop pass goes to the
// store in one transaction; only then are the new messages handed to the
// session, so nothing is on the wire that is not on disk.
void ChatClient::flush()
{
    if (!m_store || !m_store->isOpen())
        return;
    auto toPersist = std::exchange(m_toPersist, {});
    auto received = std::exchange(m_receivedToStore, {});
    auto acknowledged = std::exchange(m_acknowledgedToStore, {});
    auto refused = std::exchange(m_refusedToStore, {});
    // Received messages are acknowledged to the broker once this commit is
    // done (and whoever shows them had the chance to, see aboutToAcknowledge).
    const auto acknowledgeReceived = qScopeGuard([this] {
        if (m_pendingAcks.isEmpty())
            return;
        Q_EMIT aboutToAcknowledge();
        for (const auto &[packetId, connection] : std::exchange(m_pendingAcks, {}))
            m_session->acknowledge(packetId, connection);
    });
    if (toPersist.isEmpty() && received.isEmpty() && acknowledged.isEmpty() && refused.isEmpty())
        return;
    m_rowsSinceCheckpoint += toPersist.size() + received.size() + acknowledged.size();
    m_searchIndexTimer.start(kSearchIndexQuietMs);
    m_checkpointTimer.start(m_rowsSinceCheckpoint >= kCheckpointRows ? 0 : kCheckpointQuietMs);
    QList<MessageChange> changes; // by edits and deletions, shown after the commit
    const bool stored = m_store->transaction([&] {
        changes.clear(); // (a failed attempt changed nothing)
        for (ToSend &send : toPersist) {
            if (!m_store->addMessage(send.stored, nullptr, &send.stored.rowId, &changes))
                return false;
        }
        for (Received &r : received) {
            if (!m_store->addMessage({ r.message, false, ChatStore::Delivery::Received },
                        &r.inserted, nullptr, &changes))
                return false;
        }
        // Leaving Sending is leaving the outbox.
        for (const Outgoing &done : acknowledged) {
            if (done.rowId > 0 && !m_store->setDeliveryOfRow(done.rowId, ChatStore::Delivery::Sent))
                return false;
        }
        for (const Outgoing &done : refused) {
            if (done.rowId > 0
                    && !m_store->setDeliveryOfRow(done.rowId, ChatStore::Delivery::Failed))
                return false;
        }
        return true;
    });
    QString reason;
    if (!stored) {
        // Keep chatting from memory: the messages still go out while the
        // server is up, but they are not safe against a crash, and whoever
        // sent them is told so, message by message.
        reason = m_store->errorString();
        qCWarning(lcChat).noquote() << "could not write to the store:" << reason;
        Q_EMIT storeError(reason);
        // Received history and outbox cleanup are tried again with the next
        // write (bounded, so a disk that stays full does not eat memory).
        // Shown now from memory, stored later; the store cannot say which
        // are repeats meanwhile, but it can still be read.
        for (Received &r : received) {
            if (!r.shown && m_shownUnstored.insert(r.message.id)
                    && !m_store->hasMessage(r.message.id))
                Q_EMIT messageReceived(r.message);
            r.shown = true;
        }
        if (m_receivedToStore.size() + received.size() <= 10'000)
            m_receivedToStore = received + m_receivedToStore;
        if (m_acknowledgedToStore.size() + acknowledged.size() <= 100'000)
            m_acknowledgedToStore = acknowledged + m_acknowledgedToStore;
        m_refusedToStore = refused + m_refusedToStore;
        for (ToSend &send : toPersist)
            send.stored.rowId = 0;
    } else {
        // New to the store means new to the user: redeliveries and repeats
        // were not inserted.
        // An edit or deletion shows as a change of the message it names,
        // never as a message of its own.
        for (const Received &r : received) {
            if (r.inserted && !r.shown && r.message.kind == ChatMessage::Kind::Message)
                Q_EMIT messageReceived(r.message);
        }
        for (const MessageChange &change : std::as_const(changes))
            Q_EMIT messageChanged(change);
    }
    for (ToSend &send : toPersist) {
        const ChatMessage &message = send.stored.message;
        const qint64 rowId = send.stored.rowId;
        quint64 ref = rowId > 0 ? quint64(rowId) : m_nextEphemeralRef++;
        if (send.qos > 0)
            m_outgoing.insert(ref, { message.id, message.room, rowId });
        if (stored)
            Q_EMIT messageQueued(message.id, message.room);
        else
            Q_EMIT messageNotStored(message.id, message.room, reason);
        m_session->publish({ ref, send.topic, std::move(send.payload), send.qos, false });
    }
}

int ChatClient::outboxCount() const
{
    int count = 0;
    for (const ToSend &send : m_toPersist) // they go to the outbox with the next write
        count += send.qos > 0 ? 1 : 0;
    for (const Outgoing &outgoing : m_outgoing)
        count += outgoing.rowId > 0 ? 1 : 0;
    return count;
}

int ChatClient::unstoredCount() const
{
    int count = 0;
    for (const Outgoing &outgoing : m_outgoing)
        count += outgoing.rowId > 0 ? 0 : 1;
    return count;
}

void ChatClient::onSessionState(MqttSession::State state, const QString &reason)
{
    if (state == MqttSession::State::Stopping)
        return; // still connected until the link has closed
    if (state == MqttSession::State::Disconnected && !m_shuttingDown
            && m_session->lastLinkError() == ByteLink::Error::Untrusted) {
        // Trying again would meet the same certificate: stop until the
        // user changes something (connectAgain()).
        qCWarning(lcChat).noquote() << "certificate refused:" << reason;
        m_session->stop();
        m_certificateRefused = true;
        Q_EMIT certificateRefused(reason);
        return;
    }
    if (state == MqttSession::State::Connected) {
        m_wasConnected = true;
    } else if (state == MqttSession::State::Disconnected && m_wasConnected) {
        // The address in use failed: the next race starts with the next one.
        m_wasConnected = false;
        if (m_servers.size() > 1 && m_servers.removeOne(m_config.server)) {
            m_servers.append(m_config.server);
            qCInfo(lcChat).noquote()
                    << "next, trying" << m_servers.first().toDisplayString() << "first";
        }
    }
    ConnectionState mapped = ConnectionState::Disconnected;
    if (state == MqttSession::State::Connecting)
        mapped = ConnectionState::Connecting;
    else if (state == MqttSession::State::Connected)
        mapped = ConnectionState::Connected;
    if (mapped == m_connectionState && mapped != ConnectionState::Disconnected)
        return;
    m_connectionState = mapped;
    Q_EMIT connectionChanged(mapped, reason);
    if (state == MqttSession::State::Stopped && m_shuttingDown)
        emitFinished();
}

void ChatClient::onSessionConnected(bool sessionPresent)
{
    // (Presence of a resumed session: the session subscribes again after
    // every CONNACK, which makes the broker send the retained presence.)
    // The broker keeps a session once it has seen us; "no session" after
    // that means it forgot (restarted without persistence, expired it).
    const QString knownKey = u"session.known."_s + m_clientId;
    if (!sessionPresent && m_store->value(knownKey) == u"1"_s) {
        const QString reason = tr("the server had forgotten this session: messages sent to you "
                                  "while you were away may be missing");
        qCWarning(lcChat).noquote() << reason;
        Q_EMIT sessionLost(reason);
    } else if (!sessionPresent) {
        m_store->setValue(knownKey, u"1"_s);
    }
    // A server that took 3.1.1 only is asked with it from the start next
    // time (for a week); one that took 5.0 is forgotten.
    const QString key = versionKey(m_config.server);
    if (m_session->protocolVersion() == mqtt::ProtocolVersion::V5)
        m_store->setValue(key, QString());
    else if (m_config.mqttVersion == MqttVersion::Auto) {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const qint64 since = m_store->value(key).section(u' ', 1).toLongLong();
        if (since <= 0 || now - since >= kRememberV311Seconds)
            m_store->setValue(key, u"3.1.1 "_s + QString::number(now));
    }
    noteTransport();
    if (!m_shuttingDown) {
        publishPresence(true);
        for (const QString &room : std::as_const(m_rooms))
            publishMembership(room, true);
    }
}

void ChatClient::publishPresence(bool online)
{
    const quint64 ref = m_nextEphemeralRef++;
    if (!online)
        m_offlineRef = ref;
    m_session->publish({ ref, m_topics.presence(m_config.user),
            online ? QByteArray("online") : QByteArray("offline"), 1, true });
}

void ChatClient::onPublishReceived(const mqtt::Publish &publish)
{
    // Acknowledged after the next store commit, whatever happens to it
    // below: kept, dropped or a redelivery. Until then the broker still
    // holds it for us.
    if (publish.qos == 1) {
        m_pendingAcks.append({ publish.packetId, m_session->connectionNumber() });
        scheduleFlush();
    }
    const auto parsed = m_topics.parse(publish.topic);
    if (!parsed) {
        reportDropped(publish.topic, tr("not a Longlink topic"), quint64(publish.payload.size()));
        return;
    }
    if (parsed->kind == ChatTopics::Parsed::Kind::Presence) {
        if (publish.payload != "online" && publish.payload != "offline") {
            reportDropped(publish.topic, tr("presence is neither \"online\" nor \"offline\""),
                    quint64(publish.payload.size()));
            return;
        }
        const bool online = publish.payload == "online";
        const auto known = m_presence.constFind(parsed->user);
        if (known == m_presence.cend() || known.value() != online) {
            m_presence.insert(parsed->user, online);
            Q_EMIT presenceChanged(parsed->user, online);
        }
        return;
    }
    if (parsed->kind == ChatTopics::Parsed::Kind::Member) {
        if (parsed->user == m_config.user || !m_rooms.contains(parsed->room))
            return;
        if (!publish.payload.isEmpty() && publish.payload != "joined") {
            reportDropped(publish.topic, tr("a membership is neither \"joined\" nor empty"),
                    quint64(publish.payload.size()));
            return;
        }
        Q_EMIT memberChanged(parsed->room, parsed->user, !publish.payload.isEmpty());
        return;
    }
    if (parsed->kind == ChatTopics::Parsed::Kind::Typing) {
        if (parsed->user == m_config.user || !m_rooms.contains(parsed->room))
            return; // our own (3.1.1 echoes it), or a room just left
        if (publish.payload != "typing" && publish.payload != "stopped") {
            reportDropped(publish.topic,
                    tr("a typing notice is neither \"typing\" nor \"stopped\""),
                    quint64(publish.payload.size()));
            return;
        }
        Q_EMIT typingChanged(parsed->room, parsed->user, publish.payload == "typing");
        return;
    }
    if (parsed->kind != ChatTopics::Parsed::Kind::Message)
        return;
    // Ours: with 3.1.1 every message we send comes back (5.0's no-local
    // spares us), half of what a busy sender receives, and a message from
    // an earlier run is already in the store. Only we may publish under our
    // name (the topic is what the broker's ACL vouches for), so the topic
    // says it is ours before the JSON is read.
    if (parsed->user == m_config.user)
        return;
    QString error;
    std::optional<ChatMessage> message = ChatMessage::fromJson(publish.payload, &error);
    if (!message) {
        reportDropped(publish.topic, tr("invalid message: %1").arg(error),
                quint64(publish.payload.size()));
        return;
    }
    // The topic is what the broker's ACL vouches for; the payload is not.
    if (message->from != parsed->user || message->room != parsed->room) {
        reportDropped(publish.topic,
                tr("it claims to be from %1 in %2").arg(message->from, message->room),
                quint64(publish.payload.size()));
        return;
    }
    // Shown once the store has it (on the next pass, with its PUBACK).
    m_receivedToStore.append({ std::move(*message), false, false });
    scheduleFlush();
}

void ChatClient::reportDropped(const QString &topic, const QString &reason, quint64 bytes)
{
    qCWarning(lcChat).noquote() << "dropped a message of" << bytes << "bytes on" << topic << "-"
                                << reason;
    const auto parsed = m_topics.parse(topic);
    Q_EMIT messageDropped(
            parsed ? parsed->room : QString(), parsed ? parsed->user : QString(), reason, bytes);
}

void ChatClient::settle(quint64 ref, const std::optional<QString> &refusal)
{
    if (const QString room = m_membershipRefs.take(ref); !room.isNull()) {
        if (refusal) {
            qCWarning(lcChat).noquote()
                    << "the server does not let us say we are in" << room << "(" << *refusal
                    << "); others see us there only when we write. Its ACL needs"
                    << m_topics.roomMember(room, m_config.user);
            m_store->setValue(u"membership.refused."_s + room, u"1"_s);
        }
        return;
    }
    if (ref == m_offlineRef && m_shuttingDown) {
        checkShutdownDone();
        return;
    }
    const auto it = m_outgoing.constFind(ref);
    if (it == m_outgoing.cend())
        return;
    const Outgoing done = it.value();
    m_outgoing.erase(it);
    (refusal ? m_refusedToStore : m_acknowledgedToStore).append(done);
    scheduleFlush();
    if (refusal) {
        qCWarning(lcChat).noquote()
                << "message" << done.messageId << "in" << done.room << "was refused:" << *refusal;
        Q_EMIT messageRefused(done.messageId, done.room, *refusal);
    } else {
        Q_EMIT messageSent(done.messageId, done.room);
    }
    if (m_shuttingDown)
        checkShutdownDone();
}

QString ChatClient::versionKey(const QUrl &server)
{
    return u"mqtt.version."_s + server.host().toLower() + u':' + QString::number(server.port());
}

QString ChatClient::protocolVersion() const
{
    if (!m_session || m_session->connectionNumber() == 0)
        return QString();
    return MqttSession::versionName(m_session->protocolVersion());
}

MqttSession::Grant ChatClient::serverGrant() const
{
    return m_session ? m_session->grant() : MqttSession::Grant();
}

std::optional<ChatClient::MqttVersion> ChatClient::parseMqttVersion(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"auto"_s)
        return MqttVersion::Auto;
    if (t == u"5"_s || t == u"5.0"_s)
        return MqttVersion::V5;
    if (t == u"3.1.1"_s || t == u"3"_s || t == u"4"_s)
        return MqttVersion::V311;
    return std::nullopt;
}

void ChatClient::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    if (m_hotSwap)
        m_hotSwap->abandonProbation();
    flush();
    if (m_session->state() != MqttSession::State::Connected) {
        m_session->stop();
        emitFinished();
        return;
    }
    publishPresence(false);
}

void ChatClient::checkShutdownDone()
{
    if (!m_shuttingDown || m_session->pendingCount() > 0)
        return;
    flush();
    m_session->stop();
    if (m_session->state() == MqttSession::State::Stopped)
        emitFinished();
}

void ChatClient::emitFinished()
{
    if (!m_finishedEmitted) {
        m_finishedEmitted = true;
        Q_EMIT finished();
    }
}

} // namespace longlink
