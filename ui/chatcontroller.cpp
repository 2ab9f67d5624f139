#include "chatcontroller.h"

#include "chattopics.h"
#include "mentions.h"
#include "transportpluginmodel.h"

#include <QtCore/QDateTime>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
constexpr size_t kRecentPerRoom = 64;
constexpr size_t kRecentlySentKept = 4096;
constexpr int kStuckCheckMs = 1000;
constexpr int kMarkReadDelayMs = 1000;
// No key for this long: the person stopped typing.
constexpr int kTypingPauseMs = 5000;
} // namespace

ChatController::ChatController(ChatClient *client, Settings *settings, QObject *parent)
    : QObject(parent), m_client(client), m_settings(settings), m_rooms(new RoomListModel(this)),
      m_messages(new MessageModel(this)), m_members(new MemberListModel(this)),
      m_log(new TransportEventLog(this))
{
    m_members->setSelf(client->config().user);
    m_messages->setSelf(client->config().user);
    m_rooms->setRooms(client->rooms());
    m_rooms->setSortByActivity(settings->roomsByActivity());
    for (const QString &room : m_rooms->rooms()) {
        m_rooms->setMuted(room, settings->isMuted(room));
        m_rooms->setUnread(room, client->history()->unread(room).count);
        const QList<StoredMessage> last = client->history()->page(room, 1);
        if (!last.isEmpty())
            m_rooms->noteActivity(room, last.first().message.ts, previewOf(last.first()));
    }
    m_markReadTimer.setSingleShot(true);
    m_markReadTimer.setInterval(kMarkReadDelayMs);
    connect(&m_markReadTimer, &QTimer::timeout, this, [this] {
        if (!m_currentRoom.isEmpty())
            m_client->markRead(m_currentRoom);
    });

    connect(client, &ChatClient::messageReceived, this, &ChatController::onMessageReceived);
    connect(client, &ChatClient::messageSent, this, &ChatController::onMessageSent);
    connect(client, &ChatClient::messageChanged, this, &ChatController::onMessageChanged);
    connect(client, &ChatClient::messageQueued, this,
            [this](const QString &id) { onMessageKept(id, StoredMessage::Delivery::Queued); });
    connect(client, &ChatClient::messageNotStored, this,
            [this](const QString &id) { onMessageKept(id, StoredMessage::Delivery::NotStored); });
    connect(client, &ChatClient::messageRefused, this,
            [this](const QString &id, const QString &, const QString &reason) {
                m_sending.remove(id);
                m_failed.insert(id);
                m_messages->setDelivery(id, StoredMessage::Delivery::Failed);
                updateRecentDelivery(id, StoredMessage::Delivery::Failed);
                Q_EMIT sendFailed(tr("The server refused a message: %1").arg(reason));
            });
    connect(client, &ChatClient::roomRefused, this,
            [this](const QString &room, const QString &reason) {
                Q_EMIT sendFailed(tr("The server did not let you into %1: %2").arg(room, reason));
            });
    connect(client, &ChatClient::presenceChanged, this, &ChatController::onPresence);
    connect(client, &ChatClient::typingChanged, this, &ChatController::onTyping);
    connect(client, &ChatClient::memberChanged, this, &ChatController::onMember);
    m_typingExpiry.setInterval(500);
    connect(&m_typingExpiry, &QTimer::timeout, this, &ChatController::expireTyping);
    m_typingPause.setSingleShot(true);
    m_typingPause.setInterval(kTypingPauseMs);
    connect(&m_typingPause, &QTimer::timeout, this, &ChatController::stopTyping);
    connect(client, &ChatClient::transportEvent, m_log, &TransportEventLog::add);
    connect(client, &ChatClient::transportSwapped, this,
            [this](const QString &name, const QString &from, const QString &to, qint64 ms,
                    int affected) {
                m_log->addNote(tr("swapped"), name,
                        tr("%1 → %2 in %3 ms, %n message(s) affected", nullptr, affected)
                                .arg(from, to)
                                .arg(ms));
            });
    // Choices made by hand, and given back (by a person, or by the client
    // when the chosen plugin was refused).
    connect(client, &ChatClient::transportPinChanged, this, [this](const QString &pin) {
        if (pin.isEmpty())
            m_log->addNote(tr("newest"), QString(), tr("the newest usable plugin is used"));
        else
            m_log->addNote(tr("chosen"), TransportPluginModel::pinText(pin), tr("chosen by hand"));
    });
    connect(client, &ChatClient::connectionChanged, this,
            [this](ChatClient::ConnectionState state, const QString &) {
                if (state != ChatClient::ConnectionState::Connected)
                    return;
                // The clock for "failed" starts again with each connection:
                // waiting while offline is not failing.
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                for (auto it = m_sending.begin(); it != m_sending.end(); ++it)
                    it.value() = std::max(it.value(), now);
            });
    connect(client, &ChatClient::storeError, this, [this](const QString &reason) {
        Q_EMIT sendFailed(tr("Messages could not be saved: %1").arg(reason));
    });
    connect(settings, &Settings::mutedChanged, m_rooms, &RoomListModel::setMuted);
    connect(m_messages, &MessageModel::olderFetched, this, [this] {
        applyKnownDeliveries();
        collectMembers();
    });

    m_stuckTimer.setInterval(kStuckCheckMs);
    connect(&m_stuckTimer, &QTimer::timeout, this, &ChatController::checkStuckMessages);
    m_stuckTimer.start();
}

ChatController::~ChatController()
{
    if (m_markReadTimer.isActive() && !m_currentRoom.isEmpty())
        m_client->markRead(m_currentRoom);
}

void ChatController::markCurrentRead()
{
    if (m_currentRoom.isEmpty())
        return;
    m_rooms->markRead(m_currentRoom);
    m_markReadTimer.stop();
    m_client->markRead(m_currentRoom);
}

void ChatController::setCurrentRoom(const QString &room)
{
    if (room == m_currentRoom && m_messages->room() == room)
        return;
    if (m_markReadTimer.isActive() && !m_currentRoom.isEmpty())
        m_client->markRead(m_currentRoom); // what was seen there stays read
    m_markReadTimer.stop();
    stopTyping(); // what is typed elsewhere is a draft
    m_currentRoom = room;
    QList<StoredMessage> recent;
    const auto found = m_recent.constFind(room);
    if (found != m_recent.cend())
        recent = QList<StoredMessage>(found->cbegin(), found->cend());
    const UnreadMessages unread
            = room.isEmpty() ? UnreadMessages() : m_client->history()->unread(room);
    m_messages->setRoom(m_client->history(), room, recent);
    m_messages->setUnreadMarker(unread.firstId);
    m_unreadMarkerRowId = unread.firstRowId;
    m_unreadAtOpen = unread.count;
    applyKnownDeliveries();
    collectMembers();
    if (m_windowActive)
        markCurrentRead();
    if (!room.isEmpty())
        m_settings->setLastRoom(room);
    Q_EMIT currentRoomChanged(room);
    Q_EMIT typingChanged();
}

void ChatController::setWindowActive(bool active)
{
    m_windowActive = active;
    if (active)
        markCurrentRead();
}

QString ChatController::send(const QString &text, QString *error, const QString &replyTo)
{
    if (m_currentRoom.isEmpty()) {
        if (error)
            *error = tr("Join a room first.");
        return QString();
    }
    const QString id = m_client->send(m_currentRoom, text, replyTo);
    if (id.isEmpty()) {
        if (error)
            *error = m_client->errorString();
        return QString();
    }
    StoredMessage stored;
    stored.message = { id, m_currentRoom, m_client->config().user,
        QDateTime::currentMSecsSinceEpoch(), text, replyTo };
    stored.own = true;
    if (!replyTo.isEmpty())
        stored.quoted = quoteOf(replyTo);
    // QoS 0 has no acknowledgement to wait for: it is as sent as it gets.
    stored.delivery = m_client->config().qos > 0 ? StoredMessage::Delivery::Sending
                                                 : StoredMessage::Delivery::Sent;
    if (const auto early = m_earlyDelivery.constFind(id); early != m_earlyDelivery.cend()) {
        stored.delivery = *early; // the client was quicker than us
        m_earlyDelivery.erase(early);
    }
    if (stored.delivery != StoredMessage::Delivery::Sent)
        m_sending.insert(id, stored.message.ts);
    remember(stored);
    m_messages->append(stored);
    m_rooms->noteActivity(m_currentRoom, QDateTime::currentMSecsSinceEpoch(), previewOf(stored));
    stopTyping();
    // Who writes has read what came before.
    m_messages->setUnreadMarker(QString());
    m_unreadMarkerRowId = 0;
    m_rooms->markRead(m_currentRoom);
    m_markReadTimer.start();
    return id;
}

bool ChatController::edit(const QString &messageId, const QString &text, QString *error)
{
    return noteChangeSent(m_client->edit(messageId, text), error);
}

bool ChatController::remove(const QString &messageId, QString *error)
{
    return noteChangeSent(m_client->remove(messageId), error);
}

bool ChatController::noteChangeSent(const QString &changeId, QString *error)
{
    if (changeId.isEmpty()) {
        if (error)
            *error = m_client->errorString();
        return false;
    }
    if (m_changesSent.size() >= 4096)
        m_changesSent.clear(); // at QoS 0 nothing acknowledges them
    m_changesSent.insert(changeId);
    return true;
}

QString ChatController::lastEditableMessage() const
{
    for (int row = m_messages->rowCount() - 1; row >= 0; --row) {
        const StoredMessage &stored = m_messages->at(row);
        if (stored.own && !stored.deleted)
            return stored.message.id;
    }
    return QString();
}

StoredMessage::Quote ChatController::quoteOf(const QString &replyTo) const
{
    if (const int row = m_messages->rowOf(replyTo); row >= 0) {
        const StoredMessage &quoted = m_messages->at(row);
        return { quoted.message.from, quoted.message.text, quoted.rowId, quoted.deleted };
    }
    if (const auto stored = m_client->message(replyTo))
        return { stored->message.from, stored->message.text, stored->rowId, stored->deleted };
    return {};
}

void ChatController::onMessageChanged(const longlink::MessageChange &change)
{
    m_messages->applyChange(change);
    // The room list shows the last message: maybe this one.
    const QList<StoredMessage> last = m_client->history()->page(change.room, 1);
    if (!last.isEmpty() && last.first().message.id == change.id) {
        const int row = m_rooms->rowOf(change.room);
        m_rooms->noteActivity(change.room,
                m_rooms->index(row).data(RoomListModel::LastActivityRole).toLongLong(),
                previewOf(last.first()));
    }
    for (StoredMessage &recent : m_recent[change.room]) {
        if (recent.message.id == change.id) {
            recent.message.text = change.text;
            recent.editedTs = change.editedTs;
            recent.deleted = change.deleted;
        } else if (recent.message.replyTo == change.id) {
            recent.quoted.text = change.text;
            recent.quoted.deleted = change.deleted;
        }
    }
}

bool ChatController::join(const QString &room, QString *error)
{
    if (!m_client->join(room)) {
        if (error)
            *error = m_client->errorString();
        return false;
    }
    m_rooms->addRoom(room);
    m_rooms->setMuted(room, m_settings->isMuted(room));
    return true;
}

void ChatController::leave(const QString &room)
{
    const int row = m_rooms->rowOf(room);
    m_client->leave(room);
    m_rooms->removeRoom(room);
    m_recent.remove(room);
    if (room == m_currentRoom) {
        const QStringList left = m_rooms->rooms();
        setCurrentRoom(
                left.isEmpty() ? QString() : left.value(std::min(row, int(left.size()) - 1)));
    }
}

void ChatController::setMuted(const QString &room, bool muted)
{
    m_settings->setMuted(room, muted); // mutedChanged updates the room list
}

void ChatController::retry(const QString &messageId)
{
    // The outbox resends every unacknowledged message after a reconnect (with
    // DUP); there is no per-message resend, so a retry is a reconnect now.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = m_sending.begin(); it != m_sending.end(); ++it)
        it.value() = now;
    for (const QString &id : std::as_const(m_failed)) {
        m_sending.insert(id, now);
        const auto waiting = m_notStored.contains(id) ? StoredMessage::Delivery::NotStored
                                                      : StoredMessage::Delivery::Queued;
        m_messages->setDelivery(id, waiting);
        updateRecentDelivery(id, waiting);
    }
    m_failed.clear();
    m_client->reconnectNow(
            messageId.isEmpty() ? tr("asked to retry now") : tr("asked to retry a message"));
}

void ChatController::remember(const StoredMessage &message)
{
    auto &recent = m_recent[message.message.room];
    recent.push_back(message);
    if (recent.size() > kRecentPerRoom)
        recent.pop_front();
}

void ChatController::updateRecentDelivery(const QString &id, StoredMessage::Delivery delivery)
{
    for (auto &recent : m_recent) {
        for (auto it = recent.rbegin(); it != recent.rend(); ++it) {
            if (it->message.id == id) {
                it->delivery = delivery;
                return;
            }
        }
    }
}

void ChatController::onMessageReceived(const longlink::ChatMessage &message)
{
    onTyping(message.room, message.from, false); // they sent what they typed
    StoredMessage stored { message, false, StoredMessage::Delivery::Received, 0 };
    if (!message.replyTo.isEmpty())
        stored.quoted = quoteOf(message.replyTo);
    remember(stored);
    const bool current = message.room == m_currentRoom;
    if (current) {
        m_messages->append(stored);
        if (!m_roomLeavers.value(message.room).contains(message.from))
            m_members->addMember(message.from);
        if (m_windowActive)
            m_markReadTimer.start();
        else if (m_messages->unreadMarker().isEmpty()) {
            m_messages->setUnreadMarker(message.id); // arrived while away
            m_unreadMarkerRowId = 0;
        }
    }
    // Ordered by when it came here: a sender's clock may be off.
    m_rooms->noteActivity(message.room, QDateTime::currentMSecsSinceEpoch(), previewOf(stored));
    if (!current || !m_windowActive)
        m_rooms->addUnread(message.room, previewOf(stored));
    // A muted room stays quiet, except for a message that names you.
    const bool heard = !m_settings->isMuted(message.room)
            || (m_settings->mentionsInMutedRooms()
                    && Mentions::mentions(message.text, m_client->config().user));
    if (!m_windowActive && heard && m_settings->notificationsEnabled())
        Q_EMIT notificationWanted(message.room, message.from, message.text);
}

void ChatController::onMessageKept(const QString &id, StoredMessage::Delivery delivery)
{
    if (delivery == StoredMessage::Delivery::NotStored)
        m_notStored.insert(id);
    if (m_failed.contains(id))
        return; // failing to go out is what the user must see first
    const int row = m_messages->rowOf(id);
    if (row < 0 && m_changesSent.contains(id))
        return; // an edit: shown as the message it changes
    if (row < 0) {
        m_earlyDelivery.insert(id, delivery);
        return;
    }
    if (m_messages->at(row).delivery != StoredMessage::Delivery::Sending)
        return; // acknowledged already
    m_messages->setDelivery(id, delivery);
    updateRecentDelivery(id, delivery);
}

void ChatController::onMessageSent(const QString &id, const QString &)
{
    if (m_changesSent.remove(id))
        return;
    m_sending.remove(id);
    m_failed.remove(id);
    m_notStored.remove(id);
    m_earlyDelivery.remove(id);
    if (!m_recentlySent.contains(id)) {
        m_recentlySent.insert(id);
        m_recentlySentOrder.push_back(id);
        if (m_recentlySentOrder.size() > kRecentlySentKept) {
            m_recentlySent.remove(m_recentlySentOrder.front());
            m_recentlySentOrder.pop_front();
        }
    }
    updateRecentDelivery(id, StoredMessage::Delivery::Sent);
    m_messages->setDelivery(id, StoredMessage::Delivery::Sent);
}

QString ChatController::previewOf(const StoredMessage &message)
{
    const QString text = message.deleted ? tr("deleted a message")
                                         : message.message.text.simplified().left(200);
    return message.own ? tr("You: %1").arg(text) : tr("%1: %2").arg(message.message.from, text);
}

QStringList ChatController::typingInCurrentRoom() const
{
    QStringList users;
    for (const auto &[user, until] : m_typing.value(m_currentRoom))
        users.append(user);
    return users;
}

void ChatController::onTyping(const QString &room, const QString &user, bool typing)
{
    auto &typists = m_typing[room];
    const auto found = std::find_if(
            typists.begin(), typists.end(), [&](const auto &entry) { return entry.first == user; });
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + m_typingExpiryMs;
    if (typing && found != typists.end()) {
        found->second = until;
        return; // still typing: nothing to show anew
    }
    if (typing)
        typists.append({ user, until });
    else if (found != typists.end())
        typists.erase(found);
    else
        return;
    if (typists.isEmpty())
        m_typing.remove(room);
    if (!m_typing.isEmpty())
        m_typingExpiry.start();
    if (room == m_currentRoom)
        Q_EMIT typingChanged();
}

void ChatController::expireTyping()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool currentChanged = false;
    for (auto room = m_typing.begin(); room != m_typing.end();) {
        const auto lapsed = std::remove_if(room->begin(), room->end(),
                [now](const auto &entry) { return entry.second <= now; });
        if (lapsed != room->end()) {
            room->erase(lapsed, room->end());
            currentChanged |= room.key() == m_currentRoom;
        }
        room = room->isEmpty() ? m_typing.erase(room) : std::next(room);
    }
    if (m_typing.isEmpty())
        m_typingExpiry.stop();
    if (currentChanged)
        Q_EMIT typingChanged();
}

void ChatController::noteTyping()
{
    if (m_currentRoom.isEmpty())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_typingRoom != m_currentRoom) {
        stopTyping();
        m_typingRoom = m_currentRoom;
        m_typingToldMs = 0;
    }
    if (now - m_typingToldMs >= ChatClient::kTypingRepeatMs) {
        m_client->setTyping(m_typingRoom, true);
        m_typingToldMs = now;
    }
    m_typingPause.start();
}

void ChatController::stopTyping()
{
    m_typingPause.stop();
    if (m_typingRoom.isEmpty())
        return;
    m_client->setTyping(m_typingRoom, false);
    m_typingRoom.clear();
    m_typingToldMs = 0;
}

void ChatController::onMember(const QString &room, const QString &user, bool member)
{
    if (member) {
        m_roomMembers[room].insert(user);
        m_roomLeavers[room].remove(user);
    } else {
        m_roomMembers[room].remove(user);
        m_roomLeavers[room].insert(user);
    }
    if (room == m_currentRoom)
        collectMembers();
}

void ChatController::onPresence(const QString &user, bool online)
{
    m_members->setOnline(user, online);
}

void ChatController::checkStuckMessages()
{
    if (m_client->connectionState() != ChatClient::ConnectionState::Connected)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = m_sending.begin(); it != m_sending.end();) {
        if (now - it.value() >= m_failAfterMs) {
            m_failed.insert(it.key());
            m_messages->setDelivery(it.key(), StoredMessage::Delivery::Failed);
            updateRecentDelivery(it.key(), StoredMessage::Delivery::Failed);
            it = m_sending.erase(it);
        } else {
            ++it;
        }
    }
}

// What the store says may be older than what the client told us since.
void ChatController::applyKnownDeliveries()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int row = 0; row < m_messages->rowCount(); ++row) {
        const auto &stored = m_messages->at(row);
        if (!stored.own)
            continue;
        const QString &id = stored.message.id;
        if (m_recentlySent.contains(id))
            m_messages->setDelivery(id, StoredMessage::Delivery::Sent);
        else if (m_failed.contains(id))
            m_messages->setDelivery(id, StoredMessage::Delivery::Failed);
        else if (m_notStored.contains(id))
            m_messages->setDelivery(id, StoredMessage::Delivery::NotStored);
        else if (stored.delivery == StoredMessage::Delivery::Sending) {
            // Read from the store, so on disk: waiting for the server.
            m_messages->setDelivery(id, StoredMessage::Delivery::Queued);
            if (!m_sending.contains(id))
                m_sending.insert(id, now); // from the outbox of an earlier run
        }
    }
}

void ChatController::collectMembers()
{
    // Who said they are here (even if they never wrote), and who wrote in
    // what is loaded (everything appended since the room opened is among
    // the rows too), less those who said they left.
    QSet<QString> members = m_roomMembers.value(m_currentRoom);
    for (int row = 0; row < m_messages->rowCount(); ++row)
        members.insert(m_messages->at(row).message.from);
    members.subtract(m_roomLeavers.value(m_currentRoom));
    if (!m_currentRoom.isEmpty())
        members.insert(m_client->config().user);
    m_members->setMembers(members);
}

} // namespace longlink::ui
