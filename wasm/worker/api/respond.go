package api

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/policy"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/site"
)

// apiError is the JSON body of every response that is not a report or a
// rule: what went wrong, in a sentence, and the details that help.
type apiError struct {
	Status int    `json:"status"`
	Error  string `json:"error"`
	// Problems are a policy's problems, each with its field's pointer.
	Problems []policy.Problem `json:"problems,omitempty"`
	// Limit is the limit in bytes the body went over, on 413.
	Limit int64 `json:"limit,omitempty"`
	// LimitOf says what Limit is of, on 413: "body", "multipart body" or
	// "descriptor".
	LimitOf string `json:"limitOf,omitempty"`
	// Browser is the page that checks large packages locally, on 413.
	Browser string `json:"browser,omitempty"`
}

func writeError(w http.ResponseWriter, status int, e apiError) {
	e.Status = status
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, e)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"status":500,"error":"internal error: the response could not be encoded"}`)
	}
	b = append(b, '\n')
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// reportCSP lets the HTML report use its inline style sheet, named by its
// hash, and nothing else.
var reportCSP = func() string {
	sum := sha256.Sum256([]byte(site.StyleSheet()))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}()

// writeReport answers with r as JSON, or as the HTML report page when the
// client prefers HTML.
func writeReport(w http.ResponseWriter, req *http.Request, r *report.Report) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Add("Vary", "Accept")
	if !prefersHTML(req.Header.Get("Accept")) {
		writeJSON(w, http.StatusOK, r)
		return
	}
	var b strings.Builder
	if err := site.ReportPage(r).Render(req.Context(), &b); err != nil {
		writeError(w, http.StatusInternalServerError, apiError{Error: "internal error: the report page could not be rendered"})
		return
	}
	w.Header().Set("Content-Security-Policy", reportCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(b.String()))
}

// prefersHTML reports whether an Accept header ranks text/html above JSON.
// With no header, or */* alone, JSON wins: the API's default.
func prefersHTML(accept string) bool {
	return quality(accept, "text", "html") > quality(accept, "application", "json")
}

// quality returns the q value an Accept header gives type/sub, by its most
// specific matching range, or 0.
func quality(accept, typ, sub string) float64 {
	best, bestSpec := 0.0, -1
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		t, s, _ := strings.Cut(mt, "/")
		spec := -1
		switch {
		case t == typ && s == sub:
			spec = 2
		case t == typ && s == "*":
			spec = 1
		case t == "*" && s == "*":
			spec = 0
		}
		if spec < bestSpec || spec < 0 {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f <= 1 {
				q = f
			}
		}
		if spec > bestSpec || q > best {
			best, bestSpec = q, spec
		}
	}
	return best
}
