//go:build withcloud

package publish

import (
	"context"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"gocloud.dev/blob"
	_ "gocloud.dev/blob/s3blob" // s3://

	"github.com/feedpub/feedpub/internal/diag"
)

func init() {
	clouds["s3"] = cloud{check: checkS3, open: func(ctx context.Context, dest string) (Store, error) {
		if os.Getenv("AWS_EC2_METADATA_DISABLED") == "" {
			// Instance roles are used only when asked for (see checkS3):
			// the SDK never asks the instance metadata address otherwise.
			os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
		}
		b, err := openBucket(ctx, dest)
		if err != nil {
			return nil, err
		}
		return bucket{b: b, update: s3Update, credentials: s3Credentials,
			redirects: true, described: s3Described, beforeWrite: s3BeforeWrite}, nil
	}}
}

// checkS3 refuses an s3:// destination when no credentials are
// configured. Configured means any of: AWS_ACCESS_KEY_ID with
// AWS_SECRET_ACCESS_KEY; a profile (AWS_PROFILE, or profile= in the URL)
// or a shared credentials or config file (AWS_SHARED_CREDENTIALS_FILE,
// AWS_CONFIG_FILE, or ~/.aws/credentials, ~/.aws/config); a web identity
// (AWS_WEB_IDENTITY_TOKEN_FILE); container credentials
// (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI); anonymous=true
// in the URL; or, to use an EC2 instance's role, the explicit
// AWS_EC2_METADATA_DISABLED=false. Without that last, the instance
// metadata address is never asked.
func checkS3(u *url.URL) error {
	q := u.Query()
	if q.Get("anonymous") == "true" || q.Get("profile") != "" {
		return nil
	}
	for _, v := range [][]string{
		{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}, {"AWS_ACCESS_KEY", "AWS_SECRET_KEY"},
		{"AWS_PROFILE"}, {"AWS_DEFAULT_PROFILE"}, {"AWS_WEB_IDENTITY_TOKEN_FILE"},
		{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"}, {"AWS_CONTAINER_CREDENTIALS_FULL_URI"},
	} {
		if allSet(v...) {
			return nil
		}
	}
	if strings.EqualFold(os.Getenv("AWS_EC2_METADATA_DISABLED"), "false") {
		return nil
	}
	files := []string{os.Getenv("AWS_SHARED_CREDENTIALS_FILE"), os.Getenv("AWS_CONFIG_FILE")}
	if home, err := os.UserHomeDir(); err == nil {
		files = append(files, filepath.Join(home, ".aws", "credentials"), filepath.Join(home, ".aws", "config"))
	}
	for _, f := range files {
		if f != "" && fileExists(f) {
			return nil
		}
	}
	return diag.Settings.New("no S3 credentials are configured",
		"set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE with ~/.aws/credentials), or AWS_EC2_METADATA_DISABLED=false to use this machine's instance role")
}

// s3Credentials words the SDK's error when what is configured (a
// profile, a file) gives it no keys: its own is a chain of every
// provider it tried.
func s3Credentials(err error) error {
	if !strings.Contains(err.Error(), "get credentials:") {
		return err
	}
	e := diag.Settings.New("the S3 credentials configured gave no keys",
		"set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or check AWS_PROFILE and its section in ~/.aws/credentials")
	e.Err = err
	return e
}

// s3Update copies the object onto itself with new metadata (the copy
// happens in the store).
func s3Update(ctx context.Context, b *blob.Bucket, o Object, h Headers, sum []byte) error {
	return b.Copy(ctx, o.Key, o.Key, &blob.CopyOptions{BeforeCopy: func(as func(any) bool) error {
		var in *s3.CopyObjectInput
		if !as(&in) {
			return errors.New("no S3 copy request to set headers on")
		}
		in.MetadataDirective = s3types.MetadataDirectiveReplace
		in.ContentType, in.CacheControl = aws.String(h.ContentType), aws.String(h.CacheControl)
		if h.ContentEncoding != "" {
			in.ContentEncoding = aws.String(h.ContentEncoding)
		}
		in.Metadata = map[string]string{md5Key: hex.EncodeToString(sum)}
		if h.Redirect != "" {
			in.WebsiteRedirectLocation = aws.String(h.Redirect)
		}
		return nil
	}})
}

// s3Described reads an object's website redirect from its HEAD.
func s3Described(attrs *blob.Attributes, h *Headers) {
	var out s3.HeadObjectOutput
	if attrs.As(&out) {
		h.Redirect = aws.ToString(out.WebsiteRedirectLocation)
	}
}

// s3BeforeWrite sets an upload's website redirect (the
// x-amz-website-redirect-location header).
func s3BeforeWrite(h Headers) func(as func(any) bool) error {
	return func(as func(any) bool) error {
		var in *transfermanager.UploadObjectInput
		if !as(&in) {
			return errors.New("no S3 upload request to set the redirect on")
		}
		in.WebsiteRedirectLocation = aws.String(h.Redirect)
		return nil
	}
}

// allSet reports whether every variable named is set and not empty.
func allSet(names ...string) bool {
	for _, n := range names {
		if os.Getenv(n) == "" {
			return false
		}
	}
	return true
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}
