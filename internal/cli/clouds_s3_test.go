//go:build withcloud

package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const s3Access, s3Secret = "feedpubtest", "feedpub-test-secret"

// s3Cloud is Versity's S3 gateway over a folder, checked with the AWS SDK.
var s3Cloud = cloud{
	name: "s3",
	start: func(t *testing.T) (*emulator, store) {
		bin := lookTool(t, "versitygw", "go install github.com/versity/versitygw/cmd/versitygw@v1.8.0")
		data, addr := t.TempDir(), freeAddr(t)
		os.Mkdir(filepath.Join(data, "feeds"), 0o755) // the bucket
		e := newEmulator(t, "versitygw", addr, syscall.SIGKILL,
			bin, "--access", s3Access, "--secret", s3Secret, "--port", addr, "posix", data)
		client := s3.New(s3.Options{
			Region: "us-east-1", BaseEndpoint: aws.String("http://" + addr), UsePathStyle: true,
			Credentials: credentials.NewStaticCredentialsProvider(s3Access, s3Secret, ""),
		})
		return e, s3Store{client}
	},
	connect: func(t *testing.T, e *emulator, front string) string {
		t.Setenv("AWS_ACCESS_KEY_ID", s3Access)
		t.Setenv("AWS_SECRET_ACCESS_KEY", s3Secret)
		t.Setenv("AWS_REGION", "us-east-1")
		return "s3://feeds/news?endpoint=http://" + front + "&region=us-east-1&use_path_style=true"
	},
}

type s3Store struct{ c *s3.Client }

func (s s3Store) head(ctx context.Context, key string) (objectInfo, error) {
	out, err := s.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("feeds"), Key: aws.String(key)})
	if err != nil {
		return objectInfo{}, err
	}
	return objectInfo{contentType: aws.ToString(out.ContentType), cacheControl: aws.ToString(out.CacheControl),
		contentEncoding: aws.ToString(out.ContentEncoding), size: aws.ToInt64(out.ContentLength)}, nil
}

func (s s3Store) read(ctx context.Context, key string) ([]byte, error) {
	out, err := s.c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("feeds"), Key: aws.String(key)})
	if err != nil {
		return nil, err
	}
	defer out.Body.Close()
	return io.ReadAll(out.Body)
}

func (s s3Store) put(ctx context.Context, key string, data []byte) error {
	_, err := s.c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("feeds"), Key: aws.String(key), Body: bytes.NewReader(data)})
	return err
}

func (s s3Store) notFound(err error) bool {
	var re *awshttp.ResponseError
	return errors.As(err, &re) && re.HTTPStatusCode() == 404
}
