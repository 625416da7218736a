#!/usr/bin/env bash
# Correlator benchmark: hoptrace correlate side by side with tcpdump, tshark and pcap4j, in one run, on one file.
#
#   bench/correlate.sh                 the 2 M-packet capture (generated into bench/out/ when missing)
#   bench/correlate.sh --size 10m      10 M packets, 72,600 client connections (bench/out/10m/)
#   bench/correlate.sh --size 10m-long 10 M packets over the 2 M file's 15,000 client connections (bench/out/10m-long/)
#   bench/correlate.sh --smoke         a tiny file, one run of everything (seconds): checks the script works
#   options: --runs N (hyperfine runs of the fast tools, default 10), --no-jmh, --no-tshark, --java (time the java
#            command ./hoptrace execs instead of the launcher), --no-build (use the jars as they are, even if sources
#            are newer), --wait-quiet (wait up to 10 min for a load average below 0.5 before starting)
#   HOPTRACE_EXTRA_OPTS='-XX:...' adds JVM flags to the hoptrace runs (to try flags against the defaults).
#
# Prints the machine, then a table of wall time, packets/s and the ratio to tcpdump's packet rate, peak RSS, and the
# heap figures of a -Xmx256m run. Results and raw data go to bench/out/results-<size>/ (git-ignored).
# Needs: python3, java 17, mvn (to build), hyperfine, tcpdump, tshark, /usr/bin/time (apt-get install time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

size=2m
runs=10
jmh=1
tshark_on=1
launcher=1
build=1
wait_quiet=0
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift ;;
    --smoke) size=smoke ;;
    --runs) runs="$2"; shift ;;
    --no-jmh) jmh=0 ;;
    --no-tshark) tshark_on=0 ;;
    --java) launcher=0 ;;
    --no-build) build=0 ;;
    --wait-quiet) wait_quiet=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "correlate.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

# The capture: gen-capture.py arguments per size.
case "$size" in
  2m) dir=bench/out; gen=(--connections 15000 --segments 10) ;;
  10m) dir=bench/out/10m; gen=(--connections 72600 --segments 10) ;;
  10m-long) dir=bench/out/10m-long; gen=(--connections 15000 --segments 55) ;;
  smoke) dir=bench/out/smoke; gen=(--connections 200 --segments 2); runs=2 ;;
  *) echo "correlate.sh: --size: expected 2m, 10m or 10m-long, got '$size'" >&2; exit 2 ;;
esac
warmup=$([ "$size" = smoke ] && echo 1 || echo 2)
out="bench/out/results-$size"
mkdir -p "$out"
rm -f "$out"/*.json "$out"/rss.* "$out"/gc-* "$out"/summary.md # a skipped tool must not show an old result

for tool in python3 java mvn hyperfine tcpdump; do
  command -v "$tool" >/dev/null || { echo "correlate.sh: $tool is needed" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "correlate.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
if [ "$tshark_on" = 1 ] && ! command -v tshark >/dev/null; then
  echo "correlate.sh: tshark not found, its row is skipped (apt-get install tshark)" >&2
  tshark_on=0
fi

want="$(python3 -c 'import sys, json; a = sys.argv[1:]; print(json.dumps({"connections": int(a[1]), "segments": int(a[3])}, sort_keys=True))' "${gen[@]}")"
have="$(python3 -c 'import sys, json
try:
    a = json.load(open(sys.argv[1]))["args"]
    print(json.dumps({"connections": a["connections"], "segments": a["segments"]}, sort_keys=True))
except (OSError, ValueError, KeyError):
    print("none")' "$dir/capture.json")"
if [ "$want" != "$have" ] || [ ! -f "$dir/chain.pcap" ]; then
  echo "== generating $dir (gen-capture.py ${gen[*]})"
  python3 bench/gen-capture.py "${gen[@]}" --out "$dir"
fi
capture="$dir/chain.pcap"
packets="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["packets"])' "$dir/capture.json")"

# Build what is stale or missing: the runnable jar through the launcher (it rebuilds when a source is newer), the
# JMH jar when bench or correlator sources are newer.
jar=cli/target/hoptrace.jar
if [ "$build" = 1 ] || [ ! -f "$jar" ]; then
  ./hoptrace --version >/dev/null
fi
if [ "$jmh" = 1 ] && { [ ! -f bench/target/benchmarks.jar ] || { [ "$build" = 1 ] \
    && [ -n "$(find bench/src correlator/src -name '*.java' -newer bench/target/benchmarks.jar -print -quit)" ]; }; }; then
  echo "== building bench/target/benchmarks.jar"
  mvn -B -q -pl correlator install -DskipTests
  mvn -B -q -pl bench package -DskipTests
fi

heap=-Xmx256m
opts="$heap ${HOPTRACE_EXTRA_OPTS:-}"
if [ "$launcher" = 1 ]; then
  # The launcher as users run it; HOPTRACE_NO_BUILD=1 because the jar was built above, and a source edited by someone
  # else during the timings must not start a rebuild in the middle of them.
  hop="env HOPTRACE_NO_BUILD=1 HOPTRACE_JAVA_OPTS='$opts' ./hoptrace"
else
  hop="java $opts -jar $jar" # exactly what ./hoptrace execs
fi
events="-e $dir/edge.jsonl -e $dir/mid.jsonl"

load() { cut -d' ' -f1-3 /proc/loadavg; }
if [ "$wait_quiet" = 1 ]; then
  for _ in $(seq 60); do
    awk '{exit !($1 < 0.5)}' /proc/loadavg && break
    sleep 10
  done
fi

echo "== machine"
{
  lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|Socket)' | sed 's/  */ /g'
  echo "RAM: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "kernel: $(uname -r)"
  echo "java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "tcpdump: $(tcpdump --version 2>&1 | head -1); $(tcpdump --version 2>&1 | grep -i libpcap | head -1)"
  [ "$tshark_on" = 1 ] && echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  echo "hyperfine: $(hyperfine --version)"
  echo "file: $capture, $packets packets, $(du -h "$capture" | cut -f1), $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+changes')"
} | tee "$out/machine.txt"

echo "== wall time (hyperfine, $warmup warm-up runs, $runs runs; load before: $(load))"
hyperfine -N --style basic --warmup "$warmup" --runs "$runs" --export-json "$out/fast.json" \
  -n "hoptrace correlate --format text" "$hop correlate $events -r $capture --format text" \
  -n "hoptrace correlate --format json" "$hop correlate $events -r $capture --format json" \
  -n "tcpdump -r FILE -w /dev/null" "tcpdump -r $capture -w /dev/null" \
  2>&1 | grep -v '^ *$' || true
if [ "$tshark_on" = 1 ]; then
  truns=$([ "$size" = smoke ] && echo 1 || echo 3)
  echo "== tshark (hyperfine, 1 warm-up run, $truns runs; load before: $(load))"
  hyperfine -N --style basic --warmup 1 --runs "$truns" --export-json "$out/tshark.json" \
    -n "tshark -q -z conv,tcp -r FILE" "tshark -q -z conv,tcp -r $capture" 2>&1 | grep -v '^ *$' || true
fi

if [ "$jmh" = 1 ]; then
  # The pcap4j read loops and hoptrace's reader, one pass over the file per operation, in a forked JVM with the same
  # heap. Fewer iterations for getNextRawPacket on big files: it reads about 0.25 M packets/s.
  if [ "$size" = smoke ]; then jmhrun=(-f 1 -wi 0 -i 1); else jmhrun=(-f 1 -wi 1 -i 3); fi
  echo "== JMH single shot (${jmhrun[*]}; load before: $(load))"
  java -jar bench/target/benchmarks.jar 'correlator\.(Pcap4jReadBenchmark|CaptureReadBenchmark)\.' \
    -p dir="$dir" "${jmhrun[@]}" -rf json -rff "$out/jmh.json" 2>&1 | grep -E '^(Benchmark|[A-Za-z0-9]+Benchmark)' || true
fi

echo "== peak RSS (/usr/bin/time, one run each) and the heap of a $heap run (-Xlog:gc)"
rss() { # label command...
  local label="$1"; shift
  /usr/bin/time -f "%M %e" -o "$out/rss.tmp" "$@" >/dev/null 2>"$out/rss.err" || echo "$label failed: $(tail -1 "$out/rss.err")"
  printf '%s\t%s\n' "$label" "$(cat "$out/rss.tmp")" >>"$out/rss.tsv"
}
: >"$out/rss.tsv"
rss "hoptrace correlate --format text" java $opts -Xlog:gc:file="$out/gc-text.log" -jar $jar correlate $events -r $capture --format text
rss "hoptrace correlate --format json" java $opts -Xlog:gc:file="$out/gc-json.log" -jar $jar correlate $events -r $capture --format json
rss "tcpdump -r FILE -w /dev/null" tcpdump -r "$capture" -w /dev/null
[ "$tshark_on" = 1 ] && rss "tshark -q -z conv,tcp -r FILE" tshark -q -z conv,tcp -r "$capture"

python3 - "$out" "$packets" "$size" <<'PY'
import json, os, re, sys
out, packets, size = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = []  # (name, mean s, stddev s, min s, note)
for f in ("fast.json", "tshark.json"):
    path = os.path.join(out, f)
    if os.path.exists(path):
        for r in json.load(open(path))["results"]:
            rows.append((r["command"], r["mean"], r["stddev"] or 0.0, r["min"], "end to end, hyperfine"))
jmh = os.path.join(out, "jmh.json")
if os.path.exists(jmh):
    names = {"Pcap4jReadBenchmark.getNextRawPacket": "pcap4j getNextRawPacket loop",
             "Pcap4jReadBenchmark.loop": "pcap4j loop (RawPacketListener)",
             "CaptureReadBenchmark.readAndDecode": "hoptrace reader alone (read + decode)"}
    for r in json.load(open(jmh)):
        short = ".".join(r["benchmark"].split(".")[-2:])
        m = r["primaryMetric"]
        raw = [x for fork in m["rawData"] for x in fork]
        err = m["scoreError"] if isinstance(m["scoreError"], (int, float)) and m["scoreError"] == m["scoreError"] else 0
        rows.append((names.get(short, short), m["score"] / 1000, err / 1000, min(raw) / 1000,
                     "in-JVM, JMH single shot, after %d warm-up pass(es)" % r["warmupIterations"]))
rss = {}
for line in open(os.path.join(out, "rss.tsv")):
    label, val = line.rstrip("\n").split("\t")
    parts = val.split()
    if parts:
        rss[label] = int(parts[0])
base = next((r for r in rows if r[0].startswith("tcpdump")), None)
base_rate = packets / base[1] if base else None
lines = ["| tool | wall time (mean ± sd) | min | packets/s (mean) | vs tcpdump | peak RSS | how measured |",
         "|---|---|---|---|---|---|---|"]
for name, mean, sd, mn, note in rows:
    rate = packets / mean
    ratio = "%.2f×" % (rate / base_rate) if base_rate else "-"
    r = next((v for k, v in rss.items() if name.startswith(k)), None)
    lines.append("| %s | %.3f s ± %.3f | %.3f s | %.2f M | %s | %s | %s |" % (
        name, mean, sd, mn, rate / 1e6, ratio, "%d MB" % (r // 1024) if r else "-", note))
table = "\n".join(lines)
heap_lines = []
for fmt in ("text", "json"):
    path = os.path.join(out, "gc-%s.log" % fmt)
    if not os.path.exists(path):
        continue
    after = [int(m.group(1)) for m in re.finditer(r"->(\d+)M\(", open(path).read())]
    full = sum(1 for l in open(path) if "Pause Full" in l)
    heap_lines.append("--format %s with -Xmx256m: completed; %d GCs, most heap live after a GC %d MB, %d full GCs"
                      % (fmt, len(after), max(after) if after else 0, full))
report = "capture: %s packets (%s)\n\n%s\n\n%s\n" % (f"{packets:,}", size, table, "\n".join(heap_lines))
open(os.path.join(out, "summary.md"), "w").write(report)
print("== summary (also in %s/summary.md)" % out)
print(report)
PY
