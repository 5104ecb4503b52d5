#!/usr/bin/env bash
# The consultation path under load (issue 11, goals 1 to 3): a coordinator's
# form (GET /c/{token}, six-month window of weekdays) and saves of the answer
# (POST /c/{token}, a realistic form body with its CSRF token), with 1, 1,000
# and 10,000 versions already saved; and the secretariat's proposals page
# (GET /meetings/{id}/proposals: the seven reference groups over a year of
# weekday half-days, six answered, closed; logged in); on SQLite and on
# PostgreSQL. The data is put in place through the library
# (benches/consultation_setup.rs). The reference, in the same run and under
# the same load: the plaintext actix-web app (benches/plaintext.rs).
#
# The server under test is pinned to core 0 (`taskset -c 0`, so one actix
# worker and its blocking threads share that core); wrk to core 1 with one
# thread and CONNECTIONS connections. PostgreSQL's own processes are not
# pinned. Each figure is the median of ROUNDS rounds; each ratio is the
# median of the per-round ratios to that round's plaintext figure.
#
#   bash benches/consultation.sh
#
# Environment: DURATION (10 s per load), CONNECTIONS (64), ROUNDS (3),
# BACKENDS ("sqlite postgres"), SCENARIOS ("form proposals"),
# VERSIONS ("1 1000 10000", for the form),
# PORT (18311, the server's), PG_URL (postgres://postgres@127.0.0.1:5432), CONVENE (a convene binary to
# measure instead of this tree's, e.g. an older commit's), BUILD=0 (measure
# what is already built).
set -euo pipefail

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
ROUNDS=${ROUNDS:-3}
BACKENDS=${BACKENDS:-sqlite postgres}
VERSIONS=${VERSIONS:-1 1000 10000}
SCENARIOS=${SCENARIOS:-form proposals}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
SECRET="the consultation benchmark's instance secret, long enough"
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null || ! command -v taskset >/dev/null || ! command -v psql >/dev/null; then
    echo "installing wrk (and util-linux, postgresql-client)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk util-linux postgresql-client >/dev/null
fi

# The bench profile for everything, so that convene and the benches share
# one build of the library.
if [ "${BUILD:-1}" = 1 ]; then
    echo "building (bench profile)" >&2
    cargo build --profile bench --quiet --bin convene
    built=$(cargo bench --no-run --bench plaintext --bench consultation_setup 2>&1)
    bench_bin() { sed -n "s/.*Executable benches\/$1.rs (\(.*\))$/\1/p" <<<"$built" | tail -1; }
else # BUILD=0: re-run with what is built
    bench_bin() { ls -t target/release/deps/"$1"-* | grep -v '\.d$' | head -1; }
fi
plaintext=$(bench_bin plaintext)
setup=$(bench_bin consultation_setup)
convene=${CONVENE:-target/release/convene}
[ -x "$plaintext" ] && [ -x "$setup" ] && [ -x "$convene" ] || { echo "missing binaries" >&2; exit 1; }

work=$(mktemp -d)
server=
stop() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=; fi; }
trap 'stop; rm -rf "$work"' EXIT
port=${PORT:-18311}

wait_up() {
    for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$port$1" && return 0; sleep 0.1; done
    echo "server did not start" >&2; cat "$work/log" >&2; exit 1
}
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }

# wrk NAME URL [LUA] → appends "NAME rps p99_ms errors" to $work/results
load() {
    local name=$1 url=$2 script=${3:-}
    local out="$work/wrk.out"
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency ${script:+-s "$script"} "$url" >"$out"
    awk -v name="$name" '
        /^ +99%/ { v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
                   p99 = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : v }
        /Requests\/sec/ { rps = $2 }
        /Non-2xx or 3xx/ { errors = $NF }
        /Socket errors/ { errors += 0 }
        END { printf "%s %.0f %.1f %d\n", name, rps, p99, errors }' "$out" >>"$work/results"
}

cat >"$work/post.lua" <<'EOF'
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("COOKIE")
EOF
cat >"$work/cookie.lua" <<'EOF'
wrk.headers["Cookie"] = os.getenv("COOKIE")
EOF

serve() { # DATABASE_URL → starts convene on core 0
    taskset -c 0 env DATABASE_URL="$1" CONVENE_SECRET_KEY="$SECRET" \
        CONVENE_BIND="127.0.0.1:$port" CONVENE_MAIL_DIR="$work/mail" \
        "$convene" serve >>"$work/log" 2>&1 &
    server=$!
    wait_up /healthz
}

database_url() { # backend round versions → URL (a fresh database)
    if [ "$1" = sqlite ]; then
        echo "$work/bench-$2-$3.db"
    else
        local db="convene_bench_${2}_$3"
        psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
        echo "$PG_URL/$db"
    fi
}

: >"$work/results"
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq "$ROUNDS"); do
    echo "round $round: plaintext reference" >&2
    taskset -c 0 "$plaintext" "127.0.0.1:$port" 1 >/dev/null 2>&1 &
    server=$!
    wait_up /
    load "$round plaintext" "http://127.0.0.1:$port/"
    stop
    for backend in $BACKENDS; do
        if [[ " $SCENARIOS " == *" proposals "* ]]; then
            echo "round $round: $backend, proposals page" >&2
            url=$(database_url "$backend" "$round" proposals)
            setup_out=$(DATABASE_URL="$url" CONVENE_SECRET_KEY="$SECRET" "$setup" proposals 2>>"$work/log")
            path=$(sed -n 's/^path //p' <<<"$setup_out")
            cookie=$(sed -n 's/^cookie //p' <<<"$setup_out")
            serve "$url"
            page="http://127.0.0.1:$port$path"
            bytes=$(curl -sf -H "Cookie: $cookie" "$page" | wc -c)
            gzipped=$(curl -sf -H "Cookie: $cookie" -H 'Accept-Encoding: gzip' "$page" | wc -c)
            [ "$bytes" -gt 100000 ] || { echo "the proposals page did not load ($bytes bytes)" >&2; exit 1; }
            idle=$(rss_mb)
            COOKIE="$cookie" load "$round $backend - proposals" "$page" "$work/cookie.lua"
            echo "$round $backend - rss $idle $(rss_mb) $bytes $gzipped" >>"$work/results"
            stop
        fi
        [[ " $SCENARIOS " == *" form "* ]] || continue
        for versions in $VERSIONS; do
            echo "round $round: $backend, $versions versions" >&2
            url=$(database_url "$backend" "$round" "$versions")
            setup_out=$(DATABASE_URL="$url" CONVENE_SECRET_KEY="$SECRET" "$setup" form "$versions" 2>>"$work/log")
            token=$(sed -n 's/^token //p' <<<"$setup_out")
            body=$(sed -n 's/^body //p' <<<"$setup_out")
            serve "$url"
            form="http://127.0.0.1:$port/c/$token"
            curl -s -c "$work/jar" "$form" >"$work/form.html"
            csrf=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' "$work/form.html" | head -1)
            cookie=$(awk '{ sub(/^#HttpOnly_/, "") } !/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$work/jar")
            idle=$(rss_mb)
            load "$round $backend $versions get" "$form"
            # The token first, where a browser puts it: the form's first field.
            BODY="csrf_token=$csrf&$body" COOKIE="$cookie" load "$round $backend $versions save" "$form" "$work/post.lua"
            echo "$round $backend $versions rss $idle $(rss_mb) $(wc -c <"$work/form.html")" >>"$work/results"
            stop
        done
    done
done

echo
echo "machine: $(nproc) cores, load average $load_at_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end; ${DURATION} s per load, $CONNECTIONS connections, $ROUNDS rounds"
echo
awk '
    function median(list,   n, a, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    $2 == "plaintext" { plain[$1] = $3; prps = prps " " $3; pp99 = pp99 " " $4; next }
    $4 == "rss" { key = $2 " " $3; idle[key] = idle[key] " " $5; after[key] = after[key] " " $6; bytes[key] = $7 ($8 ? " (gzip " $8 ")" : ""); next }
    {
        key = $2 " " $3 " " $4
        if (!(key in seen)) { order[++n] = key; seen[key] = 1 }
        rps[key] = rps[key] " " $5; ratio[key] = ratio[key] " " $5 / plain[$1]
        p99[key] = p99[key] " " $6; errors[key] += $7
    }
    END {
        printf "plaintext reference: %.0f req/s, p99 %.1f ms (medians)\n\n", median(prps), median(pp99)
        print "| backend | versions | request | req/s | × plaintext | p99 ms | non-2xx/3xx | RSS idle → after MB | page bytes |"
        print "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
        for (i = 1; i <= n; i++) {
            k = order[i]; split(k, f, " "); r = f[1] " " f[2]
            extra = (f[3] == "save") ? sprintf("%s → %s", median(idle[r]), median(after[r])) : ""
            size = (f[3] == "get" || f[3] == "proposals") ? bytes[r] : ""
            printf "| %s | %s | %s | %.0f | %.3f | %.1f | %d | %s | %s |\n", f[1], f[2], f[3], median(rps[k]), median(ratio[k]), median(p99[k]), errors[k], extra, size
        }
    }' "$work/results"
