// bench_rusage FILE PROGRAM [ARGS...]: runs PROGRAM with this process's
// stdin, stdout and stderr, waits for it and writes the CPU time it used to
// FILE as "USER_US SYSTEM_US MAXRSS_KB". Exits as PROGRAM did.
//
// The benchmarks start their clients through it: QProcess reaps a child
// without asking for its resource usage, and /proc/<pid>/stat is gone by the
// time the bench notices the exit. No Qt here, so it adds only an exec.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

pid_t g_child = -1;

// A bench ends a client with SIGTERM (or SIGKILL, which nothing can pass on):
// the client gets the SIGTERM and the usage is still written.
void forward(int signal)
{
    if (g_child > 0)
        kill(g_child, signal);
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 3) {
        std::fputs("usage: bench_rusage FILE PROGRAM [ARGS...]\n", stderr);
        return 2;
    }
    const pid_t parent = getpid();
    g_child = fork();
    if (g_child < 0) {
        std::perror("bench_rusage: fork");
        return 127;
    }
    if (g_child == 0) {
        // Killed with us if we are killed, so no client outlives its bench.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(127);
        execvp(argv[2], argv + 2);
        std::perror("bench_rusage: exec");
        _exit(127);
    }
    struct sigaction action = {};
    action.sa_handler = forward;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGHUP, &action, nullptr);

    int status = 0;
    struct rusage usage = {};
    while (wait4(g_child, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            std::perror("bench_rusage: wait4");
            return 127;
        }
    }
    if (FILE *out = std::fopen(argv[1], "w")) {
        std::fprintf(out, "%lld %lld %ld\n",
                (long long)usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec,
                (long long)usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec,
                usage.ru_maxrss);
        std::fclose(out);
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
}
