#pragma once

#include "bytelink.h"

#include <QtCore/QVariantMap>
#include <QtWidgets/QDialog>

class QPushButton;

namespace longlink::ui {

// Asks a person about a server certificate that could not be verified
// (ChatClient::certificateUntrusted): who it names, who signed it, how long
// it is valid, its SHA-256 fingerprint to compare with what the server's
// admin published, and what verification found wrong. Trust once, trust
// always (kept, revocable under Trusted certificates) or refuse; closing it
// refuses, the safe answer.
class CertificateDialog : public QDialog
{
    Q_OBJECT

public:
    // `certificate` has the keys of the SDK's transportCertificateUntrusted().
    explicit CertificateDialog(const QVariantMap &certificate, QWidget *parent = nullptr);

    const QVariantMap &certificate() const { return m_certificate; }
    ByteLink::CertificateDecision decision() const { return m_decision; }

    // "AB:CD:..." in groups: how fingerprints are read aloud and compared.
    static QString groupedFingerprint(const QString &hex);

Q_SIGNALS:
    void decided(longlink::ByteLink::CertificateDecision decision, const QVariantMap &certificate);

protected:
    void done(int result) override;

private:
    void decide(ByteLink::CertificateDecision decision);

    QVariantMap m_certificate;
    ByteLink::CertificateDecision m_decision = ByteLink::CertificateDecision::Refuse;
    bool m_answered = false;
};

} // namespace longlink::ui
