#!/usr/bin/env bash
# Re-records the samples (samples/README.md): for each one, starts the sample backend, the proxies of its chain
# (hoptrace proxy, or haproxy for the middle hop of haproxy-middle), a capture (tcpdump on lo) and the tracer
# (hoptrace record), runs a handful of client connections through the chain, stops everything, and writes the
# expected 'hoptrace correlate' output (expected.txt, expected.jsonl) and the sample's README.md with the exact
# commands that ran. Only loopback is used, on fixed ports (281xx to 285xx) so the configs stay readable.
#
#   samples/record.sh                  re-record every sample (root: tcpdump needs it; takes about a minute)
#   samples/record.sh reset ipv6       re-record some
#   samples/record.sh --expected       only re-run correlate on the existing recordings (after a change to the
#                                      report format); needs no root, no haproxy, no tcpdump
#
# Needs: Java 17 and Maven (for ./hoptrace), python3, tcpdump, haproxy 2.6+ (for haproxy-middle).
# HOPTRACE overrides the command used (default: the ./hoptrace launcher), e.g. HOPTRACE="java -jar x.jar".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
read -r -a hoptrace <<<"${HOPTRACE:-$repo/hoptrace}"
all=(two-hop haproxy-middle ipv6 reset proxy-v2)

expected_only=false
samples=()
for a in "$@"; do
  case "$a" in
    --expected) expected_only=true ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) [[ " ${all[*]} " == *" $a "* ]] || { echo "record.sh: no sample '$a' (have: ${all[*]})" >&2; exit 2; }
       samples+=("$a") ;;
  esac
done
[ "${#samples[@]}" -gt 0 ] || samples=("${all[@]}")

pids=()
names=()
# Ends one background command: SIGTERM (background jobs of a script ignore SIGINT; the JVM, tcpdump, haproxy
# and backend.py all end cleanly on SIGTERM), SIGKILL if it is still there after 10 s.
end() {
  local pid="$1" deadline=$((SECONDS + 10))
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

stop_all() { # stops what this script started, newest first
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do end "${pids[$i]}"; done
  pids=()
  names=()
}
trap stop_all EXIT

log() { echo "record.sh: $*" >&2; }

# A command as one would type it: words with spaces or shell characters in single quotes.
quote() {
  local out=() a
  for a in "$@"; do
    if [[ "$a" =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then out+=("$a"); else out+=("'${a//\'/\'\\\'\'}'"); fi
  done
  echo "${out[*]}"
}

# Runs a command in the background from the sample directory, logging it (as typed) to the sample's command list.
# start NAME READY COMMAND...  where READY is a regular expression its output prints once it is ready, or the
# absolute path of a socket file it creates then.
start() {
  local name="$1" ready="$2"; shift 2
  quote "$@" >>"$tmp/commands"
  "$@" >"$tmp/$name.log" 2>&1 &
  pids+=("$!")
  names+=("$name")
  local deadline=$((SECONDS + 30))
  until if [[ "$ready" == /* ]]; then [ -S "$ready" ]; else grep -qE "$ready" "$tmp/$name.log" 2>/dev/null; fi; do
    if ! kill -0 "${pids[-1]}" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      log "$name did not start:"; cat "$tmp/$name.log" >&2; exit 1
    fi
    sleep 0.1
  done
}

# Runs a command in the foreground, logging it.
run() {
  quote "$@" >>"$tmp/commands"
  "$@"
}

# Stops the named background command and waits for it.
stop() {
  local i
  for i in "${!names[@]}"; do
    if [ "${names[$i]}" = "$1" ]; then
      end "${pids[$i]}"
      unset 'pids[i]' 'names[i]'
      pids=("${pids[@]}"); names=("${names[@]}")
      return
    fi
  done
}

# Starts a recording of one sample: a clean directory for its outputs, a scratch directory for logs.
begin() {
  sample="$1"
  dir="$here/$sample"
  tmp="$(mktemp -d)"
  : >"$tmp/commands"
  cd "$dir"
  rm -f events.jsonl capture.pcap expected.txt expected.jsonl
  log "recording $sample"
}

capture() { # capture FILTER: tcpdump on lo, packets written as they come (-U)
  start tcpdump 'listening on' tcpdump -i lo -U -w capture.pcap "$1"
}

record() { # record SOURCE...: hoptrace record of the chain's stats sockets
  local args=()
  for s in "$@"; do args+=(-s "$s"); done
  start record 'recording' "${hoptrace[@]}" record "${args[@]}" -o events.jsonl
}

# Ends a recording: lets the last packets and events arrive, stops the recorder and the capture first (so the
# proxies' own shutdown is not part of the sample), then the rest; writes COMMAND's outputs and README.md.
finish() {
  sleep 1
  stop record
  stop tcpdump
  stop_all
  chown "$(id -u):$(id -g)" capture.pcap && chmod 644 capture.pcap events.jsonl
  expected
  write_readme
  rm -rf "$tmp"
}

# expected.txt and expected.jsonl: what 'hoptrace correlate' prints for this sample, with the arguments in COMMAND.
expected() {
  local args
  read -r -a args <COMMAND
  [ "${args[0]}" = hoptrace ] || { log "$sample/COMMAND must start with 'hoptrace', got '${args[0]}'"; exit 1; }
  "${hoptrace[@]}" "${args[@]:1}" >expected.txt
  "${hoptrace[@]}" "${args[@]:1}" --format json >expected.jsonl
  log "$sample: $(grep -c . expected.jsonl) traces in expected.jsonl"
}

write_readme() {
  {
    cat "$tmp/about"
    echo
    echo "## How it was recorded"
    echo
    echo "By \`samples/record.sh $sample\` (as root, from this directory), on $(date -u +%Y-%m-%d) with"
    echo "$("${hoptrace[@]}" --version | head -n 2 | tr '\n' ' ' | sed 's/ $//')."
    echo "These commands ran, in this order (background ones stopped with SIGTERM at the end: the recorder, tcpdump, then the others, newest first):"
    echo
    echo '```sh'
    sed "s|${HOPTRACE:-$repo/hoptrace}|./hoptrace|g; s|${repo}/hoptrace|./hoptrace|g; s|${here}/|../|g" "$tmp/commands"
    echo '```'
    echo
    echo "## What correlate says"
    echo
    echo "\`$(cat COMMAND)\` (from this directory) prints [expected.txt](expected.txt), and with"
    echo "\`--format json\` [expected.jsonl](expected.jsonl); \`SamplesTest\` checks that it still does, byte for"
    echo "byte. After a deliberate change of the report format, \`samples/record.sh --expected\` rewrites them."
    echo "When it was recorded, the summary read:"
    echo
    echo '```'
    sed -n '/^summary$/,$p' expected.txt
    echo '```'
  } >README.md
}

py() { echo python3 "$here/lib/$1"; }

# --- the samples --------------------------------------------------------------------------------------------

two_hop() {
  begin two-hop
  cat >"$tmp/about" <<'EOF'
# two-hop: a chain of two hoptrace proxies

`client → edge 127.0.0.1:28180 → mid 127.0.0.1:28181 → backend 127.0.0.1:28182`, all `hoptrace proxy`
(`edge.cfg`, `mid.cfg`) in one process, recorded by `hoptrace record` from both stats sockets and captured with
tcpdump on `lo`. Five client connections: three short requests, one 16 KiB answer, one slow answer (the
backend waits 400 ms). `hoptrace demo` correlates this sample when it cannot capture by itself.
EOF
  start backend listening $(py backend.py) 127.0.0.1:28182
  start proxy 'running' "${hoptrace[@]}" proxy -f edge.cfg -f mid.cfg
  capture 'tcp and (port 28180 or port 28181 or port 28182)'
  record edge=/tmp/hoptrace-two-hop-edge.sock mid=/tmp/hoptrace-two-hop-mid.sock
  # hoptrace demo labels these five traces (DemoSample.SHAPES): keep them in step.
  run $(py client.py) 127.0.0.1:28180 get get big slow get
  finish
}

haproxy_middle() {
  begin haproxy-middle
  cat >"$tmp/about" <<'EOF'
# haproxy-middle: a stock HAProxy 2.6 in the middle

`client → edge (hoptrace) 127.0.0.1:28280 → mid (HAProxy 2.6) 127.0.0.1:28281 → backend 127.0.0.1:28282`.
The tracer follows the hoptrace proxy through `show events` and HAProxy through its ordinary stats socket:
`show sess all` polled every 200 ms, plus the `hoptrace` ring fed by the log-format of
[docs/haproxy.md](../../docs/haproxy.md) (`haproxy.cfg` is that configuration). Four connections: two short
ones (shorter than the poll interval: they come from the ring), a slow one (seen by polls too) and a 16 KiB one.
HAProxy's records carry its termination states (`--`) and millisecond times.
EOF
  start backend listening $(py backend.py) 127.0.0.1:28282
  start haproxy /tmp/hoptrace-haproxy-middle-mid.sock haproxy -db -f haproxy.cfg
  start proxy 'running' "${hoptrace[@]}" proxy -f edge.cfg
  capture 'tcp and (port 28280 or port 28281 or port 28282)'
  record edge=/tmp/hoptrace-haproxy-middle-edge.sock \
    mid=/tmp/hoptrace-haproxy-middle-mid.sock,ring=hoptrace,interval=200ms
  run $(py client.py) 127.0.0.1:28280 get slow get big
  finish
  rm -f /tmp/hoptrace-haproxy-middle-mid.sock # HAProxy leaves its stats socket behind on SIGTERM
}

ipv6() {
  begin ipv6
  cat >"$tmp/about" <<'EOF'
# ipv6: a two-hop chain over ::1

`client → edge [::1]:28380 → mid [::1]:28381 → backend [::1]:28382`: the same chain as `two-hop`, every
connection IPv6 (addresses in records and traces as `[::1]:port`, Wireshark filters with `ipv6.addr`). Three
connections: a short one, a 16 KiB one and a short one.
EOF
  start backend listening $(py backend.py) '[::1]:28382'
  start proxy 'running' "${hoptrace[@]}" proxy -f edge.cfg -f mid.cfg
  capture 'tcp and (port 28380 or port 28381 or port 28382)'
  record edge=/tmp/hoptrace-ipv6-edge.sock mid=/tmp/hoptrace-ipv6-mid.sock
  run $(py client.py) '[::1]:28380' get big get
  finish
}

reset() {
  begin reset
  cat >"$tmp/about" <<'EOF'
# reset: a hop that resets

`client → edge 127.0.0.1:28480 → mid 127.0.0.1:28481 → backend 127.0.0.1:28482`. Three connections: a normal
one; one the backend resets (`/reset`: `SO_LINGER` 0, no answer), which `mid` passes on as a reset to `edge`
and `edge` to the client (`term=server-rst`, RST on every hop); one the client resets itself while the backend
is still thinking (`abort`: `term=client-rst`).
EOF
  start backend listening $(py backend.py) 127.0.0.1:28482
  start proxy 'running' "${hoptrace[@]}" proxy -f edge.cfg -f mid.cfg
  capture 'tcp and (port 28480 or port 28481 or port 28482)'
  record edge=/tmp/hoptrace-reset-edge.sock mid=/tmp/hoptrace-reset-mid.sock
  run $(py client.py) 127.0.0.1:28480 get reset abort
  finish
}

proxy_v2() {
  begin proxy-v2
  cat >"$tmp/about" <<'EOF'
# proxy-v2: PROXY protocol v2 between the hops

`client → edge 127.0.0.1:28580 → (PROXY v2 header with the unique id) → mid 127.0.0.1:28581 accept-proxy →
backend 127.0.0.1:28582`: `samples/chain` on other ports. `mid`'s records carry `orig=` (the client the header
named) and `uid=` (edge's unique id), and the first payload on the edge→mid hop is the 28+-byte PROXY header.
Three connections: two short ones and a 16 KiB one.
EOF
  start backend listening $(py backend.py) 127.0.0.1:28582
  start proxy 'running' "${hoptrace[@]}" proxy -f edge.cfg -f mid.cfg
  capture 'tcp and (port 28580 or port 28581 or port 28582)'
  record edge=/tmp/hoptrace-proxy-v2-edge.sock mid=/tmp/hoptrace-proxy-v2-mid.sock
  run $(py client.py) 127.0.0.1:28580 get big get
  finish
}

for s in "${samples[@]}"; do
  if $expected_only; then
    sample="$s"
    (cd "$here/$s" && expected)
  else
    [ "$(id -u)" = 0 ] || { log "recording needs root (tcpdump); --expected does not"; exit 1; }
    "${s//-/_}"
  fi
done
