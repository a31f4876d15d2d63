package api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// TestQueryOptions: the query is parsed by engine/settings, as the
// command line's flags are: a misspelled value, an unknown parameter or
// contradicting options get 400 with the reason, and the body is still
// read to its end before the answer (drain.go).
func TestQueryOptions(t *testing.T) {
	ovf := applianceFiles()["appliance.ovf"]
	policyB64 := base64.StdEncoding.EncodeToString([]byte(`{"version": 1}`))
	cases := []struct {
		name, query string
		header      http.Header
		want        string
	}{
		{"misspelled profile", "?profile=strcit", nil, `profile "strcit" is not compat or strict (did you mean strict?)`},
		{"unknown parameter", "?profle=strict", nil, `unknown option "profle" (did you mean profile?)`},
		{"unknown target", "?targets=vsphere-9", nil, `unknown target "vsphere-9" (did you mean vsphere-9.0?)`},
		{"short checksum", "?sha256=abcd", nil, "sha256 has 4 hex digits: a SHA-256 is 64"},
		{"not taken here", "?trust-roots=x", nil, `option "trust-roots" is not taken here`},
		{"given twice", "?profile=strict&profile=compat", nil, "profile is given twice"},
		{"policy twice", "?policy=%7B%22version%22%3A1%7D", http.Header{PolicyHeader: {policyB64}}, "the policy is given twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := &countingBody{r: bytes.NewReader(ovf)}
			req := httptest.NewRequest(http.MethodPost, "/api/v1/validate"+c.query, body)
			for k, v := range c.header {
				req.Header[k] = v
			}
			w := do(t, req)
			var e apiError
			json.Unmarshal(w.Body.Bytes(), &e)
			if w.Code != http.StatusBadRequest || e.Status != 400 || !strings.Contains(e.Error, c.want) {
				t.Errorf("status %d, body %s; want 400 with %q", w.Code, w.Body.String(), c.want)
			}
			if body.read != int64(len(ovf)) || !body.closed {
				t.Errorf("%d of %d bytes read, closed %v: the body was not drained", body.read, len(ovf), body.closed)
			}
		})
	}
}

// TestQueryOptionsApplied: the options the API newly takes reach the
// check: fail-on=warning fails a package with a warning, and a published
// SHA-256 the upload does not have is a finding.
func TestQueryOptionsApplied(t *testing.T) {
	ova := ovatest.OVA(0, ovatest.Appliance{}.Members()...)
	base := decodeReport(t, do(t, post(ova, "", "?targets=xenserver-8")))
	if base.Verdict != report.Warn {
		t.Fatalf("the appliance judged for XenServer: verdict %s, want warn (CMP002)", base.Verdict)
	}
	r := decodeReport(t, do(t, post(ova, "", "?targets=xenserver-8&fail-on=warning")))
	if r.Verdict != report.Fail {
		t.Errorf("fail-on=warning: verdict %s, want fail", r.Verdict)
	}
	sum := strings.Repeat("0", 64)
	r = decodeReport(t, do(t, post(ova, "", "?sha256="+sum)))
	found := false
	for _, f := range r.Findings {
		found = found || strings.Contains(f.Message, sum)
	}
	if !found {
		t.Errorf("sha256=%s: no finding names it: %+v", sum, r.Findings)
	}
}

// TestURLQueryOptions: validate-url reads the structure only, so an option
// that needs every byte is refused by name before any fetch.
func TestURLQueryOptions(t *testing.T) {
	req := httptest.NewRequest(http.MethodPost, "/api/v1/validate-url?deep=true", strings.NewReader(`{"url": "https://example.com/a.ova"}`))
	w := do(t, req)
	var e urlError
	json.Unmarshal(w.Body.Bytes(), &e)
	if w.Code != http.StatusBadRequest || !strings.Contains(e.Error, `option "deep" is not taken here`) {
		t.Errorf("status %d, body %s; want 400 refusing deep", w.Code, w.Body.String())
	}
}
