// Package media measures the files a podcast episode points to and checks
// a show's artwork, so that a feed states what the files hold rather than
// what an author typed: an enclosure's byte length, its media type read
// from its content, and its duration (MP3 frames and Xing/VBRI headers,
// MP4 movie headers); artwork's format, size and colour.
//
// Everything here is a pure function of a file's bytes: a caller may cache
// an Info or ArtInfo under the file's content hash (see Hash) and Version.
// Probing reads only the few bytes it needs, however long the file is.
package media

import (
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Version changes whenever what Probe or CheckArtwork report of the same
// bytes does, so that a cache of their results can be keyed by it.
const Version = 1

// Format is a kind of file Apple Podcasts accepts as an enclosure.
type Format string

// The formats Apple Podcasts accepts as an episode's enclosure.
const (
	MP3 Format = "mp3"
	M4A Format = "m4a"
	MP4 Format = "mp4"
	M4V Format = "m4v"
	MOV Format = "mov"
	PDF Format = "pdf"
)

// Accepted is one row of the table of enclosure formats Apple Podcasts
// accepts: the format, the media type Apple asks for in the enclosure's
// type attribute, and the file name extensions it is known by (the first
// is the usual one).
type Accepted struct {
	Format     Format
	Type       string
	Extensions []string
	Audio      bool // MP3 and M4A; the others are video or a document
}

// Formats is every enclosure format Apple Podcasts accepts, with the media
// types Apple's podcast RSS requirements give for them.
var Formats = []Accepted{
	{MP3, "audio/mpeg", []string{".mp3"}, true},
	{M4A, "audio/x-m4a", []string{".m4a"}, true},
	{MP4, "video/mp4", []string{".mp4"}, false},
	{M4V, "video/x-m4v", []string{".m4v"}, false},
	{MOV, "video/quicktime", []string{".mov"}, false},
	{PDF, "application/pdf", []string{".pdf"}, false},
}

// acceptedList is how messages name the accepted formats.
const acceptedList = "an MP3, M4A, MP4, M4V, MOV or PDF file"

// Lookup returns the row of Formats for f.
func Lookup(f Format) (Accepted, bool) {
	for _, a := range Formats {
		if a.Format == f {
			return a, true
		}
	}
	return Accepted{}, false
}

// Type returns the media type Apple asks for f, or "" for a format it
// does not accept.
func (f Format) Type() string {
	a, _ := Lookup(f)
	return a.Type
}

// FormatForExtension returns the format a file name extension (".mp3",
// "MP3" or a whole name such as "ep1.mp3"; case does not matter) stands
// for, and false for one Apple Podcasts does not accept.
func FormatForExtension(ext string) (Format, bool) {
	e := normExt(ext)
	for _, a := range Formats {
		for _, x := range a.Extensions {
			if x == e {
				return a.Format, true
			}
		}
	}
	return "", false
}

// TypeForExtension returns the media type Apple Podcasts asks for a file
// name extension (see FormatForExtension), or "" and false for one it does
// not accept: TypeForExtension(".m4a") is "audio/x-m4a".
func TypeForExtension(ext string) (string, bool) {
	f, ok := FormatForExtension(ext)
	return f.Type(), ok
}

// FormatForType returns the format of a media type as an author may type
// it in an enclosure ("audio/mpeg"; case and parameters do not matter),
// and false for a type Apple Podcasts does not accept. Common other names
// of the same types (audio/mp3, audio/mp4, audio/m4a) are not accepted:
// Apple asks for the types of Formats.
func FormatForType(typ string) (Format, bool) {
	t, _, _ := strings.Cut(typ, ";")
	t = strings.ToLower(strings.TrimSpace(t))
	for _, a := range Formats {
		if a.Type == t {
			return a.Format, true
		}
	}
	return "", false
}

// normExt turns ".MP3", "mp3" or "dir/ep.Mp3" into ".mp3".
func normExt(s string) string {
	if e := filepath.Ext(s); e != "" {
		return strings.ToLower(e)
	}
	if s == "" {
		return ""
	}
	return "." + strings.ToLower(s)
}

// Info is what Probe measured of an enclosure. It is a small plain value
// (it encodes with encoding/gob and compares with ==), a function of the
// file's bytes alone.
type Info struct {
	Format   Format        // what the content is
	Type     string        // the media type Apple asks for it: Format.Type()
	Length   int64         // the file's size in bytes: the enclosure's length
	Duration time.Duration // how long it plays; 0 for a PDF
	Video    bool          // an MP4/M4V/MOV file holds a video track
}

// Seconds is the duration in whole seconds, rounded to the nearest.
func (i Info) Seconds() int64 { return Seconds(i.Duration) }

// Seconds is d in whole seconds, rounded to the nearest; a duration under
// half a second but above zero is one second, so that a measured file
// never says it lasts 0.
func Seconds(d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	s := int64((d + time.Second/2) / time.Second)
	if s == 0 {
		s = 1
	}
	return s
}

// ITunesDuration is the text of an itunes:duration element for d: the
// number of whole seconds ("3725"), the form Apple recommends.
func ITunesDuration(d time.Duration) string {
	return strconv.FormatInt(Seconds(d), 10)
}
