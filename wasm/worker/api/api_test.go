package api

import (
	"archive/tar"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/schemas"
)

var handler = New()

// do serves one request and checks the headers every response must have.
func do(t *testing.T, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	handler.ServeHTTP(w, req)
	checkSecurityHeaders(t, w.Result().Header)
	if w.Code >= 500 {
		t.Errorf("%s %s: status %d: %s", req.Method, req.URL, w.Code, w.Body.String())
	}
	return w
}

func checkSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"} {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}

func post(body []byte, contentType, query string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, "/api/v1/validate"+query, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req
}

// decodeReport checks the body is a report that conforms to the schema.
func decodeReport(t *testing.T, w *httptest.ResponseRecorder) *report.Report {
	t.Helper()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	if err := schemas.Validate(schemas.Report, w.Body.Bytes()); err != nil {
		t.Fatalf("the report breaks the schema: %v", err)
	}
	var r report.Report
	if err := json.Unmarshal(w.Body.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

func hasRule(r *report.Report, prefix string) bool {
	for _, f := range r.Findings {
		if strings.HasPrefix(f.Rule, prefix) {
			return true
		}
	}
	return false
}

func multipartBody(t *testing.T, parts map[string][]byte, order ...string) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, name := range order {
		var w io.Writer
		var err error
		if name == "policy" {
			w, err = mw.CreateFormField("policy")
		} else {
			w, err = mw.CreateFormFile("file", name)
		}
		if err != nil {
			t.Fatal(err)
		}
		w.Write(parts[name])
	}
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

var appliance = ovatest.Appliance{}

func applianceFiles() map[string][]byte {
	out := map[string][]byte{}
	for _, m := range appliance.Members() {
		out[m.Name] = m.Data
	}
	return out
}

func TestValidateBodies(t *testing.T) {
	files := applianceFiles()
	ova := ovatest.OVA(tar.FormatUSTAR, appliance.Members()...)
	folder, folderType := multipartBody(t, files, "appliance.ovf", "appliance.mf", "appliance-disk1.vmdk")
	withOVA, ovaType := multipartBody(t, map[string][]byte{"appliance.ova": ova}, "appliance.ova")
	cases := []struct {
		name, contentType, query string
		body                     []byte
		kind, inputName          string
		verdictNot               report.Verdict
		wantRule                 string
	}{
		{"descriptor", "application/xml", "", files["appliance.ovf"], "descriptor", "upload.ovf", report.Fail, ""},
		{"descriptor named", "", "?name=dir/x.ovf", files["appliance.ovf"], "descriptor", "x.ovf", report.Fail, ""},
		{"broken descriptor", "application/xml", "", []byte("<?xml version='1.0'?>\n<Envelope><Bad"), "descriptor", "upload.ovf", report.Pass, "ENV"},
		{"not a descriptor", "text/plain", "", []byte("hello, world"), "descriptor", "upload.ovf", report.Pass, ""},
		{"ova streamed", "application/octet-stream", "", ova, "stream", "upload.ova", report.Fail, ""},
		{"gzip instead of ova", "", "", []byte("\x1f\x8b\x08\x00garbage"), "stream", "upload.ova", report.Pass, "PKG"},
		{"truncated ova", "", "", ova[:1500], "stream", "upload.ova", report.Pass, ""},
		{"descriptor and manifest", folderType, "", folder, "folder", "appliance.ovf", report.Fail, ""},
		{"ova as a part", ovaType, "", withOVA, "ova", "appliance.ova", report.Fail, ""},
		{"strict", "", "?profile=strict", files["appliance.ovf"], "descriptor", "upload.ovf", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := decodeReport(t, do(t, post(c.body, c.contentType, c.query)))
			if r.Input.Kind != c.kind || r.Input.Name != c.inputName {
				t.Errorf("input %+v, want kind %s named %s", r.Input, c.kind, c.inputName)
			}
			if c.verdictNot != "" && r.Verdict == c.verdictNot {
				t.Errorf("verdict %s; findings %+v", r.Verdict, r.Findings)
			}
			if c.wantRule != "" && !hasRule(r, c.wantRule) {
				t.Errorf("no %s finding in %+v", c.wantRule, r.Findings)
			}
		})
	}
}

func TestFolderChecksTheManifest(t *testing.T) {
	files := applianceFiles()
	body, ct := multipartBody(t, files, "appliance.ovf", "appliance.mf")
	r := decodeReport(t, do(t, post(body, ct, "")))
	if hasRule(r, "REF011") || r.Verdict == report.Fail {
		t.Errorf("a disk left out of the upload is reported missing: %s %+v", r.Verdict, r.Findings)
	}
	if len(r.Skipped) == 0 || !strings.Contains(strings.Join(r.Skipped, " "), "appliance-disk1.vmdk") {
		t.Errorf("the report does not say the disk was not checked: skipped %v", r.Skipped)
	}
	for _, f := range r.Files {
		if f.Member == "appliance.ovf" && f.Manifest != report.Match {
			t.Errorf("descriptor's manifest status %s, want match", f.Manifest)
		}
	}
	body, ct = multipartBody(t, map[string][]byte{"appliance.ovf": append(files["appliance.ovf"], ' '), "appliance.mf": files["appliance.mf"]}, "appliance.ovf", "appliance.mf")
	r = decodeReport(t, do(t, post(body, ct, "")))
	if !hasRule(r, "MF003") || r.Verdict != report.Fail {
		t.Errorf("an edited descriptor gives %s, findings %+v", r.Verdict, r.Findings)
	}
}

func TestPolicy(t *testing.T) {
	files := applianceFiles()
	doc := []byte(`{"requireSignature":true,"rules":[{"select":"all","severity":"off"},{"select":"POL*","severity":"error"}]}`)
	t.Run("multipart part", func(t *testing.T) {
		files["policy"] = doc
		body, ct := multipartBody(t, files, "policy", "appliance.ovf", "appliance.mf", "appliance-disk1.vmdk")
		r := decodeReport(t, do(t, post(body, ct, "")))
		if len(r.Findings) != 1 || r.Findings[0].Rule != "POL001" || r.Verdict != report.Fail {
			t.Errorf("findings %+v, verdict %s; want POL001 alone", r.Findings, r.Verdict)
		}
	})
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawURLEncoding} {
		t.Run("header", func(t *testing.T) {
			req := post(files["appliance.ovf"], "", "")
			req.Header.Set(PolicyHeader, enc.EncodeToString(doc))
			r := decodeReport(t, do(t, req))
			if !hasRule(r, "POL001") {
				t.Errorf("no POL001 in %+v", r.Findings)
			}
		})
	}
	t.Run("invalid", func(t *testing.T) {
		req := post(files["appliance.ovf"], "", "")
		req.Header.Set(PolicyHeader, base64.StdEncoding.EncodeToString([]byte(`{"rules":[{"select":"-MF99","severity":"off"}]}`)))
		w := do(t, req)
		var e apiError
		json.Unmarshal(w.Body.Bytes(), &e)
		if w.Code != http.StatusBadRequest || len(e.Problems) != 1 || e.Problems[0].Pointer != "/rules/0/select" ||
			!strings.Contains(e.Problems[0].Message, `"-MF99" is not a rule selector`) {
			t.Errorf("status %d, body %s", w.Code, w.Body.String())
		}
	})
	t.Run("not base64", func(t *testing.T) {
		req := post(files["appliance.ovf"], "", "")
		req.Header.Set(PolicyHeader, "{not base64}")
		if w := do(t, req); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "base64") {
			t.Errorf("status %d, body %s", w.Code, w.Body.String())
		}
	})
}

// chunked hides a body's length, as a chunked upload does.
type chunked struct{ io.Reader }

func TestTooLarge(t *testing.T) {
	big := bytes.Repeat([]byte("<!-- padding -->\n"), MaxBodyBytes/16)
	ova := ovatest.OVA(tar.FormatUSTAR, ovatest.Member{Name: "a.ovf", Data: []byte("<Envelope/>")}, ovatest.Member{Name: "big.vmdk", Data: big})
	mp, ct := multipartBody(t, map[string][]byte{"a.ovf": big}, "a.ovf")
	bigOVF := append([]byte("<Envelope/>"), bytes.Repeat([]byte(" "), MaxDescriptorBytes-10)...)
	mpOVF, ctOVF := multipartBody(t, map[string][]byte{"a.ovf": bigOVF, "a.mf": []byte("SHA256(a.ovf)= 00\n")}, "a.ovf", "a.mf")
	lone, ctLone := multipartBody(t, map[string][]byte{"upload": bigOVF}, "upload")
	cases := []struct {
		name        string
		body        io.Reader
		length      int64
		contentType string
		limit       int64
		limitOf     string
	}{
		{"declared length", bytes.NewReader(big), int64(len(big)), "", MaxBodyBytes, "body"},
		{"chunked descriptor", chunked{bytes.NewReader(big)}, -1, "", MaxDescriptorBytes, "descriptor"},
		{"descriptor one byte over", bytes.NewReader(bigOVF), int64(len(bigOVF)), "", MaxDescriptorBytes, "descriptor"},
		{"chunked ova", chunked{bytes.NewReader(ova)}, -1, "", MaxBodyBytes, "body"},
		{"chunked multipart", chunked{bytes.NewReader(mp)}, -1, ct, MaxMultipartBytes, "multipart body"},
		{"declared multipart", bytes.NewReader(mp), int64(len(mp)), ct, MaxMultipartBytes, "multipart body"},
		{"descriptor part", bytes.NewReader(mpOVF), int64(len(mpOVF)), ctOVF, MaxDescriptorBytes, "descriptor"},
		{"lone part", bytes.NewReader(lone), int64(len(lone)), ctLone, MaxDescriptorBytes, "descriptor"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8787/api/v1/validate", c.body)
			req.ContentLength = c.length
			if c.contentType != "" {
				req.Header.Set("Content-Type", c.contentType)
			}
			w := do(t, req)
			var e apiError
			json.Unmarshal(w.Body.Bytes(), &e)
			if w.Code != http.StatusRequestEntityTooLarge || e.Limit != c.limit || e.LimitOf != c.limitOf || e.Browser != "http://127.0.0.1:8787/" ||
				!strings.Contains(e.Error, "in your browser") || !strings.Contains(e.Error, "the "+c.limitOf+" is over") {
				t.Errorf("status %d, body %s", w.Code, w.Body.String())
			}
		})
	}
	// Exactly the limit is accepted: a descriptor of MaxDescriptorBytes,
	// and an OVA of MaxBodyBytes (two headers, the descriptor's block, the
	// disk and the two end blocks).
	exact := bigOVF[:MaxDescriptorBytes]
	req := httptest.NewRequest(http.MethodPost, "/api/v1/validate", chunked{bytes.NewReader(exact)})
	req.ContentLength = -1
	if w := do(t, req); w.Code != http.StatusOK {
		t.Errorf("a descriptor of exactly the limit: status %d", w.Code)
	}
	exactOVA := ovatest.OVA(tar.FormatUSTAR, ovatest.Member{Name: "a.ovf", Data: []byte("<Envelope/>")},
		ovatest.Member{Name: "big.vmdk", Data: make([]byte, MaxBodyBytes-3*512-1024)})
	if len(exactOVA) != MaxBodyBytes {
		t.Fatalf("the OVA is %d bytes", len(exactOVA))
	}
	req = httptest.NewRequest(http.MethodPost, "/api/v1/validate", chunked{bytes.NewReader(exactOVA)})
	req.ContentLength = -1
	if w := do(t, req); w.Code != http.StatusOK {
		t.Errorf("an OVA of exactly the limit: status %d: %.300s", w.Code, w.Body.String())
	}
}

// countingBody is a request body that counts what is read of it and
// whether it was closed.
type countingBody struct {
	r      io.Reader
	read   int64
	closed bool
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.read += int64(n)
	return n, err
}

func (b *countingBody) Close() error { b.closed = true; return nil }

// TestBodiesDrained checks that every answer, refusal or report, comes
// after the request body was read to its end (within maxDrainBytes) and
// closed: under workerd, a part-read body breaks the client's next request
// (see drain.go).
func TestBodiesDrained(t *testing.T) {
	var parts bytes.Buffer
	mw := multipart.NewWriter(&parts)
	for i := range 1000 {
		w, _ := mw.CreateFormFile("file", fmt.Sprintf("p%d.txt", i))
		io.WriteString(w, "x")
	}
	mw.Close()
	ovf := applianceFiles()["appliance.ovf"]
	padded := append(append([]byte{}, ovf...), bytes.Repeat([]byte(" "), 100<<10)...)
	xz := append([]byte("\xfd7zXZ\x00"), make([]byte, 100<<10)...)
	cases := []struct {
		name, method, target, contentType string
		body                              []byte
		want                              int
	}{
		{"1,000 parts", http.MethodPost, "/api/v1/validate", mw.FormDataContentType(), parts.Bytes(), 400},
		{"no boundary", http.MethodPost, "/api/v1/validate", "multipart/form-data", parts.Bytes(), 400},
		{"bad profile", http.MethodPost, "/api/v1/validate?profile=x", "", padded, 400},
		{"xz", http.MethodPost, "/api/v1/validate", "", xz, 200},
		{"descriptor", http.MethodPost, "/api/v1/validate", "", padded, 200},
		{"wrong method", http.MethodPut, "/api/v1/validate", "", padded, 405},
		{"no such path", http.MethodPost, "/api/v1/nothing", "", padded, 404},
		{"rules", http.MethodGet, "/api/v1/rules/MF003", "", padded, 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := &countingBody{r: bytes.NewReader(c.body)}
			req := httptest.NewRequest(c.method, c.target, body)
			if c.contentType != "" {
				req.Header.Set("Content-Type", c.contentType)
			}
			if w := do(t, req); w.Code != c.want {
				t.Errorf("status %d, want %d: %.200s", w.Code, c.want, w.Body.String())
			}
			if body.read != int64(len(c.body)) || !body.closed {
				t.Errorf("%d of %d bytes read, closed %v", body.read, len(c.body), body.closed)
			}
		})
	}
	// A body larger than any accepted is read no further than that, then
	// cancelled.
	endless := &countingBody{r: chunked{zeroes{}}}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/validate", endless)
	req.ContentLength = -1
	if w := do(t, req); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("endless body: status %d", w.Code)
	}
	if endless.read > maxDrainBytes || !endless.closed {
		t.Errorf("endless body: %d bytes read, closed %v", endless.read, endless.closed)
	}
}

// zeroes is an endless stream of zero bytes.
type zeroes struct{}

func (zeroes) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestBadRequests(t *testing.T) {
	ovf := applianceFiles()["appliance.ovf"]
	two, twoType := multipartBody(t, map[string][]byte{"a.ovf": ovf, "b.ovf": ovf}, "a.ovf", "b.ovf")
	noFile, noFileType := multipartBody(t, map[string][]byte{"policy": []byte(`{}`)}, "policy")
	cases := []struct {
		name, contentType, query string
		body                     []byte
		want                     string
	}{
		{"empty body", "", "", nil, "the body is empty"},
		{"bad profile", "", "?profile=lenient", ovf, `profile "lenient"`},
		{"bad target", "", "?targets=vsphere-8.0,%3Cscript%3E", ovf, `target "<script>"`},
		{"two descriptors", twoType, "", two, "2 descriptors"},
		{"policy only", noFileType, "", noFile, "no file among the parts"},
		{"no boundary", "multipart/form-data", "", []byte("x"), "boundary"},
		{"broken multipart", "multipart/form-data; boundary=zz", "", []byte("--zz\r\nbroken"), "multipart body cannot be read"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := do(t, post(c.body, c.contentType, c.query))
			var e apiError
			json.Unmarshal(w.Body.Bytes(), &e)
			if w.Code != http.StatusBadRequest || !strings.Contains(e.Error, c.want) {
				t.Errorf("status %d, body %s; want 400 with %q", w.Code, w.Body.String(), c.want)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

func TestHTMLReport(t *testing.T) {
	req := post([]byte("<Envelope><nonsense"), "", "?name=%3Cb%3Ebold.ovf")
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	w := do(t, req)
	body := w.Body.String()
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("status %d, type %s", w.Code, w.Header().Get("Content-Type"))
	}
	if strings.Contains(body, "<b>") || !strings.Contains(body, "&lt;b&gt;bold.ovf") {
		t.Error("the input name is not escaped in the HTML report")
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "style-src 'sha256-") {
		t.Errorf("the HTML report's CSP %q does not allow its style sheet", csp)
	}
	if w.Header().Get("Vary") != "Accept" {
		t.Error("no Vary: Accept")
	}
}

func TestPrefersHTML(t *testing.T) {
	cases := map[string]bool{
		"":                                  false,
		"*/*":                               false,
		"application/json":                  false,
		"text/html":                         true,
		"text/*":                            true,
		"text/html;q=0.5, application/json": false,
		"application/json;q=0.5, text/html": true,
		"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8": true,
		"text/html;q=0, */*": false,
		"garbage;;;":         false,
	}
	for accept, want := range cases {
		if got := prefersHTML(accept); got != want {
			t.Errorf("prefersHTML(%q) = %v, want %v", accept, got, want)
		}
	}
}

func TestRules(t *testing.T) {
	w := do(t, httptest.NewRequest(http.MethodGet, "/api/v1/rules", nil))
	var list []ruleJSON
	if err := json.Unmarshal(w.Body.Bytes(), &list); err != nil || w.Code != 200 {
		t.Fatalf("status %d: %v", w.Code, err)
	}
	found := false
	for _, r := range list {
		if r.ID == "MF004" {
			found = r.Title != "" && r.Severity == "warning" && r.Strict == "error" && r.Family == "MF" && r.Doc == ""
		}
	}
	if !found {
		t.Error("MF004 is missing from the list or incomplete")
	}
	w = do(t, httptest.NewRequest(http.MethodGet, "/api/v1/rules/mf003", nil))
	var one ruleJSON
	json.Unmarshal(w.Body.Bytes(), &one)
	if w.Code != 200 || one.ID != "MF003" || !strings.HasPrefix(one.Doc, "# MF003 ") {
		t.Errorf("status %d, rule %+v", w.Code, one)
	}
	w = do(t, httptest.NewRequest(http.MethodGet, "/api/v1/rules/XX999", nil))
	if w.Code != 404 || !strings.Contains(w.Body.String(), `"no rule XX999`) {
		t.Errorf("unknown rule: status %d, body %s", w.Code, w.Body.String())
	}
}

func TestMethodsAndPaths(t *testing.T) {
	cases := []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodGet, "/api/v1/validate", 405, "POST"},
		{http.MethodPut, "/api/v1/validate", 405, "POST"},
		{http.MethodPost, "/api/v1/rules", 405, "GET, HEAD"},
		{http.MethodDelete, "/api/v1/rules/MF003", 405, "GET, HEAD"},
		{http.MethodHead, "/api/v1/rules", 200, ""},
		{http.MethodGet, "/api/v2/validate", 404, ""},
		{http.MethodGet, "/index.html", 404, ""},
	}
	for _, c := range cases {
		w := do(t, httptest.NewRequest(c.method, c.path, nil))
		if w.Code != c.status || w.Header().Get("Allow") != c.allow {
			t.Errorf("%s %s: status %d, Allow %q; want %d, %q", c.method, c.path, w.Code, w.Header().Get("Allow"), c.status, c.allow)
		}
	}
}

func TestNilBody(t *testing.T) {
	// The Worker runtime gives a nil Body for a request without one.
	req := httptest.NewRequest(http.MethodPost, "/api/v1/validate", nil)
	req.Body = nil
	if w := do(t, req); w.Code != http.StatusBadRequest {
		t.Errorf("status %d", w.Code)
	}
}

// TestDescriptorInsideOVACapped: a descriptor inside an OVA is held to the
// same cap as one sent alone (its check costs the isolate many times its
// size), so a large one is named, not parsed.
func TestDescriptorInsideOVACapped(t *testing.T) {
	big := append([]byte("<?xml version=\"1.0\"?>\n<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"><!--"),
		bytes.Repeat([]byte("x"), MaxDescriptorBytes)...)
	big = append(big, []byte("--></Envelope>")...)
	ova := ovatest.OVA(tar.FormatUSTAR, ovatest.Member{Name: "a.ovf", Data: big})
	r := decodeReport(t, do(t, post(ova, "application/octet-stream", "")))
	if !hasRule(r, "PKG052") || r.Verdict != report.Fail {
		t.Errorf("verdict %s, findings %+v; want fail with PKG052", r.Verdict, r.Findings)
	}
}
