#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D flags, so wide-character support is switched on here.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 rejects direct use of these mutable C globals; read them through functions.
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline WINDOW *cn_curscr(void) { return curscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline int cn_err(void) { return ERR; }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cn_key_resize(void) { return KEY_RESIZE; }
static inline int cn_key_mouse(void) { return KEY_MOUSE; }
static inline chtype cn_a_bold(void) { return A_BOLD; }
static inline chtype cn_a_reverse(void) { return A_REVERSE; }
static inline chtype cn_a_underline(void) { return A_UNDERLINE; }
static inline chtype cn_a_dim(void) { return A_DIM; }
static inline int cn_color_pair(int n) { return (int)COLOR_PAIR(n); }

// thrive-bench's figures at the first frame itself: with THRIVE_FIRST_FRAME_REPORT naming a file, appends
// "CLOCK_MONOTONIC_NS CLOCK_REALTIME_NS RESIDENT_KB" to it. The programs call it once, right after their first full frame reaches the
// terminal; polling tmux from outside sees that frame milliseconds later, with whatever started behind it.
static inline void cn_report_first_frame(void) {
    const char *path = getenv("THRIVE_FIRST_FRAME_REPORT");
    if (path == NULL || *path == 0) return;
    struct timespec now, wall;
    clock_gettime(CLOCK_MONOTONIC, &now);
    clock_gettime(CLOCK_REALTIME, &wall);
    long size = 0, resident = 0;
    FILE *statm = fopen("/proc/self/statm", "r");
    if (statm != NULL) {
        if (fscanf(statm, "%ld %ld", &size, &resident) != 2) resident = 0;
        fclose(statm);
    }
    FILE *out = fopen(path, "a");
    if (out == NULL) return;
    fprintf(out, "%lld %lld %ld\n", (long long)now.tv_sec * 1000000000LL + now.tv_nsec,
            (long long)wall.tv_sec * 1000000000LL + wall.tv_nsec, resident * (sysconf(_SC_PAGESIZE) / 1024));
    fclose(out);
}

// glibc only declares wcwidth for _XOPEN_SOURCE, which SwiftPM does not pass; it is always in libc.
extern int wcwidth(wchar_t c);
static inline int cn_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// newterm instead of initscr: an unknown TERM returns NULL instead of exiting the process.
static inline SCREEN *cn_newterm(void) { return newterm(NULL, stdout, stdin); }

// The codeset of the current LC_CTYPE ("UTF-8", "ANSI_X3.4-1968", ...).
static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }

// A terminfo string capability, or NULL when absent or not a string capability.
static inline const char *cn_cap(const char *name) {
    char *s = tigetstr(name);
    return (s == NULL || s == (char *)-1) ? NULL : s;
}

// Pair numbers above 255 only work through the extended API (ncurses >= 6.1).
static inline int cn_init_pair(int pair, int fg, int bg) {
#if NCURSES_EXT_COLORS
    return init_extended_pair(pair, fg, bg);
#else
    return init_pair((short)pair, (short)fg, (short)bg);
#endif
}

// One cell: `wch` is a NUL-terminated spacing character plus up to four combining characters.
static inline int cn_put_cell(WINDOW *win, int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
    cchar_t cc;
#if NCURSES_EXT_COLORS
    if (setcchar(&cc, wch, attrs, 0, &pair) == ERR) return ERR;
#else
    if (setcchar(&cc, wch, attrs, (short)pair, NULL) == ERR) return ERR;
#endif
    return mvwadd_wch(win, y, x, &cc);
}

// Button 1 press/release and the wheel (buttons 4 and 5). Returns non-zero when the terminal has a mouse.
static inline int cn_enable_mouse(void) {
    mmask_t want = BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED;
    mmask_t got = mousemask(want, NULL);
    mouseinterval(0);
    return got != 0;
}

// Reads the pending mouse event. Returns 0 (none/other), 1 press, 2 release, 3 wheel up, 4 wheel down.
static inline int cn_read_mouse(int *x, int *y) {
    MEVENT ev;
    if (getmouse(&ev) != OK) return 0;
    *x = ev.x; *y = ev.y;
    if (ev.bstate & BUTTON4_PRESSED) return 3;
    if (ev.bstate & BUTTON5_PRESSED) return 4;
    if (ev.bstate & BUTTON1_PRESSED) return 1;
    if (ev.bstate & BUTTON1_RELEASED) return 2;
    return 0;
}

// Restoring the terminal from signal handlers lives in the CTerminalHygiene target: its state must be
// one real C object, which a header-only system module cannot define.

#endif
