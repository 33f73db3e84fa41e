// Package guard compares the feed a build would publish with the one that
// is published, and stops a build that would hurt subscribers: feed readers
// cache items by id, so an item whose id changes is shown again as new, and
// a feed that suddenly lists far fewer items usually means articles were
// lost, not retired.
package guard

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/model"
)

// Published is an item as the published feed lists it.
type Published struct {
	ID, URL, Title string
	Published      time.Time
}

// Source is where a new item came from, for messages.
type Source struct {
	Path  string
	Line  int // where its 'id' is written, or 1 when it has none
	Col   int
	IDSet bool // the front matter sets 'id'
}

// What lets through a build the guard refused. The guard's refusals are
// diag problems of kind Refused whose Override is one of these; the
// program words each as its own flag or setting.
const (
	// AcceptIDChange is Options.AllowIDChange: publish items under new ids.
	AcceptIDChange diag.Override = "accept id change"
	// AcceptLoss is Options.Force: publish although many published items
	// or files go.
	AcceptLoss diag.Override = "accept loss"
	// ReplaceUnreadable is replacing a published feed the guard cannot
	// read, which it cannot compare the build with.
	ReplaceUnreadable diag.Override = "replace unreadable"
)

// Options say what the guard lets through.
type Options struct {
	AllowIDChange bool    // accept items whose id changes
	Force         bool    // accept dropping many items
	MaxDrop       float64 // the largest share of published items a build may drop, 0 to 1
	Limit         int     // the feed's item limit; 0 for none
	FeedPath      string  // the published feed, for messages
	Dir           string  // the output directory, for messages
}

// Check compares old, the published items, with feed, the new one; srcs
// gives each new item's source, in order. It refuses, with a diag.List of
// the items whose id would change, or with one problem saying which items
// the build would drop; otherwise it returns nil. The ids of a feed built
// for this computer (see Local) were never published: they may change.
func Check(old []Published, feed *model.Feed, srcs []Source, opts Options) error {
	if len(old) == 0 {
		return nil
	}
	allowIDChange := opts.AllowIDChange || Local(old)
	byURL := map[string]*Published{}
	byTitleDate := map[string]*Published{}
	for i := range old {
		o := &old[i]
		byURL[o.URL] = o
		byTitleDate[titleDate(o.Title, o.Published)] = o
	}
	present := map[string]bool{} // old ids still in the feed, under any id
	var drift diag.List
	for i, it := range feed.Items {
		present[it.ID] = true
		// The same article: the same link, or, when the link moved too
		// (a new base URL, a renamed file), the same title and date.
		o := byURL[it.URL]
		if o == nil {
			o = byTitleDate[titleDate(it.Title, it.Published)]
		}
		if o == nil || o.ID == it.ID {
			continue
		}
		present[o.ID] = true
		if allowIDChange {
			continue
		}
		drift = append(drift, idChanged(it, o, srcs[i]))
	}
	if len(drift) > 0 {
		if e := builtLocally(feed, old, len(drift), opts); e != nil {
			return e
		}
		drift.Sort()
		return drift
	}
	if opts.Force {
		return nil
	}
	// An old item may leave the feed because newer ones pushed it out of
	// a full feed; any other item that is gone was lost.
	full := opts.Limit > 0 && len(feed.Items) >= opts.Limit
	var oldest time.Time
	if n := len(feed.Items); n > 0 {
		oldest = feed.Items[n-1].Published
	}
	var lost []Published
	for _, o := range old {
		if present[o.ID] || (full && !o.Published.After(oldest)) {
			continue
		}
		lost = append(lost, o)
	}
	if share := float64(len(lost)) / float64(len(old)); share > opts.MaxDrop {
		return dropped(lost, len(old), opts)
	}
	return nil
}

// idChanged is the refusal of the new item it, from s, whose published
// item o had another id. Its hint keeps the old id, unless that id names
// this computer: such an id is no id to keep, and the change is the fix.
func idChanged(it *model.Item, o *Published, s Source) *diag.Error {
	how := fmt.Sprintf("add 'id: %s' to its front matter to keep the old id", o.ID)
	if s.IDSet {
		how = fmt.Sprintf("set its 'id' back to %s to keep the old id", o.ID)
	}
	e := diag.Refused.At(s.Path, s.Line, s.Col,
		fmt.Sprintf("%q was published with the id %s and would now get %s: readers would show it again as new", it.Title, o.ID, it.ID),
		how)
	e.Override = AcceptIDChange
	if config.IsLoopbackURL(o.ID) {
		e.Hint = ""
		e.OverrideWhen = "since the old id points at this computer and is no id to keep"
	}
	return e
}

// Local reports whether the published items were built for this computer
// alone, as under the built-in base_url: every item's link (or, for an
// item without one, its id) is on a loopback host. Such a feed was never
// published, so its ids bind no reader.
func Local(old []Published) bool {
	for _, o := range old {
		if !onThisComputer(o.URL, o.ID) {
			return false
		}
	}
	return len(old) > 0
}

// onThisComputer reports whether an item's link (or, without one, its
// id) is on a loopback host.
func onThisComputer(link, id string) bool {
	if link == "" {
		link = id
	}
	return config.IsLoopbackURL(link)
}

// builtLocally is the one refusal of a build for this computer alone
// (every new item's link, or id, on a loopback host, as under the
// built-in base_url) over feeds published for a real address, when n
// items would change id: the fix is the site's address, not keeping each
// id by hand. It is nil for any other build.
func builtLocally(feed *model.Feed, old []Published, n int, opts Options) *diag.Error {
	for _, it := range feed.Items {
		if !onThisComputer(it.URL, it.ID) {
			return nil
		}
	}
	site := ""
	for _, o := range old {
		if u, err := url.Parse(o.URL); err == nil && u.Host != "" && !config.IsLoopbackURL(o.URL) {
			site = u.Scheme + "://" + u.Host + "/"
			break
		}
	}
	if site == "" || len(feed.Items) == 0 {
		return nil
	}
	here := feed.Items[0].URL
	if u, err := url.Parse(here); err == nil && u.Host != "" {
		here = u.Scheme + "://" + u.Host + "/"
	}
	items := fmt.Sprintf("%d published items would get new ids", n)
	if n == 1 {
		items = "1 published item would get a new id"
	}
	return &diag.Error{
		Kind: diag.Refused,
		Msg: fmt.Sprintf("%s was published for %s, and this build's links point at this computer (%s): %s",
			opts.FeedPath, site, here, items),
		Hint:         fmt.Sprintf("build with base_url %s, the address the feeds were published for", site),
		Override:     AcceptIDChange,
		OverrideWhen: "to replace the published feeds with ones for this computer alone",
	}
}

func titleDate(title string, t time.Time) string {
	return title + "\x00" + t.UTC().Format(time.RFC3339)
}

// dropped is the refusal of a build that would drop lost, more of the
// published items than opts allow.
func dropped(lost []Published, published int, opts Options) *diag.Error {
	var titles []string
	for i, p := range lost {
		if i == 5 {
			titles = append(titles, fmt.Sprintf("and %d more", len(lost)-5))
			break
		}
		titles = append(titles, fmt.Sprintf("%q", p.Title))
	}
	return &diag.Error{
		Kind: diag.Refused,
		Msg: fmt.Sprintf("the build would drop %d of the %d items published in %s (%.0f%%; max_drop allows %.0f%%): %s",
			len(lost), published, opts.FeedPath, 100*float64(len(lost))/float64(published), 100*opts.MaxDrop, strings.Join(titles, ", ")),
		Hint:         "restore them",
		Override:     AcceptLoss,
		OverrideWhen: "if those articles were removed on purpose",
	}
}

// CheckRemoval stops a build that would remove more than opts.MaxDrop of
// the files an earlier build published in opts.Dir (published of them are
// still there) unless opts.Force: a tag or an archive document that goes
// is routine, most of the folder going at once is usually a mistake (a
// wrong setting or articles folder). stale are the files that would go.
func CheckRemoval(stale []string, published int, opts Options) error {
	if opts.Force || len(stale) == 0 || published == 0 {
		return nil
	}
	if float64(len(stale))/float64(published) <= opts.MaxDrop {
		return nil
	}
	names, more := stale, ""
	if len(names) > 5 {
		names, more = names[:5], fmt.Sprintf(", and %d more", len(stale)-5)
	}
	return &diag.Error{
		Kind: diag.Refused,
		Msg: fmt.Sprintf("the build would remove %d of the %d files published in %s (%.0f%%; max_drop allows %.0f%%): %s%s",
			len(stale), published, opts.Dir, 100*float64(len(stale))/float64(published), 100*opts.MaxDrop, strings.Join(names, ", "), more),
		Hint:         "restore the articles or settings that made them",
		Override:     AcceptLoss,
		OverrideWhen: "if those feeds were retired on purpose",
	}
}
