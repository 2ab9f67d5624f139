#include "chatparticipant.h"

#include <QtTest/QSignalSpy>

using namespace Qt::StringLiterals;

namespace longlink::test {

ChatParticipant::ChatParticipant(
        const QString &user, const QUrl &server, const QString &dataDir, quint16 keepAlive)
{
    m_config.server = server;
    m_config.user = user;
    m_config.rooms = { u"lobby"_s };
    m_config.dataDir = dataDir;
    m_config.keepAliveSeconds = keepAlive;
    m_config.transportFolders = { QStringLiteral(LONGLINK_BUILD_TRANSPORTS) };
}

bool ChatParticipant::open()
{
    client = std::make_unique<ChatClient>();
    QObject::connect(client.get(), &ChatClient::messageReceived,
            [this](const ChatMessage &message) { received.append(message); });
    QObject::connect(
            client.get(), &ChatClient::messageSent, [this](const QString &id) { sent.append(id); });
    QObject::connect(client.get(), &ChatClient::messageChanged,
            [this](const MessageChange &change) { changes.append(change); });
    QObject::connect(client.get(), &ChatClient::memberChanged,
            [this](const QString &room, const QString &user, bool in) {
                memberships.append(u"%1 %2 %3"_s.arg(room, user, in ? u"joined"_s : u"left"_s));
            });
    QObject::connect(client.get(), &ChatClient::typingChanged,
            [this](const QString &room, const QString &user, bool on) {
                typing.append(u"%1 %2 %3"_s.arg(room, user, on ? u"typing"_s : u"stopped"_s));
            });
    if (!client->open(m_config)) {
        qWarning() << client->errorString();
        return false;
    }
    client->start();
    return true;
}

bool ChatParticipant::connected() const
{
    // Connected and subscribed: a first session's SUBSCRIBE follows its
    // CONNACK, and until the SUBACK what others send is not delivered to us.
    return client && client->connectionState() == ChatClient::ConnectionState::Connected
            && !client->session()->hasPendingSubscriptions();
}

void ChatParticipant::close()
{
    QSignalSpy finished(client.get(), &ChatClient::finished);
    client->shutdown();
    if (finished.isEmpty())
        finished.wait(5000);
    client.reset();
}

QStringList ChatParticipant::receivedTexts() const
{
    QStringList texts;
    for (const ChatMessage &message : received)
        texts.append(message.text);
    return texts;
}

QStringList ChatParticipant::receivedTextsFrom(const QString &user) const
{
    QStringList texts;
    for (const ChatMessage &message : received) {
        if (message.from == user)
            texts.append(message.text);
    }
    return texts;
}

QStringList numberedTexts(const QString &stem, int count)
{
    QStringList result;
    for (int i = 0; i < count; ++i)
        result.append(stem + u' ' + QString::number(i));
    return result;
}

} // namespace longlink::test
