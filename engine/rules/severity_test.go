package rules

import (
	"testing"

	"github.com/ovacheck/ovacheck/engine/report"
)

// TestSeverityFor holds the compat profile's judgement to what the issue
// of record asks: damage is an error; a "shall" some consumer refuses is an
// error; what every consumer tolerates is at most a warning; a note stays a
// note; named targets decide alone what they refuse.
func TestSeverityFor(t *testing.T) {
	const src = "recalled: test"
	mk := func(sev report.Severity, spec string, rows ...consequence) *Rule {
		r := &Rule{ID: "TST001", Severity: sev, Strict: report.Error, Spec: spec}
		if len(rows) > 0 {
			declare(r, rows...)
		}
		return r
	}
	vmwareRefuses := []consequence{refuses(src, VMware), ignores(src, all)}
	cases := []struct {
		name  string
		r     *Rule
		named []Consumer
		want  report.Severity
	}{
		{"shall refused by VMware, no target", mk(report.Warning, "DSP0243 7", vmwareRefuses...), nil, report.Error},
		{"shall refused by VMware, VirtualBox named", mk(report.Warning, "DSP0243 7", vmwareRefuses...), []Consumer{VirtualBox}, report.Warning},
		{"shall refused by VMware, vSphere named", mk(report.Warning, "DSP0243 7", vmwareRefuses...), []Consumer{VirtualBox, VSphere}, report.Error},
		{"error every consumer tolerates", mk(report.Error, "DSP0243 7", warns(src, all)), nil, report.Warning},
		{"trait VMware refuses stays a warning", mk(report.Warning, "", vmwareRefuses...), nil, report.Warning},
		{"marked trait with a spec, refused: stays a warning", func() *Rule { r := mk(report.Warning, "DSP0243 7", vmwareRefuses...); r.Trait = true; return r }(), nil, report.Warning},
		{"marked trait, refusing target named: error", func() *Rule { r := mk(report.Warning, "DSP0243 7", vmwareRefuses...); r.Trait = true; return r }(), []Consumer{VSphere}, report.Error},
		{"note VMware refuses stays a note", mk(report.Info, "", vmwareRefuses...), nil, report.Info},
		{"note VMware warns about, vSphere named", mk(report.Info, "", warns(src, VMware), ignores(src, all)), []Consumer{VSphere}, report.Warning},
		{"nothing recorded: declared severity", mk(report.Error, "DSP0243 7"), nil, report.Error},
		{"nothing recorded, target named: at most a warning", mk(report.Error, "DSP0243 7"), []Consumer{Proxmox}, report.Warning},
	}
	for _, c := range cases {
		if got := c.r.SeverityFor("compat", c.named); got != c.want {
			t.Errorf("%s: compat severity %s, want %s", c.name, got, c.want)
		}
		if got := c.r.SeverityFor("strict", c.named); got != report.Error {
			t.Errorf("%s: strict severity %s, want the rule's strict severity", c.name, got)
		}
	}
	// Strict is the rule's strict severity, or compat's when that is
	// higher: a note every consumer refuses is an error in strict when a
	// refusing target is named, and stays the letter's when none is.
	for _, strict := range []report.Severity{report.Warning, ""} {
		r := &Rule{ID: "TST003", Severity: report.Info, Strict: strict}
		declare(r, refuses(src, all))
		if got := r.SeverityFor("strict", []Consumer{VSphere}); got != report.Error {
			t.Errorf("strict %q, vSphere named: SeverityFor %s, want error (compat's)", strict, got)
		}
		if got, want := r.SeverityFor("strict", nil), r.SeverityIn("strict"); got != want {
			t.Errorf("strict %q, no target: SeverityFor %s, want the rule's own %s", strict, got, want)
		}
	}
	soft := &Rule{ID: "TST004", Severity: report.Warning, Spec: "DSP0243 7"}
	declare(soft, refuses(src, all))
	if got := soft.SeverityFor("strict", nil); got != report.Error {
		t.Errorf("a warning by the letter that every consumer refuses: strict %s, want error as in compat", got)
	}
	d := &Rule{ID: "TST002", Severity: report.Error}
	damage(d, ignores(src, all))
	if got := d.SeverityFor("compat", []Consumer{Proxmox}); got != report.Error {
		t.Errorf("damage that Proxmox ignores, Proxmox named: %s, want error", got)
	}
}

// TestDeclarations checks every declared consequence: a known consumer,
// an effect, and a source of a known kind (declare panics on the last).
func TestDeclarations(t *testing.T) {
	for _, r := range All() {
		for _, q := range r.Consequences {
			if q.Effect == Unknown || q.Consumer.Name() == string(q.Consumer) && q.Consumer != VirtV2V {
				t.Errorf("%s: bad consequence %+v", r.ID, q)
			}
		}
	}
}

// undeclared are the rules whose findings are about ovacheck's own limits,
// the user's own demands or a hazard to the user, not about what a
// consumer does: their declared severity stands, and the target table does
// not move for them.
var undeclared = map[string]string{
	"ENV002": "ovacheck refuses to process a DTD, so the descriptor is not judged; what consumers do with entities differs by parser and is a hazard, not a verdict",
	"ENV012": "a cap of ovacheck's (internal/limits), not a consumer's",
	"PKG011": "a cap of ovacheck's (internal/limits): the package could not be checked",
	"PKG012": "a cap of ovacheck's (internal/limits): the member could not be checked",
	"PKG052": "a cap of ovacheck's (internal/limits): the descriptor, manifest or certificate could not be checked",
	"PKG024": "a member name that climbs out of its folder is a hazard to whoever extracts the archive by hand, whatever the importers (which confine or ignore it) do",
	"SIG011": "a private key shipped in the package is a leak of the publisher's key, whatever the importers do",
	"SIG026": "the trust roots are the user's own (--trust): the consumers each have their own store",
	"SIG028": "the pinned signer is the user's own demand (--signer-sha256)",
}

// TestEveryRuleDeclared: every rule records what each consumer does with
// its finding, apart from the listed ones and the CMP and POL families,
// whose findings are already one target's or one policy's.
func TestEveryRuleDeclared(t *testing.T) {
	for _, r := range All() {
		_, exempt := undeclared[r.ID]
		switch {
		case r.Family() == "CMP" || r.Family() == "POL":
		case exempt && len(r.Consequences) > 0:
			t.Errorf("%s is listed as undeclared but declares consequences: drop it from the list", r.ID)
		case !exempt && !r.Declared():
			t.Errorf("%s (%s): not every consumer's effect is recorded (consequences_*.go)", r.ID, r.Title)
		}
	}
}
