package cli

import (
	"bytes"
	"context"
	"flag"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/serve"
)

var screenshots = flag.String("screenshots", "", "with TestBrowser, save screenshots of the pages into `DIR`")

// chromium finds a Chromium or Chrome to test with.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium installed (apt-get install chromium): the pages were not checked in a browser")
	return ""
}

// headless runs the browser on url with args and returns its output.
func headless(t *testing.T, browser, url string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	// No background traffic: a closed network refuses it, slowly.
	args = append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}, args...)
	cmd := exec.CommandContext(ctx, browser, append(args, url)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", browser, url, err, errOut.String())
	}
	return out.Bytes()
}

// visibleText is the text of a rendered DOM that a person sees: no
// scripts, styles or head.
func visibleText(t *testing.T, dom []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "head" || n.Data == "xslt-warning-banner") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestBrowser builds a site, serves it as 'feedpub serve' does, and has a
// headless Chromium render the HTML page and the RSS and Atom feeds
// (through their XSLT stylesheet), checking the text a reader would see.
func TestBrowser(t *testing.T) {
	browser := chromium(t)
	dir := site(t, map[string]string{
		"a.md": "---\ntitle: Harbour bridge reopens\ndate: 2024-05-02T09:00:00Z\ntags: [city]\nsummary: The bridge is open again after two years of repairs.\n---\nBody.\n",
		"b.md": "---\ntitle: Council votes on budget\ndate: 2024-05-01T09:00:00Z\ntags: [city, money]\n---\nThe council met on Tuesday & voted.\n",
		// Markup in a summary is text: the pages must show it, not run it.
		"c.md": "---\ntitle: Markup in a summary\ndate: 2024-04-30T09:00:00Z\nsummary: 'Write \\<b> for bold and never \\<img src=x onerror=alert(1)>'\n---\n",
	})
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("title: Harbour News\ndescription: News from the harbour town\n"), 0o644)
	if code, _, errOut := run(t, dir, "-q"); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	s := config.Defaults()
	s.Output = filepath.Join(dir, "public")
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	kinds := &servedKinds{site: site}
	kinds.reload()
	srv := httptest.NewServer(serve.Handler(site.Output, kinds.contentType))
	defer srv.Close()

	for _, tc := range []struct {
		path string
		want []string
	}{
		{"index.html", []string{"Harbour News", "News from the harbour town", "Subscribe", "RSS", "Atom", "JSON Feed",
			"http://localhost:8080/rss.xml", "Harbour bridge reopens", "2 May 2024", "The bridge is open again after two years of repairs.",
			"Council votes on budget", "The council met on Tuesday & voted.", "Tags", "city", "money",
			"Write <b> for bold and never <img src=x onerror=alert(1)>"}},
		{"rss.xml", []string{"Harbour News", "This is an RSS feed", "http://localhost:8080/rss.xml", "Harbour bridge reopens", "Council votes on budget",
			"The council met on Tuesday & voted.", "Write <b> for bold and never <img src=x onerror=alert(1)>"}},
		{"atom.xml", []string{"Harbour News", "This is an Atom feed", "http://localhost:8080/atom.xml", "Harbour bridge reopens", "2024-05-01"}},
		{"tags/money/index.html", []string{"Harbour News — money", "All articles", "Council votes on budget"}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			dom := headless(t, browser, srv.URL+"/"+tc.path, "--dump-dom")
			text := visibleText(t, dom)
			if bytes.Contains(dom, []byte("<b> for")) || bytes.Contains(dom, []byte("<img")) {
				t.Errorf("markup from a summary became part of the page:\n%s", dom)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("the page does not show %q; it shows:\n%s", w, text)
				}
			}
			if strings.Contains(text, "<rss") || strings.Contains(text, "<?xml") {
				t.Errorf("the browser shows raw XML:\n%s", text)
			}
			if *screenshots != "" {
				name := strings.NewReplacer("/", "-", ".", "-").Replace(tc.path) + ".png"
				png := filepath.Join(*screenshots, name)
				abs, _ := filepath.Abs(png)
				headless(t, browser, srv.URL+"/"+tc.path, "--hide-scrollbars", "--window-size=900,900", "--screenshot="+abs)
				t.Logf("saved %s", png)
			}
		})
	}
}
