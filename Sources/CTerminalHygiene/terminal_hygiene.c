// Terminal hygiene for the ncurses backend: puts the shell's terminal back on exit, on fatal
// signals and on crashes. See include/terminal_hygiene.h for the interface.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#define _DEFAULT_SOURCE 1
#include "terminal_hygiene.h"
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>

// ---------------------------------------------------------------------------------------------
// Terminal hygiene: restoring the terminal from signal handlers.
//
// A signal handler may only call async-signal-safe functions, and endwin() is not one. So the
// Swift side pre-builds the byte sequence that undoes what ncurses did (leave the alternate
// screen, reset attributes, show the cursor, keypad/mouse/bracketed-paste off) and the handlers
// only call write(), tcsetattr(), sigaction() and raise(), all on the POSIX safe list.
//
// The state lives in this one translation unit, so every caller and every handler share it.
typedef struct {
    volatile sig_atomic_t active;
    int in_fd, out_fd, winch_fd;
    int has_termios, atexit_registered;
    struct termios termios;
    char reset[512];
    size_t reset_len;
    char extras[128];
    size_t extras_len;
    int installed[65];
    struct sigaction previous[65];
} cn_hygiene_t;

static cn_hygiene_t cn_hygiene = { .winch_fd = -1 };

// Saves the shell's tty mode; call before newterm.
void cn_save_termios(int fd) {
    cn_hygiene.in_fd = fd;
    cn_hygiene.has_termios = tcgetattr(fd, &cn_hygiene.termios) == 0;
}

void cn_hygiene_restore_from_signal(void) {
    if (!cn_hygiene.active) return;
    cn_hygiene.active = 0;
    if (cn_hygiene.reset_len > 0) {
        ssize_t r = write(cn_hygiene.out_fd, cn_hygiene.reset, cn_hygiene.reset_len);
        (void)r;
    }
    if (cn_hygiene.has_termios) tcsetattr(cn_hygiene.in_fd, TCSADRAIN, &cn_hygiene.termios);
}

// SIGINT/SIGTERM/SIGHUP: restore, then die of the same signal so the shell sees the right status.
static void cn_on_terminate(int sig) {
    cn_hygiene_restore_from_signal();
    signal(sig, SIG_DFL);
    raise(sig);
}

// Crashes: restore, put back the previous handler (the Swift runtime's backtracer, or the
// default) and re-raise; the pending signal is delivered with it as soon as this returns.
static void cn_on_crash(int sig) {
    cn_hygiene_restore_from_signal();
    cn_crash_report_announce();
    if (sig > 0 && sig < 65 && cn_hygiene.installed[sig]) sigaction(sig, &cn_hygiene.previous[sig], NULL);
    else signal(sig, SIG_DFL);
    raise(sig);
}

// SIGWINCH: let ncurses' own handler record the resize first, then wake poll() through a pipe (the
// signal may land on any thread). In the other order a loop woken on another core could read input
// before ncurses knew of the resize, find no KEY_RESIZE, and miss it until the next key.
static void cn_on_winch(int sig, siginfo_t *info, void *ctx) {
    int saved = errno;
    struct sigaction *p = &cn_hygiene.previous[SIGWINCH];
    if (p->sa_flags & SA_SIGINFO) {
        if (p->sa_sigaction != NULL) p->sa_sigaction(sig, info, ctx);
    } else if (p->sa_handler != SIG_DFL && p->sa_handler != SIG_IGN && p->sa_handler != NULL) {
        p->sa_handler(sig);
    }
    if (cn_hygiene.winch_fd >= 0) {
        char b = 1;
        ssize_t r = write(cn_hygiene.winch_fd, &b, 1);
        (void)r;
    }
    errno = saved;
}

// Normal exit() while the screen is up: not in a signal, so endwin() is fine here.
static void cn_at_exit(void) {
    if (!cn_hygiene.active) return;
    cn_hygiene.active = 0;
    if (cn_hygiene.extras_len > 0) {
        ssize_t r = write(cn_hygiene.out_fd, cn_hygiene.extras, cn_hygiene.extras_len);
        (void)r;
    }
    if (!isendwin()) endwin();
}

static void cn_hygiene_install_one(int sig, int flags, void (*handler)(int),
                                          void (*action)(int, siginfo_t *, void *)) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = flags;
    if (action != NULL) { sa.sa_flags |= SA_SIGINFO; sa.sa_sigaction = action; }
    else sa.sa_handler = handler;
    if (sigaction(sig, NULL, &old) != 0) return;
    // Respect a parent that asked us to ignore hangups or interrupts (nohup, background jobs).
    if (!(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN && sig != SIGWINCH) return;
    if (sigaction(sig, &sa, &cn_hygiene.previous[sig]) == 0) cn_hygiene.installed[sig] = 1;
}

// `reset`: bytes that undo the screen setup; `extras`: what endwin does not undo by itself.
void cn_hygiene_install(int out_fd, int winch_fd, const char *reset, size_t reset_len,
                                      const char *extras, size_t extras_len) {
    if (reset_len > sizeof cn_hygiene.reset) reset_len = sizeof cn_hygiene.reset;
    if (extras_len > sizeof cn_hygiene.extras) extras_len = sizeof cn_hygiene.extras;
    memcpy(cn_hygiene.reset, reset, reset_len);
    cn_hygiene.reset_len = reset_len;
    memcpy(cn_hygiene.extras, extras, extras_len);
    cn_hygiene.extras_len = extras_len;
    cn_hygiene.out_fd = out_fd;
    cn_hygiene.winch_fd = winch_fd;
    cn_hygiene_install_one(SIGINT, 0, cn_on_terminate, NULL);
    cn_hygiene_install_one(SIGTERM, 0, cn_on_terminate, NULL);
    cn_hygiene_install_one(SIGHUP, 0, cn_on_terminate, NULL);
    cn_hygiene_install_one(SIGSEGV, 0, cn_on_crash, NULL);
    cn_hygiene_install_one(SIGABRT, 0, cn_on_crash, NULL);
    cn_hygiene_install_one(SIGILL, 0, cn_on_crash, NULL);
    cn_hygiene_install_one(SIGBUS, 0, cn_on_crash, NULL);
    cn_hygiene_install_one(SIGFPE, 0, cn_on_crash, NULL);
    cn_hygiene_install_one(SIGWINCH, SA_RESTART, NULL, cn_on_winch);
    if (!cn_hygiene.atexit_registered) {
        cn_hygiene.atexit_registered = 1;
        atexit(cn_at_exit);
    }
    cn_hygiene.active = 1;
}

// Puts every handler back as it was before cn_hygiene_install.
void cn_hygiene_uninstall(void) {
    cn_hygiene.active = 0;
    for (int sig = 1; sig < 65; ++sig) {
        if (!cn_hygiene.installed[sig]) continue;
        sigaction(sig, &cn_hygiene.previous[sig], NULL);
        cn_hygiene.installed[sig] = 0;
    }
    cn_hygiene.winch_fd = -1;
}

// Stops the process as Ctrl-Z would in cooked mode, bypassing ncurses' SIGTSTP handler (the caller
// has already left curses mode); returns when the shell continues the process.
void cn_stop_process(void) {
    struct sigaction dfl, previous;
    memset(&dfl, 0, sizeof dfl);
    sigemptyset(&dfl.sa_mask);
    dfl.sa_handler = SIG_DFL;
    if (sigaction(SIGTSTP, &dfl, &previous) != 0) return;
    // The UI loop may run on a thread that blocks signals (Swift's concurrency threads do); unblocked
    // here, raise() stops the process before it returns, and returns after SIGCONT (`fg`).
    sigset_t tstp, saved;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &tstp, &saved);
    raise(SIGTSTP);
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    sigaction(SIGTSTP, &previous, NULL);
}

// The window size from the kernel, for after a stop when SIGWINCH may have been missed.
int cn_tty_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 0;
}

void cn_hygiene_set_active(int on) { cn_hygiene.active = on; }
size_t cn_hygiene_extras(const char **bytes) {
    *bytes = cn_hygiene.extras;
    return cn_hygiene.extras_len;
}

