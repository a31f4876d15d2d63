package engine

import (
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// readSmallMembers picks the descriptor, manifest and certificate among the
// members and reads them whole, within their limits.
func (c *checker) readSmallMembers() error {
	var descs []*member
	for _, m := range c.members.list {
		if hasExt(m.name, ".ovf") {
			descs = append(descs, m)
		}
	}
	switch len(descs) {
	case 0:
		c.add(rules.PkgNoDescriptor.New(report.InMember(c.src.name),
			"%s holds no .ovf descriptor", c.src.name).
			WithHint("An OVF package needs exactly one descriptor; this file may be a plain disk image or another kind of archive."))
		return nil
	case 1:
	default:
		var names []string
		for _, d := range descs {
			names = append(names, d.name)
		}
		c.add(rules.PkgManyDescriptors.New(report.InMember(descs[1].name),
			"the package holds %d descriptors (%s); ovacheck checks the first, %s", len(descs), strings.Join(names, ", "), descs[0].name).
			WithHint("Keep one descriptor per package."))
	}
	d := descs[0]
	c.descName = d.name
	base := strings.TrimSuffix(d.name, path.Ext(d.name))
	c.mfName = c.pickSidecar(base, ".mf")
	c.certName = c.pickSidecar(base, ".cert")

	var err error
	if c.descData, err = c.readWhole(d.name, c.o.descriptorLimit()); err != nil {
		return err
	}
	if c.mfName != "" {
		if c.mfData, err = c.readWhole(c.mfName, limits.MaxManifestSize); err != nil {
			return err
		}
	}
	if c.certName != "" {
		if c.certData, err = c.readWhole(c.certName, limits.MaxCertificateSize); err != nil {
			return err
		}
	}
	return nil
}

// pickSidecar returns the member with extension ext, preferring the one
// that shares the descriptor's base name (the layout rules report others).
func (c *checker) pickSidecar(base, ext string) string {
	first := ""
	for _, m := range c.members.list {
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
func (c *checker) readWhole(name string, max int64) ([]byte, error) {
	m := c.members.named(name)
	if m == nil {
		return nil, nil
	}
	if m.size > max {
		c.add(rules.PkgDescriptorTooLarge.New(report.InMember(name),
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
	c.bytesRead.Add(int64(n))
	if err != nil && !(errors.Is(err, io.EOF) && int64(n) == m.size) {
		if errors.Is(err, io.EOF) {
			return buf[:n], nil // truncated: the archive findings say so
		}
		return nil, fmt.Errorf("engine: reading %s: %w", name, err)
	}
	return buf, nil
}
