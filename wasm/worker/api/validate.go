package api

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"strings"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/policy"
	"github.com/ovacheck/ovacheck/engine/settings"
)

// PolicyHeader carries a policy document in base64 for bodies that cannot
// hold one (a raw descriptor or OVA).
const PolicyHeader = "X-Ovacheck-Policy"

// validate handles POST /api/v1/validate.
func validate(w http.ResponseWriter, r *http.Request) {
	limit := int64(MaxBodyBytes)
	if _, multi := isMultipart(r.Header.Get("Content-Type")); multi {
		limit = MaxMultipartBytes
	}
	if r.ContentLength > limit {
		what := "body"
		if limit == MaxMultipartBytes {
			what = "multipart body"
		}
		tooLarge(w, r, tooLargeError{what: what, limit: limit})
		return
	}
	q, err := readQuery(r, settings.APIKeys)
	if err != nil {
		writeError(w, http.StatusBadRequest, optionError(err))
		return
	}
	body := newLimitedBody(r.Body, MaxBodyBytes)
	src, policyDoc, err := source(r, body, q.name)
	if err != nil {
		var big tooLargeError
		switch {
		case body.exceeded || errors.Is(err, errTooLarge):
			tooLarge(w, r, body.tooLarge())
			return
		case errors.As(err, &big):
			tooLarge(w, r, big)
			return
		}
		writeError(w, statusOf(err), apiError{Error: err.Error()})
		return
	}
	if policyDoc == nil {
		if policyDoc, err = headerPolicy(r.Header.Get(PolicyHeader)); err != nil {
			writeError(w, http.StatusBadRequest, apiError{Error: err.Error()})
			return
		}
	}
	if policyDoc != nil {
		if err := q.withPolicy(policyDoc); err != nil {
			writeError(w, http.StatusBadRequest, optionError(err))
			return
		}
	}
	// Disks are rarely sent to the API: files a multipart upload leaves out
	// are not sent, not missing.
	// The descriptor inside an OVA or a gzip is held to the same cap as
	// one sent alone: its check costs the isolate many times its size.
	opts := append(q.settings.Options(), engine.WithUnsentFilesUnchecked(), engine.WithMaxDescriptorSize(MaxDescriptorBytes))
	rep, err := engine.Check(r.Context(), src, opts...)
	if body.exceeded {
		tooLarge(w, r, body.tooLarge())
		return
	}
	if err != nil {
		// The engine could not finish: the body stopped arriving, or the
		// client went away. Nothing about the package is known.
		writeError(w, http.StatusBadRequest, apiError{Error: "the request body could not be read to its end: " + err.Error()})
		return
	}
	q.settings.Verdict(rep)
	writeReport(w, r, rep)
}

// query holds the validated query options.
type query struct {
	// values are the options as given, for a second parse once the body
	// brought a policy.
	values   url.Values
	settings settings.Settings
	name     string
}

// readQuery reads the request's query: name, and the options of package
// settings that the endpoint takes (accepted). Each is validated there,
// as the command line's flags and the page's fields are.
func readQuery(r *http.Request, accepted []string) (query, error) {
	v := r.URL.Query()
	q := query{name: baseName(v.Get("name"))}
	v.Del("name")
	s, err := settings.ParseOnly(v, accepted)
	if err != nil {
		return q, err
	}
	q.values, q.settings = v, s
	return q, nil
}

// withPolicy adds the policy sent in the body or the header to the
// query's options.
func (q *query) withPolicy(doc []byte) error {
	if q.values.Get(settings.KeyPolicy) != "" {
		return errors.New("the policy is given twice: in the query and in the body or the " + PolicyHeader + " header; give it once")
	}
	v := maps.Clone(q.values)
	v.Set(settings.KeyPolicy, string(doc))
	s, err := settings.ParseOnly(v, settings.APIKeys)
	if err != nil {
		return err
	}
	q.settings = s
	return nil
}

// optionError is the 400 answer to an option that is not valid; a
// policy's problems come with their fields' pointers.
func optionError(err error) apiError {
	e := apiError{Error: err.Error()}
	var pe *policy.Error
	if errors.As(err, &pe) {
		e.Problems = pe.Problems
	}
	return e
}

// source decides what the body is and returns the engine source for it,
// with the policy document of a multipart body.
func source(r *http.Request, body *limitedBody, name string) (engine.Source, []byte, error) {
	if boundary, ok := isMultipart(r.Header.Get("Content-Type")); ok {
		body.tighten(MaxMultipartBytes, "multipart body")
		up, err := readUpload(body, boundary)
		if err != nil {
			return engine.Source{}, nil, err
		}
		src, err := up.source()
		return src, up.policy, err
	}
	br := bufio.NewReaderSize(body, sniffSize)
	start, err := head(br)
	if err != nil {
		return engine.Source{}, nil, err
	}
	kind := archive.Sniff(start)
	switch {
	case kind == archive.KindEmpty:
		return engine.Source{}, nil, errBadRequest{"the body is empty: POST a descriptor (.ovf), an OVA, or multipart/form-data with one part per file"}
	case isArchive(kind):
		return engine.Stream(nameOr(name, "upload.ova"), br), nil, nil
	}
	body.tighten(MaxDescriptorBytes, "descriptor")
	data, err := io.ReadAll(br)
	if err != nil {
		return engine.Source{}, nil, err
	}
	return engine.Descriptor(nameOr(name, "upload.ovf"), data), nil, nil
}

// source picks what to check among the uploaded files: the one
// descriptor with the files beside it; else the one archive; else a lone
// file as a descriptor.
func (u *upload) source() (engine.Source, error) {
	descs := u.descriptors()
	switch {
	case len(descs) == 1:
		if len(u.files[descs[0]]) > MaxDescriptorBytes {
			return engine.Source{}, tooLargeError{what: "descriptor", limit: MaxDescriptorBytes}
		}
		return engine.Folder(u.files, descs[0]), nil
	case len(descs) > 1:
		return engine.Source{}, errBadRequest{fmt.Sprintf("%d descriptors (%s): send one package at a time", len(descs), strings.Join(descs, ", "))}
	}
	for _, n := range u.order {
		if data := u.files[n]; isArchive(archive.Sniff(data[:min(len(data), sniffSize)])) {
			return engine.OVA(n, bytes.NewReader(data), int64(len(data))), nil
		}
	}
	if len(u.order) == 1 {
		n := u.order[0]
		if len(u.files[n]) > MaxDescriptorBytes {
			return engine.Source{}, tooLargeError{what: "descriptor", limit: MaxDescriptorBytes}
		}
		return engine.Descriptor(n, u.files[n]), nil
	}
	return engine.Source{}, errBadRequest{"no descriptor (.ovf) or OVA among the parts " + strings.Join(u.order, ", ")}
}

func nameOr(name, fallback string) string {
	if name == "" {
		return fallback
	}
	return name
}

// maxPolicyHeader caps the policy header; the header form is for small
// policies (workerd refuses requests whose headers pass 128 KiB), larger
// ones go in a multipart part.
const maxPolicyHeader = 32 << 10

// headerPolicy decodes the policy header, or returns nil when there is
// none.
func headerPolicy(v string) ([]byte, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, nil
	}
	if len(v) > maxPolicyHeader {
		return nil, fmt.Errorf("the %s header is over %d bytes; send the policy as a multipart part named policy", PolicyHeader, maxPolicyHeader)
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(v); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("the %s header is not base64: encode the policy JSON (base64 -w0 policy.json)", PolicyHeader)
}

// tooLarge answers 413, saying which limit the body went over and
// pointing to the browser page.
func tooLarge(w http.ResponseWriter, r *http.Request, e tooLargeError) {
	page := siteRoot(r)
	why := ""
	if e.what == "descriptor" {
		why = " (checking a descriptor takes many times its size in memory, and a Worker has 128 MB)"
	}
	w.Header().Set("Connection", "close")
	writeError(w, http.StatusRequestEntityTooLarge, apiError{
		Error: fmt.Sprintf("the %s is over %d KiB, the limit of this API%s; check it in your browser at %s, where the file never leaves your computer",
			e.what, e.limit>>10, why, page),
		Limit:   e.limit,
		LimitOf: e.what,
		Browser: page,
	})
}

// siteRoot returns the URL of the site's page, from the request.
func siteRoot(r *http.Request) string {
	scheme := r.URL.Scheme
	if scheme == "" {
		scheme = "https"
		if r.TLS == nil && isLoopback(r.Host) {
			scheme = "http"
		}
	}
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	if host == "" {
		return "/"
	}
	return scheme + "://" + host + "/"
}

func isLoopback(host string) bool {
	h := host
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.HasSuffix(h, "]") {
		h = h[:i]
	}
	return h == "localhost" || strings.HasPrefix(h, "127.") || h == "[::1]"
}
