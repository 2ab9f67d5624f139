#include "processstats.h"

#include <QtCore/QByteArray>
#include <QtCore/QFile>
#include <QtCore/QList>

#include <unistd.h>

namespace longlink::test {

namespace {
QByteArray readProcFile(qint64 pid, const char *name)
{
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1StringView(name)));
    // /proc files report a size of 0: read until the end, not size() bytes.
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

qint64 residentBytes(qint64 pid)
{
    const QByteArray status = readProcFile(pid, "status");
    for (const QByteArray &line : status.split('\n')) {
        if (line.startsWith("VmRSS:")) {
            // "VmRSS:	   21344 kB"
            const QList<QByteArray> fields = line.mid(6).simplified().split(' ');
            return fields.value(0).toLongLong() * 1024;
        }
    }
    return -1;
}

double cpuSeconds(qint64 pid)
{
    const QByteArray stat = readProcFile(pid, "stat");
    // The command name (field 2) is in parentheses and may hold spaces; the
    // fields after the last ')' start with field 3 (state). utime and stime
    // are fields 14 and 15, in clock ticks.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / ticks;
}

} // namespace longlink::test
