// Package publish copies a build's output directory to object storage (any
// bucket gocloud.dev/blob opens: S3 and S3-compatible stores, Google Cloud
// Storage, Azure Blob Storage, a local folder) the way a CDN in front of it
// wants: only what changed is uploaded, each file with its Content-Type
// and Cache-Control, and in an order that never shows readers a feed
// linking to what is not there yet.
package publish

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
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
	// Progress, if set, is called as files are uploaded or deleted.
	Progress func(done, total int)

	Attempts int           // tries per file on errors worth retrying; 0 for 3
	Backoff  time.Duration // pause before the second try, doubled after; 0 for 500 ms

	// beforeUpload, in tests, runs before each upload and may fail it.
	beforeUpload func(name string) error
}

// Op is what publishing does with one file.
type Op string

// The operations.
const (
	Upload Op = "upload"
	Skip   Op = "skip"
	Delete Op = "delete"
)

// Action is one step of the plan.
type Action struct {
	Op     Op
	Name   string // relative to Dir, or to Prefix for a deletion
	Key    string // the object's key
	Size   int64  // bytes to upload (after compression), or the object's size
	Stage  Stage
	Reason string // "new", "changed", "unchanged", "not in the build"
	Done   bool   // carried out by this run

	path         string
	contentType  string
	cacheControl string
	md5          []byte
}

// Report is what a publish did.
type Report struct {
	Actions  []Action // the plan, in order
	Done     int      // actions carried out (uploads and deletions)
	Uploaded int
	Skipped  int
	Deleted  int
	Bytes    int64 // uploaded
	Elapsed  time.Duration
}

// Run plans the publish of opts.Dir to b and, unless DryRun, carries it
// out stage by stage. On failure it stops before the next stage and
// returns the report so far with an error that says what was and was not
// done; running again finishes the job.
func Run(ctx context.Context, b *blob.Bucket, opts Options) (*Report, error) {
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
			return rep, fmt.Errorf("publishing stopped at the %s: %w; %d of %d uploads and deletions done, the %s were not touched; run it again to finish",
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
func (rep *Report) carryOut(ctx context.Context, b *blob.Bucket, opts Options, todo []Action, total int) (map[string]bool, error) {
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
			err := retry(ctx, opts, func() error { return do(ctx, b, opts, a) })
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
				rep.Bytes += a.Size
			case Delete:
				rep.Deleted++
			}
			if opts.Progress != nil {
				opts.Progress(rep.Done, total)
			}
		}(a)
	}
	wg.Wait()
	return done, first
}

// do carries out one action.
func do(ctx context.Context, b *blob.Bucket, opts Options, a Action) error {
	if a.Op == Delete {
		err := b.Delete(ctx, a.Key)
		if gcerrors.Code(err) == gcerrors.NotFound {
			return nil
		}
		return err
	}
	if opts.beforeUpload != nil {
		if err := opts.beforeUpload(a.Name); err != nil {
			return err
		}
	}
	data, err := body(a.path, opts.Gzip)
	if err != nil {
		return err
	}
	if sum := md5.Sum(data); !bytes.Equal(sum[:], a.md5) {
		return fmt.Errorf("%s changed while it was being published; build again, then publish", a.path)
	}
	wo := &blob.WriterOptions{
		ContentType:  a.contentType,
		CacheControl: a.cacheControl,
		ContentMD5:   a.md5,
		Metadata:     map[string]string{md5Key: hex.EncodeToString(a.md5)},
	}
	if opts.Gzip {
		wo.ContentEncoding = "gzip"
	}
	return b.WriteAll(ctx, a.Key, data, wo)
}

// md5Key is the metadata that records an object's MD5, for stores whose
// ETag is not one.
const md5Key = "feedpub-md5"

// retry calls fn until it succeeds, fails in a way not worth retrying, or
// has been tried opts.Attempts times, pausing longer each time.
func retry(ctx context.Context, opts Options, fn func() error) error {
	attempts, wait := opts.Attempts, opts.Backoff
	if attempts <= 0 {
		attempts = 3
	}
	if wait <= 0 {
		wait = 500 * time.Millisecond
	}
	var err error
	for i := 1; ; i++ {
		if err = fn(); err == nil || i == attempts || !transient(err) {
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

// transient reports whether an error may go away by itself: a 5xx, a
// timeout, throttling, a connection that failed.
func transient(err error) bool {
	switch gcerrors.Code(err) {
	case gcerrors.Internal, gcerrors.Unknown, gcerrors.DeadlineExceeded, gcerrors.ResourceExhausted:
		return !errors.Is(err, context.Canceled)
	}
	return false
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
func makePlan(ctx context.Context, b *blob.Bucket, opts Options) ([]Action, error) {
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
			return nil // the lock, temporary files
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
		a := Action{Op: Upload, Name: name, Key: opts.Prefix + name, Size: int64(len(data)), Stage: stage, Reason: "new",
			path: p, contentType: ctype, cacheControl: cc, md5: sum[:]}
		if obj, ok := remote[a.Key]; ok {
			a.Reason = "changed"
			if obj.size == a.Size && bytes.Equal(obj.md5(ctx, b), a.md5) {
				a.Op, a.Reason = Skip, "unchanged"
			}
		}
		local[a.Key] = true
		plan = append(plan, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", opts.Dir, err)
	}
	if opts.Delete {
		for key, obj := range remote {
			if !local[key] {
				plan = append(plan, Action{Op: Delete, Name: strings.TrimPrefix(key, opts.Prefix), Key: key, Size: obj.size,
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

// object is what the store says of one object.
type object struct {
	key  string
	size int64
	sum  []byte // from the listing; nil when the store's ETag is not an MD5
}

// md5 is the object's MD5: from the listing, else from its metadata.
func (o object) md5(ctx context.Context, b *blob.Bucket) []byte {
	if o.sum != nil {
		return o.sum
	}
	attrs, err := b.Attributes(ctx, o.key)
	if err != nil {
		return nil
	}
	if attrs.MD5 != nil {
		return attrs.MD5
	}
	sum, _ := hex.DecodeString(attrs.Metadata[md5Key])
	return sum
}

// listRemote lists the objects under prefix, and nothing outside it.
func listRemote(ctx context.Context, b *blob.Bucket, prefix string) (map[string]object, error) {
	out := map[string]object{}
	it := b.List(&blob.ListOptions{Prefix: prefix})
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("listing the bucket: %w", err)
		}
		if obj.IsDir || !strings.HasPrefix(obj.Key, prefix) {
			continue
		}
		out[obj.Key] = object{key: obj.Key, size: obj.Size, sum: obj.MD5}
	}
}
