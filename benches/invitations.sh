#!/usr/bin/env bash
# Sending a mailing of 10,000 messages to postfix's smtp-sink (which takes
# SMTP on loopback and throws the messages away), three ways:
#   1. postfix's smtp-source, a new connection per message (its default);
#   2. postfix's smtp-source, each session reusing its connection (-d);
#   3. convene's outbox worker (benches/invitation_send.rs): a meeting's
#      invitations queued through the product's own path, then sent by the
#      real Worker from a SQLite outbox.
# Wall time from `date +%s.%N` around smtp-source; convene's own timer around
# the sending (enqueueing is timed and shown apart); peak RSS from
# /usr/bin/time -v. Installs postfix and time from Debian when missing.
#
#   bash benches/invitations.sh
#
# Environment: COUNT (10000), SESSIONS (20, smtp-source's -s and convene's
# concurrency), PAYLOAD (smtp-source's body bytes, -l, default 7900: with its
# headers about the size of one of convene's invitations, see
# sample_message_bytes in the output).
set -euo pipefail

COUNT=${COUNT:-10000}
SESSIONS=${SESSIONS:-20}
PAYLOAD=${PAYLOAD:-7900}
export PATH="$PATH:/usr/sbin:/usr/local/sbin"
cd "$(dirname "$0")/.."

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}
install_debian() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" ||
        { as_root apt-get update && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"; }
}
if ! command -v smtp-sink >/dev/null || ! command -v smtp-source >/dev/null; then
    echo "installing postfix for smtp-sink and smtp-source (its mail daemon is not started)" >&2
    install_debian postfix
fi
[ -x /usr/bin/time ] || install_debian time

work=$(mktemp -d)
sink_pid=
cleanup() {
    if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# -m: connections served at once (more wait in the listen queue); backlog
# 1000. Without -d/-D the sink keeps nothing.
sink_user=()
[ "$(id -u)" = 0 ] && sink_user=(-u postfix)
smtp-sink "${sink_user[@]}" -c -m 1000 "127.0.0.1:$port" 1000 >"$work/sink.log" 2>&1 &
sink_pid=$!
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.05
done

echo "building convene's bench (cargo bench --bench invitation_send --no-run)" >&2
bench=$(cargo bench --bench invitation_send --no-run 2>&1 |
    sed -n 's/.*Executable benches\/invitation_send.rs (\(.*\))$/\1/p' | tail -1)
[ -x "$bench" ] || { echo "cannot find the built bench binary" >&2; exit 1; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
peak_mb() { # /usr/bin/time -v output → peak RSS in MB
    awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"
}
row() { # name seconds → one table row
    local rate
    rate=$(awk -v n="$COUNT" -v s="$2" 'BEGIN { printf "%.0f", n / s }')
    rows+=("| $1 | $COUNT | $(printf %.2f "$2") | $rate | $3 |")
}

source_run() { # name, extra smtp-source options
    local name=$1; shift
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -v -o "$work/time" \
        smtp-source "$@" -s "$SESSIONS" -m "$COUNT" -l "$PAYLOAD" \
        -f bench@convene.example.org -t delegate@mission.example "127.0.0.1:$port"
    end=$(date +%s.%N)
    row "$name" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$(peak_mb "$work/time")"
}

echo "smtp-source, a new connection per message" >&2
source_run "smtp-source -s $SESSIONS, new connection per message"
echo "smtp-source, sessions reused (-d)" >&2
source_run "smtp-source -s $SESSIONS -d, connections reused" -d

echo "convene's outbox worker" >&2
CONVENE_BENCH_CONCURRENCY=$SESSIONS /usr/bin/time -v -o "$work/time" \
    "$bench" "smtp://127.0.0.1:$port" "$COUNT" | tee "$work/convene.out" >&2
value() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$work/convene.out"; }
row "convene worker, concurrency $SESSIONS, invitations with .ics ($(value sample_message_bytes) bytes)" \
    "$(value send_seconds)" "$(peak_mb "$work/time")"

echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo);" \
    "load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after; smtp-source body $PAYLOAD bytes"
echo "convene: enqueueing $COUNT messages in one transaction took $(value enqueue_seconds) s (not counted below)"
echo
echo "| sender | messages | seconds | messages/s | peak RSS MB |"
echo "| --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
