#!/usr/bin/env bash
# The tracer's JMH figures against its goals, one command:
#
#   bench/tracer-bench.sh            # parse + apply (events/s on one core) and heap per live session (1 M sessions)
#   bench/tracer-bench.sh --runs 3   # the same three times, for the spread
#   bench/tracer-bench.sh --smoke    # every benchmark once, tiny inputs, seconds (checks the plumbing only)
#
# Goals (docs/BENCHMARKS.md, "Tracer"): parse + apply >= 2,000,000 events/s on one core; <= 300 bytes per live
# session with 1,000,000 sessions in the table.
#
# Runs bench/target/benchmarks.jar (build it with: mvn -B -q -pl bench package; it compiles against events,
# tracer, proxy and correlator installed in ~/.m2): TracerApplyBenchmark (parseAndApply, the goal, and parseOnly,
# the parser's share) with the ThreadCpuProfiler, which adds events per CPU-second of the benchmark thread
# (robust to other work on the machine) and the share of wall time that thread had a core; then
# TracerMemoryBenchmark (IPv4, and IPv6 with one address per session). Load average before and after each run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${BENCH_JAR:-$here/target/benchmarks.jar}"
runs=1
smoke=0
out_dir=

usage() {
  cat <<EOF
Usage: bench/tracer-bench.sh [--smoke] [--runs N] [--out DIR]

  --smoke     each benchmark once on tiny inputs, no warm-up (checks that everything runs; not a measurement)
  --runs N    repeat the whole measurement N times (default $runs)
  --out DIR   keep JMH's CSV results and logs there

Environment: BENCH_JAR (default bench/target/benchmarks.jar).
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --runs) runs="$2"; shift ;;
    --out) out_dir="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench/tracer-bench.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

die() { echo "bench/tracer-bench.sh: $*" >&2; exit 1; }
log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }
[ -f "$jar" ] || die "$jar is missing; build it with: mvn -B -q -pl bench package"
command -v python3 >/dev/null || die "needs python3 (to read JMH's CSV results)"

work="$(mktemp -d /tmp/hoptrace-bench-tracer-jmh.XXXXXX)"
cleanup() {
  local rc=$?
  if [ -n "$out_dir" ]; then mkdir -p "$out_dir"; cp "$work"/* "$out_dir"/ 2>/dev/null || true; fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
# JMH's forks are children of this java: a Ctrl-C reaches the whole process group.
trap 'exit 130' INT TERM

load() { cut -d' ' -f1-3 /proc/loadavg; }

if [ "$smoke" = 1 ]; then
  apply_opts=(-f 0 -wi 0 -i 1 -r 200ms -p events=4096 -p live=1000)
  memory_opts=(-f 0 -p sessions=20000)
  runs=1
else
  apply_opts=()
  memory_opts=()
fi

log "machine: $(lscpu | awk -F': +' '/^Model name/ { print $2 }'), $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB, kernel $(uname -r)"
log "java: $(java -version 2>&1 | head -1)"

for run in $(seq "$runs"); do
  l0=$(load)
  log "run $run: TracerApplyBenchmark (load $l0)"
  java -jar "$jar" 'io.hoptrace.bench.tracer.TracerApplyBenchmark' "${apply_opts[@]}" \
    -prof io.hoptrace.bench.tracer.ThreadCpuProfiler -rf csv -rff "$work/apply-$run.csv" > "$work/apply-$run.log" 2>&1 \
    || { tail -30 "$work/apply-$run.log" >&2; die "TracerApplyBenchmark failed"; }
  l1=$(load)
  log "run $run: TracerMemoryBenchmark (load $l1)"
  java -jar "$jar" 'io.hoptrace.bench.tracer.TracerMemoryBenchmark' "${memory_opts[@]}" \
    -rf csv -rff "$work/memory-$run.csv" > "$work/memory-$run.log" 2>&1 \
    || { tail -30 "$work/memory-$run.log" >&2; die "TracerMemoryBenchmark failed"; }
  printf '%s\t%s\t%s\t%s\n' "$run" "$l0" "$l1" "$(load)" >> "$work/load.tsv"
done

python3 - "$work" "$runs" "$smoke" <<'EOF'
import csv, re, statistics, sys
work, runs, smoke = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"

def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))

apply = {}   # (method, metric) -> [scores]
memory = {}  # (ipv6Percent, metric) -> [scores]
params = {}
for run in range(1, runs + 1):
    for r in rows(f"{work}/apply-{run}.csv"):
        params = r
        name = re.sub(r"^.*\.Tracer\w+Benchmark\.", "", r["Benchmark"])
        method, _, metric = name.partition(":")
        apply.setdefault((method, metric or "wall"), []).append(float(r["Score"]))
    for r in rows(f"{work}/memory-{run}.csv"):
        name = re.sub(r"^.*\.Tracer\w+Benchmark\.", "", r["Benchmark"])
        _, _, metric = name.partition(":")
        memory.setdefault((r["Param: ipv6Percent"], metric or "load ms"), []).append(float(r["Score"]))
loads = [line.rstrip("\n").split("\t") for line in open(f"{work}/load.tsv")]

def fmt(values, unit=""):
    med = statistics.median(values)
    spread = "" if len(values) == 1 else "  [%s]" % ", ".join("%.3g" % v for v in values)
    return "%.3g%s%s" % (med, unit, spread)

print()
print("Tracer benchmarks: %d run(s)%s; medians, per-run values in brackets" % (runs, " (SMOKE: not a measurement)" if smoke else ""))
print()
live = int(params.get("Param: live", "0"))
print("parse + apply (TracerApplyBenchmark, %d live + about %d lingering sessions, %s%% IPv6, one thread):" % (
    live, live, params.get("Param: ipv6Percent", "?")))
for method in ("parseAndApply", "parseOnly"):
    if (method, "wall") in apply:
        print("  %-14s %s events/s   per CPU-second of the thread: %s   thread's share of a core: %s" % (
            method, fmt(apply[(method, "wall")]), fmt(apply.get((method, "cpu.thrpt"), [0])),
            fmt(apply.get((method, "cpu.share"), [0]))))
print()
print("heap per live session (TracerMemoryBenchmark, after full GC):")
for ipv6, label in (("0", "IPv4"), ("100", "IPv6, one address per session")):
    if (ipv6, "bytesPerSession") in memory:
        n = int(memory[(ipv6, "openSessions")][0])
        print("  %-32s %s bytes per session (%d sessions; load time %s ms)" % (
            label, fmt(memory[(ipv6, "bytesPerSession")]), n, fmt(memory[(ipv6, "load ms")])))
print()
for run, l0, l1, l2 in loads:
    print("load average, run %s: %s before, %s between, %s after" % (run, l0, l1, l2))
if not smoke:
    wall = statistics.median(apply[("parseAndApply", "wall")])
    cpu = statistics.median(apply[("parseAndApply", "cpu.thrpt")])
    v4 = statistics.median(memory[("0", "bytesPerSession")])
    v6 = statistics.median(memory[("100", "bytesPerSession")])
    print()
    print("goal parse + apply >= 2,000,000 events/s on one core: %s (%.2f M/s wall, %.2f M per CPU-second)" % (
        "met" if wall >= 2e6 else "NOT met", wall / 1e6, cpu / 1e6))
    print("goal <= 300 bytes per live session at 1 M sessions: %s (IPv4 %.0f, IPv6 %.0f)" % (
        "met" if max(v4, v6) <= 300 else ("met for IPv4 only" if v4 <= 300 else "NOT met"), v4, v6))
EOF
