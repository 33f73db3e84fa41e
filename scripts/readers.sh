#!/usr/bin/env bash
# Tries feedpub's feeds in real feed readers: writes the readers' corpus
# (internal/readers: titles and tags that look like markup, one, two and
# no authors, pictures, link posts, reposts, podcasts, dates in several
# zones, the site's icon and logo), serves it with 'feedpub serve --limit 0'
# and reads its RSS, Atom and JSON feeds with Miniflux v2.3.5 (over a
# throwaway PostgreSQL), newsboat, Python's feedparser and gofeed. Prints
# every check, each reader's and format's, with PASS, FAIL or SKIP, then the
# failures' details.
#
#   scripts/readers.sh                 # every reader
#   scripts/readers.sh Miniflux        # one reader (Miniflux, Newsboat,
#                                      # Feedparser, Gofeed)
#   OMIT=icon,logo scripts/readers.sh  # leave settings out of the corpus's
#                                      # feedpub.yaml, for a feedpub without them
#   scripts/readers.sh install         # install the readers first (as .ci/run
#                                      # does), then run every one
#
# Needs Go; a reader that is not installed is skipped, saying how to
# install it. The same tests run in 'go test ./...'.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$(go env GOPATH)/bin:$PATH"

readers='Miniflux|Newsboat|Feedparser|Gofeed'
case "${1:-}" in
  install)
    missing=()
    [ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql)
    command -v newsboat >/dev/null 2>&1 || missing+=(newsboat)
    command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
    { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import feedparser' 2>/dev/null; } || missing+=(python3-feedparser)
    if [ ${#missing[@]} -gt 0 ]; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    command -v miniflux.app >/dev/null 2>&1 || go install miniflux.app/v2@v2.3.5
    ;;
  '') ;;
  *) readers=$1 ;;
esac

log=$(mktemp)
trap 'rm -f "$log"' EXIT
rc=0
go test -count=1 -v -run "^Test($readers)\$" ./internal/readers -args -readers.omit="${OMIT:-}" >"$log" 2>&1 || rc=$?
echo "== checks"
grep -E '^ *--- (PASS|FAIL|SKIP)' "$log" | sed -E 's/^ *--- ([A-Z]+): ([^ ]+).*/\1  \2/' | sort -k2
echo "== failures and skips"
grep -vE '^ *(=== (RUN|PAUSE|CONT)|--- (PASS|FAIL|SKIP))' "$log" | grep -vE '^(PASS|FAIL|ok )' || true
tail -1 "$log"
exit "$rc"
