#ifndef TERMINAL_HYGIENE_H
#define TERMINAL_HYGIENE_H
// Restores the shell's terminal when the program ends in any way: exit(), SIGINT/SIGTERM/SIGHUP
// (restore, then die of the same signal) and crashes (restore, then re-raise with the previous
// handler so the Swift runtime's backtrace prints on a clean screen). SIGWINCH wakes poll() through
// a pipe. Handlers only call async-signal-safe functions: write, tcsetattr, sigaction, raise.
#include <stddef.h>

/// Saves the shell's tty mode; call before newterm.
void cn_save_termios(int fd);
/// Installs the handlers. `reset`: bytes that undo the screen setup from a signal handler;
/// `extras`: what endwin does not undo by itself (bracketed paste). `winch_fd`: a pipe to wake poll().
void cn_hygiene_install(int out_fd, int winch_fd, const char *reset, size_t reset_len,
                        const char *extras, size_t extras_len);
/// Puts every handler back as it was before cn_hygiene_install.
void cn_hygiene_uninstall(void);
/// 1 while the screen is taken over (handlers restore it), 0 while it is given back.
void cn_hygiene_set_active(int on);
/// The extras sequence given to cn_hygiene_install.
size_t cn_hygiene_extras(const char **bytes);
/// Stops the process as Ctrl-Z would in cooked mode; returns when the shell continues it.
void cn_stop_process(void);
/// The window size from the kernel; -1 when unknown.
int cn_tty_size(int fd, int *rows, int *cols);
/// Restores the terminal from a signal handler, if the screen is taken over (async-signal-safe).
void cn_hygiene_restore_from_signal(void);

/// Crash reports, for the whole process: on SIGSEGV/SIGABRT/SIGILL/SIGBUS/SIGFPE/SIGTRAP, restore the
/// terminal, write `message` to stderr, then let the previous handler (the runtime's backtracer) run.
void cn_crash_reports_install(const char *message);
/// On a crash, after the announcement, standard output and error go to `path` and standard input reads nothing.
void cn_crash_reports_redirect(const char *path);
/// Writes the message alone, for the terminal's own crash handler; does nothing after the first call.
void cn_crash_report_announce(void);
/// When this program added the backtracer's path to SWIFT_BACKTRACE at start-up (for the linked-in runtime), puts the
/// variable back as it was (unset, or the person's value) and returns 1; call it first thing in main.
int cn_crash_backtracer_restore_environment(void);

#endif
