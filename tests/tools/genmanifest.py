#!/usr/bin/env python3
"""genmanifest.py — a manifest for versus --batch, and the files it names.

    genmanifest.py DIR FILES PAIRS [SAMPLES...]

writes FILES versions of the sample articles into DIR (each sample with
seeded edits: a paragraph dropped, words and figures changed, paragraphs
swapped) and DIR/manifest.tsv, PAIRS lines of two tab-separated paths of
versions of the same sample.  The same arguments give the same bytes.
"""
import os
import random
import sys


def main():
    out, nfiles, npairs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    samples = [open(p, encoding="utf-8").read().split("\n\n")
               for p in sys.argv[4:]]
    rng = random.Random(18)
    os.makedirs(out, exist_ok=True)
    names = []
    for k in range(nfiles):
        s = k % len(samples)
        paras = list(samples[s])
        for _ in range(rng.randrange(4)):
            i = rng.randrange(len(paras))
            words = paras[i].split(" ")
            j = rng.randrange(len(words))
            words[j] = rng.choice(["said", "claimed", "1,200", "€40m",
                                   "Tuesday", "U.S.", "officials"])
            paras[i] = " ".join(words)
        if len(paras) > 3 and rng.random() < 0.3:
            del paras[rng.randrange(1, len(paras))]
        if len(paras) > 3 and rng.random() < 0.2:
            i = rng.randrange(1, len(paras) - 1)
            paras[i], paras[i + 1] = paras[i + 1], paras[i]
        name = os.path.join(out, "v%05d.txt" % k)
        with open(name, "w", encoding="utf-8") as f:
            f.write("\n\n".join(paras))
        names.append((s, name))
    by_sample = {}
    for s, name in names:
        by_sample.setdefault(s, []).append(name)
    with open(os.path.join(out, "manifest.tsv"), "w", encoding="utf-8") as f:
        for i in range(npairs):
            group = by_sample[i % len(by_sample)]
            a, b = rng.sample(group, 2)
            f.write("%s\t%s\n" % (a, b))


if __name__ == "__main__":
    main()
