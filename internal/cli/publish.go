package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/publish"
)

// publishFlags are the flags that only 'publish' takes.
type publishFlags struct {
	dest           string
	delete, dryRun bool
	json           bool
	jobs           int
}

func (p *publishFlags) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.BoolVar(&p.delete, "delete", false, "with a destination, remove objects under its prefix that the build no longer writes")
	fs.BoolVar(&p.dryRun, "dry-run", false, "with a destination, print what publishing would do, and do nothing")
	fs.IntVar(&p.jobs, "jobs", 4, "with a destination, upload `N` files at once")
	fs.BoolVar(&p.json, "json", false, "with a destination, print the plan (--dry-run) or what was done as JSON on stdout, and the build's report on stderr")
}

func newPublish(stdout io.Writer) *cobra.Command {
	var flags buildFlags
	cmd := &cobra.Command{
		Use:   "publish DEST",
		Short: "Build, then copy the changed files to a folder (file://) or, in the cloud build, a bucket",
		Long:  publishHelp(),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("publish takes one destination, such as file:///srv/www/feeds or s3://bucket/prefix?region=eu-west-1")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			flags.publish.dest = args[0]
			return runBuild(cmd, &flags, stdout)
		},
	}
	flags.register(cmd)
	flags.publish.register(cmd)
	return cmd
}

// publishHelp is publish's long help, which says whether this feedpub is
// the cloud build.
func publishHelp() string {
	clouds := `This feedpub is the cloud build: it publishes to folders and to S3 (and
S3-compatible stores), Google Cloud Storage and Azure Blob Storage.`
	if !publish.CloudBuild() {
		clouds = `This feedpub publishes to folders only. The clouds come with the cloud build:
` + publish.InstallCloud
	}
	return `Publish builds the feeds, then copies the output directory to DEST: a folder,
file:///path (such as a web server's document root), or a bucket URL:
s3://bucket/prefix?region=…&endpoint=… (any S3-compatible store),
gs://bucket/prefix or azblob://container/prefix. Credentials come from each
cloud's usual environment variables and files; without any, publish says
which to set before it builds.

` + clouds + `

Only new and changed files are copied, each written whole before it
replaces the old one. A bucket's objects get their Content-Type,
Cache-Control and Content-Encoding, and an object whose bytes are right but
whose headers differ gets its headers updated (a folder keeps no headers:
its web server chooses them). All in an order that never shows readers a
broken state: full archive documents and the stylesheet, then the newest
archive document and the family feeds, then the main feeds, then
index.html; deletions (--delete) come last, and never remove a folder's
hidden files. A failure stops before the next stage; running again
finishes. --json prints the plan or the report as JSON, for scripts.`
}

// runPublish copies the site's output directory to f.publish.dest.
func runPublish(ctx context.Context, site *config.Site, f *buildFlags, stdout, stderr io.Writer) error {
	p := f.publish
	prefix, err := bucketPrefix(p.dest)
	if err != nil {
		return err
	}
	b, err := publish.Open(ctx, p.dest)
	if err != nil {
		return err
	}
	defer b.Close()
	ix, err := layout.Load(site)
	if err != nil {
		fmt.Fprintf(stderr, "feedpub: %v; each file is published as its name tells\n", err)
	}
	opts := publish.Options{
		Dir: site.Output, Prefix: prefix, Delete: p.delete, DryRun: p.dryRun, Jobs: p.jobs, Gzip: site.PublishGzip,
		Classify: classifier(site, ix), Redirect: redirectOf(site, ix),
	}
	var bar *progress
	if !p.dryRun {
		bar = startProgress(f.quiet)
		if bar != nil {
			opts.Progress = bar.update
		}
	}
	rep, err := publish.Run(ctx, b, opts)
	bar.end()
	if rep == nil {
		return err
	}
	if p.json {
		if jerr := writeJSONReport(stdout, p, rep, err); jerr != nil && err == nil {
			err = jerr
		}
		return err
	}
	if p.dryRun || !f.quiet {
		for _, a := range rep.Actions {
			op := string(a.Op)
			if err != nil && a.Op != publish.Skip && !a.Done {
				// a failure stopped the publish first
				op = map[publish.Op]string{publish.Upload: "not uploaded:", publish.Update: "not updated:", publish.Delete: "not deleted:"}[a.Op]
			}
			if a.Op != publish.Skip || p.dryRun {
				fmt.Fprintf(stdout, "%-6s %s (%d bytes, %s)\n", op, a.Key, a.Size, a.Reason)
			}
		}
		verb := "published to"
		if p.dryRun {
			verb = "dry run: nothing changed in"
		}
		fmt.Fprintf(stdout, "%s %s: %d uploaded (%d bytes), %d updated, %d unchanged, %d deleted, in %s\n", verb, redact(p.dest),
			rep.Uploaded, rep.Bytes, rep.Updated, rep.Skipped, rep.Deleted, rep.Elapsed.Round(time.Millisecond))
		if p.dryRun {
			n := count(rep)
			fmt.Fprintf(stdout, "would upload %d, update the headers of %d and delete %d\n", n[publish.Upload], n[publish.Update], n[publish.Delete])
		}
	}
	return err
}

// count counts the plan's actions by operation.
func count(rep *publish.Report) map[publish.Op]int {
	n := map[publish.Op]int{}
	for _, a := range rep.Actions {
		n[a.Op]++
	}
	return n
}

// jsonReport is what 'publish --json' prints: the lists name object keys;
// in a dry run they say what a publish would do, otherwise what it did.
type jsonReport struct {
	Destination string       `json:"destination"`
	DryRun      bool         `json:"dry_run"`
	Complete    bool         `json:"complete"`        // every action planned was carried out (false in a dry run)
	Error       string       `json:"error,omitempty"` // why it stopped
	Uploaded    []string     `json:"uploaded"`
	Updated     []string     `json:"updated"` // headers only
	Deleted     []string     `json:"deleted"`
	Kept        []string     `json:"kept"`     // unchanged
	NotDone     []string     `json:"not_done"` // planned, but left by a failure
	Bytes       int64        `json:"bytes"`    // uploaded, or to upload
	ElapsedMS   int64        `json:"elapsed_ms"`
	Actions     []jsonAction `json:"actions"`
}

type jsonAction struct {
	Op     publish.Op  `json:"op"`
	Key    string      `json:"key"`
	Size   int64       `json:"size"`
	Stage  string      `json:"stage"`
	Reason string      `json:"reason"`
	Done   bool        `json:"done"`
	Header jsonHeaders `json:"headers,omitzero"` // what the object gets, or keeps
	Was    jsonHeaders `json:"was,omitzero"`     // an update's headers before
}

type jsonHeaders struct {
	ContentType     string `json:"content_type,omitempty"`
	CacheControl    string `json:"cache_control,omitempty"`
	ContentEncoding string `json:"content_encoding,omitempty"`
	Redirect        string `json:"redirect,omitempty"`
}

func writeJSONReport(w io.Writer, p publishFlags, rep *publish.Report, runErr error) error {
	out := jsonReport{
		Destination: redact(p.dest), DryRun: p.dryRun, Complete: runErr == nil && !p.dryRun,
		Uploaded: []string{}, Updated: []string{}, Deleted: []string{}, Kept: []string{}, NotDone: []string{},
		ElapsedMS: rep.Elapsed.Milliseconds(), Actions: []jsonAction{},
	}
	if runErr != nil {
		out.Error = runErr.Error()
	}
	for _, a := range rep.Actions {
		ja := jsonAction{Op: a.Op, Key: a.Key, Size: a.Size, Stage: a.Stage.String(), Reason: a.Reason, Done: a.Done,
			Header: jsonHeaders(a.Headers), Was: jsonHeaders(a.Was)}
		out.Actions = append(out.Actions, ja)
		switch {
		case a.Op == publish.Skip:
			out.Kept = append(out.Kept, a.Key)
		case !a.Done && !p.dryRun:
			out.NotDone = append(out.NotDone, a.Key)
		case a.Op == publish.Upload:
			out.Uploaded = append(out.Uploaded, a.Key)
			if p.dryRun {
				out.Bytes += a.Size
			}
		case a.Op == publish.Update:
			out.Updated = append(out.Updated, a.Key)
		case a.Op == publish.Delete:
			out.Deleted = append(out.Deleted, a.Key)
		}
	}
	if !p.dryRun {
		out.Bytes = rep.Bytes
	}
	for _, l := range [][]string{out.Uploaded, out.Updated, out.Deleted, out.Kept, out.NotDone} {
		slices.Sort(l)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// classifier gives each output file its publishing stage, Content-Type
// and Cache-Control, as the output table says of its kind.
func classifier(site *config.Site, ix *layout.Index) func(string) (publish.Stage, string, string) {
	return func(name string) (publish.Stage, string, string) {
		stage, cacheControl := ix.Publish(name)
		return publishStage[stage], objectType(site, ix, name), cacheControl
	}
}

// publishStage is the publishing stage of each of the layout's.
var publishStage = [...]publish.Stage{
	layout.Immutable: publish.Immutable,
	layout.Secondary: publish.Secondary,
	layout.Main:      publish.Main,
	layout.Pages:     publish.Pages,
}

// objectType is the Content-Type publish gives a file: the table's, but
// with publish_feed_type: xml, application/xml for RSS and Atom, which
// browsers show through the stylesheet (an object store answers every
// request with one type, so it cannot do as serve does and vary by Accept).
func objectType(site *config.Site, ix *layout.Index, name string) string {
	t := ix.ContentType(name)
	if site.PublishFeedXML && (strings.HasPrefix(t, "application/rss+xml") || strings.HasPrefix(t, "application/atom+xml")) {
		return "application/xml; charset=utf-8"
	}
	return t
}

// checkDestination says, before anything is built, what stops publishing
// to dest ("" for none): a URL that is not a destination, a cloud this
// build lacks (the default build publishes to folders only; the cloud
// build has the tag withcloud), credentials not configured, a folder that
// does not exist.
func checkDestination(dest string) error {
	if dest == "" {
		return nil
	}
	if _, err := bucketPrefix(dest); err != nil {
		return err
	}
	return publish.Check(dest)
}

// bucketPrefix is the key prefix in a bucket URL: its path, without the
// leading slash (file:// URLs name a folder, not a prefix). A URL that is
// not a bucket's is a usage error.
func bucketPrefix(dest string) (string, error) {
	scheme, rest, ok := strings.Cut(dest, "://")
	if !ok || rest == "" {
		return "", diag.Usage.New(fmt.Sprintf("%q is not a bucket URL", dest),
			"write s3://bucket/prefix, gs://bucket/prefix, azblob://container/prefix or file:///path")
	}
	if scheme == "file" {
		return "", nil
	}
	rest, _, _ = strings.Cut(rest, "?")
	_, p, _ := strings.Cut(rest, "/")
	if strings.Contains("/"+p+"/", "/../") || strings.Contains("/"+p+"/", "/./") {
		return "", diag.Usage.New(fmt.Sprintf("the prefix %q climbs out of itself", p), "write a plain path such as news/feeds")
	}
	return p, nil
}

// redact leaves a bucket URL's query out of messages: it may carry
// settings that are nobody's business.
func redact(dest string) string {
	u, _, _ := strings.Cut(dest, "?")
	return u
}

// redirectOf gives the URL a moved feed's old file redirects to, from
// the redirect document the build left there; "" for every other file.
func redirectOf(site *config.Site, ix *layout.Index) func(string) string {
	return func(name string) string {
		if ix.Of(name).Kind != layout.Redirect {
			return ""
		}
		data, err := os.ReadFile(layout.Path(site, name))
		if err != nil {
			return ""
		}
		return layout.RedirectTarget(data)
	}
}
