#!/usr/bin/env bash
# Compares the feeds feedpub writes for Jekyll's own news (docs/_posts of
# jekyll/jekyll, 102 posts at commit 202df571314ba1d18e9fccd81d12aaad4a703c38)
# with those the real Jekyll 4.3.1 + jekyll-feed 0.17.0 write: every entry's
# link and id, in order, and each feed's id, for feed.xml and feed/release.xml.
#
#   scripts/jekyll-news.sh CHECKOUT [FEEDPUB]
#
# CHECKOUT is a checkout of jekyll/jekyll at that commit; FEEDPUB a feedpub
# binary (default: built from this tree). The site's other plugins
# (jekyll-avatar, jekyll-seo-tag, …) are not installed here: the copy built
# keeps jekyll-feed alone, drops the layouts, pages and tutorials that need
# the others, and raises posts_limit so that every post is compared. The posts
# themselves are not changed. CI never runs this script.
set -euo pipefail

checkout=${1:?usage: scripts/jekyll-news.sh CHECKOUT [FEEDPUB]}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
feedpub=${2:-}
if [ -z "$feedpub" ]; then
	feedpub=$tmp/feedpub
	(cd "$root" && go build -o "$feedpub" .)
fi

cp -r "$checkout/docs" "$tmp/site"
cd "$tmp/site"
rm -rf _layouts _sass css pages _tutorials Gemfile Gemfile.lock _site
python3 - <<'PY'
import re
s = open('_config.yml').read()
s = re.sub(r'plugins:\n(- .*\n)+', 'plugins:\n- jekyll-feed\n', s)
s = s.replace('feed:\n  categories:', 'feed:\n  posts_limit: 1000\n  categories:')
open('_config.yml', 'w').write(s)
PY
for f in _includes/*.html _docs/step-by-step/10-deployment.md; do
	sed -i 's/{% *avatar[^%]*%}//g; s/{% *seo[^%]*%}//g' "$f"
done
cp -r . "$tmp/fp"
jekyll build --quiet --disable-disk-cache -d "$tmp/jk" >/dev/null
(cd "$tmp/fp" && "$feedpub" build --no-cache --quiet)

python3 - "$tmp/jk" "$tmp/fp/_site" <<'PY'
import re, sys
def read(path):
    s = open(path, encoding='utf-8').read()
    entries = re.findall(r'<entry[^>]*>.*?</entry>', s, re.S)
    items = [(re.search(r'<link href="([^"]*)" rel="alternate"', e).group(1).replace('&amp;', '&'),
              re.search(r'<id>([^<]*)</id>', e).group(1).replace('&amp;', '&')) for e in entries]
    return re.search(r'<id>([^<]*)</id>', s).group(1), items
bad = 0
for feed in ('feed.xml', 'feed/release.xml'):
    (jid, want), (fid, got) = read(sys.argv[1] + '/' + feed), read(sys.argv[2] + '/' + feed)
    same = sum(a == b for a, b in zip(want, got))
    print('%s: %d of %d entries equal (feedpub %d), feed id %s' % (feed, same, len(want), len(got), 'equal' if jid == fid else fid + ' != ' + jid))
    for a, b in zip(want, got):
        if a != b:
            print('  jekyll-feed %s %s\n  feedpub     %s %s' % (a + b))
    bad += same != len(want) or len(got) != len(want) or jid != fid
sys.exit(1 if bad else 0)
PY
