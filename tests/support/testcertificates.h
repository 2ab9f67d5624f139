#pragma once

#include <QString>
#include <QStringList>

#include <memory>

class QTemporaryDir;

namespace longlink::test {

// Throw-away certificates for TLS tests, made by the openssl command-line
// tool in a temporary directory of their own (removed with this object):
//
//  - a test CA and a server certificate it signed for 127.0.0.1, ::1 and
//    localhost: what a client trusting caFile() must accept;
//  - an unrelated "rogue" CA and a server certificate it signed for the same
//    names: what that client must refuse although the names match;
//  - a certificate the good CA signed for wrong.example only: what that
//    client must refuse although the issuer is trusted.
//
// Keys are EC P-256 (fast to generate); every certificate is valid from a day
// ago (clock skew) for 30 days. Every openssl run is bounded; nothing runs an
// event loop.
class TestCertificates
{
public:
    TestCertificates();
    ~TestCertificates(); // removes dir()
    TestCertificates(const TestCertificates &) = delete;
    TestCertificates &operator=(const TestCertificates &) = delete;

    // Creates everything below; call once. On failure errorString() names the
    // openssl command and quotes its output.
    bool create();
    QString errorString() const;
    QString dir() const;

    // PEM files.
    QString caFile() const;
    QString serverCertFile() const;
    QString serverKeyFile() const;

    QString rogueCaFile() const;
    QString rogueServerCertFile() const;
    QString rogueServerKeyFile() const;

    QString wrongNameCertFile() const;
    QString wrongNameKeyFile() const;

    // SHA-256 of each server certificate's DER, lowercase hex without colons:
    // the form a pinned fingerprint takes.
    QString serverSha256() const;
    QString rogueServerSha256() const;
    QString wrongNameSha256() const;

    static QString findOpenssl();

private:
    bool writeOpensslConfig();
    bool makeCa(const QString &name, const QString &subject);
    bool makeServerCert(const QString &name, const QString &subject, const QString &extensions,
            const QString &caName);
    bool runOpenssl(const QStringList &arguments);
    bool sha256Of(const QString &certFile, QString *digest);
    QString path(const QString &fileName) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_openssl;
    QString m_errorString;
    QString m_startDate; // openssl ca -startdate/-enddate: YYYYMMDDHHMMSSZ, UTC
    QString m_endDate;
    QString m_serverSha256;
    QString m_rogueServerSha256;
    QString m_wrongNameSha256;
};

} // namespace longlink::test
