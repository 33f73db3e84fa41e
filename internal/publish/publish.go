// Package publish copies a build's output directory to a folder (file://)
// or, in the cloud build (build tag withcloud), to object storage (S3 and
// S3-compatible stores, Google Cloud Storage, Azure Blob Storage, through
// gocloud.dev/blob) the way a CDN in front of it wants: only what changed is uploaded, each file with its Content-Type,
// Cache-Control and Content-Encoding; an object whose bytes are right but
// whose headers are not has its headers updated; and all in an order that
// never shows readers a feed linking to what is not there yet.
package publish

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"fmt"
	"io/fs"
	"mime"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Stage is when a file is uploaded: every file of one stage before any of
// the next, so that nothing readers fetch links to what is missing.
type Stage int

// The stages, in order.
const (
	Immutable Stage = iota // full archive documents and the stylesheet: nothing links to a new one yet
	Secondary              // the newest archive document, family feeds and pages, other files
	Main                   // the main feeds
	Pages                  // the home page and the autodiscovery snippet
	Deletes                // stale objects, removed last
)

func (s Stage) String() string {
	return [...]string{"immutable files", "archive and family feeds", "main feeds", "pages", "deletions"}[s]
}

// Options say what to publish and how.
type Options struct {
	Dir    string // the output directory
	Prefix string // where in the bucket, such as "" or "news/"
	Delete bool   // remove objects under Prefix that Dir does not have
	DryRun bool   // plan only
	Jobs   int    // uploads at once; 0 for 4
	Gzip   bool   // upload gzip-compressed, with Content-Encoding: gzip

	// Classify gives a file's stage, Content-Type and Cache-Control from
	// its slash-separated name relative to Dir.
	Classify func(name string) (Stage, string, string)
	// Redirect, if set, gives the URL a file redirects to (a moved feed's
	// old file), or "", for stores that keep redirects (see Headers).
	Redirect func(name string) string
	// Progress, if set, is called as files are uploaded or deleted.
	Progress func(done, total int)

	Attempts int           // tries per file on errors worth retrying; 0 for 3
	Backoff  time.Duration // pause before the second try, doubled after; 0 for 500 ms

	// beforeUpload, in tests, runs before each upload and may fail it;
	// beforeUpdate likewise before each update of headers.
	beforeUpload, beforeUpdate func(name string) error
}

// Op is what publishing does with one file.
type Op string

// The operations.
const (
	Upload Op = "upload"
	Update Op = "update" // the bytes are right, the headers are not
	Skip   Op = "skip"
	Delete Op = "delete"
)

// Headers are what an object is served with besides its bytes: what
// feedpub sets, and compares with what the store has.
type Headers struct {
	ContentType     string
	CacheControl    string
	ContentEncoding string
	// Redirect is the URL a moved feed's old object redirects to, on
	// stores that keep one (S3's x-amz-website-redirect-location, which
	// its website endpoints answer with a 301); "" for none.
	Redirect string
}

// differ names the headers in which h and want differ, such as
// "Cache-Control", or returns "" when they are the same. Media types are
// compared as media types (case, spaces and the order of parameters do
// not count), as stores may write them their own way.
func (h Headers) differ(want Headers) string {
	var names []string
	if !sameMediaType(h.ContentType, want.ContentType) {
		names = append(names, "Content-Type")
	}
	if normList(h.CacheControl) != normList(want.CacheControl) {
		names = append(names, "Cache-Control")
	}
	if normList(h.ContentEncoding) != normList(want.ContentEncoding) {
		names = append(names, "Content-Encoding")
	}
	if h.Redirect != want.Redirect {
		names = append(names, "Website-Redirect-Location")
	}
	return strings.Join(names, ", ")
}

func sameMediaType(a, b string) bool {
	if strings.TrimSpace(a) == strings.TrimSpace(b) {
		return true
	}
	ta, pa, errA := mime.ParseMediaType(a)
	tb, pb, errB := mime.ParseMediaType(b)
	if errA != nil || errB != nil || ta != tb || len(pa) != len(pb) {
		return false
	}
	for k, v := range pa {
		if w, ok := pb[k]; !ok || !strings.EqualFold(v, w) {
			return false
		}
	}
	return true
}

// normList writes a comma-separated header value one way: lower case, no
// spaces around the commas.
func normList(v string) string {
	parts := strings.Split(v, ",")
	for i, p := range parts {
		parts[i] = strings.ToLower(strings.TrimSpace(p))
	}
	return strings.Join(parts, ",")
}

// Action is one step of the plan.
type Action struct {
	Op     Op
	Name   string // relative to Dir, or to Prefix for a deletion
	Key    string // the object's key
	Size   int64  // bytes to upload (after compression), or the object's size
	Stage  Stage
	Reason string // "new", "changed", "headers changed: Cache-Control", "unchanged", "not in the build"
	Done   bool   // carried out by this run
	// Headers are those the object gets (uploads, updates) or keeps
	// (skips); Was, for an update, those it had.
	Headers, Was Headers

	path string
	md5  []byte
	obj  Object // the object as listed, for updates
}

// Report is what a publish did.
type Report struct {
	Actions  []Action // the plan, in order
	Done     int      // actions carried out (uploads, updates and deletions)
	Uploaded int
	Updated  int // objects whose headers alone were brought up to date
	Skipped  int
	Deleted  int
	Bytes    int64 // uploaded
	Elapsed  time.Duration
}

// Run plans the publish of opts.Dir to b and, unless DryRun, carries it
// out stage by stage. On failure it stops before the next stage and
// returns the report so far with an error that says what was and was not
// done; running again finishes the job.
func Run(ctx context.Context, b Store, opts Options) (*Report, error) {
	start := time.Now()
	prefix := opts.Prefix
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	opts.Prefix = prefix
	plan, err := makePlan(ctx, b, opts)
	if err != nil {
		return nil, err
	}
	rep := &Report{Actions: plan}
	for _, a := range plan {
		if a.Op == Skip {
			rep.Skipped++
		}
	}
	if opts.DryRun {
		rep.Elapsed = time.Since(start)
		return rep, nil
	}
	total := len(plan) - rep.Skipped
	for stage := Immutable; stage <= Deletes; stage++ {
		var todo []Action
		for _, a := range plan {
			if a.Stage == stage && a.Op != Skip {
				todo = append(todo, a)
			}
		}
		done, err := rep.carryOut(ctx, b, opts, todo, total)
		for i := range rep.Actions {
			if done[rep.Actions[i].Key] {
				rep.Actions[i].Done = true
			}
		}
		if err != nil {
			rep.Elapsed = time.Since(start)
			return rep, fmt.Errorf("publishing stopped at the %s: %w; %d of %d uploads, updates and deletions done, the %s were not touched; run it again to finish",
				stage, err, rep.Done, total, laterStages(stage))
		}
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// laterStages names what a failure in stage left alone.
func laterStages(stage Stage) string {
	var names []string
	for s := stage + 1; s <= Deletes; s++ {
		names = append(names, s.String())
	}
	if len(names) == 0 {
		return "rest of this stage"
	}
	return strings.Join(names, ", ")
}

// carryOut uploads or deletes todo, opts.Jobs at a time, and returns the
// keys it dealt with. After the first failure it starts nothing new.
func (rep *Report) carryOut(ctx context.Context, b Store, opts Options, todo []Action, total int) (map[string]bool, error) {
	done := map[string]bool{}
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = 4
	}
	var mu sync.Mutex
	var first error
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for _, a := range todo {
		mu.Lock()
		failed := first != nil
		mu.Unlock()
		if failed {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func(a Action) {
			defer wg.Done()
			defer func() { <-sem }()
			var sent int64
			err := retry(ctx, opts, b.Transient, func() (err error) { sent, err = do(ctx, b, opts, a); return err })
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if first == nil {
					first = fmt.Errorf("%s %s: %w", a.Op, a.Key, err)
				}
				return
			}
			rep.Done++
			done[a.Key] = true
			switch a.Op {
			case Upload:
				rep.Uploaded++
			case Update:
				rep.Updated++
			case Delete:
				rep.Deleted++
			}
			rep.Bytes += sent
			if opts.Progress != nil {
				opts.Progress(rep.Done, total)
			}
		}(a)
	}
	wg.Wait()
	return done, first
}

// do carries out one action and returns the bytes it uploaded.
func do(ctx context.Context, b Store, opts Options, a Action) (int64, error) {
	switch a.Op {
	case Delete:
		return 0, b.Delete(ctx, a.Key)
	case Update:
		if opts.beforeUpdate != nil {
			if err := opts.beforeUpdate(a.Name); err != nil {
				return 0, err
			}
		}
		done, err := b.UpdateHeaders(ctx, a.obj, a.Headers, a.md5)
		if done || err != nil {
			return 0, err
		}
		// This store cannot change an object's headers: upload it anew.
	}
	if opts.beforeUpload != nil {
		if err := opts.beforeUpload(a.Name); err != nil {
			return 0, err
		}
	}
	data, err := body(a.path, opts.Gzip)
	if err != nil {
		return 0, err
	}
	if sum := md5.Sum(data); !bytes.Equal(sum[:], a.md5) {
		return 0, fmt.Errorf("%s changed while it was being published; build again, then publish", a.path)
	}
	return int64(len(data)), b.Write(ctx, a.Key, data, a.Headers, a.md5)
}

// retry calls fn until it succeeds, fails in a way not worth retrying
// (transient says which are), or has been tried opts.Attempts times,
// pausing longer each time.
func retry(ctx context.Context, opts Options, transient func(error) bool, fn func() error) error {
	attempts, wait := opts.Attempts, opts.Backoff
	if attempts <= 0 {
		attempts = 3
	}
	if wait <= 0 {
		wait = 500 * time.Millisecond
	}
	var err error
	for i := 1; ; i++ {
		if err = fn(); err == nil || i == attempts || ctx.Err() != nil || !transient(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
			wait *= 2
		}
	}
}

// body reads a file as it is uploaded: as it is, or gzip-compressed. The
// compressed form is the same for the same bytes (no name, no time in its
// header), so an unchanged file is recognised by its MD5.
func body(path string, gz bool) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil || !gz {
		return data, err
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// makePlan compares every file below opts.Dir with the objects under the
// prefix and orders the actions by stage, then name.
func makePlan(ctx context.Context, b Store, opts Options) ([]Action, error) {
	remote, err := listRemote(ctx, b, opts.Prefix)
	if err != nil {
		return nil, err
	}
	var plan []Action
	local := map[string]bool{}
	err = filepath.WalkDir(opts.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != opts.Dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // the lock, the manifest, temporary files
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(opts.Dir, p)
		name := filepath.ToSlash(rel)
		data, err := body(p, opts.Gzip)
		if err != nil {
			return err
		}
		sum := md5.Sum(data)
		stage, ctype, cc := opts.Classify(name)
		h := Headers{ContentType: ctype, CacheControl: cc}
		if opts.Gzip {
			h.ContentEncoding = "gzip"
		}
		if r, ok := b.(redirecting); ok && r.KeepsRedirects() && opts.Redirect != nil {
			h.Redirect = opts.Redirect(name)
		}
		a := Action{Op: Upload, Name: name, Key: opts.Prefix + name, Size: int64(len(data)), Stage: stage, Reason: "new",
			Headers: h, path: p, md5: sum[:]}
		if obj, ok := remote[a.Key]; ok {
			a.Reason, a.obj = "changed", obj
		}
		local[a.Key] = true
		plan = append(plan, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", opts.Dir, err)
	}
	describe(ctx, b, opts, plan)
	for i := range plan {
		a := &plan[i]
		if a.obj.Key == "" || a.obj.Size != a.Size || !bytes.Equal(a.obj.MD5, a.md5) {
			continue // new or changed: uploaded
		}
		if !b.KeepsHeaders() {
			a.Op, a.Reason = Skip, "unchanged" // a folder: the bytes alone count
		} else if a.obj.Headers == nil {
			continue // the object's headers could not be read: upload it again
		} else if diff := a.obj.Headers.differ(a.Headers); diff != "" {
			a.Op, a.Reason, a.Was = Update, "headers changed: "+diff, *a.obj.Headers
		} else {
			a.Op, a.Reason = Skip, "unchanged"
		}
	}
	if opts.Delete {
		for key, obj := range remote {
			if !local[key] {
				plan = append(plan, Action{Op: Delete, Name: strings.TrimPrefix(key, opts.Prefix), Key: key, Size: obj.Size,
					Stage: Deletes, Reason: "not in the build"})
			}
		}
	}
	slices.SortStableFunc(plan, func(a, b Action) int {
		if a.Stage != b.Stage {
			return int(a.Stage) - int(b.Stage)
		}
		return strings.Compare(a.Key, b.Key)
	})
	return plan, nil
}

// describe completes what the listing left out of the objects the build
// also has: their MD5 (stores whose ETag is not one, folders) and headers
// (S3 lists none), with one HEAD request each, opts.Jobs at once. On an
// error both stay unknown, and the file is uploaded again.
func describe(ctx context.Context, b Store, opts Options, plan []Action) {
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = 4
	}
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for i := range plan {
		o := &plan[i].obj
		known := o.MD5 != nil && (o.Headers != nil || !b.KeepsHeaders())
		if o.Key == "" || known || o.Size != plan[i].Size || (o.MD5 != nil && !bytes.Equal(o.MD5, plan[i].md5)) {
			continue // nothing to ask, or already known to differ
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			d := *o
			if b.Describe(ctx, &d) == nil {
				*o = d
			}
		}()
	}
	wg.Wait()
}

// listRemote lists the objects under prefix, and nothing outside it.
func listRemote(ctx context.Context, b Store, prefix string) (map[string]Object, error) {
	objs, err := b.List(ctx, prefix)
	if err != nil {
		return nil, fmt.Errorf("listing the destination: %w", err)
	}
	out := make(map[string]Object, len(objs))
	for _, o := range objs {
		if strings.HasPrefix(o.Key, prefix) {
			out[o.Key] = o
		}
	}
	return out, nil
}
