#include "transportplugininfo.h"

#include "pathtrust.h"
#include "pluginsignature.h"

#include "enumnames.h"

#include <longlink/transport.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QCryptographicHash>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QPluginLoader>

#ifdef Q_OS_LINUX
#include <cstring>
#include <elf.h>
#endif

using namespace Qt::StringLiterals;

namespace longlink {

namespace {
// lupdate files the strings of TransportPluginInfo's members under
// "longlink::TransportPluginInfo" and those of the helpers below under the
// namespace, "longlink"; one wrapper serves both, so it looks in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("longlink::TransportPluginInfo", text);
    return translated == QLatin1StringView(text) ? QCoreApplication::translate("longlink", text)
                                                 : translated;
}

#ifdef Q_OS_LINUX
template<typename Header, typename ProgramHeader> QString elfTruncation(const QByteArray &bytes)
{
    if (size_t(bytes.size()) < sizeof(Header))
        return tr("the file is shorter than an ELF header");
    Header header;
    std::memcpy(&header, bytes.constData(), sizeof header);
    const quint64 size = quint64(bytes.size());
    // Offsets come from the file: compared without adding to them, an
    // offset near 2^64 would wrap round and pass (found by fuzz_pluginfile).
    auto fits = [size](quint64 offset, quint64 length) {
        return offset <= size && length <= size - offset;
    };
    if (!fits(header.e_shoff, quint64(header.e_shnum) * header.e_shentsize))
        return tr("the file ends before its section table (truncated or still being written)");
    if (!fits(header.e_phoff, quint64(header.e_phnum) * header.e_phentsize))
        return tr("the file ends before its program headers (truncated or still being written)");
    // Each entry is read whole below: one smaller than the struct would read
    // past the end of the file (found by fuzz_pluginfile).
    if (header.e_phnum > 0 && header.e_phentsize < sizeof(ProgramHeader))
        return tr("its program headers are malformed");
    for (int i = 0; i < header.e_phnum; ++i) {
        ProgramHeader program;
        std::memcpy(&program, bytes.constData() + header.e_phoff + quint64(i) * header.e_phentsize,
                sizeof program);
        if (!fits(program.p_offset, program.p_filesz))
            return tr("the file ends inside a loadable segment (truncated or still being written)");
    }
    return QString();
}
#endif

#ifdef Q_OS_LINUX
// Offsets and sizes come from the file: compared without adding to them, an
// offset near 2^64 would wrap round and pass.
bool fitsIn(quint64 size, quint64 offset, quint64 length)
{
    return offset <= size && length <= size - offset;
}

template<typename Header, typename SectionHeader, typename Symbol, typename Bind>
QStringList elfUniqueSymbols(const QByteArray &bytes, int limit, int *total, Bind bindOf)
{
    QStringList names;
    const quint64 size = quint64(bytes.size());
    if (size < sizeof(Header))
        return names;
    Header header;
    std::memcpy(&header, bytes.constData(), sizeof header);
    if (header.e_shnum == 0 || header.e_shentsize < sizeof(SectionHeader)
            || !fitsIn(size, header.e_shoff, quint64(header.e_shnum) * header.e_shentsize))
        return names;
    auto section = [&](quint64 index) {
        SectionHeader sh;
        std::memcpy(
                &sh, bytes.constData() + header.e_shoff + index * header.e_shentsize, sizeof sh);
        return sh;
    };
    for (quint64 i = 0; i < header.e_shnum; ++i) {
        const SectionHeader symbols = section(i);
        if (symbols.sh_type != SHT_DYNSYM || symbols.sh_link >= header.e_shnum)
            continue;
        const SectionHeader strings = section(symbols.sh_link);
        const quint64 entry = symbols.sh_entsize;
        if (entry < sizeof(Symbol) || !fitsIn(size, symbols.sh_offset, symbols.sh_size)
                || !fitsIn(size, strings.sh_offset, strings.sh_size))
            continue;
        const char *table = bytes.constData() + strings.sh_offset;
        for (quint64 at = 0; at + entry <= symbols.sh_size; at += entry) {
            Symbol symbol;
            std::memcpy(&symbol, bytes.constData() + symbols.sh_offset + at, sizeof symbol);
            if (bindOf(symbol.st_info) != STB_GNU_UNIQUE)
                continue;
            if (total)
                ++*total;
            if (names.size() >= limit || symbol.st_name >= strings.sh_size)
                continue;
            const quint64 room = strings.sh_size - symbol.st_name;
            const char *name = table + symbol.st_name;
            const void *end = std::memchr(name, 0, size_t(room));
            names.append(QString::fromLatin1(name,
                    end ? qsizetype(static_cast<const char *>(end) - name) : qsizetype(room)));
        }
    }
    return names;
}
#endif

// Qt reads plugin metadata from the start of the file, so a half-written
// library can look fine to QPluginLoader::metaData() and then crash dlopen.
// Nothing in Qt checks that an ELF file is whole, hence this small check.
QString truncationProblem(const QByteArray &bytes)
{
#ifdef Q_OS_LINUX
    if (bytes.size() < EI_NIDENT || std::memcmp(bytes.constData(), ELFMAG, SELFMAG) != 0)
        return QString(); // not ELF: the metadata check decides
    if (bytes.at(EI_CLASS) == ELFCLASS64)
        return elfTruncation<Elf64_Ehdr, Elf64_Phdr>(bytes);
    if (bytes.at(EI_CLASS) == ELFCLASS32)
        return elfTruncation<Elf32_Ehdr, Elf32_Phdr>(bytes);
    return tr("unknown ELF class");
#else
    Q_UNUSED(bytes);
    return QString();
#endif
}

} // namespace

QStringList TransportPluginInfo::uniqueSymbols(const QByteArray &bytes, int limit, int *total)
{
    if (total)
        *total = 0;
#ifdef Q_OS_LINUX
    if (bytes.size() < EI_NIDENT || std::memcmp(bytes.constData(), ELFMAG, SELFMAG) != 0)
        return {};
    const char order = Q_BYTE_ORDER == Q_LITTLE_ENDIAN ? ELFDATA2LSB : ELFDATA2MSB;
    if (bytes.at(EI_DATA) != order)
        return {};
    if (bytes.at(EI_CLASS) == ELFCLASS64)
        return elfUniqueSymbols<Elf64_Ehdr, Elf64_Shdr, Elf64_Sym>(
                bytes, limit, total, [](unsigned char info) { return ELF64_ST_BIND(info); });
    if (bytes.at(EI_CLASS) == ELFCLASS32)
        return elfUniqueSymbols<Elf32_Ehdr, Elf32_Shdr, Elf32_Sym>(
                bytes, limit, total, [](unsigned char info) { return ELF32_ST_BIND(info); });
    return {};
#else
    Q_UNUSED(bytes);
    Q_UNUSED(limit);
    return {};
#endif
}

QString TransportPluginInfo::untrustedReason(const PathTrust::Verdict &verdict)
{
    return tr("not trusted: %1 - %2").arg(verdict.path, verdict.reason);
}

QString TransportPluginInfo::stateName(State state)
{
    return enumName(state);
}

QString TransportPluginInfo::problemName(Problem problem)
{
    return enumName(problem);
}

TransportPluginInfo TransportPluginInfo::inspect(
        const QString &path, const QString &shadowFolder, const QString &trustedKeys)
{
    TransportPluginInfo info;
    const QFileInfo fileInfo(path);
    info.file = fileInfo.absoluteFilePath();
    info.size = fileInfo.size();
    info.modified = fileInfo.lastModified();
    auto reject = [&info](Problem problem, const QString &reason) {
        info.state = State::Rejected;
        info.problem = problem;
        info.reason = reason;
        return info;
    };

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return reject(Problem::Unreadable, tr("cannot read the file: %1").arg(file.errorString()));
    const QByteArray content = file.readAll();
    file.close();
    info.hash = QString::fromLatin1(
            QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    if (content.isEmpty())
        return reject(Problem::Incomplete, tr("the file is empty"));
    if (const QString truncated = truncationProblem(content); !truncated.isEmpty())
        return reject(Problem::Incomplete, truncated);

    // A plugin runs with the user's rights: a file, or any folder above it,
    // that another account may change is a door into this one.
    if (const PathTrust::Verdict trust = PathTrust::check(info.file); !trust.trusted)
        return reject(Problem::InsecurePermissions, untrustedReason(trust));
    // Signed, when asked for: over exactly the bytes hashed above, which are
    // the bytes copied and loaded below.
    if (!trustedKeys.isEmpty()) {
        const PluginSignature::Verdict signature
                = PluginSignature::verify(content, info.file, trustedKeys);
        if (!signature.valid)
            return reject(signature.missing ? Problem::Unsigned : Problem::BadSignature,
                    signature.reason);
        info.signedBy = signature.key;
    }

    // From here on we look only at a private copy of exactly the bytes we
    // hashed and checked: the dropped file may change under us at any time,
    // and a library overwritten while mapped crashes the process.
    info.loadPath = info.file;
    if (!shadowFolder.isEmpty()) {
        info.loadPath = shadowFolder + u'/' + info.hash.left(32) + u'.' + fileInfo.suffix();
        if (!QFileInfo::exists(info.loadPath)) {
            QFile copy(info.loadPath + u".part"_s);
            if (!copy.open(QIODevice::WriteOnly) || copy.write(content) != content.size()
                    || !copy.flush()) {
                copy.remove();
                return reject(Problem::Unreadable,
                        tr("cannot make a private copy: %1").arg(copy.errorString()));
            }
            copy.close();
            copy.setPermissions(QFile::ReadOwner | QFile::WriteOwner); // whatever the umask
            if (!QFile::rename(copy.fileName(), info.loadPath)) {
                copy.remove();
                return reject(Problem::Unreadable, tr("cannot make a private copy"));
            }
        }
    }

    // metaData() reads the .qtmetadata section from the file; no plugin code runs.
    const QPluginLoader loader(info.loadPath);
    const QJsonObject raw = loader.metaData();
    if (raw.isEmpty())
        return reject(Problem::NotAPlugin, tr("not a Qt plugin (no plugin metadata found)"));
    const QString iid = raw.value(u"IID"_s).toString();
    if (iid != QLatin1StringView(LONGLINK_TRANSPORT_IID))
        return reject(Problem::WrongIid,
                tr("interface \"%1\" is not \"%2\"")
                        .arg(iid, QLatin1StringView(LONGLINK_TRANSPORT_IID)));
    const QJsonObject meta = raw.value(u"MetaData"_s).toObject();
    info.name = meta.value(u"name"_s).toString();
    info.version = QVersionNumber::fromString(meta.value(u"version"_s).toString());
    info.apiVersion = meta.value(u"apiVersion"_s).toString();
    info.description = meta.value(u"description"_s).toString();
    info.vendor = meta.value(u"vendor"_s).toString();
    // 1.0 named one format as a string, 1.1 lists them.
    const QJsonValue handover = meta.value(u"handover"_s);
    if (handover.isString() && !handover.toString().isEmpty())
        info.handovers = { handover.toString() };
    for (const QJsonValue &format : handover.toArray()) {
        if (!format.toString().isEmpty())
            info.handovers.append(format.toString());
    }
    for (const QJsonValue &scheme : meta.value(u"schemes"_s).toArray()) {
        if (!scheme.toString().isEmpty())
            info.schemes.append(scheme.toString().toLower());
    }
    if (info.name.isEmpty())
        return reject(Problem::BadMetadata, tr("metadata has no \"name\""));
    if (info.version.isNull() || info.version.segmentCount() != 3)
        return reject(Problem::BadMetadata,
                tr("metadata \"version\" is not a semantic version like 1.2.3"));
    const QVersionNumber api = QVersionNumber::fromString(info.apiVersion);
    if (api.segmentCount() != 2)
        return reject(Problem::BadMetadata, tr("metadata \"apiVersion\" is not major.minor"));
    if (api.majorVersion() != sdk::kApiMajor || api.minorVersion() > sdk::kApiMinor)
        return reject(Problem::IncompatibleApi,
                tr("built for SDK %1, this host speaks %2.%3")
                        .arg(info.apiVersion)
                        .arg(sdk::kApiMajor)
                        .arg(sdk::kApiMinor));
    if (info.schemes.isEmpty())
        return reject(Problem::NoSchemes, tr("metadata lists no \"schemes\""));
    if (!meta.contains(u"options"_s)) {
        // What SDK 1.0 documented as known options.
        info.options = { { u"connectTimeoutMs"_s, u"int"_s }, { u"noDelay"_s, u"bool"_s } };
    } else if (!meta.value(u"options"_s).isObject()) {
        return reject(Problem::BadMetadata,
                tr("metadata \"options\" is not an object of option names and types"));
    }
    static const QStringList types = { u"int"_s, u"bool"_s, u"string"_s, u"file"_s, u"list"_s };
    const QJsonObject options = meta.value(u"options"_s).toObject();
    for (auto it = options.begin(); it != options.end(); ++it) {
        if (!types.contains(it.value().toString()))
            return reject(Problem::BadMetadata,
                    tr("metadata option \"%1\" has no known type (one of %2)")
                            .arg(it.key(), types.join(u", "_s)));
        info.options.insert(it.key(), it.value().toString());
    }
    return info;
}

QString TransportPluginInfo::handoverWith(const TransportPluginInfo &other) const
{
    for (const QString &format : handovers) {
        if (other.handovers.contains(format))
            return format;
    }
    return {};
}

} // namespace longlink
