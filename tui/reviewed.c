/*
 * reviewed.c — reviewed marks and their file (see reviewed.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "hash.h"
#include "reviewed.h"
#include "xalloc.h"

#define HEADER	"versus reviewed 1\n"

struct reviewed {
	char *path;
	uint64_t *key;		/* sorted, no duplicates */
	size_t n, cap;
};

/* --- the file's name ------------------------------------------------------ */

/* The folder: $XDG_STATE_HOME/versus, else ~/.local/state/versus. */
static char *
state_dir(void)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *d;
	size_t n;

	if (x != NULL && x[0] == '/') {
		n = strlen(x) + sizeof "/versus";
		d = xmalloc(n);
		snprintf(d, n, "%s/versus", x);
		return d;
	}
	if (home == NULL || home[0] != '/')
		return NULL;	/* nowhere to keep them */
	n = strlen(home) + sizeof "/.local/state/versus";
	d = xmalloc(n);
	snprintf(d, n, "%s/.local/state/versus", home);
	return d;
}

struct reviewed *
reviewed_open(const struct text *a, const struct text *b, char *msg,
	      size_t msgsize)
{
	struct reviewed *r = xcalloc(1, sizeof *r);
	uint64_t ha = hash_bytes(a->raw, a->raw_len);
	uint64_t hb = hash_bytes(b->raw, b->raw_len);
	char *dir = state_dir(), line[64];
	size_t n = dir ? strlen(dir) + 64 : 0;
	FILE *f;
	bool bad = false;

	if (msg != NULL && msgsize > 0)
		msg[0] = '\0';
	if (dir == NULL)
		return r;	/* marks for this run only (reviewed_save) */
	r->path = xmalloc(n);
	snprintf(r->path, n, "%s/%016llx-%016llx.reviewed", dir,
		 (unsigned long long)(ha < hb ? ha : hb),
		 (unsigned long long)(ha < hb ? hb : ha));
	free(dir);
	f = fopen(r->path, "r");
	if (f == NULL) {
		if (errno != ENOENT && msg != NULL)
			snprintf(msg, msgsize, "reviewed marks not read: "
				 "%s: %s", r->path, strerror(errno));
		return r;
	}
	if (fgets(line, sizeof line, f) == NULL ||
	    strcmp(line, HEADER) != 0)
		bad = true;
	while (!bad && fgets(line, sizeof line, f) != NULL) {
		char *end;
		unsigned long long k;

		if (strlen(line) != 17 || line[16] != '\n') {
			bad = true;
			break;
		}
		errno = 0;
		k = strtoull(line, &end, 16);
		if (end != line + 16 || errno != 0) {
			bad = true;
			break;
		}
		reviewed_set(r, (uint64_t)k, true);
	}
	if (ferror(f))
		bad = true;
	fclose(f);
	if (bad) {
		r->n = 0;
		if (msg != NULL)
			snprintf(msg, msgsize, "reviewed marks ignored: %s is "
				 "not a file of marks", r->path);
	}
	return r;
}

void
reviewed_free(struct reviewed *r)
{
	if (r == NULL)
		return;
	free(r->path);
	free(r->key);
	free(r);
}

const char *
reviewed_path(const struct reviewed *r)
{
	return r->path != NULL ? r->path : "";
}

size_t
reviewed_count(const struct reviewed *r)
{
	return r->n;
}

/* The first index whose key is at least k. */
static size_t
lower_bound(const struct reviewed *r, uint64_t k)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (r->key[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
reviewed_has(const struct reviewed *r, uint64_t key)
{
	size_t i;

	if (r == NULL)
		return false;
	i = lower_bound(r, key);
	return i < r->n && r->key[i] == key;
}

void
reviewed_set(struct reviewed *r, uint64_t key, bool on)
{
	size_t i = lower_bound(r, key);
	bool has = i < r->n && r->key[i] == key;

	if (on && !has) {
		r->key = xgrow(r->key, &r->cap, r->n + 1, sizeof *r->key);
		memmove(r->key + i + 1, r->key + i,
			(r->n - i) * sizeof *r->key);
		r->key[i] = key;
		r->n++;
	} else if (!on && has) {
		memmove(r->key + i, r->key + i + 1,
			(r->n - i - 1) * sizeof *r->key);
		r->n--;
	}
}

/* --- writing ------------------------------------------------------------- */

/* mkdir -p of the folder of path, each new folder 0700. */
static int
make_dirs(const char *path)
{
	char *d = xstrdup(path), *p;
	int rc = 0;

	p = strrchr(d, '/');
	if (p == NULL || p == d) {
		free(d);
		return 0;
	}
	*p = '\0';
	for (p = d + 1; rc == 0; p++) {
		bool last = *p == '\0';

		if (*p != '/' && !last)
			continue;
		*p = '\0';
		if (mkdir(d, 0700) != 0 && errno != EEXIST)
			rc = -1;
		if (last)
			break;
		*p = '/';
	}
	free(d);
	return rc;
}

static int
marks_body(FILE *f, void *arg)
{
	const struct reviewed *r = arg;
	size_t i;

	fputs(HEADER, f);
	for (i = 0; i < r->n; i++)
		fprintf(f, "%016llx\n", (unsigned long long)r->key[i]);
	return 0;
}

int
reviewed_save(struct reviewed *r, struct vs_error *err)
{
	if (r->path == NULL) {
		vs_error_set(err, "neither XDG_STATE_HOME nor HOME is an "
			     "absolute path: marks kept for this run only");
		return -1;
	}
	/* Private, like the folders: which pairs someone has read. */
	if (make_dirs(r->path) != 0 ||
	    atomic_write(r->path, 0600, marks_body, r) != 0) {
		vs_error_set(err, "%s: %s", r->path, strerror(errno));
		return -1;
	}
	return 0;
}

/* --- the sites' keys --------------------------------------------------- */

/* The hash of the bytes the ops [op, op + nop) touch on one side. */
static uint64_t
side_hash(const struct alignment *al, const struct change *c, int side)
{
	const struct doc *d = side ? al->b : al->a;
	uint32_t o, u0 = UINT32_MAX, u1 = 0;

	for (o = c->op; o < c->op + c->nop; o++) {
		const struct wop *w = &al->op[o];
		uint32_t u = side ? w->b : w->a, n = side ? w->nb : w->na;

		if (n == 0)
			continue;
		if (u < u0)
			u0 = u;
		if (u + n > u1)
			u1 = u + n;
	}
	if (u0 == UINT32_MAX)
		return hash_start(0);
	{
		const struct unit *f = &d->unit[u0], *l = &d->unit[u1 - 1];
		const struct token *lt = &d->tok[unit_last_tok(d, l)];
		size_t s = d->tok[f->tok].off, e = lt->off + lt->len;

		return hash_bytes(d->text->data + s, e - s);
	}
}

struct keyed {
	uint64_t k;
	size_t i;
};

static int
cmp_keyed(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;

	if (a->k != b->k)
		return a->k < b->k ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

void
reviewed_keys(const struct alignment *al, const struct changes *ch,
	      uint64_t *key)
{
	struct keyed *s = xmalloc((ch->n + 1) * sizeof *s);
	size_t i, n = 0;

	for (i = 0; i < ch->n; i++) {
		uint64_t ha = side_hash(al, &ch->v[i], 0);
		uint64_t hb = side_hash(al, &ch->v[i], 1);

		key[i] = hash_end(hash_add(hash_add(hash_start(2),
					   ha < hb ? ha : hb),
				  ha < hb ? hb : ha));
		s[i].k = key[i];
		s[i].i = i;
	}
	/* The same bytes again: the n-th repeat gets n mixed in. */
	qsort(s, ch->n, sizeof *s, cmp_keyed);
	for (i = 1; i < ch->n; i++) {
		n = s[i].k == s[i - 1].k ? n + 1 : 0;
		if (n)
			key[s[i].i] = hash_end(hash_add(s[i].k, n));
	}
	free(s);
}

void
reviewed_filter(const struct reviewed *r, const struct alignment *al,
		const struct changes *ch, struct changes *out)
{
	uint64_t *key = xmalloc((ch->n + 1) * sizeof *key);
	size_t i;

	memset(out, 0, sizeof *out);
	out->v = xmalloc((ch->n + 1) * sizeof *out->v);
	reviewed_keys(al, ch, key);
	for (i = 0; i < ch->n; i++) {
		if (reviewed_has(r, key[i]))
			continue;
		out->v[out->n++] = ch->v[i];
		out->count[ch->v[i].kind]++;
	}
	free(key);
}
