package config

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/feedpub/feedpub/internal/diag"
)

func TestIsLoopback(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"http://localhost:8080/", true},
		{"http://LOCALHOST/", true},
		{"http://localhost./", true},
		{"http://blog.localhost:1313/", true},
		{"http://127.0.0.1:8080/", true},
		{"http://127.1.2.3/", true},
		{"http://[::1]:8080/", true},
		{"http://[::ffff:127.0.0.1]/", true},
		{"https://example.com/", false},
		{"https://localhost.example.com/", false},
		{"https://notlocalhost/", false},
		{"http://128.0.0.1/", false},
		{"http://0.0.0.0:8080/", false},
		{"http://[::2]/", false},
		{"urn:uuid:1", false},
		{"tag:example.com,2024:a", false},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := IsLoopback(u); got != tt.want {
			t.Errorf("IsLoopback(%s) = %v, want %v", tt.url, got, tt.want)
		}
		if got := IsLoopbackURL(tt.url); got != tt.want {
			t.Errorf("IsLoopbackURL(%s) = %v, want %v", tt.url, got, tt.want)
		}
	}
	if IsLoopback(nil) || IsLoopbackURL("http://[bad") {
		t.Error("no URL is loopback")
	}
}

func TestRefuseLoopback(t *testing.T) {
	const hint = " — set base_url to the site's address in feedpub.yaml, or run with --base-url https://example.com/"
	file := func(yaml string) Settings {
		t.Helper()
		s := Defaults()
		path := filepath.Join(t.TempDir(), "feedpub.yaml")
		os.WriteFile(path, []byte(yaml), 0o644)
		if err := s.Load(path); err != nil {
			t.Fatal(err)
		}
		return s
	}
	flag := Defaults()
	flag.BaseURL = "http://127.0.0.1:9000/"
	flag.SetBy("base_url", "--base-url")
	real := Defaults()
	real.BaseURL = "https://example.com/"
	real.SetBy("base_url", "--base-url")
	tests := []struct {
		name      string
		s         Settings
		isDefault bool
		want      string // the problem, without the path of a file
	}{
		{"the default", Defaults(), true, "cannot publish with the built-in base_url http://localhost:8080/: every link in the feeds would point at this computer" + hint},
		{"a flag", flag, false, "--base-url: cannot publish with base_url http://127.0.0.1:9000/: every link in the feeds would point at this computer" + hint},
		{"the settings file", file("title: T\nbase_url: http://blog.localhost/\n"), false, "2:1: cannot publish with base_url http://blog.localhost/: every link in the feeds would point at this computer" + hint},
		{"a real address", real, false, ""},
		{"a file that leaves it", file("title: T\n"), true, "cannot publish with the built-in base_url"},
	}
	for _, tt := range tests {
		if got := tt.s.BaseURLIsDefault(); got != tt.isDefault {
			t.Errorf("%s: BaseURLIsDefault() = %v, want %v", tt.name, got, tt.isDefault)
		}
		err := tt.s.RefuseLoopback()
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", tt.name, err)
			}
			continue
		}
		ps := diag.Problems(err)
		if len(ps) != 1 || ps[0].Kind != diag.Settings {
			t.Errorf("%s: %v, want one settings problem", tt.name, err)
			continue
		}
		got := ps[0].Error()
		if ps[0].Path != "" {
			got = got[len(ps[0].Path)+1:]
		}
		if len(got) < len(tt.want) || got[:len(tt.want)] != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}
