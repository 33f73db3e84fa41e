package config

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/feedpub/feedpub/internal/diag"
)

// IsLoopback reports whether u's host is this computer: localhost, a name
// ending in .localhost, or an address in 127.0.0.0/8 or ::1. Links to
// such a host work only on the machine that made them, so feeds under
// one were never really published.
func IsLoopback(u *url.URL) bool {
	if u == nil {
		return false
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IsLoopbackURL is IsLoopback of the URL s; text that is no URL with a
// host, such as a urn: id, is not loopback.
func IsLoopbackURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && IsLoopback(u)
}

// BaseURLIsDefault reports whether base_url is the built-in default's:
// set by no settings file, site generator's settings or flag.
func (s *Settings) BaseURLIsDefault() bool {
	_, set := s.origin["base_url"]
	return !set
}

// RefuseLoopback returns, when s's base_url names this computer, the
// settings problem of sending feeds out with it (every link would lead
// nowhere for readers), placed where base_url was set; otherwise nil.
func (s *Settings) RefuseLoopback() error {
	if !IsLoopbackURL(s.BaseURL) {
		return nil
	}
	msg := fmt.Sprintf("cannot publish with base_url %s: every link in the feeds would point at this computer", s.BaseURL)
	hint := "set base_url to the site's address in " + DefaultFile + ", or run with --base-url https://example.com/"
	o, set := s.origin["base_url"]
	switch {
	case o.path != "":
		return diag.Settings.At(o.path, o.line, o.col, msg, hint)
	case set:
		return diag.Settings.New(o.by+": "+msg, hint)
	default:
		return diag.Settings.New(fmt.Sprintf("cannot publish with the built-in base_url %s: every link in the feeds would point at this computer", s.BaseURL), hint)
	}
}
