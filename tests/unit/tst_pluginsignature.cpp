// Detached Ed25519 signatures, made with the openssl command line as a
// plugin author would, verified with libcrypto.
#include "pluginsignature.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using longlink::PluginSignature;

namespace {
bool openssl(const QStringList &arguments)
{
    QProcess process;
    process.start(u"openssl"_s, arguments);
    return process.waitForFinished(20'000) && process.exitStatus() == QProcess::NormalExit
            && process.exitCode() == 0;
}

QByteArray read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}
} // namespace

class TestPluginSignature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signedFileIsAccepted();
    void missingSignatureIsRefused();
    void otherKeyIsRefused();
    void staleSignatureIsRefused();
    void wrongSizeIsRefused();
    void onlyEd25519KeysCount();
    void untrustedKeysFolderIsRefused();
    void builtTransportsAreSignedWithTheTestKey();

private:
    QString sign(const QString &keyName, const QString &file);

    QTemporaryDir m_dir;
    QString m_keys; // trusted: holds the public half of "alice"
    QString m_plugin;
};

void TestPluginSignature::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_keys = m_dir.filePath(u"trusted"_s);
    QVERIFY(QDir().mkpath(m_keys));
    for (const QString &name : { u"alice"_s, u"mallory"_s }) {
        QVERIFY(openssl({ u"genpkey"_s, u"-algorithm"_s, u"ed25519"_s, u"-out"_s,
                m_dir.filePath(name + u".key"_s) }));
    }
    QVERIFY(openssl({ u"pkey"_s, u"-in"_s, m_dir.filePath(u"alice.key"_s), u"-pubout"_s, u"-out"_s,
            m_keys + u"/alice.pem"_s }));
    m_plugin = m_dir.filePath(u"liblonglink-x.so"_s);
    QVERIFY(write(m_plugin, QByteArray(100'000, 'x') + "plugin bytes"));
}

QString TestPluginSignature::sign(const QString &keyName, const QString &file)
{
    const QString signature = PluginSignature::signatureFileOf(file);
    QFile::remove(signature);
    if (!openssl({ u"pkeyutl"_s, u"-sign"_s, u"-rawin"_s, u"-inkey"_s,
                m_dir.filePath(keyName + u".key"_s), u"-in"_s, file, u"-out"_s, signature }))
        return QString();
    return signature;
}

void TestPluginSignature::signedFileIsAccepted()
{
    QVERIFY(!sign(u"alice"_s, m_plugin).isEmpty());
    QCOMPARE(read(PluginSignature::signatureFileOf(m_plugin)).size(), 64);
    const auto verdict = PluginSignature::verify(read(m_plugin), m_plugin, m_keys);
    QVERIFY2(verdict.valid, qPrintable(verdict.reason));
    QCOMPARE(verdict.key, u"alice.pem"_s);
}

void TestPluginSignature::missingSignatureIsRefused()
{
    QFile::remove(PluginSignature::signatureFileOf(m_plugin));
    const auto verdict = PluginSignature::verify(read(m_plugin), m_plugin, m_keys);
    QVERIFY(!verdict.valid);
    QVERIFY(verdict.missing);
    QVERIFY2(verdict.reason.contains(u"liblonglink-x.so.sig"_s) && verdict.reason.contains(m_keys),
            qPrintable(verdict.reason));
}

void TestPluginSignature::otherKeyIsRefused()
{
    QVERIFY(!sign(u"mallory"_s, m_plugin).isEmpty());
    const auto verdict = PluginSignature::verify(read(m_plugin), m_plugin, m_keys);
    QVERIFY(!verdict.valid);
    QVERIFY(!verdict.missing);
    QVERIFY2(verdict.reason.contains(u"does not match"_s), qPrintable(verdict.reason));
}

void TestPluginSignature::staleSignatureIsRefused()
{
    // Signed, then rebuilt: the old signature is for other bytes.
    QVERIFY(!sign(u"alice"_s, m_plugin).isEmpty());
    QByteArray rebuilt = read(m_plugin);
    rebuilt[rebuilt.size() / 2] = 'y';
    const auto verdict = PluginSignature::verify(rebuilt, m_plugin, m_keys);
    QVERIFY(!verdict.valid);
    QVERIFY2(verdict.reason.contains(u"another build"_s), qPrintable(verdict.reason));
}

void TestPluginSignature::wrongSizeIsRefused()
{
    const QString signature = sign(u"alice"_s, m_plugin);
    QVERIFY(write(signature, read(signature).left(63)));
    const auto verdict = PluginSignature::verify(read(m_plugin), m_plugin, m_keys);
    QVERIFY(!verdict.valid);
    QVERIFY2(verdict.reason.contains(u"63 bytes"_s), qPrintable(verdict.reason));
}

void TestPluginSignature::onlyEd25519KeysCount()
{
    const QString rsaOnly = m_dir.filePath(u"rsa-only"_s);
    QVERIFY(QDir().mkpath(rsaOnly));
    QVERIFY(openssl({ u"genpkey"_s, u"-algorithm"_s, u"rsa"_s, u"-pkeyopt"_s,
            u"rsa_keygen_bits:2048"_s, u"-out"_s, m_dir.filePath(u"rsa.key"_s) }));
    QVERIFY(openssl({ u"pkey"_s, u"-in"_s, m_dir.filePath(u"rsa.key"_s), u"-pubout"_s, u"-out"_s,
            rsaOnly + u"/rsa.pem"_s }));
    QVERIFY(write(rsaOnly + u"/notes.pem"_s, "not a key"));
    QVERIFY(!sign(u"alice"_s, m_plugin).isEmpty());
    const auto verdict = PluginSignature::verify(read(m_plugin), m_plugin, rsaOnly);
    QVERIFY(!verdict.valid);
    QVERIFY2(verdict.reason.contains(u"no trusted Ed25519 public key"_s),
            qPrintable(verdict.reason));
}

void TestPluginSignature::untrustedKeysFolderIsRefused()
{
    // Whoever may add a key may sign anything.
    QVERIFY(!sign(u"alice"_s, m_plugin).isEmpty());
    QVERIFY(QFile::setPermissions(m_keys,
            QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                    | QFile::WriteGroup | QFile::ExeGroup));
    const auto verdict = PluginSignature::verify(read(m_plugin), m_plugin, m_keys);
    QVERIFY(QFile::setPermissions(m_keys, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QVERIFY(!verdict.valid);
    QVERIFY2(verdict.reason.contains(u"keys folder cannot be trusted"_s)
                    && verdict.reason.contains(u"chmod g-w"_s),
            qPrintable(verdict.reason));
}

void TestPluginSignature::builtTransportsAreSignedWithTheTestKey()
{
    const QString tcp = QStringLiteral(LONGLINK_BUILD_TRANSPORTS) + u"/liblonglink-tcp.so"_s;
    const auto verdict
            = PluginSignature::verify(read(tcp), tcp, QStringLiteral(LONGLINK_TEST_KEYS));
    QVERIFY2(verdict.valid, qPrintable(verdict.reason));
    QCOMPARE(verdict.key, u"longlink-test.pem"_s);
}

QTEST_GUILESS_MAIN(TestPluginSignature)
#include "tst_pluginsignature.moc"
