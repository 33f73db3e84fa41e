package model

import (
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

func TestNewest(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2024, 1, day, 0, 0, 0, 0, time.UTC) }
	if n := Newest([]*Item{{Updated: d(3)}, {Updated: d(5)}}); !n.Equal(d(5)) {
		t.Errorf("Newest = %v", n)
	}
}
