package podcast

import "testing"

func TestGUID(t *testing.T) {
	tests := []struct{ url, want string }{
		{"podnews.net/rss", "9b024349-ccf0-5f69-a609-6b82873eab3c"},
		{"https://podnews.net/rss", "9b024349-ccf0-5f69-a609-6b82873eab3c"},
		{"http://podnews.net/rss/", "9b024349-ccf0-5f69-a609-6b82873eab3c"},
		{"https://podnews.net/rss//", "9b024349-ccf0-5f69-a609-6b82873eab3c"},
		// Podcast Index's own example feed.
		{"https://mp3s.nashownotes.com/pc20rss.xml", "917393e3-1b1e-5cef-ace4-edaa54e1f810"},
	}
	for _, tt := range tests {
		if got := GUID(tt.url); got != tt.want {
			t.Errorf("GUID(%q) = %s, want %s", tt.url, got, tt.want)
		}
	}
}
