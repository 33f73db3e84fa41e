#!/usr/bin/env bash
# Writes the reader corpus's feeds (internal/encode TestReaderCorpus: titles,
# summaries, names and tags that look like markup, two authors with e-mail
# addresses, a link post, a repost, an image of known size, an icon and a
# logo) and checks what Python feedparser and newsboat read of them: every
# title and author line as written, except the one case each is known to
# differ on (docs/guarantees.md, "What readers show").
#
#   scripts/reader-corpus.sh            # the feeds in a temporary folder
#   scripts/reader-corpus.sh DIR        # ... in DIR, kept
#
# Needs go, newsboat and Python 3 with feedparser (Debian: newsboat
# python3-feedparser; PYTHON names the interpreter, default python3). CI
# never runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-$(mktemp -d)}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
go test ./internal/encode -run '^TestReaderCorpus$' -count=1 -feeds "$dir" >/dev/null

# newsboat keeps one item per guid across feeds: each feed gets its own cache.
for f in rss atom; do
	echo "file://$dir/$f.xml" >"$dir/$f.urls"
	rm -f "$dir/$f.db"
	HOME=$dir newsboat -u "$dir/$f.urls" -c "$dir/$f.db" -C /dev/null -x reload
done

"${PYTHON:-python3}" - "$dir" <<'PY'
import html, re, sqlite3, sys
import feedparser

d = sys.argv[1]
titles = ["A <div> in a title", "M&M's & <b>not bold</b>", "Two authors", "A link post", "A repost", "A picture", "Tag & name",
          "&copy; is not ©"]
authors = ["Ann Example"] * 8
authors[2], authors[6] = "Zoe Zed, Bob Builder", "Dr. <b>Bob</b> &amp; Co"
summaries = list(titles)
summaries[1] = "AT&T, M&M's & <b>not bold</b>, &copy; and a <div>."
tags = [["a<b>c", "AT&T"]] + [[]] * 7
bad = 0

def check(reader, what, got, want, known=False):
    global bad
    mark = "ok" if got == want else ("known" if known else "WRONG")
    bad += mark == "WRONG"
    print("%-10s %-14s %-5s %r%s" % (reader, what, mark, got, "" if got == want else "  (want %r)" % want))

def shown(detail):
    # What a reader that follows the type shows: HTML rendered as text.
    if detail.type in ("text/html", "application/xhtml+xml"):
        return html.unescape(re.sub(r"<[^>]*>", "", detail.value))
    return detail.value

for f in ("rss", "atom"):
    p = feedparser.parse("%s/%s.xml" % (d, f))
    if p.bozo:
        print("feedparser cannot read %s.xml: %s" % (f, p.bozo_exception)); bad += 1
    check("feedparser", f + " feed", shown(p.feed.title_detail), "Site & <Co>")
    for e, t, a, s, g in zip(p.entries, titles, authors, summaries, tags):
        # feedparser guesses RSS text with an HTML end tag or entity is HTML.
        check("feedparser", f + " title", shown(e.title_detail), t, known=(f == "rss" and ("</b>" in t or "&copy;" in t)))
        check("feedparser", f + " summary", shown(e.summary_detail), s)
        check("feedparser", f + " tags", [x.term for x in e.get("tags", [])], g)
        names = ", ".join(x.get("name", "") for x in e.get("authors", []))
        check("feedparser", f + " authors", names, a)
    db = sqlite3.connect("%s/%s.db" % (d, f))
    rows = db.execute("select title, author from rss_item order by pubDate desc").fetchall()
    if len(rows) != len(titles):
        print("newsboat read %d items of %s.xml, want %d" % (len(rows), f, len(titles))); bad += 1
    for (t, a), wt, wa in zip(rows, titles, authors):
        check("newsboat", f + " title", t, wt)
        check("newsboat", f + " author", a, wa)
sys.exit(1 if bad else 0)
PY
