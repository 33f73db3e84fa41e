//go:build withcloud

package cli

import (
	"bytes"
	"context"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/streaming"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/bloberror"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
)

// Azurite's well-known development account and key.
const azAccount, azKey = "devstoreaccount1", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

// azureCloud is Azurite's Blob service over a folder, checked with the
// Azure SDK. Azurite keeps its index of blobs in memory and saves it on
// shutdown, so it is stopped with SIGTERM: a real store does not forget
// what it acknowledged.
var azureCloud = cloud{
	name: "azure",
	start: func(t *testing.T) (*emulator, store) {
		bin := lookTool(t, "azurite-blob", "npm install -g azurite@3.37.0")
		data, addr := t.TempDir(), freeAddr(t)
		_, port, _ := net.SplitHostPort(addr)
		e := newEmulator(t, "azurite", addr, syscall.SIGTERM,
			bin, "--blobHost", "127.0.0.1", "--blobPort", port, "--location", data, "--silent",
			"--skipApiVersionCheck", "--disableTelemetry")
		cred, err := azblob.NewSharedKeyCredential(azAccount, azKey)
		if err != nil {
			t.Fatal(err)
		}
		c, err := container.NewClientWithSharedKeyCredential("http://"+addr+"/"+azAccount+"/feeds", cred, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Create(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		return e, azureStore{c}
	},
	connect: func(t *testing.T, e *emulator, front string) string {
		t.Setenv("AZURE_STORAGE_ACCOUNT", azAccount)
		t.Setenv("AZURE_STORAGE_KEY", azKey)
		for _, v := range []string{"AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGEBLOB_CONNECTIONSTRING", "AZURE_STORAGE_SAS_TOKEN",
			"AZURE_STORAGE_DOMAIN", "AZURE_STORAGE_PROTOCOL", "AZURE_STORAGE_IS_LOCAL_EMULATOR"} {
			t.Setenv(v, "")
		}
		return "azblob://feeds/news?protocol=http&domain=" + front + "&localemu=true"
	},
}

type azureStore struct{ c *container.Client }

func (s azureStore) head(ctx context.Context, key string) (objectInfo, error) {
	p, err := s.c.NewBlobClient(key).GetProperties(ctx, nil)
	if err != nil {
		return objectInfo{}, err
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	var size int64
	if p.ContentLength != nil {
		size = *p.ContentLength
	}
	return objectInfo{contentType: str(p.ContentType), cacheControl: str(p.CacheControl), contentEncoding: str(p.ContentEncoding), size: size}, nil
}

func (s azureStore) read(ctx context.Context, key string) ([]byte, error) {
	r, err := s.c.NewBlobClient(key).DownloadStream(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer r.Body.Close()
	return io.ReadAll(r.Body)
}

func (s azureStore) put(ctx context.Context, key string, data []byte) error {
	_, err := s.c.NewBlockBlobClient(key).Upload(ctx, streaming.NopCloser(bytes.NewReader(data)), nil)
	return err
}

func (s azureStore) notFound(err error) bool { return bloberror.HasCode(err, bloberror.BlobNotFound) }
