package publish

import "testing"

// redirectStore is a memStore that keeps redirects, as S3 does.
type redirectStore struct{ *memStore }

func (redirectStore) KeepsRedirects() bool { return true }

// TestPublishRedirects: on a store that keeps redirects, a moved feed's
// old object gets its redirect, a later change of it is an update of
// headers in place, and nothing else gets one; a store without them is
// never asked to keep one.
func TestPublishRedirects(t *testing.T) {
	dir := site(t, output)
	to := map[string]string{"rss.xml": "https://example.com/feed.rss"}
	redirect := func(o *Options) { o.Redirect = func(name string) string { return to[name] } }
	b := redirectStore{newMem(t)}
	if _, err := publish(t, b, dir, &recorder{}, redirect); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"site/rss.xml": "https://example.com/feed.rss", "site/atom.xml": ""} {
		if h, err := b.headers(key); err != nil || h.Redirect != want {
			t.Errorf("%s redirects to %q (%v), want %q", key, h.Redirect, err, want)
		}
	}
	if rep, err := publish(t, b, dir, &recorder{}, redirect); err != nil || rep.Uploaded+rep.Updated != 0 {
		t.Errorf("unchanged: %v, %d uploaded, %d updated", err, rep.Uploaded, rep.Updated)
	}
	to["rss.xml"] = "https://example.com/elsewhere.rss"
	rep, err := publish(t, b, dir, &recorder{}, redirect)
	if err != nil || rep.Uploaded != 0 || rep.Updated != 1 {
		t.Fatalf("a new target: %v, %d uploaded, %d updated; want 0, 1", err, rep.Uploaded, rep.Updated)
	}
	for _, a := range rep.Actions {
		if a.Op == Update && (a.Name != "rss.xml" || a.Reason != "headers changed: Website-Redirect-Location") {
			t.Errorf("%s: %s", a.Name, a.Reason)
		}
	}
	if h, _ := b.headers("site/rss.xml"); h.Redirect != "https://example.com/elsewhere.rss" {
		t.Errorf("after the update: %+v", h)
	}

	plain := newMem(t)
	if _, err := publish(t, plain, dir, &recorder{}, redirect); err != nil {
		t.Fatal(err)
	}
	if h, _ := plain.headers("site/rss.xml"); h.Redirect != "" {
		t.Errorf("a store without redirects got one: %+v", h)
	}
}
