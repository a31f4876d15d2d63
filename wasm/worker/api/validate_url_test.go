// The native tests of validate-url: under js the API has no fetcher of its
// own (urlfetch_native.go); the Worker gives it one, and that path is
// tested under workerd (wasm/worker/url_workerd_test.go).

//go:build !js

package api

import (
	"archive/tar"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/httprange/httprangetest"
	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

func postURL(t *testing.T, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/validate-url", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return do(t, req)
}

// withURLConfig runs the test with cfg's non-nil fields in URLFetch.
func withURLConfig(t *testing.T, allowLoopback bool, resolve func(context.Context, string) ([]netip.Addr, error)) {
	saved := URLFetch
	t.Cleanup(func() { URLFetch = saved })
	URLFetch.AllowLoopbackHTTP = func() bool { return allowLoopback }
	if resolve != nil {
		URLFetch.Resolve = resolve
	}
}

func decodeURLError(t *testing.T, w *httptest.ResponseRecorder, status int, refused string) urlError {
	t.Helper()
	var e urlError
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || w.Code != status || e.Refused != refused || e.Error == "" {
		t.Errorf("status %d (want %d), refused %q (want %q): %s", w.Code, status, e.Refused, refused, w.Body.String())
	}
	return e
}

// bigPackageDisk is a stream-optimized VMDK of 4 MiB of random content:
// its probe reads a few dozen kilobytes in about 17 ranges.
func bigPackageDisk() []byte {
	content := make([]byte, 4<<20)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range content {
		content[i] = byte(r.Uint32())
	}
	return ovatest.StreamOptimizedVMDK(8<<20, content)
}

func bigPackage() []byte {
	return ovatest.OVA(tar.FormatUSTAR, ovatest.Appliance{Disks: [][]byte{bigPackageDisk()}}.Members()...)
}

// Under the test setting, a package on a loopback server gets its
// structural verdict from kilobytes, and the report leaves the digests to
// the client.
func TestValidateURL(t *testing.T) {
	withURLConfig(t, true, nil)
	data := bigPackage()
	s := httprangetest.New(t, data)
	w := postURL(t, fmt.Sprintf(`{"url": %q}`, s.URL+"/dl/appliance.ova"))
	rep := decodeReport(t, w)
	if rep.Verdict == report.Fail || rep.Input.Name != "appliance.ova" || rep.Input.URL != s.URL+"/dl/appliance.ova" {
		t.Errorf("verdict %s input %+v findings %+v", rep.Verdict, rep.Input, rep.Findings)
	}
	if len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0], "appliance-disk1.vmdk") || !strings.Contains(rep.Skipped[0], "hash the members") {
		t.Errorf("skipped %q", rep.Skipped)
	}
	if s.Sent() > 256<<10 || rep.Input.BytesTransferred != s.Sent() || int64(rep.Input.Requests) != s.Requests() {
		t.Errorf("server sent %d bytes in %d requests; report says %d in %d (package %d bytes)",
			s.Sent(), s.Requests(), rep.Input.BytesTransferred, rep.Input.Requests, len(data))
	}
	// The manifest's coverage is judged: a manifest missing the disk.
	members := ovatest.Appliance{}.Members()
	members[1].Data = ovatest.Manifest("sha256", members[0])
	s2 := httprangetest.New(t, ovatest.OVA(tar.FormatUSTAR, members...))
	rep = decodeReport(t, postURL(t, fmt.Sprintf(`{"url": %q}`, s2.URL+"/a.ova")))
	if !hasRule(rep, "MF") {
		t.Errorf("no manifest finding for an unlisted disk: %+v", rep.Findings)
	}
}

// Every refusal is a JSON error naming the rule, never a 5xx.
func TestValidateURLRefusals(t *testing.T) {
	withURLConfig(t, false, func(_ context.Context, host string) ([]netip.Addr, error) {
		switch host {
		case "inside.example.com":
			return []netip.Addr{netip.MustParseAddr("93.184.216.34"), netip.MustParseAddr("10.1.2.3")}, nil
		case "meta.example.com":
			return []netip.Addr{netip.MustParseAddr("169.254.169.254")}, nil
		}
		return nil, fmt.Errorf("no such host")
	})
	for _, c := range []struct {
		url, refused string
	}{
		{"http://downloads.example.com/a.ova", "scheme"},
		{"ftp://downloads.example.com/a.ova", "scheme"},
		{"https://user:pw@downloads.example.com/a.ova", "scheme"},
		{"https://127.0.0.1/a.ova", "address"},
		{"https://10.0.0.8/a.ova", "address"},
		{"https://192.168.1.1/a.ova", "address"},
		{"https://169.254.169.254/latest/meta-data", "address"},
		{"https://[::1]/a.ova", "address"},
		{"https://[fe80::1]/a.ova", "address"},
		{"https://[fd00::1]/a.ova", "address"},
		{"https://[::ffff:127.0.0.1]/a.ova", "address"},
		{"https://100.64.0.1/a.ova", "address"},
		{"https://0.0.0.0/a.ova", "address"},
		{"https://localhost/a.ova", "name"},
		{"https://files.localhost/a.ova", "name"},
		{"https://nas.local/a.ova", "name"},
		{"https://intranet/a.ova", "name"},
		{"https://inside.example.com/a.ova", "address"},
		{"https://meta.example.com/a.ova", "address"},
		{"https://unknown.example.com/a.ova", "name"},
	} {
		t.Run(c.url, func(t *testing.T) {
			decodeURLError(t, postURL(t, fmt.Sprintf(`{"url": %q}`, c.url)), http.StatusForbidden, c.refused)
		})
	}
	for _, body := range []string{``, `{`, `[]`, `{"url": 7}`, `{"url": ""}`, `{"url": "a.ova"}`, `{"url": "https://"}`} {
		w := postURL(t, body)
		if w.Code != http.StatusBadRequest && w.Code != http.StatusForbidden {
			t.Errorf("body %q: status %d: %s", body, w.Code, w.Body.String())
		}
	}
	w := do(t, httptest.NewRequest(http.MethodGet, "/api/v1/validate-url", nil))
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d", w.Code)
	}
}

// The test setting lets loopback through and nothing else; a redirect is
// checked like the URL itself.
func TestValidateURLTestSettingAndRedirects(t *testing.T) {
	withURLConfig(t, true, nil)
	decodeURLError(t, postURL(t, `{"url": "http://10.0.0.8/a.ova"}`), http.StatusForbidden, "address")
	decodeURLError(t, postURL(t, `{"url": "http://[fe80::1]/a.ova"}`), http.StatusForbidden, "address")

	s := httprangetest.New(t, bigPackage())
	redirects := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/private" {
			http.Redirect(w, r, "http://192.168.0.10/a.ova", http.StatusFound)
			return
		}
		http.Redirect(w, r, s.URL+"/a.ova", http.StatusFound)
	}))
	defer redirects.Close()
	decodeURLError(t, postURL(t, fmt.Sprintf(`{"url": %q}`, redirects.URL+"/private")), http.StatusForbidden, "address")
	rep := decodeReport(t, postURL(t, fmt.Sprintf(`{"url": %q}`, redirects.URL+"/public")))
	if rep.Verdict == report.Fail {
		t.Errorf("through a redirect: %+v", rep.Findings)
	}
}

// Disks whose probes need more subrequests than the cap still get a
// report, which says what was not read.
func TestValidateURLProbeCap(t *testing.T) {
	withURLConfig(t, true, nil)
	var disks [][]byte
	for range 3 {
		disks = append(disks, bigPackageDisk())
	}
	s := httprangetest.New(t, ovatest.OVA(tar.FormatUSTAR, ovatest.Appliance{Disks: disks}.Members()...))
	rep := decodeReport(t, postURL(t, fmt.Sprintf(`{"url": %q}`, s.URL+"/a.ova")))
	if s.Requests() > MaxURLSubrequests || len(rep.Skipped) != 2 || !strings.Contains(rep.Skipped[1], "subrequests") {
		t.Errorf("%d subrequests; skipped %q", s.Requests(), rep.Skipped)
	}
}

// A server without ranges, a missing file and a package whose structure
// takes too many subrequests each get their own error.
func TestValidateURLCannotRead(t *testing.T) {
	withURLConfig(t, true, nil)
	s := httprangetest.New(t, bigPackage())
	s.NoRanges()
	decodeURLError(t, postURL(t, fmt.Sprintf(`{"url": %q}`, s.URL+"/a.ova")), http.StatusUnprocessableEntity, "ranges")

	notFound := httptest.NewServer(http.NotFoundHandler())
	defer notFound.Close()
	decodeURLError(t, postURL(t, fmt.Sprintf(`{"url": %q}`, notFound.URL+"/a.ova")), http.StatusUnprocessableEntity, "fetch")

	// Members of 64 KiB: each tar header is a subrequest of its own.
	var many []ovatest.Member
	for i := range MaxURLSubrequests + 5 {
		many = append(many, ovatest.Member{Name: fmt.Sprintf("extra%02d.bin", i), Data: make([]byte, 64<<10)})
	}
	s = httprangetest.New(t, ovatest.OVA(tar.FormatUSTAR, append(ovatest.Appliance{}.Members(), many...)...))
	decodeURLError(t, postURL(t, fmt.Sprintf(`{"url": %q}`, s.URL+"/a.ova")), http.StatusUnprocessableEntity, "limit")
	if s.Requests() > MaxURLSubrequests {
		t.Errorf("%d subrequests made, cap %d", s.Requests(), MaxURLSubrequests)
	}
}
