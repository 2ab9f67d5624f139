#pragma once

#include <QtCore/QObject>
#include <QtCore/QUrl>
#include <QtNetwork/QTcpServer>

namespace longlink::test {

// A server in front of a real broker that speaks only MQTT 3.1.1, like
// aedes, RabbitMQ 3.10 or ActiveMQ: a 5.0 CONNECT is refused (CONNACK
// "unacceptable protocol level", or the connection just closed), a 3.1.1
// one is passed through to the broker byte for byte.
class V311OnlyServer : public QObject
{
    Q_OBJECT

public:
    enum class Refusal { Connack, HangUp };

    explicit V311OnlyServer(
            const QUrl &broker, Refusal refusal = Refusal::Connack, QObject *parent = nullptr);

    bool listen(); // on 127.0.0.1, a free port
    QUrl url() const; // mqtt://127.0.0.1:<port>

    int refusedV5() const { return m_refusedV5; }
    int passedV311() const { return m_passedV311; }

private:
    void onConnection();

    QUrl m_broker;
    Refusal m_refusal;
    QTcpServer m_server;
    int m_refusedV5 = 0;
    int m_passedV311 = 0;
};

} // namespace longlink::test
