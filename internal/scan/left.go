package scan

import (
	"slices"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/filelist"
)

// Reason is why an article without problems is left out of the feeds.
type Reason uint8

// The reasons an article is left out.
const (
	Draft       Reason = iota // marked draft, and drafts are not built
	Future                    // dated after the build's time, and future articles are not built
	Expired                   // its expiry date has passed
	Unpublished               // published: false
	Skipped                   // the site's generator leaves it out (a headless bundle, no front matter, …)
	Reasons                   // how many reasons there are
)

// Noun names an article left out for r, as a count says it: one and many.
func (r Reason) Noun() (one, many string) {
	switch r {
	case Draft:
		return "draft", "drafts"
	case Future:
		return "future", "future"
	case Expired:
		return "expired", "expired"
	case Unpublished:
		return "unpublished", "unpublished"
	}
	return "other", "others"
}

// Left is an article left out of the feeds although it has no problem.
type Left struct {
	Path   string
	Reason Reason
	Why    string    // for Unpublished and Skipped, the generator's words
	Date   time.Time // for Future, the publication date; for Expired, the expiry date
}

// String says which article is left out and why, as the build prints it.
func (l Left) String() string {
	why := l.Why
	switch l.Reason {
	case Draft:
		why = "a draft (--drafts includes drafts)"
	case Future:
		why = "dated " + l.Date.Format("2006-01-02 15:04 MST") + ", in the future (--future includes it)"
	case Expired:
		why = "expired on " + l.Date.Format("2006-01-02")
	}
	return l.Path + ": left out: " + why
}

// skipReason is the reason for a file the generator's rules leave out,
// from the words article.Article.Skip gives.
func skipReason(skip string) Reason {
	if strings.HasPrefix(skip, "unpublished") {
		return Unpublished
	}
	return Skipped
}

// leftList gathers the articles left out: every one counted, each named
// while there are at most Options.NameLeft.
type leftList struct {
	by    [Reasons]int
	n     int
	named []Left
}

func (l *leftList) add(opts Options, a Left) {
	l.by[a.Reason]++
	l.n++
	if l.n <= opts.NameLeft {
		l.named = append(l.named, a)
	}
}

// merge adds what another list gathered.
func (l *leftList) merge(opts Options, o leftList) {
	for r, n := range o.by {
		l.by[r] += n
	}
	l.n += o.n
	if l.n <= opts.NameLeft {
		l.named = append(l.named, o.named...)
	}
}

// addHeld adds the articles that drafts and dates keep out: those whose
// records are whole but not eligible.
func (l *leftList) addHeld(opts Options, files *filelist.List, records []Record) {
	for i, r := range records {
		if !r.OK() || r.Eligible(opts) {
			continue
		}
		a := Left{Reason: Future}
		if r.Draft() && !opts.Drafts {
			a.Reason = Draft
		}
		if l.n+1 <= opts.NameLeft {
			a.Path = files.Path(i)
			if a.Reason == Future {
				p := r.Published()
				a.Date = time.Unix(p.Sec, int64(p.Nsec)).In(opts.Site.Location)
			}
		}
		l.add(opts, a)
	}
}

// sorted is the articles named, by path; nil when there are too many
// to name.
func (l *leftList) sorted(opts Options) []Left {
	if l.n > opts.NameLeft || l.n == 0 {
		return nil
	}
	slices.SortFunc(l.named, func(a, b Left) int { return strings.Compare(a.Path, b.Path) })
	return l.named
}
