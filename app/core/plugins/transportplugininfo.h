#pragma once

#include "pathtrust.h"

#include <QtCore/QDateTime>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QVariantMap>
#include <QtCore/QVersionNumber>

namespace longlink {

// What the host knows of one plugin file, read from its metadata without
// running any of its code, and the verdict of the checks.
struct TransportPluginInfo
{
    Q_GADGET

public:
    // Checking: its metadata is fine; it is being tried in a separate process
    // before it may be loaded here.
    enum class State { Available, Active, Rejected, Quarantined, Checking };
    Q_ENUM(State)
    // Machine-readable reasons for a rejection.
    enum class Problem {
        None,
        Incomplete, // empty or truncated: still being written, or broken
        Unreadable,
        NotAPlugin,
        WrongIid,
        BadMetadata,
        IncompatibleApi,
        NoSchemes,
        InsecurePermissions,
        LoadFailed,
        NoFactory,
        Crashed,
        FailedCheck, // hung, crashed or left code running in its separate check
        Unsigned, // trusted keys are required and it has no signature
        BadSignature, // its signature is not by a trusted key over these bytes
    };
    Q_ENUM(Problem)

    QString file; // where it was found
    QString loadPath; // what is loaded: the private copy named by the hash
    QString hash; // SHA-256 of the content, hex
    qint64 size = 0;
    QDateTime modified;
    QString name;
    QVersionNumber version;
    QString apiVersion;
    QStringList schemes;
    QString description;
    QString vendor;
    QStringList handovers; // formats it can release to and adopt from
    // Options its transports understand, by name, with their type ("int",
    // "bool", "string", "file", "list"). See the SDK's "options".
    QVariantMap options;
    State state = State::Available;
    Problem problem = Problem::None;
    QString reason; // a sentence for people when rejected
    QString signedBy; // the trusted key file that verified it, if keys were required

    QString shortHash() const { return hash.left(12); }
    QString displayName() const { return name + u'@' + version.toString(); }
    bool serves(const QString &scheme) const { return schemes.contains(scheme); }
    // The first of our handover formats that `other` also speaks, or empty.
    QString handoverWith(const TransportPluginInfo &other) const;
    // Passed its checks and not refused since: it may carry a session.
    bool isUsable() const { return state == State::Available || state == State::Active; }

    // Reads and checks `file`. Never loads it. With a shadow folder, the
    // checked bytes are copied there (named by their hash) and the metadata
    // is read from that copy, which is also what loadPath names.
    // With a trusted keys folder, the bytes must carry a valid signature by
    // one of its keys (PluginSignature).
    static TransportPluginInfo inspect(const QString &file, const QString &shadowFolder = QString(),
            const QString &trustedKeys = QString());
    // "quarantined", "wrong-iid": stable names for the store and the CLI.
    static QString stateName(State state);
    static QString problemName(Problem problem);
    // The names (mangled) of the GNU unique symbols (binding STB_GNU_UNIQUE)
    // in an ELF file's dynamic symbol table, at most `limit` of them; their
    // count in `total`. A library that has any can never be unloaded: the
    // dynamic linker keeps it mapped for the rest of the process. Empty for
    // anything that is not a whole ELF file of this machine's byte order.
    static QStringList uniqueSymbols(const QByteArray &bytes, int limit, int *total = nullptr);
    // "not trusted: PATH - RULE", for a refusal by PathTrust.
    static QString untrustedReason(const PathTrust::Verdict &verdict);
};

} // namespace longlink
