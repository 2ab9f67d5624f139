#include "tlspeerserver.h"

#include <QtNetwork/QSslKey>
#include <QtNetwork/QSslSocket>

namespace longlink {

namespace {
// A throwaway self-signed EC P-256 certificate for 127.0.0.1 (valid until
// 2126), made for this loopback peer only: the transport trusts it by its
// pin for the length of one check. Its key is public and proves nothing.
const char kCertificate[] = R"(-----BEGIN CERTIFICATE-----
MIIByTCCAXCgAwIBAgIUHlJHfHWM2LrkuWVgYu5vIn0HnzAwCgYIKoZIzj0EAwIw
MTEvMC0GA1UEAwwmbG9uZ2xpbmstdHJhbnNwb3J0LWNoZWNrIGxvb3BiYWNrIHBl
ZXIwIBcNMjYxMjA3MTQyODExWhgPMjEyNjExMTMxNDI4MTFaMDExLzAtBgNVBAMM
JmxvbmdsaW5rLXRyYW5zcG9ydC1jaGVjayBsb29wYmFjayBwZWVyMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEOE92iKNj78/3CHaMkA3CI8hIinjdPI8VSWRS280E
PcCn0y1RzWMI+sHCzy3FW2ZzMk7vzq6Bo3E8d4OUmIxdiaNkMGIwHQYDVR0OBBYE
FGrsqozVotY9KR7gyYQgLfzIrM6fMB8GA1UdIwQYMBaAFGrsqozVotY9KR7gyYQg
LfzIrM6fMA8GA1UdEwEB/wQFMAMBAf8wDwYDVR0RBAgwBocEfwAAATAKBggqhkjO
PQQDAgNHADBEAiBxHbKpLOZu/OYksugshMZo3J9QWQZN6fJwlhszYNkgcAIgCeE1
MjFhipSNBTcy2O+HU2JkWBpiDGfGT3OtsutRqRQ=
-----END CERTIFICATE-----
)";
const char kPrivateKey[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgEAn2tVLTc/MfCX+3
POLfW8lnRQVG1eMWRqyDTspQLGmhRANCAAQ4T3aIo2Pvz/cIdoyQDcIjyEiKeN08
jxVJZFLbzQQ9wKfTLVHNYwj6wcLPLcVbZnMyTu/OroGjcTx3g5SYjF2J
-----END PRIVATE KEY-----
)";

} // namespace

QSslCertificate TlsPeerServer::certificate()
{
    return QSslCertificate(QByteArray(kCertificate), QSsl::Pem);
}

void TlsPeerServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setLocalCertificate(certificate());
    socket->setPrivateKey(QSslKey(QByteArray(kPrivateKey), QSsl::Ec, QSsl::Pem));
    socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    addPendingConnection(socket);
    socket->startServerEncryption();
}

} // namespace longlink
