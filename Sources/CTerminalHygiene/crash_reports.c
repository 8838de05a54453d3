// Crash reports: on a crash, after the terminal is restored, one line on stderr says where the report goes, and
// the runtime's backtracer, started next by the handler this one chains to, writes its report there.
#define _GNU_SOURCE 1
#include "terminal_hygiene.h"
#if defined(__linux__)
#include <link.h>
#include <sys/stat.h>
#endif
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__linux__) && defined(__GLIBC__)
// The Swift runtime is linked into the binary (Package.swift, staticRuntime), so it looks for its crash backtracer
// beside the binary, where there is none, and a crash would leave an empty report. Before the runtime's own start-up
// code reads SWIFT_BACKTRACE (priority 101 runs ahead of it), this adds `swift-backtrace=PATH` to it: the
// swift-backtrace-static of the toolchain that built the program (THRIVE_SWIFT_BACKTRACER, from Package.swift), or
// else the one beside the first `swift` on PATH. A setting that already names a backtracer is left alone, and so is
// a shared runtime, which finds its own. CrashReports.install puts the variable back as it was.

// The runtime finds the command line by walking back from `environ` to the arguments just before it on the initial
// stack, which fails once anything (setenv here, or a preloaded library's constructor) has moved `environ` to the
// heap. This is the runtime's own override (exported for the REPL and JIT), given the arguments glibc hands
// constructors.
extern void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc) __attribute__((swiftcall));

static int cn_backtrace_setting_changed = 0;
static char *cn_backtrace_setting_at_launch = NULL;  // NULL: it was not set
// The runtime is linked in and no backtracer was found: the report then says so instead of staying empty.
static int cn_backtracer_missing = 0;

static int cn_find_shared_runtime(struct dl_phdr_info *info, size_t size, void *found) {
    (void)size;
    if (info->dlpi_name != NULL && strstr(info->dlpi_name, "/libswiftCore.so") != NULL) *(int *)found = 1;
    return *(int *)found;
}

// The runtime splits SWIFT_BACKTRACE at commas, so a path with one cannot be passed.
static int cn_usable_backtracer(const char *path) {
    return strchr(path, ',') == NULL && access(path, X_OK) == 0;
}

// BINDIR/../libexec/swift/linux/swift-backtrace-static into `out`, if it is there.
static int cn_backtracer_beside(const char *bindir, size_t n, char *out, size_t size) {
    int w = snprintf(out, size, "%.*s/../libexec/swift/linux/swift-backtrace-static", (int)n, bindir);
    return w > 0 && (size_t)w < size && cn_usable_backtracer(out);
}

// The path baked in at build time is trusted only if nobody but root or this user can have put a program there:
// a binary copied to another machine must not run whatever someone left at, say, /tmp/swift/usr/libexec/….
static int cn_owned_safely(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) return 0;
    return (st.st_uid == 0 || st.st_uid == getuid()) && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

static int cn_trusted_backtracer(const char *path) {
    char folder[PATH_MAX];
    const char *slash = strrchr(path, '/');
    size_t n = slash != NULL ? (size_t)(slash - path) : 0;
    if (n == 0 || n >= sizeof folder) return 0;
    memcpy(folder, path, n);
    folder[n] = '\0';
    return cn_owned_safely(folder) && cn_owned_safely(path) && cn_usable_backtracer(path);
}

// Runs at every launch, so it touches the file system as little as it can: loaded libraries are listed from memory
// (a dlopen with RTLD_NOLOAD searched 90 paths), and a PATH entry costs one access() unless it has a swift.
static int cn_find_backtracer(char *out, size_t size) {
#ifdef THRIVE_SWIFT_BACKTRACER
    if (strlen(THRIVE_SWIFT_BACKTRACER) < size && cn_trusted_backtracer(THRIVE_SWIFT_BACKTRACER)) {
        memcpy(out, THRIVE_SWIFT_BACKTRACER, strlen(THRIVE_SWIFT_BACKTRACER) + 1);
        return 1;
    }
#endif
    const char *search = getenv("PATH");
    if (search == NULL) return 0;
    char swift[PATH_MAX], resolved[PATH_MAX];
    for (const char *p = search; *p != '\0';) {
        size_t n = strcspn(p, ":");
        // Absolute entries only: a relative one would run whatever the current folder holds.
        if (n > 0 && p[0] == '/' && n < sizeof swift - 8) {
            memcpy(swift, p, n);
            memcpy(swift + n, "/swift", 7);
            if (access(swift, X_OK) == 0) {
                if (cn_backtracer_beside(p, n, out, size)) return 1;
                // A `swift` that is a link into a toolchain elsewhere (/usr/bin/swift): look beside its target.
                if (realpath(swift, resolved) == NULL) return 0;
                char *slash = strrchr(resolved, '/');
                return slash != NULL && cn_backtracer_beside(resolved, (size_t)(slash - resolved), out, size);
            }
        }
        p += n;
        if (*p == ':') ++p;
    }
    return 0;
}

__attribute__((constructor(101))) static void cn_point_runtime_at_backtracer(int argc, char **argv, char **envp) {
    (void)envp;
    int shared = 0;
    dl_iterate_phdr(cn_find_shared_runtime, &shared);
    if (shared) return;
    _swift_stdlib_overrideUnsafeArgvArgc(argv, argc);
    const char *setting = getenv("SWIFT_BACKTRACE");
    if (setting != NULL && strstr(setting, "swift-backtrace=") != NULL) return;
    char backtracer[PATH_MAX + 64];
    if (!cn_find_backtracer(backtracer, sizeof backtracer)) { cn_backtracer_missing = 1; return; }
    // The runtime reads a key up to the next `=`, commas included: an empty setting, or one ending in a comma,
    // must not get another comma in front of the key.
    const char *before = setting != NULL ? setting : "";
    size_t before_len = strlen(before);
    const char *comma = before_len > 0 && before[before_len - 1] != ',' ? "," : "";
    size_t size = before_len + 1 + strlen(backtracer) + sizeof "swift-backtrace=";
    char *value = malloc(size);
    if (value == NULL) return;
    snprintf(value, size, "%s%sswift-backtrace=%s", before, comma, backtracer);
    if (setting != NULL) cn_backtrace_setting_at_launch = strdup(setting);
    if (setting == NULL || cn_backtrace_setting_at_launch != NULL) {
        if (setenv("SWIFT_BACKTRACE", value, 1) == 0) cn_backtrace_setting_changed = 1;
    }
    free(value);
}

int cn_crash_backtracer_restore_environment(void) {
    if (!cn_backtrace_setting_changed) return 0;
    if (cn_backtrace_setting_at_launch != NULL) setenv("SWIFT_BACKTRACE", cn_backtrace_setting_at_launch, 1);
    else unsetenv("SWIFT_BACKTRACE");
    return 1;
}
#else
int cn_crash_backtracer_restore_environment(void) { return 0; }
static const int cn_backtracer_missing = 0;
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
    if (cn_backtracer_missing) {
        static const char why[] = "thrive-inspector crashed. No backtrace: the Swift runtime is linked into the program, "
            "and its backtracer (swift-backtrace-static) was found neither where the toolchain that built it keeps it "
            "nor beside the first `swift` on PATH. Run the program with a toolchain's bin folder on PATH, or set "
            "SWIFT_BACKTRACE=swift-backtrace=/path/to/swift-backtrace-static.\n";
        ssize_t r = write(STDERR_FILENO, why, sizeof why - 1);
        (void)r;
    }
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
