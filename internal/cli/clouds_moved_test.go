//go:build withcloud

package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// TestPublishS3Redirect publishes a moved feed to S3 (Versity's gateway):
// the old feed's object carries the website redirect to the new address,
// which S3's website endpoints answer with a 301, and a second publish
// finds it right and uploads nothing.
func TestPublishS3Redirect(t *testing.T) {
	ctx := context.Background()
	e, st := s3Cloud.start(t)
	dest := s3Cloud.connect(t, e, e.addr)
	dir := site(t, map[string]string{"a.md": article("A", "2024-01-01", "tags: [go]")})
	const base = "article_pages: false\nbase_url: https://example.com/\n"
	write(t, dir, "feedpub.yaml", base)
	if code, _, errOut := run(t, dir, "-q"); code != 0 {
		t.Fatalf("first build: %s", errOut)
	}
	write(t, dir, "feedpub.yaml", base+"rss_file: feed.rss\nmoved: {rss.xml: feed.rss}\n")
	if code, _, errOut := run(t, dir, "publish", "-q", dest); code != 0 {
		t.Fatalf("publish: %s", errOut)
	}
	c := st.(s3Store).c
	for key, want := range map[string]string{
		"news/rss.xml": "https://example.com/feed.rss", "news/tags/go/rss.xml": "https://example.com/tags/go/feed.rss", "news/feed.rss": "",
	} {
		out, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("feeds"), Key: aws.String(key)})
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		if got := aws.ToString(out.WebsiteRedirectLocation); got != want {
			t.Errorf("%s redirects to %q, want %q", key, got, want)
		}
	}
	if data, err := st.read(ctx, "news/_redirects"); err != nil || !strings.Contains(string(data), "/rss.xml /feed.rss 301\n") {
		t.Errorf("_redirects: %q %v", data, err)
	}
	code, out, errOut := run(t, dir, "publish", dest)
	if code != 0 || !strings.Contains(out, ": 0 uploaded (0 bytes), 0 updated, 13 unchanged,") {
		t.Errorf("second publish: exit %d\n%s%s", code, out, errOut)
	}
}
