//go:build withcloud

package publish

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/feedpub/feedpub/internal/diag"
)

// bare clears every variable a cloud's credentials may come from, and
// gives the test a home of its own with no credential files.
func bare(t *testing.T) string {
	t.Helper()
	for _, v := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN",
		"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED",
		"GOOGLE_APPLICATION_CREDENTIALS", "STORAGE_EMULATOR_HOST", "GCE_METADATA_HOST", "CLOUDSDK_CONFIG",
		"AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGEBLOB_CONNECTIONSTRING", "AZURE_STORAGE_ACCOUNT", "AZURE_STORAGE_KEY",
		"AZURE_STORAGE_SAS_TOKEN", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH",
		"AZURE_FEDERATED_TOKEN_FILE", "AZURE_USE_DEFAULT_CREDENTIAL"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	return home
}

// TestCheckCredentials: with no credentials configured, each cloud's
// URL is refused before the build in one sentence naming the variables
// to set; each way of configuring them lets it through.
func TestCheckCredentials(t *testing.T) {
	const (
		s3Msg = "no S3 credentials are configured — set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE with " +
			"~/.aws/credentials), or AWS_EC2_METADATA_DISABLED=false to use this machine's instance role"
		gcsMsg = "no Google Cloud credentials are configured — set GOOGLE_APPLICATION_CREDENTIALS to a service account's key file " +
			"(or run gcloud auth application-default login), or GCE_METADATA_HOST=metadata.google.internal to use this machine's service account"
		azAccountMsg = "no Azure storage account is configured — set AZURE_STORAGE_ACCOUNT and AZURE_STORAGE_KEY (or AZURE_STORAGE_SAS_TOKEN), " +
			"or AZURE_STORAGE_CONNECTION_STRING"
		azMsg = "no Azure credentials are configured — set AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN, or " +
			"AZURE_USE_DEFAULT_CREDENTIAL=true to use this machine's managed identity or the Azure CLI's login"
	)
	for _, tt := range []struct {
		name string
		dest string
		env  map[string]string
		file string // made below the test's home
		want string
	}{
		{"s3 bare", "s3://feeds/news?region=eu-west-1", nil, "", s3Msg},
		{"s3 keys", "s3://feeds", map[string]string{"AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "s"}, "", ""},
		{"s3 key alone", "s3://feeds", map[string]string{"AWS_ACCESS_KEY_ID": "a"}, "", s3Msg},
		{"s3 profile", "s3://feeds", map[string]string{"AWS_PROFILE": "news"}, "", ""},
		{"s3 profile in the URL", "s3://feeds?profile=news", nil, "", ""},
		{"s3 anonymous", "s3://feeds?anonymous=true", nil, "", ""},
		{"s3 shared file", "s3://feeds", nil, ".aws/credentials", ""},
		{"s3 web identity", "s3://feeds", map[string]string{"AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token"}, "", ""},
		{"s3 container", "s3://feeds", map[string]string{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials"}, "", ""},
		{"s3 instance role", "s3://feeds", map[string]string{"AWS_EC2_METADATA_DISABLED": "false"}, "", ""},
		{"s3 metadata disabled", "s3://feeds", map[string]string{"AWS_EC2_METADATA_DISABLED": "true"}, "", s3Msg},
		{"gs bare", "gs://feeds/news", nil, "", gcsMsg},
		{"gs key file", "gs://feeds", map[string]string{"GOOGLE_APPLICATION_CREDENTIALS": "/etc/key.json"}, "", ""},
		{"gs gcloud login", "gs://feeds", nil, ".config/gcloud/application_default_credentials.json", ""},
		{"gs emulator", "gs://feeds", map[string]string{"STORAGE_EMULATOR_HOST": "127.0.0.1:4443"}, "", ""},
		{"gs anonymous", "gs://feeds?anonymous=true", nil, "", ""},
		{"gs instance", "gs://feeds", map[string]string{"GCE_METADATA_HOST": "metadata.google.internal"}, "", ""},
		{"azure bare", "azblob://feeds", nil, "", azAccountMsg},
		{"azure account alone", "azblob://feeds", map[string]string{"AZURE_STORAGE_ACCOUNT": "news"}, "", azMsg},
		{"azure key", "azblob://feeds", map[string]string{"AZURE_STORAGE_ACCOUNT": "news", "AZURE_STORAGE_KEY": "k"}, "", ""},
		{"azure sas", "azblob://feeds?storage_account=news", map[string]string{"AZURE_STORAGE_SAS_TOKEN": "sv=1"}, "", ""},
		{"azure connection string", "azblob://feeds", map[string]string{"AZURE_STORAGE_CONNECTION_STRING": "AccountName=x"}, "", ""},
		{"azure service principal", "azblob://feeds", map[string]string{"AZURE_STORAGE_ACCOUNT": "news",
			"AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "s"}, "", ""},
		{"azure managed identity", "azblob://feeds", map[string]string{"AZURE_STORAGE_ACCOUNT": "news",
			"AZURE_USE_DEFAULT_CREDENTIAL": "true"}, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			home := bare(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			if tt.file != "" {
				p := filepath.Join(home, filepath.FromSlash(tt.file))
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte("[default]\n"), 0o600)
			}
			err := Check(tt.dest)
			if tt.want == "" {
				if err != nil {
					t.Errorf("%s: %v", tt.dest, err)
				}
				return
			}
			if p := diag.Problems(err); len(p) != 1 || p[0].Kind != diag.Settings || p[0].Error() != tt.want {
				t.Errorf("%s:\n got %v\nwant %s", tt.dest, err, tt.want)
			}
		})
	}
}

// TestS3NeverAsksTheInstance: opening an S3 bucket without the explicit
// opt-in to instance roles turns the SDK's instance metadata client off.
func TestS3NeverAsksTheInstance(t *testing.T) {
	bare(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "a")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "s")
	os.Unsetenv("AWS_EC2_METADATA_DISABLED")
	s, err := Open(t.Context(), "s3://feeds?region=eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if v := os.Getenv("AWS_EC2_METADATA_DISABLED"); v != "true" {
		t.Errorf("AWS_EC2_METADATA_DISABLED = %q after opening, want true", v)
	}
}

// TestS3ProfileWithoutKeys: a shared file that holds no keys lets the
// URL through the check, and then the listing fails without a single
// request to the instance metadata address (here a server on loopback
// that counts them).
func TestS3ProfileWithoutKeys(t *testing.T) {
	home := bare(t)
	os.MkdirAll(filepath.Join(home, ".aws"), 0o755)
	os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte("[default]\n"), 0o600)
	var asked atomic.Int32
	imds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		http.Error(w, "no role", http.StatusNotFound)
	}))
	defer imds.Close()
	t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.URL)
	s, err := Open(t.Context(), "s3://feeds?region=us-east-1&endpoint=http://127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.List(t.Context(), "")
	if err == nil {
		t.Fatal("listing without keys succeeded")
	}
	want := "the S3 credentials configured gave no keys — set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or check AWS_PROFILE and its section in ~/.aws/credentials"
	if p := diag.Problems(err); len(p) != 1 || p[0].Kind != diag.Settings || p[0].Error() != want {
		t.Errorf("listing without keys: %v\nwant %s", err, want)
	}
	if n := asked.Load(); n != 0 {
		t.Errorf("the instance metadata address was asked %d times", n)
	}
}

// TestOpenBadSetting: a setting gocloud does not know in a bucket URL is
// a usage error that names the setting and the URL without its query.
func TestOpenBadSetting(t *testing.T) {
	bare(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "a")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "s")
	_, err := Open(t.Context(), "s3://feeds/news?regoin=eu-west-1")
	p := diag.Problems(err)
	if len(p) != 1 || p[0].Kind != diag.Usage || !strings.HasPrefix(p[0].Error(), "cannot open s3://feeds/news: ") ||
		strings.Contains(p[0].Error(), "eu-west-1") || !strings.Contains(p[0].Error(), `"regoin"`) ||
		!strings.HasSuffix(p[0].Error(), " — correct the bucket URL and its settings after ?") {
		t.Errorf("%v", err)
	}
}
