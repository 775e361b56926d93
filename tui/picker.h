/*
 * picker.h — the version picker screen (picker.c): the versions by date
 * with what each did to a passage; choose two to compare.
 */
#ifndef VERSUS_PICKER_H
#define VERSUS_PICKER_H

struct browser;

/* The screen's draw and key (browse.h, struct browse_screen_ops). */
void picker_draw(struct browser *b);
int picker_key(struct browser *b, int action, unsigned count);

/* The handler of version-picker: open the picker. */
int act_version_picker(struct browser *b, int action, unsigned count);

#endif
