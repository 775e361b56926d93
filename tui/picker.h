/*
 * picker.h — the version picker screen (picker.c): the versions by date
 * with what each did to a passage; choose two to compare, or mark a set
 * of them to show alone.
 */
#ifndef VERSUS_PICKER_H
#define VERSUS_PICKER_H

#include <stddef.h>

struct browser;

/* The screen's draw and key (browse.h, struct browse_screen_ops). */
void picker_draw(struct browser *b);
int picker_key(struct browser *b, int action, unsigned count);

/* The handler of version-picker: open the picker. */
int act_version_picker(struct browser *b, int action, unsigned count);

/*
 * The handlers of mark-version (the picker's: on the versions it says
 * where to mark), compare-marked (show the marked versions only) and
 * all-versions (show every version again).
 */
int act_mark_version(struct browser *b, int action, unsigned count);
int act_compare_marked(struct browser *b, int action, unsigned count);
int act_all_versions(struct browser *b, int action, unsigned count);

/* Put text t in place of version v shown (session_replace), in all. */
struct text;
void picker_replace(struct browser *b, size_t v, struct text *t);

/* Free the set shown and the marks: every version is shown again. */
void picker_clear(struct browser *b);

#endif
