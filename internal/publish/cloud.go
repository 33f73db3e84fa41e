//go:build withcloud

package publish

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"

	"github.com/feedpub/feedpub/internal/diag"
)

// bucket is a cloud's bucket, opened by gocloud.dev/blob. What gocloud
// does not say or do the same way on every cloud, each cloud's file adds
// through the hooks.
type bucket struct {
	b *blob.Bucket
	// listed reads what the cloud's own listing says of an object beyond
	// gocloud's (its headers, its native name), if anything.
	listed func(lo *blob.ListObject, o *Object)
	// update sets an object's headers in place; nil where the cloud
	// cannot.
	update func(ctx context.Context, b *blob.Bucket, o Object, h Headers, sum []byte) error
	// write, if set, uploads instead of gocloud's WriteAll.
	write func(ctx context.Context, b *blob.Bucket, key string, data []byte, wo *blob.WriterOptions) error
	// redirects says objects keep a redirect (Headers.Redirect):
	// described reads it from an object's attributes, and beforeWrite
	// sets it on an upload.
	redirects   bool
	described   func(attrs *blob.Attributes, h *Headers)
	beforeWrite func(h Headers) func(as func(any) bool) error
	// credentials, if set, words an error of the cloud's SDK that says it
	// found no credentials, and returns other errors as they are.
	credentials func(error) error
}

// md5Key is the metadata that records an object's MD5, for stores whose
// ETag is not one.
const md5Key = "feedpub-md5"

// openBucket opens a bucket URL with gocloud.
func openBucket(ctx context.Context, dest string) (*blob.Bucket, error) {
	b, err := blob.OpenBucket(ctx, dest)
	if err != nil {
		// gocloud's error repeats the URL, whose query is nobody's business.
		why := strings.ReplaceAll(err.Error(), dest, redact(dest))
		e := diag.Usage.New(fmt.Sprintf("cannot open %s: %s", redact(dest), why), "correct the bucket URL and its settings after ?")
		e.Err = err
		return nil, e
	}
	return b, nil
}

func (s bucket) List(ctx context.Context, prefix string) ([]Object, error) {
	var out []Object
	it := s.b.List(&blob.ListOptions{Prefix: prefix})
	for {
		lo, err := it.Next(ctx)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			if s.credentials != nil {
				err = s.credentials(err)
			}
			return nil, explain(err)
		}
		if lo.IsDir {
			continue
		}
		o := Object{Key: lo.Key, Size: lo.Size, MD5: lo.MD5}
		if s.listed != nil {
			s.listed(lo, &o)
		}
		out = append(out, o)
	}
}

func (s bucket) Describe(ctx context.Context, o *Object) error {
	attrs, err := s.b.Attributes(ctx, o.Key)
	if err != nil {
		return err
	}
	if o.MD5 == nil {
		o.MD5 = attrs.MD5
		if o.MD5 == nil {
			o.MD5, _ = hex.DecodeString(attrs.Metadata[md5Key])
		}
	}
	if o.Headers == nil {
		o.Headers = &Headers{ContentType: attrs.ContentType, CacheControl: attrs.CacheControl, ContentEncoding: attrs.ContentEncoding}
		if s.described != nil {
			s.described(attrs, o.Headers)
		}
	}
	return nil
}

func (s bucket) Write(ctx context.Context, key string, data []byte, h Headers, sum []byte) error {
	wo := &blob.WriterOptions{
		ContentType:     h.ContentType,
		CacheControl:    h.CacheControl,
		ContentEncoding: h.ContentEncoding,
		ContentMD5:      sum,
		Metadata:        map[string]string{md5Key: hex.EncodeToString(sum)},
	}
	if s.beforeWrite != nil && h.Redirect != "" {
		wo.BeforeWrite = s.beforeWrite(h)
	}
	if s.write != nil {
		return explain(s.write(ctx, s.b, key, data, wo))
	}
	return explain(s.b.WriteAll(ctx, key, data, wo))
}

func (s bucket) Delete(ctx context.Context, key string) error {
	err := s.b.Delete(ctx, key)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil
	}
	return explain(err)
}

// errCannotUpdate is an update hook's word that this object's headers
// cannot be set in place (the listing did not name it natively).
var errCannotUpdate = errors.New("cannot update the headers in place")

func (s bucket) UpdateHeaders(ctx context.Context, o Object, h Headers, sum []byte) (bool, error) {
	if s.update == nil {
		return false, nil
	}
	err := s.update(ctx, s.b, o, h, sum)
	if errors.Is(err, errCannotUpdate) {
		return false, nil // uploaded again instead
	}
	return true, explain(err)
}

func (bucket) KeepsHeaders() bool { return true }

// KeepsRedirects: on S3 (website redirects); not on Google Cloud Storage
// or Azure Blob Storage, whose objects have no such property.
func (s bucket) KeepsRedirects() bool { return s.redirects }

// Transient: a 5xx, a timeout, throttling, a connection that failed.
func (bucket) Transient(err error) bool {
	switch gcerrors.Code(err) {
	case gcerrors.Internal, gcerrors.Unknown, gcerrors.DeadlineExceeded, gcerrors.ResourceExhausted:
		return !errors.Is(err, context.Canceled)
	}
	return false
}

func (s bucket) Close() error { return s.b.Close() }

// explain words the errors each cloud's SDK gives when its credentials
// are refused, as one sentence; others pass as they are.
func explain(err error) error {
	var known *diag.Error
	if err == nil || errors.As(err, &known) {
		return err
	}
	switch gcerrors.Code(err) {
	case gcerrors.PermissionDenied:
		return fmt.Errorf("the store refused the credentials — check the account's keys and its permissions on the bucket: %w", err)
	}
	return err
}

// bytesReader is data as a reader, for uploads that stream.
func bytesReader(data []byte) io.Reader { return bytes.NewReader(data) }
