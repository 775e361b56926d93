/*
 * keymap.c — reading keymap files, and looking keys up (see keymap.h).
 *
 * The bindings live in one array sorted by key sequence, compared code by
 * code with a prefix before its extensions ("g" < "g g" < "g h" < "h").
 * In that order every sequence starting with P is in one run beginning at
 * lower_bound(P), so one binary search answers both questions lookup asks
 * (is P bound? is P the start of something bound?) and loading finds the
 * bindings a new one conflicts with in at most KEYMAP_SEQ_MAX + 1 searches.
 * Loading keeps the invariant that no binding is a prefix of another, so a
 * sequence is either bound, or a prefix, or neither, never two of these.
 *
 * Included files are read recursively while loading; a chain of `struct
 * reading` on the C stack lists the files being read, to catch loops (by
 * device and inode, so that two spellings of one path are one file).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "action.h"
#include "file.h"
#include "keycode.h"
#include "keymap.h"
#include "keymaps-builtin.h"
#include "xalloc.h"

struct bind {
	struct keymap_binding	 b;
	unsigned		 order;	/* when it was bound, for keys_for */
	size_t			 src;	/* the file read it came from */
};

struct keymap {
	char		 *name;		/* as given to keymap_load */
	struct bind	 *v;		/* sorted by keys, see cmp_keys */
	size_t		  n, cap;
	char		**files;	/* each file read, once per reading */
	size_t		  nfiles, capfiles;
	unsigned	  next_order;
	int		  timeout;
	bool		  counts;
};

/* A file being read, and the one that included it. */
struct reading {
	const struct reading		*up;
	const struct keymap_builtin	*builtin;	/* NULL for a file */
	dev_t				 dev;
	ino_t				 ino;
};

/* A bind line has at most this many words. */
#define MAX_WORDS	(KEYMAP_SEQ_MAX + 2)

/* Longest accepted "set timeout", in ms. */
#define TIMEOUT_MAX	60000

static int load(struct keymap *, const struct reading *, const char *,
    const char *, unsigned, const char *, struct vs_error *);

/* Compare two key sequences: code by code, a prefix first. */
static int
cmp_keys(const int *a, size_t na, const int *b, size_t nb)
{
	size_t i;

	for (i = 0; i < na && i < nb; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

/* The index of the first binding not ordered before keys. */
static size_t
lower_bound(const struct keymap *km, const int *keys, size_t n)
{
	size_t lo = 0, hi = km->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_keys(km->v[mid].b.keys, km->v[mid].b.nkeys, keys, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether binding i starts with keys (or is keys). */
static bool
starts_with(const struct keymap *km, size_t i, const int *keys, size_t n)
{
	const struct keymap_binding *b = &km->v[i].b;

	return b->nkeys >= n && memcmp(b->keys, keys, n * sizeof *keys) == 0;
}

enum found { FOUND_NONE, FOUND_EXACT, FOUND_PREFIX };

/* Is keys bound (*at is its index), or the start of a bound sequence? */
static enum found
find(const struct keymap *km, const int *keys, size_t n, size_t *at)
{
	size_t i = lower_bound(km, keys, n);

	if (i == km->n || !starts_with(km, i, keys, n))
		return FOUND_NONE;
	*at = i;
	return km->v[i].b.nkeys == n ? FOUND_EXACT : FOUND_PREFIX;
}

static void
remove_at(struct keymap *km, size_t i)
{
	memmove(&km->v[i], &km->v[i + 1], (km->n - i - 1) * sizeof km->v[0]);
	km->n--;
}

/*
 * Binding i conflicts with keys, about to be bound by line `line` of file
 * read `src`.  From another file, it is overridden: remove it.  From the
 * same file, it is an error: say which conflict it is.
 */
static int
conflict(struct keymap *km, size_t i, size_t src, unsigned line,
    const int *keys, size_t n, struct vs_error *err)
{
	const struct bind	*old = &km->v[i];
	char			 new_name[KEYMAP_SEQ_NAME_MAX];
	char			 old_name[KEYMAP_SEQ_NAME_MAX];
	const char		*file = km->files[src];

	if (old->src != src) {
		remove_at(km, i);
		return 0;
	}
	keymap_seq_name(keys, n, new_name, sizeof new_name);
	keymap_seq_name(old->b.keys, old->b.nkeys, old_name, sizeof old_name);
	if (old->b.nkeys == n)
		vs_error_set(err, "%s:%u: '%s' is already bound at line %u",
		    file, line, new_name, old->b.line);
	else if (old->b.nkeys < n)
		vs_error_set(err, "%s:%u: '%s' is unreachable: '%s' is bound "
		    "at line %u", file, line, new_name, old_name, old->b.line);
	else
		vs_error_set(err, "%s:%u: '%s' makes '%s', bound at line %u, "
		    "unreachable", file, line, new_name, old_name,
		    old->b.line);
	return -1;
}

/* Bind keys to action, for line `line` of file read `src`. */
static int
bind_keys(struct keymap *km, size_t src, unsigned line, const int *keys,
    size_t n, int action, struct vs_error *err)
{
	struct bind	*nb;
	size_t		 k, i;

	/* Bindings of keys or of a prefix of it. */
	for (k = 1; k <= n; k++) {
		i = lower_bound(km, keys, k);
		if (i < km->n && km->v[i].b.nkeys == k && starts_with(km, i,
		    keys, k) && conflict(km, i, src, line, keys, n, err) == -1)
			return -1;
	}
	/* Longer bindings starting with keys. */
	i = lower_bound(km, keys, n);
	while (i < km->n && starts_with(km, i, keys, n))
		if (conflict(km, i, src, line, keys, n, err) == -1)
			return -1;

	km->v = xgrow(km->v, &km->cap, km->n + 1, sizeof km->v[0]);
	memmove(&km->v[i + 1], &km->v[i], (km->n - i) * sizeof km->v[0]);
	km->n++;
	nb = &km->v[i];
	memset(nb, 0, sizeof *nb);
	memcpy(nb->b.keys, keys, n * sizeof *keys);
	nb->b.nkeys = n;
	nb->b.action = action;
	nb->b.file = km->files[src];
	nb->b.line = line;
	nb->order = km->next_order++;
	nb->src = src;
	return 0;
}

/* Remove the binding of keys and of every sequence starting with it. */
static void
unbind_keys(struct keymap *km, const int *keys, size_t n)
{
	size_t i = lower_bound(km, keys, n);

	while (i < km->n && starts_with(km, i, keys, n))
		remove_at(km, i);
}

/* Split line into blank-separated words; returns how many there are, of
 * which the first `max` are stored. */
static size_t
split_words(char *line, char **words, size_t max)
{
	static const char blanks[] = " \t\r\f\v";
	size_t n = 0;

	for (;;) {
		line += strspn(line, blanks);
		if (*line == '\0')
			return n;
		if (n < max)
			words[n] = line;
		n++;
		line += strcspn(line, blanks);
		if (*line != '\0')
			*line++ = '\0';
	}
}

/* Parse key names words[0..n) into keys; -1 and err on an unknown one. */
static int
parse_keys(char **words, size_t n, int *keys, const char *file,
    unsigned line, struct vs_error *err)
{
	size_t i;

	if (n > KEYMAP_SEQ_MAX) {
		vs_error_set(err, "%s:%u: a key sequence has at most %d keys",
		    file, line, KEYMAP_SEQ_MAX);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if ((keys[i] = keycode_parse(words[i])) == -1) {
			vs_error_set(err, "%s:%u: unknown key '%s'", file, line,
			    words[i]);
			return -1;
		}
	}
	return 0;
}

/* "set NAME VALUE". */
static int
parse_set(struct keymap *km, char **w, const char *file, unsigned line,
    struct vs_error *err)
{
	size_t len = strlen(w[2]);

	if (strcmp(w[1], "timeout") == 0) {
		if (len == 0 || len > 5 || strspn(w[2], "0123456789") != len ||
		    atoi(w[2]) > TIMEOUT_MAX) {
			vs_error_set(err, "%s:%u: timeout '%s' is not 0 to %d "
			    "milliseconds", file, line, w[2], TIMEOUT_MAX);
			return -1;
		}
		km->timeout = atoi(w[2]);
	} else if (strcmp(w[1], "counts") == 0) {
		if (strcmp(w[2], "on") == 0)
			km->counts = true;
		else if (strcmp(w[2], "off") == 0)
			km->counts = false;
		else {
			vs_error_set(err, "%s:%u: counts '%s' is not on or off",
			    file, line, w[2]);
			return -1;
		}
	} else {
		vs_error_set(err, "%s:%u: unknown setting '%s'", file, line,
		    w[1]);
		return -1;
	}
	return 0;
}

/* One line, already split into n words (n > 0). */
static int
parse_line(struct keymap *km, const struct reading *r, size_t src,
    const char *dir, unsigned line, char **w, size_t n, struct vs_error *err)
{
	const char	*file = km->files[src];
	int		 keys[KEYMAP_SEQ_MAX], action;

	if (strcmp(w[0], "bind") == 0) {
		if (n < 3) {
			vs_error_set(err, "%s:%u: usage: bind KEY... ACTION",
			    file, line);
			return -1;
		}
		if (parse_keys(w + 1, n - 2, keys, file, line, err) == -1)
			return -1;
		if ((action = action_find(w[n - 1])) == -1) {
			vs_error_set(err, "%s:%u: unknown action '%s'", file,
			    line, w[n - 1]);
			return -1;
		}
		return bind_keys(km, src, line, keys, n - 2, action, err);
	}
	if (strcmp(w[0], "unbind") == 0) {
		if (n < 2) {
			vs_error_set(err, "%s:%u: usage: unbind KEY...", file,
			    line);
			return -1;
		}
		if (parse_keys(w + 1, n - 1, keys, file, line, err) == -1)
			return -1;
		unbind_keys(km, keys, n - 1);
		return 0;
	}
	if (strcmp(w[0], "include") == 0) {
		if (n != 2) {
			vs_error_set(err, "%s:%u: usage: include NAME", file,
			    line);
			return -1;
		}
		return load(km, r, w[1], file, line, dir, err);
	}
	if (strcmp(w[0], "set") == 0) {
		if (n != 3) {
			vs_error_set(err, "%s:%u: usage: set timeout MS, "
			    "set counts on|off", file, line);
			return -1;
		}
		return parse_set(km, w, file, line, err);
	}
	vs_error_set(err, "%s:%u: unknown directive '%s'", file, line, w[0]);
	return -1;
}

/*
 * Parse the text of a keymap (modified in place) read as r, shown as
 * `file`; relative includes are taken from `dir` (NULL: as they are).
 */
static int
parse(struct keymap *km, const struct reading *r, const char *file,
    const char *dir, char *text, struct vs_error *err)
{
	char		*p = text, *eol, *words[MAX_WORDS];
	size_t		 src, n;
	unsigned	 line = 0;

	km->files = xgrow(km->files, &km->capfiles, km->nfiles + 1,
	    sizeof km->files[0]);
	src = km->nfiles++;
	km->files[src] = xstrdup(file);

	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; *p != '\0'; p = eol + 1) {
		line++;
		if ((eol = strchr(p, '\n')) != NULL)
			*eol = '\0';
		n = split_words(p, words, MAX_WORDS);
		if (n > 0 && words[0][0] != '#' &&
		    parse_line(km, r, src, dir, line, words, n, err) == -1)
			return -1;
		if (eol == NULL)
			break;
	}
	return 0;
}

/* Whether an include or load argument names a file, not a shipped map. */
static bool
names_file(const char *name)
{
	size_t len = strlen(name);

	return strchr(name, '/') != NULL ||
	    (len > 5 && strcmp(name + len - 5, ".keys") == 0);
}

/* "default, emacs, vi", for error messages. */
static void
shipped_names(char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < keymap_builtin_count && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i > 0 ? ", " : "", keymap_builtins[i].name);
}

/* Read the shipped keymap `name`; `where` prefixes errors about it. */
static int
load_builtin(struct keymap *km, const struct reading *up, const char *name,
    const char *where, struct vs_error *err)
{
	const struct keymap_builtin	*kb = NULL;
	const struct reading		*p;
	struct reading			 r = { .up = up };
	char				 list[256], file[64], *text;
	size_t				 i;
	int				 rc;

	for (i = 0; i < keymap_builtin_count && kb == NULL; i++)
		if (strcmp(keymap_builtins[i].name, name) == 0)
			kb = &keymap_builtins[i];
	if (kb == NULL) {
		shipped_names(list, sizeof list);
		vs_error_set(err, "%skeymap '%s' not found (shipped: %s)",
		    where, name, list);
		return -1;
	}
	for (p = up; p != NULL; p = p->up) {
		if (p->builtin == kb) {
			vs_error_set(err, "%sinclude loop: '%s' is already "
			    "being read", where, name);
			return -1;
		}
	}
	r.builtin = kb;
	snprintf(file, sizeof file, "%s.keys", kb->name);
	text = xstrdup(kb->text);
	rc = parse(km, &r, file, NULL, text, err);
	free(text);
	return rc;
}

/* The path `name` means when written in a file in `dir` (NULL: cwd). */
static char *
resolve(const char *name, const char *dir)
{
	const char	*home;
	char		*path;
	size_t		 size;

	if (name[0] == '~' && name[1] == '/' &&
	    (home = getenv("HOME")) != NULL && *home != '\0') {
		dir = home;
		name += 2;
	} else if (name[0] == '/' || dir == NULL)
		return xstrdup(name);
	size = strlen(dir) + strlen(name) + 2;
	path = xmalloc(size);
	snprintf(path, size, "%s%s%s", dir,
	    dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	return path;
}

/*
 * Read keymap file `name` (resolved against dir).  `arg`-related errors are
 * "cannot include" ones when `where` is not "" (an include line), else
 * about the path.
 */
static int
load_file(struct keymap *km, const struct reading *up, const char *name,
    const char *where, const char *dir, struct vs_error *err)
{
	struct file_opts	 fo = { FILE_CONFIG_MAX, false, true,
				    file_has_nul, NULL };
	struct file_data	 d;
	const struct reading	*p;
	struct reading		 r = { .up = up };
	char			*path, *slash, *subdir = NULL;
	int			 rc = -1;

	path = resolve(name, dir);
	if (file_read(path, &fo, &d, err) == -1) {
		if (*where != '\0')
			vs_error_set(err, "%scannot include '%s': %s", where,
			    name, d.why);
		goto out;
	}
	for (p = up; p != NULL; p = p->up) {
		if (p->builtin == NULL && p->dev == d.dev &&
		    p->ino == d.ino) {
			vs_error_set(err, "%sinclude loop: '%s' is already "
			    "being read", where, name);
			goto out;
		}
	}
	if (memchr(d.buf, '\0', d.len) != NULL) {
		vs_error_set(err, "%s: binary file", path);
		goto out;
	}
	r.dev = d.dev;
	r.ino = d.ino;
	if ((slash = strrchr(path, '/')) != NULL)
		subdir = xstrndup(path, slash == path ? 1 : (size_t)(slash -
		    path));
	rc = parse(km, &r, path, subdir, (char *)d.buf, err);
out:
	free(subdir);
	free(d.buf);
	free(path);
	return rc;
}

/*
 * Read keymap `name` (file or shipped) into km.  from_file and from_line
 * say which include line asked for it (NULL and 0 for keymap_load);
 * from_dir is that file's directory.
 */
static int
load(struct keymap *km, const struct reading *up, const char *name,
    const char *from_file, unsigned from_line, const char *from_dir,
    struct vs_error *err)
{
	char where[sizeof err->msg];	/* no message can be longer */
	const struct reading *p;
	unsigned depth = 0;

	where[0] = '\0';
	if (from_file != NULL)
		snprintf(where, sizeof where, "%s:%u: ", from_file, from_line);
	for (p = up; p != NULL; p = p->up)
		depth++;
	if (depth >= KEYMAP_INCLUDE_MAX) {
		vs_error_set(err, "%sincludes nested more than %d deep",
		    where, KEYMAP_INCLUDE_MAX);
		return -1;
	}
	if (names_file(name))
		return load_file(km, up, name, where, from_dir, err);
	return load_builtin(km, up, name, where, err);
}

struct keymap *
keymap_load(const char *name, struct vs_error *err)
{
	struct keymap *km = xcalloc(1, sizeof *km);

	km->name = xstrdup(name);
	km->timeout = KEYMAP_TIMEOUT_DEFAULT;
	if (load(km, NULL, name, NULL, 0, NULL, err) == -1) {
		keymap_free(km);
		return NULL;
	}
	return km;
}

void
keymap_free(struct keymap *km)
{
	size_t i;

	if (km == NULL)
		return;
	for (i = 0; i < km->nfiles; i++)
		free(km->files[i]);
	free(km->files);
	free(km->v);
	free(km->name);
	free(km);
}

const char *
keymap_name(const struct keymap *km)
{
	return km->name;
}

int
keymap_timeout(const struct keymap *km)
{
	return km->timeout;
}

const struct keymap_binding *
keymap_binding(const struct keymap *km, size_t i)
{
	return i < km->n ? &km->v[i].b : NULL;
}

static int
cmp_order(const void *a, const void *b)
{
	unsigned x = (*(const struct bind *const *)a)->order;
	unsigned y = (*(const struct bind *const *)b)->order;

	return x < y ? -1 : x > y;
}

size_t
keymap_keys_for(const struct keymap *km, int action, char *buf, size_t size)
{
	const struct bind	**found;
	char			  name[KEYMAP_SEQ_NAME_MAX];
	size_t			  i, n = 0, len = 0, need;

	if (size > 0)
		buf[0] = '\0';
	found = xreallocarray(NULL, km->n, sizeof *found);
	for (i = 0; i < km->n; i++)
		if (km->v[i].b.action == action)
			found[n++] = &km->v[i];
	qsort(found, n, sizeof *found, cmp_order);
	for (i = 0; i < n; i++) {
		keymap_seq_name(found[i]->b.keys, found[i]->b.nkeys, name,
		    sizeof name);
		need = strlen(name) + (i > 0 ? 2 : 0);
		if (len + need >= size)
			break;		/* only whole entries, in order */
		snprintf(buf + len, size - len, "%s%s", i > 0 ? ", " : "",
		    name);
		len += need;
	}
	free(found);
	return n;
}

char *
keymap_first_key(const struct keymap *km, int action, char *buf, size_t size)
{
	char *comma;

	keymap_keys_for(km, action, buf, size);
	if (size > 0 && (comma = strstr(buf, ", ")) != NULL)
		*comma = '\0';
	return buf;
}

char *
keymap_seq_name(const int *keys, size_t n, char *buf, size_t size)
{
	char	name[KEYCODE_NAME_MAX];
	size_t	i, len = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i > 0 ? " " : "", keycode_name(keys[i], name));
	return buf;
}

void
keymap_reset(struct keymap_state *st)
{
	memset(st, 0, sizeof *st);
}

enum keymap_status
keymap_feed(const struct keymap *km, struct keymap_state *st, int key,
    struct keymap_match *m)
{
	size_t	i;
	bool	pending;

	/* Counts: see keymap.h for the rules. */
	if (km->counts && st->nkeys == 0 && key >= '0' && key <= '9') {
		if (st->count > 0) {
			st->count = st->count > (KEYMAP_COUNT_MAX - 9) / 10 ?
			    KEYMAP_COUNT_MAX : st->count * 10 + (key - '0');
			return KEYMAP_PENDING;
		}
		if (key != '0' && find(km, &key, 1, &i) == FOUND_NONE) {
			st->count = key - '0';
			return KEYMAP_PENDING;
		}
	}

	if (st->nkeys < KEYMAP_SEQ_MAX) {
		st->keys[st->nkeys++] = key;
		switch (find(km, st->keys, st->nkeys, &i)) {
		case FOUND_EXACT:
			if (m != NULL) {
				m->action = km->v[i].b.action;
				m->count = st->count;
			}
			keymap_reset(st);
			return KEYMAP_MATCH;
		case FOUND_PREFIX:
			return KEYMAP_PENDING;
		case FOUND_NONE:
			break;
		}
	}

	/* A dead end; but a key bound to cancel still cancels. */
	pending = st->nkeys > 1 || st->count > 0;
	keymap_reset(st);
	if (pending && find(km, &key, 1, &i) == FOUND_EXACT &&
	    km->v[i].b.action == ACTION_CANCEL) {
		if (m != NULL) {
			m->action = ACTION_CANCEL;
			m->count = 0;
		}
		return KEYMAP_MATCH;
	}
	return KEYMAP_NONE;
}

char *
keymap_pending_text(const struct keymap_state *st, char *buf, size_t size)
{
	size_t len = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (st->count > 0)
		len = (size_t)snprintf(buf, size, "%d%s", st->count,
		    st->nkeys > 0 ? " " : "");
	if (len < size)
		keymap_seq_name(st->keys, st->nkeys, buf + len, size - len);
	return buf;
}
