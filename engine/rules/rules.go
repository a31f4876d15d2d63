// Package rules is the registry of every check ovacheck performs. Each rule
// has a stable ID (a family prefix and three digits, never reused), a title,
// a default severity for the compat profile, an optional severity for the
// strict profile, the spec section it rests on, and a markdown document in
// docs/<ID>.md that is the single source for `ovacheck explain`, the report
// and the site's rule pages.
//
// Rules are declared in one file per family (pkg.go, mf.go, env.go, ...) as
// package-level variables, so that code emitting a finding names the rule it
// breaks: rules.PkgDescriptorNotFirst.New(loc, "...").
package rules

import (
	"embed"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/ovacheck/ovacheck/engine/report"
)

// Families maps each ID prefix to what its rules are about.
var Families = map[string]string{
	"PKG": "package and archive layout",
	"MF":  "manifest",
	"SIG": "signature and certificate",
	"REF": "References, file presence and sizes",
	"ENV": "XML, namespaces, envelope structure and section placement",
	"DSK": "disks and disk images",
	"NET": "networks",
	"HW":  "virtual hardware",
	"PRD": "product, properties, EULA, deployment options and other sections",
	"CMP": "target compatibility",
	"POL": "policy",
}

// Rule describes one check.
type Rule struct {
	// ID is stable forever, e.g. "MF003".
	ID string
	// Title is a short lower-case phrase, e.g. "digest does not match".
	Title string
	// Severity is the default severity in the compat profile.
	Severity report.Severity
	// Strict is the severity in the strict profile; empty means Severity.
	Strict report.Severity
	// Spec names the section of the standard the rule rests on, e.g.
	// "DSP0243 1.1.0 5.1", or is empty for rules about consumers' behaviour.
	Spec string
	// Damage marks a rule whose finding means the package is not what its
	// producer made: a digest that does not match, a member missing or cut
	// short, a signature that does not verify. Such a finding is an error
	// whatever the consumers do with it.
	Damage bool
	// Trait marks a rule whose finding leaves the package intact and
	// readable by the standard's own terms, though some consumer refuses
	// it: an href a URI allows but Proxmox's file-name rules do not, a
	// descriptor in the pre-standard 0.9 format, a manifest whose right
	// digests are headed SHA2-256 as OpenSSL 3 writes them. With no target
	// named it is at most a warning; a named target that refuses it makes
	// it an error; the target table shows the refusal either way.
	Trait bool
	// Consequences records what each consumer does with a finding of the
	// rule, with the source of each fact (see declare). Filled from the
	// consequences_*.go tables; empty until declared.
	Consequences []Consequence
}

var registry = map[string]*Rule{}

var idPattern = regexp.MustCompile(`^(PKG|MF|SIG|REF|ENV|DSK|NET|HW|PRD|CMP|POL)[0-9]{3}$`)

// register adds r to the registry. It panics on a malformed or duplicate ID:
// that is a bug in this package, caught by any test that imports it.
func register(r Rule) *Rule {
	if !idPattern.MatchString(r.ID) {
		panic("rules: malformed rule ID " + r.ID)
	}
	if _, dup := registry[r.ID]; dup {
		panic("rules: duplicate rule ID " + r.ID)
	}
	p := &r
	registry[r.ID] = p
	return p
}

// Lookup returns the rule with the given ID, case-insensitively.
func Lookup(id string) (*Rule, bool) {
	r, ok := registry[strings.ToUpper(id)]
	return r, ok
}

// All returns every registered rule ordered by ID.
func All() []*Rule {
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Family returns the rule's ID prefix, e.g. "MF".
func (r *Rule) Family() string { return strings.TrimRight(r.ID, "0123456789") }

// SeverityIn returns the rule's severity in the named profile ("compat" or
// "strict").
func (r *Rule) SeverityIn(profile string) report.Severity {
	if profile == "strict" && r.Strict != "" {
		return r.Strict
	}
	return r.Severity
}

// New returns a finding of this rule at loc, with its default severity and
// spec reference. The message is formatted with fmt.Sprintf.
func (r *Rule) New(loc report.Location, format string, args ...any) report.Finding {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return report.Finding{Rule: r.ID, Severity: r.Severity, Message: msg, Location: loc, Spec: r.Spec}
}

//go:embed docs/*.md
var docs embed.FS

// Doc returns the rule's markdown document, or "" if it has none (a test
// makes sure every rule has one).
//
// The document ends with the table of what each consumer does with the
// finding, made from Consequences, so the CLI, the API and the rule pages
// show the same facts.
func (r *Rule) Doc() string {
	b, err := docs.ReadFile("docs/" + r.ID + ".md")
	if err != nil {
		return ""
	}
	return string(b) + r.consequencesDoc()
}
