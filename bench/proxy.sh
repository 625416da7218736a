#!/usr/bin/env bash
# hoptrace's proxy side by side with HAProxy 2.6, one command (results and method: docs/BENCHMARKS.md, "Proxy"):
#
#   bench/proxy.sh            # ~8 min: 3 runs x (new connections/s, bulk) x (0, 2 event subscribers)
#   bench/proxy.sh --smoke    # ~15 s: the same plumbing once, 1 s each (wrk's minimum): checks, does not measure
#
# Both proxies get the same TCP-mode configuration (bench/proxy/proxy.cfg.in: same maxconn, timeouts, one
# server; HAProxy nbthread = hoptrace --threads), the same backend (nginx, one worker, a tiny response and a
# large file), the same load generator (wrk, 'Connection: close' for new connections; keep-alive downloads of
# the large file for bulk), and the same CPU: with 2 or more cores, the proxy under test runs pinned to its own
# core (--proxy-cpu) while wrk, nginx and the subscribers share another (--load-cpu), so the proxy never
# competes with its load and its CPU time per connection is its own.
#
# "2 subscribers" means two 'show events full' streams read from hoptrace's stats socket; for HAProxy the
# counterpart is a second instance that logs every session into a ring ('log ring@', the stock-HAProxy event
# source of docs/DESIGN) with two 'show events <ring> -n -w' readers. Each subscriber's lines are counted and
# compared with the sessions the proxy counted (frontend stot): events lost must be 0, exactly.
#
# Output: a table on stdout (rate, proxy CPU per connection or per MiB from /proc/<pid>/stat utime+stime, ratios
# to HAProxy, spread over runs whose order alternates; the subscriber cost per run, and the event dispatcher
# thread's own CPU), a verdict per goal, and results.tsv + configs + logs + wrk outputs in --out DIR if given.
# Exits 1 when hoptrace lost or dropped an event or wrk saw an error.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

runs=3
duration=10
warmup=20
conns=32
bulk_conns=4
bulk_mib=8
threads=1
transport=auto
pin=auto
proxy_cpu=1
load_cpu=0
smoke=0
out_dir=
java_opts="${HOPTRACE_JAVA_OPTS:--XX:+UseParallelGC -Xms256m -Xmx256m}"
jar="${HOPTRACE_JAR:-$root/cli/target/hoptrace.jar}"

usage() {
  cat <<EOF
Usage: bench/proxy.sh [--smoke] [--runs N] [--duration S] [--warmup S] [--connections C] [--threads T]
                      [--no-pin] [--proxy-cpu N] [--load-cpu N] [--out DIR]

  --smoke          everything once, 1 s per measurement, no warm-up: checks the plumbing and events lost
  --runs N         measurement rounds, alternating which proxy goes first (default $runs)
  --duration S     seconds per wrk measurement (default $duration)
  --warmup S       seconds of wrk load on each proxy before measuring (JIT warm-up; default $warmup)
  --connections C  wrk connections for the new-connections test (default $conns)
  --threads T      hoptrace I/O threads = HAProxy nbthread (default $threads)
  --transport K    hoptrace proxy --transport: auto, io_uring, epoll or nio (default $transport)
  --no-pin         do not pin with taskset (everything shares every core)
  --proxy-cpu N    the core(s) the proxy under test runs on, taskset -c syntax (default $proxy_cpu)
  --load-cpu N     the core(s) for wrk, nginx and subscribers (default $load_cpu)
  --out DIR        keep the configs, logs and results.tsv there

Environment: HOPTRACE_JAR (default cli/target/hoptrace.jar, built with ./hoptrace when missing),
HOPTRACE_JAVA_OPTS (default: $java_opts), HOPTRACE_CMD (a whole command replacing 'java OPTS -jar JAR').
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --runs) runs="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --connections) conns="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --transport) transport="$2"; shift ;;
    --no-pin) pin=no ;;
    --proxy-cpu) proxy_cpu="$2"; pin=yes; shift ;;
    --load-cpu) load_cpu="$2"; pin=yes; shift ;;
    --out) out_dir="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench/proxy.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
if [ "$smoke" = 1 ]; then
  runs=1; duration=1; warmup=0; bulk_mib=1
fi

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }
die() { echo "bench/proxy.sh: $*" >&2; exit 1; }

# ---- tools ----------------------------------------------------------------------------------------------------
missing=()
for tool in haproxy wrk socat taskset curl; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
command -v nginx >/dev/null || missing+=(nginx-light)
if [ "${#missing[@]}" -gt 0 ]; then
  pkgs="${missing[*]}"; pkgs="${pkgs/taskset/util-linux}"
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    log "installing $pkgs"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || true
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
  else
    die "needs: $pkgs; install with: sudo apt-get install -y $pkgs"
  fi
fi
if [ -z "${HOPTRACE_CMD:-}" ] && [ ! -f "$jar" ]; then
  log "building $jar (./hoptrace --version)"
  "$root/hoptrace" --version >/dev/null
fi
# shellcheck disable=SC2206
hoptrace_cmd=(${HOPTRACE_CMD:-java $java_opts -jar $jar})

cores=$(nproc)
if [ "$pin" = auto ]; then
  if [ "$cores" -ge 2 ]; then pin=yes; else pin=no; fi
fi
# Command prefixes (taskset execs its command, so $! of a backgrounded "${on_proxy_cpu[@]}" cmd is cmd's pid).
on_proxy_cpu=(); on_load_cpu=()
if [ "$pin" = yes ]; then on_proxy_cpu=(taskset -c "$proxy_cpu"); on_load_cpu=(taskset -c "$load_cpu"); fi

# ---- work area, processes we start, cleanup --------------------------------------------------------------------
work="$(mktemp -d /tmp/hoptrace-bench-proxy.XXXXXX)"
chmod 755 "$work"
pids=()
sub_pids=()

stop_pid() {
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  for pid in "${sub_pids[@]}" "${pids[@]}"; do stop_pid "$pid"; done
  wait 2>/dev/null || true
  if [ -n "$out_dir" ]; then
    mkdir -p "$out_dir"
    cp "$work"/*.cfg "$work"/*.conf "$work"/*.log "$work"/wrk-*.out "$work"/results.tsv "$out_dir"/ 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Ports: a block of 6 consecutive ports no socket uses, below the ephemeral range (so that no connection can
# take one while the benchmark starts).
free_port_block() {
  local base p ok low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range)
  for _ in $(seq 50); do
    base=$((10000 + RANDOM % (low - 10010))); ok=1
    for p in $(seq "$base" $((base + 5))); do
      if [ -n "$(ss -Htan "sport = :$p")" ]; then ok=0; break; fi
    done
    if [ "$ok" = 1 ]; then echo "$base"; return; fi
  done
  die "no free port block found"
}
base=$(free_port_block)
backend_port=$base; hoptrace_port=$((base + 1)); haproxy_port=$((base + 2)); haproxy_ring_port=$((base + 3))

# ---- configs --------------------------------------------------------------------------------------------------
# One template for both proxies: only the bind port and the stats socket path differ. hoptrace warns about and
# ignores 'nbthread' (it takes --threads); HAProxy honours it.
render() { # template port socket > file
  sed -e "s|@PORT@|$2|g" -e "s|@SOCKET@|$3|g" -e "s|@BACKEND@|127.0.0.1:$backend_port|g" \
      -e "s|@THREADS@|$threads|g" "$1"
}
render "$here/proxy/proxy.cfg.in" "$hoptrace_port" "$work/hoptrace.sock" > "$work/hoptrace.cfg"
render "$here/proxy/proxy.cfg.in" "$haproxy_port" "$work/haproxy.sock" > "$work/haproxy.cfg"
render "$here/proxy/haproxy-ring.cfg.in" "$haproxy_ring_port" "$work/haproxy-ring.sock" > "$work/haproxy-ring.cfg"

mkdir -p "$work/www" "$work/nginx-tmp"
printf 'ok\n' > "$work/www/tiny"
head -c $((bulk_mib * 1024 * 1024)) /dev/zero > "$work/www/big"
nginx_user=""
[ "$(id -u)" -eq 0 ] && nginx_user="user root;"
sed -e "s|@PORT@|$backend_port|g" -e "s|@WORK@|$work|g" -e "s|@USER@|$nginx_user|g" \
    "$here/proxy/nginx.conf.in" > "$work/nginx.conf"

# ---- start ----------------------------------------------------------------------------------------------------
stats() { # socket command
  printf '%s\n' "$2" | socat -t 5 - "UNIX-CONNECT:$1" 2>/dev/null
}
# A field of the frontend 'fe' row of 'show stat' (by header name, HAProxy's and hoptrace's CSV alike).
fe_stat() { # socket field
  stats "$1" "show stat" | awk -F, -v f="$2" '
    NR == 1 { sub(/^# /, ""); for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == "fe" && $2 == "FRONTEND" { print $(col[f]); exit }'
}
wait_for() { # description seconds command...
  local what="$1" secs="$2"; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || die "timed out after ${secs}s waiting for $what"
    sleep 0.1
  done
}
answers() { [ -n "$(stats "$1" "show info")" ]; }
listening() { [ -n "$(ss -Htln "sport = :$1")" ]; }

"${on_load_cpu[@]}" nginx -p "$work" -c "$work/nginx.conf" -e "$work/nginx.log" > "$work/nginx.log" 2>&1 &
pids+=($!)
wait_for "nginx on :$backend_port" 10 listening "$backend_port"

"${on_proxy_cpu[@]}" "${hoptrace_cmd[@]}" proxy --threads "$threads" --transport "$transport" -f "$work/hoptrace.cfg" > "$work/hoptrace.log" 2>&1 &
hoptrace_pid=$!; pids+=($hoptrace_pid)
"${on_proxy_cpu[@]}" haproxy -db -f "$work/haproxy.cfg" > "$work/haproxy.log" 2>&1 &
haproxy_pid=$!; pids+=($haproxy_pid)
"${on_proxy_cpu[@]}" haproxy -db -f "$work/haproxy-ring.cfg" > "$work/haproxy-ring.log" 2>&1 &
haproxy_ring_pid=$!; pids+=($haproxy_ring_pid)
wait_for "hoptrace's stats socket" 60 answers "$work/hoptrace.sock"
wait_for "haproxy's stats socket" 10 answers "$work/haproxy.sock"
wait_for "haproxy-ring's stats socket" 10 answers "$work/haproxy-ring.sock"
curl -sf "http://127.0.0.1:$hoptrace_port/tiny" >/dev/null || die "no answer through hoptrace on :$hoptrace_port"
curl -sf "http://127.0.0.1:$haproxy_port/tiny" >/dev/null || die "no answer through haproxy on :$haproxy_port"

# ---- measuring ------------------------------------------------------------------------------------------------
clk=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime of every thread of the process
# utime + stime of hoptrace's event dispatcher thread ('hoptrace-events': formats and writes the event lines), or 0.
dispatcher_ticks() {
  local t
  for t in /proc/"$1"/task/*; do
    if [ "$(cat "$t/comm" 2>/dev/null)" = hoptrace-events ]; then awk '{ print $14 + $15 }' "$t/stat"; return; fi
  done
  echo 0
}

start_subscribers() { # socket command
  local i
  for i in 1 2; do
    : > "$work/sub$i.out"; rm -f "$work/sub$i.feeder"
    # The reader keeps its request side open (sleep) so the stream is never ended by a half-close.
    ( echo "$BASHPID" > "$work/sub$i.feeder"; printf '%s\n' "$2"; exec sleep 86400 ) \
      | "${on_load_cpu[@]}" socat -b 65536 - "UNIX-CONNECT:$1" > "$work/sub$i.out" 2>/dev/null &
    sub_pids+=($!)
    wait_for "subscriber $i's pid" 5 test -s "$work/sub$i.feeder"
    sub_pids+=("$(cat "$work/sub$i.feeder")")
  done
  # Registered when 'show info' says so (hoptrace), or after a moment (HAProxy has no such counter).
  if [ "$1" = "$work/hoptrace.sock" ]; then
    wait_for "2 subscribers" 10 bash -c "printf 'show info\n' | socat -t 5 - UNIX-CONNECT:$1 | grep -q '^EventSubscribers: 2'"
  else
    sleep 0.5
  fi
}
stop_subscribers() {
  local pid
  for pid in "${sub_pids[@]}"; do stop_pid "$pid"; done
  sub_pids=()
}
# Lines that end a session: '-' (and 'x' in full mode) from hoptrace; every line of HAProxy's ring (one per session).
ended_lines() { # proxy file
  if [ "$1" = hoptrace ]; then grep -c '^[-x] ' "$2" || true; else grep -c . "$2" || true; fi
}

printf 'run\tproxy\ttest\tsubs\trate\tunit\tcpu_per\tcpu_unit\tsessions\tevents1\tevents2\tlost\tdropped\twrk_errors\tload\tdispatcher_per\n' \
  > "$work/results.tsv"

# measure run proxy test subs
measure() {
  local run="$1" proxy="$2" test="$3" subs="$4"
  local pid sock port
  case "$proxy" in
    hoptrace) pid=$hoptrace_pid; sock="$work/hoptrace.sock"; port=$hoptrace_port ;;
    haproxy) pid=$haproxy_pid; sock="$work/haproxy.sock"; port=$haproxy_port ;;
  esac
  if [ "$proxy" = haproxy ] && [ "$subs" = 2 ]; then
    pid=$haproxy_ring_pid; sock="$work/haproxy-ring.sock"; port=$haproxy_ring_port
  fi
  local url wrk_args
  if [ "$test" = cps ]; then
    url="http://127.0.0.1:$port/tiny"; wrk_args=(-t1 -c"$conns" -H 'Connection: close')
  else
    url="http://127.0.0.1:$port/big"; wrk_args=(-t1 -c"$bulk_conns")
  fi
  if [ "$subs" = 2 ]; then
    if [ "$proxy" = hoptrace ]; then start_subscribers "$sock" "show events full"
    else start_subscribers "$sock" "show events bench -n -w"; fi
  fi
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  local stot0 cpu0 stot1 cpu1 dropped0 dropped1
  stot0=$(fe_stat "$sock" stot); cpu0=$(cpu_ticks "$pid"); disp0=$(dispatcher_ticks "$pid")
  dropped0=$(stats "$sock" "show info" | awk -F': ' '$1 == "EventsDropped" { print $2 }')
  local out="$work/wrk-$run-$proxy-$test-$subs.out"
  "${on_load_cpu[@]}" wrk "${wrk_args[@]}" -d "${duration}s" "$url" > "$out" 2>&1 \
    || { cat "$out" >&2; die "wrk failed against $proxy"; }
  wait_for "$proxy's sessions to end" 30 bash -c "[ \"\$(printf 'show stat\n' | socat -t 5 - UNIX-CONNECT:$sock \
    | awk -F, '\$1 == \"fe\" && \$2 == \"FRONTEND\" { print \$5 }')\" = 0 ]"
  cpu1=$(cpu_ticks "$pid"); disp1=$(dispatcher_ticks "$pid"); stot1=$(fe_stat "$sock" stot)
  dropped1=$(stats "$sock" "show info" | awk -F': ' '$1 == "EventsDropped" { print $2 }')
  local sessions=$((stot1 - stot0)) ticks=$((cpu1 - cpu0))
  [ "$sessions" -gt 0 ] || die "$proxy counted no session during $test"

  local events1=- events2=- lost=- dropped=-
  if [ "$subs" = 2 ]; then
    # Every session's end line must arrive; wait for the stragglers, bounded.
    local deadline=$((SECONDS + 20))
    while :; do
      events1=$(ended_lines "$proxy" "$work/sub1.out"); events2=$(ended_lines "$proxy" "$work/sub2.out")
      { [ "$events1" -ge "$sessions" ] && [ "$events2" -ge "$sessions" ]; } && break
      [ "$SECONDS" -lt "$deadline" ] && sleep 0.2 || break
    done
    stop_subscribers
    lost=$(( (sessions - events1) + (sessions - events2) ))
    if [ "$proxy" = hoptrace ]; then
      dropped=$(( dropped1 - dropped0 + $(cat "$work/sub1.out" "$work/sub2.out" | grep -c '^! dropped' || true) ))
    fi
  fi

  # wrk: "  123 requests in 10.00s, 1.23MB read", "Socket errors: connect 0, read 0, write 0, timeout 0".
  local secs read_mib errors requests
  read -r requests secs read_mib < <(awk '
    / requests in / { r = $1; s = $4; sub(/s,$/, "", s); v = $5; u = v; sub(/[0-9.]+/, "", v); sub(/[A-Za-z]+$/, "", u)
      m = (v == "GB") ? 1024 : (v == "MB") ? 1 : (v == "KB") ? 1 / 1024 : 1 / 1048576
      print r, s, u * m }' "$out")
  # Errors as one word: total, then the kinds wrk saw (connect, read, write, timeout, non-2xx), e.g. 3:timeout=3.
  errors=$(awk '/Socket errors/ { gsub(/,/, ""); e["connect"] = $4; e["read"] = $6; e["write"] = $8; e["timeout"] = $10 }
    /Non-2xx/ { e["non-2xx"] = $NF }
    END { for (k in e) if (e[k] > 0) { n += e[k]; d = d ":" k "=" e[k] } print (n + 0) d }' "$out")
  local rate unit cpu_per cpu_unit
  if [ "$test" = cps ]; then
    rate=$(echo "scale=1; $sessions / $secs" | bc); unit=conn/s
    cpu_per=$(echo "scale=1; $ticks * 1000000 / $clk / $sessions" | bc); cpu_unit=us/conn
  else
    rate=$(echo "scale=1; $read_mib / $secs" | bc); unit=MiB/s
    cpu_per=$(echo "scale=1; $ticks * 1000000 / $clk / $read_mib" | bc); cpu_unit=us/MiB
  fi
  local disp_per; disp_per=$(echo "scale=2; ($disp1 - $disp0) * 1000000 / $clk / $sessions" | bc)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$proxy" "$test" "$subs" "$rate" \
    "$unit" "$cpu_per" "$cpu_unit" "$sessions" "$events1" "$events2" "$lost" "$dropped" "$errors" "$load" "$disp_per" \
    >> "$work/results.tsv"
  log "run $run $proxy $test subs=$subs: $rate $unit, $cpu_per $cpu_unit, sessions $sessions, events $events1/$events2, wrk errors $errors (load $load)"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "machine: $(lscpu | awk -F': +' '/^Model name/ { print $2 }'), $cores cores, load $load_before"
log "pinning: $( [ "$pin" = yes ] && echo "proxy under test on CPU $proxy_cpu; wrk, nginx, subscribers on CPU $load_cpu" || echo none)"
log "hoptrace: ${hoptrace_cmd[*]} proxy --threads $threads --transport $transport; HAProxy nbthread $threads"

if [ "$warmup" -gt 0 ]; then
  log "warm-up: ${warmup}s of new connections on each proxy"
  for port in "$hoptrace_port" "$haproxy_port" "$haproxy_ring_port"; do
    "${on_load_cpu[@]}" wrk -t1 -c"$conns" -H 'Connection: close' -d "${warmup}s" "http://127.0.0.1:$port/tiny" >/dev/null
  done
  "${on_load_cpu[@]}" wrk -t1 -c"$bulk_conns" -d "$(( (warmup + 1) / 2 ))s" "http://127.0.0.1:$hoptrace_port/big" >/dev/null
  # The JIT compiles what runs: the event path too, with subscribers attached, as they will be when measured.
  start_subscribers "$work/hoptrace.sock" "show events full"
  "${on_load_cpu[@]}" wrk -t1 -c"$conns" -H 'Connection: close' -d "$(( (warmup + 1) / 2 ))s" \
    "http://127.0.0.1:$hoptrace_port/tiny" >/dev/null
  stop_subscribers
fi

for run in $(seq "$runs"); do
  if [ $((run % 2)) = 1 ]; then order=(haproxy hoptrace); else order=(hoptrace haproxy); fi
  for proxy in "${order[@]}"; do
    for test in cps bulk; do
      for subs in 0 2; do
        measure "$run" "$proxy" "$test" "$subs"
      done
    done
  done
done

# ---- report ---------------------------------------------------------------------------------------------------
machine() {
  echo "machine:  $(lscpu | awk -F': +' '/^Model name/ { print $2 }'), $cores cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, kernel $(uname -r)"
  echo "software: $(java -version 2>&1 | head -1), $(haproxy -v | head -1 | cut -d' ' -f1-3), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | cut -d' ' -f3)"
  echo "setup:    $runs run(s) x ${duration}s per measurement, order alternating; wrk -t1 -c$conns 'Connection: close' (cps), wrk -t1 -c$bulk_conns keep-alive ${bulk_mib} MiB file (bulk)"
  echo "          $( [ "$pin" = yes ] && echo "proxy under test pinned to CPU $proxy_cpu, wrk + nginx + subscribers to CPU $load_cpu" || echo "no pinning"); hoptrace --threads $threads --transport $transport ($(grep -o '[a-z_]* I/O thread' "$work/hoptrace.log" | head -1 | cut -d' ' -f1)), HAProxy nbthread $threads"
  echo "          hoptrace: ${hoptrace_cmd[*]}"
  echo "load:     $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after (1/5/15 min)"
}
echo
machine
if [ "$smoke" = 1 ]; then
  echo "smoke:    no warm-up and 1 s per measurement: this checks the plumbing and events lost; the figures are not measurements"
fi
echo
awk -F'\t' -v smoke="$smoke" '
  function sort(s, a,   n, i, j, t) {
    n = split(s, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n
  }
  function median(s,   a, n) { n = sort(s, a); return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  function range(s,   a, n) { n = sort(s, a); return n > 1 ? sprintf("%.0f-%.0f", a[1], a[n]) : "" }
  NR == 1 { next }
  {
    k = $2 SUBSEP $3 SUBSEP $4
    rate[k] = rate[k] " " $5; cpu[k] = cpu[k] " " $7; unit[k] = $6; cunit[k] = $8
    if ($12 != "-") { lost[k] += $12; ev[k] = 1 }
    if ($13 != "-") dropped[k] += $13
    err[k] += $14
    disp[k] = disp[k] " " $16
    if ($2 == "hoptrace" && $3 == "cps") run_cpu[$1, $4] = $7
  }
  END {
    printf "%-8s %-4s %-4s %9s %-7s %-13s %8s %-8s %-11s %8s %8s %5s %7s %5s\n", "proxy", "test", "subs", "rate", "", \
      "(range)", "CPU", "", "(range)", "rate/HAP", "eff/HAP", "lost", "dropped", "errs"
    split("cps bulk", tests, " ")
    for (t = 1; t <= 2; t++) for (sub_ = 0; sub_ <= 2; sub_ += 2) for (p = 1; p <= 2; p++) {
      proxy = p == 1 ? "haproxy" : "hoptrace"; k = proxy SUBSEP tests[t] SUBSEP sub_
      if (!(k in rate)) continue
      h = "haproxy" SUBSEP tests[t] SUBSEP sub_
      mr = median(rate[k]); mc = median(cpu[k])
      printf "%-8s %-4s %-4s %9.1f %-7s %-13s %8.1f %-8s %-11s %8.2f %8.2f %5s %7s %5d\n", proxy, tests[t], sub_, mr, \
        unit[k], range(rate[k]), mc, cunit[k], range(cpu[k]), mr / median(rate[h]), median(cpu[h]) / mc, \
        (k in ev) ? lost[k] : "-", (k in dropped) ? dropped[k] : "-", err[k]
      if (proxy == "hoptrace") { R[tests[t], sub_] = mr / median(rate[h]); E[tests[t], sub_] = median(cpu[h]) / mc
        C[tests[t], sub_] = mc; Q[tests[t], sub_] = mr }
    }
    print ""
    print "rate: median over runs (conn/s or MiB/s); CPU: the proxy process'"'"'s utime+stime (all threads) per connection or per MiB"
    print "rate/HAP: rate / HAProxy'"'"'s; eff/HAP: HAProxy'"'"'s CPU per unit / this CPU per unit (work per CPU-second, relative)"
    print "subs 2: hoptrace with 2 '"'"'show events full'"'"' subscribers; HAProxy with session logs into a ring and 2 ring readers"
    print "lost: session-end events a subscriber never received, summed over subscribers and runs (0 = every session seen)"
    print ""
    d0 = median(disp["hoptrace", "cps", 0]); d2 = median(disp["hoptrace", "cps", 2])
    printf "hoptrace event dispatcher thread (formats and writes event lines): %.1f us/conn with 0 subscribers, %.1f with 2 (%+.1f%% of the 0-subscriber CPU per connection)\n", d0, d2, (d2 - d0) / C["cps", 0] * 100
    print ""
    verdict("connections/s >= 0.9x HAProxy (CPU per connection)", E["cps", 0] >= 0.9, sprintf("%.2fx (rate %.2fx)", E["cps", 0], R["cps", 0]))
    # Subscriber cost per run (0 and 2 subscribers are measured back to back), then the median: slow swings in the load
    # of the box cancel out within a run.
    pairs = ""
    for (key in run_cpu) { split(key, kk, SUBSEP); if (kk[2] == 0 && ((kk[1], 2) in run_cpu)) pairs = pairs " " sprintf("%+.1f", (run_cpu[kk[1], 2] / run_cpu[kk[1], 0] - 1) * 100) }
    cost = median(pairs)
    verdict("2 subscribers cost <= 5% (CPU per connection)", cost <= 5, sprintf("%+.1f%% (median of runs:%s%%; medians %+.1f%%)", cost, pairs, (C["cps", 2] / C["cps", 0] - 1) * 100))
    verdict("bulk throughput >= 0.8x HAProxy (CPU per MiB)", E["bulk", 0] >= 0.8, sprintf("%.2fx (rate %.2fx)", E["bulk", 0], R["bulk", 0]))
    l = lost["hoptrace", "cps", 2] + lost["hoptrace", "bulk", 2] + dropped["hoptrace", "cps", 2] + dropped["hoptrace", "bulk", 2]
    verdict("zero events lost at the maximum rate (hoptrace)", l == 0, l " lost or dropped")
  }
  function verdict(goal, ok, figure) {
    if (smoke && goal !~ /lost/) return # a smoke run checks events lost; its figures are not measurements
    printf "goal: %-55s %-4s %s\n", goal, ok ? "met" : "MISS", figure
  }' "$work/results.tsv"
echo

# Fail loudly when hoptrace lost events (or dropped any) or wrk saw errors: the smoke run is a check, not just a
# measurement. HAProxy's ring losses are reported above, not a failure: the ring is designed to overwrite.
failed() { awk -F'\t' 'NR == 1 { print; next } ($2 == "hoptrace" && (($12 != "-" && $12 != 0) || ($13 != "-" && $13 != 0))) || $14 != 0' "$work/results.tsv"; }
bad=$(failed | awk 'END { print NR - 1 }')
if [ "$bad" -gt 0 ]; then
  echo "bench/proxy.sh: $bad measurement(s) lost events or had wrk errors:" >&2
  failed >&2
  exit 1
fi
