package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/httprange"
	"github.com/ovacheck/ovacheck/engine/settings"
)

// Caps of one POST /api/v1/validate-url. A Worker may make 50 subrequests
// per request on the free plan (Cloudflare's Workers limits page, "recalled");
// the structure of a package of a few members takes a handful (the first
// 64 KiB, the header of each large member, the end of the archive, the
// disk headers), and the name lookups count too. The bytes cap leaves room
// for the largest descriptor the API checks (MaxDescriptorBytes) and a
// manifest and certificate besides.
const (
	MaxURLSubrequests = 40
	MaxURLBytes       = 4 << 20
	// maxURLRequestBody caps the JSON body: a URL and little else.
	maxURLRequestBody = 16 << 10
)

// urlSkipped is why the digests are not computed at the edge.
const urlSkipped = "the API reads the structure only: hash the members where you download them " +
	"(sha256sum, or ovacheck on the file or URL) and compare with the manifest"

// urlRequest is the body of POST /api/v1/validate-url.
type urlRequest struct {
	URL string `json:"url"`
}

// urlError is the JSON body of a refused or failed URL check. Refused
// names the rule the URL broke: "scheme", "name", "address", "redirect",
// "limit", "ranges" or "fetch"; it is empty for a malformed request.
type urlError struct {
	Status  int    `json:"status"`
	Error   string `json:"error"`
	Refused string `json:"refused,omitempty"`
	URL     string `json:"url,omitempty"`
}

func writeURLError(w http.ResponseWriter, status int, e urlError) {
	e.Status = status
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, e)
}

// validateURL handles POST /api/v1/validate-url: the package at the URL is
// read through range subrequests, and its structure is judged: the tar
// headers, the descriptor, the manifest's syntax and coverage, the
// certificate and signature over the manifest, the disk headers. The
// members' digests are left to the client; the report's skipped says so.
func validateURL(w http.ResponseWriter, r *http.Request) {
	q, err := readQuery(r, settings.APIURLKeys)
	if err != nil {
		writeURLError(w, http.StatusBadRequest, urlError{Error: err.Error()})
		return
	}
	var body urlRequest
	dec := json.NewDecoder(io.LimitReader(r.Body, maxURLRequestBody))
	if err := dec.Decode(&body); err != nil {
		writeURLError(w, http.StatusBadRequest, urlError{Error: `the body must be JSON of the form {"url": "https://..."}`})
		return
	}
	raw := strings.TrimSpace(body.URL)
	u, err := url.Parse(raw)
	if raw == "" || err != nil || !u.IsAbs() {
		writeURLError(w, http.StatusBadRequest, urlError{Error: `"url" must be an absolute https URL`, URL: truncate(raw, 200)})
		return
	}
	if URLFetch.Client == nil || URLFetch.Resolve == nil {
		writeURLError(w, http.StatusNotImplemented, urlError{Error: "this server is not set up to fetch URLs"})
		return
	}
	g := &guard{cfg: URLFetch, maxSubrequests: MaxURLSubrequests}
	if err := g.check(r.Context(), u); err != nil {
		writeURLError(w, http.StatusForbidden, refusalError(err, raw))
		return
	}
	f, err := httprange.Open(r.Context(), u.String(), httprange.Options{
		Client: g, MaxBytes: MaxURLBytes, Retries: 2, Parallel: 1,
	})
	if err != nil {
		writeURLError(w, statusOfURLError(err), refusalError(err, raw))
		return
	}
	if !f.Ranges() {
		f.Stream().Close()
		writeURLError(w, http.StatusUnprocessableEntity, urlError{Refused: "ranges", URL: truncate(raw, 200),
			Error: "the server does not serve byte ranges, so the package cannot be read without downloading it whole; " +
				"check it with the ovacheck command line (which reads it once as a stream) or in the browser"})
		return
	}
	name := q.name
	if name == "" {
		// The name the package goes by where it lies: a download link
		// often redirects to the file.
		at := u
		g.mu.Lock()
		if final, ok := g.final[u.String()]; ok {
			at = final
		}
		g.mu.Unlock()
		name = path.Base(at.Path)
		if name == "/" || name == "." {
			name = at.Host
		}
	}
	opts := append(q.settings.Options(), engine.WithStructureOnly(urlSkipped),
		engine.WithMaxDescriptorSize(MaxDescriptorBytes))
	rep, err := engine.Check(r.Context(), engine.OVA(name, f, f.Size()), opts...)
	if err != nil {
		writeURLError(w, statusOfURLError(err), refusalError(err, raw))
		return
	}
	g.mu.Lock()
	if g.exhausted {
		// Past the archive's headers and small members, only the disk
		// probes read more: they stopped where the cap was reached, and
		// each such disk's notes say so.
		rep.Skipped = append(rep.Skipped, fmt.Sprintf("part of the disk headers and grain tables (the cap of %d subrequests was reached; the disks' notes say which)", MaxURLSubrequests))
	}
	g.mu.Unlock()
	q.settings.Verdict(rep)
	rep.Input.URL = truncate(raw, 2000)
	rep.Input.BytesTransferred = f.Transferred()
	rep.Input.Requests = int(f.Requests())
	writeReport(w, r, rep)
}

// refusalError words err for the client.
func refusalError(err error, raw string) urlError {
	e := urlError{Error: err.Error(), URL: truncate(raw, 200), Refused: "fetch"}
	var ref *refusal
	switch {
	case errors.As(err, &ref):
		e.Refused, e.Error = ref.code, ref.reason
	case errors.Is(err, httprange.ErrLimit):
		e.Refused = "limit"
		e.Error = fmt.Sprintf("reading the package's structure needed more than %d subrequests or %d bytes; "+
			"check it with the ovacheck command line or in the browser", MaxURLSubrequests, MaxURLBytes)
	case errors.Is(err, httprange.ErrChanged):
		e.Error = "the package changed on the server while it was read: " + err.Error()
	}
	return e
}

// statusOfURLError is 403 for a refused address, 422 for a package that
// could not be read as asked (the server's answer, the limits): never a
// 5xx, which would say the API failed.
func statusOfURLError(err error) int {
	var ref *refusal
	if errors.As(err, &ref) && ref.code != "limit" {
		return http.StatusForbidden
	}
	return http.StatusUnprocessableEntity
}
