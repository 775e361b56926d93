/*
 * test-mapping.c — tracing a summary's sentences to the original: by
 * shared numbers, names and rare words; coverage; paraphrases.
 */
#include "config.h"

#include <string.h>

#include "doc.h"
#include "equiv.h"
#include "cmpkeys.h"
#include "mapping.h"
#include "tap.h"
#include "text.h"

static const char original[] =
	"The city council of Harwick approved a budget of 48 million euros on "
	"Tuesday. Mayor Elena Brandt said the money would go to schools. "
	"Critics on the council called the plan reckless.\n\n"
	"The budget includes 12 million euros for the Kestrel Bridge repairs. "
	"Work on the bridge should start in April.\n\n"
	"The weather was mild and the meeting ended early.\n";

static const char summary[] =
	"Harwick has a new 48 million euro budget, approved Tuesday. "
	"Brandt wants schools to get the money.\n\n"
	"Kestrel Bridge gets 12 million euros. "
	"Nobody asked the readers what they thought.\n";

int
main(void)
{
	struct text_opts to = { 0 };
	struct cmpkeys_opts ko = { 0 };
	struct equiv *eq = equiv_new_builtin();
	struct cmpkeys *k = cmpkeys_new(&ko, eq);
	struct text *ta = text_from_bytes("a", original, strlen(original), &to, NULL);
	struct text *tb = text_from_bytes("b", summary, strlen(summary), &to, NULL);
	struct doc *a = doc_build(ta), *b = doc_build(tb);
	struct sentence_map m;

	struct alignment *al;

	cmpkeys_classify(k, a);
	cmpkeys_classify(k, b);
	al = align_build(a, b, NULL);
	mapping_build(al, &m);
	is_int(m.nb, 4, "four sentences in the summary");
	is_int(m.from[0], 0, "the budget sentence traces to the first");
	is_int(m.from[1], 1, "the mayor's sentence traces to hers");
	is_int(m.from[2], 3, "the bridge sentence traces to the bridge");
	is_int(m.from[3], MAPPING_NONE, "a new sentence traces to nothing");
	is_int(m.mapped, 3, "three traced");
	ok(m.paraphrase[0], "the budget sentence is a paraphrase: facts kept, words not");
	ok(m.paraphrase[2], "so is the bridge sentence, its facts reordered");
	ok(!m.paraphrase[1], "the mayor's sentence drops a name: not a paraphrase");
	/* Traced: sentences 1, 2 and 4 of 6, by words 14 + 10 + 11 of 60. */
	is_int(m.words_a, 60, "words of the original");
	is_int(m.covered_a, 35, "words of the traced sentences");
	ok(m.coverage > 0.58 && m.coverage < 0.59, "coverage 58%%");
	mapping_clear(&m);

	align_free(al);

	/* Common words alone never trace a sentence. */
	al = align_build(b, a, NULL);
	mapping_build(al, &m);
	is_int(m.from[5], MAPPING_NONE, "'the weather was mild' traces to nothing");
	mapping_clear(&m);
	align_free(al);

	doc_free(a);
	doc_free(b);
	text_free(ta);
	text_free(tb);
	cmpkeys_free(k);
	equiv_free(eq);
	return done_testing();
}
