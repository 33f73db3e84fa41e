package media

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/cache"
)

func TestTypeForExtension(t *testing.T) {
	for ext, want := range map[string]string{
		".mp3": "audio/mpeg", "MP3": "audio/mpeg", "shows/ep1.Mp3": "audio/mpeg",
		".m4a": "audio/x-m4a", ".mp4": "video/mp4", ".m4v": "video/x-m4v",
		".mov": "video/quicktime", ".pdf": "application/pdf",
		".ogg": "", ".wav": "", ".aac": "", ".jpg": "", "": "",
	} {
		got, ok := TypeForExtension(ext)
		if got != want || ok != (want != "") {
			t.Errorf("TypeForExtension(%q) = %q, %v; want %q", ext, got, ok, want)
		}
	}
}

func TestFormatForType(t *testing.T) {
	for typ, want := range map[string]Format{
		"audio/mpeg": MP3, "Audio/MPEG; charset=binary": MP3, "audio/x-m4a": M4A,
		"video/mp4": MP4, "video/x-m4v": M4V, "video/quicktime": MOV, "application/pdf": PDF,
		"audio/mp3": "", "audio/mp4": "", "audio/m4a": "", "": "",
	} {
		got, ok := FormatForType(typ)
		if got != want || ok != (want != "") {
			t.Errorf("FormatForType(%q) = %q, %v; want %q", typ, got, ok, want)
		}
	}
	for _, a := range Formats {
		if f, _ := FormatForExtension(a.Extensions[0]); f != a.Format || f.Type() != a.Type {
			t.Errorf("%s: extension %s gives %s of type %s", a.Format, a.Extensions[0], f, f.Type())
		}
	}
}

func TestITunesDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0", -time.Second: "0", time.Millisecond: "1", 1499 * time.Millisecond: "1",
		1500 * time.Millisecond: "2", time.Hour + 2*time.Minute + 5*time.Second: "3725",
		7026939 * time.Microsecond: "7",
	} {
		if got := ITunesDuration(d); got != want {
			t.Errorf("ITunesDuration(%v) = %s, want %s", d, got, want)
		}
	}
}

func TestInfoCaches(t *testing.T) {
	path := filepath.Join("testdata", "vbr.mp3")
	info, err := Probe(path)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	var back Info
	if err := gob.NewEncoder(&b).Encode(info); err != nil {
		t.Fatal(err)
	}
	if err := gob.NewDecoder(&b).Decode(&back); err != nil || back != info {
		t.Errorf("gob round trip: %+v, %v; want %+v", back, err, info)
	}
	h, err := Hash(path)
	if err != nil || h != cache.Hash(read(t, "vbr.mp3")) {
		t.Errorf("Hash = %x, %v; want cache.Hash of the bytes", h, err)
	}
	if k := Key(h); k != fmt.Sprintf("media/%d/%x", Version, h) {
		t.Errorf("Key = %s", k)
	}
	if _, err := Hash(path + ".missing"); err == nil {
		t.Error("Hash of a missing file: no error")
	}
}
