// Package serve serves a build's output directory over HTTP the way a
// well-configured web server would: each feed with its media type, ETag
// and Last-Modified validators answered with 304 Not Modified, gzip for
// clients that accept it, and nothing outside the directory: no hidden
// files, no path traversal, no directory listings.
package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
)

// Handler serves the files below dir. typeOf gives each file's
// Content-Type from its slash-separated name relative to dir. A request
// for a folder serves its index.html, if any.
func Handler(dir string, typeOf func(name string) string) http.Handler {
	return gzipped(&handler{dir: dir, typeOf: typeOf})
}

// Under serves h at the URL path prefix, which starts and ends with "/",
// as a site whose base URL has that path is served: a request below the
// prefix reaches h with the prefix taken off (less its final slash); the
// root, and the prefix without its slash, are redirected to the prefix;
// anything else is not found.
func Under(prefix string, h http.Handler) http.Handler {
	if prefix == "" || prefix == "/" {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, prefix)
		if !ok {
			if r.URL.Path == "/" || r.URL.Path+"/" == prefix {
				http.Redirect(w, r, prefix, http.StatusFound)
				return
			}
			http.NotFound(w, r)
			return
		}
		inner := *r
		u := *r.URL
		u.Path, u.RawPath = "/"+rest, ""
		inner.URL = &u
		h.ServeHTTP(w, &inner)
	})
}

type handler struct {
	dir    string
	typeOf func(string) string
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := cleanName(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	// os.Root refuses any name, symbolic links included, that leads
	// outside the directory.
	root, err := os.OpenRoot(h.dir)
	if err != nil {
		http.Error(w, "the output directory cannot be opened", http.StatusInternalServerError)
		return
	}
	defer root.Close()
	f, st, err := open(root, name)
	if err == nil && st.IsDir() {
		f.Close()
		if !strings.HasSuffix(r.URL.Path, "/") {
			// Relative to the request, which may have come through Under
			// with a prefix this handler never sees.
			w.Header().Set("Location", path.Base(r.URL.Path)+"/")
			w.WriteHeader(http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		f, st, err = open(root, name)
	}
	if err != nil || st.IsDir() || !st.Mode().IsRegular() {
		if f != nil {
			f.Close()
		}
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, "the file cannot be read", http.StatusInternalServerError)
		return
	}
	sum := sha256.Sum256(data)
	hd := w.Header()
	hd.Set("Content-Type", forClient(h.typeOf(name), r, hd))
	hd.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	// Feeds change with every rebuild: caches may keep them but must ask
	// again each time, which the validators make cheap.
	hd.Set("Cache-Control", "no-cache")
	hd.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, name, st.ModTime(), strings.NewReader(string(data)))
}

// forClient is the Content-Type to send a file of type t as. Feed readers
// get the feed's own type. A browser opening an RSS or Atom feed gets it
// as application/xml: Chromium shows application/rss+xml and
// application/atom+xml as plain text, never applying their stylesheet,
// so the readable page would be lost. The answer then varies by Accept.
func forClient(t string, r *http.Request, hd http.Header) string {
	if !strings.HasPrefix(t, "application/rss+xml") && !strings.HasPrefix(t, "application/atom+xml") {
		return t
	}
	hd.Add("Vary", "Accept")
	if strings.Contains(r.Header.Get("Accept"), "text/html") {
		return "application/xml; charset=utf-8"
	}
	return t
}

// cleanName turns a URL path into a name inside the directory, refusing
// hidden files and folders (the lock, temporary files) and anything that
// climbs out.
func cleanName(p string) (string, bool) {
	if strings.Contains(p, "\\") || strings.Contains(p, "\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", false // ".", "..", ".feedpub.lock", ".rss.xml.tmp-…"
		}
	}
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" {
		name = "."
	}
	return name, true
}

func open(root *os.Root, name string) (*os.File, fs.FileInfo, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}
