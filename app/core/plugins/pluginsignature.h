#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

namespace longlink {

// Detached Ed25519 signatures of plugin files: `<plugin file>.sig` holds the
// 64 raw bytes `openssl pkeyutl -sign -rawin` writes, over the file's exact
// bytes, by one of the PEM public keys in a trusted-keys folder. Verified
// with OpenSSL's libcrypto.
class PluginSignature
{
    Q_DECLARE_TR_FUNCTIONS(PluginSignature)

public:
    struct Verdict
    {
        bool valid = false;
        bool missing = false; // no signature file at all
        QString key; // the key file that verified it
        QString reason; // why not, in words a user can act on
    };

    static QString signatureFileOf(const QString &pluginFile) { return pluginFile + u".sig"; }

    // Checks `content` (the bytes that will be loaded) against the signature
    // file of `pluginFile` and every Ed25519 key in `keysFolder`. The folder
    // and its keys must themselves be trusted (PathTrust): whoever can add a
    // key there could sign anything.
    static Verdict verify(
            const QByteArray &content, const QString &pluginFile, const QString &keysFolder);
};

} // namespace longlink
