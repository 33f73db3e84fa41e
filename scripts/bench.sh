#!/usr/bin/env bash
# Times whole-process feedpub builds on generated corpora, side by side with
# the floor (internal/benchfloor: read every file and parse its front matter
# on all cores), and prints the table in BENCHMARKS.md. The --limit 0 builds
# are also compared with the rendering floor (benchfloor -render: the same,
# and each body rendered to sanitised HTML).
#
#   scripts/bench.sh                 # corpora of 1,000, 10,000 and 100,000 articles
#   scripts/bench.sh 10000           # one size
#   RUNS=1 FULL=0 scripts/bench.sh 1000000
#                                    # a newsroom's whole archive (a corpus of
#                                    # about 7 GB; each build takes minutes)
#   RUNS=3 scripts/bench.sh          # fewer runs (default 5, after one warm-up)
#   FULL=0 scripts/bench.sh          # skip the --limit 0 builds, the slowest
#   SETTINGS=scripts/main-feeds-only.yaml scripts/bench.sh
#                                    # build with these settings (default: none)
#   SUMMARIES=all scripts/bench.sh   # corpora whose every article has a summary
#                                    # in its front matter (default: a third)
#   scripts/bench.sh first-run       # a newcomer's first run, with each build
#                                    # (default, then -tags withcloud): from a
#                                    # fresh clone of the last commit with empty
#                                    # module and build caches, 'go run .' (wall
#                                    # time, MiB of module zips downloaded), then
#                                    # the binary's size and the peak memory of
#                                    # 'feedpub version'
#   BUILDS=default scripts/bench.sh first-run
#                                    # the default build's alone
#
# Needs go and GNU time (/usr/bin/time; Debian package "time"). Corpora are
# kept in $BENCH_DIR (default /tmp/feedpub-bench) and reused.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/feedpub-bench}
runs=${RUNS:-5}
full=${FULL:-1}
config=()
if [ -n "${SETTINGS:-}" ]; then
  config=(--config "$(cd "$(dirname "$SETTINGS")" && pwd)/$(basename "$SETTINGS")")
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
[ -x /usr/bin/time ] || { echo "bench.sh needs GNU time: apt-get install time" >&2; exit 2; }

# firstrun TAGS: one first run of the build with TAGS ("" for the default),
# printed as a row of the first-run table.
firstrun() {
  local tags=$1 tmp
  tmp=$(mktemp -d)
  git clone -q "$root" "$tmp/clone"
  local wall cpu load
  load=$(cut -d' ' -f1 /proc/loadavg)
  (cd "$tmp/clone" && GOMODCACHE="$tmp/mod" GOCACHE="$tmp/cache" GOFLAGS=-modcacherw \
    /usr/bin/time -f '%e %U %S' -o "$tmp/time" go run ${tags:+-tags "$tags"} . -q) || { echo "go run failed" >&2; exit 1; }
  read -r wall user sys <"$tmp/time"
  cpu=$(echo "$user + $sys" | bc)
  [ -f "$tmp/clone/public/atom.xml" ] || { echo "go run wrote no sample feeds" >&2; exit 1; }
  local zips
  zips=$(find "$tmp/mod/cache/download" -name '*.zip' -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1048576}')
  local nzips
  nzips=$(find "$tmp/mod/cache/download" -name '*.zip' | wc -l)
  (cd "$tmp/clone" && GOMODCACHE="$tmp/mod" GOCACHE="$tmp/cache" GOFLAGS=-modcacherw \
    go build ${tags:+-tags "$tags"} -o "$tmp/feedpub" .)
  local size mem
  size=$(stat -c %s "$tmp/feedpub" | awk '{printf "%.1f", $1 / 1048576}')
  cp "$tmp/feedpub" "$tmp/feedpub-copy" # measured from a copy: not pages just linked
  "$tmp/feedpub-copy" version >/dev/null
  mem=$( { /usr/bin/time -f %M "$tmp/feedpub-copy" version >/dev/null; } 2>&1 | tail -1)
  printf '| %s | %.1f (CPU %.1f; load %s) | %s (%s modules) | %s | %.1f |\n' "${tags:-default}" "$wall" "$cpu" "$load" "$zips" "$nzips" "$size" \
    "$(echo "$mem / 1024" | bc -l)"
  chmod -R u+w "$tmp"
  rm -rf "$tmp"
}

if [ "${1:-}" = first-run ]; then
  command -v bc >/dev/null || { echo "bench.sh first-run needs bc: apt-get install bc" >&2; exit 2; }
  printf '| build | go run . s (CPU s; load average before) | module zips MiB | binary MiB | feedpub version peak MiB |\n| --- | ---: | ---: | ---: | ---: |\n'
  for b in ${BUILDS:-default withcloud}; do firstrun "${b#default}"; done
  exit 0
fi

mkdir -p "$work"
(cd "$root" && go build -o "$work/feedpub" . && go build -o "$work/benchfloor" ./internal/benchfloor &&
  go build -o "$work/corpusgen" ./internal/corpusgen)

# measure CMD...: one warm-up, then $runs timed runs; prints the median wall
# seconds and the median peak resident memory in MB.
measure() {
  "$@" >/dev/null 2>&1 || true
  local t
  t=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -a -o "$t" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  done
  local mid=$(((runs + 1) / 2))
  local wall mem
  wall=$(awk '{print $1}' "$t" | sort -n | sed -n "${mid}p")
  mem=$(awk '{print $2}' "$t" | sort -n | sed -n "${mid}p")
  rm -f "$t"
  echo "$wall $((mem / 1024))"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

printf '| articles | floor s | cold s (× floor) | cold, with cache s (× floor) | peak MiB: cold / with cache / no change | --limit 0 s (× floor; × rendering floor) | no change s (× cold) | one edited s (× cold) | restored cache s (× cold) | outputs rewritten when nothing changed / restored |\n'
printf '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n'
for n in "${sizes[@]}"; do
  corpus="$work/c$n"
  shape=()
  if [ "${SUMMARIES:-}" = all ]; then
    corpus="$work/s$n"
    shape=(-all-summaries)
  fi
  [ -d "$corpus/articles" ] || "$work/corpusgen" -n "$n" "${shape[@]}" -out "$corpus"
  cd "$corpus"
  read -r floor _ < <(measure "$work/benchfloor" articles)
  read -r cold mem < <(measure "$work/feedpub" "${config[@]}" -q --no-cache --force --articles articles --out out)
  read -r ccold cmem < <(measure sh -c "rm -f .feedpub-cache && exec '$work/feedpub' ${config[*]} -q --force --articles articles --out out-c")
  all="-"
  if [ "$full" = 1 ]; then
    read -r rfloor _ < <(measure "$work/benchfloor" -render articles)
    read -r all _ < <(measure "$work/feedpub" "${config[@]}" -q --no-cache --force --limit 0 --articles articles --out out-all)
    all="$all ($(ratio "$all" "$floor"); $(ratio "$all" "$rfloor"))"
  fi
  # Incremental: a cache from a first build, then rebuilds.
  rm -f .feedpub-cache
  "$work/feedpub" "${config[@]}" -q --force --articles articles --out out-inc
  before=$(find out-inc -type f -printf '%P %T@\n' | sort)
  read -r same smem < <(measure "$work/feedpub" "${config[@]}" -q --articles articles --out out-inc)
  after=$(find out-inc -type f -printf '%P %T@\n' | sort)
  rewritten=no
  [ "$before" = "$after" ] || rewritten=yes
  newest=$(find articles -name '*.md' | sed 's|.*/||' | sort | tail -1)
  newest=$(find articles -name "$newest")
  read -r edit _ < <(measure sh -c "echo 'Edited.' >> '$newest' && exec '$work/feedpub' ${config[*]} -q --force --articles articles --out out-inc")
  # A cache restored onto a fresh checkout: every article and output file
  # with a new time, the cache as the last build left it.
  "$work/feedpub" "${config[@]}" -q --articles articles --out out-inc
  cp .feedpub-cache .feedpub-cache-saved
  find articles out-inc -type f -exec touch {} +
  before=$(find out-inc -type f -printf '%P %T@\n' | sort)
  read -r restored _ < <(measure sh -c "cp .feedpub-cache-saved .feedpub-cache && exec '$work/feedpub' ${config[*]} -q --articles articles --out out-inc")
  after=$(find out-inc -type f -printf '%P %T@\n' | sort)
  [ "$before" = "$after" ] && rewritten="$rewritten / no" || rewritten="$rewritten / yes"
  printf '| %s | %s | %s (%s) | %s (%s) | %s / %s / %s | %s | %s (%s) | %s (%s) | %s (%s) | %s |\n' "$n" "$floor" "$cold" "$(ratio "$cold" "$floor")" \
    "$ccold" "$(ratio "$ccold" "$floor")" "$mem" "$cmem" "$smem" \
    "$all" "$same" "$(ratio "$same" "$cold")" "$edit" "$(ratio "$edit" "$cold")" "$restored" "$(ratio "$restored" "$cold")" "$rewritten"
done
