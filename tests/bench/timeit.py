#!/usr/bin/env python3
"""timeit.py RUNS CMD... -- run CMD RUNS times (output thrown away) and
print the median wall time of the runs in seconds.  For make bench:
/usr/bin/time's 10 ms resolution cannot tell 3 ms from 9 ms (its peak
memory figure is right, and run.sh takes that from it).
"""
import subprocess
import sys
import time


def main():
    runs = int(sys.argv[1])
    cmd = sys.argv[2:]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    times.sort()
    print("%.6f" % times[len(times) // 2])


main()
