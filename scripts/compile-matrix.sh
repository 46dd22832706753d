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
#   BASELINE=<git revision>: also generate each crate with that revision's generator, as
#   NAME-before, and measure it right before NAME, in the same run (a before/after table).
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
baseline=${BASELINE:-}
if [ -n "$baseline" ]; then
    src="$work/../baseline-src"
    git -C "$root" worktree remove --force "$src" 2>/dev/null || rm -rf "$src"
    git -C "$root" worktree add --quiet --detach "$src" "$baseline"
    CARGO_TARGET_DIR="$work/../baseline-target" cargo build --release --quiet \
        --manifest-path "$src/Cargo.toml" -p postman-codegen --bin postman-codegen
    git -C "$root" worktree remove --force "$src"
fi

# generate NAME [GENERATOR SUFFIX]: the crate for NAME in $work/NAME$SUFFIX, made by GENERATOR
# (this tree's by default), and its collection's item count in $work/NAME$SUFFIX.ops.
generate() {
    local name=$1 generator=${2:-$bin/postman-codegen} suffix=${3:-} collection config=()
    case "$name" in
        synthetic-*k)
            collection="$work/$name.postman_collection.json"
            local thousands=${name#synthetic-}
            [ -f "$collection" ] \
                || "$bin/examples/synthetic_collection" "${thousands%k}000" > "$collection"
            ;;
        *)
            collection="$root/collections/$name.postman_collection.json"
            [ -f "$root/collections/$name.overrides.toml" ] \
                && config=(--config "$root/collections/$name.overrides.toml")
            ;;
    esac
    rm -rf "${work:?}/$name$suffix"
    "$generator" generate "$collection" --quiet "${config[@]}" \
        --out "$work/$name$suffix" --crate-name "$name$suffix"
    "$bin/postman-codegen" inspect "$collection" "${config[@]}" 2>/dev/null \
        | head -1 | sed -n 's/.*: \([0-9]*\) items\{0,1\}$/\1/p' > "$work/$name$suffix.ops"
}

rm -f "$work"/synthetic-*.postman_collection.json
members=""
measured=""
for name in $crates; do
    if [ -n "$baseline" ]; then
        generate "$name" "$work/../baseline-target/release/postman-codegen" -before
        members="$members\"$name-before\", "
        measured="$measured $name-before"
    fi
    generate "$name"
    members="$members\"$name\", "
    measured="$measured $name"
done
# Every crate's dependencies are built before any crate is measured, through a stub crate per
# distinct dependency list (its Cargo.toml with another name, an empty lib): crates differ in
# reqwest's features (multipart, stream), and a cold build must not include building those.
rm -rf "$work"/deps-*
stubs=""
for name in $measured; do
    list=$(sed -n '/^\[dependencies/,$p' "$work/$name/Cargo.toml" | md5sum | cut -c1-12)
    stub="deps-$list"
    [ -d "$work/$stub" ] && continue
    mkdir -p "$work/$stub/src"
    : > "$work/$stub/src/lib.rs"
    sed "s/^name = \"$name\"$/name = \"$stub\"/" "$work/$name/Cargo.toml" > "$work/$stub/Cargo.toml"
    members="$members\"$stub\", "
    stubs="$stubs $stub"
done
printf '[workspace]\nresolver = "2"\nmembers = [%s]\n' "${members%, }" > "$work/Cargo.toml"
cp "$root/Cargo.lock" "$work/Cargo.lock"
export CARGO_TARGET_DIR="$work/target"
cd "$work"

measured=${measured# }
echo "building the dependencies of every crate, for builds and for checks..."
for stub in $stubs; do
    cargo build --offline --quiet -p "$stub"
    cargo check --offline --quiet -p "$stub"
done

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
for name in $measured; do
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
