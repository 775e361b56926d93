/*
 * sentence.h — where sentences end in news prose.
 *
 * sentence_split() finds the sentence ends in one paragraph of UTF-8 text.
 * The rules (see sentence.c for the details and the reasons):
 *
 *  1. A sentence can end after ".", "!", "?", "…" (or "..."), "。", "！",
 *     "？", together with the stops and closing quotes and brackets right
 *     after it (" ' ” ’ » ) ] 」 』 ...: `reviews."`, `(Reuters).`).
 *     CJK stops always end a sentence, space or not.  The others need
 *     white space after them (soft line breaks are white space), so
 *     "3.5", "US$9.2", "Alibaba.com" and "more...from" stay whole.
 *  2. After that white space must come the start of a new sentence: a
 *     letter that is not lower case (or a lower-case one followed by a
 *     capital: "iPhone"), a digit or currency sign, an opening quote or
 *     bracket, a dash, or an invalid byte.  So an ellipsis or "?" before a
 *     lower-case word continues the sentence ("our... cloud services").
 *  3. A single "." after a title or prefix-like abbreviation (Mr. Mrs. Ms.
 *     Prof. Sen. Rep. Gov. Gen. Col. Lt. Sgt. Rev. Capt. Mt. vs. e.g. i.e.
 *     approx. ...) never ends a sentence.
 *  4. A single "." after another known abbreviation (Inc. Corp. Co. Ltd.
 *     Bros. plc, Jan. Feb. ... Sept. ... Dec., Jr. Sr. St. Dr. No. etc.
 *     al. Ave. Blvd., state forms such as Calif. Mass. ...) or a dotted one
 *     ("U.S.", "U.K.", "a.m.", "Ph.D.") ends a sentence only when the next
 *     word is a common sentence opener (The, It, He, She, They, We, But,
 *     In, A, ...): "the U.S. The company" splits, "the U.S. President",
 *     "Jan. 18", "St. Louis" and "U.S. firms" do not.
 *  5. After a single letter (initials: "J. R. Smith") likewise, but the
 *     opener must have two letters or more ("J. A. Smith" stays whole).
 *  6. A wire dateline opening the paragraph ("WASHINGTON, Jan 18 (Reuters)
 *     –", "ST. LOUIS (AP) —") is never a sentence of its own: nothing in
 *     it ends a sentence.
 *
 * The result is heuristic: it may split a sentence too late or too early,
 * never lose or duplicate text.
 */
#ifndef VERSUS_SENTENCE_H
#define VERSUS_SENTENCE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Split s[start, end) (one trimmed paragraph) into sentences.  Stores the
 * byte offset just past each sentence's last character (closing quotes
 * included, following white space excluded) in (*ends)[0 .. n-1], where n
 * is the return value; the last end is always `end`.  *ends is allocated
 * with xmalloc and owned by the caller.  Returns 0 only for start == end,
 * and then sets *ends to NULL.
 */
size_t sentence_split(const uint8_t *s, size_t start, size_t end,
		      uint32_t **ends);

#endif
