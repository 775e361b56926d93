/*
 * changelist.h — the change list screen (changelist.c): every change
 * site of the pair on screen, filterable by kind; Enter shows one.
 */
#ifndef VERSUS_CHANGELIST_H
#define VERSUS_CHANGELIST_H

struct browser;

/* The screen's draw and key (browse.h, struct browse_screen_ops). */
void changelist_draw(struct browser *b);
int changelist_key(struct browser *b, int action, unsigned count);

/* Handlers: change-list opens it, change-kind-filter shows another kind. */
int act_change_list(struct browser *b, int action, unsigned count);
int act_kind_filter(struct browser *b, int action, unsigned count);

#endif
