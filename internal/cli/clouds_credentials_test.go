//go:build withcloud

package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPublishNoCredentials: in the cloud build, a cloud with no
// credentials configured stops publish before the build, with one
// sentence naming what to set.
func TestPublishNoCredentials(t *testing.T) {
	for _, v := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_PROFILE",
		"AWS_DEFAULT_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
		"AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	t.Setenv("HOME", t.TempDir())
	dir := site(t, map[string]string{"a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nA.\n"})
	code, out, errOut := run(t, dir, "publish", "s3://feeds/news?region=eu-west-1")
	want := "feedpub: no S3 credentials are configured — set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE with " +
		"~/.aws/credentials), or AWS_EC2_METADATA_DISABLED=false to use this machine's instance role\n"
	if code != 2 || out != "" || errOut != want {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s\nwant exit 2 and: %s", code, out, errOut, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("the build ran: %v", err)
	}
}
