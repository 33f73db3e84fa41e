package guard

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/model"
)

func TestCheckRemoval(t *testing.T) {
	names := func(n int) []string {
		var s []string
		for i := range n {
			s = append(s, fmt.Sprintf("tags/t%d/rss.xml", i))
		}
		return s
	}
	tests := []struct {
		name       string
		stale      int
		published  int
		maxDrop    float64
		force      bool
		wantRefuse string
	}{
		{name: "nothing stale", stale: 0, published: 10, maxDrop: 0.5},
		{name: "no manifest yet", stale: 0, published: 0, maxDrop: 0},
		{name: "a share up to max_drop", stale: 5, published: 10, maxDrop: 0.5},
		{name: "more than max_drop", stale: 6, published: 10, maxDrop: 0.5,
			wantRefuse: "the build would remove 6 of the 10 files published in public (60%; max_drop allows 50%): " +
				"tags/t0/rss.xml, tags/t1/rss.xml, tags/t2/rss.xml, tags/t3/rss.xml, tags/t4/rss.xml, and 1 more — " +
				"restore the articles or settings that made them"},
		{name: "everything, forced", stale: 10, published: 10, maxDrop: 0.5, force: true},
		{name: "everything, max_drop 1", stale: 10, published: 10, maxDrop: 1},
		{name: "one, max_drop 0", stale: 1, published: 10, maxDrop: 0,
			wantRefuse: "the build would remove 1 of the 10 files published in public (10%; max_drop allows 0%): tags/t0/rss.xml — " +
				"restore the articles or settings that made them"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckRemoval(names(tc.stale), tc.published, Options{MaxDrop: tc.maxDrop, Force: tc.force, Dir: "public"})
			var re *diag.Error
			switch {
			case tc.wantRefuse == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.wantRefuse != "" && !errors.As(err, &re):
				t.Errorf("got %v, want a *diag.Error", err)
			case tc.wantRefuse != "" && (re.Kind != diag.Refused || re.Override != AcceptLoss || re.OverrideWhen != "if those feeds were retired on purpose"):
				t.Errorf("got a %v problem overridden by %q %q, want a refusal that accepting the loss overrides", re.Kind, re.Override, re.OverrideWhen)
			case tc.wantRefuse != "" && err.Error() != tc.wantRefuse:
				t.Errorf("got\n%s\nwant\n%s", err, tc.wantRefuse)
			}
		})
	}
}

// TestRefusals checks that each refusal says what overrides it, and names
// no flag: the command line words the override.
func TestRefusals(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	old := []Published{
		{ID: "urn:a", URL: "https://example.com/a/", Title: "A", Published: day(1)},
		{ID: "urn:b", URL: "https://example.com/b/", Title: "B", Published: day(2)},
		{ID: "urn:c", URL: "https://example.com/c/", Title: "C", Published: day(3)},
	}
	item := func(id, url, title string, d int) *model.Item {
		return &model.Item{ID: id, URL: url, Title: title, Published: day(d)}
	}
	src := Source{Path: "articles/a.md", Line: 1, Col: 1}
	opts := Options{MaxDrop: 0.5, FeedPath: "public/atom.xml"}

	moved := &model.Feed{Items: []*model.Item{item("urn:new", "https://example.com/a/", "A", 1), item("urn:b", "https://example.com/b/", "B", 2),
		item("urn:c", "https://example.com/c/", "C", 3)}}
	dropped := &model.Feed{Items: []*model.Item{item("urn:c", "https://example.com/c/", "C", 3)}}
	local := &model.Feed{Items: []*model.Item{item("http://localhost:8080/a/", "http://localhost:8080/a/", "A", 1),
		item("http://localhost:8080/b/", "http://localhost:8080/b/", "B", 2), item("http://localhost:8080/c/", "http://localhost:8080/c/", "C", 3)}}
	dir := t.TempDir()
	bad := filepath.Join(dir, "feed.json")
	os.WriteFile(bad, []byte("{"), 0o644)
	_, unreadable := ReadJSON(bad)
	tests := []struct {
		name     string
		err      error
		override diag.Override
		located  bool
	}{
		{"an id changes", Check(old, moved, []Source{src, src, src}, opts), AcceptIDChange, true},
		{"items are dropped", Check(old, dropped, []Source{src}, opts), AcceptLoss, false},
		{"the published feed is not valid", unreadable, ReplaceUnreadable, false},
		{"built for this computer", Check(old, local, []Source{src, src, src}, opts), AcceptIDChange, false},
	}
	for _, tt := range tests {
		problems := diag.Problems(tt.err)
		if len(problems) != 1 {
			t.Errorf("%s: %v, want one problem", tt.name, tt.err)
			continue
		}
		p := problems[0]
		if p.Kind != diag.Refused || p.Override != tt.override || (p.Path != "") != tt.located {
			t.Errorf("%s: a %v problem at %q overridden by %q, want a refusal overridden by %q", tt.name, p.Kind, p.Path, p.Override, tt.override)
		}
		if strings.Contains(p.Error(), "--") {
			t.Errorf("%s: %q names a flag", tt.name, p.Error())
		}
	}
	opts.AllowIDChange = true
	if err := Check(old, moved, []Source{src, src, src}, opts); err != nil {
		t.Errorf("AllowIDChange: %v", err)
	}
	if err := Check(old, local, []Source{src, src, src}, opts); err != nil {
		t.Errorf("AllowIDChange, built for this computer: %v", err)
	}
	opts.Force = true
	if err := Check(old, dropped, []Source{src}, opts); err != nil {
		t.Errorf("Force: %v", err)
	}
}

// TestLocalFeeds checks that the ids of a feed built for this computer
// may change, as when the first real base_url is set, while a feed whose
// links are real keeps its ids, and that no hint keeps a loopback id.
func TestLocalFeeds(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	pub := func(id, url, title string, d int) Published {
		return Published{ID: id, URL: url, Title: title, Published: day(d)}
	}
	item := func(id, url, title string, d int) *model.Item {
		return &model.Item{ID: id, URL: url, Title: title, Published: day(d)}
	}
	src := Source{Path: "articles/a.md", Line: 1, Col: 1}
	opts := Options{MaxDrop: 0.5, FeedPath: "public/atom.xml"}
	real := &model.Feed{Items: []*model.Item{item("https://example.com/a/", "https://example.com/a/", "A", 1), item("urn:b", "https://example.com/b/", "B", 2)}}
	tests := []struct {
		name  string
		old   []Published
		local bool
		want  string // the refusal; empty for none
	}{
		{"the default base_url", []Published{pub("http://localhost:8080/a/", "http://localhost:8080/a/", "A", 1), pub("urn:b", "http://localhost:8080/b/", "B", 2)}, true, ""},
		{"a loopback address", []Published{pub("http://127.0.0.1:9000/a/", "http://127.0.0.1:9000/a/", "A", 1), pub("urn:b", "http://[::1]/b/", "B", 2)}, true, ""},
		{"ids only", []Published{pub("http://blog.localhost/a/", "", "A", 1), pub("urn:b", "http://localhost/b/", "B", 2)}, true, ""},
		{"another real address", []Published{pub("https://old.example/a/", "https://old.example/a/", "A", 1), pub("urn:b", "https://old.example/b/", "B", 2)}, false,
			`articles/a.md:1:1: "A" was published with the id https://old.example/a/ and would now get https://example.com/a/: readers would show it again as new — add 'id: https://old.example/a/' to its front matter to keep the old id`},
		{"a loopback id under real links", []Published{pub("http://localhost:8080/a/", "https://example.com/a/", "A", 1), pub("urn:b", "https://example.com/b/", "B", 2)}, false,
			`articles/a.md:1:1: "A" was published with the id http://localhost:8080/a/ and would now get https://example.com/a/: readers would show it again as new`},
		{"some links real", []Published{pub("http://localhost:8080/a/", "http://localhost:8080/a/", "A", 1), pub("urn:b", "https://example.com/b/", "B", 2)}, false,
			`articles/a.md:1:1: "A" was published with the id http://localhost:8080/a/ and would now get https://example.com/a/: readers would show it again as new`},
	}
	for _, tt := range tests {
		if got := Local(tt.old); got != tt.local {
			t.Errorf("%s: Local = %v, want %v", tt.name, got, tt.local)
		}
		err := Check(tt.old, real, []Source{src, src}, opts)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", tt.name, err)
			}
			continue
		}
		ps := diag.Problems(err)
		if len(ps) != 1 || ps[0].Error() != tt.want || ps[0].Override != AcceptIDChange {
			t.Errorf("%s: got %v, want\n%s", tt.name, err, tt.want)
			continue
		}
		if hint := ps[0].Advised("run with --allow-id-change").Hint; strings.Contains(hint, "localhost") {
			t.Errorf("%s: the hint keeps a loopback id: %s", tt.name, hint)
		}
	}
	if Local(nil) {
		t.Error("no feed is not a local feed")
	}
	// Items lost from a local feed are still counted.
	old := []Published{pub("http://localhost:8080/a/", "http://localhost:8080/a/", "A", 1), pub("http://localhost:8080/b/", "http://localhost:8080/b/", "B", 2),
		pub("http://localhost:8080/c/", "http://localhost:8080/c/", "C", 3)}
	if ps := diag.Problems(Check(old, &model.Feed{Items: real.Items[:1]}, []Source{src}, opts)); len(ps) != 1 || ps[0].Override != AcceptLoss {
		t.Errorf("dropping two of three local items: %v, want the loss refused", ps)
	}
}

// TestBuiltLocally checks that a build for this computer alone over feeds
// published for a real address is refused once, saying which address to
// build with, instead of once per item with hints to keep each id; and
// that a build with some real links is judged item by item as before.
func TestBuiltLocally(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	old := []Published{
		{ID: "https://example.org/blog/a/", URL: "https://example.org/blog/a/", Title: "A", Published: day(1)},
		{ID: "tag:example.org,2024:b", URL: "https://example.org/blog/b/", Title: "B", Published: day(2)},
		{ID: "https://example.org/blog/c/", URL: "https://example.org/blog/c/", Title: "C", Published: day(3)},
	}
	item := func(url, title string, d int) *model.Item {
		return &model.Item{ID: url, URL: url, Title: title, Published: day(d)}
	}
	src := Source{Path: "articles/a.md", Line: 1, Col: 1}
	opts := Options{MaxDrop: 0.5, FeedPath: "public/atom.xml"}
	tests := []struct {
		name string
		feed *model.Feed
		want []string
	}{
		{"the built-in base_url", &model.Feed{Items: []*model.Item{item("http://localhost:8080/a/", "A", 1),
			item("http://localhost:8080/b/", "B", 2), item("http://localhost:8080/c/", "C", 3)}},
			[]string{"public/atom.xml was published for https://example.org/, and this build's links point at this computer (http://localhost:8080/): " +
				"3 published items would get new ids — build with base_url https://example.org/, the address the feeds were published for"}},
		{"a loopback address, one id kept", &model.Feed{Items: []*model.Item{item("http://127.0.0.1:9000/a/", "A", 1),
			{ID: "tag:example.org,2024:b", URL: "http://127.0.0.1:9000/b/", Title: "B", Published: day(2)}}},
			[]string{"public/atom.xml was published for https://example.org/, and this build's links point at this computer (http://127.0.0.1:9000/): " +
				"1 published item would get a new id — build with base_url https://example.org/, the address the feeds were published for"}},
		{"one real link", &model.Feed{Items: []*model.Item{item("http://localhost:8080/a/", "A", 1), item("https://example.org/blog/b/", "B", 2)}},
			[]string{`articles/a.md:1:1: "A" was published with the id https://example.org/blog/a/ and would now get http://localhost:8080/a/: readers would show it again as new — add 'id: https://example.org/blog/a/' to its front matter to keep the old id`,
				`articles/a.md:1:1: "B" was published with the id tag:example.org,2024:b and would now get https://example.org/blog/b/: readers would show it again as new — add 'id: tag:example.org,2024:b' to its front matter to keep the old id`}},
	}
	for _, tt := range tests {
		ps := diag.Problems(Check(old, tt.feed, []Source{src, src, src}, opts))
		var got []string
		for _, p := range ps {
			got = append(got, p.Error())
			if p.Kind != diag.Refused || p.Override != AcceptIDChange {
				t.Errorf("%s: a %v problem overridden by %q, want a refusal that accepting the id change overrides", tt.name, p.Kind, p.Override)
			}
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}
