package serve

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strings"
)

// minGzip is the smallest body worth compressing: below about one
// packet, gzip saves nothing a reader would notice.
const minGzip = 1400

// gzipped compresses h's whole 200 responses for clients that accept
// gzip, when they are large enough, not encoded already and of a type
// that compresses (not images other than SVG, audio, video or archives);
// a request for a range is answered as it is. Each response is held
// whole before it is sent, as the handler holds each file whole anyway.
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if !acceptsGzip(r.Header.Get("Accept-Encoding")) || r.Header.Get("Range") != "" {
			h.ServeHTTP(w, r)
			return
		}
		b := &held{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(b, r)
		hd := w.Header()
		if b.code != http.StatusOK || b.body.Len() < minGzip || hd.Get("Content-Encoding") != "" || !compressible(hd.Get("Content-Type")) {
			w.WriteHeader(b.code)
			w.Write(b.body.Bytes())
			return
		}
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.DefaultCompression)
		zw.Write(b.body.Bytes())
		zw.Close()
		hd.Set("Content-Encoding", "gzip")
		hd.Del("Content-Length")
		hd.Del("Accept-Ranges") // ranges would be of the compressed bytes
		w.WriteHeader(http.StatusOK)
		w.Write(z.Bytes())
	})
}

// held is a response kept in memory until the handler is done.
type held struct {
	http.ResponseWriter
	code int
	body bytes.Buffer
}

func (h *held) WriteHeader(code int)        { h.code = code }
func (h *held) Write(p []byte) (int, error) { return h.body.Write(p) }

// acceptsGzip reads an Accept-Encoding header: gzip (or *) with a
// quality above zero.
func acceptsGzip(accept string) bool {
	for _, part := range strings.Split(accept, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		return !strings.HasPrefix(q, "q=0") || strings.TrimRight(strings.TrimPrefix(q, "q=0"), "0.") != ""
	}
	return false
}

// compressible reports whether a body of Content-Type t shrinks with gzip.
func compressible(t string) bool {
	t = strings.ToLower(t)
	switch {
	case strings.HasPrefix(t, "image/svg"):
		return true
	case strings.HasPrefix(t, "image/"), strings.HasPrefix(t, "audio/"), strings.HasPrefix(t, "video/"), strings.HasPrefix(t, "font/woff"):
		return false
	case strings.HasPrefix(t, "application/zip"), strings.HasPrefix(t, "application/gzip"), strings.HasPrefix(t, "application/pdf"):
		return false
	}
	return true
}
