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

func TestSortItems(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2024, 1, day, 0, 0, 0, 0, time.UTC) }
	items := []*Item{{ID: "b", Published: d(1)}, {ID: "c", Published: d(2)}, {ID: "a", Published: d(1)}}
	SortItems(items)
	if items[0].ID != "c" || items[1].ID != "a" || items[2].ID != "b" {
		t.Errorf("order %s %s %s, want c a b (newest first, ties by id)", items[0].ID, items[1].ID, items[2].ID)
	}
	if n := Newest([]*Item{{Updated: d(3)}, {Updated: d(5)}}); !n.Equal(d(5)) {
		t.Errorf("Newest = %v", n)
	}
}
