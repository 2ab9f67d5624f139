#pragma once

#include <QObject>
#include <QString>
#include <QTcpServer>
#include <QUrl>

#include <memory>
#include <vector>

class QTcpSocket;

namespace longlink::test {

// A TCP proxy on 127.0.0.1 between the client under test and a broker, that
// can turn into a silent peer: setStalled(true) keeps every connection open
// but stops moving bytes either way, which is what a half-open link or a hung
// broker looks like to the client (no RST, no FIN, just nothing). Lives on
// the thread it was created on and needs that thread's event loop running.
class StallProxy : public QObject
{
    Q_OBJECT

public:
    explicit StallProxy(QObject *parent = nullptr);
    ~StallProxy() override;

    // Listens on a free 127.0.0.1 port; each accepted connection gets its own
    // connection to targetHost:targetPort.
    bool listen(const QString &targetHost, quint16 targetPort);
    quint16 port() const;
    QUrl url() const; // mqtt://127.0.0.1:<port>
    QString errorString() const;

    // While stalled nothing is read from any socket (so, once the small read
    // buffers fill up, TCP flow control pushes back on the senders) and nothing
    // is written; closes are not passed on either. New connections are still
    // accepted and connected upstream. Unstalling forwards what was held back.
    void setStalled(bool stalled);
    bool isStalled() const;

    // Aborts both sides of every proxied connection.
    void dropAll();

    int connectionCount() const; // accepted since listen()
    int activeConnectionCount() const; // not yet closed on both sides

private:
    struct Link;

    void acceptPending();
    void pump(const std::shared_ptr<Link> &link);
    void pumpOnce(Link &link);
    void retire(const std::shared_ptr<Link> &link);
    void closeLink(Link &link);

    QTcpServer m_server;
    QString m_targetHost;
    quint16 m_targetPort = 0;
    QString m_errorString;
    bool m_stalled = false;
    int m_accepted = 0;
    std::vector<std::shared_ptr<Link>> m_links;
};

} // namespace longlink::test
