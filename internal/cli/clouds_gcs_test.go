//go:build withcloud

package cli

import (
	"context"
	"errors"
	"io"
	"net"
	"syscall"
	"testing"

	"cloud.google.com/go/storage"
)

// gcsCloud is fake-gcs-server, which serves Google Cloud Storage's JSON
// API, over a folder, checked with Google's Go client.
var gcsCloud = cloud{
	name: "gcs",
	start: func(t *testing.T) (*emulator, store) {
		bin := lookTool(t, "fake-gcs-server", "go install github.com/fsouza/fake-gcs-server@v1.56.1")
		data, addr := t.TempDir(), freeAddr(t)
		_, port, _ := net.SplitHostPort(addr)
		e := newEmulator(t, "fake-gcs-server", addr, syscall.SIGKILL,
			bin, "-scheme", "http", "-host", "127.0.0.1", "-port", port, "-external-url", "http://"+addr,
			"-backend", "filesystem", "-filesystem-root", data, "-log-level", "error")
		// The client reads the emulator's address when it is made.
		t.Setenv("STORAGE_EMULATOR_HOST", addr)
		client, err := storage.NewClient(context.Background(), storage.WithJSONReads())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { client.Close() })
		if err := client.Bucket("feeds").Create(context.Background(), "feedpub-test", nil); err != nil {
			t.Fatal(err)
		}
		return e, gcsStore{client.Bucket("feeds")}
	},
	connect: func(t *testing.T, e *emulator, front string) string {
		t.Setenv("STORAGE_EMULATOR_HOST", front)
		return "gs://feeds/news?anonymous=true"
	},
}

type gcsStore struct{ b *storage.BucketHandle }

func (s gcsStore) head(ctx context.Context, key string) (objectInfo, error) {
	a, err := s.b.Object(key).Attrs(ctx)
	if err != nil {
		return objectInfo{}, err
	}
	return objectInfo{contentType: a.ContentType, cacheControl: a.CacheControl, contentEncoding: a.ContentEncoding, size: a.Size}, nil
}

func (s gcsStore) read(ctx context.Context, key string) ([]byte, error) {
	r, err := s.b.Object(key).NewReader(ctx)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func (s gcsStore) put(ctx context.Context, key string, data []byte) error {
	w := s.b.Object(key).NewWriter(ctx)
	if _, err := w.Write(data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

func (s gcsStore) notFound(err error) bool { return errors.Is(err, storage.ErrObjectNotExist) }
