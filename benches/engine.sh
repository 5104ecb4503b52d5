#!/usr/bin/env bash
# The proposal engine's bench (benches/engine.rs) three times, each run with
# its reference workload (sorting 10,000 integers, measured before and after
# the engine), then per scenario: criterion's median in each run, the median
# of the three, and the ratio to that run's reference (the mean of its two
# measurements), median of the three ratios. Ratios measured in one run are
# what compares across machines and loads; absolute times on a shared
# machine are not.
#
#   bash benches/engine.sh
#
# Needs jq. ROUNDS (3) changes the number of runs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
target=$(cargo metadata --format-version 1 --no-deps | jq -r .target_directory)
results=$(mktemp)
trap 'rm -f "$results"' EXIT

for round in $(seq "$ROUNDS"); do
    echo "== round $round: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    # Only this run's scenarios: no estimates left from renamed ones.
    rm -rf "$target/criterion/reference" "$target/criterion/propose"
    cargo bench --bench engine >&2
    for estimates in "$target"/criterion/{reference,propose}/*/*/new/estimates.json; do
        id=${estimates#"$target/criterion/"}
        id=${id%/new/estimates.json}
        jq -r --arg id "$id" --arg round "$round" \
            '"\($round) \($id) \(.median.point_estimate)"' "$estimates" >>"$results"
    done
done

# Per run: the reference is the mean of its first and last measurement.
jq -R -s -r '
    [split("\n")[] | select(length > 0) | split(" ")
        | {round: .[0], id: .[1], ns: (.[2] | tonumber)}] as $rows
    | ($rows | map(select(.id | startswith("reference/"))) | group_by(.round)
        | map({key: .[0].round, value: (map(.ns) | add / length)}) | from_entries) as $reference
    | def median: sort | .[(length - 1) / 2 | floor];
      def show: if . >= 1000000 then "\(. / 1000000 * 100 | round / 100) ms"
                elif . >= 1000 then "\(. / 1000 * 10 | round / 10) µs"
                else "\(. | round) ns" end;
    "| benchmark | medians of the runs | median | ratio to the reference (median) |",
    "| --- | --- | --- | --- |",
    ($rows | group_by(.id)[]
        | "| \(.[0].id) | \(map(.ns | show) | join(", ")) | \(map(.ns) | median | show) | \(map(.ns / $reference[.round]) | median | . * 1000 | round / 1000) |")
' "$results"
