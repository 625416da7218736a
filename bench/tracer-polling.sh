#!/usr/bin/env bash
# What it costs to follow a proxy's live sessions, one command:
#
#   bench/tracer-polling.sh             # 1,000 then 10,000 live sessions; stock HAProxy polled with 'show sess all'
#                                       # every second, then a hoptrace proxy followed by its 'show events' stream
#   bench/tracer-polling.sh --smoke     # the same plumbing with 50 sessions and 2 s phases (CI smoke): checks only
#
# Workload (the same for both proxies): one TCP-mode proxy (bench/tracer/proxy.cfg.in, read by HAProxy 2.6 and by
# 'hoptrace proxy' alike; one frontend, one server, one I/O thread each), a local backend that accepts and holds
# connections, and a client holding N connections open through the proxy while replacing --churn of them per
# second (close one, open a new one; each sends one short line), so that the followers see a steady stream of
# opens and closes, not only a static table (bench/tracer/hold.py).
#
# For each proxy and N: once the N sessions are up, --warmup seconds to settle (churn running, JIT), the proxy's
# CPU over --duration seconds with nobody following it (baseline), then the tracer ('hoptrace record', which keeps the session table and writes every open and close to a JSON Lines file)
# is started, given --warmup seconds (JIT), and the proxy's and the tracer's CPU are measured over --duration
# seconds. CPU is utime+stime from /proc/<pid>/stat (all threads). "follow cost" = proxy CPU with the tracer
# minus the baseline, plus the tracer's own CPU. For HAProxy, the extra CPU per session per poll is printed too.
# The recording is checked: every session that was open must have been recorded as opened.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

sizes="1000 10000"
churn=100
duration=20
warmup=10
interval=1s
runs=1
smoke=0
out_dir=
java_opts="${HOPTRACE_JAVA_OPTS:-}"
jar="${HOPTRACE_JAR:-$root/cli/target/hoptrace.jar}"

usage() {
  cat <<EOF
Usage: bench/tracer-polling.sh [--smoke] [--sizes "N ..."] [--churn R] [--duration S] [--warmup S] [--runs K]
                               [--interval D] [--out DIR]

  --smoke        50 sessions, churn 10/s, 2 s phases, no warm-up: checks the plumbing and the recording
  --sizes "N .." live sessions held through the proxy, one measurement each (default "$sizes")
  --churn R      connections replaced per second during every phase (default $churn)
  --duration S   seconds of each measurement (default $duration)
  --warmup S     seconds to settle before the baseline, and between starting the tracer and measuring (JIT;
                 default $warmup)
  --runs K       repeat everything K times, alternating which proxy goes first (default $runs)
  --interval D   the tracer's 'show sess all' poll interval for HAProxy (default $interval)
  --out DIR      keep configs, logs, recordings and results.tsv there

Environment: HOPTRACE_JAR (default cli/target/hoptrace.jar, built with ./hoptrace when missing),
HOPTRACE_JAVA_OPTS (JVM options of the proxy and the tracer; default none).
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --sizes) sizes="$2"; shift ;;
    --churn) churn="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --interval) interval="$2"; shift ;;
    --out) out_dir="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench/tracer-polling.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
if [ "$smoke" = 1 ]; then
  sizes=50; churn=10; duration=2; warmup=0; runs=1
fi

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }
die() { echo "bench/tracer-polling.sh: $*" >&2; exit 1; }

for tool in haproxy python3 socat java; do
  command -v "$tool" >/dev/null || die "needs $tool"
done
if [ ! -f "$jar" ]; then
  log "building $jar (./hoptrace --version)"
  "$root/hoptrace" --version >/dev/null
fi
hoptrace_cmd=(java $java_opts -jar "$jar")

# Each held session needs two descriptors in the proxy (one in the client, one in the backend): a size is clamped
# to what the open-files hard limit allows the proxy, with room for its listeners, stats socket and (Java) jars.
max=0
for n in $sizes; do [ "$n" -gt "$max" ] && max=$n; done
ulimit -n $((2 * max + 1024)) 2>/dev/null || ulimit -n "$(ulimit -Hn)"
limit=$(ulimit -n)
fit=$(( (limit - 400) / 2 ))
clamped=
for n in $sizes; do
  if [ "$n" -gt "$fit" ]; then
    echo "bench/tracer-polling.sh: open files limit $limit: $n sessions need $((2 * n)) descriptors in the proxy; using $fit" >&2
    n=$fit
  fi
  clamped="$clamped $n"
done
sizes="${clamped# }"
max=0
for n in $sizes; do [ "$n" -gt "$max" ] && max=$n; done

# ---- work area, processes we start, cleanup --------------------------------------------------------------------
work="$(mktemp -d /tmp/hoptrace-bench-tracer.XXXXXX)"
pids=()
stop_pid() {
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
forget_pid() { local p keep=(); for p in "${pids[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done; pids=("${keep[@]}"); }
cleanup() {
  local rc=$?
  local pid
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  wait 2>/dev/null || true
  if [ -n "$out_dir" ]; then
    mkdir -p "$out_dir"
    cp "$work"/*.cfg "$work"/*.log "$work"/*.jsonl "$work"/results.tsv "$out_dir"/ 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port below the ephemeral range (Linux: 32768-60999), where thousands of client sockets take theirs, that no
# socket uses in any state.
free_port() {
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 12000))
    [ -z "$(ss -Htan "sport = :$p")" ] && { echo "$p"; return; }
  done
  die "no free port found"
}
backend_port=$(free_port)

wait_for() { # description seconds command...
  local what="$1" secs="$2"; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || die "timed out after ${secs}s waiting for $what"
    sleep 0.1
  done
}
stats() { printf '%s\n' "$2" | socat -t 10 - "UNIX-CONNECT:$1" 2>/dev/null; }
answers() { [ -n "$(stats "$1" "show info")" ]; }
listening() { [ -n "$(ss -Htln "sport = :$1")" ]; }
# Sessions the proxy holds now (frontend scur of 'show stat', HAProxy's CSV and hoptrace's alike).
scur() {
  stats "$1" "show stat" | awk -F, 'NR == 1 { sub(/^# /, ""); for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == "fe" && $2 == "FRONTEND" { print $(col["scur"]); exit }'
}
at_least() { [ "$(scur "$1")" -ge "$2" ]; }

clk=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# ---- the backend, shared by every phase -------------------------------------------------------------------------
python3 "$here/tracer/hold.py" server --port "$backend_port" > "$work/backend.log" 2>&1 &
pids+=($!)
wait_for "the backend on :$backend_port" 10 listening "$backend_port"

printf 'run\tproxy\tsessions\tchurn\tbase_cpu_pct\tfollowed_cpu_pct\ttracer_cpu_pct\tfollow_cost_pct\tus_per_session_poll\trecorded_opens\tload\n' \
  > "$work/results.tsv"

# measure run proxy sessions
measure() {
  local run="$1" proxy="$2" n="$3"
  local port sock cfg proxy_pid kind
  port=$(free_port); sock="$work/$proxy.sock"; cfg="$work/$proxy.cfg"
  sed -e "s|@PORT@|$port|g" -e "s|@SOCKET@|$sock|g" -e "s|@BACKEND@|127.0.0.1:$backend_port|g" \
      -e "s|@MAXCONN@|$((n + 100))|g" "$here/tracer/proxy.cfg.in" > "$cfg"
  rm -f "$sock"
  if [ "$proxy" = haproxy ]; then
    haproxy -db -f "$cfg" > "$work/$proxy.log" 2>&1 &
    kind=haproxy
  else
    "${hoptrace_cmd[@]}" proxy --threads 1 -f "$cfg" > "$work/$proxy.log" 2>&1 &
    kind=hoptrace
  fi
  proxy_pid=$!; pids+=($proxy_pid)
  wait_for "$proxy's stats socket" 60 answers "$sock"
  wait_for "$proxy on :$port" 10 listening "$port"

  python3 "$here/tracer/hold.py" clients --port "$port" --connections "$n" --churn "$churn" \
    > "$work/clients.log" 2>&1 &
  local clients_pid=$!; pids+=($clients_pid)
  wait_for "$n connections through $proxy" 120 grep -q '^ready' "$work/clients.log"
  wait_for "$proxy to hold $n sessions" 30 at_least "$sock" "$n"
  # Settle: the churn running, the proxy's JIT (hoptrace) and allocation of the held sessions done.
  sleep $((warmup > 0 ? warmup : 1))

  # Baseline: the proxy with nobody following it.
  local c0 c1 b0 b1 t0 t1 load
  load=$(cut -d' ' -f1 /proc/loadavg)
  c0=$(cpu_ticks "$proxy_pid"); sleep "$duration"; c1=$(cpu_ticks "$proxy_pid")

  # Followed: the tracer records the proxy's sessions ('show sess all' every $interval, or 'show events').
  local rec="$work/$proxy-$n-$run.jsonl"
  rm -f "$rec"
  "${hoptrace_cmd[@]}" record -s "$proxy=$sock" --kind "$kind" --interval "$interval" -o "$rec" \
    > "$work/tracer.log" 2>&1 &
  local tracer_pid=$!; pids+=($tracer_pid)
  wait_for "the tracer to start recording $proxy" 60 grep -q 'recording' "$work/tracer.log"
  [ "$warmup" -gt 0 ] && sleep "$warmup"
  b0=$(cpu_ticks "$proxy_pid"); t0=$(cpu_ticks "$tracer_pid")
  sleep "$duration"
  b1=$(cpu_ticks "$proxy_pid"); t1=$(cpu_ticks "$tracer_pid")
  load="$load/$(cut -d' ' -f1 /proc/loadavg)"

  stop_pid "$tracer_pid"; forget_pid "$tracer_pid"
  stop_pid "$clients_pid"; forget_pid "$clients_pid"
  stop_pid "$proxy_pid"; forget_pid "$proxy_pid"
  grep -q 'hoptrace record: .* events' "$work/tracer.log" || { cat "$work/tracer.log" >&2; die "the tracer did not finish cleanly"; }
  cat "$work/tracer.log" >> "$work/tracer-all.log"

  local opens; opens=$(grep -c '"type":"open"' "$rec" || true)
  [ "$opens" -ge "$n" ] || die "$proxy with $n sessions: the tracer recorded only $opens opens"

  local base followed tracer cost per_poll
  base=$(echo "scale=2; ($c1 - $c0) * 100 / $clk / $duration" | bc)
  followed=$(echo "scale=2; ($b1 - $b0) * 100 / $clk / $duration" | bc)
  tracer=$(echo "scale=2; ($t1 - $t0) * 100 / $clk / $duration" | bc)
  cost=$(echo "scale=2; $followed - $base + $tracer" | bc)
  per_poll=-
  if [ "$proxy" = haproxy ]; then
    # Extra proxy CPU per session per poll: (followed - base) CPU-seconds / (polls * sessions).
    local polls; polls=$(echo "scale=4; $duration / $(echo "$interval" | sed -e 's/ms$/\/1000/' -e 's/s$//')" | bc)
    per_poll=$(echo "scale=2; ($followed - $base) * $duration * 10000 / ($polls * $n)" | bc)
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$proxy" "$n" "$churn" "$base" "$followed" "$tracer" \
    "$cost" "$per_poll" "$opens" "$load" >> "$work/results.tsv"
  log "run $run $proxy n=$n: proxy ${base}% alone, ${followed}% followed; tracer ${tracer}%; follow cost ${cost}% of a core; us/session/poll $per_poll; $opens opens recorded (load $load)"
}

log "machine: $(lscpu | awk -F': +' '/^Model name/ { print $2 }'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
log "$(haproxy -v | head -1 | cut -d' ' -f1-3); hoptrace: ${hoptrace_cmd[*]}"
log "workload: sizes $sizes, churn $churn/s, ${duration}s per measurement, ${warmup}s tracer warm-up, poll every $interval"

for run in $(seq "$runs"); do
  if [ $((run % 2)) = 1 ]; then order=(haproxy hoptrace); else order=(hoptrace haproxy); fi
  for n in $sizes; do
    for proxy in "${order[@]}"; do
      measure "$run" "$proxy" "$n"
    done
  done
done

# ---- report ---------------------------------------------------------------------------------------------------
echo
echo "Following live sessions: $runs run(s) x ${duration}s per phase, churn $churn conn/s, HAProxy polled every $interval;"
echo "CPU in % of one core (utime+stime), medians, per-run values in brackets"
echo
awk -F'\t' '
  function median(s,   a, n, i, j, t) {
    n = split(s, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  NR == 1 { next }
  {
    k = $2 SUBSEP $3
    if (!(k in seen)) { seen[k] = 1; order[++nk] = k }
    base[k] = base[k] " " $5; fol[k] = fol[k] " " $6; tr[k] = tr[k] " " $7; cost[k] = cost[k] " " $8
    poll[k] = poll[k] " " $9
  }
  END {
    printf "%-9s %8s %10s %12s %10s %-20s %12s %-20s %9s\n", "proxy", "sessions", "proxy", "proxy", "tracer", \
      "  (runs)", "follow cost", "  (runs)", "us/sess/"
    printf "%-9s %8s %10s %12s %10s %-20s %12s %-20s %9s\n", "", "", "alone", "followed", "", "", "", "", "poll"
    for (i = 1; i <= nk; i++) {
      k = order[i]; split(k, p, SUBSEP)
      printf "%-9s %8d %9.1f%% %11.1f%% %9.1f%% %-20s %11.1f%% %-20s %9s\n", p[1], p[2], median(base[k]), \
        median(fol[k]), median(tr[k]), " (" substr(tr[k], 2) ")", median(cost[k]), " (" substr(cost[k], 2) ")", \
        p[1] == "haproxy" ? sprintf("%.1f", median(poll[k])) : "-"
    }
    print ""
    print "proxy alone / followed: the proxy process while nobody / the tracer follows it; tracer: hoptrace record"
    print "follow cost = (proxy followed - proxy alone) + tracer; us/sess/poll: HAProxy extra CPU per session per poll"
  }' "$work/results.tsv"
echo
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
