package article

import (
	"fmt"
	"testing"
	"time"
)

// TestImageAlt: image_alt is read in every dialect, as written, and must
// be text.
func TestImageAlt(t *testing.T) {
	tests := []struct {
		dialect   Dialect
		path, src string
		want      string // the alt text, or the problem
	}{
		{Feedpub, "a.md", "---\ntitle: T\ndate: 2024-01-01\nimage: c.png\nimage_alt: '  A cup, from above '\n---\n", "A cup, from above"},
		{Feedpub, "a.md", "---\ntitle: T\ndate: 2024-01-01\nImage_Alt: Case\n---\n", "Case"},
		{Hugo, "posts/a.md", "+++\ntitle = 'T'\ndate = 2024-01-01\nimage_alt = 'Hugo'\n+++\n", "Hugo"},
		{Jekyll, "_posts/2024-01-01-a.md", "---\ntitle: T\nimage_alt: Jekyll\n---\n", "Jekyll"},
		{Feedpub, "a.md", "---\ntitle: T\ndate: 2024-01-01\n---\n", ""},
		{Feedpub, "a.md", "---\ntitle: T\ndate: 2024-01-01\nimage_alt: [a, b]\n---\n", "a.md:4:12: 'image_alt' is a list, not a string — write it as a single line of text"},
	}
	for _, tt := range tests {
		a, errs := ParseWith(tt.path, []byte(tt.src), Options{Location: time.UTC, Dialect: tt.dialect})
		got := ""
		if errs != nil {
			got = fmt.Sprint(errs)
		} else {
			got = a.ImageAlt
		}
		if got != tt.want {
			t.Errorf("%v %s: got %q, want %q", tt.dialect, tt.src, got, tt.want)
		}
	}
}
