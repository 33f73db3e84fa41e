package shortcode

import (
	"net/url"
	"strings"
	"testing"
)

// site is a test site whose references resolve to /posts/<name>/.
func site(syntax Syntax) *Site {
	base, _ := url.Parse("https://example.com/blog/")
	s := &Site{Syntax: syntax, BaseURL: base,
		Params: map[string]any{"author": "Ann", "social": map[string]any{"mastodon": "@ann"}, "repository": "https://github.com/x/y", "baseurl": "/blog"},
		Resolve: func(kind Kind, from, target string) (string, bool) {
			name, anchor, _ := strings.Cut(target, "#")
			name = strings.TrimSuffix(strings.TrimPrefix(name, "/"), ".md")
			if strings.Contains(name, "missing") {
				return "", false
			}
			if i := strings.LastIndex(name, "/"); i >= 0 {
				name = name[i+1:]
			}
			if anchor != "" {
				anchor = "#" + anchor
			}
			link := "https://example.com/blog/posts/" + name + "/" + anchor
			if kind == RelRef || kind == Link || kind == PostURL {
				link = "/blog/posts/" + name + "/" + anchor
			}
			return link, true
		},
		Markdown: func(src string) string { return "<p>" + strings.TrimSpace(src) + "</p>" },
	}
	return s
}

var page = Page{File: "content/posts/p.md", Line: 5, URL: "https://example.com/blog/posts/p/",
	Params: func() map[string]any { return map[string]any{"color": "blue", "tags": []any{"go", "feeds"}} }}

// expand expands body and puts the blocks in, as if Markdown left them
// alone.
func expand(s *Site, body string) (string, []string) {
	r := s.Expand([]byte(body), page)
	return string(Restore(r.Markdown, r.Blocks)), r.Warnings
}

// expandCase is a body and what it expands to.
type expandCase struct{ name, in, want string }

// expandAll expands each test's body and checks the result, and that
// there is no warning.
func expandAll(t *testing.T, s *Site, tests []expandCase) {
	t.Helper()
	for _, tt := range tests {
		got, warnings := expand(s, tt.in)
		if got != tt.want || len(warnings) > 0 {
			t.Errorf("%s:\n got %q %q\nwant %q", tt.name, got, warnings, tt.want)
		}
	}
}

// sameWarnings checks warnings, in order.
func sameWarnings(t *testing.T, warnings, want []string) {
	t.Helper()
	if strings.Join(warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(warnings, "\n"), strings.Join(want, "\n"))
	}
}

func TestHugoBuiltins(t *testing.T) {
	tests := []expandCase{
		{"figure", `{{< figure src="/img/a.png" alt="A" title="T" caption="*C*" link="https://x.example/" width="10" >}}`,
			`<figure><a href="https://x.example/"><img src="/img/a.png" alt="A" width="10"></a><figcaption><h4>T</h4><p>*C*</p></figcaption></figure>`},
		{"figure alt from caption", `{{< figure src="a.png" caption="A cat" >}}`, `<figure><img src="a.png" alt="A cat"><figcaption><p>A cat</p></figcaption></figure>`},
		{"youtube", `{{< youtube w7Ft2ymGmfc >}}`, `<p><a href="https://www.youtube.com/watch?v=w7Ft2ymGmfc">YouTube video</a></p>`},
		{"youtube named", `{{< youtube id="w7Ft2ymGmfc" title="Talk" >}}`, `<p><a href="https://www.youtube.com/watch?v=w7Ft2ymGmfc">Talk</a></p>`},
		{"vimeo", `{{< vimeo 55073825 >}}`, `<p><a href="https://vimeo.com/55073825">Vimeo video</a></p>`},
		{"x", `{{< x user="SanDiegoZoo" id="1453110110599868418" >}}`, `<p><a href="https://x.com/SanDiegoZoo/status/1453110110599868418">Post on X</a></p>`},
		{"instagram", `{{< instagram CxOWiQNP2MO >}}`, `<p><a href="https://www.instagram.com/p/CxOWiQNP2MO/">Instagram post</a></p>`},
		{"ref", `[a]({{< ref "other.md" >}})`, `[a](https://example.com/blog/posts/other/)`},
		{"ref anchor", `[a]({{< ref "/posts/other.md#part" >}})`, `[a](https://example.com/blog/posts/other/#part)`},
		{"relref", `[a]({{< relref path="other" >}})`, `[a](/blog/posts/other/)`},
		{"param page", `{{< param color >}}`, `blue`},
		{"param site", `{{< param "social.mastodon" >}}`, `@ann`},
		{"highlight", "{{< highlight go \"linenos=table\" >}}\nfunc f() { return a < b }\n{{< /highlight >}}",
			`<div class="highlight"><pre><code class="language-go" data-lang="go">func f() { return a &lt; b }</code></pre></div>`},
		{"details", "{{< details summary=\"See *more*\" open=true >}}\nHidden **text**.\n{{< /details >}}",
			`<details open><summary>See *more*</summary><p>Hidden **text**.</p></details>`},
		{"comment", `a{{< comment >}}secret{{< /comment >}}b`, `ab`},
		{"escaped", "```\n{{</* figure src=\"x\" */>}} {{%/* x */%}}\n```", "```\n{{< figure src=\"x\" >}} {{% x %}}\n```"},
		{"self-closing", `{{< figure src="a.png" />}}`, `<figure><img src="a.png"></figure>`},
		{"markdown notation", `{{% param color %}}`, `blue`},
	}
	expandAll(t, site(Hugo), tests)
}

func TestHugoOwnShortcodes(t *testing.T) {
	s := site(Hugo)
	got, warnings := expand(s, "Intro.\n\n{{< gh 123 >}}\n\n{{< note type=\"info\" >}}\nKeep **this**.\n{{< /note >}}\n\n[x]({{< ref \"missing.md\" >}})\n")
	if want := "Intro.\n\n\n\n\nKeep **this**.\n\n\n[x]()\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	want := []string{
		`content/posts/p.md:7: shortcode "gh" is the site's own and cannot run here: removed (teach it to feedpub under 'shortcodes' in feedpub.yaml)`,
		`content/posts/p.md:9: shortcode "note" is the site's own and cannot run here: removed, its inner content kept (teach it to feedpub under 'shortcodes' in feedpub.yaml)`,
		`content/posts/p.md:13: ref "missing.md": no such page`,
	}
	sameWarnings(t, warnings, want)
}

func TestTaught(t *testing.T) {
	s := site(Hugo)
	err := s.Teach(map[string]string{
		"gh":   `{{ range .Params }}<a href="https://github.com/gohugoio/hugo/issues/{{ . }}">#{{ . }}</a> {{ end }}`,
		"note": `<aside class="{{ .Get "type" }}">{{ .Inner | markdownify }}</aside>`,
		"site": `{{ .Site.author }} {{ .Page.color }} {{ .Page.url }}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	got, warnings := expand(s, "{{< gh 1 2 >}}\n{{< note type=\"info\" >}}Keep **this**.{{< /note >}}\n{{< site >}}")
	want := `<a href="https://github.com/gohugoio/hugo/issues/1">#1</a> <a href="https://github.com/gohugoio/hugo/issues/2">#2</a> ` +
		"\n" + `<aside class="info">Keep **this**.</aside>` + "\nAnn blue https://example.com/blog/posts/p/"
	if got != want || len(warnings) > 0 {
		t.Errorf("got %q %q\nwant %q", got, warnings, want)
	}
	if err := s.Teach(map[string]string{"bad": "{{ .Get 0 "}); err == nil {
		t.Error("a template that does not parse was taught")
	}
	// A Jekyll include taught by its file name.
	j := site(Jekyll)
	if err := j.Teach(map[string]string{"image.html": `<img src="{{ .Get "url" }}" alt="{{ .Get "alt" }}">`}); err != nil {
		t.Fatal(err)
	}
	got, warnings = expand(j, `{% include image.html url="/a.png" alt=page.color %}`)
	if want := `<img src="/a.png" alt="blue">`; got != want || len(warnings) > 0 {
		t.Errorf("include: got %q %q, want %q", got, warnings, want)
	}
}

func TestLiquid(t *testing.T) {
	tests := []expandCase{
		{"highlight", "{% highlight ruby linenos %}\ndef x\n  a < b\nend\n{% endhighlight %}",
			`<figure class="highlight"><pre><code class="language-ruby" data-lang="ruby">def x` + "\n" + `  a &lt; b` + "\nend</code></pre></figure>"},
		{"raw", "{% raw %}{{ site.x }} {% if %}{% endraw %}", "{{ site.x }} {% if %}"},
		{"link", "[c]({% link _docs/history.md %}#v3-10-0)", "[c](/blog/posts/history/#v3-10-0)"},
		{"post_url", "[p]({% post_url 2010-07-21-name %})", "[p](/blog/posts/2010-07-21-name/)"},
		{"site variable", "{{ site.repository }}/issues", "https://github.com/x/y/issues"},
		{"page variable", "{{ page.color }} {{ page.url }} {{ page.tags | join: ', ' }}", "blue /posts/p/ go, feeds"},
		{"unknown variable", "[{{ site.nothing }}]", "[]"},
		{"relative_url", "{{ '/docs/' | relative_url }} {{ \"/x\" | absolute_url }}", "/blog/docs/ https://example.com/blog/x"},
		{"assign for", "{% assign ns = \"1|2\" | split: \"|\" %}{% for n in ns %}[#{{ n }}]: {{ site.repository }}/issues/{{ n }}\n{% endfor %}",
			"[#1]: https://github.com/x/y/issues/1\n[#2]: https://github.com/x/y/issues/2\n"},
		{"for over front matter", "{% for t in page.tags %}{{ t | slugify | prepend: '#' }} {% endfor %}", "#go #feeds "},
		{"if", "{% if page.color == 'blue' %}yes{% elsif page.color %}no{% else %}none{% endif %}{% unless page.x %}!{% endunless %}", "yes!"},
		{"capture", "{% capture x %}a{{ page.color }}{% endcapture %}[{{ x | upcase }}]", "[ABLUE]"},
		{"comment", "a{% comment %}{% gone %}{% endcomment %}b", "ab"},
		{"case", "{% case page.color %}{% when 'red' %}r{% when 'blue', 'navy' %}b{% else %}x{% endcase %}", "b"},
		{"whitespace control", "a\n  {%- assign x = 1 -%}\n  b", "ab"},
	}
	expandAll(t, site(Jekyll), tests)
}

func TestLiquidOwnTags(t *testing.T) {
	s := site(Jekyll)
	got, warnings := expand(s, "a\n{% include note.html %}\n{% seo %}\n{% callout %}kept{% endcallout %}\n{% link _posts/missing.md %}\n")
	if want := "a\n\n\nkept\n\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	want := []string{
		`content/posts/p.md:6: include "note.html" is the site's own and cannot run here: removed (teach it to feedpub under 'shortcodes' in feedpub.yaml)`,
		`content/posts/p.md:7: Liquid tag "seo" is the site's own and cannot run here: removed (teach it to feedpub under 'shortcodes' in feedpub.yaml)`,
		`content/posts/p.md:8: Liquid tag "callout" is the site's own and cannot run here: removed, its inner content kept (teach it to feedpub under 'shortcodes' in feedpub.yaml)`,
		`content/posts/p.md:9: link "_posts/missing.md": no such file`,
	}
	sameWarnings(t, warnings, want)
}

func TestFeedpubSyntax(t *testing.T) {
	s := site(Feedpub)
	in := "{{< figure src=\"a.png\" >}} {{closure}} `{{< x >}}` {% link a.md %}\n\n```\n{{< gh 1 >}} {% raw %}\n```\n"
	got, warnings := expand(s, in)
	want := "<figure><img src=\"a.png\"></figure> {{closure}} `{{< x >}}` /blog/posts/a/\n\n```\n{{< gh 1 >}} {% raw %}\n```\n"
	if got != want || len(warnings) > 0 {
		t.Errorf("got %q %q\nwant %q", got, warnings, want)
	}
}

func TestPlaceholderForged(t *testing.T) {
	s := site(Hugo)
	r := s.Expand([]byte("\uE0000\uE001 {{< figure src=\"a.png\" >}}"), page)
	if got := string(Restore(r.Markdown, r.Blocks)); got != `0 <figure><img src="a.png"></figure>` {
		t.Errorf("got %q", got)
	}
}

func TestBroken(t *testing.T) {
	s := site(Hugo)
	got, warnings := expand(s, "a {{< figure src=\"x\"\n\nb {{< /gone >}} c")
	if got != "a \n\nb  c" || len(warnings) != 2 {
		t.Errorf("got %q %q", got, warnings)
	}
	got, _ = expand(site(Jekyll), "a {% if x %}b")
	if strings.Contains(got, "{%") {
		t.Errorf("unclosed block left %q", got)
	}
}

func TestBounded(t *testing.T) {
	s := site(Jekyll)
	in := "{% for a in (1..10000) %}{% for b in (1..10000) %}x{% endfor %}{% endfor %}"
	got, warnings := expand(s, in)
	if len(got) > 2*maxRuns || len(warnings) == 0 {
		t.Errorf("%d bytes, %q", len(got), warnings)
	}
}
