package podcast

import (
	"crypto/sha1"
	"fmt"
	"strings"
)

// guidNamespace is the UUID namespace Podcasting 2.0 names for
// podcast:guid.
var guidNamespace = [16]byte{0xea, 0xd4, 0xc2, 0x36, 0xbf, 0x58, 0x58, 0xc6, 0xa2, 0xc6, 0xa6, 0xb2, 0x8d, 0x12, 0x8c, 0xb6}

// GUID is a show's podcast:guid as Podcasting 2.0 derives it: the
// version 5 UUID of its feed URL without the scheme and trailing
// slashes, in the Podcasting 2.0 namespace.
func GUID(feedURL string) string {
	s := feedURL
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	s = strings.TrimRight(s, "/")
	h := sha1.New()
	h.Write(guidNamespace[:])
	h.Write([]byte(s))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
