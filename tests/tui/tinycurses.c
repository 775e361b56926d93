/*
 * tinycurses.c — a tiny curses program that the tmux helper's own test
 * drives: it shows a fixed screen, the size, and the last key pressed;
 * "q" quits with status 0.
 */
#include "config.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>

static void
draw(const char *last)
{
	erase();
	mvaddstr(0, 0, "tiny curses");
	attron(A_REVERSE);
	mvaddstr(1, 0, "reverse line");
	attroff(A_REVERSE);
	mvprintw(2, 0, "size %dx%d", COLS, LINES);
	mvprintw(3, 0, "last key: %s", last);
	refresh();
}

int
main(void)
{
	int ch;

	setlocale(LC_ALL, "");
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	draw("none");
	while ((ch = getch()) != 'q') {
		if (ch == ERR)
			continue;
		draw(ch == KEY_RESIZE ? "resize" : keyname(ch));
	}
	endwin();
	return 0;
}
