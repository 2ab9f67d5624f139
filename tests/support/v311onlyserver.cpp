#include "v311onlyserver.h"

#include <QtNetwork/QTcpSocket>

using namespace Qt::StringLiterals;

namespace longlink::test {

V311OnlyServer::V311OnlyServer(const QUrl &broker, Refusal refusal, QObject *parent)
    : QObject(parent), m_broker(broker), m_refusal(refusal)
{
    connect(&m_server, &QTcpServer::newConnection, this, &V311OnlyServer::onConnection);
}

bool V311OnlyServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost);
}

QUrl V311OnlyServer::url() const
{
    return QUrl(u"mqtt://127.0.0.1:%1"_s.arg(m_server.serverPort()));
}

void V311OnlyServer::onConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto *upstream = new QTcpSocket(client);
        auto *buffer = new QByteArray;
        connect(client, &QObject::destroyed, client, [buffer] { delete buffer; });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        connect(upstream, &QTcpSocket::readyRead, client,
                [client, upstream] { client->write(upstream->readAll()); });
        connect(client, &QTcpSocket::readyRead, client, [this, client, upstream, buffer] {
            if (upstream->state() != QAbstractSocket::UnconnectedState) {
                // Decided already: a 3.1.1 client, passed through.
                *buffer += client->readAll();
                if (upstream->state() == QAbstractSocket::ConnectedState)
                    upstream->write(std::exchange(*buffer, {}));
                return;
            }
            *buffer += client->readAll();
            // CONNECT: fixed header (1 byte + remaining length), then the
            // protocol name "MQTT" (2 + 4 bytes), then the level.
            int lengthBytes = 1;
            while (lengthBytes < 5 && buffer->size() > lengthBytes
                    && (quint8(buffer->at(lengthBytes)) & 0x80))
                ++lengthBytes;
            const int levelAt = 1 + lengthBytes + 6;
            if (buffer->size() <= levelAt)
                return;
            if (quint8(buffer->at(levelAt)) == 5) {
                ++m_refusedV5;
                if (m_refusal == Refusal::Connack)
                    client->write(QByteArray::fromHex("20020001"));
                client->disconnectFromHost();
                return;
            }
            ++m_passedV311;
            connect(upstream, &QTcpSocket::connected, client,
                    [upstream, buffer] { upstream->write(std::exchange(*buffer, {})); });
            upstream->connectToHost(m_broker.host(), quint16(m_broker.port()));
        });
    }
}

} // namespace longlink::test
