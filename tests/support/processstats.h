#pragma once

#include <QtCore/QtGlobal>

namespace longlink::test {

// What Linux reports about a running process in /proc, for the benchmarks.

// VmRSS from /proc/<pid>/status, in bytes; -1 when the process is gone.
qint64 residentBytes(qint64 pid);

// User plus system CPU time so far from /proc/<pid>/stat, in seconds (all
// threads); -1 when the process is gone.
double cpuSeconds(qint64 pid);

} // namespace longlink::test
