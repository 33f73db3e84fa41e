package cli

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/testfiles"
)

// pngOfSize is a w×h PNG.
func pngOfSize(t *testing.T, w, h int) string {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestSitePictures serves a site with an icon, a logo and articles with
// pictures, and reads it as a subscriber would: every page feedpub writes
// names the icon, the icon and the logo are the copied files, each
// item's picture is the first thing in its content (once), responsive
// images keep their absolute sources, and every URL answers 200.
func TestSitePictures(t *testing.T) {
	root := t.TempDir()
	icon, logo, cover, inline := pngOfSize(t, 32, 32), pngOfSize(t, 200, 100), pngOfSize(t, 4, 3), pngOfSize(t, 3, 3)
	testfiles.Write(t, filepath.Join(root, "articles"), map[string]string{
		"icon.png":          icon,
		"images/logo.png":   logo,
		"cover/cover.png":   cover,
		"cover/index.md":    "---\ntitle: A cover\ndate: 2024-01-01\ntags: [pics]\nimage: cover.png\nimage_alt: The cover, in grey\n---\nThe body.\n",
		"shown.md":          "---\ntitle: Shown\ndate: 2024-01-02\ntags: [pics]\nimage: images/in.png\n---\nIt is ![here](images/in.png) already.\n",
		"images/in.png":     inline,
		"from-body.md":      "---\ntitle: From the body\ndate: 2024-01-03\n---\nFirst ![one](images/in.png) then ![two](cover/cover.png).\n",
		"responsive.md":     "---\ntitle: Responsive\ndate: 2024-01-04\n---\n<picture><source srcset=\"images/in.png 1x, javascript:alert(1) 2x\" type=\"image/png\"><img src=\"images/in.png\" srcset=\"images/in.png 300w, cover/cover.png 600w\" sizes=\"50vw\" alt=\"r\"></picture>\n",
		"no-picture.md":     "---\ntitle: Words only\ndate: 2024-01-05\n---\nJust words.\n",
		"sub/deeper/far.md": "---\ntitle: Far\ndate: 2024-01-06\nimage: /images/logo.png\n---\nFar away.\n",
		"notes/logo.md":     "---\ntitle: The logo again\ndate: 2024-01-07\n---\nIt is ![the logo](../images/logo.png), the site's own.\n",
	})
	cfg := filepath.Join(root, "feedpub.yaml")
	if err := os.WriteFile(cfg, []byte("title: Pictures\nicon: icon.png\nlogo: /images/logo.png\nimage_from_body: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, "--addr", "127.0.0.1:0", "--config", cfg, "--articles", filepath.Join(root, "articles"))
	seen := crawl(t, s)
	iconURL, logoURL := s.url+"icon.png", s.url+"images/logo.png"
	for u, want := range map[string]string{iconURL: icon, logoURL: logo} {
		resp, body := s.get(u)
		if resp.StatusCode != 200 || body != want || resp.Header.Get("Content-Type") != "image/png" {
			t.Errorf("%s answers %d, %s, %d bytes; want the copied picture", u, resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
		}
	}
	if _, ok := seen[iconURL]; !ok {
		t.Errorf("no page names the icon %s", iconURL)
	}

	// Every HTML page names the icon.
	link := `<link rel="icon" href="` + iconURL + `" type="image/png">`
	pages := 0
	for u, ctype := range seen {
		if !strings.HasPrefix(ctype, "text/html") {
			continue
		}
		pages++
		if _, body := s.get(u); !strings.Contains(body, link) {
			t.Errorf("%s does not name the icon with %s", u, link)
		}
	}
	if pages < 9 { // the home page, the tag's page, seven article pages
		t.Errorf("%d pages reached, want the home page, the tag's and every article's", pages)
	}

	// Each feed: the pictures first, once; srcset absolute and filtered.
	first := regexp.MustCompile(`^<p><img src="([^"]+)" alt="([^"]*)"></p>`)
	for _, name := range []string{"rss.xml", "atom.xml", "feed.json"} {
		_, body := s.fetch(name)
		f, err := gofeed.NewParser().ParseString(body)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// gofeed's picture of a feed: RSS's <image> (the icon), Atom's
		// <logo>, JSON Feed's icon (the logo).
		wantPic := logoURL
		if name == "rss.xml" {
			wantPic = iconURL
		}
		if f.Image == nil || f.Image.URL != wantPic {
			t.Errorf("%s: the feed's picture is %+v, want %s", name, f.Image, wantPic)
		}
		got := map[string]string{}
		for _, it := range f.Items {
			got[it.Title] = it.Content
			if it.Title != "From the body" {
				continue
			}
			pictures := []string{}
			if it.Image != nil {
				pictures = append(pictures, it.Image.URL)
			}
			for _, e := range it.Enclosures { // Atom's enclosure link
				pictures = append(pictures, e.URL)
			}
			if len(pictures) != 1 || pictures[0] != s.url+"from-body/images/in.png" {
				t.Errorf("%s: the pictures of an article without one are %q, want its body's first, %sfrom-body/images/in.png", name, pictures, s.url)
			}
		}
		want := map[string]struct{ src, alt string }{
			"A cover": {s.url + "cover/cover.png", "The cover, in grey"},
			"Far":     {logoURL, "Far"},
		}
		for title, content := range got {
			m := first.FindStringSubmatch(content)
			w, ok := want[title]
			switch {
			case ok && (m == nil || m[1] != w.src || m[2] != w.alt):
				t.Errorf("%s: %q does not start with its picture %s (%q): %s", name, title, w.src, w.alt, content)
			case !ok && m != nil:
				t.Errorf("%s: %q starts with a picture it has no call for: %s", name, title, content)
			}
		}
		if n := strings.Count(got["Shown"], s.url+"shown/images/in.png"); n != 1 {
			t.Errorf("%s: the picture a body shows is in it %d times, want once: %s", name, n, got["Shown"])
		}
		wantSrcset := `srcset="` + s.url + `responsive/images/in.png 300w, ` + s.url + `responsive/cover/cover.png 600w"`
		if r := got["Responsive"]; !strings.Contains(r, wantSrcset) || strings.Contains(r, "javascript") ||
			!strings.Contains(r, `<source srcset="`+s.url+`responsive/images/in.png 1x" type="image/png">`) {
			t.Errorf("%s: the responsive image lost its sources or kept a refused one: %s", name, r)
		}
	}
	if strings.Contains(s.errOut.String(), "is not copied") {
		t.Errorf("a file both an article and the settings name is not copied once without a word: %s", s.errOut.String())
	}
	manifest, err := os.ReadFile(filepath.Join(s.folder(), ".feedpub-manifest"))
	if err != nil {
		t.Fatal(err)
	}
	// The files a srcset names are copied with the article's others.
	for _, path := range []string{"responsive/images/in.png", "responsive/cover/cover.png"} {
		if resp, body := s.fetch(path); resp.StatusCode != 200 || (body != inline && body != cover) {
			t.Errorf("%s, which a srcset names, answers %d", path, resp.StatusCode)
		}
	}
	s.end()
	for _, line := range []string{"asset icon.png\n", "asset images/logo.png\n"} {
		if !strings.Contains(string(manifest), line) {
			t.Errorf("the manifest does not list %q:\n%s", line, manifest)
		}
	}
}

// TestPictureSettingsRefused: a bad icon stops the build before it
// writes anything, at the setting's line.
func TestPictureSettingsRefused(t *testing.T) {
	root := site(t, map[string]string{"a.md": good, "wide.png": pngOfSize(t, 40, 20)})
	if err := os.WriteFile(filepath.Join(root, "feedpub.yaml"), []byte("title: x\n\nicon: wide.png\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, root, "build", "-q")
	want := "feedpub.yaml:3:1: the icon " + filepath.Join("articles", "wide.png") + " is a PNG image of 40×20 pixels, not square — crop it square: readers show the icon in a square (a wide picture can be the logo)"
	if code != 2 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d: %s\nwant exit 2 and %s", code, errOut, want)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Error("a refused build wrote its output folder")
	}
}
