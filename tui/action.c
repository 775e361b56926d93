/*
 * action.c — names and help texts of the actions (see action.h).
 */
#include "config.h"

#include <string.h>

#include "action.h"

static const struct {
	const char *name;
	const char *help;
} actions[ACTION_COUNT] = {
#define ACTION_ROW(id, name, help, fn) { name, help },
	ACTION_LIST(ACTION_ROW)
#undef ACTION_ROW
};

const char *
action_name(int action)
{
	return action >= 0 && action < ACTION_COUNT ? actions[action].name :
		NULL;
}

const char *
action_help(int action)
{
	return action >= 0 && action < ACTION_COUNT ? actions[action].help :
		NULL;
}

int
action_find(const char *name)
{
	int i;

	for (i = 0; i < ACTION_COUNT; i++)
		if (strcmp(actions[i].name, name) == 0)
			return i;
	return -1;
}
