#include "certificatepolicy.h"

#include <QtCore/QFile>
#include <QtCore/QRegularExpression>

using namespace Qt::StringLiterals;

namespace longlink::transports {

namespace {
// "AB:CD:..." or "abcd..." -> "abcd...", empty if it is not 64 hex digits.
QString normalizedFingerprint(QString text)
{
    text = text.trimmed().remove(u':').toLower();
    static const QRegularExpression hex(u"^[0-9a-f]{64}$"_s);
    return hex.match(text).hasMatch() ? text : QString();
}
} // namespace

bool CertificatePolicy::configure(const QVariantMap &options, QString *error)
{
    m_pins.clear();
    m_trusted.clear();
    m_cas.clear();
    for (const QString &pin : options.value(u"pinSha256"_s).toStringList()) {
        const QString normalized = normalizedFingerprint(pin);
        if (normalized.isEmpty()) {
            *error = tr("the pin \"%1\" is not a SHA-256 fingerprint (64 hex digits)").arg(pin);
            return false;
        }
        m_pins.append(normalized);
    }
    for (const QString &trusted : options.value(u"trustedSha256"_s).toStringList()) {
        const QString normalized = normalizedFingerprint(trusted);
        if (!normalized.isEmpty())
            m_trusted.append(normalized);
    }
    const QString caFile = options.value(u"caFile"_s).toString();
    if (!caFile.isEmpty()) {
        QFile file(caFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("cannot read the CA file %1: %2").arg(caFile, file.errorString());
            return false;
        }
        m_cas = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (m_cas.isEmpty()) {
            *error = tr("the CA file %1 holds no PEM certificate").arg(caFile);
            return false;
        }
    }
    m_resume = options.value(u"sessionResumption"_s, true).toBool();
    return true;
}

QSslConfiguration CertificatePolicy::configuration() const
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setProtocol(QSsl::SecureProtocols);
    if (!m_cas.isEmpty())
        config.setCaCertificates(m_cas); // only these, not the system's
    // Qt keeps no session ticket unless asked; with one, a reconnect skips
    // the full handshake where the server allows it.
    config.setSslOption(QSsl::SslOptionDisableSessionPersistence, !m_resume);
    return config;
}

CertificatePolicy::Verdict CertificatePolicy::judge(
        const QList<QSslError> &errors, const QList<QSslCertificate> &chain, QString *reason) const
{
    const QString leaf = chain.isEmpty() ? QString() : fingerprint(chain.first());
    if (!m_pins.isEmpty()) {
        if (!leaf.isEmpty() && m_pins.contains(leaf))
            return Verdict::Accept;
        *reason = tr("the server's certificate (SHA-256 %1) matches no pinned fingerprint")
                          .arg(leaf.isEmpty() ? tr("unknown") : leaf);
        return Verdict::Refuse;
    }
    if (errors.isEmpty())
        return Verdict::Accept;
    if (!leaf.isEmpty() && m_trusted.contains(leaf))
        return Verdict::Accept;
    if (chain.isEmpty()) {
        *reason = tr("the server sent no certificate");
        return Verdict::Refuse;
    }
    return Verdict::Ask;
}

void CertificatePolicy::addTrusted(const QString &fingerprint)
{
    if (!fingerprint.isEmpty() && !m_trusted.contains(fingerprint))
        m_trusted.append(fingerprint);
}

QString CertificatePolicy::trustKey() const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QStringList pins = m_pins;
    pins.sort();
    QStringList trusted = m_trusted;
    trusted.sort();
    hash.addData(pins.join(u',').toLatin1());
    hash.addData("|");
    hash.addData(trusted.join(u',').toLatin1());
    hash.addData("|");
    for (const QSslCertificate &ca : m_cas)
        hash.addData(ca.digest(QCryptographicHash::Sha256));
    return QString::fromLatin1(hash.result().toHex().left(16));
}

QString CertificatePolicy::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
}

QVariantMap CertificatePolicy::describe(const QString &host, int port,
        const QList<QSslCertificate> &chain, const QList<QSslError> &errors)
{
    QVariantMap map;
    map.insert(u"host"_s, host);
    map.insert(u"port"_s, port);
    QStringList pem;
    for (const QSslCertificate &certificate : chain)
        pem.append(QString::fromLatin1(certificate.toPem()));
    map.insert(u"chain"_s, pem);
    if (!chain.isEmpty()) {
        const QSslCertificate &leaf = chain.first();
        map.insert(u"sha256"_s, fingerprint(leaf));
        map.insert(u"subject"_s, leaf.subjectDisplayName());
        map.insert(u"issuer"_s, leaf.issuerDisplayName());
        map.insert(u"notBefore"_s, leaf.effectiveDate());
        map.insert(u"notAfter"_s, leaf.expiryDate());
    }
    QStringList texts;
    for (const QSslError &error : errors)
        texts.append(error.errorString());
    texts.removeDuplicates();
    map.insert(u"errors"_s, texts);
    return map;
}

QString CertificatePolicy::protocolName(QSsl::SslProtocol protocol)
{
    switch (protocol) {
    case QSsl::TlsV1_2:
        return u"TLS 1.2"_s;
    case QSsl::TlsV1_3:
        return u"TLS 1.3"_s;
    case QSsl::DtlsV1_2:
        return u"DTLS 1.2"_s;
    default:
        return tr("other");
    }
}

} // namespace longlink::transports
