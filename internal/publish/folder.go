package publish

import (
	"context"
	"crypto/md5"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/feedpub/feedpub/internal/diag"
)

// folder is a destination on this machine's disks, such as a web
// server's document root: file:///srv/www/feeds. Each file is written
// to a temporary name beside it and renamed into place, so a reader
// never sees half of one. A folder keeps no headers: the web server in
// front of it chooses them. Hidden files (a name starting with a dot,
// such as .htaccess or .well-known/) are never listed, so --delete never
// removes them: feedpub publishes none.
type folder struct{ root string }

// tempPrefix starts the names of files being written.
const tempPrefix = ".feedpub-publish-"

// folderOf is the folder a file:// URL names, which must exist.
func folderOf(u *url.URL) (string, error) {
	if u.Host != "" && u.Host != "localhost" {
		return "", diag.Usage.New(fmt.Sprintf("file://%s%s names a folder on another machine", u.Host, u.Path),
			"write an absolute path after file://, such as file:///srv/www/feeds")
	}
	if u.RawQuery != "" {
		return "", diag.Usage.New(fmt.Sprintf("file://%s takes no settings after ?", u.Path), "remove ?"+u.RawQuery)
	}
	dir := filepath.FromSlash(u.Path)
	if runtime.GOOS == "windows" && len(u.Path) > 2 && u.Path[0] == '/' && u.Path[2] == ':' {
		dir = filepath.FromSlash(u.Path[1:]) // file:///C:/www
	}
	if dir == "" {
		return "", diag.Usage.New("file:// names no folder", "write an absolute path after file://, such as file:///srv/www/feeds")
	}
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", diag.Settings.New(fmt.Sprintf("the folder %s to publish to does not exist", dir),
			fmt.Sprintf("create it (mkdir -p %s) or correct the file:// URL", dir))
	case err != nil:
		return "", diag.Settings.New(fmt.Sprintf("the folder %s to publish to cannot be read: %v", dir, errors.Unwrap(err)),
			"check its permissions, or correct the file:// URL")
	case !st.IsDir():
		return "", diag.Settings.New(fmt.Sprintf("%s, where file:// publishes, is a file, not a folder", dir),
			"name a folder in the file:// URL")
	}
	return dir, nil
}

func (f folder) path(key string) string { return filepath.Join(f.root, filepath.FromSlash(key)) }

// List walks the folder, leaving out hidden files and folders.
func (f folder) List(ctx context.Context, prefix string) ([]Object, error) {
	var out []Object
	err := filepath.WalkDir(f.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == f.root {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(f.root, p)
		key := filepath.ToSlash(rel)
		if !strings.HasPrefix(key, prefix) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, Object{Key: key, Size: info.Size()})
		return ctx.Err()
	})
	return out, err
}

// Describe reads the file for its MD5.
func (f folder) Describe(_ context.Context, o *Object) error {
	data, err := os.ReadFile(f.path(o.Key))
	if err != nil {
		return err
	}
	sum := md5.Sum(data)
	o.MD5 = sum[:]
	return nil
}

// Write writes data to a temporary file beside the file's place, then
// renames it there.
func (f folder) Write(_ context.Context, key string, data []byte, _ Headers, _ []byte) error {
	dest := f.path(key)
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), tempPrefix+"*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	err = errors.Join(err, tmp.Chmod(0o644), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), dest)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// Delete removes the file, then the folders it leaves empty.
func (f folder) Delete(_ context.Context, key string) error {
	p := f.path(key)
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for dir := filepath.Dir(p); dir != f.root && strings.HasPrefix(dir, f.root); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break // not empty
		}
	}
	return nil
}

func (folder) UpdateHeaders(context.Context, Object, Headers, []byte) (bool, error) {
	return false, nil
}
func (folder) KeepsHeaders() bool   { return false }
func (folder) Transient(error) bool { return false }
func (folder) Close() error         { return nil }
