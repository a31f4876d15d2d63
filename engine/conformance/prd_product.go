package conformance

import (
	"net/url"
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// products checks every ProductSection: identity, class and instance,
// icons, categories, and each property's key, type, qualifiers and values.
func (c *checker) products() {
	top := c.e.Content
	for _, ct := range c.contents() {
		type pair struct{ class, instance string }
		seen := map[pair]envelope.Pos{}
		envKeys := map[string]envelope.Pos{}
		for i := range ct.Products {
			p := &ct.Products[i]
			if ct == top && i == 0 && p.Product == "" {
				c.Add(rules.PrdNoProductName.New(c.At(p.Pos), "the package's first ProductSection has no <Product>").
					WithHint("Name the product (and its <Vendor> and <Version>) in the first ProductSection of the top-level system; consumers show it as the package's summary."))
			}
			k := pair{p.Class, p.Instance}
			if pos, dup := seen[k]; dup {
				c.Add(rules.PrdClassInstance.New(c.At(p.Pos), "this ProductSection has the same ovf:class %s and ovf:instance %s as the one at line %d", q(p.Class), q(p.Instance), pos.Line).
					WithHint("Give each ProductSection of a system its own ovf:class (reverse domain name) or ovf:instance; the guest tells their properties apart by them."))
			} else {
				seen[k] = p.Pos
			}
			c.productURLs(p)
			c.icons(p)
			c.categories(p)
			keys := map[string]envelope.Pos{}
			for j := range p.Properties {
				pr := &p.Properties[j]
				c.property(pr)
				if pr.Key == "" {
					continue
				}
				if pos, dup := keys[pr.Key]; dup {
					c.Add(rules.PrdDupKey.New(c.At(attrPos(pr.Node, "key")), "property key %s is already used at line %d of this ProductSection", q(pr.Key), pos.Line).
						WithHint("Give every property of a ProductSection its own ovf:key."))
					continue
				}
				keys[pr.Key] = pr.Pos
				ek := envKey(p.Class, pr.Key, p.Instance)
				if pos, dup := envKeys[ek]; dup {
					c.Add(rules.PrdEnvKey.New(c.At(attrPos(pr.Node, "key")), "the guest sees this property as %s, like the one at line %d", q(ek), pos.Line).
						WithHint("Use distinct keys, or tell the sections apart with ovf:class and ovf:instance."))
				} else {
					envKeys[ek] = pr.Pos
				}
			}
		}
	}
}

// envKey is the key a property has in the OVF environment:
// [class "."] key ["." instance] (DSP0243 9.5).
func envKey(class, key, instance string) string {
	k := key
	if class != "" {
		k = class + "." + k
	}
	if instance != "" {
		k += "." + instance
	}
	return k
}

func (c *checker) productURLs(p *envelope.ProductSection) {
	for _, name := range []string{"ProductUrl", "VendorUrl"} {
		n := p.Node.Child(p.Node.Name.Space, name)
		if n == nil {
			continue
		}
		v := n.TrimmedText()
		if v == "" || strings.Contains(v, "${") {
			continue
		}
		u, err := url.Parse(v)
		if err != nil || u.Scheme == "" || u.Host == "" {
			c.Add(rules.PrdURL.New(c.At(n.Pos), "<%s> %s is not an absolute URL", name, q(v)).
				WithHint("Write a full address such as https://www.example.com/product; consumers show it as a link."))
		}
	}
}

func (c *checker) icons(p *envelope.ProductSection) {
	for _, n := range p.Node.Children {
		if n.Name.Local != "Icon" || !c.isOVF(n) {
			continue
		}
		if ref, ok := attrValue(n, "fileRef"); ok && !c.files[ref] {
			c.Add(rules.PrdIcon.New(c.At(attrPos(n, "fileRef")), "Icon refers to file %s, which References does not list", q(ref)).
				WithHint("Add the icon image to References and the package, or remove the Icon."))
		}
	}
}

// categories reports a Category followed by no Property before the next
// Category or the end of the section.
func (c *checker) categories(p *envelope.ProductSection) {
	var open *envelope.Node
	report := func() {
		if open != nil {
			c.Add(rules.PrdEmptyCategory.New(c.At(open.Pos), "Category %s has no properties", q(open.TrimmedText())).
				WithHint("Remove the empty Category, or move its properties after it."))
		}
	}
	for _, n := range p.Node.Children {
		if !c.isOVF(n) {
			continue
		}
		switch n.Name.Local {
		case "Category":
			report()
			open = n
		case "Property":
			open = nil
		}
	}
	report()
}

// property checks one Property: key, type, qualifiers, and its default and
// per-configuration values against both.
func (c *checker) property(pr *envelope.Property) {
	if _, ok := ovfAttr(pr.Node, "key"); !ok || pr.Key == "" {
		c.Add(rules.PrdNoKey.New(c.At(pr.Pos), "<Property> has no ovf:key").
			WithHint("Give the property a key; the guest reads its value under that key."))
	}
	typ := strings.TrimSpace(pr.Type)
	switch {
	case typ == "":
		c.Add(rules.PrdNoType.New(c.At(pr.Pos), "property %s has no ovf:type", q(pr.Key)).
			WithHint(`Give the property a type, e.g. ovf:type="string"; vSphere refuses the descriptor otherwise.`))
		return
	case isStandardType(typ):
	case isVMwareType(typ):
		c.Add(rules.PrdVendorType.New(c.At(attrPos(pr.Node, "type")), "property %s has type %s, which vSphere defines but DSP0243 does not", q(pr.Key), q(typ)).
			WithHint("Other consumers ignore the type; for portability use a DSP0243 type (string, boolean, uint8 to sint64, real32, real64) with qualifiers."))
	default:
		hint := "Use a DSP0243 type: string, boolean, uint8, sint8, uint16, sint16, uint32, sint32, uint64, sint64, real32 or real64 (names are case-sensitive)."
		c.Add(rules.PrdType.New(c.At(attrPos(pr.Node, "type")), "property %s has type %s, which DSP0243 does not define", q(pr.Key), q(typ)).WithHint(hint))
		return
	}
	var qs []qualifier
	if raw := strings.TrimSpace(pr.Qualifiers); raw != "" && !isVMwareType(typ) {
		parsed, ok := parseQualifiers(raw)
		if !ok {
			c.Add(rules.PrdQualifiers.New(c.At(attrPos(pr.Node, "qualifiers")), "qualifiers %s of property %s cannot be read", q(raw), q(pr.Key)).
				WithHint(`Write qualifiers like MinLen(1),MaxLen(64) or ValueMap{"a","b"}.`))
		}
		for _, qu := range parsed {
			if vmwareQualifiers[qu.name] {
				c.Add(rules.PrdVendorQualifier.New(c.At(attrPos(pr.Node, "qualifiers")), "qualifier %s of property %s is defined by vSphere, not DSP0243", q(qu.name), q(pr.Key)).
					WithHint("vSphere fills the value from the network configuration; other consumers ignore the qualifier and prompt for the value."))
				continue
			}
			if !qualifierAllowed(qu.name, typ) {
				c.Add(rules.PrdQualifiers.New(c.At(attrPos(pr.Node, "qualifiers")), "qualifier %s does not apply to property %s of type %s", q(qu.name), q(pr.Key), typ).
					WithHint("Strings take MinLen, MaxLen and ValueMap; integers take ValueMap, MinValue and MaxValue; reals take MinValue and MaxValue."))
				continue
			}
			qs = append(qs, qu)
		}
	}
	if pr.HasValue {
		c.propertyValue(pr, typ, qs, pr.Value, attrPos(pr.Node, "value"), "default value")
	}
	for _, v := range pr.Values {
		c.propertyValue(pr, typ, qs, v.Value, v.Pos, "value for configuration "+q(v.Configuration))
	}
	if pr.Password && strings.TrimSpace(pr.Value) != "" {
		c.Add(rules.PrdPasswordDefault.New(c.At(attrPos(pr.Node, "value")), "password property %s ships a default value in clear text", q(pr.Key)).
			WithHint("Leave the value empty so that the user must choose one at deployment; anyone who downloads the package can read the default."))
	}
	if !pr.UserConfigurable && !pr.HasValue && len(pr.Values) == 0 {
		c.Add(rules.PrdFixedNoValue.New(c.At(pr.Pos), "property %s is not user-configurable and has no value", q(pr.Key)).
			WithHint(`Give it an ovf:value, or ovf:userConfigurable="true" so that the user can set it.`))
	}
	c.valueConfigurations(pr)
}

func (c *checker) propertyValue(pr *envelope.Property, typ string, qs []qualifier, v string, pos envelope.Pos, what string) {
	v = strings.TrimSpace(v)
	if v == "" || strings.Contains(v, "${") {
		return
	}
	loc := c.At(pos)
	if problem, spelling := valueProblem(typ, v); problem != "" {
		c.Add(rules.PrdValueType.New(loc, "the %s %s of property %s %s", what, q(v), q(pr.Key), problem).
			WithHint("Write a value of the property's type; vSphere refuses the descriptor with \"Invalid property value\"."))
		return
	} else if spelling {
		c.Add(rules.PrdBoolSpelling.New(loc, "the %s of boolean property %s is written %s", what, q(pr.Key), q(v)).
			WithHint("Write true or false in lower case; consumers disagree about other spellings."))
		return
	}
	if problem := qualifierProblem(qs, typ, v); problem != "" {
		c.Add(rules.PrdValueQualifier.New(loc, "the %s %s of property %s %s", what, q(v), q(pr.Key), problem).
			WithHint("Make the value satisfy the property's qualifiers, or correct the qualifiers; vSphere refuses the value."))
	}
}

// valueConfigurations reports two Value elements for one configuration.
func (c *checker) valueConfigurations(pr *envelope.Property) {
	seen := map[string]envelope.Pos{}
	for _, v := range pr.Values {
		for _, id := range strings.Fields(v.Configuration) {
			if pos, dup := seen[id]; dup {
				c.Add(rules.PrdValueTwice.New(c.At(v.Pos), "property %s has a second Value for configuration %s (the first is at line %d)", q(pr.Key), q(id), pos.Line).
					WithHint("Keep one Value per configuration."))
				continue
			}
			seen[id] = v.Pos
		}
	}
}

// locOf is a helper for findings about a node.
func (c *checker) locOf(n *envelope.Node) report.Location {
	if n == nil {
		return report.InMember(c.e.Member)
	}
	return c.At(n.Pos)
}
