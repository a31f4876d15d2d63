package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// assemble reads what src holds into a package view: the first step of
// every check, and the only place that knows the kind of source. Each kind
// has its own file (ova.go, folder.go, stream.go, descriptor.go, and for
// compressed .ova ovagz.go and ovazip.go). An error means the source could
// not be read at all; damage in it is findings in the view.
func assemble(ctx context.Context, src Source, o *options, m *meter) (*pkgView, error) {
	a := &assembler{src: src, o: o, m: m, v: &pkgView{
		input: report.Input{Name: src.name, Size: src.size, Kind: src.kind}}}
	var err error
	switch src.kind {
	case "ova":
		err = a.ova(ctx)
	case "folder":
		err = a.folder()
	case "stream":
		err = a.stream(ctx, src.r)
	case "descriptor":
		a.descriptor()
	default:
		err = errors.New("engine: zero Source")
	}
	if err != nil {
		a.v.close()
		return nil, err
	}
	return a.v, nil
}

// assembler builds one package view. Its methods are the sources' steps;
// once assemble returns, the view is not written again.
type assembler struct {
	src Source
	o   *options
	m   *meter
	v   *pkgView

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
func (a *assembler) add(fs ...report.Finding) { a.v.findings = append(a.v.findings, fs...) }

// readSmallMembers picks the descriptor, manifest and certificate among the
// members and reads them whole, within their limits.
func (a *assembler) readSmallMembers() error {
	v := a.v
	var descs []*member
	for _, m := range v.members.list {
		if hasExt(m.name, ".ovf") {
			descs = append(descs, m)
		}
	}
	switch len(descs) {
	case 0:
		a.add(rules.PkgNoDescriptor.New(report.InMember(a.src.name),
			"%s holds no .ovf descriptor", a.src.name).
			WithHint("An OVF package needs exactly one descriptor; this file may be a plain disk image or another kind of archive."))
		return nil
	case 1:
	default:
		var names []string
		for _, d := range descs {
			names = append(names, d.name)
		}
		a.add(rules.PkgManyDescriptors.New(report.InMember(descs[1].name),
			"the package holds %d descriptors (%s); ovacheck checks the first, %s", len(descs), strings.Join(names, ", "), descs[0].name).
			WithHint("Keep one descriptor per package."))
	}
	d := descs[0]
	v.descName = d.name
	base := strings.TrimSuffix(d.name, path.Ext(d.name))
	v.mfName = a.pickSidecar(base, ".mf")
	v.certName = a.pickSidecar(base, ".cert")

	var err error
	if v.descData, err = a.readWhole(d.name, a.o.descriptorLimit()); err != nil {
		return err
	}
	if v.mfName != "" {
		if v.mfData, err = a.readWhole(v.mfName, limits.MaxManifestSize); err != nil {
			return err
		}
	}
	if v.certName != "" {
		if v.certData, err = a.readWhole(v.certName, limits.MaxCertificateSize); err != nil {
			return err
		}
	}
	return nil
}

// pickSidecar returns the member with extension ext, preferring the one
// that shares the descriptor's base name (the layout rules report others).
func (a *assembler) pickSidecar(base, ext string) string {
	first := ""
	for _, m := range a.v.members.list {
		if !hasExt(m.name, ext) {
			continue
		}
		if strings.EqualFold(strings.TrimSuffix(m.name, path.Ext(m.name)), base) {
			return m.name
		}
		if first == "" {
			first = m.name
		}
	}
	return first
}

// readWhole reads a small member, or returns nil with a finding when it is
// over max.
func (a *assembler) readWhole(name string, max int64) ([]byte, error) {
	m := a.v.members.named(name)
	if m == nil {
		return nil, nil
	}
	if m.size > max {
		a.add(rules.PkgDescriptorTooLarge.New(report.InMember(name),
			"%s is %d bytes, more than the %d bytes ovacheck reads", name, m.size, max))
		return nil, nil
	}
	if int64(len(m.held)) == m.size && m.held != nil {
		return m.held, nil
	}
	if m.r == nil {
		return nil, nil
	}
	buf := make([]byte, m.size)
	n, err := m.r.ReadAt(buf, m.base)
	a.m.read(int64(n))
	if err != nil && !(errors.Is(err, io.EOF) && int64(n) == m.size) {
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
	if v.descData != nil {
		if a.early.env != nil && a.early.name == v.descName {
			v.env, v.envFindings = a.early.env, a.early.findings
		} else {
			v.env, v.envFindings = envelope.Parse(v.descData, v.descName)
		}
	}
	v.noteReferences()
	version := ""
	if v.env != nil {
		version = v.env.Version
	}
	if v.mf != nil && (v.mfData == nil || v.mf.Member != v.mfName || a.early.mfVersion != version) {
		v.mf = nil // parsed early by a stream, for another version or file
	}
	if v.mf == nil && v.mfData != nil {
		v.mf = manifest.Parse(v.mfData, v.mfName, version)
	}
}
