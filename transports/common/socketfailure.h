#pragma once

#include <longlink/transport.h>

#include <QtCore/QCoreApplication>
#include <QtNetwork/QAbstractSocket>

#include <optional>

namespace longlink::transports {

// What a socket error means to the host: the SDK's kind of error (whose
// fault it is, during probation) and a reason a person can act on. Shared
// by the shipped transports, not part of the SDK.
struct SocketFailure
{
    Q_DECLARE_TR_FUNCTIONS(longlink::transports::SocketFailure)

public:
    enum class Phase { Opening, Open, Closing };

    longlink::sdk::TransportError error = longlink::sdk::TransportError::Network;
    QString reason;

    // `endpoint` names the peer in reasons ("host:port" or a URL), `host`
    // the name that did not resolve, `detail` the socket's errorString().
    // Nothing for what the transport must phrase itself: the peer closing
    // while it opens (a TLS handshake, a WebSocket upgrade, or plain TCP)
    // and errors no transport shares.
    static std::optional<SocketFailure> describe(QAbstractSocket::SocketError error, Phase phase,
            const QString &endpoint, const QString &host, const QString &detail);
};

} // namespace longlink::transports
