//go:build withcloud

package publish

import (
	"context"
	"net/url"
	"os"

	azuploads "github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	azblob "github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
	"gocloud.dev/blob"
	_ "gocloud.dev/blob/azureblob" // azblob://

	"github.com/feedpub/feedpub/internal/diag"
)

func init() {
	clouds["azblob"] = cloud{check: checkAzure, open: func(ctx context.Context, dest string) (Store, error) {
		b, err := openBucket(ctx, dest)
		if err != nil {
			return nil, err
		}
		return bucket{b: b, listed: azureListed, update: azureUpdate, write: azureWrite}, nil
	}}
}

// checkAzure refuses an azblob:// destination when no credentials are
// configured. Configured means any of: AZURE_STORAGE_CONNECTION_STRING
// (or AZURE_STORAGEBLOB_CONNECTIONSTRING); AZURE_STORAGE_ACCOUNT with
// AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN; AZURE_STORAGE_ACCOUNT
// (or storage_account= in the URL) with a service principal or workload
// identity (AZURE_CLIENT_ID with AZURE_CLIENT_SECRET,
// AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE); or, to
// use a managed identity or the Azure CLI's login, the account with the
// explicit AZURE_USE_DEFAULT_CREDENTIAL=true.
func checkAzure(u *url.URL) error {
	if allSet("AZURE_STORAGE_CONNECTION_STRING") || allSet("AZURE_STORAGEBLOB_CONNECTIONSTRING") {
		return nil
	}
	account := os.Getenv("AZURE_STORAGE_ACCOUNT") != "" || u.Query().Get("storage_account") != ""
	if account && (allSet("AZURE_STORAGE_KEY") || allSet("AZURE_STORAGE_SAS_TOKEN") ||
		allSet("AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET") || allSet("AZURE_CLIENT_ID", "AZURE_CLIENT_CERTIFICATE_PATH") ||
		allSet("AZURE_CLIENT_ID", "AZURE_FEDERATED_TOKEN_FILE") || os.Getenv("AZURE_USE_DEFAULT_CREDENTIAL") == "true") {
		return nil
	}
	if !account {
		return diag.Settings.New("no Azure storage account is configured",
			"set AZURE_STORAGE_ACCOUNT and AZURE_STORAGE_KEY (or AZURE_STORAGE_SAS_TOKEN), or AZURE_STORAGE_CONNECTION_STRING")
	}
	return diag.Settings.New("no Azure credentials are configured",
		"set AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN, or AZURE_USE_DEFAULT_CREDENTIAL=true to use this machine's managed identity or the Azure CLI's login")
}

// azureListed reads the headers Azure lists with each blob.
func azureListed(lo *blob.ListObject, o *Object) {
	var az container.BlobItem
	if lo.As(&az) && az.Properties != nil && az.Name != nil {
		p := az.Properties
		o.Headers = &Headers{ContentType: deref(p.ContentType), CacheControl: deref(p.CacheControl), ContentEncoding: deref(p.ContentEncoding)}
		o.Native = *az.Name
	}
}

// azureUpdate sets the blob's HTTP headers. Azure replaces them all at
// once: its Content-MD5 is one of them, and must be given again.
func azureUpdate(ctx context.Context, b *blob.Bucket, o Object, h Headers, sum []byte) error {
	var az *container.Client
	if !b.As(&az) || o.Native == "" {
		return errCannotUpdate
	}
	_, err := az.NewBlobClient(o.Native).SetHTTPHeaders(ctx, azblob.HTTPHeaders{
		BlobContentType: &h.ContentType, BlobCacheControl: &h.CacheControl, BlobContentEncoding: &h.ContentEncoding,
		BlobContentMD5: sum,
	}, nil)
	return err
}

// azureWrite uploads through gocloud's Upload: its Azure writer crashes
// when an upload written to it fails (its Close closes a pipe that its
// upload goroutine has already dropped); its Upload path does not, but is
// taken only without ContentMD5, so the MD5 goes straight into the
// request.
func azureWrite(ctx context.Context, b *blob.Bucket, key string, data []byte, wo *blob.WriterOptions) error {
	sum := wo.ContentMD5
	wo.ContentMD5 = nil
	wo.BeforeWrite = func(as func(any) bool) error {
		var o *azuploads.UploadStreamOptions
		if as(&o) && o.HTTPHeaders != nil {
			o.HTTPHeaders.BlobContentMD5 = sum
		}
		return nil
	}
	return b.Upload(ctx, key, bytesReader(data), wo)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
