#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QStringList>
#include <QtCore/QVariantMap>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslError>

namespace longlink::transports {

// How the TLS transports (tls, and websocket for wss) decide whether to
// trust a server, from the options the host passes (see the SDK):
//   - "pinSha256": the leaf certificate must have one of these fingerprints;
//     a match is trusted without a CA, anything else is refused with one;
//   - otherwise the usual verification against the system's CAs, or only
//     those in "caFile"; a certificate that fails it is accepted when its
//     fingerprint is in "trustedSha256" (the user trusted it before), and
//     else the user is asked.
// Shared source of our two TLS-speaking plugins, not part of the SDK.
class CertificatePolicy
{
    Q_DECLARE_TR_FUNCTIONS(longlink::transports::CertificatePolicy)

public:
    enum class Verdict { Accept, Refuse, Ask };

    // Reads the TLS options. False and a reason when one is unusable (an
    // unreadable CA file, a pin that is not a SHA-256 in hex).
    bool configure(const QVariantMap &options, QString *error);
    bool hasPins() const { return !m_pins.isEmpty(); }

    // A fresh configuration for one connection: verification on, the CAs
    // chosen, session tickets kept when resumption is wanted.
    QSslConfiguration configuration() const;
    bool resumesSessions() const { return m_resume; }
    // Names what this policy trusts (CAs, pins, trusted certificates). A
    // resumed TLS session skips verification, so a session ticket may only
    // be offered under the same trust it was made under: a certificate the
    // user stopped trusting must be checked again.
    QString trustKey() const;
    // The host accepted this certificate for the connection at hand: part
    // of its trust from now on (and of trustKey(), so a ticket from it is
    // not offered once the user has taken the trust back).
    void addTrusted(const QString &fingerprint);

    // After verification: `errors` (empty when the chain verified) for the
    // chain the server sent, leaf first. `reason` says why on Refuse.
    Verdict judge(const QList<QSslError> &errors, const QList<QSslCertificate> &chain,
            QString *reason) const;

    // Lowercase hex of the SHA-256 of the certificate's DER, as
    // `openssl x509 -noout -fingerprint -sha256` shows it without colons.
    static QString fingerprint(const QSslCertificate &certificate);
    // What the host shows a person (the SDK's transportCertificateUntrusted keys).
    static QVariantMap describe(const QString &host, int port, const QList<QSslCertificate> &chain,
            const QList<QSslError> &errors);
    // "TLS 1.3".
    static QString protocolName(QSsl::SslProtocol protocol);

private:
    QStringList m_pins;
    QStringList m_trusted;
    QList<QSslCertificate> m_cas; // empty: the system's
    bool m_resume = true;
};

} // namespace longlink::transports
