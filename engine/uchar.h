/*
 * uchar.h — classes of Unicode characters shared by the tokeniser (doc.c)
 * and the change classifier (facts.c), so that a class is defined once:
 * white space and controls as doc.h's tokens see them, ideographs and
 * kana, percent signs, letters and digits in the sense of UAX #29, and the
 * characters that extend the one before them.  Cheap tests for ASCII come
 * first; the rest asks libunistring.  All inline: the tokeniser calls them
 * per character.
 */
#ifndef VERSUS_UCHAR_H
#define VERSUS_UCHAR_H

#include <stdbool.h>

#include <unictype.h>
#include <unitypes.h>
#include <uniwbrk.h>

/* White space inside a line, apart from ASCII space and tab. */
static inline bool
uchar_is_space(ucs4_t uc)
{
	/* U+0085 is White_Space but is a C1 control here. */
	return uc >= 0xa0 && uc_is_property_white_space(uc);
}

/* C0 other than tab and line ends, DEL, C1. */
static inline bool
uchar_is_control(ucs4_t uc)
{
	if (uc < 0x20)
		return uc != '\t' && uc != '\n' && uc != '\r';
	return uc >= 0x7f && uc <= 0x9f;
}

/* Ideographs and kana, which are split one character per token. */
static inline bool
uchar_is_cjk(ucs4_t uc)
{
	if (uc < 0x3000)
		return false;
	/* hiragana and katakana, their extensions, half-width kana */
	return (uc >= 0x3040 && uc <= 0x30ff) ||
	    (uc >= 0x31f0 && uc <= 0x31ff) ||
	    (uc >= 0xff66 && uc <= 0xff9d) ||
	    (uc >= 0x1b000 && uc <= 0x1b16f) ||
	    uc == 0x3005 || uc == 0x303b ||	/* iteration marks */
	    uc_is_property_ideographic(uc);
}

/* The percent and per-mille signs: % ‰ ‱ ٪ ﹪ ％ (Po in Unicode). */
static inline bool
uchar_is_percent(ucs4_t uc)
{
	return uc == '%' || uc == 0x066a || uc == 0x2030 || uc == 0x2031 ||
	    uc == 0xfe6a || uc == 0xff05;
}

/* Is uc a digit in the sense of UAX #29 (Word_Break Numeric)? */
static inline bool
uchar_is_digit(ucs4_t uc)
{
	if (uc < 0x80)
		return uc >= '0' && uc <= '9';
	return uc_wordbreak_property(uc) == WBP_NUMERIC;
}

/* A letter (Alphabetic). */
static inline bool
uchar_is_alpha(ucs4_t uc)
{
	if (uc < 0x80)
		return (uc | 0x20) >= 'a' && (uc | 0x20) <= 'z';
	return uc_is_property_alphabetic(uc);
}

/* Does uc extend the character before it (Extend, Format, ZWJ)? */
static inline bool
uchar_is_extender(ucs4_t uc)
{
	int wb;

	if (uc < 0x80)
		return false;
	wb = uc_wordbreak_property(uc);
	return wb == WBP_EXTEND || wb == WBP_FORMAT || wb == WBP_ZWJ;
}

#endif
