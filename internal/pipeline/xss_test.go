package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/feedcheck"
	"github.com/feedpub/feedpub/internal/layout"
)

// xssVectors are ways to smuggle script into HTML, from the OWASP filter
// evasion list and browser quirks: none may survive into any feed.
var xssVectors = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=https://evil.example/x.js></SCRIPT>`,
	`<scr<script>ipt>alert(1)</script>`,
	`<img src=x onerror=alert(1)>`,
	`<IMG SRC="javascript:alert(1);">`,
	`<IMG SRC=JaVaScRiPt:alert(1)>`,
	"<IMG SRC=\"jav\tascript:alert(1);\">",
	`<IMG SRC="jav&#x09;ascript:alert(1);">`,
	`<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>`,
	`<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29>`,
	`<a href="javascript:alert(1)">x</a>`,
	`<a href=" javascript:alert(1)">x</a>`,
	`<a href="vbscript:msgbox(1)">x</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
	`[md link](javascript:alert(1))`,
	`![md image](javascript:alert(1))`,
	`[md data](data:text/html,<script>alert(1)</script>)`,
	`<svg onload=alert(1)>`,
	`<svg><script>alert(1)</script></svg>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<body onload=alert(1)>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
	`<object data="javascript:alert(1)"></object>`,
	`<embed src="https://evil.example/x.swf">`,
	`<div style="background-image: url(javascript:alert(1))">x</div>`,
	`<div style="width: expression(alert(1));">x</div>`,
	`<style>@import 'https://evil.example/x.css';</style>`,
	`<link rel="stylesheet" href="https://evil.example/x.css">`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<base href="javascript:alert(1)//">`,
	`<form action="javascript:alert(1)"><input type=submit></form>`,
	`<button formaction="javascript:alert(1)">x</button>`,
	`<video><source onerror="alert(1)"></video>`,
	`<details open ontoggle=alert(1)>`,
	`<p onmouseover="alert(1)">hover</p>`,
	`<a href="#" onclick="alert(1)">x</a>`,
	`<img src="x" srcset="javascript:alert(1) 1x">`,
	`<<script>script>alert(1)//<</script>/script>`,
	`<!--<img src="--><img src=x onerror=alert(1)//">`,
	`<xml><script>alert(1)</script></xml>`,
}

// TestXSSVectors puts each vector in an article's body, summary and tags
// and checks the HTML of every item in every feed.
func TestXSSVectors(t *testing.T) {
	if len(xssVectors) < 30 {
		t.Fatalf("%d vectors; the list must hold at least 30", len(xssVectors))
	}
	dir := t.TempDir()
	for i, v := range xssVectors {
		quoted := strings.ReplaceAll(v, `'`, `''`)
		text := fmt.Sprintf("---\ntitle: Vector %d\ndate: 2024-01-01T00:00:%02dZ\nsummary: '%s'\ntags: ['t%02d %s']\n---\n\nBefore.\n\n%s\n\nAfter.\n", i, i%60, quoted, i, quoted, v)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("v%02d.md", i)), []byte(text), 0o644)
	}
	got := files(t, Options{Site: testSite(t, func(s *config.Settings) { s.Articles = dir; s.Limit = 0 })})
	for name, data := range got {
		if strings.HasSuffix(name, ".html") {
			if err := safePage(data); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if !isFeed(name) || strings.HasPrefix(name, "tags/") {
			continue
		}
		feed := parse(t, data)
		if len(feed.Items) != len(xssVectors) {
			t.Fatalf("%s: %d items", name, len(feed.Items))
		}
		for _, it := range feed.Items {
			// Content and descriptions are HTML to a reader; both must
			// be safe. (Titles and tags are text and shown as text.)
			for what, h := range map[string]string{"content": it.Content, "description": it.Description} {
				if err := feedcheck.SafeHTML(h); err != nil {
					t.Errorf("%s: %q: %s: %v\n%s", name, it.Title, what, err, h)
				}
				if l := strings.ToLower(h); strings.Contains(l, "javascript:") || strings.Contains(l, "vbscript:") {
					t.Errorf("%s: %q: %s keeps a script URL as text that a careless reader might link: %s", name, it.Title, what, h)
				}
			}
		}
	}
}

// isFeed reports whether a build's file is a feed or archive document.
func isFeed(name string) bool {
	return (strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".json")) && name != layout.StylesheetFile && !layout.IsSitemap(name)
}
