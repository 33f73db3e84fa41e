package podcast

import "testing"

func TestSuggest(t *testing.T) {
	tests := []struct{ in, want string }{
		{"technology", "Technology"},
		{"Tech", ""},
		{"Technolgy", "Technology"},
		{"Society and Culture", "Society & Culture"},
		{"TV and film", "TV & Film"},
		{"Helth & Fitness", "Health & Fitness"},
		{"Cooking", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.in, CategoryNames()); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
