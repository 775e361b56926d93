#!/usr/bin/env python3
# genpair.py — make a pair of versions of a long text for the benchmarks.
#
# usage: genpair.py SOURCE SIZE RATE SEED OUT_A OUT_B
# SOURCE is a plain text (the King James Bible from Debian's bible-kjv);
# each verse becomes a paragraph.  A is SIZE bytes of paragraphs (the text
# repeated as needed, each copy's verses numbered apart); B is A with
# seeded random edits to about RATE of its paragraphs, of the kinds
# journalists meet: word substitutions, inserted and deleted sentences,
# inserted and deleted paragraphs, moved paragraphs, typography (curly
# quotes, dashes, "per cent"), and re-wrapped paragraphs.
import random
import re
import sys

def verses(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    out, cur = [], []
    for line in text.split("\n"):
        m = re.match(r"^\s+(\d+) (.*)$", line)
        if m:
            if cur:
                out.append(" ".join(cur))
            cur = [m.group(2)]
        elif line.strip() and cur and not re.match(r"^[A-Z0-9][A-Za-z ]* \d+$", line.strip()):
            cur.append(line.strip())
    if cur:
        out.append(" ".join(cur))
    return out

def wrap(p, width=72):
    words, lines, cur = p.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = cur + " " + w if cur else w
    lines.append(cur)
    return "\n".join(lines)

def main():
    src, size, rate, seed, out_a, out_b = sys.argv[1:7]
    size, rate = int(float(size)), float(rate)
    rnd = random.Random(int(seed))
    vs = verses(src)
    a, total, copy = [], 0, 0
    while total < size:
        copy += 1
        for v in vs:
            p = "%s (%d)" % (v, copy) if copy > 1 else v
            a.append(p)
            total += len(p.encode()) + 2
            if total >= size:
                break
    vocab = [w for w in " ".join(vs[:2000]).split() if w.isalpha()]
    b = list(a)
    n_edits = max(1, int(len(a) * rate))
    for _ in range(n_edits):
        i = rnd.randrange(len(b))
        kind = rnd.randrange(8)
        p = b[i]
        words = p.split(" ")
        if kind == 0:      # substitute words
            for _ in range(rnd.randint(1, 3)):
                words[rnd.randrange(len(words))] = rnd.choice(vocab)
            b[i] = " ".join(words)
        elif kind == 1:    # insert a sentence
            s = " ".join(rnd.choice(vocab) for _ in range(rnd.randint(5, 15)))
            b[i] = p + " " + s.capitalize() + "."
        elif kind == 2:    # delete part of a paragraph
            k = rnd.randrange(len(words))
            b[i] = " ".join(words[:k] + words[k + len(words) // 3:]) or p
        elif kind == 3:    # insert a paragraph
            s = " ".join(rnd.choice(vocab) for _ in range(rnd.randint(10, 40)))
            b.insert(i, s.capitalize() + ".")
        elif kind == 4:    # delete a paragraph
            del b[i]
        elif kind == 5:    # move a paragraph
            q = b.pop(i)
            b.insert(rnd.randrange(len(b)), q)
        elif kind == 6:    # typography
            b[i] = p.replace(", ", " \u2014 ", 1).replace("'", "\u2019")
        else:              # re-wrap
            b[i] = wrap(p)
    with open(out_a, "w", encoding="utf-8") as f:
        f.write("\n\n".join(a) + "\n")
    with open(out_b, "w", encoding="utf-8") as f:
        f.write("\n\n".join(b) + "\n")

main()
