#!/usr/bin/env bash
# Re-records the sample captures in this directory from real TCP traffic on loopback (see README.md).
# Needs root (or CAP_NET_RAW), tcpdump, dumpcap (Wireshark), python3 and gzip. Only loopback is used.
#   samples/captures/record.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

free_port() {
  python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET6 if sys.argv[1]=="6" else socket.AF_INET); s.bind(("::1" if sys.argv[1]=="6" else "127.0.0.1", 0)); print(s.getsockname()[1])' "$1"
}

pids=()
cleanup() { for p in "${pids[@]}"; do kill -INT "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Waits (at most 10 s) until a capture's stderr says it is listening.
wait_listening() {
  local log="$1" deadline=$((SECONDS + 10))
  until grep -qiE 'listening|capturing' "$log" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "record.sh: capture did not start, see $log" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
  done
}

# One run of traffic, captured by every capture below at the same time.
port4="$(free_port 4)"
port6="$(free_port 6)"
filter="tcp and (port $port4 or port $port6)"
tmp="$(mktemp -d)"

start() { # name, command...
  local name="$1"; shift
  "$@" >"$tmp/$name.log" 2>&1 &
  pids+=("$!")
  wait_listening "$tmp/$name.log"
}

start lo-micro tcpdump -i lo -U -w lo-ipv4-ipv6-micro.pcap "$filter"
start lo-nano tcpdump -i lo -U --time-stamp-precision=nano -w lo-ipv4-ipv6-nano.pcap "$filter"
start lo-snap tcpdump -i lo -U -s 96 -w lo-snaplen96.pcap "$filter"
start any-sll2 tcpdump -i any -U -w any-sll2.pcap "$filter"
start any-sll tcpdump -i any -U -y LINUX_SLL -w any-sll.pcap "$filter"
start lo-pcapng dumpcap -q -i lo -f "$filter" -w lo-ipv4-ipv6.pcapng

python3 "$here/traffic.py" "$port4" "$port6"

# Let the last packets reach the capture files, then stop the captures (SIGINT flushes and closes them).
sleep 1
for p in "${pids[@]}"; do kill -INT "$p" 2>/dev/null || true; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
pids=()

gzip -9 -n -c lo-ipv4-ipv6-micro.pcap >lo-ipv4-ipv6-micro.pcap.gz
gzip -9 -n -c lo-ipv4-ipv6.pcapng >lo-ipv4-ipv6.pcapng.gz
rm -rf "$tmp"
chown "$(id -u):$(id -g)" ./*.pcap ./*.pcapng ./*.gz  # tcpdump writes them as its own user
chmod 644 ./*.pcap ./*.pcapng ./*.gz
ls -l ./*.pcap ./*.pcapng ./*.gz
