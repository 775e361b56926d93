/*
 * test-report.c — the corrections-log report: its exact Markdown, and
 * writing it atomically, never over an input, leaving no temporary file.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "align.h"
#include "doc.h"
#include "equiv.h"
#include "facts.h"
#include "cmpkeys.h"
#include "report.h"
#include "pair.h"
#include "dirlist.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

/* The report as a malloc'd string. */
static char *
report_string(const struct pair *p)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	report_markdown(f, p->al, &p->ch, NULL);
	fclose(f);
	return buf;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	buf[fread(buf, 1, (size_t)n, f)] = '\0';
	fclose(f);
	return buf;
}

static void
spit(const char *path, const char *s)
{
	FILE *f = fopen(path, "wb");

	fputs(s, f);
	fclose(f);
}

static char *
join(const char *dir, const char *name)
{
	char *s = xmalloc(strlen(dir) + strlen(name) + 2);

	sprintf(s, "%s/%s", dir, name);
	return s;
}

/* --- the Markdown --------------------------------------------------------- */

static const char old_text[] =
	"Harbour plan approved\n\n"
	"The council approved $50 million for the new pier on Tuesday. "
	"Work starts soon.\n\n"
	"\xe2\x80\x9cIt is a bold step,\xe2\x80\x9d the mayor said.\n\n"
	"Tickets will cost 3 per cent more.\n\n"
	"1) Fares rise to *5* under_plan [draft] #3 <b> | a~b & c.\n\n"
	"The old kiosk\x1b[31m by the gate will close at dusk.\n";

static const char new_text[] =
	"Harbour plan approved\n\n"
	"The council approved $65 million for the new pier on Tuesday. "
	"Work starts soon. Smith will lead it.\n\n"
	"\xe2\x80\x9cIt is a timid step,\xe2\x80\x9d the mayor claimed.\n\n"
	"Tickets will cost 3% more.\n\n"
	"1) Fares rise to *6* under_plan [draft] #3 <b> | a~b & c.\n\n"
	"- Ferries will run every hour from the quay.\n";

static const char golden[] =
	"# Changes from old\\_v1.txt to new\\_v2.txt\n"
	"\n"
	"7 substantive changes (quote 1, number 3, attribution 1, "
	"wording 2); 1 cosmetic change not listed.\n"
	"\n"
	"Listed below: 7, in 6 entries under 5 paragraphs.\n"
	"\n"
	"## Paragraph 2\n"
	"\n"
	"### Sentence 1 \xe2\x80\x94 number\n"
	"\n"
	"Before:\n"
	"> The council approved $**50** million for the new pier on "
	"Tuesday.\n"
	"\n"
	"After:\n"
	"> The council approved $**65** million for the new pier on "
	"Tuesday.\n"
	"\n"
	"### Sentence 2 (now sentence 3) \xe2\x80\x94 wording\n"
	"\n"
	"Before:\n"
	"> Work starts soon.\n"
	"\n"
	"After:\n"
	"> Work starts soon. **Smith will lead it.**\n"
	"\n"
	"## Paragraph 3\n"
	"\n"
	"### Sentence 1 \xe2\x80\x94 quote, attribution (2 edits)\n"
	"\n"
	"Before:\n"
	"> \xe2\x80\x9cIt is a **bold** step,\xe2\x80\x9d the mayor "
	"**said**.\n"
	"\n"
	"After:\n"
	"> \xe2\x80\x9cIt is a **timid** step,\xe2\x80\x9d the mayor "
	"**claimed**.\n"
	"\n"
	"## Paragraph 5\n"
	"\n"
	"### Sentence 1 \xe2\x80\x94 number\n"
	"\n"
	"Before:\n"
	"> 1\\) Fares rise to \\***5**\\* under\\_plan \\[draft\\] \\#3 "
	"\\<b\\> \\| a\\~b \\& c.\n"
	"\n"
	"After:\n"
	"> 1\\) Fares rise to \\***6**\\* under\\_plan \\[draft\\] \\#3 "
	"\\<b\\> \\| a\\~b \\& c.\n"
	"\n"
	"## Paragraph 6\n"
	"\n"
	"### Deleted \xe2\x80\x94 number\n"
	"\n"
	"> The old kiosk^\\[\\[31m by the gate will close at dusk.\n"
	"\n"
	"## New paragraph 6\n"
	"\n"
	"### Added \xe2\x80\x94 wording\n"
	"\n"
	"> \\- Ferries will run every hour from the quay.\n";

static void
test_golden(void)
{
	struct pair p;
	char *s;

	pair_mem(&p, "old_v1.txt", old_text, "new_v2.txt", new_text);
	s = report_string(&p);
	is_str(s, golden, "the report of a small pair");
	ok(strchr(s, '\x1b') == NULL, "no raw ESC in the report");
	free(s);
	pair_close(&p);

	pair_mem(&p, "a", "Same words here.\n", "b", "Same  words here.\n");
	s = report_string(&p);
	is_str(s, "# Changes from a to b\n\nNo substantive changes; "
	       "1 cosmetic change not listed.\n",
	       "white space only: no substantive change");
	free(s);
	pair_close(&p);

	pair_mem(&p, "a", "Prices rose 3 per cent.\n", "b",
		 "Prices rose 3%.\n");
	s = report_string(&p);
	is_str(s, "# Changes from a to b\n\nNo substantive changes; 1 "
	       "cosmetic change not listed.\n", "cosmetic only");
	free(s);
	pair_close(&p);

	/* Names with newlines and markup are shown, not obeyed. */
	pair_mem(&p, "a\nb*", "One.\n", "[c]\x1b", "One.\n");
	s = report_string(&p);
	is_str(s, "# Changes from a^Jb\\* to \\[c\\]^\\[\n\n"
	       "No substantive changes.\n", "file names escaped");
	free(s);
	pair_close(&p);
}

/* Paragraphs for the move tests: long enough to anchor. */
#define PX "The island council met on Tuesday evening to discuss the " \
	"future of the old ferry pier and its many problems.\n\n"
#define PY "Engineers told members that the timber piles had rotted " \
	"badly and that repairs could no longer wait for funding.\n\n"
#define PZ "Several fishermen who use the pier every morning spoke " \
	"in favour of a full rebuild with a concrete deck.\n\n"
#define PM1 "The rebuild is expected to take 18 months. It will close " \
	"the harbour road to lorries for most of the work.\n"
#define PM2 "The rebuild is expected to take 24 months. It will close " \
	"the harbour road to lorries for most of the work.\n"

static void
test_moves(void)
{
	struct pair p;
	char *s;

	pair_mem(&p, "a", PX PY PZ PM1, "b", PM2 "\n" PX PY PZ);
	s = report_string(&p);
	ok(strstr(s, "\n## Paragraph 4 (moved; now paragraph 1)\n\n"
		  "### Sentence 1 \xe2\x80\x94 number\n") != NULL,
	   "edited move: heading with both places");
	ok(strstr(s, "> The rebuild is expected to take **18** months.\n") !=
	   NULL && strstr(s, "> The rebuild is expected to take **24** "
			  "months.\n") != NULL,
	   "edited move: the sentence before and after");
	ok(strstr(s, "### ") == strrchr(s, '#') - 2, "edited move: one entry");
	free(s);
	pair_close(&p);

	pair_mem(&p, "a", PX PY PZ PM1, "b", PM1 "\n" PX PY PZ);
	s = report_string(&p);
	ok(strstr(s, "\n## Paragraph 4\n\n### Moved to paragraph 1 "
		  "\xe2\x80\x94 wording\n\n> The rebuild is expected to take "
		  "18 months. It will close") != NULL,
	   "plain move: heading and text");
	free(s);
	pair_close(&p);

	/* A deletion inside a sentence: the sentence on both sides. */
	pair_mem(&p, "a", "The pier, built in 1890, will close.\n", "b",
		 "The pier will close.\n");
	s = report_string(&p);
	ok(strstr(s, "Before:\n> The **pier, built in 1890,** will "
		  "close.\n\nAfter:\n> The pier will close.\n") != NULL,
	   "pure deletion: both sentences, bold widened to the word");
	free(s);
	pair_close(&p);

	/* A site that runs across a paragraph break (a merge). */
	pair_mem(&p, "a", PX "The pier is old.\n\nIt will close soon.\n",
		 "b", PX "The pier is old and will close soon.\n");
	s = report_string(&p);
	ok(strstr(s, "Before:\n> The pier is **old.**\n>\n> **It** will "
		  "close soon.\n\nAfter:\n> The pier is old **and** will "
		  "close soon.\n") != NULL,
	   "paragraph break inside a bold run: closed and reopened");
	ok(strstr(s, "### Paragraph 2, sentence 1 to paragraph 3, sentence 1 "
		  "(now paragraph 2, sentence 1) \xe2\x80\x94 wording\n") !=
	   NULL,
	   "a site across paragraphs: both places");
	ok(strstr(s, "\n\n\n") == NULL, "never two blank lines");
	free(s);
	pair_close(&p);
}

/* A sentence without end: the quote is cut around the change. */
static void
test_long(void)
{
	size_t n = 3000, i, la = 0, lb = 0;
	char *a = xmalloc(n * 8 + 64), *b = xmalloc(n * 8 + 64);
	struct pair p;
	char *s, *q;

	for (i = 0; i < n; i++) {
		la += (size_t)sprintf(a + la, "%s w%zu", i ? "," : "Start", i);
		lb += (size_t)sprintf(b + lb, "%s w%zu", i ? "," : "Start",
				      i == 1500 ? (size_t)99999 : i);
	}
	strcpy(a + la, ".\n");
	strcpy(b + lb, ".\n");
	pair_mem(&p, "a", a, "b", b);
	s = report_string(&p);
	ok(strlen(s) < 2000, "long sentence: a short report (%zu bytes)",
	   strlen(s));
	q = strstr(s, "Before:\n> \xe2\x80\xa6 ");
	ok(q != NULL && strstr(q, "w1499, **w1500**, w1501") != NULL &&
	   strstr(q, " \xe2\x80\xa6\n\nAfter:\n> \xe2\x80\xa6 ") != NULL,
	   "long sentence: cut on both sides with an ellipsis");
	ok(strstr(s, "**w99999**") != NULL, "long sentence: the new word");
	free(s);
	pair_close(&p);

	/* Two edits far apart in one sentence: one entry, the middle cut. */
	la = lb = 0;
	for (i = 0; i < n; i++) {
		la += (size_t)sprintf(a + la, "%s w%zu", i ? "," : "Start", i);
		lb += (size_t)sprintf(b + lb, "%s w%zu", i ? "," : "Start",
				      i == 100 || i == 2900 ? i + 90000 : i);
	}
	strcpy(a + la, ".\n");
	strcpy(b + lb, ".\n");
	pair_mem(&p, "a", a, "b", b);
	s = report_string(&p);
	ok(strlen(s) < 3000, "two far edits: a short report (%zu bytes)",
	   strlen(s));
	ok(strstr(s, "### Sentence 1 \xe2\x80\x94 number (2 edits)\n") !=
	   NULL, "two far edits: one entry");
	q = strstr(s, "After:\n> \xe2\x80\xa6 w87,");
	ok(q != NULL && strstr(q, "**w90100**") != NULL &&
	   strstr(q, "w113, \xe2\x80\xa6 w2887,") != NULL &&
	   strstr(q, "**w92900**") != NULL &&
	   strstr(q, "w2913, \xe2\x80\xa6\n") != NULL,
	   "two far edits: both kept, an ellipsis between and after");
	free(s);
	pair_close(&p);
	free(a);
	free(b);
}

/* Boilerplate is left out, and counted by label in the summary. */
static void
test_boilerplate(void)
{
	struct pair p;
	const char **labels;
	char *buf = NULL;
	size_t len = 0, k;
	FILE *f;

	pair_mem(&p, "a", "Login Register Subscribe\n\n"
		 "The council approved $50 million.\n\nPhoto: Reuters\n",
		 "b", "The council approved $65 million.\n");
	labels = xcalloc(p.al->nblock, sizeof *labels);
	for (k = 0; k < p.al->nblock; k++)
		if (p.al->block[k].kind == BLOCK_DELETED)
			labels[k] = p.al->block[k].a == 0 ? "chrome" :
				"caption";
	f = open_memstream(&buf, &len);
	report_markdown(f, p.al, &p.ch, labels);
	fclose(f);
	ok(strstr(buf, "\n\nListed below: 1, in 1 entry under 1 paragraph; "
		  "left out: 2 in boilerplate (chrome 1, caption 1).\n") !=
	   NULL, "boilerplate: counted by label in the summary");
	ok(strstr(buf, "Login") == NULL && strstr(buf, "Photo") == NULL,
	   "boilerplate: not quoted");
	ok(strstr(buf, "## Paragraph 2 (now paragraph 1)\n") != NULL,
	   "boilerplate: the rest is listed");
	free(buf);
	free(labels);
	pair_close(&p);
}

/* --- writing -------------------------------------------------------------- */

static void
test_write(void)
{
	char dirt[] = "/tmp/versus-report-XXXXXX";
	char *dir = mkdtemp(dirt);
	char *pa, *pb, *out, *sub, *missing, *under_file, *link_b, *hard_a;
	char *ro, *ro_out, *s;
	struct pair p;
	struct vs_error err;
	struct stat st;
	struct rlimit rl, small;
	char want[1024];
	int r;

	if (dir == NULL) {
		skip("no temporary directory");
		return;
	}
	pa = join(dir, "old.txt");
	pb = join(dir, "new.txt");
	out = join(dir, "report.md");
	sub = join(dir, "sub");
	missing = join(dir, "missing/report.md");
	under_file = join(dir, "old.txt/report.md");
	link_b = join(dir, "link-to-new");
	hard_a = join(dir, "hard-old");
	ro = join(dir, "ro");
	ro_out = join(dir, "ro/report.md");
	spit(pa, old_text);
	spit(pb, new_text);
	if (pair_files(&p, pa, pb) != 0) {
		skip("cannot load the fixtures");
		return;
	}

	/* A new file. */
	r = report_write(out, p.al, &p.ch, NULL, &err);
	is_int(r, 0, "write: succeeds");
	s = slurp(out);
	ok(s && strncmp(s, "# Changes from ", 15) == 0 &&
	   strstr(s, "## New paragraph 6") != NULL,
	   "write: the report is there");
	free(s);
	is_str(dir_listing(dir), "new.txt old.txt report.md",
	       "write: no temporary file left");
	ok(stat(out, &st) == 0 && (st.st_mode & 0777) == 0644,
	   "write: mode 0666 less the umask (022)");

	/* Over an existing file: replaced, its mode kept. */
	spit(out, "old report\n");
	chmod(out, 0640);
	r = report_write(out, p.al, &p.ch, NULL, &err);
	is_int(r, 0, "overwrite: succeeds");
	s = slurp(out);
	ok(s && strncmp(s, "# Changes from ", 15) == 0, "overwrite: replaced");
	free(s);
	ok(stat(out, &st) == 0 && (st.st_mode & 0777) == 0640,
	   "overwrite: mode kept");

	/* Never over an input, by any name. */
	r = report_write(pa, p.al, &p.ch, NULL, &err);
	is_int(r, -1, "input a: refused");
	snprintf(want, sizeof want, "%s: refusing to overwrite an input file",
		 pa);
	is_str(err.msg, want, "input a: message");
	s = slurp(pa);
	is_str(s, old_text, "input a: intact");
	free(s);
	r = report_write(pb, p.al, &p.ch, NULL, &err);
	is_int(r, -1, "input b: refused");
	if (symlink(pb, link_b) == 0) {
		r = report_write(link_b, p.al, &p.ch, NULL, &err);
		is_int(r, -1, "symbolic link to input b: refused");
		s = slurp(pb);
		is_str(s, new_text, "symbolic link to input b: intact");
		free(s);
		unlink(link_b);
	} else {
		skip("symlink: %s", strerror(errno));
		skip("symlink: %s", strerror(errno));
	}
	if (link(pa, hard_a) == 0) {
		r = report_write(hard_a, p.al, &p.ch, NULL, &err);
		is_int(r, -1, "hard link to input a: refused");
		unlink(hard_a);
	} else {
		skip("link: %s", strerror(errno));
	}
	is_str(dir_listing(dir), "new.txt old.txt report.md",
	       "refused: nothing written");

	/* Not a regular file. */
	if (mkfifo(sub, 0644) == 0) {
		r = report_write(sub, p.al, &p.ch, NULL, &err);
		snprintf(want, sizeof want, "%s: not a regular file", sub);
		ok(r == -1, "fifo: refused");
		is_str(err.msg, want, "fifo: message");
		ok(stat(sub, &st) == 0 && S_ISFIFO(st.st_mode), "fifo: intact");
		unlink(sub);
	} else {
		skip("mkfifo: %s", strerror(errno));
		skip("mkfifo: %s", strerror(errno));
		skip("mkfifo: %s", strerror(errno));
	}

	/* A directory: refused, nothing left behind. */
	mkdir(sub, 0755);
	r = report_write(sub, p.al, &p.ch, NULL, &err);
	is_int(r, -1, "directory: fails");
	snprintf(want, sizeof want, "%s: %s", sub, strerror(EISDIR));
	is_str(err.msg, want, "directory: message");
	ok(stat(sub, &st) == 0 && S_ISDIR(st.st_mode), "directory: intact");
	is_str(dir_listing(dir), "new.txt old.txt report.md sub",
	       "directory: no temporary file left");
	rmdir(sub);

	/* No such directory; a file where a directory should be. */
	r = report_write(missing, p.al, &p.ch, NULL, &err);
	snprintf(want, sizeof want, "%s: %s", missing, strerror(ENOENT));
	ok(r == -1, "missing directory: fails");
	is_str(err.msg, want, "missing directory: message");
	r = report_write(under_file, p.al, &p.ch, NULL, &err);
	snprintf(want, sizeof want, "%s: %s", under_file, strerror(ENOTDIR));
	ok(r == -1, "not a directory: fails");
	is_str(err.msg, want, "not a directory: message");
	s = slurp(pa);
	is_str(s, old_text, "not a directory: the file is intact");
	free(s);

	/* A directory we may not write to (meaningless for root). */
	mkdir(ro, 0755);
	spit(ro_out, "old report\n");
	chmod(ro, 0555);
	if (geteuid() != 0) {
		r = report_write(ro_out, p.al, &p.ch, NULL, &err);
		snprintf(want, sizeof want, "%s: %s", ro_out, strerror(EACCES));
		ok(r == -1, "read-only directory: fails");
		is_str(err.msg, want, "read-only directory: message");
	} else {
		skip("read-only directory: running as root");
		skip("read-only directory: running as root");
	}
	s = slurp(ro_out);
	is_str(s, "old report\n", "read-only directory: old content intact");
	free(s);
	is_str(dir_listing(ro), "report.md", "read-only directory: nothing left");
	chmod(ro, 0755);
	unlink(ro_out);
	rmdir(ro);

	/* Writing itself fails (file size limit): the old report stays. */
	s = report_string(&p);
	spit(out, "old report\n");
	if (getrlimit(RLIMIT_FSIZE, &rl) == 0) {
		signal(SIGXFSZ, SIG_IGN);
		small = rl;
		small.rlim_cur = 64;
		setrlimit(RLIMIT_FSIZE, &small);
		r = report_write(out, p.al, &p.ch, NULL, &err);
		setrlimit(RLIMIT_FSIZE, &rl);
		signal(SIGXFSZ, SIG_DFL);
		snprintf(want, sizeof want, "%s: %s", out, strerror(EFBIG));
		ok(r == -1 && strlen(s) > 64, "write error: fails");
		is_str(err.msg, want, "write error: message");
		free(s);
		s = slurp(out);
		is_str(s, "old report\n", "write error: old content intact");
		is_str(dir_listing(dir), "new.txt old.txt report.md",
		       "write error: no temporary file left");
	} else {
		skip("getrlimit");
		skip("getrlimit");
		skip("getrlimit");
		skip("getrlimit");
	}
	free(s);

	/* A relative path, in the current directory. */
	if (chdir(dir) == 0) {
		r = report_write("rel.md", p.al, &p.ch, NULL, &err);
		is_int(r, 0, "relative path: succeeds");
		is_str(dir_listing("."), "new.txt old.txt rel.md report.md",
		       "relative path: written in place");
		unlink("rel.md");
		if (chdir("/") != 0)
			perror("chdir");
	} else {
		skip("chdir");
		skip("chdir");
	}

	pair_close(&p);
	unlink(out);
	unlink(pa);
	unlink(pb);
	rmdir(dir);
	free(pa);
	free(pb);
	free(out);
	free(sub);
	free(missing);
	free(under_file);
	free(link_b);
	free(hard_a);
	free(ro);
	free(ro_out);
}

int
main(void)
{
	umask(022);
	test_golden();
	test_moves();
	test_long();
	test_boilerplate();
	test_write();
	return done_testing();
}
