#include "testcertificates.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace longlink::test {

namespace {

// A P-256 key and a signature take milliseconds; the bound is for a machine
// that is busy building.
constexpr int kOpensslTimeoutMs = 30'000;

const QString kConfigFileName = u"openssl.cnf"_s;

const QString kCa = u"ca"_s;
const QString kServer = u"server"_s;
const QString kRogueCa = u"rogue-ca"_s;
const QString kRogueServer = u"rogue-server"_s;
const QString kWrongName = u"wrong-name"_s;

// openssl ca -startdate/-enddate take ASN.1 times; the four-digit year form
// is accepted by OpenSSL 1.1 and 3.
QString asn1Time(const QDateTime &utc)
{
    return utc.toString(u"yyyyMMddHHmmss'Z'"_s);
}

} // namespace

TestCertificates::TestCertificates() : m_openssl(findOpenssl()) { }

TestCertificates::~TestCertificates() = default;

QString TestCertificates::findOpenssl()
{
    QString path = QStandardPaths::findExecutable(u"openssl"_s);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(u"openssl"_s, { u"/usr/bin"_s });
    return path;
}

QString TestCertificates::errorString() const
{
    return m_errorString;
}

QString TestCertificates::dir() const
{
    return m_dir ? m_dir->path() : QString();
}

QString TestCertificates::path(const QString &fileName) const
{
    return m_dir ? m_dir->filePath(fileName) : QString();
}

QString TestCertificates::caFile() const
{
    return path(kCa + u".pem"_s);
}

QString TestCertificates::serverCertFile() const
{
    return path(kServer + u".pem"_s);
}

QString TestCertificates::serverKeyFile() const
{
    return path(kServer + u".key"_s);
}

QString TestCertificates::rogueCaFile() const
{
    return path(kRogueCa + u".pem"_s);
}

QString TestCertificates::rogueServerCertFile() const
{
    return path(kRogueServer + u".pem"_s);
}

QString TestCertificates::rogueServerKeyFile() const
{
    return path(kRogueServer + u".key"_s);
}

QString TestCertificates::wrongNameCertFile() const
{
    return path(kWrongName + u".pem"_s);
}

QString TestCertificates::wrongNameKeyFile() const
{
    return path(kWrongName + u".key"_s);
}

QString TestCertificates::serverSha256() const
{
    return m_serverSha256;
}

QString TestCertificates::rogueServerSha256() const
{
    return m_rogueServerSha256;
}

QString TestCertificates::wrongNameSha256() const
{
    return m_wrongNameSha256;
}

bool TestCertificates::create()
{
    m_errorString.clear();
    if (m_dir) {
        m_errorString = u"TestCertificates::create() called twice"_s;
        return false;
    }
    if (m_openssl.isEmpty()) {
        m_errorString
                = u"openssl not found (looked on PATH and /usr/bin); install the openssl package"_s;
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/longlink-certs-XXXXXX"_s);
    if (!m_dir->isValid()) {
        m_errorString = u"Cannot create a temporary directory: %1"_s.arg(m_dir->errorString());
        m_dir.reset();
        return false;
    }

    // req/x509 in OpenSSL 3.0 cannot backdate a certificate; "openssl ca" can,
    // at the price of a small database. A day back covers clocks that differ
    // between the test and a broker or a VM.
    const QDateTime notBefore = QDateTime::currentDateTimeUtc().addDays(-1);
    m_startDate = asn1Time(notBefore);
    m_endDate = asn1Time(notBefore.addDays(30));

    return writeOpensslConfig() && makeCa(kCa, u"/CN=Longlink Test CA"_s)
            && makeServerCert(kServer, u"/CN=localhost"_s, u"server_ext"_s, kCa)
            && makeCa(kRogueCa, u"/CN=Longlink Rogue CA"_s)
            && makeServerCert(kRogueServer, u"/CN=localhost"_s, u"server_ext"_s, kRogueCa)
            && makeServerCert(kWrongName, u"/CN=wrong.example"_s, u"wrong_name_ext"_s, kCa)
            && sha256Of(serverCertFile(), &m_serverSha256)
            && sha256Of(rogueServerCertFile(), &m_rogueServerSha256)
            && sha256Of(wrongNameCertFile(), &m_wrongNameSha256);
}

bool TestCertificates::writeOpensslConfig()
{
    const QString dir = m_dir->path();
    // "openssl ca" insists on its database files even with -rand_serial; both
    // CAs share them (unique_subject = no: the two servers share a subject).
    QFile index(path(u"index.txt"_s));
    if (!index.open(QIODevice::WriteOnly) || !QDir(dir).mkpath(u"newcerts"_s)) {
        m_errorString = u"Cannot prepare the openssl database in %1"_s.arg(dir);
        return false;
    }
    index.close();

    // The extensions below are what OpenSSL 3 and Qt check: without
    // CA:TRUE and keyCertSign the CA cannot sign, without serverAuth a client
    // refuses the server certificate.
    const QString text = uR"(# Written by longlink::test::TestCertificates.
[req]
distinguished_name = req_dn
[req_dn]

[ca]
default_ca = test_ca

[test_ca]
database = %1/index.txt
new_certs_dir = %1/newcerts
serial = %1/serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
copy_extensions = none

[policy_any]
commonName = supplied

[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = keyCertSign,cRLSign
subjectKeyIdentifier = hash

[server_ext]
basicConstraints = CA:FALSE
keyUsage = digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,IP:::1,DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[wrong_name_ext]
basicConstraints = CA:FALSE
keyUsage = digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
)"_s.arg(dir);

    QFile file(path(kConfigFileName));
    const QByteArray bytes = text.toUtf8();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()
            || !file.flush()) {
        m_errorString = u"Cannot write %1: %2"_s.arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

bool TestCertificates::makeCa(const QString &name, const QString &subject)
{
    const QString config = path(kConfigFileName);
    // A request first, then "ca -selfsign": the only way to backdate a root.
    return runOpenssl({ u"req"_s, u"-config"_s, config, u"-new"_s, u"-newkey"_s, u"ec"_s,
                   u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s,
                   path(name + u".key"_s), u"-subj"_s, subject, u"-out"_s, path(name + u".csr"_s) })
            && runOpenssl({ u"ca"_s, u"-config"_s, config, u"-batch"_s, u"-selfsign"_s,
                    u"-keyfile"_s, path(name + u".key"_s), u"-in"_s, path(name + u".csr"_s),
                    u"-rand_serial"_s, u"-startdate"_s, m_startDate, u"-enddate"_s, m_endDate,
                    u"-extensions"_s, u"ca_ext"_s, u"-notext"_s, u"-out"_s,
                    path(name + u".pem"_s) });
}

bool TestCertificates::makeServerCert(const QString &name, const QString &subject,
        const QString &extensions, const QString &caName)
{
    const QString config = path(kConfigFileName);
    return runOpenssl({ u"req"_s, u"-config"_s, config, u"-new"_s, u"-newkey"_s, u"ec"_s,
                   u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s,
                   path(name + u".key"_s), u"-subj"_s, subject, u"-out"_s, path(name + u".csr"_s) })
            && runOpenssl({ u"ca"_s, u"-config"_s, config, u"-batch"_s, u"-cert"_s,
                    path(caName + u".pem"_s), u"-keyfile"_s, path(caName + u".key"_s), u"-in"_s,
                    path(name + u".csr"_s), u"-rand_serial"_s, u"-startdate"_s, m_startDate,
                    u"-enddate"_s, m_endDate, u"-extensions"_s, extensions, u"-notext"_s, u"-out"_s,
                    path(name + u".pem"_s) });
}

bool TestCertificates::runOpenssl(const QStringList &arguments)
{
    QProcess process;
    process.setProgram(m_openssl);
    process.setArguments(arguments);
    process.setWorkingDirectory(m_dir->path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    const QString command = m_openssl + u' ' + arguments.join(u' ');

    process.start();
    if (!process.waitForStarted(kOpensslTimeoutMs)) {
        m_errorString = u"Cannot start %1: %2"_s.arg(command, process.errorString());
        return false;
    }
    if (!process.waitForFinished(kOpensslTimeoutMs)) {
        process.kill();
        process.waitForFinished(kOpensslTimeoutMs);
        m_errorString = u"%1 did not finish within %2 ms; killed it.\n%3"_s.arg(command,
                QString::number(kOpensslTimeoutMs), QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_errorString = u"%1 failed (exit code %2):\n%3"_s.arg(command,
                QString::number(process.exitCode()), QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

bool TestCertificates::sha256Of(const QString &certFile, QString *digest)
{
    // Qt's own reading of the file: the fingerprint a Qt client compares is
    // computed the same way, so openssl's output format does not matter.
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certFile, QSsl::Pem);
    if (certificates.size() != 1 || certificates.first().isNull()) {
        m_errorString = u"Qt cannot read the certificate in %1 (found %2)"_s.arg(
                certFile, QString::number(certificates.size()));
        return false;
    }
    *digest = QString::fromLatin1(certificates.first().digest(QCryptographicHash::Sha256).toHex());
    return true;
}

} // namespace longlink::test
