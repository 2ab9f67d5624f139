#pragma once

#include "chatclient.h"

#include <QtCore/QList>
#include <QtCore/QStringList>

#include <memory>

namespace longlink::test {

// One chat user inside the test process: a ChatClient with its own data
// folder, recording what it receives and what the broker acknowledged.
class ChatParticipant
{
public:
    ChatParticipant(const QString &user, const QUrl &server, const QString &dataDir,
            quint16 keepAlive = 30);

    ChatClient::Config &config() { return m_config; }
    bool open();
    // Connected, and every subscription acknowledged by the broker.
    bool connected() const;
    // Closes like a person quitting: waits for the goodbye, then drops the client.
    void close();
    QStringList receivedTexts() const;
    QStringList receivedTextsFrom(const QString &user) const;

    std::unique_ptr<ChatClient> client;
    QList<ChatMessage> received;
    QList<MessageChange> changes; // edits and deletions, ours included
    QStringList typing; // "room user typing|stopped", as heard
    QStringList memberships; // "room user joined|left", as heard
    QStringList sent;

private:
    ChatClient::Config m_config;
};

QStringList numberedTexts(const QString &stem, int count);

} // namespace longlink::test
