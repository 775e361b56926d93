#!/usr/bin/env python3
# f1.py — how close versus's article text comes to reference extractions.
#
# usage: f1.py [-v] [-B] [-t HTML_TEXT] DIR...
# Each DIR holds source.html (a saved page) and expected.html (the article
# as a reference extractor kept it).  versus's body text is what
# tests/tools/html-text -b prints: the article without the paragraphs it
# labels (headline, byline, captions, comments ...); with -B, also without
# the paragraphs the boilerplate rules label ("Read more", share prompts,
# photo credits), as the body a diff shows.  Both texts become
# lower-case words (\w+), then 4-word shingles, counted as multisets:
# precision = shared / versus's shingles, recall = shared / expected's, F1
# their harmonic mean (the usual measure for article extraction).
# Prints the mean precision, recall and F1, the pages at F1 >= 0.9 and the
# pages lost (F1 < 0.2); -v lists every page, worst first.
import collections
import html.parser
import os
import re
import subprocess
import sys

BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6",
          "blockquote", "pre", "tr", "table", "section", "article",
          "figure", "figcaption", "ul", "ol", "dl", "dt", "dd", "hr"}


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in BLOCKS:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in BLOCKS:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_text(path):
    p = Text()
    p.feed(open(path, encoding="utf-8", errors="replace").read())
    return "".join(p.out)


def shingles(text, n=4):
    words = re.findall(r"\w+", text.lower())
    if len(words) < n:
        return collections.Counter([tuple(words)]) if words else collections.Counter()
    return collections.Counter(tuple(words[i:i + n])
                               for i in range(len(words) - n + 1))


def score(got, want):
    g, w = shingles(got), shingles(want)
    shared = sum((g & w).values())
    p = shared / sum(g.values()) if g else 0.0
    r = shared / sum(w.values()) if w else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    args = sys.argv[1:]
    verbose = False
    mode = "-b"
    tool = os.path.join(os.path.dirname(os.path.abspath(__file__)), "html-text")
    while args and args[0].startswith("-"):
        if args[0] == "-v":
            verbose = True
            args = args[1:]
        elif args[0] == "-B":
            mode = "-B"
            args = args[1:]
        elif args[0] == "-t":
            tool = args[1]
            args = args[2:]
        else:
            sys.exit("usage: f1.py [-v] [-B] [-t HTML_TEXT] DIR...")
    rows = []
    for d in args:
        src = os.path.join(d, "source.html")
        exp = os.path.join(d, "expected.html")
        if not (os.path.exists(src) and os.path.exists(exp)):
            continue
        r = subprocess.run([tool, mode, src], capture_output=True)
        got = r.stdout.decode("utf-8", "replace") if r.returncode == 0 else ""
        rows.append((os.path.basename(os.path.normpath(d)),) +
                    score(got, html_text(exp)))
    if not rows:
        sys.exit("f1.py: no page found")
    n = len(rows)
    mp = sum(r[1] for r in rows) / n
    mr = sum(r[2] for r in rows) / n
    mf = sum(r[3] for r in rows) / n
    if verbose:
        for name, p, r, f in sorted(rows, key=lambda x: x[3]):
            print("%-50s P %.3f R %.3f F1 %.3f" % (name, p, r, f))
    print("pages %d  precision %.4f  recall %.4f  F1 %.4f  "
          "F1>=0.9 %d  lost (F1<0.2) %d" %
          (n, mp, mr, mf, sum(r[3] >= 0.9 for r in rows),
           sum(r[3] < 0.2 for r in rows)))


main()
