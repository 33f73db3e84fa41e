package serve

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

func TestWatch(t *testing.T) {
	dir := t.TempDir()
	articles := filepath.Join(dir, "articles")
	os.Mkdir(articles, 0o755)
	settings := filepath.Join(dir, "feedpub.yaml")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int32
	ready := make(chan struct{})
	go func() {
		close(ready)
		Watch(ctx, []string{articles}, []string{settings}, 100*time.Millisecond, func() { calls.Add(1) })
	}()
	<-ready
	time.Sleep(200 * time.Millisecond) // let the watches be set up
	wait := func(what string, want int32) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for calls.Load() < want && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if got := calls.Load(); got != want {
			t.Fatalf("%s: %d rebuilds, want %d", what, got, want)
		}
	}
	// A burst of saves makes one rebuild.
	for i := 0; i < 5; i++ {
		os.WriteFile(filepath.Join(articles, "a.md"), []byte{byte('a' + i)}, 0o644)
	}
	wait("five quick saves", 1)
	os.WriteFile(settings, []byte("title: x\n"), 0o644)
	wait("the settings", 2)
	os.WriteFile(filepath.Join(dir, "other.txt"), []byte("x"), 0o644)
	time.Sleep(300 * time.Millisecond)
	wait("a file beside the settings", 2)
	// A new folder is watched too.
	os.Mkdir(filepath.Join(articles, "2024"), 0o755)
	wait("a new folder", 3)
	time.Sleep(100 * time.Millisecond)
	os.WriteFile(filepath.Join(articles, "2024", "b.md"), []byte("b"), 0o644)
	wait("a file in the new folder", 4)
}
