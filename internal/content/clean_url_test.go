package content

import (
	"net/url"
	"testing"
)

// plainURLBases are article URLs that relative and absolute references
// are resolved against.
var plainURLBases = []string{
	"https://example.com/posts/hello/",
	"http://example.org/blog/2024/05/post.html",
	"https://example.com",
	"https://user@example.com:8080/a/b?q=1#f",
}

// plainURLCases are URLs on both sides of plainURL's line.
var plainURLCases = []string{
	"https://example.com/948", "http://example.com", "https://example.com/", "https://example.com/a/b/",
	"https://example.com//a//b", "https://example.com/a-b_c~d.e/F9", "https://sub.example.co.uk/x.png",
	"https://example.com/./a", "https://example.com/a/../b", "https://example.com/a/..", "https://example.com/a/.",
	"https://example.com/.well-known/x", "https://Example.com/a", "HTTPS://example.com/a", "https://example.com:443/a",
	"https://user@example.com/a", "https://example.com/a?b=c", "https://example.com/a#b", "https://example.com/a%20b",
	"https://example.com/a b", " https://example.com/a", "https://example.com/a\t", "https://", "https:///a",
	"https://example.com/ü", "https://例え.jp/a", "https://example.com/a:b", "https://example.com/a@b",
	"https://example.com/a+b", "https://example.com/a;b", "https://example.com/a!b", "https://example.com/a'b",
	"https://[::1]/a", "https://-/a", "https://.../a", "http:/example.com/a", "ftp://example.com/a",
	"mailto:someone@example.com", "//example.com/a", "/archive/503/", "../can/", "img/chart-82.png", "", "#fn:1",
	"https://example.com/a\\b", "https://exa_mple.com/a", "https://example.com/~user/", "https://1.2.3.4/a",
}

// checkPlainURL fails when plainURL takes s for a URL that net/url would
// write otherwise, resolved against any base or checked by the policy.
func checkPlainURL(t *testing.T, s string) {
	t.Helper()
	if !plainURL(s) {
		return
	}
	for _, b := range plainURLBases {
		base, err := url.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := resolve(base, s), resolveParsed(base, s); got != want {
			t.Errorf("resolve(%q, %q) = %q, net/url makes %q", b, s, got, want)
		}
	}
	got, ok := allowedURL(s)
	want, wantOK := allowedParsedURL(s)
	if got != want || ok != wantOK {
		t.Errorf("allowedURL(%q) = %q, %v; net/url makes %q, %v", s, got, ok, want, wantOK)
	}
}

func TestPlainURL(t *testing.T) {
	plain := 0
	for _, s := range plainURLCases {
		checkPlainURL(t, s)
		if plainURL(s) {
			plain++
		}
	}
	// The cases must exercise both ways.
	if plain < 8 || plain == len(plainURLCases) {
		t.Errorf("%d of %d cases are plain", plain, len(plainURLCases))
	}
	for _, s := range []string{"https://example.com/948", "http://example.com", "https://example.com//a//b"} {
		if !plainURL(s) {
			t.Errorf("plainURL(%q) = false", s)
		}
	}
	for _, s := range []string{"https://example.com/a/../b", "https://Example.com/a", "https://example.com/a?b=c", "https://"} {
		if plainURL(s) {
			t.Errorf("plainURL(%q) = true", s)
		}
	}
}

func FuzzPlainURL(f *testing.F) {
	for _, s := range plainURLCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkPlainURL(t, s)
	})
}
