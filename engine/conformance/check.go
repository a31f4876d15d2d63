package conformance

import (
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/report"
)

// Check returns the conformance findings about a parsed descriptor, located
// in e.Member. It returns nil for a nil Envelope, one without a document
// element, and unknown versions (OVF 0.9 is judged by its own conventions,
// ovf09.go). It never panics on what Parse
// returns, whatever the input was.
func Check(e *envelope.Envelope) []report.Finding {
	if e == nil || e.Root == nil || e.Root.Name.Local != "Envelope" {
		return nil
	}
	if e.Version != envelope.Version1 && e.Version != envelope.Version2 && e.Version != envelope.Version09 {
		return nil
	}
	c := newChecker(e)
	c.schema()
	c.items()
	c.diskChecks()
	c.networkChecks()
	c.products()
	c.configurations()
	c.sections()
	c.ovf2()
	c.stringChecks()
	return c.Done()
}

// checker holds the descriptor, the indexes the rules share and the
// findings so far.
type checker struct {
	*envelope.Findings // located in the descriptor, capped per descriptor

	e  *envelope.Envelope
	ns string // the Envelope's namespace
	v2 bool

	files   map[string]bool
	configs map[string]bool
	// emptyReported holds collections inside one already reported as
	// holding no VirtualSystem (ENV049), so that one problem is one finding.
	emptyReported map[*envelope.Node]bool
}

func newChecker(e *envelope.Envelope) *checker {
	c := &checker{Findings: envelope.NewFindings(e.Member), e: e, ns: e.Root.Name.Space, v2: e.Version == envelope.Version2,
		files: map[string]bool{}, configs: map[string]bool{}}
	for _, f := range e.References {
		c.files[f.ID] = true
	}
	if e.DeploymentOptions != nil {
		for _, cf := range e.DeploymentOptions.Configurations {
			c.configs[cf.ID] = true
		}
	}
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
