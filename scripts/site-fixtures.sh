#!/usr/bin/env bash
# Regenerates the expected feed items of the fixture sites under
# internal/sitemode/testdata/{hugo,jekyll}/<case>/ by building each site with
# the real generator and writing want.tsv beside it.
#
# Expects exactly these versions (other versions may change links and ids):
#   Hugo v0.165.0 (go install github.com/gohugoio/hugo@v0.165.0)
#   Jekyll 4.3.1 with jekyll-feed 0.17.0 (Debian: jekyll ruby-jekyll-feed)
#   python3 (its xml.etree reads the feeds)
# CI never runs this script: the tests read the committed want.tsv files, so
# they do not need the generators. Run it by hand after changing a site:
#
#   scripts/site-fixtures.sh            # every site
#   scripts/site-fixtures.sh hugo/taxonomies jekyll/dates
#   HUGO=/path/to/hugo JEKYLL=/path/to/jekyll scripts/site-fixtures.sh
#
# want.tsv has one line per feed the generator wrote, then one per item of it
# in the feed's order, feeds sorted by path:
#   feedpath<TAB>#self<TAB>self link of the channel/feed
#   feedpath<TAB>link<TAB>id
# A Hugo site in several languages also gets translations.tsv: one line per
# translation of a page, in Hugo's order (by language weight), pages sorted:
#   page link<TAB>the translation's locale<TAB>the translation's link
# feedpath is relative to the publish dir (index.xml, tags/go/index.xml,
# feed.xml, feed/by_tag/x.xml); link is <link> (RSS) or <link href> (Atom), id
# is <guid> (RSS) or <id> (Atom), as the XML holds them once unescaped.
# jekyll-feed writes `&` in link href unescaped (not well-formed XML); such an
# `&` is read as itself.
#
# Builds go to a temporary dir; nothing is written into the sites except
# want.tsv (Hugo: --noBuildLock; Jekyll: disable_disk_cache). Only links and
# ids are kept, so the build time does not matter; TZ is fixed so that a site
# without a time zone setting builds the same everywhere. Future dates in the
# sites are in 2999 and expiry dates in 2000, so the output stays the same.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
td=$root/internal/sitemode/testdata
hugo=${HUGO:-hugo}
jekyll=${JEKYLL:-jekyll}
export TZ=UTC LC_ALL=C.UTF-8

command -v "$hugo" >/dev/null || hugo=$(go env GOPATH 2>/dev/null)/bin/hugo

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

extract() { # publish-dir > want.tsv
	python3 - "$1" <<'EOF'
import os, re, sys
import xml.etree.ElementTree as ET

ATOM = '{http://www.w3.org/2005/Atom}'
# An & that does not start an entity or character reference.
bare_amp = re.compile(rb'&(?!(?:[A-Za-z_][\w.-]*|#[0-9]+|#x[0-9A-Fa-f]+);)')

def text(e):
    return '' if e is None or e.text is None else e.text

def clean(s):
    if '\t' in s or '\n' in s:
        sys.exit('tab or newline in a value: %r' % s)
    return s

pub = sys.argv[1]
paths = []
for d, dirs, files in os.walk(pub):
    dirs.sort()
    for f in files:
        if f.endswith('.xml'):
            paths.append(os.path.relpath(os.path.join(d, f), pub))
out = []
for rel in sorted(paths):
    data = open(os.path.join(pub, rel), 'rb').read()
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        root = ET.fromstring(bare_amp.sub(b'&amp;', data))
    rows = []
    if root.tag == 'rss':
        ch = root.find('channel')
        self_ = ''
        for l in ch.findall(ATOM + 'link'):
            if l.get('rel') == 'self':
                self_ = l.get('href', '')
        rows.append(('#self', self_))
        for it in ch.findall('item'):
            rows.append((text(it.find('link')), text(it.find('guid'))))
    elif root.tag == ATOM + 'feed':
        self_ = ''
        for l in root.findall(ATOM + 'link'):
            if l.get('rel') == 'self':
                self_ = l.get('href', '')
        rows.append(('#self', self_))
        for en in root.findall(ATOM + 'entry'):
            href = ''
            for l in en.findall(ATOM + 'link'):
                if l.get('rel', 'alternate') == 'alternate':
                    href = l.get('href', '')
                    break
            rows.append((href, text(en.find(ATOM + 'id'))))
    else:
        continue  # sitemap.xml and the like
    p = rel.replace(os.sep, '/')
    for a, b in rows:
        out.append('%s\t%s\t%s\n' % (p, clean(a), clean(b)))
sys.stdout.write(''.join(out))
EOF
}

translations() { # hugo/case: translations.tsv, when the site has any
	local site=$td/$1 copy=$tmp/translations-src pub=$tmp/translations-pub
	rm -rf "$copy" "$pub"
	cp -r "$site" "$copy"
	mkdir -p "$copy/layouts/_default"
	# Each page's translations, in Hugo's order: page link, locale, link.
	printf '%s' '{{ range .Translations }}{{ $.Permalink }}	{{ .Language.Locale }}	{{ .Permalink }}
{{ end }}' >"$copy/layouts/_default/single.html"
	"$hugo" --quiet --noBuildLock --source "$copy" --destination "$pub" --cacheDir "$tmp/hugo-cache" >/dev/null 2>&1 ||
		{ echo "$1: hugo failed on the translations" >&2; return 1; }
	find "$pub" -name '*.html' -exec cat {} + | sort -s -t $'\t' -k1,1 >"$tmp/translations.tsv"
	if [ -s "$tmp/translations.tsv" ]; then
		cp "$tmp/translations.tsv" "$site/translations.tsv"
		echo "$1: $(wc -l <"$site/translations.tsv") translation links"
	else
		rm -f "$site/translations.tsv"
	fi
}

build() { # kind/case
	local site=$td/$1 kind=${1%%/*} pub=$tmp/${1//\//_}
	rm -rf "$pub"
	case $kind in
	hugo)
		local args=(--noBuildLock --source "$site" --destination "$pub" --cacheDir "$tmp/hugo-cache")
		# --quiet hides the error too: on failure, build again to show it.
		"$hugo" --quiet "${args[@]}" >"$tmp/log" 2>&1 ||
			{ "$hugo" "${args[@]}" >&2 || true; echo "$1: hugo failed" >&2; return 1; } ;;
	jekyll)
		(cd "$site" && "$jekyll" build --quiet --disable-disk-cache \
			--source . --destination "$pub") >"$tmp/log" 2>&1 ||
			{ cat "$tmp/log" >&2; echo "$1: jekyll failed" >&2; return 1; } ;;
	*) echo "$1: not hugo/ or jekyll/" >&2; return 1 ;;
	esac
	if [ -s "$tmp/log" ]; then sed "s|^|$1: |" "$tmp/log" >&2; fi
	extract "$pub" >"$site/want.tsv"
	if [ "$kind" = hugo ]; then translations "$1"; fi
	echo "$1: $(grep -vc $'\t#self\t' "$site/want.tsv" || true) items in $(grep -c $'\t#self\t' "$site/want.tsv") feeds"
}

if [ $# -gt 0 ]; then
	cases=("$@")
else
	cases=()
	for d in "$td"/hugo/*/ "$td"/jekyll/*/; do
		[ -d "$d" ] && cases+=("$(basename "$(dirname "$d")")/$(basename "$d")")
	done
fi
for c in "${cases[@]}"; do build "$c"; done
