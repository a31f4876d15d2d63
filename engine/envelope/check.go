package envelope

import (
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Files tells CrossCheck about the files of the package.
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

// CrossCheck checks the envelope's structure and its internal references:
// References and the files they name, DiskSection, NetworkSection and the
// hardware Items of every VirtualSystem. files gives the package's files;
// nil means the descriptor is checked on its own, and the presence and size
// rules are skipped. Findings are located in member.
func CrossCheck(e *Envelope, member string, files Files) []report.Finding {
	if e == nil || e.Root == nil || e.Root.Name.Local != "Envelope" {
		return nil
	}
	c := &checker{e: e, f: &findings{member: member}, files: files}
	if a, ok := files.(ArchiveFiles); ok {
		c.inArchive = a.InArchive()
	}
	c.index()
	c.structure()
	c.checkReferences()
	c.checkDisks()
	c.checkNetworks()
	for _, ct := range e.Contents {
		c.checkContent(ct)
	}
	return c.f.Done()
}

// checker holds the indexes the rules share.
type checker struct {
	e         *Envelope
	f         *findings
	files     Files
	inArchive bool

	fileByID   map[string]*File
	diskByID   map[string]*Disk
	networks   map[string]bool
	properties map[string]bool
}

func (c *checker) index() {
	c.fileByID = map[string]*File{}
	for i := range c.e.References {
		fl := &c.e.References[i]
		if _, dup := c.fileByID[fl.ID]; !dup && fl.ID != "" {
			c.fileByID[fl.ID] = fl
		}
	}
	c.diskByID = map[string]*Disk{}
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
	var walk func(ct *Content)
	walk = func(ct *Content) {
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

func (c *checker) at(p Pos) report.Location { return c.f.At(p) }

// structure checks the Envelope's children: References first, sections,
// one Content, then Strings; and the ids of the Contents.
func (c *checker) structure() {
	e := c.e
	root := e.Root
	if e.ReferencesNode == nil {
		c.f.Add(rules.EnvReferences.New(c.at(root.Pos), "the Envelope has no References element").
			WithHint("Add <References/> (empty when the package has no files) as the first child of the Envelope."))
	}
	// Order: References, sections, Content, Strings.
	const (
		stRefs = iota
		stSections
		stContent
		stStrings
	)
	state := stRefs
	seen := 0
	contentNodes := map[*Node]bool{}
	for _, ct := range e.Contents {
		contentNodes[ct.Node] = true
	}
	for _, n := range root.Children {
		name := n.Name.Local
		var want int
		switch {
		case n == e.ReferencesNode || (name == "References" && n.Name.Space == root.Name.Space):
			want = stRefs
			if seen > 0 {
				c.f.Add(rules.EnvReferences.New(c.at(n.Pos), "References is not the first child of the Envelope").
					WithHint("Move References before every section and the VirtualSystem."))
			}
		case contentNodes[n]:
			want = stContent
		case name == "Strings" && (n.Name.Space == root.Name.Space || n.Name.Space == ""):
			want = stStrings
		default:
			want = stSections
		}
		seen++
		if want < state && want != stRefs {
			c.f.Add(rules.EnvChildOrder.New(c.at(n.Pos), "<%s> comes after %s; the Envelope's children go References, sections, one VirtualSystem or VirtualSystemCollection, then Strings",
				name, stateName(state)).
				WithHint("Move the element to its place; schema-checking consumers refuse elements out of order."))
		}
		if want > state {
			state = want
		}
	}
	switch {
	case len(e.Contents) == 0:
		c.f.Add(rules.EnvNoContent.New(c.at(root.Pos), "the Envelope has no VirtualSystem or VirtualSystemCollection").
			WithHint("A descriptor describes exactly one VirtualSystem or VirtualSystemCollection after its sections."))
	case len(e.Contents) > 1:
		for _, ct := range e.Contents[1:] {
			c.f.Add(rules.EnvManyContent.New(c.at(ct.Pos), "a second top-level <%s>; the first is at line %d", ct.Kind, e.Contents[0].Pos.Line).
				WithHint("Put several virtual systems inside one VirtualSystemCollection."))
		}
	}
	global := map[string]Pos{}
	var walk func(list []*Content)
	walk = func(list []*Content) {
		siblings := map[string]Pos{}
		for _, ct := range list {
			switch {
			case !ct.HasID || ct.ID == "":
				c.f.Add(rules.EnvContentNoID.New(c.at(ct.Pos), "<%s> has no ovf:id", ct.Kind).
					WithHint(`Give it an identifier, e.g. ovf:id="vm"; consumers use it to name the virtual machine and to address it from StartupSection.`))
			case siblings[ct.ID].Known():
				p := siblings[ct.ID]
				c.f.Add(rules.EnvContentDupID.New(c.at(ct.Pos), "ovf:id %s is also used at line %d", Quote(ct.ID), p.Line).
					WithHint("Give each VirtualSystem of a collection its own ovf:id."))
			case global[ct.ID].Known():
				p := global[ct.ID]
				c.f.Add(rules.EnvContentDupIDGlobal.New(c.at(ct.Pos), "ovf:id %s is also used at line %d", Quote(ct.ID), p.Line).
					WithHint("Use distinct ids across the whole descriptor; the OVF environment and StartupSection address systems by id."))
			}
			if ct.HasID && ct.ID != "" {
				if !siblings[ct.ID].Known() {
					siblings[ct.ID] = ct.Pos
				}
				if !global[ct.ID].Known() {
					global[ct.ID] = ct.Pos
				}
			}
		}
		for _, ct := range list {
			walk(ct.Children)
		}
	}
	walk(e.Contents)
}

func stateName(s int) string {
	switch s {
	case 1:
		return "a section"
	case 2:
		return "the VirtualSystem"
	default:
		return "Strings"
	}
}
