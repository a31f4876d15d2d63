package manifest

import (
	"encoding/hex"
	"fmt"
	"hash"
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// digestOf returns the lower-case hex digest of s with a lower-case
// algorithm name.
func digestOf(alg, s string) string {
	h := hasher(alg)
	h.Write([]byte(s))
	return hex.EncodeToString(h.Sum(nil))
}

// hasher returns a new hash for an algorithm name, or nil.
func hasher(alg string) hash.Hash {
	a, _ := digest.Parse(alg)
	return a.New()
}

// Digests of small texts used as file contents throughout the tests.
var (
	h1   = digestOf("sha1", "disk")
	h256 = digestOf("sha256", "disk")
	h512 = digestOf("sha512", "disk")
	o256 = digestOf("sha256", "ovf")
)

// ruleAt renders a finding as "RULE@line" for set comparisons.
func ruleAt(f report.Finding) string { return fmt.Sprintf("%s@%d", f.Rule, f.Location.Line) }

// gotRules returns the sorted "RULE@line" of each finding.
func gotRules(fs []report.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, ruleAt(f))
	}
	slices.Sort(out)
	return out
}

// find returns the first finding of rule, failing the test if none.
func find(t *testing.T, fs []report.Finding, rule string) report.Finding {
	t.Helper()
	for _, f := range fs {
		if f.Rule == rule {
			return f
		}
	}
	t.Fatalf("no %s finding in %v", rule, gotRules(fs))
	return report.Finding{}
}

// checkWellFormed asserts what every finding must satisfy: a registered
// rule with the severity it declares, a member, a message.
func checkWellFormed(t *testing.T, fs []report.Finding, member string) {
	t.Helper()
	for _, f := range fs {
		r, ok := rules.Lookup(f.Rule)
		if !ok {
			t.Errorf("finding with unregistered rule %q", f.Rule)
			continue
		}
		if f.Severity != r.Severity {
			t.Errorf("%s: severity %s, rule says %s", f.Rule, f.Severity, r.Severity)
		}
		if f.Location.Member != member {
			t.Errorf("%s: member %q, want %q", f.Rule, f.Location.Member, member)
		}
		if strings.TrimSpace(f.Message) == "" {
			t.Errorf("%s: empty message", f.Rule)
		}
		if f.Location.Line < 0 || f.Location.Column < 0 {
			t.Errorf("%s: negative position %+v", f.Rule, f.Location)
		}
	}
}
