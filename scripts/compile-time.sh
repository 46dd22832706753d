#!/usr/bin/env bash
# How long the generated clients take to compile, and how much memory (issue 9).
#
# Generates the zoom and github-v3 crates (and github-v3 with --features-per-folder) into a
# throwaway workspace, builds their dependencies once, then builds each crate alone, cold
# (`cargo clean -p` of that crate only, no incremental cache), RUNS times, and reports the
# median wall seconds, CPU seconds (user + sys, less disturbed by other work on the machine),
# peak memory of the largest process (rustc; /usr/bin/time's maximum resident set size) and
# lines of code. Each line ends in PASS or MISS against the targets:
#   github-v3 <= 74 s and <= 3 GB; zoom <= 12 s;
#   github-v3's largest folder alone (--no-default-features --features <it>) <= 25% of the
#   time of the same crate with every feature.
# A MISS does not fail the script: these are goals, measured on a shared machine.
#
# Usage: scripts/compile-time.sh            (RUNS=3 by default; RUNS=1 for a quick look)
# Work folder: $COMPILE_TIME_DIR, by default target/compile-time. Offline: it builds only
# crates the workspace's Cargo.lock already has fetched.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${COMPILE_TIME_DIR:-$root/target/compile-time}
runs=${RUNS:-3}
mkdir -p "$work"

echo "machine: $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# The generator, in release mode, in its own target folder so the measured builds do not wait
# on it (nor on a shared target folder's lock).
CARGO_TARGET_DIR="$work/generator-target" cargo build --release --quiet \
    --manifest-path "$root/Cargo.toml" -p postman-codegen
generator="$work/generator-target/release/postman-codegen"

collections="$root/collections"
"$generator" generate "$collections/zoom.postman_collection.json" --quiet \
    --config "$collections/zoom.overrides.toml" --out "$work/zoom" --crate-name zoom
"$generator" generate "$collections/github-v3.postman_collection.json" --quiet \
    --out "$work/github-v3" --crate-name github-v3
"$generator" generate "$collections/github-v3.postman_collection.json" --quiet \
    --out "$work/github-v3-features" --crate-name github-v3-features --features-per-folder

cat > "$work/Cargo.toml" <<'EOF'
[workspace]
resolver = "2"
members = ["zoom", "github-v3", "github-v3-features"]
EOF
cp "$root/Cargo.lock" "$work/Cargo.lock"

export CARGO_TARGET_DIR="$work/target"
# Cold means no incremental cache to reuse; it also keeps the runs alike.
export CARGO_INCREMENTAL=0
cd "$work"

echo "building the dependencies once..."
cargo build --offline --quiet -p zoom

lines() {
    find "$1/src" -name '*.rs' -print0 | xargs -0 cat | wc -l
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# measure LABEL PACKAGE [cargo build arguments...]: sets wall, cpu and mem (MB) to the medians.
measure() {
    local label=$1 package=$2
    shift 2
    local samples="$work/samples-$label.txt"
    : > "$samples"
    for _ in $(seq "$runs"); do
        cargo clean --offline --quiet -p "$package"
        /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" \
            cargo build --offline --quiet -p "$package" "$@"
        read -r w u s kb < "$work/time.txt"
        echo "$w $(echo "$u + $s" | bc) $((kb / 1024))" >> "$samples"
    done
    wall=$(cut -d' ' -f1 "$samples" | median)
    cpu=$(cut -d' ' -f2 "$samples" | median)
    mem=$(cut -d' ' -f3 "$samples" | median)
    echo "  $label: wall $(cut -d' ' -f1 "$samples" | tr '\n' ' ')s; load now $(cut -d' ' -f1 /proc/loadavg)"
}

verdict() {
    if [ "$(echo "$1" | bc)" = 1 ]; then echo PASS; else echo MISS; fi
}

# The largest folder of github-v3: the operations module with the most methods, and the
# feature that gates it (read from the `#[cfg(feature = "…")] mod …;` lines).
largest_module=$(grep -c 'pub async fn' "$work"/github-v3-features/src/operations/*.rs \
    | sort -t: -k2 -n | tail -1)
largest_ops=${largest_module##*:}
largest_module=$(basename "${largest_module%%:*}" .rs)
largest_feature=$(grep -B1 "^mod $largest_module;" "$work/github-v3-features/src/operations.rs" \
    | sed -n 's/.*feature = "\(.*\)".*/\1/p')
total_ops=$(cat "$work"/github-v3-features/src/operations/*.rs | grep -c 'pub async fn')

echo "measuring ($runs runs each, median)..."
printf '%-34s %8s %8s %8s %8s  %s\n' crate lines wall_s cpu_s peak_MB targets > "$work/report.txt"

measure zoom zoom
printf '%-34s %8s %8s %8s %8s  %s\n' zoom "$(lines zoom)" "$wall" "$cpu" "$mem" \
    "<=12 s $(verdict "$wall <= 12")" >> "$work/report.txt"

measure github-v3 github-v3
printf '%-34s %8s %8s %8s %8s  %s\n' github-v3 "$(lines github-v3)" "$wall" "$cpu" "$mem" \
    "<=74 s $(verdict "$wall <= 74"), <=3072 MB $(verdict "$mem <= 3072")" >> "$work/report.txt"

measure features-all github-v3-features
all_wall=$wall all_cpu=$cpu
printf '%-34s %8s %8s %8s %8s  %s\n' "github-v3 per-folder, all features" \
    "$(lines github-v3-features)" "$wall" "$cpu" "$mem" "" >> "$work/report.txt"

measure features-one github-v3-features --no-default-features --features "$largest_feature"
printf '%-34s %8s %8s %8s %8s  %s\n' "  only \"$largest_feature\" ($largest_ops of $total_ops ops)" \
    "" "$wall" "$cpu" "$mem" \
    "wall $(echo "scale=1; 100 * $wall / $all_wall" | bc)% of all $(verdict "$wall <= 0.25 * $all_wall"), cpu $(echo "scale=1; 100 * $cpu / $all_cpu" | bc)%" \
    >> "$work/report.txt"

echo
cat "$work/report.txt"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
