package diag

import "testing"

func TestFormat(t *testing.T) {
	tests := []struct {
		e    *Error
		want string
	}{
		{At("a.md", 3, 7, "bad date", "write YYYY-MM-DD"), "a.md:3:7: bad date — write YYYY-MM-DD"},
		{At("a.md", 3, 0, "bad", ""), "a.md:3:1: bad"},
		{At("a.md", 0, 0, "unreadable", "check permissions"), "a.md: unreadable — check permissions"},
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
