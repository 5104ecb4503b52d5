#!/usr/bin/env bash
# Sending a mailing of 10,000 messages to postfix's smtp-sink (which takes
# SMTP on loopback and throws the messages away), three ways, in rounds:
#   1. postfix's smtp-source, a new connection per message (its default);
#   2. postfix's smtp-source, each session reusing its connection (-d);
#   3. convene's outbox worker (benches/invitation_send.rs): a meeting's
#      invitations queued through the product's own path, then sent by the
#      real Worker from a SQLite outbox.
# Wall time from `date +%s.%N` around smtp-source; convene's own timer around
# the sending (enqueueing is timed and shown apart); peak RSS from
# /usr/bin/time -v; CPU use from /usr/bin/time -v for smtp-source and from
# the bench's own count of its CPU time during the sending for convene (so
# the set-up is not counted). Each round measures the three one after the
# other, and convene's rate is given as a ratio to both smtp-source rates
# of its own round; the summary is the median of the rounds. Installs
# postfix and time from Debian when missing.
#
#   bash benches/invitations.sh
#
# Environment: COUNT (10000), ROUNDS (3), SESSIONS (20, smtp-source's -s and
# convene's concurrency), RATE (convene's CONVENE_MAIL_RATE, default the
# bench's), BENCH (a bench binary built before, e.g. of another commit, to
# compare against the same smtp-source runs), PAYLOAD (smtp-source's body bytes, -l, default 7900: with its
# headers about the size of one of convene's invitations, see
# sample_message_bytes in the output).
set -euo pipefail

COUNT=${COUNT:-10000}
ROUNDS=${ROUNDS:-3}
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

if [ -n "${BENCH:-}" ]; then
    bench=$BENCH
else
    echo "building convene's bench (cargo bench --bench invitation_send --no-run)" >&2
    bench=$(cargo bench --bench invitation_send --no-run 2>&1 |
        sed -n 's/.*Executable benches\/invitation_send.rs (\(.*\))$/\1/p' | tail -1)
fi
[ -x "$bench" ] || { echo "cannot find the built bench binary" >&2; exit 1; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
results="$work/results.tsv" # round, sender, seconds, peak RSS MB, CPU %
peak_mb() { # /usr/bin/time -v output → peak RSS in MB
    awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"
}
cpu_percent() { # /usr/bin/time -v output → CPU use in % of one core
    awk -F': ' '/Percent of CPU this job got/ { sub("%", "", $2); print $2 }' "$1"
}
record() { # round sender seconds rss cpu
    printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$results"
}

source_run() { # round, sender, extra smtp-source options
    local round=$1 sender=$2; shift 2
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -v -o "$work/time" \
        smtp-source "$@" -s "$SESSIONS" -m "$COUNT" -l "$PAYLOAD" \
        -f bench@convene.example.org -t delegate@mission.example "127.0.0.1:$port"
    end=$(date +%s.%N)
    record "$round" "$sender" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" \
        "$(peak_mb "$work/time")" "$(cpu_percent "$work/time")"
}

value() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$work/convene.out"; }
for round in $(seq "$ROUNDS"); do
    echo "round $round of $ROUNDS: smtp-source, a new connection per message" >&2
    source_run "$round" new
    echo "round $round of $ROUNDS: smtp-source, sessions reused (-d)" >&2
    source_run "$round" reuse -d
    echo "round $round of $ROUNDS: convene's outbox worker" >&2
    CONVENE_BENCH_CONCURRENCY=$SESSIONS ${RATE:+CONVENE_BENCH_RATE=$RATE} \
        /usr/bin/time -v -o "$work/time" \
        "$bench" "smtp://127.0.0.1:$port" "$COUNT" | tee "$work/convene.out" >&2
    record "$round" convene "$(value send_seconds)" "$(peak_mb "$work/time")" \
        "$(value send_cpu_percent)"
done

echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo);" \
    "load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after; smtp-source body $PAYLOAD bytes"
echo "convene: $(value sample_message_bytes)-byte invitations with .ics, concurrency $SESSIONS," \
    "rate limit $(value rate_limit)/s; enqueueing $COUNT messages in one transaction took" \
    "$(value enqueue_seconds) s in the last round (not counted below)"
echo
# One row per sender and round; convene's rows carry the ratios of its rate
# to both smtp-source rates of the same round. Then the medians.
awk -F'\t' -v n="$COUNT" -v rounds="$ROUNDS" '
    function median(list,    v, k) {
        k = split(list, v, " ")
        asort(v)
        return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
    }
    {
        rate = n / $3
        rates[$1, $2] = rate
        seconds[$2] = seconds[$2] " " $3; per_s[$2] = per_s[$2] " " rate
        rss[$2] = rss[$2] " " $4; cpu[$2] = cpu[$2] " " $5
        line[NR] = $0
    }
    END {
        name["new"] = "smtp-source, new connection per message"
        name["reuse"] = "smtp-source -d, connections reused"
        name["convene"] = "convene outbox worker"
        print "| round | sender | seconds | messages/s | × new connection | × reuse | peak RSS MB | CPU % |"
        print "| --- | --- | --- | --- | --- | --- | --- | --- |"
        for (i = 1; i <= NR; i++) {
            split(line[i], f, "\t")
            ratios = "| | |"
            if (f[2] == "convene") {
                r_new = rates[f[1], "convene"] / rates[f[1], "new"]
                r_reuse = rates[f[1], "convene"] / rates[f[1], "reuse"]
                ratios = sprintf("| %.2f | %.2f |", r_new, r_reuse)
                by_new = by_new " " r_new; by_reuse = by_reuse " " r_reuse
            }
            printf "| %s | %s | %.2f | %.0f %s %s | %s |\n", f[1], name[f[2]], f[3], rates[f[1], f[2]], ratios, f[4], f[5]
        }
        print ""
        print "Medians of " rounds " rounds:"
        print ""
        print "| sender | messages/s | × new connection | × reuse | peak RSS MB | CPU % |"
        print "| --- | --- | --- | --- | --- | --- |"
        split("new reuse convene", order, " ")
        for (j = 1; j <= 3; j++) {
            s = order[j]
            ratios = "| | |"
            if (s == "convene")
                ratios = sprintf("| %.2f | %.2f |", median(by_new), median(by_reuse))
            printf "| %s | %.0f %s %.1f | %.0f |\n", name[s], median(per_s[s]), ratios, median(rss[s]), median(cpu[s])
        }
    }' "$results"
