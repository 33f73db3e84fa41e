package cli

import (
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/guard"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/pipeline"
	"github.com/feedpub/feedpub/internal/scan"
	"github.com/feedpub/feedpub/internal/sitemode"
)

// buildFlags are the flags of the commands that build: build (and
// feedpub alone), serve and publish.
type buildFlags struct {
	lang                           string     // the site's language being built; "" for its default
	translations                   []language // every language's pages, for a site in several
	articles, out, config, baseURL string
	limit                          int
	drafts, future, quiet, verbose bool
	force, allowIDChange, noCache  bool
	keepGoing                      bool
	ping                           bool
	dryRun                         bool // build --dry-run: write nothing
	publish                        publishFlags
	local                          localLinks
}

// register adds to cmd the flags of the build that act on it, each
// described for what that command does with it: every command that
// builds reads the same articles and settings; build (and feedpub with
// no command) and publish notify a hub, serve does not; --dry-run is
// build's here, publish registers its own with its other flags.
func (f *buildFlags) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	what := map[string]string{"serve": "serve", "publish": "publish"}[cmd.Name()]
	if what == "" {
		what = "build"
	}
	fs.StringVar(&f.articles, "articles", "", "read articles from `DIR` (default \"articles\")")
	fs.StringVar(&f.out, "out", "", "write feeds into `DIR` (default \"public\")")
	fs.StringVar(&f.config, "config", "", "read settings from `FILE` (default \"feedpub.yaml\" or \"feedpub.yml\", whichever exists)")
	fs.StringVar(&f.baseURL, "base-url", "", "the site's absolute `URL` (default \"http://localhost:8080/\")")
	fs.IntVar(&f.limit, "limit", 0, "at most `N` items per feed; 0 for every article (default 20)")
	fs.BoolVar(&f.drafts, "drafts", false, "include articles marked draft")
	fs.BoolVar(&f.future, "future", false, "include articles dated in the future")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "print nothing but errors")
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "name every article left out, and why (without it, only when there are few), and every article page and local file written")
	fs.BoolVar(&f.noCache, "no-cache", false, "read every article, and neither use nor update the cache")
	fs.BoolVar(&f.keepGoing, "keep-going", false, "leave out articles with problems, naming each, instead of failing")
	switch what {
	case "serve":
		fs.BoolVar(&f.force, "force", false, "rebuild even if a build drops many items or removes many files of the one before, or its feed cannot be read")
		fs.BoolVar(&f.allowIDChange, "allow-id-change", false, "rebuild even if items of the build before would get new ids")
		return
	case "publish":
		fs.BoolVar(&f.force, "force", false, "build and publish even if the build drops many published items, removes many published files, or the published feed cannot be read")
		fs.BoolVar(&f.allowIDChange, "allow-id-change", false, "build and publish even if published items would get new ids")
		fs.BoolVar(&f.ping, "ping", false, "once published, notify the WebSub hub (setting 'hub') of the feeds this build changed, and Podcast Index of the podcast shows")
	default:
		fs.BoolVar(&f.force, "force", false, "write the files even if the build drops many published items, removes many published files, or the published feed cannot be read")
		fs.BoolVar(&f.allowIDChange, "allow-id-change", false, "write the files even if published items would get new ids")
		fs.BoolVar(&f.ping, "ping", false, "notify the WebSub hub (setting 'hub') of the feeds this build changed, and Podcast Index of the podcast shows")
		fs.BoolVar(&f.dryRun, "dry-run", false, "print what the build would write and remove, and write nothing (no file, cache or manifest)")
	}
}

func newBuild(stdout io.Writer) *cobra.Command {
	var flags buildFlags
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the feeds from the articles (the default command)",
		Long: `Build reads every article below the articles directory and writes the RSS,
Atom and JSON feeds into the output directory. Settings come from the built-in
defaults, then feedpub.yaml (or --config), then the flags.

A problem in any article is reported as path:line:col with how to fix it,
and then no file is written: published feeds stay as they were.
--dry-run builds in memory and prints what would be written and removed.
To upload the feeds, run 'feedpub publish DEST'.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBuild(cmd, &flags, stdout)
		},
	}
	flags.register(cmd)
	return cmd
}

// settings merges the defaults, a Hugo or Jekyll site's own settings when
// run in its root, the settings file and the flags.
func (f *buildFlags) settings(cmd *cobra.Command) (*config.Site, error) {
	s := config.Defaults()
	read, err := sitemode.ApplyLanguage(".", f.lang, &s)
	if err != nil {
		return nil, err
	}
	if read != "" && !f.quiet {
		fmt.Fprintf(cmd.ErrOrStderr(), "feedpub: %s\n", read)
	}
	path := f.config
	if path == "" {
		if path, err = config.Find("."); err != nil {
			return nil, err
		}
	}
	if path != "" {
		if !exists(path) {
			return nil, usagef("the settings file %s does not exist; create it or leave out --config", path)
		}
		if err := s.Load(path); err != nil {
			return nil, err
		}
	}
	changed := cmd.Flags().Changed
	if changed("articles") {
		s.Articles = f.articles
		s.SetBy("articles", "--articles")
	}
	folder := sitemode.LanguageFolder(".", f.lang) // a language's own, below --out and --base-url
	if changed("out") {
		s.Output = filepath.Join(f.out, folder)
		s.SetBy("output", "--out")
	}
	if changed("base-url") {
		s.BaseURL = f.baseURL
		if folder != "" {
			s.BaseURL = strings.TrimSuffix(f.baseURL, "/") + "/" + folder
		}
		s.SetBy("base_url", "--base-url")
	}
	if changed("limit") {
		s.Limit = f.limit
		s.SetBy("limit", "--limit")
	}
	f.local.note(&s)
	site, err := s.Resolve()
	if err != nil {
		return nil, err
	}
	if !exists(site.Articles) {
		return nil, usagef("the articles directory %s does not exist; create it or point --articles at yours", site.Articles)
	}
	return site, nil
}

func runBuildOne(cmd *cobra.Command, f *buildFlags, stdout io.Writer) error {
	start := time.Now()
	if f.ping && (f.dryRun || f.publish.dryRun) {
		return diag.Usage.New("--dry-run changes no feed, so a hub has nothing to hear of", "leave out --ping")
	}
	if err := checkDestination(f.publish.dest); err != nil {
		return err // before the build: nothing is written
	}
	site, err := f.settings(cmd)
	if err != nil {
		return err
	}
	f.addTranslations(site)
	if err := f.checkLinks(site); err != nil {
		return err
	}
	if f.ping && site.Hub == "" && len(site.Podcasts) == 0 {
		return usagef("--ping needs a hub: set 'hub' in %s to your WebSub hub's URL", config.DefaultFile)
	}
	limited := site.Limit > 0 && os.Getenv("GOMEMLIMIT") == ""
	if limited {
		// A build of limited feeds keeps little alive for each article
		// but makes much short-lived garbage; a soft limit has the
		// collector work harder only as the heap nears it, which keeps
		// the peak low at no measurable cost in time. Feeds of every
		// article hold far more, so they go without. The cache is loaded
		// under the limit too.
		debug.SetMemoryLimit(memoryLimit)
	}
	useCache := site.Cache != "" && !f.noCache
	outputsRefreshed := false // outputs known by their bytes, not their times
	opts := pipeline.Options{
		Site: site, Drafts: f.drafts || site.Drafts, Future: f.future || site.Future, Now: time.Now(),
		Generator: "feedpub " + Version, KeepGoing: f.keepGoing, NameLeft: f.nameLeft(),
	}
	if useCache {
		// A cache that cannot be used is only a slower build.
		if opts.Cache, err = cache.Load(site.Cache, pipeline.CacheKey(opts)); err != nil {
			fmt.Fprintf(cmd.ErrOrStderr(), "feedpub: %v\n", err)
		}
		opts.OutputsIntact = func(c *cache.Cache) bool {
			var ok bool
			ok, outputsRefreshed = outputsIntact(site, c)
			return ok
		}
		opts.Caching = true
	}
	if limited {
		opts.Found = func(articles int) {
			// What is kept of each article cannot be collected: a limit
			// below it would only have the collector run without end, so
			// the limit rises with the number of files listed.
			debug.SetMemoryLimit(max(memoryLimit, int64(articles)*keptPerArticle*5/4))
		}
	}
	bar := startProgress(f.quiet)
	if bar != nil {
		opts.Progress = bar.update
	}
	res, err := pipeline.Run(opts)
	if err != nil {
		bar.end()
		return err
	}
	defer res.Close()
	for _, p := range res.Skipped {
		fmt.Fprintf(cmd.ErrOrStderr(), "feedpub: left out (--keep-going): %v\n", p)
	}
	for _, l := range res.LeftOut {
		fmt.Fprintf(cmd.ErrOrStderr(), "feedpub: %s\n", l)
	}
	// Family feeds, archive documents and large feeds are rendered as
	// they are written: the bar goes on counting.
	bar.phase("writing feeds")
	var removed []output.Result
	var summed func(int) layout.Kind // every file has its line under --verbose
	if !f.verbose {
		summed = summedUp(res)
	}
	t := &tally{summed: summed}
	if res.Unchanged {
		// Nothing to write, and nothing to remove: the manifest the
		// cached build left stays as it is.
		names := slices.Sorted(maps.Keys(res.Cache.Outputs))
		for k, name := range names {
			t.add(k, output.Result{Path: name, Status: output.Unchanged, Size: int(res.Cache.Outputs[name].Size)})
		}
		if (res.Refreshed || outputsRefreshed) && !f.dryRun {
			// Files were known by their bytes: record their new times.
			if err := res.Cache.Save(site.Cache); err != nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "feedpub: the cache is not saved: %v\n", err)
			}
		}
	} else {
		var progress func(done, total int)
		if bar != nil {
			progress = bar.update
		}
		if useCache && !f.dryRun {
			t.stamps = make([]cache.Stamp, len(res.Files))
		}
		if f.dryRun {
			var results []output.Result
			results, removed, err = dryRunOutputs(site, res, f, progress, cmd.ErrOrStderr())
			for k, r := range results {
				t.add(k, r)
			}
		} else {
			removed, err = writeOutputs(site, res, f, progress, cmd.ErrOrStderr(), t.add)
		}
		if err != nil {
			bar.end()
			return err
		}
		if useCache && !f.dryRun {
			var prev map[string]cache.Stamp
			if opts.Cache != nil {
				prev = opts.Cache.Outputs
			}
			recordOutputs(res.Cache, site.Output, res.Files, t.stamps, prev)
			t.stamps = nil
			if err := res.Cache.Save(site.Cache); err != nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "feedpub: the feeds are written, but the cache is not: %v\n", err)
			}
		}
	}
	bar.end()
	if !f.quiet {
		// Known once every file is written: some are rendered as they are.
		for _, w := range res.Warnings() {
			fmt.Fprintf(cmd.ErrOrStderr(), "feedpub: warning: %s\n", w)
		}
	}
	f.noticeLinks(cmd.ErrOrStderr(), site)
	// With publish --json, stdout carries the JSON alone: the build
	// reports on stderr.
	reportTo := stdout
	if f.publish.json && f.publish.dest != "" {
		reportTo = cmd.ErrOrStderr()
	}
	if !f.quiet {
		fmt.Fprint(reportTo, buildReport(site, res, t, removed, f.dryRun, start))
	}
	if f.publish.dest != "" {
		if err := runPublish(cmd.Context(), site, f, stdout, cmd.ErrOrStderr()); err != nil {
			return err
		}
	}
	if f.ping {
		// Once the feeds are where readers fetch them: the hub fetches
		// them at once.
		ping(cmd.Context(), site, layout.NewIndex(site, output.Entries(res.Files)), t.results, reportTo, cmd.ErrOrStderr(), f.quiet)
	}
	return nil
}

// recordOutputs gives the cache the stamp of each of files, written or
// found unchanged below dir, for the next build: stamps hold the hashes
// of their bytes, by the files' order (0 for a file kept without being
// made), and get the rest of each stamp; prev are the stamps the cached
// build recorded. The stamps are saved by name, each path made again as
// it is saved: a build of many pages keeps no map of them, nor a path
// for each.
func recordOutputs(c *cache.Cache, dir string, files []output.File, stamps []cache.Stamp, prev map[string]cache.Stamp) {
	path := func(k int32) string { return filepath.Join(dir, filepath.FromSlash(files[k].Name)) }
	order := make([]int32, 0, len(files))
	for k := range files {
		p := path(int32(k))
		hash := stamps[k].Hash
		st, ok := cache.StampMade(p, hash)
		if hash == 0 { // kept without being made: the cache's hash, or the file's
			st, ok = cache.StampOf(p, prev[p])
		}
		if ok {
			stamps[k] = st
			order = append(order, int32(k))
		}
	}
	// Of files of one name, the last counts, as in a map.
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(files[a].Name, files[b].Name) })
	kept := order[:0]
	for n, k := range order {
		if n+1 < len(order) && files[order[n+1]].Name == files[k].Name {
			continue
		}
		kept = append(kept, k)
	}
	c.OutputCount = len(kept)
	c.OutputSource = func(yield func(string, cache.Stamp) bool) {
		for _, k := range kept {
			if !yield(path(k), stamps[k]) {
				return
			}
		}
	}
}

// fewLeft is how many articles left out a build names without
// --verbose: a few are worth a line each, hundreds would bury the rest.
const fewLeft = 5

// nameLeft is how many articles left out the build names at most.
func (f *buildFlags) nameLeft() int {
	switch {
	case f.verbose:
		return math.MaxInt
	case f.quiet:
		return 0
	}
	return fewLeft
}

// buildReport says what a build wrote (or, in a dry run, would write)
// and read, and how many articles it left out, and why.
func buildReport(site *config.Site, res *pipeline.Result, t *tally, removed []output.Result, dry bool, start time.Time) string {
	var b strings.Builder
	width := 9 // "unchanged"
	if dry {
		width = len(wouldRemove)
	}
	for _, r := range t.results {
		if r.Status != output.Unchanged {
			fmt.Fprintf(&b, "%-*s %s (%s)\n", width, r.Status, r.Path, plural(r.Size, "byte", "bytes"))
		}
	}
	t.pages.report(&b, width)
	// Removed files are named, each: what they were is in the manifest
	// the build has replaced, and a removal is worth a line.
	for _, r := range removed {
		fmt.Fprintf(&b, "%-*s %s (%s)\n", width, r.Status, r.Path, plural(r.Size, "byte", "bytes"))
	}
	files := plural(t.files, "file", "files")
	if dry {
		fmt.Fprintf(&b, "dry run: %s in %s: %d would be written, %d unchanged, %d would be removed; nothing was written\n",
			files, site.Output, t.written, t.files-t.written, len(removed))
	} else {
		fmt.Fprintf(&b, "%s in %s: %d written, %d unchanged, %d removed\n", files, site.Output, t.written, t.files-t.written, len(removed))
	}
	read := plural(res.Articles, "article", "articles") + " read"
	if res.Read < res.Articles {
		read = fmt.Sprintf("%s (%d read, the rest unchanged)", plural(res.Articles, "article", "articles"), res.Read)
	}
	fmt.Fprintf(&b, "%s, %s per feed, %sin %s\n", read, plural(res.Items, "item", "items"), leftReport(res),
		time.Since(start).Round(time.Millisecond))
	return b.String()
}

// summedUp gives the kind of each file a build writes, by its place
// among the build's files (the results of writing them are in the same
// order), that the report sums up rather than naming it on a line of its
// own: article pages and the local files they reference, which may
// number as many as the articles (--verbose names them too); Unknown for
// the others. The kind is the one each file carries: a build of many
// pages needs no index of their names.
func summedUp(res *pipeline.Result) func(k int) layout.Kind {
	pages, assets := layout.ArticlePage.String(), layout.Asset.String()
	return func(k int) layout.Kind {
		if k >= len(res.Files) {
			return layout.Unknown
		}
		switch res.Files[k].Kind {
		case pages:
			return layout.ArticlePage
		case assets:
			return layout.Asset
		}
		return layout.Unknown
	}
}

// fileCount sums up the article pages and local files written (or to be
// written, in a dry run) that the report does not name one a line.
type fileCount struct {
	status        output.Status
	pages, copies int
	bytes         int
}

// add counts r, the result of the build's k-th file, if summed says it
// is summed up, and says so; with summed nil, nothing is.
func (c *fileCount) add(k int, r output.Result, summed func(int) layout.Kind) bool {
	if summed == nil {
		return false
	}
	switch summed(k) {
	case layout.ArticlePage:
		c.pages++
	case layout.Asset:
		c.copies++
	default:
		return false
	}
	c.status = r.Status
	c.bytes += r.Size
	return true
}

// report writes the sum as one line of the report, if there is any.
func (c *fileCount) report(b *strings.Builder, width int) {
	if c.pages+c.copies == 0 {
		return
	}
	var what []string
	if c.pages > 0 {
		what = append(what, plural(c.pages, "article page", "article pages"))
	}
	if c.copies > 0 {
		what = append(what, plural(c.copies, "local file", "local files")+" they reference")
	}
	fmt.Fprintf(b, "%-*s %s (%s; --verbose names each)\n", width, c.status, strings.Join(what, " and "), plural(c.bytes, "byte", "bytes"))
}

// leftReport counts the articles left out by reason, "3 left out (2
// drafts, 1 future), ", saying how to have them named when they were
// not; "" when none is.
func leftReport(res *pipeline.Result) string {
	if res.Left == 0 {
		return ""
	}
	var by []string
	for r, n := range res.LeftBy {
		if n > 0 {
			one, many := scan.Reason(r).Noun()
			by = append(by, plural(n, one, many))
		}
	}
	why := strings.Join(by, ", ")
	if res.LeftOut == nil {
		why += "; --verbose names them"
	}
	return fmt.Sprintf("%d left out (%s), ", res.Left, why)
}

// memoryLimit is the soft memory limit of builds of limited feeds. At
// 100,000 articles 48 MiB keeps the peak resident set near 58 MiB (64
// MiB: 65–70 MiB) in the same CPU time; from about 500,000 articles the
// limit rises with what is kept of each (see keptPerArticle).
const memoryLimit = 48 << 20

// keptPerArticle is about how many bytes a build of limited feeds keeps
// alive for each article through its phases (its place in the file list,
// its record, its families and where its archive item is), as measured
// with 1,000,000 articles (about 70 MB): with more than about 500,000 the
// soft limit rises to a quarter above it.
const keptPerArticle = 80

// outputsIntact reports whether the output files are as the cached build
// wrote them, and listed in the manifest, which a build that finds
// nothing changed does not write. Files known by their bytes because
// their times changed get their new stamps in c, and refreshed says so.
func outputsIntact(site *config.Site, c *cache.Cache) (intact, refreshed bool) {
	if !exists(filepath.Join(site.Output, output.ManifestName)) {
		return false, false
	}
	if _, main := c.Outputs[filepath.Join(site.Output, filepath.FromSlash(site.AtomFile))]; !main {
		return false, false
	}
	now := map[string]cache.Stamp{}
	for name, want := range c.Outputs {
		st, ok := cache.Intact(name, want)
		if !ok {
			return false, false
		}
		if st != want {
			now[name] = st
		}
	}
	maps.Copy(c.Outputs, now)
	return true, len(now) > 0
}

// writeOutputs writes the build's files, holding the output directory's lock
// while it cleans up after interrupted builds, compares the build with the
// published feed, replaces the files and removes those an earlier build
// wrote and this one no longer does, giving each file's result to each,
// with the file's place, as it is made. It returns what it removed.
func writeOutputs(site *config.Site, res *pipeline.Result, f *buildFlags, progress func(done, total int), stderr io.Writer, each func(k int, r output.Result)) ([]output.Result, error) {
	lock, err := output.TakeLock(site.Output)
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	if err := output.CleanTemp(site.Output); err != nil {
		return nil, err
	}
	listed, stale, err := checkOutputs(site, res, f, stderr)
	if err != nil {
		return nil, err
	}
	// Before any file is written, the manifest lists the old files and
	// the new: a build killed at any point after leaves a manifest that
	// names every file feedpub may have written, so the next build can
	// still remove the stale ones and never forgets one.
	if err := output.WriteManifestOf(site.Output, listed, res.Files); err != nil {
		return nil, err
	}
	if err := output.WriteEach(site.Output, res.Files, progress, each); err != nil {
		return nil, err
	}
	// Every new file is in place: only now do the stale ones go, and
	// then the manifest names just this build's files.
	removed, err := output.Remove(site.Output, stale)
	if err != nil {
		return nil, fmt.Errorf("the feeds are written, but %w", err)
	}
	if err := output.WriteManifestOf(site.Output, nil, res.Files); err != nil {
		return nil, err
	}
	return removed, nil
}

// checkOutputs compares the build with the published feed and finds the
// files an earlier build wrote that this one no longer does, the guards
// refusing a build that would lose too much; it reads the output
// directory and changes nothing in it. It returns what the manifest
// listed and the stale files.
func checkOutputs(site *config.Site, res *pipeline.Result, f *buildFlags, stderr io.Writer) ([]output.Entry, []string, error) {
	feedPath := filepath.Join(site.Output, filepath.FromSlash(site.AtomFile))
	old, err := guard.ReadAtom(feedPath)
	if err == nil && old == nil {
		feedPath = filepath.Join(site.Output, filepath.FromSlash(site.JSONFile))
		old, err = guard.ReadJSON(feedPath)
	}
	if err != nil && !f.force {
		return nil, nil, err
	}
	opts := guard.Options{
		AllowIDChange: f.allowIDChange, Force: f.force, MaxDrop: site.MaxDrop, Limit: site.Limit, FeedPath: feedPath, Dir: site.Output,
	}
	if err := guard.Check(old, res.Feed, res.Sources, opts); err != nil {
		return nil, nil, err
	}
	if err := checkShows(site, res, f); err != nil {
		return nil, nil, err
	}

	// The manifest lists what earlier builds wrote; without one (the
	// first build, or one by an older feedpub) nothing is removed.
	listed, err := output.ReadManifestEntries(site.Output)
	if err != nil {
		fmt.Fprintf(stderr, "feedpub: %v; no stale file is removed this time\n", err)
		listed = nil
	}
	// A feed published under another name is moved, or the build stops.
	moved, err := guard.Moves(site, listed, res.Files, res.Feed.Updated, f.force)
	if err != nil {
		return nil, nil, err
	}
	res.Files = append(res.Files, moved...)
	var earlier []string
	for _, e := range listed {
		earlier = append(earlier, e.Name)
	}
	stale, present, err := output.Stale(site.Output, earlier, output.Names(res.Files))
	if err != nil {
		return nil, nil, err
	}
	if err := guard.CheckRemoval(stale, present, opts); err != nil {
		return nil, nil, err
	}
	return listed, stale, nil
}
