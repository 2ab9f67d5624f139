#pragma once

#include "checklog.h"
#include "testpeer.h"
#include "transportplugininfo.h"

#include <longlink/transport.h>

#include <QtCore/QObject>

#include <memory>
#include <optional>
#include <vector>

namespace longlink {

class TrialTransport;

// The checks of a loaded plugin's transports against the contract, one
// function each: open, write and close against a local peer of the kind its
// scheme speaks, large and fragmented writes, the peer closing, a refused
// and a timed-out connection, the handover round trip, and the events it
// sends from inside host calls or after the end. Keeps every transport it
// made until destroyTransports(), right before the library is unloaded.
class StreamChecks : public QObject
{
    Q_OBJECT

public:
    StreamChecks(CheckLog &log, const TransportPluginInfo &info, QObject *parent = nullptr);
    ~StreamChecks() override;

    // Listens with the local peer (before the trial takes its baseline).
    bool listen();
    // The "create" check.
    bool create(sdk::TransportFactory *factory);
    void run();
    void destroyTransports();

private:
    TrialTransport *newTransport();
    QVariantMap options(int connectTimeoutMs) const;
    // A new transport opened on the peer, and the peer's side of it; null
    // (with the reason) if it did not open.
    TrialTransport *openOnPeer(int *connection, QString *why);
    // Begins `check` on a new transport opened on the peer; null (the check
    // noted as failed or not applicable) if there is none.
    TrialTransport *beginOnPeer(const QString &check, int *connection);
    // What the peer has received on `connection` once it has `size` bytes,
    // the stream has closed, or the wait is over.
    QByteArray awaitPeer(int connection, TrialTransport *transport, qsizetype size);
    // False (and the check noted as not applicable) without a stream.
    bool canStream(const QString &check);
    void end(TrialTransport *transport);
    QString peerText() const;

    void checkOpen();
    void checkWrite();
    void checkClose();
    void checkLargeWrite();
    void checkSmallWrites();
    void checkPeerClose();
    void checkRefusal();
    void checkTimeout();
    void checkHandover();
    void checkEvents();

    CheckLog &m_log;
    TransportPluginInfo m_info;
    sdk::TransportFactory *m_factory = nullptr;
    QString m_scheme; // the scheme tried
    bool m_knownScheme = false; // the peer speaks what the scheme means
    std::unique_ptr<TestPeer> m_peer;
    std::vector<std::unique_ptr<TrialTransport>> m_transports;
    TrialTransport *m_main = nullptr; // of open, write and close
    int m_mainConnection = -1;
    bool m_streams = false; // a transport opened on the peer
};

} // namespace longlink
