package conformance

import (
	"path"
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// ovf2 checks the semantics of the OVF 2.x sections (the schema walk has
// checked their structure): ScaleOutSection, PlacementGroupSection and
// PlacementSection, EnvironmentFilesSection and EncryptionSection.
func (c *checker) ovf2() {
	groups := map[string]bool{}
	var placements []*envelope.Node
	visit := func(refs []envelope.SectionRef, ct *envelope.Content) {
		for _, s := range refs {
			n := s.Node
			if n == nil || (!c.isOVF(n) && !isEnvelopeNS(n.Name.Space)) {
				continue
			}
			switch s.Name {
			case "ScaleOutSection":
				c.scaleOut(n, ct)
			case "PlacementGroupSection":
				id, _ := attrValue(n, "id")
				groups[id] = true
				if p, ok := attrValue(n, "policy"); ok && p != "affinity" && p != "availability" {
					c.Add(rules.PrdPlacementPolicy.New(c.At(attrPos(n, "policy")), "placement policy %s is neither affinity nor availability", q(p)).
						WithHint("Use affinity (keep the systems together) or availability (keep them apart)."))
				}
			case "PlacementSection":
				placements = append(placements, n)
			case "EnvironmentFilesSection":
				c.environmentFiles(n)
			case "EncryptionSection":
				c.Add(rules.PrdEncrypted.New(c.At(n.Pos), "the package declares encrypted content (EncryptionSection)").
					WithHint("Encrypted files cannot be checked for meaning; the consumer needs the key to deploy the package."))
			}
		}
	}
	visit(c.e.Sections, nil)
	for _, ct := range c.contents() {
		visit(ct.Sections, ct)
	}
	for _, n := range placements {
		if g, ok := attrValue(n, "group"); ok && !groups[g] {
			c.Add(rules.PrdPlacementGroup.New(c.At(attrPos(n, "group")), "PlacementSection names group %s, which no PlacementGroupSection defines", q(g)).
				WithHint("Define the group with a PlacementGroupSection of that ovf:id."))
		}
	}
}

func (c *checker) scaleOut(n *envelope.Node, ct *envelope.Content) {
	if id, ok := attrValue(n, "id"); ok && ct != nil {
		found := false
		for _, ch := range ct.Children {
			found = found || ch.ID == id
		}
		if !found {
			c.Add(rules.PrdScaleOutID.New(c.At(attrPos(n, "id")), "ScaleOutSection names %s, which is not a member of this collection", q(id)).
				WithHint("Use the ovf:id of the VirtualSystem to replicate, a direct member of the collection."))
		}
	}
	for _, ic := range n.Children {
		if ic.Name.Local != "InstanceCount" {
			continue
		}
		num := func(name string, def uint64, present bool) (uint64, bool) {
			v, ok := attrValue(ic, name)
			if !ok {
				return def, present
			}
			x, err := strconv.ParseUint(v, 10, 32)
			return x, err == nil
		}
		minimum, okMin := num("minimum", 1, true)
		def, okDef := num("default", 0, false)
		maximum, okMax := num("maximum", 0, false)
		if okMin && okDef && def < minimum || okDef && okMax && def > maximum || okMin && okMax && minimum > maximum {
			c.Add(rules.PrdScaleOut.New(c.At(ic.Pos), "InstanceCount has minimum %d, default %d and maximum %s; they must be in that order", minimum, def, maxText(maximum, okMax)).
				WithHint("Make minimum ≤ default ≤ maximum (minimum defaults to 1)."))
		}
	}
}

func maxText(v uint64, ok bool) string {
	if !ok {
		return "none"
	}
	return strconv.FormatUint(v, 10)
}

func (c *checker) environmentFiles(n *envelope.Node) {
	for _, f := range n.Children {
		if f.Name.Local != "File" || !c.isOVF(f) {
			continue
		}
		if ref, ok := attrValue(f, "fileRef"); ok && !c.files[ref] {
			c.Add(rules.PrdEnvironmentFile.New(c.At(attrPos(f, "fileRef")), "environment file refers to %s, which References does not list", q(ref)).
				WithHint("Use the ovf:id of a File in References."))
		}
		if p, ok := attrValue(f, "path"); ok {
			clean := path.Clean("/" + p)
			if strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || clean != "/"+strings.TrimPrefix(path.Clean(p), "./") || strings.HasPrefix(path.Clean(p), "..") {
				c.Add(rules.PrdEnvironmentFile.New(c.At(attrPos(f, "path")), "environment file path %s is not a plain relative path", q(p)).
					WithHint("Give a relative path inside the transport media, with / separators and no .. segments."))
			}
		}
	}
}
