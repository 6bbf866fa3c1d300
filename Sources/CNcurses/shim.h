// The only C surface of desk: ncursesw with wide-character support, plus thin
// wrappers for what Swift cannot import (macros and the stdscr global).
#ifndef DESK_CNCURSES_SHIM_H
#define DESK_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *desk_stdscr(void) { return stdscr; }
static inline int desk_rows(void) { int y, x; getmaxyx(stdscr, y, x); (void)x; return y; }
static inline int desk_cols(void) { int y, x; getmaxyx(stdscr, y, x); (void)y; return x; }
static inline int desk_key_f(int n) { return KEY_F(n); }
static inline int desk_key_resize(void) { return KEY_RESIZE; }
static inline int desk_wcwidth(wchar_t c) { return wcwidth(c); }
static inline int desk_set_escdelay(int ms) { return set_escdelay(ms); }
static inline attr_t desk_a_normal(void) { return A_NORMAL; }
static inline attr_t desk_a_bold(void) { return A_BOLD; }
static inline attr_t desk_a_dim(void) { return A_DIM; }
static inline attr_t desk_a_reverse(void) { return A_REVERSE; }
static inline attr_t desk_a_underline(void) { return A_UNDERLINE; }
static inline attr_t desk_a_italic(void) { return A_ITALIC; }
static inline attr_t desk_color_pair(short n) { return COLOR_PAIR(n); }
static inline int desk_err(void) { return ERR; }
static inline int desk_colors(void) { return COLORS; }
/// newterm on the process's stdout/stdin: NULL (instead of exiting, as initscr does) when TERM is unusable.
static inline int desk_newterm(void) { return newterm(NULL, stdout, stdin) != NULL; }
static inline int desk_key_code_yes(void) { return KEY_CODE_YES; }
/// The key code ncurses gives an extended key such as "kLFT5" (Ctrl-Left), or 0 when unknown.
static inline int desk_key_named(const char *name) { int k = key_defined(name); return k > 0 ? k : 0; }
static inline int desk_key_sleft(void) { return KEY_SLEFT; }
static inline int desk_key_sright(void) { return KEY_SRIGHT; }
static inline int desk_key_sr(void) { return KEY_SR; }
static inline int desk_key_sf(void) { return KEY_SF; }
/// Bracketed paste on/off: the terminal wraps pasted text in ESC[200~ … ESC[201~.
static inline void desk_bracketed_paste(int on) { fputs(on ? "\033[?2004h" : "\033[?2004l", stdout); fflush(stdout); }

/// Draws one grapheme (base + combining marks, up to 8 code points) at y,x.
static inline int desk_put_grapheme(int y, int x, const wchar_t *wcs, int n, attr_t attrs, short pair) {
    cchar_t cc;
    wchar_t buf[9];
    if (n > 8) n = 8;
    for (int i = 0; i < n; i++) buf[i] = wcs[i];
    buf[n] = 0;
    if (setcchar(&cc, buf, attrs, pair, NULL) == ERR) return ERR;
    return mvadd_wch(y, x, &cc);
}

/// get_wch wrapper: returns KEY_CODE_YES for function keys, OK for characters, ERR on timeout.
static inline int desk_get_wch(wint_t *out) { return get_wch(out); }

#endif
