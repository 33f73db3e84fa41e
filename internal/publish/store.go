package publish

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/feedpub/feedpub/internal/diag"
)

// Store is where a publish copies the output directory: a folder, or a
// bucket of one of the clouds, which come with the cloud build.
type Store interface {
	// List returns the objects whose keys start with prefix, with what
	// the listing says of them (sizes, and MD5s and headers where the
	// store lists them).
	List(ctx context.Context, prefix string) ([]Object, error)
	// Describe completes o with its MD5 and headers (one HEAD request).
	Describe(ctx context.Context, o *Object) error
	// Write stores data under key with headers h; sum is data's MD5.
	Write(ctx context.Context, key string, data []byte, h Headers, sum []byte) error
	// Delete removes an object; one that is not there is no error.
	Delete(ctx context.Context, key string) error
	// UpdateHeaders gives o the headers h without uploading it again, and
	// reports false where the store has no request for that.
	UpdateHeaders(ctx context.Context, o Object, h Headers, sum []byte) (bool, error)
	// KeepsHeaders reports whether objects have headers of their own. A
	// folder's files have none (the web server in front of it chooses
	// them): there only the bytes are compared.
	KeepsHeaders() bool
	// Transient reports whether an error of the store's may go away by
	// itself: a 5xx, a timeout, throttling.
	Transient(err error) bool
	Close() error
}

// redirecting is a Store whose objects may redirect (see
// Headers.Redirect).
type redirecting interface {
	KeepsRedirects() bool
}

// Object is what a store says of one object.
type Object struct {
	Key     string
	Size    int64
	MD5     []byte   // nil when the store's ETag is not an MD5 and no metadata says it
	Headers *Headers // nil until known

	// Native is the object's name in the cloud's own API, and Bucket the
	// name of its bucket there, where the listing says them.
	Native, Bucket string
}

// A cloud opens the buckets of one URL scheme.
type cloud struct {
	// check says, before the build, what stops publishing to u, such as
	// credentials that are not configured.
	check func(u *url.URL) error
	open  func(ctx context.Context, dest string) (Store, error)
}

// clouds are the clouds this build can publish to, by URL scheme: the
// cloud build's files register them.
var clouds = map[string]cloud{}

// cloudSchemes are the URL schemes of the clouds of the cloud build.
var cloudSchemes = []string{"s3", "gs", "azblob"}

// InstallCloud is the command that installs feedpub with the clouds.
const InstallCloud = "go install -tags withcloud github.com/feedpub/feedpub@latest"

// CloudBuild reports whether this feedpub can publish to the clouds.
func CloudBuild() bool { return len(clouds) > 0 }

// Check says what stops publishing to dest, a destination URL, before
// anything is built: a cloud that this build lacks, credentials that are
// not configured, a folder that does not exist.
func Check(dest string) error {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme == "" {
		return notBucket(dest)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme == "file" {
		_, err := folderOf(u)
		return err
	}
	if c, ok := clouds[scheme]; ok {
		return c.check(u)
	}
	for _, s := range cloudSchemes {
		if s == scheme {
			return diag.Settings.New(fmt.Sprintf("this feedpub publishes to folders (file://) only, not to %s://", scheme),
				"install the build with the clouds: "+InstallCloud)
		}
	}
	return notBucket(dest)
}

// Open checks dest and opens it.
func Open(ctx context.Context, dest string) (Store, error) {
	if err := Check(dest); err != nil {
		return nil, err
	}
	u, _ := url.Parse(dest)
	scheme := strings.ToLower(u.Scheme)
	if scheme == "file" {
		dir, _ := folderOf(u)
		return folder{root: dir}, nil
	}
	return clouds[scheme].open(ctx, dest)
}

func notBucket(dest string) error {
	return diag.Usage.New(fmt.Sprintf("%q is not a destination feedpub knows", redact(dest)),
		"write s3://bucket/prefix, gs://bucket/prefix, azblob://container/prefix or file:///path")
}

// redact leaves a URL's query out of messages: it may carry settings that
// are nobody's business.
func redact(dest string) string {
	u, _, _ := strings.Cut(dest, "?")
	return u
}
