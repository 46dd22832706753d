#!/usr/bin/env bash
# Everything the generator prints, for every collection the project carries, in one folder:
# the default async crate, the blocking crate, the per-folder-features crate, `inspect`, and the
# warnings. Run it before and after a refactor and `diff -r` the two folders: a refactor that is
# meant to change nothing must show nothing.
#   scripts/output-snapshot.sh /tmp/before            # uses target/debug/postman-codegen
#   BIN=path/to/postman-codegen scripts/output-snapshot.sh /tmp/after
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: output-snapshot.sh OUT_DIR}"
bin="${BIN:-$root/target/debug/postman-codegen}"
[ -x "$bin" ] || (cd "$root" && cargo build --quiet -p postman-codegen)
rm -rf "$out" && mkdir -p "$out" && out="$(cd "$out" && pwd)"
# Relative output paths, so that what the tool prints does not differ with the folder.
cd "$out"
for c in "$root"/collections/*.postman_collection.json "$root"/tests/fixtures/*.postman_collection.json; do
    name="$(basename "$c" .postman_collection.json)"
    config=()
    [ -f "${c%.postman_collection.json}.overrides.toml" ] && config=(--config "${c%.postman_collection.json}.overrides.toml")
    mkdir -p "$out/$name"
    for mode in default blocking per-folder; do
        flags=()
        [ "$mode" = blocking ] && flags=(--blocking)
        [ "$mode" = per-folder ] && flags=(--features-per-folder)
        "$bin" generate "$c" --out "$name/$mode" "${config[@]}" "${flags[@]}" \
            >"$out/$name/$mode.stdout" 2>"$out/$name/$mode.warnings" || echo "exit $?" >>"$out/$name/$mode.warnings"
    done
    "$bin" inspect "$c" "${config[@]}" >"$out/$name/inspect.txt" 2>&1 || true
done
echo "snapshot of $(ls "$out" | wc -l) collections in $out"
