#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D flags, so wide-character support is switched on here.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

// Swift 6 rejects direct use of these mutable C globals; read them through functions.
static inline WINDOW *cn_stdscr(void) { return stdscr; }
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
#endif
