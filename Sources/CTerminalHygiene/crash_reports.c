// Crash reports: on a crash, after the terminal is restored, one line on stderr says where the report goes, and
// the runtime's backtracer, started next by the handler this one chains to, writes its report there.
#define _DEFAULT_SOURCE 1
#include "terminal_hygiene.h"
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

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
