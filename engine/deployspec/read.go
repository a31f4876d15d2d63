package deployspec

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
)

// Descriptor is a parsed descriptor with the findings about its XML.
type Descriptor struct {
	Envelope *envelope.Envelope
	// Findings are envelope.Parse's: a spec from a descriptor with errors
	// may be incomplete, and a full check says why.
	Findings []report.Finding
}

// Errors returns the findings of error severity.
func (d Descriptor) Errors() []report.Finding {
	var out []report.Finding
	for _, f := range d.Findings {
		if f.Severity == report.Error {
			out = append(out, f)
		}
	}
	return out
}

// Parse parses descriptor bytes read from member. It fails only when the
// bytes hold no document element at all.
func Parse(data []byte, member string) (Descriptor, error) {
	env, fs := envelope.Parse(data, member)
	if env.Root == nil {
		return Descriptor{}, fmt.Errorf("%s could not be read as an OVF descriptor", member)
	}
	return Descriptor{Envelope: env, Findings: fs}, nil
}

// Read finds the descriptor of the tar archive r (size bytes, named name)
// from its headers, as a check does (the first member named *.ovf), and
// parses it. Only the headers and the descriptor are read, never the
// disks. A compressed or non-tar input is an error naming what it is.
func Read(r io.ReaderAt, size int64, name string) (Descriptor, error) {
	idx, err := archive.Open(r, size, name)
	if err != nil {
		return Descriptor{}, err
	}
	if idx.Kind != archive.KindTar {
		return Descriptor{}, notTar(name, idx.Kind)
	}
	for _, m := range idx.Members {
		if !m.Regular() || m.Sparse || !isDescriptor(m.Name) {
			continue
		}
		if m.Size > limits.MaxDescriptorSize {
			return Descriptor{}, tooLarge(m.Name, m.Size)
		}
		if m.DataOffset+m.Size > size {
			return Descriptor{}, fmt.Errorf("%s: the descriptor %s is cut short", name, m.Name)
		}
		data := make([]byte, m.Size)
		if _, err := r.ReadAt(data, m.DataOffset); err != nil && !(errors.Is(err, io.EOF) && m.Size == 0) {
			return Descriptor{}, fmt.Errorf("reading %s: %w", m.Name, err)
		}
		return Parse(data, m.Name)
	}
	return Descriptor{}, fmt.Errorf("%s holds no .ovf descriptor", name)
}

// ReadStream is Read for an archive read once from r (standard input): it
// keeps the first .ovf member and discards the rest as it passes.
func ReadStream(r io.Reader, name string) (Descriptor, error) {
	var (
		data   []byte
		member string
		large  int64
	)
	idx, err := archive.Stream(r, name, func(m archive.Member, body io.Reader) error {
		if member != "" || m.Sparse || !isDescriptor(m.Name) {
			return nil
		}
		member = m.Name
		if m.Size > limits.MaxDescriptorSize {
			large = m.Size
			return nil
		}
		b, err := io.ReadAll(body)
		data = b
		return err
	})
	if err != nil {
		return Descriptor{}, err
	}
	if idx.Kind != archive.KindTar {
		return Descriptor{}, notTar(name, idx.Kind)
	}
	switch {
	case member == "":
		return Descriptor{}, fmt.Errorf("%s holds no .ovf descriptor", name)
	case large > 0:
		return Descriptor{}, tooLarge(member, large)
	}
	return Parse(data, member)
}

func isDescriptor(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".ovf") }

func notTar(name, kind string) error {
	return fmt.Errorf("%s is %s, not a tar .ova: ovacheck spec reads a tar .ova, an .ovf or a folder (run ovacheck %s for what it is)", name, kind, name)
}

func tooLarge(member string, size int64) error {
	return fmt.Errorf("descriptor %s is %d bytes; at most %d are read", member, size, limits.MaxDescriptorSize)
}
