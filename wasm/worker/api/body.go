package api

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/ovacheck/ovacheck/engine/archive"
)

// errTooLarge is what the body reader returns past MaxBodyBytes.
var errTooLarge = errors.New("request body over the limit")

// errBadRequest marks a body the API cannot take apart (not a package
// problem, which gets a report).
type errBadRequest struct{ msg string }

func (e errBadRequest) Error() string { return e.msg }

// tooLargeError is a body, or a part of one, over the limit of its kind.
type tooLargeError struct {
	what  string // "body", "multipart body", "descriptor"
	limit int64
}

func (e tooLargeError) Error() string { return fmt.Sprintf("the %s is over %d bytes", e.what, e.limit) }

// limitedBody reads at most limit bytes of r and then fails with
// errTooLarge, remembering that it did, so a caller can tell "too large"
// from a package the engine found truncated.
type limitedBody struct {
	r        io.Reader
	what     string // what the limit is of, for the 413's message
	limit    int64
	left     int64
	exceeded bool
}

func newLimitedBody(r io.Reader, limit int64) *limitedBody {
	return &limitedBody{r: r, what: "body", limit: limit, left: limit}
}

// tighten lowers the limit to max bytes in all, counting what was read,
// and names what the limit is now of.
func (l *limitedBody) tighten(max int64, what string) {
	if max < l.limit {
		l.left -= l.limit - max
		l.limit = max
		l.what = what
	}
}

// tooLarge returns the limit the body went over.
func (l *limitedBody) tooLarge() tooLargeError { return tooLargeError{what: l.what, limit: l.limit} }

func (l *limitedBody) Read(p []byte) (int, error) {
	if l.exceeded {
		return 0, errTooLarge
	}
	if l.left <= 0 {
		// Probe for one more byte: a body of exactly the limit is fine.
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n > 0 {
			l.exceeded = true
			return 0, errTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// sniffSize is how much of a body is looked at to decide what it is: a
// tar header is 512 bytes, and a descriptor may open with a few KiB of
// comments before its Envelope element.
const sniffSize = 8 << 10

// head peeks at the start of br without consuming it.
func head(br *bufio.Reader) ([]byte, error) {
	b, err := br.Peek(sniffSize)
	if err == io.EOF || errors.Is(err, bufio.ErrBufferFull) {
		err = nil
	}
	return b, err
}

// isArchive reports whether sniffed bytes are best judged by the archive
// reader: a tar, or a binary format people save under an .ova name (the
// engine says what it is). Text goes to the descriptor parser.
func isArchive(kind string) bool {
	switch kind {
	case archive.KindDescriptor, archive.KindXML, archive.KindHTML, archive.KindUnknown, archive.KindEmpty:
		return false
	}
	return true
}

// maxParts caps the parts of a multipart body: a package is a descriptor,
// a manifest, a certificate and its disks, and a policy.
const maxParts = 64

// upload is a multipart body, read whole (it is within MaxBodyBytes).
type upload struct {
	files  memFS
	order  []string // file names in the order they came
	policy []byte   // the part named "policy", or nil
}

// isMultipart reports whether a Content-Type names multipart/form-data,
// and returns its boundary.
func isMultipart(contentType string) (string, bool) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "multipart/form-data" {
		return "", false
	}
	return params["boundary"], true
}

// readUpload reads every part of a multipart body from body.
func readUpload(body io.Reader, boundary string) (*upload, error) {
	if boundary == "" {
		return nil, errBadRequest{"multipart/form-data without a boundary"}
	}
	mr := multipart.NewReader(body, boundary)
	up := &upload{files: memFS{}}
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, errTooLarge) {
				return nil, err
			}
			return nil, errBadRequest{"the multipart body cannot be read: " + err.Error()}
		}
		if n >= maxParts {
			return nil, errBadRequest{fmt.Sprintf("more than %d parts; send the descriptor, manifest, certificate and policy", maxParts)}
		}
		data, err := io.ReadAll(part)
		if err != nil {
			if errors.Is(err, errTooLarge) {
				return nil, err
			}
			return nil, errBadRequest{"the multipart body cannot be read: " + err.Error()}
		}
		if part.FormName() == "policy" {
			up.policy = data
			continue
		}
		raw := part.FileName()
		if raw == "" {
			raw = part.FormName()
		}
		name := baseName(raw)
		if name == "" {
			return nil, errBadRequest{fmt.Sprintf("part %d has no usable file name (%q): name each part after its file", n+1, truncate(raw, 80))}
		}
		if _, dup := up.files[name]; dup {
			return nil, errBadRequest{fmt.Sprintf("two parts are named %q", name)}
		}
		up.files[name] = data
		up.order = append(up.order, name)
	}
	if len(up.order) == 0 {
		return nil, errBadRequest{"no file among the parts: send the descriptor (and its manifest and certificate) or an OVA, one part per file"}
	}
	return up, nil
}

// descriptors returns the names of the parts that are .ovf files.
func (u *upload) descriptors() []string {
	var out []string
	for _, n := range u.order {
		if strings.EqualFold(pathExt(n), ".ovf") {
			out = append(out, n)
		}
	}
	return out
}

func pathExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return ""
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// statusOf maps a body error to an HTTP status. Bodies over a limit are
// answered with 413 before it is called (validate.go).
func statusOf(err error) int {
	if errors.Is(err, errTooLarge) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}
