// libFuzzer target: the checks a dropped plugin file goes through before
// any of its code could run (size, ELF completeness, Qt plugin metadata,
// IID, API version, schemes), and the search for GNU unique symbols that
// longlink-transport-check makes. They read the file; they must never crash
// or load it, whatever its bytes.
#include "transportplugininfo.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QFile>
#include <QtCore/QStringList>
#include <QtCore/QTemporaryDir>

#include <cstdint>
#include <cstdlib>
#include <memory>

using longlink::TransportPluginInfo;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int argc = 1;
    static char name[] = "fuzz_pluginfile";
    static char *argv[] = { name, nullptr };
    static QCoreApplication app(argc, argv);
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("liblonglink-fuzz.so"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            std::abort();
        file.write(reinterpret_cast<const char *>(data), qint64(size));
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    int total = 0;
    const QStringList unique = TransportPluginInfo::uniqueSymbols(
            QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)), 3,
            &total);
    if (unique.size() > 3 || unique.size() > total)
        std::abort();
    const TransportPluginInfo info = TransportPluginInfo::inspect(path);
    if (info.state == TransportPluginInfo::State::Available
            && (info.name.isEmpty() || info.schemes.isEmpty()))
        std::abort(); // accepted with what the checks say it must have
    return 0;
}
