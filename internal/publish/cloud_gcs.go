//go:build withcloud

package publish

import (
	"context"
	"net/url"
	"os"
	"path/filepath"

	"cloud.google.com/go/storage"
	"gocloud.dev/blob"
	_ "gocloud.dev/blob/gcsblob" // gs://

	"github.com/feedpub/feedpub/internal/diag"
)

func init() {
	clouds["gs"] = cloud{check: checkGCS, open: func(ctx context.Context, dest string) (Store, error) {
		b, err := openBucket(ctx, dest)
		if err != nil {
			return nil, err
		}
		return bucket{b: b, listed: gcsListed, update: gcsUpdate}, nil
	}}
}

// checkGCS refuses a gs:// destination when no credentials are
// configured. Configured means any of: GOOGLE_APPLICATION_CREDENTIALS;
// the application default credentials file that 'gcloud auth
// application-default login' writes (under CLOUDSDK_CONFIG or
// ~/.config/gcloud); STORAGE_EMULATOR_HOST; anonymous=true in the URL;
// or, to use a Compute Engine instance's service account, the explicit
// GCE_METADATA_HOST (such as metadata.google.internal).
func checkGCS(u *url.URL) error {
	if u.Query().Get("anonymous") == "true" {
		return nil
	}
	for _, v := range []string{"GOOGLE_APPLICATION_CREDENTIALS", "STORAGE_EMULATOR_HOST", "GCE_METADATA_HOST"} {
		if os.Getenv(v) != "" {
			return nil
		}
	}
	dir := os.Getenv("CLOUDSDK_CONFIG")
	if home, err := os.UserHomeDir(); dir == "" && err == nil {
		dir = filepath.Join(home, ".config", "gcloud")
	}
	if dir != "" && fileExists(filepath.Join(dir, "application_default_credentials.json")) {
		return nil
	}
	return diag.Settings.New("no Google Cloud credentials are configured",
		"set GOOGLE_APPLICATION_CREDENTIALS to a service account's key file (or run gcloud auth application-default login), or GCE_METADATA_HOST=metadata.google.internal to use this machine's service account")
}

// gcsListed reads the headers Google Cloud Storage lists with each object.
func gcsListed(lo *blob.ListObject, o *Object) {
	var gcs storage.ObjectAttrs
	if lo.As(&gcs) {
		o.Headers = &Headers{ContentType: gcs.ContentType, CacheControl: gcs.CacheControl, ContentEncoding: gcs.ContentEncoding}
		o.Native, o.Bucket = gcs.Name, gcs.Bucket
	}
}

// gcsUpdate updates the object's metadata.
func gcsUpdate(ctx context.Context, b *blob.Bucket, o Object, h Headers, _ []byte) error {
	var gcs *storage.Client
	if !b.As(&gcs) || o.Native == "" || o.Bucket == "" {
		return errCannotUpdate
	}
	_, err := gcs.Bucket(o.Bucket).Object(o.Native).Update(ctx, storage.ObjectAttrsToUpdate{
		ContentType: h.ContentType, CacheControl: h.CacheControl, ContentEncoding: h.ContentEncoding,
	})
	return err
}
