//go:build workerd && unix

package main

import (
	"archive/tar"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/httprange/httprangetest"
	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/schemas"
)

// POST /api/v1/validate-url under workerd, reading a package served on
// 127.0.0.1 through the Workers fetch: loopback is allowed here only by
// the Worker variable the test sets (testAllowLoopbackVar).
// Run with: go test -count=1 -tags workerd -run ValidateURL ./wasm/worker
func TestValidateURLUnderWorkerd(t *testing.T) {
	wrangler, err := filepath.Abs(filepath.Join(repoRoot, "node_modules/.bin/wrangler"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(wrangler); err != nil {
		t.Skip("wrangler is not installed (node_modules/.bin/wrangler): run npm install to test the Worker under workerd")
	}
	dir := t.TempDir()
	build(t, dir)
	config := filepath.Join(dir, "wrangler.jsonc")
	b, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	withVar := strings.Replace(string(b), `"assets":`, `"vars": {"OVACHECK_TEST_ALLOW_LOOPBACK_URLS": "1"},
  "assets":`, 1)
	write(t, config, withVar)
	base, _ := startWrangler(t, wrangler, dir)

	content := make([]byte, 4<<20)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range content {
		content[i] = byte(r.Uint32())
	}
	disk := ovatest.StreamOptimizedVMDK(8<<20, content)
	data := ovatest.OVA(tar.FormatUSTAR, ovatest.Appliance{Disks: [][]byte{disk}}.Members()...)
	s := httprangetest.New(t, data)

	post := func(t *testing.T, url string) (*http.Response, string) {
		return do(t, http.MethodPost, base+"/api/v1/validate-url", strings.NewReader(fmt.Sprintf(`{"url": %q}`, url)), "application/json", "")
	}
	t.Run("structure through ranges", func(t *testing.T) {
		res, body := post(t, s.URL+"/appliance.ova")
		if res.StatusCode != 200 {
			t.Fatalf("status %d: %s", res.StatusCode, body)
		}
		if err := schemas.Validate(schemas.Report, []byte(body)); err != nil {
			t.Fatalf("the report breaks the schema: %v", err)
		}
		var rep report.Report
		json.Unmarshal([]byte(body), &rep)
		if rep.Verdict == report.Fail || len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0], "appliance-disk1.vmdk") {
			t.Errorf("verdict %s skipped %q findings %+v", rep.Verdict, rep.Skipped, rep.Findings)
		}
		if s.Sent() > 256<<10 || rep.Input.BytesTransferred != s.Sent() {
			t.Errorf("the server sent %d bytes, the report says %d, of %d", s.Sent(), rep.Input.BytesTransferred, len(data))
		}
		t.Logf("%d bytes in %d subrequests for a %d-byte package", rep.Input.BytesTransferred, rep.Input.Requests, len(data))
	})
	for _, c := range []struct{ url, refused string }{
		{"http://10.0.0.8/a.ova", `"refused": "address"`},
		{"https://169.254.169.254/latest/meta-data", `"refused": "address"`},
		{"https://localhost/a.ova", `"refused": "name"`},
		{"ftp://example.com/a.ova", `"refused": "scheme"`},
	} {
		t.Run("refuses "+c.url, func(t *testing.T) {
			res, body := post(t, c.url)
			if res.StatusCode != http.StatusForbidden || !strings.Contains(body, c.refused) {
				t.Errorf("status %d: %s", res.StatusCode, body)
			}
		})
	}
	t.Run("bad bodies get 4xx", func(t *testing.T) {
		for _, body := range []string{``, `{`, `{"url": 7}`, `{"url": "a.ova"}`} {
			res, b := do(t, http.MethodPost, base+"/api/v1/validate-url", strings.NewReader(body), "application/json", "")
			if res.StatusCode < 400 || res.StatusCode >= 500 {
				t.Errorf("body %q: status %d: %s", body, res.StatusCode, b)
			}
		}
	})
	t.Run("a server without ranges is refused", func(t *testing.T) {
		plain := httprangetest.New(t, data)
		plain.NoRanges()
		res, body := post(t, plain.URL+"/appliance.ova")
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `"refused": "ranges"`) {
			t.Errorf("status %d: %s", res.StatusCode, body)
		}
	})
}
