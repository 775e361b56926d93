#!/usr/bin/env python3
# proxy-book.py — stand-ins, built here, for two held-out targets of issue 14:
# a long book whose chapters were all reworded in place must come out with
# every chapter paired where it is and no move; a translation of it, the
# same.  Neither text goes into the repository: both are made from Debian
# packages at run time, seeded, so every run compares the same bytes.
#
# usage: proxy-book.py VERSUS KIND [SEED] [RATE]
#
# KIND is one of
#   reworded     the King James text (Debian's bible-kjv, `bible -l100000
#                Gen1:1-Rev22:21`), one chapter a paragraph (1,189), against
#                the same with a share RATE (0.25) of the words of every
#                chapter replaced by words drawn from the book itself;
#   translation  the King James text against the World English Bible
#                (sword-text-web, through diatheke), one chapter a paragraph,
#                the chapters found in both, in the same order;
#   verses       the same two translations, one verse a paragraph (31,102).
#
# It prints the paragraphs paired in place (a block of one paragraph each
# side at the same index, not a move), the moves, the blocks of other
# shapes, and the wall and CPU time of `versus --json`.  Targets: every
# chapter paired in place, 0 moves.
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def kjv_chapters():
    """The KJV as (book, chapter) -> verses, in order."""
    out = subprocess.run(["bible", "-l100000", "Gen1:1-Rev22:21"],
                         capture_output=True, text=True, check=True).stdout
    order, ch, cur = [], {}, None
    for line in out.splitlines():
        m = re.match(r"^([1-3]? ?[A-Z][A-Za-z ]*) (\d+)$", line)
        if m:
            cur = (m.group(1), int(m.group(2)))
            order.append(cur)
            ch[cur] = []
            continue
        m = re.match(r"^\s+(\d+) (.*)$", line)
        if m and cur:
            ch[cur].append(m.group(2).strip())
        elif line.strip() and cur and ch[cur]:
            ch[cur][-1] += " " + line.strip()
    return [(k, ch[k]) for k in order]


def bible_pair():
    """KJV and WEB verses found in both, in KJV's order, and their keys."""
    sys.path.insert(0, HERE)
    import genfamily
    with tempfile.TemporaryDirectory() as d:
        kjv, web = os.path.join(d, "kjv.txt"), os.path.join(d, "web.txt")
        with open(kjv, "w") as f:
            subprocess.run(["bible", "Gen1:1-Rev22:21"], stdout=f,
                           check=True)
        with open(web, "w") as f:
            subprocess.run(["diatheke", "-b", "engWEB2015eb", "-f", "plain",
                            "-k", "Gen1:1-Rev22:21"], stdout=f, check=True)
        return genfamily.bible_verses(kjv, web, with_keys=True)


def reworded(seed, rate):
    rnd = random.Random(seed)
    chapters = kjv_chapters()
    a = [" ".join(v) for _, v in chapters]
    vocab = " ".join(a).split()
    b = []
    for p in a:
        words = p.split(" ")
        for k in range(len(words)):
            if rnd.random() < rate:
                # A word of the book, as often as the book uses it; the
                # punctuation after the old word stays.
                m = re.match(r"^(.*?)([,.;:?!)]*)$", words[k])
                w = re.sub(r"[,.;:?!()]", "", rnd.choice(vocab)) or "and"
                words[k] = w + m.group(2)
        b.append(" ".join(words))
    return a, b


def translation(by_verse):
    va, vb, keys = bible_pair()
    if by_verse:
        return va, vb
    a, b = [], []
    for k, (x, y) in enumerate(zip(va, vb)):
        if k == 0 or keys[k][:2] != keys[k - 1][:2]:
            a.append(x)
            b.append(y)
        else:
            a[-1] += " " + x
            b[-1] += " " + y
    return a, b


def measure(versus, a, b):
    with tempfile.TemporaryDirectory() as d:
        pa, pb = os.path.join(d, "a.txt"), os.path.join(d, "b.txt")
        with open(pa, "w") as f:
            f.write("\n\n".join(a) + "\n")
        with open(pb, "w") as f:
            f.write("\n\n".join(b) + "\n")
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        out = subprocess.run([versus, "--json", pa, pb],
                             capture_output=True).stdout
        wall = time.monotonic() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        size = os.path.getsize(pa) + os.path.getsize(pb)
    cmp = json.loads(out)["comparisons"][0]
    inplace = other = 0
    stray = []
    for bl in cmp["blocks"]:
        if bl.get("move"):
            continue
        (a0, a1), (b0, b1) = bl.get("a", [0, 0]), bl.get("b", [0, 0])
        if a1 - a0 == 1 and b1 - b0 == 1 and a0 == b0:
            inplace += 1
        else:
            other += 1
            if len(stray) < 5:
                stray.append((bl["kind"], bl.get("a"), bl.get("b")))
    return {"paragraphs": len(a), "bytes": size, "paired_in_place": inplace,
            "moves": cmp["moves"], "other_blocks": other,
            "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "first_others": stray}


def main():
    versus, kind = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rate = float(sys.argv[4]) if len(sys.argv) > 4 else 0.25
    if kind == "reworded":
        a, b = reworded(seed, rate)
    elif kind in ("translation", "verses"):
        a, b = translation(kind == "verses")
    else:
        sys.exit("proxy-book.py: unknown kind " + kind)
    print(json.dumps(dict(kind=kind, seed=seed, **measure(versus, a, b))))


if __name__ == "__main__":
    main()
