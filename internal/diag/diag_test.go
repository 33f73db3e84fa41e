package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		e    *Error
		want string
	}{
		{At("a.md", 3, 7, "bad date", "write YYYY-MM-DD"), "a.md:3:7: bad date — write YYYY-MM-DD"},
		{At("a.md", 3, 0, "bad", ""), "a.md:3:1: bad"},
		{At("a.md", 0, 0, "unreadable", "check permissions"), "a.md: unreadable — check permissions"},
		{Usage.New("unknown flag: --x", ""), "unknown flag: --x"},
		{Refused.New("the build would drop 3 items", "restore them"), "the build would drop 3 items — restore them"},
		{Settings.At("feedpub.yaml", 2, 1, "bad", "fix it"), "feedpub.yaml:2:1: bad — fix it"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
	l := List{At("b.md", 1, 1, "x", ""), At("a.md", 9, 1, "y", ""), At("a.md", 2, 5, "z", "")}
	l.Sort()
	if got := l.Error(); got != "a.md:2:5: z\na.md:9:1: y\nb.md:1:1: x" {
		t.Errorf("sorted list:\n%s", got)
	}
	if (List{}).Err() != nil {
		t.Error("an empty list must be no error")
	}
}

func TestKinds(t *testing.T) {
	if k := At("a.md", 1, 1, "x", "").Kind; k != Content {
		t.Errorf("At makes a %v problem, want content", k)
	}
	seen := map[string]bool{}
	for k := Content; k <= Failed; k++ {
		if s := k.String(); s == "" || seen[s] {
			t.Errorf("kind %d is named %q", k, s)
		}
		seen[k.String()] = true
	}
}

func TestAdvised(t *testing.T) {
	const how = "run again with --force"
	tests := []struct {
		name string
		e    *Error
		want string
	}{
		{"no override", &Error{Msg: "m", Hint: "h"}, "m — h"},
		{"when and hint", &Error{Msg: "m", Hint: "restore them", Override: "o", OverrideWhen: "if on purpose"},
			"m — if on purpose, run again with --force; otherwise restore them"},
		{"when only", &Error{Msg: "m", Override: "o", OverrideWhen: "if on purpose"}, "m — if on purpose, run again with --force"},
		{"hint only", &Error{Msg: "m", Hint: "move it away", Override: "o"}, "m — move it away, or run again with --force"},
		{"neither", &Error{Msg: "m", Override: "o"}, "m — run again with --force"},
	}
	for _, tt := range tests {
		before := tt.e.Error()
		if got := tt.e.Advised(how).Error(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
		if tt.e.Error() != before {
			t.Errorf("%s: Advised changed the error it was given", tt.name)
		}
	}
	e := &Error{Msg: "m", Hint: "h", Override: "o"}
	if e.Advised("") != e {
		t.Error("no words for the override must leave the error as it is")
	}
}

func TestProblems(t *testing.T) {
	located := At("a.md", 1, 1, "x", "")
	usage := Usage.New("bad flag", "")
	list := List{At("a.md", 1, 1, "x", ""), At("b.md", 2, 1, "y", "")}
	plain := errors.New("disk full")
	tests := []struct {
		name  string
		err   error
		kinds []Kind
		texts []string
	}{
		{"nil", nil, nil, nil},
		{"one", located, []Kind{Content}, []string{"a.md:1:1: x"}},
		{"a list", list, []Kind{Content, Content}, []string{"a.md:1:1: x", "b.md:2:1: y"}},
		{"joined", errors.Join(usage, list), []Kind{Usage, Content, Content}, []string{"bad flag", "a.md:1:1: x", "b.md:2:1: y"}},
		{"plain", plain, []Kind{Failed}, []string{"disk full"}},
		{"wrapped in the same words", fmt.Errorf("%w", usage), []Kind{Usage}, []string{"bad flag"}},
		{"wrapped in more words", fmt.Errorf("while reading: %w", usage), []Kind{Usage}, []string{"while reading: bad flag"}},
		{"a list wrapped", fmt.Errorf("%w", list), []Kind{Content, Content}, []string{"a.md:1:1: x", "b.md:2:1: y"}},
	}
	for _, tt := range tests {
		got := Problems(tt.err)
		if len(got) != len(tt.kinds) {
			t.Errorf("%s: %d problems, want %d", tt.name, len(got), len(tt.kinds))
			continue
		}
		for i, p := range got {
			if p.Kind != tt.kinds[i] || p.Error() != tt.texts[i] {
				t.Errorf("%s: problem %d is %v %q, want %v %q", tt.name, i, p.Kind, p.Error(), tt.kinds[i], tt.texts[i])
			}
		}
	}
	e := Failed.Errorf("reading settings: %w", fs.ErrPermission)
	if !errors.Is(e, fs.ErrPermission) || e.Msg != "reading settings: permission denied" || e.Path != "" {
		t.Errorf("Errorf: %+v", e)
	}
}
