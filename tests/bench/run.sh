#!/bin/sh
# run.sh — make bench: the benchmarks.  Figures, not pass/fail; time
# targets are checked by reading these, never by timed tests.
set -e
: "${srcdir:=.}"

echo "== text model throughput (tests/bench/bench-model)"
for mb in 1 10; do
	./tests/bench/bench-model "$srcdir/samples/1-wire.txt" $mb
done
