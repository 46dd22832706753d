#!/usr/bin/env bash
# How long a generated crate takes to compile as its users build it (issue 20): for each crate,
# alone after its dependencies, cold (`cargo clean -p`):
#   build with cargo's defaults (incremental on for dev builds), then a rebuild after touching
#   its largest operations file (what an edit costs), a build with CARGO_INCREMENTAL=0, and a
#   `cargo check` with the defaults (what rust-analyzer and `cargo check` users wait for);
# each as median wall seconds, CPU seconds (user + sys) and peak memory of the largest process,
# with the crate's lines and lines per operation.
#
# Usage: scripts/compile-matrix.sh
#   CRATES="zoom github-v3 commercetools synthetic-10k" (the default), RUNS=1 by default.
# Work folder: $COMPILE_TIME_DIR/matrix (target/compile-time/matrix). Offline: it builds only
# crates the workspace's Cargo.lock has fetched.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${COMPILE_TIME_DIR:-$root/target/compile-time}/matrix
runs=${RUNS:-1}
crates=${CRATES:-zoom github-v3 commercetools synthetic-10k}
mkdir -p "$work"
echo "machine: $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

CARGO_TARGET_DIR="$work/../generator-target" cargo build --release --quiet \
    --manifest-path "$root/Cargo.toml" -p postman-codegen --bin postman-codegen --example synthetic_collection
bin="$work/../generator-target/release"

# generate NAME: the crate for NAME in $work/NAME, and its collection's item count in $work/NAME.ops.
generate() {
    local name=$1 collection config=()
    case "$name" in
        synthetic-*k)
            collection="$work/$name.postman_collection.json"
            local thousands=${name#synthetic-}
            "$bin/examples/synthetic_collection" "${thousands%k}000" > "$collection"
            ;;
        *)
            collection="$root/collections/$name.postman_collection.json"
            [ -f "$root/collections/$name.overrides.toml" ] \
                && config=(--config "$root/collections/$name.overrides.toml")
            ;;
    esac
    "$bin/postman-codegen" generate "$collection" --quiet "${config[@]}" \
        --out "$work/$name" --crate-name "$name"
    "$bin/postman-codegen" inspect "$collection" "${config[@]}" 2>/dev/null \
        | head -1 | sed -n 's/.*: \([0-9]*\) items\{0,1\}$/\1/p' > "$work/$name.ops"
}

members=""
for name in $crates; do
    generate "$name"
    members="$members\"$name\", "
done
printf '[workspace]\nresolver = "2"\nmembers = [%s]\n' "${members%, }" > "$work/Cargo.toml"
cp "$root/Cargo.lock" "$work/Cargo.lock"
export CARGO_TARGET_DIR="$work/target"
cd "$work"

first=${crates%% *}
echo "building the dependencies once per setting..."
CARGO_INCREMENTAL=0 cargo build --offline --quiet -p "$first"
cargo build --offline --quiet -p "$first"
cargo check --offline --quiet -p "$first"

median() {
    sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# timed FILE COMMAND...: appends "wall cpu peak_MB" of COMMAND to FILE.
timed() {
    local samples=$1
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@"
    read -r w u s kb < "$work/time.txt"
    echo "$w $(echo "$u + $s" | bc) $((kb / 1024))" >> "$samples"
}

# report NAME MODE: one line of medians from $work/samples-NAME-MODE.txt.
report() {
    local samples="$work/samples-$1-$2.txt"
    printf '%-16s %-22s %8s %8s %8s\n' "$1" "$2" \
        "$(cut -d' ' -f1 "$samples" | median)" "$(cut -d' ' -f2 "$samples" | median)" \
        "$(cut -d' ' -f3 "$samples" | median)" >> "$work/report.txt"
}

: > "$work/report.txt"
printf '%-16s %8s %8s %8s\n' crate lines ops lines/op > "$work/sizes.txt"
for name in $crates; do
    lines=$(find "$name/src" -name '*.rs' -print0 | xargs -0 cat | wc -l)
    ops=$(cat "$name.ops")
    printf '%-16s %8s %8s %8s\n' "$name" "$lines" "$ops" \
        "$( [ -n "$ops" ] && [ "$ops" -gt 0 ] && echo $((lines / ops)) )" >> "$work/sizes.txt"
    largest=$(find "$name/src/operations" -name '*.rs' -printf '%s %p\n' 2>/dev/null \
        | sort -n | tail -1 | cut -d' ' -f2)
    for mode in cold-default touch-rebuild cold-incremental-0 check-default; do
        : > "$work/samples-$name-$mode.txt"
    done
    for _ in $(seq "$runs"); do
        cargo clean --offline --quiet -p "$name"
        timed "$work/samples-$name-cold-default.txt" cargo build --offline --quiet -p "$name"
        touch "${largest:-$name/src/lib.rs}"
        timed "$work/samples-$name-touch-rebuild.txt" cargo build --offline --quiet -p "$name"
        cargo clean --offline --quiet -p "$name"
        timed "$work/samples-$name-cold-incremental-0.txt" \
            env CARGO_INCREMENTAL=0 cargo build --offline --quiet -p "$name"
        cargo clean --offline --quiet -p "$name"
        timed "$work/samples-$name-check-default.txt" cargo check --offline --quiet -p "$name"
    done
    for mode in cold-default touch-rebuild cold-incremental-0 check-default; do
        report "$name" "$mode"
    done
    echo "  $name done; load now $(cut -d' ' -f1 /proc/loadavg)"
done

echo
cat "$work/sizes.txt"
echo
printf '%-16s %-22s %8s %8s %8s\n' crate mode wall_s cpu_s peak_MB
cat "$work/report.txt"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
