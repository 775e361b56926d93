/*
 * test-text.c — unit tests of engine/text.c: loading files, byte order
 * marks, UTF-16/32 and --encoding conversion with offsets mapped back to
 * the file, invalid UTF-8 counting, binary refusal and error messages.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "text.h"
#include "xalloc.h"

static char tmpdir[] = "/tmp/test-text.XXXXXX";

/* Write len bytes to tmpdir/name; returns the path (static buffer). */
static const char *
write_file(const char *name, const void *buf, size_t len)
{
	static char path[512];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
	return path;
}

static struct text *
from(const void *buf, size_t len, const char *encoding, bool allow_binary,
    struct vs_error *err)
{
	struct text_opts opts = { .encoding = encoding,
				  .allow_binary = allow_binary };

	err->msg[0] = '\0';
	return text_from_bytes("t.txt", buf, len, &opts, err);
}

/* Check every entry of the reverse map, orig[len] included. */
static void
check_orig(const struct text *t, const size_t *want, size_t n,
    const char *what)
{
	size_t	i, bad = (size_t)-1;

	if (t->len + 1 != n) {
		ok(0, "%s: orig map has %zu entries", what, n);
		printf("#   data has %zu bytes\n", t->len);
		return;
	}
	for (i = 0; i < n; i++) {
		if (text_orig_offset(t, i) != want[i]) {
			bad = i;
			break;
		}
	}
	if (!ok(bad == (size_t)-1, "%s: orig offsets", what))
		printf("#   at %zu got %zu want %zu\n", bad,
		    text_orig_offset(t, bad), want[bad]);
}

static void
test_errors(void)
{
	struct vs_error err;
	struct text *t;
	char	want[600], path[512];

	snprintf(path, sizeof path, "%s/missing.txt", tmpdir);
	t = text_load(path, NULL, &err);
	ok(t == NULL, "missing file fails");
	snprintf(want, sizeof want, "%s: No such file or directory", path);
	is_str(err.msg, want, "missing file message");
	ok(strstr(err.msg, "No such file or directory") != NULL,
	    "missing file message has strerror text");

	t = text_load(tmpdir, NULL, &err);
	ok(t == NULL, "directory fails");
	snprintf(want, sizeof want, "%s: is a directory", tmpdir);
	is_str(err.msg, want, "directory message");

	/* Unreadable file: root reads anything, so only as a normal user. */
	write_file("secret.txt", "x", 1);
	snprintf(path, sizeof path, "%s/secret.txt", tmpdir);
	chmod(path, 0);
	if (geteuid() == 0)
		skip("running as root: permission test");
	else {
		t = text_load(path, NULL, &err);
		snprintf(want, sizeof want, "%s: Permission denied", path);
		ok(t == NULL, "unreadable file fails");
		is_str(err.msg, want, "unreadable file message");
	}

	/* A sparse 2 GiB file is refused from its size, without reading. */
	snprintf(path, sizeof path, "%s/huge.txt", tmpdir);
	{
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0 || ftruncate(fd, (off_t)TEXT_MAX_SIZE + 1) < 0) {
			skip("cannot make a sparse 2 GiB file");
		} else {
			t = text_load(path, NULL, &err);
			snprintf(want, sizeof want, "%s: file too large", path);
			ok(t == NULL, "2 GiB file refused");
			is_str(err.msg, want, "2 GiB file message");
		}
		if (fd >= 0)
			close(fd);
		unlink(path);
	}
}

static void
test_plain(void)
{
	static const char crlf[] = "One.\r\nTwo.\rThree.\n\r\n";
	struct vs_error err;
	struct text *t;
	struct stat st0, st1;
	const char *path;
	char	*big;
	size_t	i, n;

	path = write_file("plain.txt", "caf\xc3\xa9 ok\n", 9);
	stat(path, &st0);
	t = text_load(path, NULL, &err);
	if (!ok(t != NULL, "plain file loads"))
		printf("#   %s\n", err.msg);
	if (t == NULL)
		return;
	is_str(t->path, path, "path recorded");
	is_mem(t->data, t->len, "caf\xc3\xa9 ok\n", "plain data");
	is_int(t->raw_len, 9, "raw_len");
	ok(t->data == t->raw, "plain UTF-8 is not copied");
	ok(t->orig == NULL && t->owned == NULL, "no map, no converted buffer");
	is_int(t->base, 0, "base 0");
	is_int(t->invalid, 0, "no invalid bytes");
	is_str(t->encoding, "UTF-8", "encoding UTF-8");
	is_int(text_orig_offset(t, 5), 5, "orig offset is identity");
	is_int(text_orig_offset(t, 9), 9, "orig offset at end");
	text_free(t);
	stat(path, &st1);
	ok(st0.st_mtime == st1.st_mtime && st0.st_size == st1.st_size &&
	    st0.st_ino == st1.st_ino, "file left untouched");

	/* A read-only file loads (nothing is opened for writing). */
	chmod(path, 0444);
	t = text_load(path, NULL, &err);
	ok(t != NULL && t->len == 9, "read-only file loads");
	text_free(t);

	/* UTF-8 byte order mark. */
	path = write_file("bom.txt", "\xef\xbb\xbfhello", 8);
	t = text_load(path, NULL, &err);
	if (ok(t != NULL, "BOM file loads")) {
		is_mem(t->data, t->len, "hello", "BOM skipped");
		is_int(t->base, 3, "base 3 after BOM");
		ok(t->orig == NULL, "BOM skip needs no map");
		is_int(text_orig_offset(t, 0), 3, "offset 0 maps to 3");
		is_int(text_orig_offset(t, 5), 8, "end maps to 8");
		is_str(t->encoding, "UTF-8", "BOM encoding UTF-8");
	}
	text_free(t);

	/* Empty files, with and without a BOM, are fine. */
	path = write_file("empty.txt", "", 0);
	t = text_load(path, NULL, &err);
	if (ok(t != NULL, "empty file loads")) {
		is_int(t->len, 0, "empty len 0");
		is_int(text_orig_offset(t, 0), 0, "empty offset 0");
	}
	text_free(t);
	t = from("\xef\xbb\xbf", 3, NULL, false, &err);
	ok(t != NULL && t->len == 0 && text_orig_offset(t, 0) == 3,
	    "BOM-only file is empty, end maps to 3");
	text_free(t);

	/* CR LF and lone CR are kept byte for byte. */
	t = from(crlf, sizeof crlf - 1, NULL, false, &err);
	ok(t != NULL, "CRLF text loads");
	if (t != NULL)
		is_mem(t->data, t->len, crlf, "CRLF and CR kept");
	text_free(t);

	/* text_from_bytes copies its input. */
	{
		char buf[] = "abc";

		t = from(buf, 3, NULL, false, &err);
		buf[0] = 'X';
		ok(t != NULL && memcmp(t->data, "abc", 3) == 0,
		    "text_from_bytes copies");
		text_free(t);
	}

	/* A file larger than the first read buffer of a pipe. */
	n = 300000;
	big = xmalloc(n);
	for (i = 0; i < n; i++)
		big[i] = i % 61 == 60 ? '\n' : 'a' + i % 26;
	path = write_file("big.txt", big, n);
	t = text_load(path, NULL, &err);
	ok(t != NULL && t->len == n && memcmp(t->data, big, n) == 0,
	    "300 KB file read whole");
	text_free(t);

	/* Standard input from a pipe: no size hint, buffer must grow. */
	{
		int p[2], saved = dup(STDIN_FILENO), status;
		pid_t pid;

		fflush(stdout);
		if (pipe(p) < 0 || (pid = fork()) < 0) {
			skip("no pipe or fork");
		} else if (pid == 0) {
			size_t off = 0;
			ssize_t w;

			close(p[0]);
			while (off < n) {
				/* small writes: reads return short */
				w = write(p[1], big + off,
				    n - off < 7000 ? n - off : 7000);
				if (w <= 0)
					_exit(1);
				off += w;
			}
			free(big);
			_exit(0);
		} else {
			close(p[1]);
			dup2(p[0], STDIN_FILENO);
			close(p[0]);
			t = text_load("-", NULL, &err);
			ok(t != NULL && t->len == n &&
			    memcmp(t->data, big, n) == 0,
			    "stdin pipe read whole");
			ok(t != NULL && strcmp(t->path, "-") == 0,
			    "stdin path is -");
			text_free(t);
			waitpid(pid, &status, 0);
			dup2(saved, STDIN_FILENO);
		}
		close(saved);
	}
	free(big);
}

static void
test_invalid(void)
{
	static const struct {
		const char *bytes;
		size_t invalid;
		const char *what;
	} cases[] = {
		{ "a\x80z", 1, "lone continuation 80" },
		{ "a\xffz", 1, "FF" },
		{ "\xc0\xaf", 2, "overlong C0 AF" },
		{ "\xe0\x80\xaf", 3, "overlong E0 80 AF" },
		{ "\xed\xa0\x80", 3, "surrogate ED A0 80" },
		{ "\xf4\x90\x80\x80", 4, "above U+10FFFF" },
		{ "x\xe2\x82", 2, "truncated E2 82 at end" },
		{ "\xe2\x82x", 2, "truncated E2 82 before ASCII" },
		{ "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 0,
		  "valid 2, 3 and 4 byte sequences" },
		{ "0123456789abcdef\xc3(0123456789abcdef", 1,
		  "bad byte between ASCII words" },
	};
	struct vs_error err;
	struct text *t;
	size_t	i, len;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		len = strlen(cases[i].bytes);
		t = from(cases[i].bytes, len, NULL, false, &err);
		if (!ok(t != NULL, "%s: loads", cases[i].what))
			continue;
		is_int(t->invalid, cases[i].invalid, "%s: invalid count",
		    cases[i].what);
		ok(t->len == len && memcmp(t->data, cases[i].bytes, len) == 0,
		    "%s: data unchanged", cases[i].what);
		text_free(t);
	}

	/* All together, counted once each. */
	{
		static const char all[] = "\x80 \xff \xc0\xaf \xed\xa0\x80 ok \xe2\x82";

		t = from(all, sizeof all - 1, NULL, false, &err);
		ok(t != NULL && t->invalid == 1 + 1 + 2 + 3 + 2,
		    "mixed invalid bytes counted");
		text_free(t);
	}
}

static void
test_binary(void)
{
	struct vs_error err;
	struct text *t;
	const char *path;
	char	want[600];

	t = from("ab\0cd", 5, NULL, false, &err);
	ok(t == NULL, "NUL refused");
	is_str(err.msg, "t.txt: binary file", "binary message");

	path = write_file("bin.dat", "ab\0cd", 5);
	t = text_load(path, NULL, &err);
	snprintf(want, sizeof want, "%s: binary file", path);
	ok(t == NULL, "NUL file refused");
	is_str(err.msg, want, "binary file message has path");

	t = from("ab\0cd", 5, NULL, true, &err);
	ok(t != NULL, "NUL accepted with allow_binary");
	if (t != NULL)
		ok(t->len == 5 && memcmp(t->data, "ab\0cd", 5) == 0,
		    "allow_binary keeps the NUL");
	text_free(t);

	/* UTF-16 without a byte order mark is not guessed: binary. */
	t = from("H\0i\0\n\0", 6, NULL, false, &err);
	ok(t == NULL, "UTF-16LE without BOM is binary");
	is_str(err.msg, "t.txt: binary file", "UTF-16 no BOM message");

	/* A U+0000 character in UTF-16 text is binary too. */
	t = from("\xff\xfe" "a\0\0\0b\0", 8, NULL, false, &err);
	ok(t == NULL, "U+0000 in UTF-16 refused");
	is_str(err.msg, "t.txt: binary file", "U+0000 in UTF-16 message");
	t = from("\xff\xfe" "a\0\0\0b\0", 8, NULL, true, &err);
	ok(t != NULL && t->len == 3 && memcmp(t->data, "a\0b", 3) == 0,
	    "U+0000 in UTF-16 kept with allow_binary");
	text_free(t);
}

/*
 * "aé😀b" in UTF-16/32: data is 61 C3 A9 F0 9F 98 80 62, eight bytes.
 */
static void
test_unicode(void)
{
	static const char want[] = "a\xc3\xa9\xf0\x9f\x98\x80" "b";
	static const char u16le[] = "\xff\xfe" "a\0" "\xe9\0"
	    "\x3d\xd8\x00\xde" "b\0";
	static const char u16be[] = "\xfe\xff" "\0a" "\0\xe9"
	    "\xd8\x3d\xde\x00" "\0b";
	static const char u32le[] = "\xff\xfe\0\0" "a\0\0\0" "\xe9\0\0\0"
	    "\x00\xf6\x01\0" "b\0\0\0";
	static const char u32be[] = "\0\0\xfe\xff" "\0\0\0a" "\0\0\0\xe9"
	    "\0\x01\xf6\x00" "\0\0\0b";
	/* a at 2, é at 4, emoji at 6 (4 bytes), b at 10, end 12 */
	static const size_t orig16[] = { 2, 4, 4, 6, 6, 6, 6, 10, 12 };
	static const size_t orig32[] = { 4, 8, 8, 12, 12, 12, 12, 16, 20 };
	struct vs_error err;
	struct text *t;
	const char *path;

	path = write_file("u16le.txt", u16le, sizeof u16le - 1);
	t = text_load(path, NULL, &err);
	if (ok(t != NULL, "UTF-16LE loads")) {
		is_mem(t->data, t->len, want, "UTF-16LE converted");
		is_str(t->encoding, "UTF-16LE", "UTF-16LE encoding name");
		ok(t->owned != NULL && t->data == t->owned,
		    "converted data is owned");
		check_orig(t, orig16, 9, "UTF-16LE");
		is_int(text_orig_offset(t, 3), 6,
		    "UTF-16LE: third character maps to its surrogate pair");
		is_int(t->invalid, 0, "UTF-16LE: output is valid");
	}
	text_free(t);

	t = from(u16be, sizeof u16be - 1, NULL, false, &err);
	if (ok(t != NULL, "UTF-16BE loads")) {
		is_mem(t->data, t->len, want, "UTF-16BE converted");
		is_str(t->encoding, "UTF-16BE", "UTF-16BE encoding name");
		check_orig(t, orig16, 9, "UTF-16BE");
	}
	text_free(t);

	/* FF FE 00 00 must be read as UTF-32LE, not UTF-16LE + U+0000. */
	t = from(u32le, sizeof u32le - 1, NULL, false, &err);
	if (ok(t != NULL, "UTF-32LE loads")) {
		is_mem(t->data, t->len, want, "UTF-32LE converted");
		is_str(t->encoding, "UTF-32LE", "UTF-32LE encoding name");
		check_orig(t, orig32, 9, "UTF-32LE");
	}
	text_free(t);

	t = from(u32be, sizeof u32be - 1, NULL, false, &err);
	if (ok(t != NULL, "UTF-32BE loads")) {
		is_mem(t->data, t->len, want, "UTF-32BE converted");
		check_orig(t, orig32, 9, "UTF-32BE");
	}
	text_free(t);

	/* Damaged UTF-16: each bad unit is one U+FFFD, nothing else lost. */
	{
		static const size_t o1[] = { 2, 4, 6, 6, 6, 7 };
		static const size_t o2[] = { 2, 4, 4, 4, 6, 8 };
		static const size_t o3[] = { 2, 4, 4, 4, 6 };

		/* odd trailing byte */
		t = from("\xff\xfe" "a\0b\0c", 7, NULL, false, &err);
		ok(t != NULL, "odd-length UTF-16 loads");
		if (t != NULL) {
			is_mem(t->data, t->len, "ab\xef\xbf\xbd",
			    "odd byte becomes U+FFFD");
			check_orig(t, o1, 6, "odd UTF-16");
		}
		text_free(t);

		/* lone low surrogate, then text that must survive */
		t = from("\xff\xfe" "a\0\x00\xdc" "b\0", 8, NULL, false, &err);
		ok(t != NULL, "lone low surrogate loads");
		if (t != NULL) {
			is_mem(t->data, t->len, "a\xef\xbf\xbd" "b",
			    "lone low surrogate becomes U+FFFD");
			check_orig(t, o2, 6, "lone low surrogate");
		}
		text_free(t);

		/* high surrogate followed by a non-surrogate */
		t = from("\xfe\xff" "\0a\xd8\x3d" "\0b", 8, NULL, false, &err);
		ok(t != NULL && t->len == 5 &&
		    memcmp(t->data, "a\xef\xbf\xbd" "b", 5) == 0,
		    "unpaired high surrogate becomes U+FFFD, b kept");
		text_free(t);

		/* high surrogate at the very end */
		t = from("\xff\xfe" "a\0\x3d\xd8", 6, NULL, false, &err);
		ok(t != NULL, "trailing high surrogate loads");
		if (t != NULL) {
			is_mem(t->data, t->len, "a\xef\xbf\xbd",
			    "trailing high surrogate becomes U+FFFD");
			check_orig(t, o3, 5, "trailing high surrogate");
		}
		text_free(t);

		/* UTF-32: above U+10FFFF, a surrogate, a short tail */
		t = from("\xff\xfe\0\0" "\0\0\x11\0" "\0\xd8\0\0" "b\0\0\0"
		    "c\0", 18, NULL, false, &err);
		ok(t != NULL && t->len == 10 && memcmp(t->data,
		    "\xef\xbf\xbd\xef\xbf\xbd" "b\xef\xbf\xbd", 10) == 0,
		    "bad UTF-32 units become U+FFFD");
		if (t != NULL)
			is_int(text_orig_offset(t, 6), 12,
			    "UTF-32: b after bad units maps back");
		text_free(t);
	}
}

static void
test_encoding(void)
{
	static const char cp1252[] = "caf\xe9 \x93quote\x94";
	/* c a f é(2) sp “(3) q u o t e ”(3): 17 bytes, from 12 */
	static const size_t orig1252[] = {
		0, 1, 2, 3, 3, 4, 5, 5, 5, 6, 7, 8, 9, 10, 11, 11, 11, 12
	};
	struct vs_error err;
	struct text *t;
	const char *path;
	struct text_opts opts = { .encoding = "windows-1252" };
	char	want[600];

	path = write_file("cp1252.txt", cp1252, sizeof cp1252 - 1);
	t = text_load(path, &opts, &err);
	if (ok(t != NULL, "windows-1252 loads")) {
		is_mem(t->data, t->len,
		    "caf\xc3\xa9 \xe2\x80\x9cquote\xe2\x80\x9d",
		    "windows-1252 converted");
		is_str(t->encoding, "windows-1252", "encoding name recorded");
		check_orig(t, orig1252, 18, "windows-1252");
	} else
		printf("#   %s\n", err.msg);
	text_free(t);

	/* A byte windows-1252 leaves undefined becomes U+FFFD. */
	t = from("a\x81" "b", 3, "windows-1252", false, &err);
	ok(t != NULL && t->len == 5 &&
	    memcmp(t->data, "a\xef\xbf\xbd" "b", 5) == 0 &&
	    text_orig_offset(t, 4) == 2,
	    "undefined windows-1252 byte becomes U+FFFD");
	text_free(t);

	t = from("\xe9t\xe9", 3, "latin1", false, &err);
	ok(t != NULL && t->len == 5 &&
	    memcmp(t->data, "\xc3\xa9t\xc3\xa9", 5) == 0,
	    "latin1 converted");
	text_free(t);

	/* Unknown charset. */
	t = from("abc", 3, "NOPE-42", false, &err);
	ok(t == NULL, "unknown encoding fails");
	is_str(err.msg, "t.txt: cannot convert from NOPE-42: "
	    "unsupported character set", "unknown encoding message");

	t = from("", 0, "NOPE-42", false, &err);
	ok(t == NULL, "unknown encoding fails on an empty file too");

	/* A multibyte charset: the general offset map. */
	{
		static const size_t osjis[] = { 0, 1, 1, 1, 3, 4 };

		t = from("a\x88\x9f" "b", 4, "SHIFT_JIS", false, &err);
		if (t == NULL && strstr(err.msg, "unsupported") != NULL) {
			skip("iconv has no SHIFT_JIS");
			skip("iconv has no SHIFT_JIS");
		} else {
			ok(t != NULL && t->len == 5 && memcmp(t->data,
			    "a\xe4\xba\x9c" "b", 5) == 0,
			    "SHIFT_JIS converted");
			if (t != NULL)
				check_orig(t, osjis, 6, "SHIFT_JIS");
			else
				ok(0, "SHIFT_JIS: orig offsets");
		}
		text_free(t);
	}

	/* UTF-8 spelled any way means no conversion; its BOM is skipped. */
	t = from("\xef\xbb\xbf" "a\xff", 5, "utf8", false, &err);
	ok(t != NULL && t->orig == NULL && t->base == 3 && t->len == 2 &&
	    t->invalid == 1, "--encoding utf8: no conversion, BOM skipped");
	if (t != NULL)
		is_str(t->encoding, "UTF-8", "--encoding utf8 recorded as UTF-8");
	text_free(t);
	t = from("ab", 2, "Utf-8", false, &err);
	ok(t != NULL && t->orig == NULL && t->data == t->raw,
	    "--encoding Utf-8: no copy");
	text_free(t);

	/* Named UTF-16 without a BOM, and with its own BOM. */
	t = from("H\0i\0", 4, "UTF-16LE", false, &err);
	ok(t != NULL && t->len == 2 && memcmp(t->data, "Hi", 2) == 0 &&
	    text_orig_offset(t, 1) == 2, "--encoding UTF-16LE without BOM");
	text_free(t);
	t = from("\xff\xfeH\0i\0", 6, "utf_16le", false, &err);
	ok(t != NULL && t->len == 2 && memcmp(t->data, "Hi", 2) == 0 &&
	    text_orig_offset(t, 0) == 2, "--encoding utf_16le skips its BOM");
	text_free(t);
	t = from("\xfe\xff\0H\0i", 6, "UTF-16", false, &err);
	ok(t != NULL && t->len == 2 && memcmp(t->data, "Hi", 2) == 0,
	    "--encoding UTF-16 takes byte order from the BOM");
	if (t != NULL)
		is_str(t->encoding, "UTF-16BE", "UTF-16 recorded with order");
	text_free(t);
	t = from("\0H\0i", 4, "UTF-16", false, &err);
	ok(t != NULL && t->len == 2 && memcmp(t->data, "Hi", 2) == 0,
	    "--encoding UTF-16 without BOM is big endian");
	text_free(t);

	/* The user and the byte order mark disagree. */
	t = from("\xff\xfeH\0", 4, "windows-1252", false, &err);
	ok(t == NULL, "BOM of another encoding refused");
	is_str(err.msg, "t.txt: cannot convert from windows-1252: "
	    "file starts with a UTF-16LE byte order mark",
	    "BOM mismatch message");
	t = from("\xef\xbb\xbfHi", 5, "UTF-16LE", false, &err);
	ok(t == NULL, "UTF-8 BOM with --encoding UTF-16LE refused");
	snprintf(want, sizeof want, "t.txt: cannot convert from UTF-16LE: "
	    "file starts with a UTF-8 byte order mark");
	is_str(err.msg, want, "UTF-8 BOM mismatch message");

	/* NUL from a legacy charset is binary. */
	t = from("a\0b", 3, "latin1", false, &err);
	ok(t == NULL, "NUL in latin1 refused");
	is_str(err.msg, "t.txt: binary file", "NUL in latin1 message");
}

static void
cleanup(void)
{
	static const char *names[] = {
		"secret.txt", "plain.txt", "bom.txt", "empty.txt", "big.txt",
		"bin.dat", "u16le.txt", "cp1252.txt", "huge.txt",
	};
	char	path[512];
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
	ok(rmdir(tmpdir) == 0, "temporary directory removed");
}

/* UTF-16 and UTF-32 units that become U+FFFD count as invalid bytes. */
static void
test_unicode_invalid(void)
{
	static const struct {
		const char *what, *bytes;
		size_t len;
		size_t invalid;
	} cases[] = {
		{ "UTF-16LE, clean", "\377\376A\0B\0", 6, 0 },
		{ "UTF-16LE, a lone high surrogate", "\377\376A\0\0\330B\0", 8,
		  1 },
		{ "UTF-16BE, a lone low surrogate", "\376\377\0A\334\0", 6, 1 },
		{ "UTF-16LE, an odd byte at the end", "\377\376A\0B", 5, 1 },
		{ "UTF-16LE, a real U+FFFD", "\377\376\375\377", 4, 0 },
		{ "UTF-32LE, past U+10FFFF", "\377\376\0\0\0\0\021\0", 8, 1 },
		{ "UTF-32BE, a surrogate and a tail",
		  "\0\0\376\377\0\0\330\0\0\0", 10, 2 },
	};
	struct vs_error err;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct text *t = from(cases[i].bytes, cases[i].len, NULL, false,
				      &err);

		if (t == NULL) {
			ok(0, "%s: %s", cases[i].what, err.msg);
			continue;
		}
		is_int(t->replaced, cases[i].invalid, "%s: units replaced",
		       cases[i].what);
		text_free(t);
	}
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_errors();
	test_plain();
	test_invalid();
	test_binary();
	test_unicode();
	test_encoding();
	test_unicode_invalid();
	cleanup();
	return done_testing();
}
