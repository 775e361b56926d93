#!/usr/bin/env python3
"""cputime.py RUNS A B -- TOOL... -- time word diff tools on one pair.

Each TOOL is a name and a command, "name=cmd args", run as
`cmd args A B` with its output thrown away.  The tools run in turns
(interleaved: one run of each, RUNS times over) so that the load of a
shared machine falls on all of them alike; each is measured in CPU time
(user + system, from wait4) rather than wall time, and its peak resident
memory is taken from the same rusage.  Prints one line per tool:
"name median-cpu-seconds peak-kilobytes", the median over the runs and
the largest peak.
"""
import os
import subprocess
import sys


def run(cmd):
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(cmd, stdout=null, stderr=null)
        _, _, ru = os.wait4(p.pid, 0)
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def main():
    runs = int(sys.argv[1])
    a, b = sys.argv[2], sys.argv[3]
    tools = [t.split("=", 1) for t in sys.argv[4:]]
    cpu = {n: [] for n, _ in tools}
    peak = {n: 0 for n, _ in tools}
    for _ in range(runs):
        for name, cmd in tools:
            t, m = run(cmd.split() + [a, b])
            cpu[name].append(t)
            peak[name] = max(peak[name], m)
    for name, _ in tools:
        v = sorted(cpu[name])
        print("%s %.4f %d" % (name, v[len(v) // 2], peak[name]))


main()
