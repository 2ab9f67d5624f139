#pragma once

#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QTcpServer>

namespace longlink {

// The TLS side of TestPeer: accepts each connection as a QSslSocket and
// starts the server's handshake on it, with a throwaway self-signed
// certificate for 127.0.0.1 that the transport under trial is told to trust
// by its pin.
class TlsPeerServer final : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

    static QSslCertificate certificate();

protected:
    void incomingConnection(qintptr descriptor) override;
};

} // namespace longlink
