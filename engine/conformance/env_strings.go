package conformance

import (
	"regexp"
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// langTag is the shape of an xml:lang value: a BCP 47 tag's subtags.
var langTag = regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)

const nsXML = "http://www.w3.org/XML/1998/namespace"

// stringChecks checks xml:lang values, the Strings bundles, ovf:msgid
// resolution, and an Envelope ovf:version that contradicts the namespace.
func (c *checker) stringChecks() {
	root := c.e.Root
	if a := root.Attr(nsXML, "lang"); a != nil && !langTag.MatchString(a.Value) {
		c.Add(rules.EnvLang.New(c.At(a.Pos), "xml:lang %s is not a language tag", q(a.Value)).
			WithHint(`Write a BCP 47 tag such as en-US or de-DE.`))
	}
	if a, ok := ovfAttr(root, "version"); ok {
		v := strings.TrimSpace(a.Value)
		if c.versionAttrContradicts(v) {
			c.Add(rules.EnvVersionAttr.New(c.At(a.Pos), "the Envelope says ovf:version %s but its namespace makes it OVF %s", q(v), c.e.Version).
				WithHint("The namespace alone gives the OVF version; remove the attribute or make it agree."))
		}
	}
	var internal []envelope.Strings
	for _, s := range c.e.Strings {
		if s.Lang == "" {
			c.Add(rules.EnvStringsLang.New(c.At(s.Pos), "<Strings> has no xml:lang, so no consumer knows which language it is for").
				WithHint(`Add xml:lang="de-DE" (or the bundle's language).`))
		} else if a := s.Node.Attr(nsXML, "lang"); a != nil && !langTag.MatchString(s.Lang) {
			c.Add(rules.EnvLang.New(c.At(a.Pos), "xml:lang %s is not a language tag", q(s.Lang)).
				WithHint("Write a BCP 47 tag such as en-US or de-DE."))
		}
		if s.FileRef != "" {
			if !c.files[s.FileRef] {
				c.Add(rules.EnvStringsFile.New(c.At(attrPos(s.Node, "fileRef")), "external Strings bundle refers to file %s, which References does not list", q(s.FileRef)).
					WithHint("List the bundle file first in References with that ovf:id."))
			}
			continue
		}
		internal = append(internal, s)
	}
	if len(internal) == 0 {
		return
	}
	// Every msgid used should be defined for every language that has an
	// internal bundle; several bundles of one language add up.
	byLang := map[string]map[string]bool{}
	var langs []string
	for _, s := range internal {
		if byLang[s.Lang] == nil {
			byLang[s.Lang] = map[string]bool{}
			langs = append(langs, s.Lang)
		}
		for id := range s.Msg {
			byLang[s.Lang][id] = true
		}
	}
	reported := map[string]bool{}
	var walk func(n *envelope.Node)
	walk = func(n *envelope.Node) {
		if n.Name.Local == "Strings" && n.Depth == 1 {
			return
		}
		if id, ok := attrValue(n, "msgid"); ok && id != "" && !reported[id] {
			var missing []string
			for _, lang := range langs {
				if !byLang[lang][id] {
					missing = append(missing, lang)
				}
			}
			if len(missing) > 0 {
				reported[id] = true
				c.Add(rules.EnvMsgID.New(c.At(attrPos(n, "msgid")), "message %s of <%s> is not defined in the Strings bundle for %s", q(id), n.Name.Local, strings.Join(missing, ", ")).
					WithHint("Add <Msg ovf:msgid=\"" + id + "\">...</Msg> to every bundle; users of those languages see the default text."))
			}
		}
		for _, ch := range n.Children {
			walk(ch)
		}
	}
	walk(c.e.Root)
}
