package readers

import (
	"bytes"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpusDeterministic writes the corpus twice: the same files, byte
// for byte.
func TestCorpusDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if _, err := Write(a); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(b); err != nil {
		t.Fatal(err)
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files, then %d", len(ta), len(tb))
	}
	for name, data := range ta {
		if !bytes.Equal(tb[name], data) {
			t.Errorf("%s differs between two writes", name)
		}
	}
}

// TestCorpusCases checks that the corpus holds every case the readers are
// tried on, and that its images are what the settings claim.
func TestCorpusCases(t *testing.T) {
	dir := t.TempDir()
	c, err := Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Articles); n < 20 || n > 40 {
		t.Errorf("%d articles, want 20 to 40", n)
	}
	has := map[string]bool{}
	for _, a := range c.Articles {
		for _, s := range []string{"<div>", "AT&T", "M&M's & <b>not bold</b>", `"`, "é", "&amp;"} {
			has["title "+s] = has["title "+s] || strings.Contains(a.Title, s)
		}
		for _, tag := range a.Tags {
			has["tag a<b>c"] = has["tag a<b>c"] || tag == "a<b>c"
		}
		has["no author"] = has["no author"] || len(a.Authors) == 0
		has["two authors"] = has["two authors"] || len(a.Authors) == 2
		has["picture with alt"] = has["picture with alt"] || a.Image != "" && a.ImageAlt != a.Title
		has["picture without alt"] = has["picture without alt"] || a.Image != "" && a.ImageAlt == a.Title
		has["picture in the body"] = has["picture in the body"] || a.BodyImage
		has["JPEG"] = has["JPEG"] || a.ImageType == "image/jpeg"
		has["external_url"] = has["external_url"] || a.ExternalURL != ""
		has["source"] = has["source"] || a.Source != nil
		has["enclosure"] = has["enclosure"] || a.Enclosure != nil
		has["updated"] = has["updated"] || !a.Updated.IsZero()
		if a.Image != "" {
			checkImage(t, filepath.Join(dir, "articles", a.Image), a.ImageSize)
		}
	}
	for _, want := range []string{"title <div>", "title AT&T", "title M&M's & <b>not bold</b>", `title "`, "title é", "title &amp;",
		"tag a<b>c", "no author", "two authors", "picture with alt", "picture without alt", "picture in the body", "JPEG",
		"external_url", "source", "enclosure", "updated"} {
		if !has[want] {
			t.Errorf("no article has %s", want)
		}
	}
	if w, h := checkImage(t, filepath.Join(dir, "articles", "icon.png"), len(c.Icon)); w != h {
		t.Errorf("the icon is %d×%d, not square", w, h)
	}
	if w, h := checkImage(t, filepath.Join(dir, "articles", "logo.png"), len(c.Logo)); w <= h {
		t.Errorf("the logo is %d×%d, not wide", w, h)
	}
}

// checkImage decodes the image file at p, whose size must be size, and
// returns its dimensions.
func checkImage(t *testing.T, p string, size int) (int, int) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) != size {
		t.Errorf("%s has %d bytes, the corpus says %d", p, len(data), size)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return cfg.Width, cfg.Height
}

// readTree reads every file below dir, by slash-separated name.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
