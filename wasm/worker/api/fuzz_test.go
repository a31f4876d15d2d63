package api

import (
	"archive/tar"
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// FuzzValidate posts arbitrary bodies, raw and as multipart with a fixed
// boundary: the API must answer every one with a report or a 4xx, never a
// 5xx or a panic, with the security headers.
func FuzzValidate(f *testing.F) {
	files := applianceFiles()
	f.Add(files["appliance.ovf"], false)
	f.Add(ovatest.OVA(tar.FormatUSTAR, appliance.Members()...)[:4096], false)
	f.Add([]byte("--fz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.ovf\"\r\n\r\n<Envelope/>\r\n--fz--\r\n"), true)
	f.Add([]byte("--fz\r\nContent-Disposition: form-data; name=\"policy\"\r\n\r\n{\"rules\":[]}\r\n--fz\r\nContent-Disposition: form-data; name=\"x.ova\"\r\n\r\nustar\r\n--fz--\r\n"), true)
	f.Add([]byte{}, false)
	f.Fuzz(func(t *testing.T, body []byte, multipart bool) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/validate", bytes.NewReader(body))
		if multipart {
			req.Header.Set("Content-Type", "multipart/form-data; boundary=fz")
		}
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("status %d: %s", w.Code, w.Body.String())
		}
		checkSecurityHeaders(t, w.Result().Header)
	})
}
