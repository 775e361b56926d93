#!/usr/bin/env python3
# genfamily.py — make a pair of versions of one shape of change for the
# benchmarks' families (make bench, section 6), seeded so that every run
# compares the same bytes.
#
# usage: genfamily.py FAMILY SIZE SEED OUT_A OUT_B [KJV WEB]
#
# FAMILY is one of
#   prose1, prose10  synthetic prose (made-up words with English-like
#                    frequencies, sentences, paragraphs), 1% / 10% of the
#                    paragraphs edited as genpair.py edits them;
#   reworded         every paragraph with 25% of its words replaced;
#   shuffled         the same paragraphs in a random order;
#   template         five template paragraphs repeated with different
#                    figures and names, 1% of them edited;
#   giant            one paragraph of SIZE bytes, 1% of its sentences
#                    edited;
#   translation      two translations of the Bible, one verse a paragraph,
#                    in the same order: KJV is the text of Debian's bible-kjv
#                    (`bible Gen1:1-Rev22:21`), WEB that of sword-text-web
#                    (`diatheke -b engWEB2015eb -f plain -k Gen1:1-Rev22:21`);
#                    repeated as needed to reach SIZE, verses numbered apart.
import random
import re
import sys

SYL = ["ka", "lo", "mi", "ter", "an", "sol", "ve", "ri", "dun", "pa", "es",
       "tor", "li", "mon", "ga", "ber", "ne", "sta", "cu", "ol", "fir", "den"]
FUNC = ["the", "of", "and", "to", "a", "in", "that", "is", "was", "for",
        "on", "with", "as", "by", "at", "from", "said", "it", "he", "they"]


class Prose:
    """Made-up words with a Zipf-like frequency, and English function words."""

    def __init__(self, rnd, nwords=20000):
        self.rnd = rnd
        words = set()
        while len(words) < nwords:
            words.add("".join(rnd.choice(SYL)
                              for _ in range(rnd.randint(1, 4))))
        self.words = sorted(words)
        rnd.shuffle(self.words)
        self.cum, t = [], 0.0
        for i in range(nwords):
            t += 1.0 / (i + 1)
            self.cum.append(t)

    def word(self):
        r = self.rnd
        if r.random() < 0.4:
            return r.choice(FUNC)
        x = r.random() * self.cum[-1]
        lo, hi = 0, len(self.cum) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.cum[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return self.words[lo]

    def sentence(self):
        r = self.rnd
        w = [self.word() for _ in range(r.randint(6, 28))]
        if r.random() < 0.3:
            w.insert(r.randrange(len(w)), str(r.randint(2, 9999)))
        if len(w) > 8 and r.random() < 0.5:
            w[r.randrange(2, len(w) - 1)] += ","
        return " ".join(w).capitalize() + r.choice(".....?!")

    def paragraph(self):
        return " ".join(self.sentence()
                        for _ in range(self.rnd.randint(1, 6)))


def fill(make, size):
    out, total = [], 0
    while total < size:
        p = make()
        out.append(p)
        total += len(p.encode()) + 2
    return out


def edit(rnd, prose, b, rate):
    """genpair.py's edits, with made-up words."""
    for _ in range(max(1, int(len(b) * rate))):
        i = rnd.randrange(len(b))
        kind = rnd.randrange(6)
        words = b[i].split(" ")
        if kind == 0:
            for _ in range(rnd.randint(1, 3)):
                words[rnd.randrange(len(words))] = prose.word()
            b[i] = " ".join(words)
        elif kind == 1:
            b[i] = b[i] + " " + prose.sentence()
        elif kind == 2:
            k = rnd.randrange(len(words))
            b[i] = " ".join(words[:k] + words[k + len(words) // 3:]) or b[i]
        elif kind == 3:
            b.insert(i, prose.paragraph())
        elif kind == 4:
            if len(b) > 1:
                del b[i]
        else:
            q = b.pop(i)
            b.insert(rnd.randrange(len(b) + 1), q)


def reword(rnd, prose, p, rate):
    words = p.split(" ")
    for k in range(len(words)):
        if rnd.random() < rate:
            words[k] = prose.word()
    return " ".join(words)


TEMPLATES = [
    "Of the general fund, {n} dollars is provided solely for the {w} "
    "program of the {w} office, to be spent by {d} June {y}.",
    "Section {n}. The {w} board shall report to the {w} committee on the "
    "{w} account no later than {d} days after the end of the year {y}.",
    "{W} {W}, {n}, of {W}, was charged on {d} March with {w} and {w}; "
    "bail was set at {n} dollars.",
    "Line {n}: {w} and {w} services, {n} thousand; capital outlay, {d} "
    "thousand; total for {y}, {n} thousand.",
    "The {w} council voted {d} to {d} on the {w} plan, which would cost "
    "{n} dollars over {d} years from {y}.",
]


def template_para(rnd, prose):
    t = rnd.choice(TEMPLATES)
    return re.sub(r"\{(\w)\}", lambda m: {
        "n": lambda: str(rnd.randint(100, 999999)),
        "d": lambda: str(rnd.randint(1, 31)),
        "y": lambda: str(rnd.randint(1990, 2030)),
        "w": prose.word,
        "W": lambda: prose.word().capitalize(),
    }[m.group(1)](), t)


def bible_verses(kjv, web, with_keys=False):
    """Verses of both translations found in both, in KJV's order (and
    their (book, chapter, verse) keys, with_keys)."""
    def key(book, ch, v):
        book = re.sub(r"^III ", "3 ", re.sub(r"^II ", "2 ",
                                            re.sub(r"^I ", "1 ", book)))
        return (book.replace("Song of Songs", "Song of Solomon"), ch, v)

    a, order, book, ch, cur = {}, [], None, None, None
    for line in open(kjv, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        m = re.match(r"^([1-3]? ?[A-Z][A-Za-z ]*) (\d+)$", line)
        if m:
            book, ch = m.group(1), int(m.group(2))
            continue
        m = re.match(r"^\s+(\d+) (.*)$", line)
        if m and book:
            cur = key(book, ch, int(m.group(1)))
            a[cur] = [m.group(2)]
            order.append(cur)
        elif line.strip() and cur:
            a[cur].append(line.strip())
    b, cur = {}, None
    lines = open(web, encoding="utf-8", errors="replace").read().split("\n")
    seen = {}
    for line in lines:
        seen[line.strip()] = seen.get(line.strip(), 0) + 1
    for line in lines:
        # Poetry comes indented, a verse a stanza, a blank line after it
        # and a psalm's title before every verse: without these two
        # lines the parse stopped at Psalm 19.
        line = line.strip()
        if not line:
            cur = None
            continue
        # A line the module repeats after thousands of verses (Psalm
        # 151's title, all through the New Testament) is none of theirs.
        if seen[line] >= 20 and not re.match(r"^.* \d+:\d+:", line):
            continue
        m = re.match(r"^((?:I{1,3} )?[A-Z][A-Za-z ]*?) (\d+):(\d+): ?(.*)$",
                     line)
        if m:
            cur = key(m.group(1), int(m.group(2)), int(m.group(3)))
            b[cur] = [m.group(4).strip()]
        elif line.startswith("(") or not line[:1].isalnum():
            cur = None	# the module's name, then its glossary
        elif line.strip() and cur:
            b[cur].append(line.strip())
    keys = [k for k in order if k in b and b[k][0]]
    va = [" ".join(a[k]) for k in keys]
    vb = [" ".join(b[k]).strip() for k in keys]
    return (va, vb, keys) if with_keys else (va, vb)


def main():
    fam, size, seed, out_a, out_b = sys.argv[1:6]
    size = int(float(size))
    rnd = random.Random(int(seed))
    prose = Prose(rnd)
    sep = "\n\n"
    if fam in ("prose1", "prose10"):
        a = fill(prose.paragraph, size)
        b = list(a)
        edit(rnd, prose, b, 0.01 if fam == "prose1" else 0.10)
    elif fam == "reworded":
        a = fill(prose.paragraph, size)
        b = [reword(rnd, prose, p, 0.25) for p in a]
    elif fam == "shuffled":
        a = fill(prose.paragraph, size)
        b = list(a)
        rnd.shuffle(b)
    elif fam == "template":
        a = fill(lambda: template_para(rnd, prose), size)
        b = list(a)
        for _ in range(max(1, len(b) // 100)):
            i = rnd.randrange(len(b))
            b[i] = reword(rnd, prose, b[i], 0.15)
    elif fam == "giant":
        a = fill(prose.sentence, size)
        b = list(a)
        edit(rnd, prose, b, 0.01)
        sep = " "
    elif fam == "translation":
        va, vb = bible_verses(sys.argv[6], sys.argv[7])
        if len(va) < 1000:
            sys.exit("genfamily.py: could not read both translations")
        a, b, total, copy = [], [], 0, 0
        while total < size:
            copy += 1
            for x, y in zip(va, vb):
                if copy > 1:
                    x, y = "%s (%d)" % (x, copy), "%s (%d)" % (y, copy)
                a.append(x)
                b.append(y)
                total += len(x.encode()) + 2
                if total >= size:
                    break
    else:
        sys.exit("genfamily.py: unknown family " + fam)
    with open(out_a, "w", encoding="utf-8") as f:
        f.write(sep.join(a) + "\n")
    with open(out_b, "w", encoding="utf-8") as f:
        f.write(sep.join(b) + "\n")


if __name__ == "__main__":
    main()
