package serve

import (
	"net/http"
	"os"

	"github.com/feedpub/feedpub/internal/layout"
)

// Redirecting answers a request for a moved feed's old file, which
// isRedirect says is a redirect document a build left there, with 301
// Moved Permanently to the URL the document names, as a web server set up
// for the move would: readers follow it and, most of them, replace the
// address they subscribed to. Every other request goes to h.
func Redirecting(dir string, isRedirect func(name string) bool, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := cleanName(r.URL.Path)
		if !ok || (r.Method != http.MethodGet && r.Method != http.MethodHead) || !isRedirect(name) {
			h.ServeHTTP(w, r)
			return
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			h.ServeHTTP(w, r)
			return
		}
		data, err := root.ReadFile(name)
		root.Close()
		to := layout.RedirectTarget(data)
		if err != nil || to == "" {
			h.ServeHTTP(w, r) // not a redirect after all: served as it is
			return
		}
		w.Header().Set("Location", to)
		w.Header().Set("Cache-Control", "no-cache")
		w.WriteHeader(http.StatusMovedPermanently)
	})
}
