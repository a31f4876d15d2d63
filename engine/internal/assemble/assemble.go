// Package assemble reads a package from its source (an archive read at
// random, a folder, a stream, a descriptor alone) into a View: the first
// step of every check, and the only place that knows the kind of source.
// Each kind has its own file (ova.go, folder.go, stream.go, descriptor.go,
// and for compressed .ova ovagz.go and ovazip.go). What assembling finds
// wrong (archive structure, compression, a missing or oversized
// descriptor) is findings in the view; an error means the source could not
// be read at all.
package assemble

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Source is what to assemble; engine.Source builds one.
type Source struct {
	// Kind is "ova", "folder", "stream" or "descriptor".
	Kind string
	// Name is the input's name as the user gave it.
	Name string

	// ova: the archive, read at random, of Size bytes.
	ReaderAt io.ReaderAt
	Size     int64

	// folder: the descriptor's path within FS; sibling files are looked
	// up by href relative to it.
	FS         fs.FS
	Descriptor string

	// stream: the archive, read once.
	Reader io.Reader

	// descriptor: the descriptor's bytes.
	Data []byte
}

// Options are the check's options that change what is assembled.
type Options struct {
	// MaxDescriptor caps the descriptor read into memory; 0 means
	// limits.MaxDescriptorSize, and more than that is ignored.
	MaxDescriptor int64
	// Deep is set when the disks are to be walked: a stream, which cannot
	// do it, says so in Skipped.
	Deep bool
	// Unsent makes a folder's absent referenced files count as not sent
	// (View.Unsent).
	Unsent bool
	// WholeFile are the algorithms to hash the whole input with as a
	// stream passes (a source read at random leaves it to the digest
	// phase, through View.Whole).
	WholeFile []digest.Algorithm
}

// descriptorLimit is the largest descriptor assembled.
func (o Options) descriptorLimit() int64 {
	if o.MaxDescriptor > 0 && o.MaxDescriptor < limits.MaxDescriptorSize {
		return o.MaxDescriptor
	}
	return limits.MaxDescriptorSize
}

// Meter receives the bytes read and the progress of assembling (a stream
// hashes every member as it passes, which is most of its check). Its
// methods may be called from any goroutine.
type Meter interface {
	Read(n int64)
	Progress(phase, member string, done, total int64)
}

// Assemble reads what src holds into a package view, which is read-only
// once returned.
func Assemble(ctx context.Context, src Source, o Options, m Meter) (*View, error) {
	a := &assembler{src: src, o: o, m: m, v: &View{
		Input: report.Input{Name: src.Name, Size: src.Size, Kind: src.Kind}}}
	var err error
	switch src.Kind {
	case "ova":
		err = a.ova(ctx)
	case "folder":
		err = a.folder()
	case "stream":
		err = a.stream(ctx, src.Reader)
	case "descriptor":
		a.descriptor()
	default:
		err = errors.New("engine: zero Source")
	}
	if err != nil {
		a.v.Close()
		return nil, err
	}
	return a.v, nil
}

// assembler builds one package view. Its methods are the sources' steps;
// once assemble returns, the view is not written again.
type assembler struct {
	src Source
	o   Options
	m   Meter
	v   *View

	// early is a descriptor parsed as a stream passed it, to know the
	// disks; parse reuses it when it is the one chosen.
	early struct {
		name     string
		env      *envelope.Envelope
		findings []report.Finding
		// mfVersion is the OVF version a manifest parsed early (into
		// v.mf) was parsed for.
		mfVersion string
	}
}

// add records what assembling found.
func (a *assembler) add(fs ...report.Finding) { a.v.Findings = append(a.v.Findings, fs...) }

// readSmallMembers picks the descriptor, manifest and certificate among the
// members and reads them whole, within their limits.
func (a *assembler) readSmallMembers() error {
	v := a.v
	var descs []*Member
	for _, m := range v.Members.List {
		if hasExt(m.Name, ".ovf") {
			descs = append(descs, m)
		}
	}
	switch len(descs) {
	case 0:
		a.add(rules.PkgNoDescriptor.New(report.InMember(a.src.Name),
			"%s holds no .ovf descriptor", a.src.Name).
			WithHint("An OVF package needs exactly one descriptor; this file may be a plain disk image or another kind of archive."))
		return nil
	case 1:
	default:
		var names []string
		for _, d := range descs {
			names = append(names, d.Name)
		}
		a.add(rules.PkgManyDescriptors.New(report.InMember(descs[1].Name),
			"the package holds %d descriptors (%s); ovacheck checks the first, %s", len(descs), strings.Join(names, ", "), descs[0].Name).
			WithHint("Keep one descriptor per package."))
	}
	d := descs[0]
	v.DescName = d.Name
	base := strings.TrimSuffix(d.Name, path.Ext(d.Name))
	v.ManifestName = a.pickSidecar(base, ".mf")
	v.CertName = a.pickSidecar(base, ".cert")

	var err error
	if v.DescData, err = a.readWhole(d.Name, a.o.descriptorLimit()); err != nil {
		return err
	}
	if v.ManifestName != "" {
		if v.ManifestData, err = a.readWhole(v.ManifestName, limits.MaxManifestSize); err != nil {
			return err
		}
	}
	if v.CertName != "" {
		if v.CertData, err = a.readWhole(v.CertName, limits.MaxCertificateSize); err != nil {
			return err
		}
	}
	return nil
}

// pickSidecar returns the member with extension ext, preferring the one
// that shares the descriptor's base name (the layout rules report others).
func (a *assembler) pickSidecar(base, ext string) string {
	first := ""
	for _, m := range a.v.Members.List {
		if !hasExt(m.Name, ext) {
			continue
		}
		if strings.EqualFold(strings.TrimSuffix(m.Name, path.Ext(m.Name)), base) {
			return m.Name
		}
		if first == "" {
			first = m.Name
		}
	}
	return first
}

// readWhole reads a small member, or returns nil with a finding when it is
// over max.
func (a *assembler) readWhole(name string, max int64) ([]byte, error) {
	m := a.v.Members.Named(name)
	if m == nil {
		return nil, nil
	}
	if m.Size > max {
		a.add(rules.PkgDescriptorTooLarge.New(report.InMember(name),
			"%s is %d bytes, more than the %d bytes ovacheck reads", name, m.Size, max))
		return nil, nil
	}
	if int64(len(m.held)) == m.Size && m.held != nil {
		return m.held, nil
	}
	if m.R == nil {
		return nil, nil
	}
	buf := make([]byte, m.Size)
	n, err := m.R.ReadAt(buf, m.Base)
	a.m.Read(int64(n))
	if err != nil && !(errors.Is(err, io.EOF) && int64(n) == m.Size) {
		if errors.Is(err, io.EOF) {
			return buf[:n], nil // truncated: the archive findings say so
		}
		return nil, fmt.Errorf("engine: reading %s: %w", name, err)
	}
	return buf, nil
}

// parse parses the descriptor, then the manifest for the descriptor's OVF
// version, each once; a parse made earlier (a stream's, as the members
// passed) is kept when it is of the same member and version. Every source
// calls it once its small members are read.
func (a *assembler) parse() {
	v := a.v
	if v.DescData != nil {
		if a.early.env != nil && a.early.name == v.DescName {
			v.Env, v.EnvFindings = a.early.env, a.early.findings
		} else {
			v.Env, v.EnvFindings = envelope.Parse(v.DescData, v.DescName)
		}
	}
	v.noteReferences()
	version := ""
	if v.Env != nil {
		version = v.Env.Version
	}
	if v.Manifest != nil && (v.ManifestData == nil || v.Manifest.Member != v.ManifestName || a.early.mfVersion != version) {
		v.Manifest = nil // parsed early by a stream, for another version or file
	}
	if v.Manifest == nil && v.ManifestData != nil {
		v.Manifest = manifest.Parse(v.ManifestData, v.ManifestName, version)
	}
}
