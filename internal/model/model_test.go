package model

import (
	"errors"
	"testing"
	"time"
)

func TestParsePerson(t *testing.T) {
	tests := []struct {
		in   string
		want Person
		err  string
	}{
		{"Ann", Person{Name: "Ann"}, ""},
		{"Ann Example <ann@example.com>", Person{Name: "Ann Example", Email: "ann@example.com"}, ""},
		{"<ann@example.com>", Person{Email: "ann@example.com"}, ""},
		{"  Ann  ", Person{Name: "Ann"}, ""},
		{"", Person{}, "the author is empty"},
		{"Ann <nope>", Person{}, `"nope" is not an email address`},
		{"Ann <a@b.c> x", Person{}, `"Ann <a@b.c> x" has text after the <email>`},
		{"Ann >", Person{}, `"Ann >" has '>' but no '<'`},
	}
	for _, tt := range tests {
		got, err := ParsePerson(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParsePerson(%q) error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParsePerson(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestPersonSet(t *testing.T) {
	tests := []struct {
		key, value string
		want       Person
		err        string
	}{
		{"name", " Ann Example ", Person{Name: "Ann Example"}, ""},
		{"Name", "Ann", Person{Name: "Ann"}, ""},
		{"email", "ann@example.com", Person{Email: "ann@example.com"}, ""},
		{"EMAIL", " ann@example.com ", Person{Email: "ann@example.com"}, ""},
		{"url", "https://example.com/ann", Person{URL: "https://example.com/ann"}, ""},
		{"uri", "https://example.com/ann", Person{URL: "https://example.com/ann"}, ""},
		{"email", "Ann <ann@example.com>", Person{}, `"Ann <ann@example.com>" is not an email address`},
		{"email", "nope", Person{}, `"nope" is not an email address`},
		{"twitter", "@ann", Person{}, ErrUnknownKey.Error()},
	}
	for _, tt := range tests {
		var p Person
		err := p.Set(tt.key, tt.value)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("Set(%q, %q) error %v, want %q", tt.key, tt.value, err, tt.err)
			}
			if p != (Person{}) {
				t.Errorf("Set(%q, %q) failed but set %+v", tt.key, tt.value, p)
			}
			continue
		}
		if err != nil || p != tt.want {
			t.Errorf("Set(%q, %q) = %+v, %v; want %+v", tt.key, tt.value, p, err, tt.want)
		}
	}
	var p Person
	if err := p.Set("twitter", "@ann"); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("an unknown key: %v, want ErrUnknownKey", err)
	}
}

func TestNewest(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2024, 1, day, 0, 0, 0, 0, time.UTC) }
	if n := Newest([]*Item{{Updated: d(3)}, {Updated: d(5)}}); !n.Equal(d(5)) {
		t.Errorf("Newest = %v", n)
	}
}
