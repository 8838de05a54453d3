// Crash reports: on a crash, after the terminal is restored, one line on stderr says where the report goes.
// The report itself is written by the Swift runtime's backtracer, which the program configures at start
// (SWIFT_BACKTRACE: not interactive, output to the state folder). See include/terminal_hygiene.h.
#define _DEFAULT_SOURCE 1
#include "terminal_hygiene.h"
#include <signal.h>
#include <string.h>
#include <unistd.h>

static struct {
    volatile sig_atomic_t armed;
    char message[1400];
    size_t message_len;
    int installed[65];
    struct sigaction previous[65];
} cn_crash = { 0 };

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
