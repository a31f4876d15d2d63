package manifest

import (
	"fmt"

	"github.com/ovacheck/ovacheck/engine/internal/capped"
	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Coverage describes the package around a manifest, for CheckCoverage.
type Coverage struct {
	// Member is the manifest's name; "" means the name given to Parse.
	Member string
	// Descriptor is the .ovf's name as the manifest should list it (its
	// member name in an OVA, its base name in a folder); "" if unknown.
	Descriptor string
	// Referenced holds every File href of the descriptor, with chunked
	// files already expanded to their chunk members.
	Referenced []string
	// Present reports whether the package has a member of that exact
	// name. nil means only the descriptor and the referenced files exist.
	Present func(name string) bool
	// Certificate is the .cert's name, or "" when there is none.
	Certificate string
}

// CheckCoverage judges which files m lists against the package: the
// descriptor and every referenced file must be listed; the manifest must not
// list itself, the certificate, files the package lacks or (as a warning)
// files nothing references; a name that differs from the real one only in
// case, a "./" prefix or "\" separators is reported with the exact name.
// Findings about entries are at their manifest line; findings about missing
// entries name the manifest and relate the file.
func CheckCoverage(m *Manifest, c Coverage) []report.Finding {
	cc := coverage{m: m, c: c, mf: c.Member, handled: map[string]bool{}}
	if cc.mf == "" {
		cc.mf = m.Member
	}
	cc.index()
	cc.selfAndCertificate()
	cc.expectedListed()
	cc.extraEntries()
	return cc.Findings()
}

// coverage holds the state of one CheckCoverage call.
type coverage struct {
	m  *Manifest
	c  Coverage
	mf string

	files    []string         // unique listed names, in order
	first    map[string]Entry // first entry of each listed name
	expected []string         // descriptor, then referenced names, unique
	isExp    map[string]bool
	handled  map[string]bool // listed names already judged
	capped.PerRule
}

func (cc *coverage) index() {
	cc.first = map[string]Entry{}
	for _, e := range cc.m.Entries {
		if _, ok := cc.first[e.File]; !ok {
			cc.first[e.File] = e
			cc.files = append(cc.files, e.File)
		}
	}
	cc.isExp = map[string]bool{}
	for _, name := range append([]string{cc.c.Descriptor}, cc.c.Referenced...) {
		if name != "" && !cc.isExp[name] {
			cc.isExp[name] = true
			cc.expected = append(cc.expected, name)
		}
	}
	if cc.c.Present == nil {
		cc.c.Present = func(name string) bool { return cc.isExp[name] }
	}
}

// normalName folds the differences consumers do not forgive but users do
// not see (pkgname.Folded).
func normalName(s string) string { return pkgname.Folded(s) }

func (cc *coverage) at(e Entry) report.Location { return report.At(cc.mf, e.Line, 1) }

// selfAndCertificate reports entries for the manifest or the certificate.
func (cc *coverage) selfAndCertificate() {
	for _, f := range cc.files {
		e := cc.first[f]
		var what string
		switch {
		case normalName(f) == normalName(cc.mf):
			what = "the manifest itself: the digest of the manifest cannot be inside it, since writing the line " +
				"changes the file"
		case cc.c.Certificate != "" && normalName(f) == normalName(cc.c.Certificate):
			what = "the certificate, which signs the manifest and so is written after it"
		default:
			continue
		}
		cc.handled[f] = true
		cc.Build(rules.MfListsItself, func() report.Finding {
			return rules.MfListsItself.New(cc.at(e), "%s lists %s, %s; virt-v2v then reports the "+
				"OVA corrupt and XenCenter reports listed files missing", quote(e.Raw), printable(f), what).
				WithHint(fmt.Sprintf("Remove line %d: the manifest lists the descriptor and the files it "+
					"references, never the .mf or the .cert.", e.Line))
		})
	}
}

// expectedListed reports the descriptor and referenced files that have no
// entry, or an entry under a near-miss name.
func (cc *coverage) expectedListed() {
	alg := "SHA256"
	if len(cc.m.Entries) > 0 {
		alg = cc.m.Entries[0].Algorithm
	}
	for _, x := range cc.expected {
		if _, ok := cc.first[x]; ok {
			cc.handled[x] = true
			continue
		}
		if f, ok := cc.nearMiss(x); ok {
			e := cc.first[f]
			cc.handled[f] = true
			cc.Build(rules.MfNameMismatch, func() report.Finding {
				return rules.MfNameMismatch.New(cc.at(e),
					"%s lists %q but the file is named %q; consumers compare names exactly, so the file counts as "+
						"unlisted and the line as naming a missing file", quote(e.Raw), f, x).
					WithRelated(report.InMember(x)).
					WithHint("Write it as: " + standardLine(e.Algorithm, x, e.Digest))
			})
			continue
		}
		why := cc.unusableNote(x)
		add := fmt.Sprintf("Add the line %s followed by the %d hex digits of the file's %s digest.",
			alg+"("+printable(x)+")=", hexLen[alg], displayName[alg])
		if x == cc.c.Descriptor {
			cc.Build(rules.MfDescriptorNotListed, func() report.Finding {
				return rules.MfDescriptorNotListed.New(report.InMember(cc.mf),
					"the manifest does not list the descriptor %s%s, so a changed descriptor goes unnoticed. "+
						"ovftool 4.0 wrote manifests like this; ovftool reports \"No manifest entry found\", COT refuses "+
						"the package and VirtualBox quietly trusts the descriptor as it finds it", printable(x), why).
					WithRelated(report.InMember(x)).WithHint(add + " List the descriptor first.")
			})
			continue
		}
		cc.Build(rules.MfFileNotListed, func() report.Finding {
			return rules.MfFileNotListed.New(report.InMember(cc.mf),
				"%s is referenced by the descriptor but not listed in the manifest%s, so it is not protected: a "+
					"changed or damaged copy goes unnoticed", printable(x), why).
				WithRelated(report.InMember(x)).WithHint(add)
		})
	}
}

// nearMiss finds a listed, not yet judged name that differs from x only in
// what normalName folds.
func (cc *coverage) nearMiss(x string) (string, bool) {
	nx := normalName(x)
	for _, f := range cc.files {
		if !cc.handled[f] && !cc.isExp[f] && normalName(f) == nx {
			return f, true
		}
	}
	return "", false
}

// unusableNote explains that x appears on a line Parse could not use.
func (cc *coverage) unusableNote(x string) string {
	for _, u := range cc.m.unusable {
		if u.file == x {
			return fmt.Sprintf(" (line %d names it %s)", u.line, u.reason)
		}
	}
	return ""
}

// extraEntries reports entries for files that are not expected: absent
// ones are errors, present but unreferenced ones warnings.
func (cc *coverage) extraEntries() {
	for _, f := range cc.files {
		if cc.handled[f] || cc.isExp[f] {
			continue
		}
		e := cc.first[f]
		if cc.c.Present(f) {
			cc.Build(rules.MfListedNotReferenced, func() report.Finding {
				return rules.MfListedNotReferenced.New(cc.at(e),
					"%s lists %s, which is in the package but not referenced by the descriptor; DSP0243 2.1 lists "+
						"only referenced files and COT reports the entry as not in References", quote(e.Raw), printable(f)).
					WithRelated(report.InMember(f)).
					WithHint(fmt.Sprintf("Remove line %d and the file %s from the package, or reference the file "+
						"from the descriptor's References if an importer needs it.", e.Line, printable(f)))
			})
			continue
		}
		cc.Build(rules.MfListedFileAbsent, func() report.Finding {
			return rules.MfListedFileAbsent.New(cc.at(e),
				"%s lists %s, which the package does not have; virt-v2v warns about it, and XenCenter, when asked to "+
					"verify the manifest, stops with \"files listed in the manifest are missing\"", quote(e.Raw), printable(f)).
				WithHint(fmt.Sprintf("Remove line %d, or add %s to the package under exactly that name.", e.Line, printable(f)))
		})
	}
}
