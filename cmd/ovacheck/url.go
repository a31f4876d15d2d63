package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/httprange"
	"github.com/ovacheck/ovacheck/engine/report"
)

// isHTTPURL tells a package named by an http:// or https:// address.
func isHTTPURL(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://")
}

// urlInput is a package read over HTTP: what the check of it needs beyond
// a local file's, and what it reports afterwards. A nil *urlInput is a
// local input; its methods then do what a local check needs.
type urlInput struct {
	url  string
	file *httprange.File
	// start is when the first request was sent, for the closing note.
	start time.Time
}

// openInput opens a URL with openURL and anything else with openSource.
func openInput(ctx context.Context, name string, stdin io.Reader, descriptorOnly bool, stderr io.Writer) (engine.Source, func(), *urlInput, error) {
	if !isHTTPURL(name) {
		src, closeSrc, err := openSource(name, stdin, descriptorOnly)
		return src, closeSrc, nil, err
	}
	if descriptorOnly {
		return engine.Source{}, func() {}, nil, fmt.Errorf("--descriptor-only takes an .ovf file, not a URL")
	}
	return openURL(ctx, name, stderr)
}

// urlClient sends the requests of a URL check: no overall timeout (a large
// member takes as long as it takes; the context and the retries bound it),
// but a server that accepts no connection or sends no headers is given up
// on.
var urlClient = &http.Client{Transport: &http.Transport{
	Proxy:                 http.ProxyFromEnvironment,
	DialContext:           (&net.Dialer{Timeout: 30 * time.Second}).DialContext,
	TLSHandshakeTimeout:   30 * time.Second,
	ResponseHeaderTimeout: 60 * time.Second,
	MaxIdleConnsPerHost:   8,
	ForceAttemptHTTP2:     true,
}}

// urlOptions tunes the reader; tests shorten the pauses between retries.
var urlOptions = httprange.Options{Client: urlClient}

// openURL opens the package at rawURL: read at random through range
// requests when the server serves them, or else as one stream.
func openURL(ctx context.Context, rawURL string, stderr io.Writer) (engine.Source, func(), *urlInput, error) {
	nop := func() {}
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return engine.Source{}, nop, nil, fmt.Errorf("%q is not a URL ovacheck can read", rawURL)
	}
	in := &urlInput{url: rawURL, start: time.Now()}
	f, err := httprange.Open(ctx, rawURL, urlOptions)
	if err != nil {
		return engine.Source{}, nop, nil, err
	}
	in.file = f
	name := urlName(u)
	if !f.Ranges() {
		fmt.Fprintf(stderr, "ovacheck: %s does not serve byte ranges: the package is read whole, once, as a stream\n", u.Host)
		body := f.Stream()
		return engine.Stream(name, body), func() { body.Close() }, in, nil
	}
	if f.Pinned() == "" {
		fmt.Fprintf(stderr, "ovacheck: %s sends neither ETag nor Last-Modified: a change of the file while it is read is noticed only if its size changes\n", u.Host)
	}
	return engine.OVA(name, f, f.Size()), nop, in, nil
}

// urlName is the name a URL's package goes by in the report: the last
// segment of its path, or the host.
func urlName(u *url.URL) string {
	if base := path.Base(u.Path); base != "/" && base != "." && base != "" {
		return base
	}
	return u.Host
}

// options are the engine options the input adds: --structure-only stops
// before hashing, and says why in words that fit the input.
func (in *urlInput) options(structureOnly bool) []engine.Option {
	if !structureOnly {
		return nil
	}
	why := "--structure-only was given"
	if in != nil {
		if !in.file.Ranges() {
			// A stream passes whole anyway: hashing it costs no byte
			// more, so it is checked in full (the engine ignores the
			// option for a stream).
			return nil
		}
		why = "--structure-only: the members were not fetched"
	}
	return []engine.Option{engine.WithStructureOnly(why)}
}

// annotate writes into the report where the package was read from and
// what that cost.
func (in *urlInput) annotate(rep *report.Report) {
	if in == nil || rep == nil {
		return
	}
	rep.Input.URL = in.url
	rep.Input.BytesTransferred = in.file.Transferred()
	rep.Input.Requests = int(in.file.Requests())
}

// note ends the text output with what was transferred.
func (in *urlInput) note(w io.Writer, format string) {
	if in == nil || format != "text" {
		return
	}
	size := in.file.Size()
	of := ""
	if size >= 0 {
		of = fmt.Sprintf(" of %s", byteCount(size))
	}
	fmt.Fprintf(w, "\nRead %s%s from %s in %d requests, %.1f s\n", byteCount(in.file.Transferred()), of,
		in.url, in.file.Requests(), time.Since(in.start).Seconds())
}

// byteCount writes n in binary units, as the report's text does.
func byteCount(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}
