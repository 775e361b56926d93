#!/usr/bin/env python3
# stray.py — count stray matches in a wdiff-style word diff.
#
# usage: stray.py [--show] FILE...   (wdiff format: [-deleted-] {+inserted+})
# A stray match is a run of one or two unchanged words standing between
# two changes: the "the" and "of" that word diffs leave inside rewritten
# text, which make it hard to read.  Prints, per file, the number of such
# runs, the number of change sites, and the words of the file (as wc -w
# counts them) with the runs per 1000 words, the figure issue 14 uses.
# An equal run that holds a line break is no stray: it parts two lines
# (items of a list, rows of a table, lines of a poem) as a blank line
# parts two paragraphs, and what each line keeps is a real match however
# short ("** ''Ile Camera'' {+{{WS|...}}+}", line after line).
# --show also prints each stray run between the changes around it, so that
# each can be judged in context: kept by the writer, or an accident of LCS.
import re
import sys

MARK = re.compile(r"\[-.*?-\]|\{\+.*?\+\}", re.S)

def count(text, show=None):
    # versus's cosmetic changes ([~old~]{~new~}) are not changes a reader
    # has to read: count them as their new text.
    text = re.sub(r"\[~.*?~\]", "", text, flags=re.S)
    text = re.sub(r"\{~(.*?)~\}", r"\1", text, flags=re.S)
    pieces, pos = [], 0
    for m in MARK.finditer(text):
        pieces.append(("eq", text[pos:m.start()]))
        pieces.append(("ch", m.group(0)))
        pos = m.end()
    pieces.append(("eq", text[pos:]))
    stray = sites = 0
    prev_change = False
    for i, (kind, s) in enumerate(pieces):
        if kind == "ch":
            if not prev_change:
                sites += 1
            prev_change = True
            continue
        words = re.findall(r"\w+", s)
        if not words and not s.strip():
            continue            # only white space: still the same site
        nxt = any(k == "ch" for k, _ in pieces[i + 1:i + 2])
        if prev_change and nxt and 1 <= len(words) <= 2 and "\n" not in s:
            stray += 1
            if show is not None:
                show.append("".join(p for _, p in pieces[max(0, i - 3):i + 4]))
        prev_change = False
    return stray, sites

args = sys.argv[1:]
show = "--show" in args
for path in [a for a in args if a != "--show"]:
    text = open(path, encoding="utf-8", errors="replace").read()
    runs = [] if show else None
    stray, sites = count(text, runs)
    words = len(text.split())
    print("%s: %d stray one- or two-word matches, %d change sites, "
          "%d words (%.1f per 1000)" % (path, stray, sites, words,
                                        1000.0 * stray / words if words else 0))
    for r in runs or []:
        print("  " + " ".join(r.split()))
