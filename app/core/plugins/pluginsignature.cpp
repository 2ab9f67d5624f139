#include "pluginsignature.h"

#include "pathtrust.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace longlink {

namespace {
constexpr qsizetype kSignatureSize = 64; // Ed25519

struct PkeyFree
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
};
struct BioFree
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// The Ed25519 public key in a PEM file, or null.
Pkey readPublicKey(const QByteArray &pem)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    if (!bio)
        return nullptr;
    Pkey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
        return nullptr;
    return key;
}

bool verifiedBy(EVP_PKEY *key, const QByteArray &signature, const QByteArray &content)
{
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> context(EVP_MD_CTX_new());
    // Ed25519 hashes internally: no digest is named, the message goes whole.
    return context && EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key) == 1
            && EVP_DigestVerify(context.get(),
                       reinterpret_cast<const unsigned char *>(signature.constData()),
                       size_t(signature.size()),
                       reinterpret_cast<const unsigned char *>(content.constData()),
                       size_t(content.size()))
            == 1;
}
} // namespace

PluginSignature::Verdict PluginSignature::verify(
        const QByteArray &content, const QString &pluginFile, const QString &keysFolder)
{
    Verdict verdict;
    if (const PathTrust::Verdict trust = PathTrust::check(keysFolder); !trust.trusted) {
        verdict.reason = tr("the trusted keys folder cannot be trusted: %1 - %2")
                                 .arg(trust.path, trust.reason);
        return verdict;
    }
    const QString signatureFile = signatureFileOf(pluginFile);
    QFile file(signatureFile);
    if (!file.exists()) {
        verdict.missing = true;
        verdict.reason = tr("it is not signed: there is no %1, and only plugins signed by a key "
                            "in %2 are loaded")
                                 .arg(QFileInfo(signatureFile).fileName(), keysFolder);
        return verdict;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        verdict.reason = tr("cannot read %1: %2").arg(signatureFile, file.errorString());
        return verdict;
    }
    const QByteArray signature = file.read(kSignatureSize + 1);
    if (signature.size() != kSignatureSize) {
        verdict.reason = tr("%1 holds %2 bytes; an Ed25519 signature is %3 raw bytes "
                            "(openssl pkeyutl -sign -rawin)")
                                 .arg(signatureFile)
                                 .arg(signature.size())
                                 .arg(kSignatureSize);
        return verdict;
    }
    int keys = 0;
    const QFileInfoList candidates = QDir(keysFolder)
                                             .entryInfoList({ u"*.pem"_s, u"*.pub"_s },
                                                     QDir::Files | QDir::Readable, QDir::Name);
    for (const QFileInfo &candidate : candidates) {
        if (!PathTrust::check(candidate.absoluteFilePath()).trusted)
            continue; // a key anyone could have put there counts for nothing
        QFile keyFile(candidate.absoluteFilePath());
        if (!keyFile.open(QIODevice::ReadOnly))
            continue;
        const Pkey key = readPublicKey(keyFile.read(64 * 1024));
        if (!key)
            continue;
        ++keys;
        if (verifiedBy(key.get(), signature, content)) {
            verdict.valid = true;
            verdict.key = candidate.fileName();
            return verdict;
        }
    }
    verdict.reason = keys == 0
            ? tr("%1 holds no trusted Ed25519 public key (*.pem)").arg(keysFolder)
            : tr("its signature does not match: %1 was not made over this file by any of the "
                 "%n trusted key(s) in %2 (signed by another key, or for another build)",
                    nullptr, keys)
                      .arg(QFileInfo(signatureFile).fileName(), keysFolder);
    return verdict;
}

} // namespace longlink
