package readers

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMiniflux subscribes Miniflux v2.3.5, with its own PostgreSQL, to the
// corpus's RSS, Atom and JSON feeds as feedpub serve serves them, and
// checks through Miniflux's REST API what a subscriber sees of each
// article — title, author line, picture first in the content, date,
// enclosures, tags — and of the site (its icon); then that two refreshes,
// a rebuild that changes nothing and a retitled article bring no new
// entry.
func TestMiniflux(t *testing.T) {
	bin := lookTool(t, "miniflux.app", "go install miniflux.app/v2@v2.3.5")
	if testing.Short() {
		t.Skip("Miniflux and PostgreSQL take a few seconds to start: not with -short")
	}
	s := serveCorpus(t)
	mf := startMiniflux(t, bin, startPostgres(t))
	ids := map[string]int64{}
	for _, f := range feeds {
		var created struct {
			FeedID int64 `json:"feed_id"`
		}
		mf.call(t, "POST", "/v1/feeds", map[string]any{"feed_url": s.url + f.path}, &created)
		ids[f.name] = created.FeedID
	}
	seen := map[string][]minifluxEntry{}
	for _, f := range feeds {
		t.Run(f.name, func(t *testing.T) {
			got := mf.entries(t, ids[f.name], len(s.corpus.Articles))
			seen[f.name] = got
			checkEntries(t, s, "Miniflux", f.name, minifluxShown(got), titles, authors, pictures, dates, enclosures, tags)
			t.Run("icon", func(t *testing.T) { mf.checkIcon(t, ids[f.name], s.corpus.Icon) })
		})
	}
	t.Run("refreshes", func(t *testing.T) {
		for _, force := range []bool{false, true} {
			for _, f := range feeds {
				mf.call(t, "PUT", fmt.Sprintf("/v1/feeds/%d/refresh?force=%t", ids[f.name], force), nil, nil)
			}
		}
		mf.checkUnchanged(t, ids, seen)
	})
	t.Run("rebuild", func(t *testing.T) {
		s.rebuild(t)
		for _, f := range feeds {
			mf.call(t, "PUT", fmt.Sprintf("/v1/feeds/%d/refresh?force=true", ids[f.name]), nil, nil)
		}
		mf.checkUnchanged(t, ids, seen)
	})
	t.Run("retitle", func(t *testing.T) {
		art := s.corpus.Articles[1]
		retitled := "Retitled: " + art.Title
		s.edit(t, art.File, func(b []byte) []byte {
			return bytes.Replace(b, []byte("title: "+yamlString(art.Title)), []byte("title: "+yamlString(retitled)), 1)
		})
		for _, f := range feeds {
			mf.call(t, "PUT", fmt.Sprintf("/v1/feeds/%d/refresh?force=true", ids[f.name]), nil, nil)
		}
		mf.checkUnchanged(t, ids, seen)
		for _, f := range feeds {
			shown := slices.ContainsFunc(mf.entries(t, ids[f.name], 0), func(e minifluxEntry) bool { return e.Title == retitled })
			if !shown {
				t.Errorf("%s: no entry shows the new title %q", f.name, retitled)
			}
		}
	})
}

// miniflux is a running Miniflux and its administrator's credentials.
type miniflux struct {
	url, user, password string
}

// startMiniflux runs Miniflux on a loopback port over the database at
// dbURL until the test ends: its schema made, an administrator created,
// its scheduler off (the test refreshes), allowed to fetch from loopback,
// and its media proxy off, so that its API gives image URLs as the feeds
// hold them.
func startMiniflux(t *testing.T, bin, dbURL string) *miniflux {
	t.Helper()
	addr := freeAddr(t)
	mf := &miniflux{url: "http://" + addr, user: "admin", password: "readers-test"}
	cmd := exec.Command(bin)
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + t.TempDir(),
		"DATABASE_URL=" + dbURL,
		"RUN_MIGRATIONS=1",
		"CREATE_ADMIN=1",
		"ADMIN_USERNAME=" + mf.user,
		"ADMIN_PASSWORD=" + mf.password,
		"LISTEN_ADDR=" + addr,
		"BASE_URL=" + mf.url + "/",
		"FETCHER_ALLOW_PRIVATE_NETWORKS=1",
		"MEDIA_PROXY_MODE=none",
		"DISABLE_SCHEDULER_SERVICE=1",
		"WORKER_POOL_SIZE=2",
		"LOG_LEVEL=info",
	}
	startServer(t, "Miniflux", addr, cmd, syscall.SIGTERM)
	return mf
}

// call sends a request with a JSON body (none when nil) to Miniflux's API
// as the administrator and decodes the JSON answer into out (when not
// nil); any status but 2xx fails the test.
func (mf *miniflux) call(t *testing.T, method, path string, body, out any) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, mf.url+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(mf.user, mf.password)
	req.Header.Set("Content-Type", "application/json")
	resp, err := (&http.Client{Timeout: 60 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		t.Fatalf("Miniflux: %s %s: %s: %s", method, path, resp.Status, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("Miniflux: %s %s: %v: %s", method, path, err, data)
		}
	}
}

// minifluxEntry is an entry as Miniflux's API gives it.
type minifluxEntry struct {
	ID         int64     `json:"id"`
	Hash       string    `json:"hash"`
	Title      string    `json:"title"`
	URL        string    `json:"url"`
	Author     string    `json:"author"`
	Content    string    `json:"content"`
	Published  time.Time `json:"published_at"`
	Tags       []string  `json:"tags"`
	Enclosures []struct {
		URL      string `json:"url"`
		MimeType string `json:"mime_type"`
		Size     int    `json:"size"`
	} `json:"enclosures"`
}

// entries lists a feed's entries, waiting up to a minute for at least
// want of them.
func (mf *miniflux) entries(t *testing.T, feed int64, want int) []minifluxEntry {
	t.Helper()
	var list struct {
		Total   int             `json:"total"`
		Entries []minifluxEntry `json:"entries"`
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(250 * time.Millisecond) {
		mf.call(t, "GET", fmt.Sprintf("/v1/feeds/%d/entries?limit=1000&order=id&direction=asc", feed), nil, &list)
		if list.Total >= want || time.Now().After(deadline) {
			return list.Entries
		}
	}
}

// minifluxShown is what Miniflux shows of its entries, for the checks.
func minifluxShown(got []minifluxEntry) []entry {
	var out []entry
	for _, e := range got {
		s := entry{Link: e.URL, Title: e.Title, Author: e.Author, Content: e.Content, Published: e.Published, Tags: e.Tags}
		for _, enc := range e.Enclosures {
			s.Enclosures = append(s.Enclosures, enclosure{URL: enc.URL, Type: enc.MimeType, Length: enc.Size})
		}
		out = append(out, s)
	}
	return out
}

// checkIcon checks that Miniflux found the site's icon for a feed: the
// icon setting's file, unchanged (Miniflux keeps icons of 32×32 or less as
// they are).
func (mf *miniflux) checkIcon(t *testing.T, feed int64, want []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", fmt.Sprintf("%s/v1/feeds/%d/icon", mf.url, feed), nil)
	req.SetBasicAuth(mf.user, mf.password)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusNotFound {
		t.Fatalf("Miniflux found no icon for the feed: %s", data)
	}
	var icon struct {
		Data     string `json:"data"` // "image/png;base64,…"
		MimeType string `json:"mime_type"`
	}
	if err := json.Unmarshal(data, &icon); err != nil {
		t.Fatalf("%v: %s", err, data)
	}
	_, b64, _ := strings.Cut(icon.Data, ";base64,")
	got, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatalf("the icon's data: %v", err)
	}
	if icon.MimeType != "image/png" || !bytes.Equal(got, want) {
		t.Errorf("Miniflux's icon is %s of %d bytes, want the icon setting's image/png of %d bytes", icon.MimeType, len(got), len(want))
	}
}

// checkUnchanged checks that each feed has exactly the entries it had.
func (mf *miniflux) checkUnchanged(t *testing.T, ids map[string]int64, before map[string][]minifluxEntry) {
	t.Helper()
	for _, f := range feeds {
		now := mf.entries(t, ids[f.name], 0)
		if !slices.Equal(entryIDs(now), entryIDs(before[f.name])) {
			t.Errorf("%s: entries %v, were %v", f.name, entryIDs(now), entryIDs(before[f.name]))
		}
	}
}

func entryIDs(es []minifluxEntry) []int64 {
	var ids []int64
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	return ids
}
