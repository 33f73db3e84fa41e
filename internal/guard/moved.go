package guard

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/output"
)

// Moves finds the feeds an earlier build published (listed, the output
// directory's manifest) that this build would remove although it writes
// them under another name (files, the build's files): the main feeds, and
// a family's feeds still written in the family's folder. Each such feed
// must be in the site's moved setting (or follow its main feed's move
// there), unless force; otherwise Moves refuses with a problem for each
// main feed and one for other families' feeds. A redirect an earlier
// build left, which 'moved' no longer names, is kept as it is.
//
// It returns the files to add to the build: each moved feed's redirect
// document and, when there are any, the _redirects file.
func Moves(site *config.Site, listed []output.Entry, files []output.File, updated time.Time, force bool) ([]output.File, error) {
	ask := map[string]bool{}
	for old := range site.Moved {
		ask[old] = true
	}
	for _, e := range listed {
		if isFeedKind(e.Kind) || strings.HasPrefix(e.Kind, layout.Redirect.String()+":") {
			ask[e.Name] = true
		}
	}
	b := builtFiles(files, ask)
	var errs diag.List
	for old, to := range site.Moved {
		if b.present[old] {
			errs = append(errs, settingsProblem(site, "moved", fmt.Sprintf("%s is still a file this build writes", old), "leave it out of moved"))
		} else if _, ok := b.feeds[to]; !ok && config.InsideName(to) {
			errs = append(errs, settingsProblem(site, "moved", fmt.Sprintf("%s: this build writes no feed %s", old, to), "name the feed's new file, or its absolute URL"))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var moves []layout.Move
	var out []output.File
	mainOld := map[encode.Format]string{}     // main feeds that moved, by format
	familyOld := map[encode.Format][]string{} // family feeds that moved, by format
	familyTo := map[string]string{}           // where each went
	seen := map[string]bool{}
	for _, e := range listed {
		o, ok := layout.ParseOutput(e.Kind)
		if !ok || b.present[e.Name] || seen[e.Name] {
			continue
		}
		seen[e.Name] = true
		if to, ok := site.Moved[e.Name]; ok && o.Spec().PerFormat {
			moves = append(moves, layout.Move{Old: e.Name, Format: o.Format, To: layout.MovedTo(site, to)})
			continue
		}
		switch o.Kind {
		case layout.Redirect: // moved earlier: the redirect stays as it is
			if data, err := os.ReadFile(layout.Path(site, e.Name)); err == nil {
				out = append(out, output.File{Name: e.Name, Kind: e.Kind, Data: data})
				if to := layout.RedirectTarget(data); to != "" {
					moves = append(moves, layout.Move{Old: e.Name, Format: o.Format, To: to})
				}
			}
		case layout.MainFeed:
			mainOld[o.Format] = e.Name
		case layout.FamilyFeed:
			to, ok := familyMove(site, e.Name, o.Format, b)
			switch {
			case ok:
				moves = append(moves, layout.Move{Old: e.Name, Format: o.Format, To: layout.MovedTo(site, to)})
			case to != "":
				familyOld[o.Format] = append(familyOld[o.Format], e.Name)
				familyTo[e.Name] = to
			}
		}
	}
	for old, to := range site.Moved { // moved before any manifest listed it
		if o, ok := b.feeds[to]; ok && !seen[old] {
			moves = append(moves, layout.Move{Old: old, Format: o.Format, To: layout.MovedTo(site, to)})
		}
	}
	if len(listed) == 0 {
		moves = append(moves, familyMoves(site, b)...)
	}
	if !force {
		var others []string
		for _, f := range encode.Formats {
			if old := mainOld[f]; old != "" {
				errs = append(errs, mainProblem(site, f, old, len(familyOld[f])))
			} else {
				others = append(others, familyOld[f]...)
			}
		}
		if len(others) > 0 {
			errs = append(errs, familiesProblem(site, others, familyTo))
		}
		if len(errs) > 0 {
			errs.Sort()
			return nil, errs
		}
	}
	if len(moves) == 0 {
		return out, nil
	}
	slices.SortFunc(moves, func(a, b layout.Move) int { return strings.Compare(a.Old, b.Old) })
	for _, m := range moves {
		if !slices.ContainsFunc(out, func(f output.File) bool { return f.Name == m.Old }) {
			out = append(out, output.File{Name: m.Old, Kind: layout.Redirect.For(m.Format).String(),
				Data: layout.RedirectDoc(m, site.Title, site.BaseURL.String(), updated)})
		}
	}
	out = append(out, output.File{Name: layout.RedirectsFile, Kind: layout.Redirects.String(), Data: layout.RedirectRulesDoc(site, moves)})
	return out, nil
}

// built is what Moves needs to know of the build's files, without a map
// of them all (a build may write an article page for each of hundreds of
// thousands of articles).
type built struct {
	feeds   map[string]layout.Output // the main and family feeds
	family  map[string]string        // by folder and format ("tags/go\x00rss"), the first family feed's name
	present map[string]bool          // of the names asked about, those written
}

func builtFiles(files []output.File, ask map[string]bool) built {
	b := built{feeds: map[string]layout.Output{}, family: map[string]string{}, present: map[string]bool{}}
	for _, f := range files {
		if ask[f.Name] {
			b.present[f.Name] = true
		}
		if !isFeedKind(f.Kind) {
			continue
		}
		o, ok := layout.ParseOutput(f.Kind)
		if !ok {
			continue
		}
		b.feeds[f.Name] = o
		if k := path.Dir(f.Name) + "\x00" + string(o.Format); o.Kind == layout.FamilyFeed && (b.family[k] == "" || f.Name < b.family[k]) {
			b.family[k] = f.Name
		}
	}
	return b
}

// isFeedKind reports whether a recorded kind is a main or family feed's,
// without parsing it.
func isFeedKind(kind string) bool {
	return strings.HasPrefix(kind, layout.MainFeed.String()+":") || strings.HasPrefix(kind, layout.FamilyFeed.String()+":")
}

// familyMoves are the family feeds' moves that follow the main feeds'
// in 'moved', for a build with no manifest to say which family feeds
// were published (serve's first build, or the first one by this
// feedpub): each family feed this build writes under a main feed's new
// name leaves a redirect under its old one.
func familyMoves(site *config.Site, b built) []layout.Move {
	var moves []layout.Move
	for old, to := range site.Moved {
		main, ok := b.feeds[to]
		if strings.Contains(old, "/") || !ok || main.Kind != layout.MainFeed {
			continue
		}
		for name, o := range b.feeds {
			if o.Kind != layout.FamilyFeed || o.Format != main.Format || path.Base(name) != path.Base(to) {
				continue
			}
			from := path.Join(path.Dir(name), old)
			if _, still := b.feeds[from]; !still && site.Moved[from] == "" {
				moves = append(moves, layout.Move{Old: from, Format: o.Format, To: layout.MovedTo(site, name)})
			}
		}
	}
	return moves
}

// familyMove is where the family feed old of format f went: the family's
// folder's feed of that format this build writes, if it writes one under
// another name. ok says the move is allowed: 'moved' names old, or names
// the main feed's move from old's file name to the new one.
func familyMove(site *config.Site, old string, f encode.Format, b built) (to string, ok bool) {
	to = b.family[path.Dir(old)+"\x00"+string(f)]
	if to == "" {
		return "", false // the family's feeds are gone: a family that ended
	}
	for mOld, mTo := range site.Moved {
		if !strings.Contains(mOld, "/") && path.Base(old) == mOld && path.Base(to) == path.Base(mTo) {
			return to, true
		}
	}
	return to, false
}

// mainProblem is the refusal of a build that would remove old, the
// main feed of format f, now written under another name, and families of
// its family feeds with it.
func mainProblem(site *config.Site, f encode.Format, old string, families int) *diag.Error {
	cur := layout.MainNames(site)[f]
	key := map[encode.Format]string{encode.RSS: "rss_file", encode.Atom: "atom_file", encode.JSON: "json_file"}[f]
	with := ""
	if families == 1 {
		with = " (and 1 family feed with it)"
	} else if families > 1 {
		with = fmt.Sprintf(" (and %d family feeds with it)", families)
	}
	p, line, col, _ := site.SetAt(key)
	settings := "the settings"
	if p != "" {
		settings = p
	}
	e := &diag.Error{
		Kind: diag.Refused, Path: p, Line: line, Col: col,
		Msg: fmt.Sprintf("the build would remove %s, the %s feed an earlier build published%s, as %s is now %s: its subscribers would get \"not found\" and never learn the new address",
			old, formatName(f), with, key, cur),
		Hint:     fmt.Sprintf("add 'moved: {%s: %s}' to %s to leave a redirect that readers follow", old, cur, settings),
		Override: AcceptLoss, OverrideWhen: "if the feed is retired on purpose",
	}
	if p == "" {
		e.Path = filepath.Join(site.Output, filepath.FromSlash(old))
	}
	return e
}

// familiesProblem is the refusal of a build that would remove family
// feeds now written under other names (to says which), whose main feed
// did not move.
func familiesProblem(site *config.Site, names []string, to map[string]string) *diag.Error {
	slices.Sort(names)
	list, more := names, ""
	if len(list) > 5 {
		list, more = list[:5], fmt.Sprintf(", and %d more", len(names)-5)
	}
	return &diag.Error{
		Kind: diag.Refused, Path: filepath.Join(site.Output, filepath.FromSlash(names[0])),
		Msg: fmt.Sprintf("the build would remove %s%s, family feeds an earlier build published that it now writes under other names: their subscribers would get \"not found\"",
			strings.Join(list, ", "), more),
		Hint:     fmt.Sprintf("add each to 'moved', as 'moved: {%s: %s}', to leave redirects that readers follow", names[0], to[names[0]]),
		Override: AcceptLoss, OverrideWhen: "if those feeds are retired on purpose",
	}
}

func formatName(f encode.Format) string {
	return map[encode.Format]string{encode.RSS: "RSS", encode.Atom: "Atom", encode.JSON: "JSON"}[f]
}

// settingsProblem is a settings error about key, where it was set.
func settingsProblem(site *config.Site, key, msg, hint string) *diag.Error {
	if p, line, col, by := site.SetAt(key); p != "" {
		return diag.Settings.At(p, line, col, msg, hint)
	} else if by != "" {
		return diag.Settings.New(by+": "+msg, hint)
	}
	return diag.Settings.New(key+": "+msg, hint)
}
