package cli

import (
	"encoding/json"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestMarkupSites builds the fixture sites of shortcodes, Liquid tags and
// Markdown as each generator renders them, and checks what their feeds
// hold and what the build warns of.
func TestMarkupSites(t *testing.T) {
	tests := []struct {
		site, out string
		warnings  []string
		content   map[string][]string // by item link, what its content holds
		summary   map[string]string
	}{
		{"hugo", "public",
			[]string{`content/posts/shortcodes.md:33: shortcode "notice" is the site's own and cannot run here: removed, its inner content kept (teach it to feedpub under 'shortcodes' in feedpub.yaml)`},
			map[string][]string{"https://example.org/blog/posts/shortcodes/": {
				`<figure><a href="https://example.org/images/cat-large.jpg"><img src="https://example.org/images/cat.jpg" alt="A cat"></a><figcaption><h4>Cat</h4><p>Our <em>cat</em></p></figcaption></figure>`,
				`<a href="https://www.youtube.com/watch?v=w7Ft2ymGmfc">`, `<a href="https://vimeo.com/55073825">`,
				`<a href="https://x.com/SanDiegoZoo/status/1453110110599868418">`, `<a href="https://www.instagram.com/p/CxOWiQNP2MO/">`,
				`<a href="https://x.com/i/status/1234">`,
				`<a href="https://example.org/blog/posts/other/">the other post</a>`, `<a href="https://example.org/blog/posts/other/#part">its part</a>`,
				`<a href="https://example.org/blog/posts/bundle/">the bundle</a>`, `Color blue, Mastodon @ann@example.social.`,
				`<pre><code class="language-go">func f() bool { return a &lt; b }</code></pre>`,
				`<details><summary>More <em>details</em></summary><p>Inside <strong>details</strong>.</p></details>`,
				`<a href="https://github.com/gohugoio/hugo/issues/123">#123</a>`, `<p>Kept inner <em>content</em>.</p>`,
				`<code>{{&lt; figure src=&#34;x&#34; &gt;}}</code>`, `<li id="fn:1">`,
			},
				"https://example.org/blog/posts/bundle/": {`<img src="https://example.org/blog/posts/bundle/cat.jpg">`}},
			map[string]string{
				"https://example.org/blog/posts/shortcodes/": "A first paragraph of ten words, more or less, it has1. Cat Our cat",
				"https://example.org/blog/posts/bundle/":     "The summary starts here, not with the image, and goes on for some words.",
			}},
		{"jekyll", "_site",
			[]string{
				`_posts/2024-03-01-liquid.md:35: include "note.html" is the site's own and cannot run here: removed (teach it to feedpub under 'shortcodes' in feedpub.yaml)`,
				`_posts/2024-03-01-liquid.md:36: Liquid tag "callout" is the site's own and cannot run here: removed, its inner content kept (teach it to feedpub under 'shortcodes' in feedpub.yaml)`,
			},
			map[string][]string{"https://example.org/site/2024/03/01/liquid.html": {
				`Hello from Markup, see the <a href="https://example.org/site/docs/history/#v1">changelog</a> and <a href="https://example.org/site/2024/01/01/first.html">the first post</a>.`,
				"<figure><pre><code class=\"language-ruby\">def x\n  a &lt; b\nend</code></pre></figure>",
				"<pre><code class=\"language-liquid\">{{ site.title }} {% if x %}\n</code></pre>",
				`<a href="https://example.org/site/docs/">Docs</a> and <a href="https://example.org/site/">home</a>`,
				`<a href="https://github.com/example/site/issues/2">#2</a>`, `<a href="https://example.org/site/docs/filters/#find">find</a>`,
				`<p>Kept inner text.</p>`, `<h2 id="code">Code</h2>`,
			},
				"https://example.org/site/2024/01/01/first.html": {"<div>\n<pre>unclosed pre\n</pre></div>", `<p><img src="https://example.org/site/2024/01/01/a.png"></p>`}},
			map[string]string{"https://example.org/site/2024/01/01/first.html": "The excerpt passes over an image-only paragraph. unclosed pre"}},
		{"feedpub", "public",
			[]string{`articles/post.md:9: Liquid tag "seo" is the site's own and cannot run here: removed (teach it to feedpub under 'shortcodes' in feedpub.yaml)`},
			map[string][]string{"https://example.org/post/": {
				`<figure><img src="https://example.org/post/a.png" alt="A"></figure>`, `<code>{{&lt; gh 1 &gt;}}</code>`,
				"<pre><code>{% raw %} {{&lt; x &gt;}}\n</code></pre>", `while {{closure}} is text and  is removed.`,
			}},
			map[string]string{"https://example.org/post/": "Footnotes work1, renders, {{< gh 1 >}} in code stays, and so does"}},
	}
	for _, tt := range tests {
		t.Run(tt.site, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "markup", tt.site))); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := run(t, dir, "build", "--no-cache")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var warnings []string
			for _, l := range strings.Split(stderr, "\n") {
				if w, ok := strings.CutPrefix(l, "feedpub: warning: "); ok {
					warnings = append(warnings, filepath.ToSlash(w))
				}
			}
			if !slices.Equal(warnings, tt.warnings) {
				t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(warnings, "\n"), strings.Join(tt.warnings, "\n"))
			}
			items := jsonItems(t, filepath.Join(dir, tt.out))
			for link, wants := range tt.content {
				for _, w := range wants {
					if !strings.Contains(items[link].Content, w) {
						t.Errorf("%s: content lacks %q:\n%s", link, w, items[link].Content)
					}
				}
			}
			for link, want := range tt.summary {
				if got := items[link].Summary; got != want {
					t.Errorf("%s: summary %q, want %q", link, got, want)
				}
			}
		})
	}
}

type jsonItem struct {
	URL     string `json:"url"`
	Content string `json:"content_html"`
	Summary string `json:"summary"`
}

// jsonItems reads the items of every JSON Feed below dir, by link.
func jsonItems(t *testing.T, dir string) map[string]jsonItem {
	t.Helper()
	out := map[string]jsonItem{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".json" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var f struct{ Items []jsonItem }
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, it := range f.Items {
			out[it.URL] = it
		}
		return nil
	})
	return out
}

var (
	codeElement = regexp.MustCompile(`(?s)<(pre|code)[ >].*?</(pre|code)>`)
	rawSyntax   = regexp.MustCompile(`\{\{[<%]|\{%|\[\^[^\]\s]+\]`)
)

// leaks finds shortcode, Liquid and footnote syntax in an item's content
// outside code, and in its summary outside the text of that code.
func leaks(it jsonItem) []string {
	var out []string
	var code []string
	for _, m := range codeElement.FindAllString(it.Content, -1) {
		code = append(code, strings.Join(strings.Fields(html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(m, ""))), " "))
	}
	for _, m := range rawSyntax.FindAllString(html.UnescapeString(codeElement.ReplaceAllString(it.Content, "")), -1) {
		out = append(out, "content: "+m)
	}
	summary := it.Summary
	for _, c := range code {
		summary = strings.ReplaceAll(summary, c, "")
	}
	for _, m := range rawSyntax.FindAllString(summary, -1) {
		out = append(out, "summary: "+m)
	}
	return out
}

// TestNoRawSyntax builds every fixture of the repository, the sample
// articles, the pipeline's, the site fixtures and the markup sites, and
// checks that no {{<, {{%, {% or footnote marker reaches any feed
// outside code.
func TestNoRawSyntax(t *testing.T) {
	var sites []string
	for _, pattern := range []string{
		filepath.Join("testdata", "markup", "*"),
		filepath.Join("..", "sitemode", "testdata", "*", "*"),
	} {
		m, _ := filepath.Glob(pattern)
		sites = append(sites, m...)
	}
	articles := map[string]string{
		"sample":   filepath.Join("..", "..", "articles"),
		"pipeline": filepath.Join("..", "pipeline", "testdata", "articles"),
	}
	checked := 0
	check := func(t *testing.T, out string) {
		for link, it := range jsonItems(t, out) {
			checked++
			if l := leaks(it); len(l) > 0 {
				t.Errorf("%s: %q", link, l)
			}
		}
	}
	for _, src := range sites {
		t.Run(filepath.Base(filepath.Dir(src))+"/"+filepath.Base(src), func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			if code, _, stderr := run(t, dir, "build", "--no-cache", "--quiet", "--drafts", "--future", "--limit", "0", "--out", "out"); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			check(t, filepath.Join(dir, "out"))
		})
	}
	for name, src := range articles {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			abs, _ := filepath.Abs(src)
			if code, _, stderr := run(t, dir, "build", "--no-cache", "--quiet", "--drafts", "--future", "--limit", "0", "--articles", abs, "--out", "out"); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			check(t, filepath.Join(dir, "out"))
		})
	}
	if checked < 40 {
		t.Errorf("only %d items checked", checked)
	}
	// The check finds what it looks for.
	if len(leaks(jsonItem{Content: "<p>{{&lt; x &gt;}} [^1] <code>{% ok %}</code></p>", Summary: "{% ok %} {{% y"})) != 3 {
		t.Error("leaks misses raw syntax")
	}
}
