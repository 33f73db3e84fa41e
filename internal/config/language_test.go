package config

import "testing"

func TestCanonicalLanguage(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"en", "en", true},
		{"EN", "en", true},
		{"zh_cn", "zh-CN", true},
		{"zh_TW", "zh-TW", true},
		{"pt-br", "pt-BR", true},
		{"zh-hans-cn", "zh-Hans-CN", true},
		{"sr_Latn_RS", "sr-Latn-RS", true},
		{"de-CH-1996", "de-CH-1996", true},
		{"iw", "iw", true},         // kept as written, not replaced by "he"
		{"qqq-xx", "qqq-XX", true}, // well formed, unknown to the registry
		{"english please", "", false},
		{"klingon", "", false},
		{"en_US.UTF-8", "", false},
		{"123", "", false},
		{"", "", false},
		{"en-", "", false},
	} {
		got, ok := CanonicalLanguage(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("CanonicalLanguage(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
