/*
 * tap.h — a tiny Test Anything Protocol emitter for the engine's unit tests.
 *
 * Each test program prints "ok N - name" or "not ok N - name" per check and
 * "1..N" at the end (done_testing), which automake's tap-driver.sh counts.
 * The exit status is non-zero when any check failed.
 */
#ifndef VERSUS_TAP_H
#define VERSUS_TAP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#include <stdarg.h>

static inline int
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	fflush(stdout);
	return cond;
}

/* ok(cond, "name %d", ...) */
#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* is_int(got, want, "name") */
#define is_int(got, want, ...) do {					\
	long long got_ = (long long)(got), want_ = (long long)(want);	\
	if (!ok(got_ == want_, __VA_ARGS__))				\
		printf("#   got %lld, want %lld\n", got_, want_);	\
} while (0)

/* is_str(got, want, "name"): NUL-terminated strings */
#define is_str(got, want, ...) do {					\
	const char *got_ = (got), *want_ = (want);			\
	int same_ = got_ && want_ ? strcmp(got_, want_) == 0 : got_ == want_; \
	if (!ok(same_, __VA_ARGS__))					\
		printf("#   got  '%s'\n#   want '%s'\n",		\
		       got_ ? got_ : "(null)", want_ ? want_ : "(null)"); \
} while (0)

/* is_mem(got, gotlen, want, "name"): bytes against a C string */
#define is_mem(got, gotlen, want, ...) do {				\
	const char *g_ = (const char *)(got), *w_ = (want);		\
	size_t gl_ = (gotlen), wl_ = strlen(w_);			\
	if (!ok(gl_ == wl_ && memcmp(g_, w_, gl_) == 0, __VA_ARGS__))	\
		printf("#   got  '%.*s'\n#   want '%s'\n", (int)gl_, g_, w_); \
} while (0)

/* skip("reason"): a check that could not run here */
#define skip(...) do {							\
	printf("ok %d # SKIP ", ++tap_n);				\
	printf(__VA_ARGS__);						\
	printf("\n");							\
} while (0)

/*
 * skip_seeds("reason"): a check that needs the real articles in
 * ../shared/seeds (SEEDS_DIR) when they are missing.  A skip, saying why;
 * but under CI=true, where the seeds must be there, a failure.
 */
#define skip_seeds(...) do {						\
	const char *ci_ = getenv("CI");					\
	if (ci_ != NULL && strcmp(ci_, "true") == 0) {			\
		printf("not ok %d - the seeds are missing (CI=true): ",	\
		       ++tap_n);					\
		tap_failed++;						\
	} else {							\
		printf("ok %d # SKIP ", ++tap_n);			\
	}								\
	printf(__VA_ARGS__);						\
	printf("\n");							\
} while (0)

static inline int
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}

#endif
