/*
 * xalloc.h — the engine's only allocation policy.
 *
 * Every allocation in versus goes through these wrappers.  When memory runs
 * out they call the handler set with xalloc_set_failure_handler() and
 * abort().  The engine prints nothing: the program's handler says "versus:
 * out of memory" (and the TUI's restores the terminal first, then calls
 * the handler it replaced).  Callers therefore never check for NULL.  Sizes are checked for
 * multiplication overflow, which is treated as running out of memory.
 */
#ifndef VERSUS_XALLOC_H
#define VERSUS_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Resize ptr to nmemb elements of size bytes each, checking the product. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * Grow an array so that it can hold at least `need` elements: *cap is
 * doubled (starting at 16) until it is large enough.  Returns the possibly
 * moved array.
 */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t size);

/*
 * fn is called once before aborting on allocation failure (NULL for none);
 * it must not allocate, and should write with write(2), not stdio.
 * Returns the handler it replaces.
 */
void (*xalloc_set_failure_handler(void (*fn)(void)))(void);

/*
 * Fail as the wrappers do when memory runs out, for memory that a library
 * could not get (libunistring returns NULL with ENOMEM) or ids that ran
 * out.
 */
_Noreturn void xalloc_fail(void);

#endif
