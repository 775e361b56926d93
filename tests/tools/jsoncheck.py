#!/usr/bin/env python3
# jsoncheck.py — check `versus --json` output with a real JSON parser.
#
# usage: jsoncheck.py OUTPUT.json [--strict-equal]
# Checks that the output parses, follows the documented schema, that the
# ops of each comparison tile both files exactly, in order, and (with
# --strict-equal, for inputs compared with default options) that the two
# sides of every "equal" op are the same bytes, white space included.
# Prints one line per problem and exits 1 if there is any.
import json
import re
import sys

def main():
    path = sys.argv[1]
    strict_equal = "--strict-equal" in sys.argv[2:]
    problems = []
    with open(path, "rb") as f:
        raw = f.read()
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        print("not valid JSON: %s" % e)
        return 1
    if set(doc) != {"versions", "comparisons"}:
        problems.append("top-level keys are %s" % sorted(doc))
    versions = doc.get("versions", [])
    data = []
    for i, v in enumerate(versions):
        for key, kind in (("path", str), ("bytes", int), ("encoding", str),
                          ("paragraphs", int), ("words", int),
                          ("invalid_bytes", int)):
            if not isinstance(v.get(key), kind):
                problems.append("version %d: bad %s" % (i, key))
        p = v.get("path")
        try:
            if p == "-":
                data.append(None)
            else:
                with open(p, "rb") as f:
                    data.append(f.read())
                if len(data[-1]) != v.get("bytes"):
                    problems.append("version %d: bytes %s, file has %d"
                                    % (i, v.get("bytes"), len(data[-1])))
        except OSError as e:
            problems.append("version %d: %s" % (i, e))
            data.append(None)
    for c in doc.get("comparisons", []):
        a, b = c.get("a"), c.get("b")
        name = "comparison %s->%s" % (a, b)
        if not (isinstance(a, int) and isinstance(b, int)
                and 0 <= a < len(versions) and 0 <= b < len(versions)):
            problems.append(name + ": bad version indexes")
            continue
        s = c.get("similarity")
        if not isinstance(s, (int, float)) or not 0 <= s <= 1:
            problems.append(name + ": bad similarity %r" % s)
        pos = {"a": 0, "b": 0}
        for k, op in enumerate(c.get("ops", [])):
            kind = op.get("op")
            sides = {"equal": "ab", "delete": "a", "insert": "b"}.get(kind)
            if sides is None:
                problems.append("%s op %d: bad op %r" % (name, k, kind))
                continue
            for side in "ab":
                if (side in op) != (side in sides):
                    problems.append("%s op %d: %s side wrong" % (name, k, kind))
            for side in sides:
                r = op.get(side)
                if (not isinstance(r, list) or len(r) != 2
                        or r[0] != pos[side] or r[1] < r[0]):
                    problems.append("%s op %d: %s range %r does not follow %d"
                                    % (name, k, side, r, pos[side]))
                    break
                pos[side] = r[1]
            if kind == "equal" and strict_equal and data[a] and data[b]:
                ta = data[a][op["a"][0]:op["a"][1]]
                tb = data[b][op["b"][0]:op["b"][1]]
                if ta != tb:
                    problems.append("%s op %d: equal texts differ: %r / %r"
                                    % (name, k, ta[:40], tb[:40]))
            for flag in ("cosmetic", "edit"):
                if flag in op and op[flag] is not True:
                    problems.append("%s op %d: bad %s" % (name, k, flag))
            if "move" in op and (not isinstance(op["move"], int) or op["move"] < 1):
                problems.append("%s op %d: bad move" % (name, k))
        # Blocks visit each version's paragraphs once, in order.
        nextp = {"a": 0, "b": 0}
        for k, bl in enumerate(c.get("blocks", [])):
            if bl.get("kind") not in ("equal", "changed", "deleted", "inserted"):
                problems.append("%s block %d: bad kind" % (name, k))
            for side in "ab":
                r = bl.get(side)
                if r is None:
                    continue
                if r[0] != nextp[side] or r[1] <= r[0]:
                    problems.append("%s block %d: %s paragraphs %r do not follow %d"
                                    % (name, k, side, r, nextp[side]))
                nextp[side] = r[1]
        for side, idx in (("a", a), ("b", b)):
            if nextp[side] != versions[idx].get("paragraphs"):
                problems.append("%s: blocks cover %d of %s's %s paragraphs"
                                % (name, nextp[side], side, versions[idx].get("paragraphs")))
        for side, idx in (("a", a), ("b", b)):
            if data[idx] is not None and pos[side] != len(data[idx]):
                problems.append("%s: ops of %s end at %d, file has %d bytes"
                                % (name, side, pos[side], len(data[idx])))
    for p in problems[:20]:
        print(p)
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main())
