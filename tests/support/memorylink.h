#pragma once

#include "bytelink.h"

#include <QtCore/QPointer>

namespace longlink::test {

class MemoryPeer;

// A ByteLink that carries bytes in memory to a MemoryPeer: the session's
// unit tests run against it with no plugin, no socket. Like a transport,
// it never emits from inside a call: every event comes from the event loop.
class MemoryLink : public ByteLink
{
    Q_OBJECT

public:
    MemoryLink(MemoryPeer *peer, QObject *parent = nullptr);
    ~MemoryLink() override;

    void open(const QUrl &endpoint, const QVariantMap &options) override;
    bool write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override { return 0; }
    void close() override;
    void abort() override;
    // Handover format "memory/1": the peer's connection moves to the adopter.
    bool release(QVariantMap &state) override;
    bool adopt(const QVariantMap &state) override;
    QString description() const override { return QStringLiteral("memory"); }

    bool isOpen() const { return m_open; }
    QUrl endpoint() const { return m_endpoint; }

private:
    friend class MemoryPeer;
    void deliver(const QByteArray &bytes);
    void finish(ByteLink::Error error, const QString &reason);

    QPointer<MemoryPeer> m_peer;
    QUrl m_endpoint;
    bool m_open = false;
    bool m_finished = false;
};

// The far end of MemoryLinks: a scripted server. One connection is current
// at a time (the newest opened); a test writes to it and reads what it got.
class MemoryPeer : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // A new, unopened link to this peer (what a session's factory returns).
    MemoryLink *createLink(QObject *parent = nullptr);

    // Refuse new connections (ConnectionRefused) instead of accepting them.
    void setRefusing(bool refusing) { m_refusing = refusing; }
    // Connections accepted so far (a handover is not a new connection).
    int connections() const { return m_connections; }
    bool isConnected() const { return m_current && m_current->isOpen(); }
    MemoryLink *current() const { return m_current; }

    // Bytes to the current connection, delivered from the event loop.
    void send(const QByteArray &bytes);
    // The server closes the current connection.
    void closeConnection(ByteLink::Error error = ByteLink::Error::RemoteClosed);

Q_SIGNALS:
    void accepted(longlink::test::MemoryLink *link);
    // Bytes the client wrote on `link`.
    void received(longlink::test::MemoryLink *link, const QByteArray &bytes);
    void disconnected(longlink::test::MemoryLink *link);

private:
    friend class MemoryLink;
    void accept(MemoryLink *link);

    QPointer<MemoryLink> m_current;
    bool m_refusing = false;
    int m_connections = 0;
};

} // namespace longlink::test
