package conformance

import (
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/report"
)

// Files tells Check about the files of the package.
type Files interface {
	// Size returns the stored size of the file an href names, and false
	// when the package has no such file. For a chunked File the caller
	// gives the sum of its chunks; for a compressed one the compressed
	// (stored) size.
	Size(href string) (size int64, ok bool)
}

// ArchiveFiles is implemented by Files of an OVA: hrefs there must name
// members of the archive, so URLs are errors rather than warnings.
type ArchiveFiles interface {
	Files
	InArchive() bool
}

// Check returns every descriptor finding about a parsed descriptor, located
// in e.Member: the Envelope's structure (env_structure.go), References and
// the files they name (ref.go), DiskSection (dsk*.go), NetworkSection
// (net.go), the hardware (hw*.go), and for OVF 1.x and 2.x the schema
// tables (env_schema*.go), products and properties, deployment options and
// the other sections (prd_*.go) and Strings (env_strings.go); OVF 0.9 is
// judged by its own conventions (ovf09.go). files gives
// the package's files; nil means the descriptor is checked on its own, and
// the presence and size rules are skipped. Check returns nil for a nil
// Envelope or one without an Envelope document element, and never panics
// on what envelope.Parse returns, whatever the input was.
func Check(e *envelope.Envelope, files Files) []report.Finding {
	if e == nil || e.Root == nil || e.Root.Name.Local != "Envelope" {
		return nil
	}
	c := newChecker(e, files)
	c.structure()
	c.checkReferences()
	c.checkDisks()
	c.declaredNetworks()
	for _, ct := range e.Contents {
		c.checkContent(ct)
	}
	if e.Version == envelope.Version1 || e.Version == envelope.Version2 || e.Version == envelope.Version09 {
		c.schema()
		c.items()
		c.diskChecks()
		c.networkUse()
		c.products()
		c.configurations()
		c.sections()
		c.ovf2()
		c.stringChecks()
	}
	return c.Done()
}

// checker holds the descriptor, the package's files, the indexes the rules
// share and the findings so far.
type checker struct {
	*envelope.Findings // located in the descriptor, capped per descriptor

	e         *envelope.Envelope
	ns        string // the Envelope's namespace
	v2        bool
	pkg       Files // nil when the descriptor is checked on its own
	inArchive bool

	files      map[string]bool // File ids
	configs    map[string]bool // deployment option ids
	fileByID   map[string]*envelope.File
	diskByID   map[string]*envelope.Disk
	networks   map[string]bool // declared network names
	properties map[string]bool // property keys, also as class.key

	// emptyReported holds collections inside one already reported as
	// holding no VirtualSystem (ENV049), so that one problem is one finding.
	emptyReported map[*envelope.Node]bool
}

func newChecker(e *envelope.Envelope, files Files) *checker {
	c := &checker{Findings: envelope.NewFindings(e.Member), e: e, ns: e.Root.Name.Space, v2: e.Version == envelope.Version2,
		pkg: files, files: map[string]bool{}, configs: map[string]bool{}}
	if a, ok := files.(ArchiveFiles); ok {
		c.inArchive = a.InArchive()
	}
	for _, f := range e.References {
		c.files[f.ID] = true
	}
	if e.DeploymentOptions != nil {
		for _, cf := range e.DeploymentOptions.Configurations {
			c.configs[cf.ID] = true
		}
	}
	c.index()
	return c
}

// isOVF reports whether n is an element of the descriptor's own OVF
// namespace (or unqualified, which envelope reads the same way).
func (c *checker) isOVF(n *envelope.Node) bool {
	return n.Name.Space == c.ns || n.Name.Space == ""
}

// ovfAttr returns an OVF attribute of n: in an OVF envelope namespace, or
// without a namespace.
func ovfAttr(n *envelope.Node, local string) (*envelope.Attr, bool) {
	if n == nil {
		return nil, false
	}
	for i := range n.Attrs {
		a := &n.Attrs[i]
		if a.Name.Local == local && (a.Name.Space == "" || isEnvelopeNS(a.Name.Space)) {
			return a, true
		}
	}
	return nil, false
}

// attrValue returns the value of an OVF attribute of n, trimmed.
func attrValue(n *envelope.Node, local string) (string, bool) {
	a, ok := ovfAttr(n, local)
	if !ok {
		return "", false
	}
	return strings.TrimSpace(a.Value), true
}

// attrPos returns where an OVF attribute of n is written, or n's position.
func attrPos(n *envelope.Node, local string) envelope.Pos {
	if a, ok := ovfAttr(n, local); ok && a.Pos.Known() {
		return a.Pos
	}
	if n == nil {
		return envelope.Pos{}
	}
	return n.Pos
}

// isEnvelopeNS reports whether ns is an OVF envelope namespace, with or
// without a trailing slash.
func isEnvelopeNS(ns string) bool {
	ns = strings.TrimSuffix(ns, "/")
	return ns == envelope.NSEnvelope1 || ns == envelope.NSEnvelope2 || ns == envelope.NSEnvelope09
}

// notFalse reports whether an ovf:required attribute of n leaves the
// element required: absent, or anything but false.
func notFalse(n *envelope.Node) bool {
	v, ok := attrValue(n, "required")
	return !ok || (v != "false" && v != "0")
}

// q quotes a value from the descriptor for a message, shortened and with
// control characters escaped.
func q(s string) string { return envelope.Quote(s) }

// contents returns every VirtualSystem and VirtualSystemCollection of the
// descriptor, outermost first.
func (c *checker) contents() []*envelope.Content {
	var out []*envelope.Content
	var walk func(list []*envelope.Content)
	walk = func(list []*envelope.Content) {
		for _, ct := range list {
			out = append(out, ct)
			walk(ct.Children)
		}
	}
	walk(c.e.Contents)
	return out
}

// hardwareSections returns every VirtualHardwareSection and
// ResourceAllocationSection of the descriptor.
func (c *checker) hardwareSections() []*envelope.VirtualHardwareSection {
	var out []*envelope.VirtualHardwareSection
	for _, ct := range c.contents() {
		for i := range ct.Hardware {
			out = append(out, &ct.Hardware[i])
		}
		if ct.ResourceAllocation != nil {
			out = append(out, ct.ResourceAllocation)
		}
	}
	return out
}

// index builds the lookups the reference, disk, network and hardware rules
// share: Files and Disks by id (first of each), network names, property keys.
func (c *checker) index() {
	c.fileByID = map[string]*envelope.File{}
	for i := range c.e.References {
		fl := &c.e.References[i]
		if _, dup := c.fileByID[fl.ID]; !dup && fl.ID != "" {
			c.fileByID[fl.ID] = fl
		}
	}
	c.diskByID = map[string]*envelope.Disk{}
	if ds := c.e.DiskSection; ds != nil {
		for i := range ds.Disks {
			d := &ds.Disks[i]
			if _, dup := c.diskByID[d.DiskID]; !dup && d.DiskID != "" {
				c.diskByID[d.DiskID] = d
			}
		}
	}
	c.networks = map[string]bool{}
	if ns := c.e.NetworkSection; ns != nil {
		for _, n := range ns.Networks {
			c.networks[n.Name] = true
		}
	}
	c.properties = map[string]bool{}
	var walk func(ct *envelope.Content)
	walk = func(ct *envelope.Content) {
		for _, p := range ct.Products {
			for _, pr := range p.Properties {
				c.properties[pr.Key] = true
				if p.Class != "" {
					c.properties[p.Class+"."+pr.Key] = true
				}
			}
		}
		for _, ch := range ct.Children {
			walk(ch)
		}
	}
	for _, ct := range c.e.Contents {
		walk(ct)
	}
}
