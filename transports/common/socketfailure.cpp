#include "socketfailure.h"

namespace longlink::transports {

using longlink::sdk::TransportError;

std::optional<SocketFailure> SocketFailure::describe(QAbstractSocket::SocketError error,
        Phase phase, const QString &endpoint, const QString &host, const QString &detail)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return SocketFailure { TransportError::ConnectionRefused,
            tr("connection refused by %1 (is the server running?)").arg(endpoint) };
    case QAbstractSocket::HostNotFoundError:
        return SocketFailure { TransportError::HostNotFound, tr("host not found: %1").arg(host) };
    case QAbstractSocket::SocketTimeoutError:
        return SocketFailure { TransportError::Timeout,
            tr("timed out talking to %1").arg(endpoint) };
    case QAbstractSocket::RemoteHostClosedError:
        if (phase == Phase::Closing)
            return SocketFailure { TransportError::None, tr("closed") };
        if (phase == Phase::Open)
            return SocketFailure { TransportError::RemoteClosed,
                tr("the server closed the connection") };
        return std::nullopt;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return SocketFailure { TransportError::Tls,
            tr("TLS with %1 failed: %2").arg(endpoint, detail) };
    case QAbstractSocket::NetworkError:
        if (phase == Phase::Opening)
            return SocketFailure { TransportError::HostUnreachable,
                tr("%1 is unreachable: %2").arg(endpoint, detail) };
        return SocketFailure { TransportError::Network, tr("network error: %1").arg(detail) };
    default:
        return std::nullopt;
    }
}

} // namespace longlink::transports
