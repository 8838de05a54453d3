// Crash reports: on a crash, after the terminal is restored, one line on stderr says where the report goes, and
// the runtime's backtracer, started next by the handler this one chains to, writes its report there.
#define _GNU_SOURCE 1
#include "terminal_hygiene.h"
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
extern char **environ;
static int cn_backtracer_ours = 0;
static char **cn_environ_at_start = NULL;

// The runtime finds the command line by walking back from `environ` to the arguments just before it on the initial
// stack; once setenv has moved `environ` to the heap that walk finds nothing. This is the runtime's own override
// (exported for the REPL and JIT), handed the arguments glibc gives constructors, so the command line stays intact.
extern void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc) __attribute__((swiftcall));

// The Swift runtime is linked into the binary (Package.swift, staticRuntime), so it looks for its backtracer beside
// the binary, where there is none, and a crash would leave an empty report. Before the runtime's own start-up code
// reads SWIFT_BACKTRACE (priority 101 runs ahead of it), point it at the toolchain's swift-backtrace-static, found
// through the `swift` on PATH. A person's own SWIFT_BACKTRACE is left alone, and so is a shared runtime, which
// finds its backtracer itself.
__attribute__((constructor(101))) static void cn_point_runtime_at_backtracer(int argc, char **argv, char **envp) {
    (void)envp;
    if (getenv("SWIFT_BACKTRACE") != NULL) return;
    void *shared = dlopen("libswiftCore.so", RTLD_LAZY | RTLD_NOLOAD);
    if (shared != NULL) { dlclose(shared); return; }
    const char *search = getenv("PATH");
    if (search == NULL) return;
    char dir[PATH_MAX], swift[PATH_MAX], backtracer[PATH_MAX + 64];
    for (const char *p = search; *p != '\0';) {
        size_t n = strcspn(p, ":");
        if (n > 0 && n < sizeof dir - 8) {
            memcpy(dir, p, n);
            memcpy(dir + n, "/swift", 7);
            if (realpath(dir, swift) != NULL) {
                char *slash = strrchr(swift, '/');
                if (slash != NULL) *slash = '\0';
                int w = snprintf(backtracer, sizeof backtracer, "swift-backtrace=%s/../libexec/swift/linux/swift-backtrace-static", swift);
                if (w > 0 && (size_t)w < sizeof backtracer && access(backtracer + 16, X_OK) == 0) {
                    cn_environ_at_start = environ;
                    _swift_stdlib_overrideUnsafeArgvArgc(argv, argc);
                    if (setenv("SWIFT_BACKTRACE", backtracer, 0) == 0) cn_backtracer_ours = 1;
                    return;
                }
            }
        }
        p += n;
        if (*p == ':') ++p;
    }
}

// Programs started from here (an editor, tmux) need not see the SWIFT_BACKTRACE the runtime has already read.
int cn_crash_backtracer_restore_environment(void) {
    if (!cn_backtracer_ours) return 0;
    environ = cn_environ_at_start;
    return 1;
}
#else
int cn_crash_backtracer_restore_environment(void) { return 0; }
#endif

static struct {
    volatile sig_atomic_t armed;
    char message[1400];
    size_t message_len;
    int installed[65];
    struct sigaction previous[65];
    char report_path[1200];
} cn_crash = { 0 };

void cn_crash_reports_redirect(const char *path) {
    size_t n = strlen(path);
    if (n < sizeof cn_crash.report_path) memcpy(cn_crash.report_path, path, n + 1);
}

// Async-signal-safe: the backtracer the runtime starts next inherits these descriptors, so its report goes to the
// file and, with nothing to read from, it cannot stop to wait for a key.
static void cn_crash_redirect_output(void) {
    if (cn_crash.report_path[0] == '\0') return;
    int fd = open(cn_crash.report_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) { dup2(fd, STDOUT_FILENO); dup2(fd, STDERR_FILENO); close(fd); }
    int nul = open("/dev/null", O_RDONLY);
    if (nul >= 0) { dup2(nul, STDIN_FILENO); close(nul); }
}

// Async-signal-safe: write only, once.
void cn_crash_report_announce(void) {
    if (!cn_crash.armed) return;
    cn_crash.armed = 0;
    ssize_t r = write(STDERR_FILENO, cn_crash.message, cn_crash.message_len);
    (void)r;
}

static void cn_crash_on_signal(int sig) {
    cn_hygiene_restore_from_signal();
    cn_crash_report_announce();
    cn_crash_redirect_output();
    if (sig > 0 && sig < 65 && cn_crash.installed[sig]) sigaction(sig, &cn_crash.previous[sig], NULL);
    else signal(sig, SIG_DFL);
    raise(sig);
}

void cn_crash_reports_install(const char *message) {
    size_t mlen = strlen(message);
    if (mlen >= sizeof cn_crash.message) return;
    memcpy(cn_crash.message, message, mlen + 1);
    cn_crash.message_len = mlen;
    const int signals[] = { SIGSEGV, SIGABRT, SIGILL, SIGBUS, SIGFPE, SIGTRAP };
    for (size_t k = 0; k < sizeof signals / sizeof signals[0]; ++k) {
        int sig = signals[k];
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sigemptyset(&sa.sa_mask);
        sa.sa_handler = cn_crash_on_signal;
        // SA_ONSTACK: the runtime's alternate stack, so a stack overflow is reported too.
        sa.sa_flags = SA_ONSTACK;
        if (sigaction(sig, &sa, &cn_crash.previous[sig]) == 0) cn_crash.installed[sig] = 1;
    }
    cn_crash.armed = 1;
}
