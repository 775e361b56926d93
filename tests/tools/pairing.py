#!/usr/bin/env python3
# pairing.py — check how versus paired the paragraphs of two versions.
#
# usage: pairing.py A B OUTPUT.json RULE...
# The JSON is `versus --json A B`; paragraphs are named by the start of
# their text.  Rules:
#   pair:A1|A2=>B1|B2   the A paragraphs starting so form one block with
#                       the B paragraphs starting so (a split or a merge)
#   inserted:B1         the B paragraph is an insertion (not paired)
#   deleted:A1          the A paragraph is a deletion (not paired)
# Prints one line per failed rule and exits 1 if any failed.
import json
import re
import sys

def paragraphs(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in re.split(r"\n[ \t\u00a0]*\n", text) if p.strip()]

def find(paras, prefix, name):
    hits = [i for i, p in enumerate(paras) if p.startswith(prefix)]
    if len(hits) != 1:
        raise SystemExit("%s: %d paragraphs start with %r" % (name, len(hits), prefix))
    return hits[0]

def main():
    a, b, out = sys.argv[1:4]
    pa, pb = paragraphs(a), paragraphs(b)
    blocks = json.load(open(out))["comparisons"][0]["blocks"]
    failed = 0
    for rule in sys.argv[4:]:
        kind, _, spec = rule.partition(":")
        ok = False
        if kind == "pair":
            left, right = spec.split("=>")
            ia = sorted(find(pa, s, "A") for s in left.split("|"))
            ib = sorted(find(pb, s, "B") for s in right.split("|"))
            want_a = [ia[0], ia[-1] + 1]
            want_b = [ib[0], ib[-1] + 1]
            ok = any(bl.get("a") == want_a and bl.get("b") == want_b
                     for bl in blocks)
        elif kind == "inserted":
            i = find(pb, spec, "B")
            ok = any(bl["kind"] == "inserted" and bl["b"][0] <= i < bl["b"][1]
                     and "move" not in bl for bl in blocks)
        elif kind == "deleted":
            i = find(pa, spec, "A")
            ok = any(bl["kind"] == "deleted" and bl["a"][0] <= i < bl["a"][1]
                     and "move" not in bl for bl in blocks)
        if not ok:
            failed += 1
            print("rule failed: " + rule)
    return 1 if failed else 0

sys.exit(main())
