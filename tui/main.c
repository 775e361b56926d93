/*
 * main.c — the versus command: options, loading the versions, dispatch.
 *
 * Exit status follows diff(1): 0 when the versions have no substantive
 * difference, 1 when they differ, 2 on trouble (a missing or unreadable
 * file, a bad option, a bad equivalence file).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "batch.h"
#include "boiler.h"
#include "browse.h"
#include "decode.h"
#include "equiv.h"
#include "error.h"
#include "cmpkeys.h"
#include "message.h"
#include "open.h"
#include "output.h"
#include "print.h"
#include "progress.h"
#include "render.h"
#include "report.h"
#include "reviewed.h"
#include "session.h"
#include "screen.h"
#include "settings.h"
#include "text.h"
#include "xalloc.h"

#define EXIT_TROUBLE 2

enum mode { MODE_DEFAULT, MODE_PRINT, MODE_INLINE, MODE_STAT, MODE_JSON };
enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct options {
	struct text_opts text;
	struct cmpkeys_opts keys;
	const char *equiv_file;
	enum mode mode;
	enum color color;
	unsigned width;		/* 0: from the terminal */
	unsigned base;		/* 1-based version all others are compared with */
	const char *keymap;	/* --keymap */
	const char *report;	/* --report FILE */
	bool unreviewed;	/* --unreviewed */
	const char *boilerplate;	/* --boilerplate FILE */
	bool list_actions;
	const char *batch;	/* --batch MANIFEST */
};

static const char usage_text[] =
"usage: versus [OPTION]... FILE1 FILE2 [FILE...]\n"
"Compare versions of a news article, paragraph by paragraph.\n"
"\n"
"Output (the default is the browser on a terminal, else --print):\n"
"      --print           the versions side by side, aligned\n"
"      --inline          one text, wdiff style: [-removed-]{+inserted+}\n"
"      --stat            word counts, changes and similarity per comparison\n"
"      --json            every comparison as JSON, with byte offsets\n"
"      --color[=WHEN]    colour the output: auto (default), always, never\n"
"      --progress[=WHEN] the progress line on a terminal's standard error:\n"
"                        auto (default: not when output is a pipe), always,\n"
"                        never\n"
"  -w, --width=N         width of the --print layout (default: the terminal)\n"
"      --base=N          compare every version with version N (default 1)\n"
"      --report=FILE     also write the substantive changes between two\n"
"                        versions to FILE, in Markdown, for a corrections log\n"
"                        (- writes them to standard output, and only them)\n"
"      --unreviewed      with --report, only the changes not marked reviewed\n"
"                        in the browser\n"
"      --batch=MANIFEST  compare the tab-separated paths of each line of\n"
"                        MANIFEST (- for standard input): one JSON line each\n"
"\n"
"The browser:\n"
"  -k, --keymap=NAME|FILE  key bindings: default, vi, emacs, or a file\n"
"      --list-actions    list what keys can do, with the keymap's keys\n"
"\n"
"Reading files (FILE may be - for standard input):\n"
"      --encoding=NAME   convert the files from charset NAME (default: UTF-8,\n"
"                        or UTF-16/32 when the file starts with a BOM)\n"
"  -a, --text            read files with NUL bytes instead of refusing them\n"
"      --format=FORMAT   auto (default: HTML pages are found by their\n"
"                        doctype or <html> tag), text, or html\n"
"\n"
"What counts as a difference:\n"
"  -i, --ignore-case     make case-only changes invisible\n"
"      --ignore-punct    ignore punctuation\n"
"      --strict          no cosmetic folding: every character counts\n"
"      --equiv=FILE      read equivalent spellings from FILE\n"
"      --boilerplate=FILE  read more boilerplate rules from FILE\n"
"\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and exit\n"
"\n"
"Exit status: 0 no substantive difference, 1 differences, 2 trouble.\n";

/* The GNU form: name and version, copyright, licence, no warranty. */
static const char version_text[] =
"versus " PACKAGE_VERSION "\n"
"Copyright (C) 2026 the versus authors.\n"
"License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
"This is free software: you are free to change and redistribute it.\n"
"There is NO WARRANTY, to the extent permitted by law.\n";

static int finish(int status);

enum {
	OPT_ENCODING = 256,
	OPT_IGNORE_PUNCT,
	OPT_STRICT,
	OPT_EQUIV,
	OPT_PRINT,
	OPT_INLINE,
	OPT_STAT,
	OPT_JSON,
	OPT_COLOR,
	OPT_BASE,
	OPT_LIST_ACTIONS,
	OPT_REPORT,
	OPT_UNREVIEWED,
	OPT_BOILERPLATE,
	OPT_FORMAT,
	OPT_BATCH,
	OPT_PROGRESS,
};

static const struct option long_options[] = {
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "text", no_argument, NULL, 'a' },
	{ "ignore-case", no_argument, NULL, 'i' },
	{ "ignore-punct", no_argument, NULL, OPT_IGNORE_PUNCT },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "equiv", required_argument, NULL, OPT_EQUIV },
	{ "print", no_argument, NULL, OPT_PRINT },
	{ "inline", no_argument, NULL, OPT_INLINE },
	{ "stat", no_argument, NULL, OPT_STAT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "colour", optional_argument, NULL, OPT_COLOR },
	{ "width", required_argument, NULL, 'w' },
	{ "base", required_argument, NULL, OPT_BASE },
	{ "keymap", required_argument, NULL, 'k' },
	{ "list-actions", no_argument, NULL, OPT_LIST_ACTIONS },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "unreviewed", no_argument, NULL, OPT_UNREVIEWED },
	{ "boilerplate", required_argument, NULL, OPT_BOILERPLATE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "batch", required_argument, NULL, OPT_BATCH },
	{ "progress", optional_argument, NULL, OPT_PROGRESS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* A positive decimal number no larger than max, else a usage error. */
static unsigned
parse_count(const char *opt, const char *arg, unsigned max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end != '\0' || v == 0 || v > max ||
	    arg[0] == '-') {
		message_error("invalid %s '%s'", opt, arg);
		fprintf(stderr, "Try 'versus --help' for more information.\n");
		exit(EXIT_TROUBLE);
	}
	return (unsigned)v;
}

/* Parse argv into o; returns the index of the first file operand. */
static int
parse_options(int argc, char **argv, struct options *o)
{
	int c;

	memset(o, 0, sizeof *o);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":aihVw:k:", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_ENCODING:
			o->text.encoding = optarg;
			break;
		case 'a':
			o->text.allow_binary = true;
			break;
		case 'i':
			o->keys.ignore_case = true;
			break;
		case OPT_IGNORE_PUNCT:
			o->keys.ignore_punct = true;
			break;
		case OPT_STRICT:
			o->keys.strict = true;
			break;
		case OPT_EQUIV:
			o->equiv_file = optarg;
			break;
		case OPT_PRINT:
			o->mode = MODE_PRINT;
			break;
		case OPT_INLINE:
			o->mode = MODE_INLINE;
			break;
		case OPT_STAT:
			o->mode = MODE_STAT;
			break;
		case OPT_JSON:
			o->mode = MODE_JSON;
			break;
		case OPT_COLOR:
			if (optarg == NULL || strcmp(optarg, "always") == 0)
				o->color = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				o->color = COLOR_NEVER;
			else if (strcmp(optarg, "auto") == 0)
				o->color = COLOR_AUTO;
			else
				message_usage_error("invalid --color '%s' (auto, always "
					    "or never)", optarg);
			break;
		case OPT_PROGRESS:	/* progress.h */
			if (optarg == NULL || strcmp(optarg, "always") == 0)
				progress_when(PROGRESS_ALWAYS);
			else if (strcmp(optarg, "never") == 0)
				progress_when(PROGRESS_NEVER);
			else if (strcmp(optarg, "auto") == 0)
				progress_when(PROGRESS_AUTO);
			else
				message_usage_error("invalid --progress '%s' (auto, "
					    "always or never)", optarg);
			break;
		case 'w':
			o->width = parse_count("width", optarg, RENDER_MAX_PANE);
			break;
		case OPT_BASE:
			o->base = parse_count("base", optarg, 1000000);
			break;
		case 'k':
			o->keymap = optarg;
			break;
		case OPT_LIST_ACTIONS:
			o->list_actions = true;
			break;
		case OPT_REPORT:
			o->report = optarg;
			break;
		case OPT_UNREVIEWED:
			o->unreviewed = true;
			break;
		case OPT_BOILERPLATE:
			o->boilerplate = optarg;
			break;
		case OPT_BATCH:
			o->batch = optarg;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "auto") == 0)
				o->text.format = TEXT_FORMAT_AUTO;
			else if (strcmp(optarg, "text") == 0)
				o->text.format = TEXT_FORMAT_TEXT;
			else if (strcmp(optarg, "html") == 0)
				o->text.format = TEXT_FORMAT_HTML;
			else
				message_usage_error("invalid --format '%s' (auto, text "
					    "or html)", optarg);
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(open_usage, stdout);
			exit(finish(0));
		case 'V':
			fputs(version_text, stdout);
			exit(finish(0));
		case ':':
			message_usage_error("option '%s' needs an argument",
				    argv[optind - 1]);
			break;
		default:
			message_usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	return optind;
}

/*
 * The equivalences: the built-in list, then the user's default file
 * ($XDG_CONFIG_HOME/versus/equiv, else ~/.config/versus/equiv) if it
 * exists, then --equiv FILE, which must exist.
 */
static struct equiv *
load_equivalences(const struct options *o)
{
	struct equiv *eq = equiv_new_builtin();
	struct vs_error err;
	char path[4096];

	if (settings_path("equiv", path, sizeof path) &&
	    access(path, F_OK) == 0 && equiv_load(eq, path, &err) != 0)
		goto fail;
	if (o->equiv_file != NULL && equiv_load(eq, o->equiv_file, &err) != 0)
		goto fail;
	return eq;
fail:
	message_error("%s", err.msg);
	exit(EXIT_TROUBLE);
}

/* Colour on or off: --color, NO_COLOR, and whether stdout is a terminal. */
static bool
use_color(const struct options *o)
{
	const char *term = getenv("TERM"), *nc = getenv("NO_COLOR");

	if (o->color != COLOR_AUTO)
		return o->color == COLOR_ALWAYS;
	if (nc != NULL && *nc != '\0')
		return false;
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0)
		return false;
	return isatty(STDOUT_FILENO) && screen_term_colors();
}

/* --width, else the terminal's width, else $COLUMNS, else 80. */
static unsigned
output_width(const struct options *o)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");
	long v;

	if (o->width)
		return o->width;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	if (cols != NULL && (v = strtol(cols, NULL, 10)) > 0 && v < 100000)
		return (unsigned)v;
	return 80;
}

/*
 * Boilerplate rules: the built-in ones, the user's file
 * ($XDG_CONFIG_HOME/versus/boilerplate, else ~/.config/...) if it exists,
 * then --boilerplate FILE, which must exist.
 */
static struct boiler *
load_boilerplate(const struct options *o)
{
	struct boiler *bp = boiler_new_builtin();
	struct vs_error err;
	char path[4096];

	if (settings_path("boilerplate", path, sizeof path) &&
	    access(path, F_OK) == 0 &&
	    boiler_load(bp, path, &err) != 0)
		goto fail;
	if (o->boilerplate != NULL && boiler_load(bp, o->boilerplate, &err) != 0)
		goto fail;
	return bp;
fail:
	message_error("%s", err.msg);
	exit(EXIT_TROUBLE);
}

/* --keymap, else the settings file's keymap, else "default". */
/*
 * The config file's keymap: a relative file name is in the config file's
 * folder, and an error names the config file and line first.
 */
static struct keymap *
config_keymap(const struct settings *st)
{
	struct vs_error err;
	struct keymap *km;
	const char *name = st->keymap, *slash = strrchr(st->path, '/');
	char path[sizeof st->path + sizeof st->keymap];
	size_t n = strlen(name);

	if (name[0] != '/' && name[0] != '~' && slash != NULL &&
	    (strchr(name, '/') != NULL ||
	     (n > 5 && strcmp(name + n - 5, ".keys") == 0))) {
		snprintf(path, sizeof path, "%.*s/%s",
			 (int)(slash - st->path), st->path, name);
		name = path;
	}
	km = keymap_load(name, &err);
	if (km == NULL) {
		message_error("%s:%u: %s", st->path, st->keymap_line, err.msg);
		exit(EXIT_TROUBLE);
	}
	return km;
}

static struct keymap *
load_keymap(const struct options *o)
{
	struct settings st;
	struct vs_error err;
	struct keymap *km;
	const char *name = o->keymap;

	if (name == NULL) {
		if (settings_load(&st, NULL, &err) != 0) {
			message_error("%s", err.msg);
			exit(EXIT_TROUBLE);
		}
		name = st.keymap[0] ? st.keymap : "default";
		if (st.keymap[0])
			return config_keymap(&st);
		km = keymap_load(name, &err);
	} else {
		km = keymap_load(name, &err);
	}
	if (km == NULL) {
		message_error("%s", err.msg);
		exit(EXIT_TROUBLE);
	}
	return km;
}

/* ncursesw needs a UTF-8 locale; versus reads UTF-8 whatever the locale. */
static void
utf8_locale(void)
{
	const char *cs;

	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	if (cs == NULL || strcmp(cs, "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

/*
 * The browser.  Returns -1 (with a note) when the terminal cannot show it,
 * so that the caller prints instead.
 */
static int
run_browser(const struct options *o, struct session *s, struct keymap *km)
{
	struct browser b;
	struct settings st;
	struct vs_error err;

	utf8_locale();
	if (settings_load(&st, NULL, &err) != 0) {	/* theme and faces */
		message_error("%s", err.msg);
		exit(EXIT_TROUBLE);
	}
	screen_set_theme(&st.theme);
	if (screen_init(use_color(o), &err) != 0) {
		message_error("%s; printing side by side instead", err.msg);
		return -1;
	}
	progress_to_screen();	/* the first alignment's, at once */
	progress_begin();
	browse_init(&b, s, km);
	b.no_osc52 = st.no_osc52;
	b.topts = &o->text;
	if (open_trouble() != NULL)	/* what could not be read, at once */
		browse_message(&b, true, "%s", open_trouble());
	browse_run(&b);
	screen_end();
	progress_to_stderr();
	progress_begin();
	browse_clear(&b);
	return 0;
}

/* xalloc.h's handler: the engine prints nothing, so the program says it. */
static void
out_of_memory(void)
{
	static const char msg[] = "versus: out of memory\n";

	/* write(2), not stdio: stdio may itself need memory. */
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
		/* nothing more can be done */
	}
}

/*
 * --batch MANIFEST (batch.h): exit 0 when every line was compared, 2 when
 * some were not (their error records are in the output) or on trouble.
 */
static int
run_batch(const struct options *o, int noperands)
{
	struct batch_opts bo = { &o->text, &o->keys, NULL, NULL };
	struct batch_stats st;
	struct equiv *eq;
	struct boiler *bp;
	FILE *in = stdin;
	int rc;

	if (noperands > 0)
		message_usage_error("%s", "--batch takes its files from the manifest, "
			    "not from the command line");
	if (strcmp(o->batch, "-") != 0 && (in = fopen(o->batch, "r")) == NULL) {
		message_error("%s: %s", o->batch, strerror(errno));
		return EXIT_TROUBLE;
	}
	bo.eq = eq = load_equivalences(o);
	bo.bp = bp = load_boilerplate(o);
	rc = batch_run(in, stdout, &bo, &st);
	if (rc != 0)
		message_error("--batch: %s", strerror(errno));
	else if (fflush(stdout) != 0 || ferror(stdout)) {
		message_error("write error: %s", strerror(errno));
		rc = -1;
	}
	if (st.failed > 0)
		message_error("--batch: %zu of %zu lines could not be compared",
			      st.failed, st.failed + st.compared);
	if (in != stdin)
		fclose(in);
	equiv_free(eq);
	boiler_free(bp);
	return rc != 0 || st.failed > 0 ? EXIT_TROUBLE : 0;
}

/* --report=-: the report is the output, on standard output. */
static bool
report_to_stdout(const struct options *o)
{
	return o->report != NULL && strcmp(o->report, "-") == 0;
}

/* The number of operands, checked; there may be more versions (open.h). */
static size_t
check_operands(int argc, char **argv, int first, const struct options *o)
{
	size_t n = (size_t)(argc - first), i;
	int stdin_seen = 0;
	bool expands = open_expands(argv + first, n);

	if (n < 2 && !expands)
		message_usage_error("%s", n == 0 ? "missing files to compare" :
			    "one file given, two or more are needed");
	for (i = (size_t)first; i < (size_t)argc; i++)
		if (strcmp(argv[i], "-") == 0 && stdin_seen++)
			message_usage_error("%s", "standard input ('-') given twice");
	if (o->unreviewed && o->report == NULL)
		message_usage_error("%s", "--unreviewed goes with --report");
	if (o->report != NULL && n != 2 && !expands)
		message_usage_error("%s", "--report compares two versions: give two files");
	if (report_to_stdout(o) && o->mode != MODE_DEFAULT)
		message_usage_error("%s", "--report=- is the output: no --print, "
				    "--inline, --stat or --json with it");
	if (o->base > n && !expands) {
		message_error("--base %u: there are only %zu versions", o->base,
			      n);
		exit(EXIT_TROUBLE);
	}
	return n;
}

/*
 * The session over the versions the n operands give (open.h), or NULL
 * when there are too few, or when an output needs them all and one could
 * not be read; *trouble tells whether one could not.  Outputs that only
 * report changes against the base let it segment only what changed.
 */
static struct session *
load_session(const struct options *o, char **args, size_t n,
	     const struct equiv *eq, const struct boiler *bp, bool *trouble)
{
	struct session_opts so = { o->keys, eq, bp, o->base ? o->base - 1 : 0,
				   false, NULL, false };
	struct text **texts = open_versions(args, n, &o->text, &n, trouble);
	struct session *s = NULL;
	size_t i;

	if (n < 2 || so.base >= n || (o->report != NULL && n != 2)) {
		if (!*trouble && n >= 2 && so.base < n)
			message_error("--report compares two versions: "
				      "there are %zu", n);
		else if (!*trouble)
			message_error("%s", n < 2 ?
				"fewer than two versions to compare" :
				"--base: there are fewer versions");
	} else if (*trouble &&
		   (o->mode != MODE_DEFAULT || !isatty(STDOUT_FILENO) ||
		    report_to_stdout(o))) {
		/* Only the browser opens what could be read. */
	} else {
		/*
		 * Two versions: every pair is one with the base.  --print and
		 * the browser lay out whole paragraphs too (render.h), the
		 * browser's search looks inside them (find.h), and --inline
		 * quotes their bytes as --json does (walk.h).
		 */
		so.base_only = (o->mode == MODE_JSON || n == 2) &&
			o->report == NULL;
		/* More: the pairs with the base so, any other as asked. */
		so.lazy_base = o->mode != MODE_STAT && o->report == NULL;
		/* Progress where it can show (progress.h), else no cost. */
		if (isatty(STDERR_FILENO) ||
		    (o->mode == MODE_DEFAULT && isatty(STDOUT_FILENO)))
			so.progress = progress_hook();
		s = session_new(texts, n, &so);
		free(texts);
		return s;
	}
	for (i = 0; i < n; i++)
		text_free(texts[i]);
	free(texts);
	return NULL;
}

/* --report FILE: the changes of the second version against the first. */
static int
write_report(const struct options *o, struct session *s)
{
	size_t base = session_base(s), other = base == 0 ? 1 : 0;
	const struct alignment *al = session_alignment(s, base, other);
	const struct changes *ch = session_changes(s, base, other);
	struct changes left = { 0 };
	struct vs_error err;
	int rc = 0;

	/* --unreviewed: leave out what the browser marked reviewed. */
	if (o->unreviewed) {
		char msg[256];
		struct reviewed *r = reviewed_open(al->a->text, al->b->text,
						   msg, sizeof msg);

		if (msg[0])
			message_error("%s", msg);
		reviewed_filter(r, al, ch, &left);
		reviewed_free(r);
		ch = &left;
	}
	if (report_to_stdout(o))	/* errors: finish() */
		report_markdown(stdout, al, ch, session_labels(s, base, other));
	else if (report_write(o->report, al, ch,
			      session_labels(s, base, other), &err) != 0) {
		message_error("%s", err.msg);
		rc = -1;
	}
	changes_clear(&left);
	return rc;
}

/* --stat: the comparisons, then with several versions the matrix. */
static void
write_stat(struct session *s, const struct comparison *cmp, size_t ncmp)
{
	size_t n = session_count(s), i, j;
	struct text *const *texts = session_texts(s);
	double *matrix = NULL;

	if (n > 2) {
		matrix = xcalloc(n * n, sizeof *matrix);
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				matrix[i * n + j] = session_similarity(s, i, j);
	}
	output_stat(stdout, texts, session_docs(s), n, cmp, ncmp, matrix);
	free(matrix);
	if (n > 2) {
		/* Every version at once: which carries what. */
		putchar('\n');
		output_presence(stdout, session_presence(s, session_base(s)),
				texts);
	}
}

/* --inline, or --print (and the default off a terminal). */
static void
write_texts(const struct options *o, const struct comparison *cmp,
	    size_t ncmp, struct text *const *texts)
{
	struct render_opts ro = { output_width(o), true, false, false };
	bool color = use_color(o);
	size_t i;

	ro.brackets = !color;
	for (i = 0; i < ncmp; i++) {
		if (ncmp > 1)	/* which comparison this is */
			output_header(stdout, &cmp[i], texts, color);
		if (o->mode == MODE_INLINE) {
			output_inline(stdout, cmp[i].al, color);
			putchar('\n');
		} else {
			print_stream(stdout, cmp[i].al, &ro, color);
		}
	}
}

/*
 * diff's exit status for the comparisons made: 1 when some version has a
 * substantive difference from the base, else 0.  The browser's too, so
 * that the status does not depend on whether standard output is a
 * terminal.
 */
static int
differs_status(struct session *s, const struct comparison *cmp, size_t ncmp)
{
	size_t i;

	for (i = 0; i < ncmp; i++)
		if (session_differs(s, cmp[i].a, cmp[i].b))
			return 1;
	return 0;
}

/* The output asked for; the exit status (diff's). */
static int
write_outputs(const struct options *o, struct session *s)
{
	size_t n = session_count(s), ncmp;
	struct comparison *cmp = xcalloc(n, sizeof *cmp);
	int status;

	ncmp = output_comparisons(s, o->mode == MODE_JSON ||
				  o->mode == MODE_STAT, cmp);
	/* No progress line between lines of output on one terminal. */
	progress_end();
	if (isatty(STDOUT_FILENO))
		progress_off();
	if (o->report != NULL && write_report(o, s) != 0) {
		free(cmp);
		return EXIT_TROUBLE;
	}
	switch (o->mode) {
	case MODE_JSON:
		output_json(stdout, session_texts(s), session_docs(s), n, cmp,
			    ncmp);
		break;
	case MODE_STAT:
		write_stat(s, cmp, ncmp);
		break;
	case MODE_DEFAULT:
		if (report_to_stdout(o))
			break;	/* the report was the output */
		/* FALLTHROUGH */
	case MODE_INLINE:
	case MODE_PRINT:
		write_texts(o, cmp, ncmp, session_texts(s));
		break;
	}
	status = differs_status(s, cmp, ncmp);
	free(cmp);
	return status;
}

/* After the browser: diff's status, against the base it ended on. */
static int
browser_status(struct session *s)
{
	size_t ncmp;
	struct comparison *cmp = xcalloc(session_count(s), sizeof *cmp);
	int status;

	ncmp = output_comparisons(s, false, cmp);
	status = differs_status(s, cmp, ncmp);
	free(cmp);
	return status;
}

/* Standard output flushed, or trouble. */
static int
finish(int status)
{
	progress_end();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		message_error("write error: %s", strerror(errno));
		return EXIT_TROUBLE;
	}
	return status;
}

int
main(int argc, char **argv)
{
	struct options o;
	struct equiv *eq;
	struct boiler *bp;
	struct keymap *km = NULL;
	struct session *s;
	size_t n;
	int first, status = EXIT_TROUBLE;
	bool trouble = false;

	xalloc_set_failure_handler(out_of_memory);
	open_options(&argc, argv);	/* where versions come from: open.h */
	first = parse_options(argc, argv, &o);
	if (o.text.encoding != NULL && !decode_known(o.text.encoding)) {
		/* one line, not one per file */
		message_error("cannot convert from %s: %s", o.text.encoding,
			      decode_error(EINVAL));
		return EXIT_TROUBLE;
	}
	if (o.batch != NULL)
		return run_batch(&o, argc - first);
	if (o.list_actions) {
		km = load_keymap(&o);
		help_list_actions(stdout, km);
		keymap_free(km);
		return finish(0);
	}
	if (open_watching())
		return open_watch(argv + first, (size_t)(argc - first), &o.text);
	n = check_operands(argc, argv, first, &o);

	/* The browser, on a terminal, unless an output was asked for. */
	if ((o.mode == MODE_DEFAULT && isatty(STDOUT_FILENO)) || o.keymap)
		km = load_keymap(&o);	/* a bad --keymap is an error anyway */
	eq = load_equivalences(&o);
	/*
	 * The rules compile as paragraphs need them (boiler.h).  Every
	 * output that counts kinds needs them: boilerplate is never a fact.
	 */
	bp = o.mode == MODE_JSON || o.mode == MODE_STAT || km != NULL ||
		o.boilerplate != NULL || o.report != NULL ?
		load_boilerplate(&o) : NULL;
	s = load_session(&o, argv + first, n, eq, bp, &trouble);
	if (s != NULL) {
		/* Long work from here on shows, and C-c stops it. */
		progress_texts(session_texts(s), session_count(s));
		progress_to_stderr();
		progress_begin();
		if (km != NULL && o.mode == MODE_DEFAULT &&
		    isatty(STDOUT_FILENO) && !report_to_stdout(&o) &&
		    run_browser(&o, s, km) == 0)
			status = browser_status(s);
		else
			status = write_outputs(&o, s);
		if (trouble)
			status = EXIT_TROUBLE;
	}
	session_free(s);
	keymap_free(km);
	equiv_free(eq);
	boiler_free(bp);
	return finish(status);
}
