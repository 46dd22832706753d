#!/usr/bin/env bash
# The compile time of the zoom and github-v3 crates with their optional runtime features
# (`tracing`, `middleware`) off and on (issue 18), cold (`cargo clean -p zoom`), with CARGO_INCREMENTAL=0
# and with cargo's default (incremental) dev profile; median CPU seconds (user + sys) and wall
# seconds of RUNS builds. Shares the work folder of scripts/compile-time.sh; offline.
#
# Usage: scripts/feature-compile-time.sh     (RUNS=3 by default; CRATES="zoom github-v3")
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${COMPILE_TIME_DIR:-$root/target/compile-time}/features
runs=${RUNS:-3}
crates=${CRATES:-zoom github-v3}
mkdir -p "$work"
echo "machine: $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

CARGO_TARGET_DIR="$work/../generator-target" cargo build --release --quiet \
    --manifest-path "$root/Cargo.toml" -p postman-codegen
"$work/../generator-target/release/postman-codegen" generate \
    "$root/collections/zoom.postman_collection.json" --quiet \
    --config "$root/collections/zoom.overrides.toml" --out "$work/zoom" --crate-name zoom
"$work/../generator-target/release/postman-codegen" generate \
    "$root/collections/github-v3.postman_collection.json" --quiet \
    --out "$work/github-v3" --crate-name github-v3
printf '[workspace]\nresolver = "2"\nmembers = ["zoom", "github-v3"]\n' > "$work/Cargo.toml"
cp "$root/Cargo.lock" "$work/Cargo.lock"
export CARGO_TARGET_DIR="$work/target"
cd "$work"

median() {
    sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# CARGO_INCREMENTAL=0, or cargo's default for the dev profile (incremental).
incremental() {
    if [ "$1" = 0 ]; then export CARGO_INCREMENTAL=0; else unset CARGO_INCREMENTAL; fi
}

echo "building the dependencies once per setting..."
for incremental in 0 default; do
    incremental "$incremental"
    cargo build --offline --quiet -p zoom
    cargo build --offline --quiet -p zoom --features tracing,middleware
done

printf '%-10s %-12s %-20s %8s %8s\n' crate incremental features cpu_s wall_s
for crate in $crates; do
for incremental in 0 default; do
    incremental "$incremental"
    for features in "" "tracing" "middleware" "tracing,middleware"; do
        : > "$work/samples.txt"
        for _ in $(seq "$runs"); do
            cargo clean --offline --quiet -p "$crate"
            /usr/bin/time -f '%e %U %S' -o "$work/time.txt" \
                cargo build --offline --quiet -p "$crate" ${features:+--features "$features"}
            read -r w u s < "$work/time.txt"
            echo "$(echo "$u + $s" | bc) $w" >> "$work/samples.txt"
        done
        printf '%-10s %-12s %-20s %8s %8s\n' "$crate" "$incremental" "${features:-none}" \
            "$(cut -d' ' -f1 "$work/samples.txt" | median)" "$(cut -d' ' -f2 "$work/samples.txt" | median)"
    done
done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
