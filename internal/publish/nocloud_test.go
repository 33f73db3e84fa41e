//go:build !withcloud

package publish

import (
	"testing"

	"github.com/feedpub/feedpub/internal/diag"
)

// TestCheckNoCloud: the default build names the install command of the
// cloud build for each cloud's URL.
func TestCheckNoCloud(t *testing.T) {
	if CloudBuild() {
		t.Fatal("the default build registers a cloud")
	}
	for _, scheme := range []string{"s3", "gs", "azblob"} {
		err := Check(scheme + "://feeds/news?region=eu-west-1")
		want := "this feedpub publishes to folders (file://) only, not to " + scheme +
			":// — install the build with the clouds: go install -tags withcloud github.com/feedpub/feedpub@latest"
		if p := diag.Problems(err); len(p) != 1 || p[0].Kind != diag.Settings || p[0].Error() != want {
			t.Errorf("%s: %v\nwant %s", scheme, err, want)
		}
	}
}
