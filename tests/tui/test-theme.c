/*
 * test-theme.c — theme.h's readers: every face has a name, and a line in
 * versus(1)'s list of faces; face specs,
 * the terminal's OSC 11 answer and COLORFGBG.
 */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "theme.h"

static void
names(void)
{
	int f, bad = 0;

	for (f = 0; f < FACE_COUNT; f++)
		if (theme_face_name(f) == NULL ||
		    theme_face_find(theme_face_name(f)) != f)
			bad++;
	is_int(bad, 0, "every face has a name of its own");
	is_int(theme_face_find("deleted"), FACE_DELETED, "deleted");
	is_int(theme_face_find("changed-paragraph"), FACE_CHANGED,
	       "changed-paragraph is the tint");
	is_int(theme_face_find("sparkle"), -1, "an unknown name");
	{
		const char *name, *what;
		unsigned long seen = 0;
		size_t i;

		for (i = 0; (f = theme_face_list(i, &name, &what)) >= 0; i++)
			if (f < FACE_COUNT && theme_face_find(name) == f &&
			    what != NULL && what[0] != '\0')
				seen |= 1UL << f;
		ok(i == FACE_COUNT && seen == (1UL << FACE_COUNT) - 1,
		   "versus(1)'s list has every face once, each saying what "
		   "it colours (%zu of %d)", i, FACE_COUNT);
	}
}

static void
specs(void)
{
	struct theme_face f;
	char err[160];
	enum theme_choice c;

	ok(theme_parse_face("fg=red,bg=default,bold", &f, err, sizeof err) == 0 &&
	   f.set_fg && f.fg == 1 && f.set_bg && f.bg == -1 && f.set_attrs &&
	   f.attrs == THEME_BOLD, "fg=red,bg=default,bold");
	ok(theme_parse_face("fg=214 bg=colour236", &f, err, sizeof err) == 0 &&
	   f.fg == 214 && f.bg == 236 && !f.set_attrs,
	   "numbers, colourN, spaces between items");
	ok(theme_parse_face("fg=bright-white,underline,reverse", &f, err,
			    sizeof err) == 0 && f.fg == 15 &&
	   f.attrs == (THEME_UNDERLINE | THEME_REVERSE), "bright-NAME");
	ok(theme_parse_face("none", &f, err, sizeof err) == 0 && f.set_attrs &&
	   f.attrs == 0, "none: no attribute");
	ok(theme_parse_face("fg=red,blink", &f, err, sizeof err) != 0 &&
	   strcmp(err, "versus never blinks") == 0, "blink is refused");
	ok(theme_parse_face("fg=256", &f, err, sizeof err) != 0, "256 is no colour");
	ok(theme_parse_face("fg=pink", &f, err, sizeof err) != 0 &&
	   strstr(err, "'pink'") != NULL, "an unknown colour is named");
	ok(theme_parse_face("sparkly", &f, err, sizeof err) != 0 &&
	   strstr(err, "'sparkly'") != NULL, "an unknown attribute is named");
	ok(theme_parse_face("", &f, err, sizeof err) != 0, "an empty spec");
	ok(theme_parse_choice("light", &c) == 0 && c == THEME_LIGHT, "light");
	ok(theme_parse_choice("auto", &c) == 0 && c == THEME_AUTO, "auto");
	ok(theme_parse_choice("Dark", &c) != 0, "Dark is not a choice");
}

static int
osc(const char *s)
{
	return theme_osc11_reply(s, strlen(s));
}

static void
answers(void)
{
	is_int(osc("\033]11;rgb:ffff/ffff/ffff\033\\\033[?1;2c"), 1, "white");
	is_int(osc("\033]11;rgb:0000/0000/0000\007"), 0, "black, BEL-ended");
	is_int(osc("\033]11;rgb:c0c0/c0c0/c0c0\033\\"), 1, "tmux's silver");
	is_int(osc("\033]11;rgb:fd/f6/e3\033\\"), 1, "two digits (Solarized light)");
	is_int(osc("\033]11;rgb:00/2b/36\033\\"), 0, "two digits (Solarized dark)");
	is_int(osc("\033]11;rgb:f/f/0\033\\"), 1, "one digit, yellow is light");
	is_int(osc("\033]11;rgb:0/0/f\033\\"), 0, "blue is dark");
	is_int(osc("\033[?1;2c"), -1, "no OSC 11 answer");
	is_int(osc("\033]11;rgb:ffff/ffff"), -1, "cut short");
	is_int(osc("\033]11;rgb:zz/zz/zz\033\\"), -1, "not hex");
	is_int(theme_colorfgbg("0;15"), 1, "COLORFGBG 0;15: light");
	is_int(theme_colorfgbg("15;0"), 0, "15;0: dark");
	is_int(theme_colorfgbg("15;default;0"), 0, "rxvt's three fields");
	is_int(theme_colorfgbg("0;7"), 1, "7 is light");
	is_int(theme_colorfgbg("15;8"), 0, "8 is dark");
	is_int(theme_colorfgbg("default;default"), -1, "default: not known");
	is_int(theme_colorfgbg("15"), -1, "one field");
	is_int(theme_colorfgbg(NULL), -1, "unset");
}

int
main(void)
{
	names();
	specs();
	answers();
	return done_testing();
}
