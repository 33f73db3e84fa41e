package cli

import (
	"bytes"
	"context"
	"flag"
	"io"
	"net/http"
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
// (through their script, with XSLT and without it), checking the text a
// reader would see and that no XSLT banner covers it.
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
		modes := []browserMode{{"", nil}}
		if strings.HasSuffix(tc.path, ".xml") {
			modes = xsltModes
		}
		for _, mode := range modes {
			t.Run(tc.path+mode.name, func(t *testing.T) {
				args := append([]string{"--dump-dom"}, mode.args...)
				dom := headless(t, browser, srv.URL+"/"+tc.path, args...)
				text := visibleText(t, dom)
				if bytes.Contains(dom, []byte("<b> for")) || bytes.Contains(dom, []byte("<img")) {
					t.Errorf("markup from a summary became part of the page:\n%s", dom)
				}
				for _, w := range tc.want {
					if !strings.Contains(text, w) {
						t.Errorf("the page does not show %q; it shows:\n%s", w, text)
					}
				}
				if strings.Contains(text, "<rss") || strings.Contains(text, "<?xml") || bytes.Contains(dom, []byte("xml-viewer-style")) {
					t.Errorf("the browser shows raw XML:\n%s", text)
				}
				if bytes.Contains(dom, []byte("xslt-warning-banner")) {
					t.Errorf("the browser shows its XSLT banner over the page:\n%s", dom)
				}
				if *screenshots != "" {
					name := strings.NewReplacer("/", "-", ".", "-").Replace(tc.path+mode.name) + ".png"
					png := filepath.Join(*screenshots, name)
					abs, _ := filepath.Abs(png)
					headless(t, browser, srv.URL+"/"+tc.path, append([]string{"--hide-scrollbars", "--window-size=900,900", "--screenshot=" + abs}, mode.args...)...)
					t.Logf("saved %s", png)
				}
			})
		}
	}
}

// browserMode is a way to run the browser: its name in a test's name and
// its flags.
type browserMode struct {
	name string
	args []string
}

// xsltModes are Chromium with XSLT, as it still ships (with its
// deprecation banner), and without it, as it will be: the XSLT feature
// switched off, as chrome://flags/#xslt does.
var xsltModes = []browserMode{{"/with-xslt", []string{"--enable-features=XSLT"}}, {"/without-xslt", []string{"--disable-features=XSLT"}}}

// TestBrowserXSLTModes checks that the two modes the feed pages are tested
// in differ as they should: a document with an XSLT stylesheet is
// transformed, under Chromium's banner, in one and shown as an XML tree in
// the other. Without this, a flag Chromium stopped knowing would leave
// TestBrowser testing one mode twice.
func TestBrowserXSLTModes(t *testing.T) {
	browser := chromium(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/doc.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		io.WriteString(w, `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="t.xsl"?><doc>raw</doc>`)
	})
	mux.HandleFunc("/t.xsl", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xsl")
		io.WriteString(w, `<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">`+
			`<xsl:template match="/"><html><body><p>transformed</p></body></html></xsl:template></xsl:stylesheet>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	with := headless(t, browser, srv.URL+"/doc.xml", append([]string{"--dump-dom"}, xsltModes[0].args...)...)
	if !bytes.Contains(with, []byte("transformed")) {
		t.Errorf("%v: the stylesheet was not applied:\n%s", xsltModes[0].args, with)
	}
	if !bytes.Contains(with, []byte("xslt-warning-banner")) {
		t.Logf("%v: no XSLT banner: this Chromium no longer warns", xsltModes[0].args)
	}
	without := headless(t, browser, srv.URL+"/doc.xml", append([]string{"--dump-dom"}, xsltModes[1].args...)...)
	if bytes.Contains(without, []byte("transformed")) || !bytes.Contains(without, []byte("xml-viewer-style")) {
		t.Errorf("%v: XSLT still applied, or no XML tree:\n%s", xsltModes[1].args, without)
	}
}
