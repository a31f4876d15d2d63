package main

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// TestOptionsRefused: what the page sends (its own names) and what the
// widget sends (its attributes, under the keys of engine/settings) are
// parsed alike, and a value the check cannot honour comes back naming its
// key, for the page to show beside the field.
func TestOptionsRefused(t *testing.T) {
	for _, c := range []struct {
		name string
		obj  map[string]any
		key  string
		want string
	}{
		{"page: misspelled profile", map[string]any{"profile": "strcit"}, "profile", "did you mean strict?"},
		{"page: short checksum", map[string]any{"expected": map[string]any{"sha256": "abc"}}, "sha256", "sha256 has 3 hex digits"},
		{"page: pin", map[string]any{"signerPin": "12:34"}, "signer-sha256", "not a SHA-256 fingerprint"},
		{"page: roots", map[string]any{"trustRoots": "not PEM"}, "trust-roots", "no PEM certificate"},
		{"page: policy", map[string]any{"policy": "{"}, "policy", "the policy is not valid"},
		{"page: digest of no known kind", map[string]any{"expected": map[string]any{"md5": "00"}}, "md5", `unknown option "md5"`},
		{"widget: unknown target", map[string]any{"targets": "vsphere-8.0, vsphere-9"}, "targets", `unknown target "vsphere-9"`},
		{"widget: sha512 as sha256", map[string]any{"sha256": strings.Repeat("a", 128)}, "sha256", "give it as sha512"},
		{"widget: unknown attribute", map[string]any{"signer": "x"}, "signer", `unknown option "signer"`},
		{"not text", map[string]any{"profile": map[string]any{}}, "profile", "neither text"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := optionsFrom(c.obj)
			if err == nil || err.Key != c.key || !strings.Contains(err.Message, c.want) {
				t.Errorf("optionsFrom(%v) = %v; want key %q and %q", c.obj, err, c.key, c.want)
			}
		})
	}
}

// TestOptionsApplied: the options reach the engine, from the page's names
// and the widget's keys alike; the whole file is hashed unless the page
// says not to.
func TestOptionsApplied(t *testing.T) {
	ova := ovatest.OVA(0, ovatest.Appliance{}.Members()...)
	run := func(obj map[string]any) (*report.Report, checkOptions) {
		t.Helper()
		o, err := optionsFrom(obj)
		if err != nil {
			t.Fatalf("optionsFrom(%v): %v", obj, err)
		}
		r, cerr := engine.Check(context.Background(), engine.Stream("a.ova", strings.NewReader(string(ova))), o.engine...)
		if cerr != nil {
			t.Fatal(cerr)
		}
		return r, o
	}
	wholeFile := func(r *report.Report) bool { return r.WholeFile["sha256"] != "" }

	r, o := run(nil)
	if !wholeFile(r) || o.ruleBase != "rules/" {
		t.Errorf("no options: whole-file digest %v, rule base %q; want it computed and rules/", wholeFile(r), o.ruleBase)
	}
	sum := strings.Repeat("0", 64)
	r, o = run(map[string]any{"wholeFile": false, "profile": "strict", "targets": []any{"proxmox-8"},
		"expected": map[string]any{"sha256": sum}, "ruleBase": "", "policy": `{"version": 1, "requiredTargets": ["virtualbox-7"]}`})
	if r.Profile != "strict" || !o.expectedGiven || o.ruleBase != "" || !slices.Equal(o.targets, []string{"proxmox-8", "virtualbox-7"}) {
		t.Errorf("page options: profile %s, expected given %v, rule base %q, targets %v", r.Profile, o.expectedGiven, o.ruleBase, o.targets)
	}
	if len(r.Targets) != 2 {
		t.Errorf("page options: %d targets judged, want proxmox-8 and the policy's virtualbox-7", len(r.Targets))
	}
	r, _ = run(map[string]any{"wholeFile": false})
	if wholeFile(r) {
		t.Error("wholeFile false: the whole file was hashed")
	}
	r, o = run(map[string]any{"sha256": "", "signer-sha256": "", "targets": "virtualbox-7", "whole-file": true, "profile": "compat"})
	if !wholeFile(r) || o.expectedGiven || len(r.Targets) != 1 {
		t.Errorf("widget attributes: whole file %v, expected given %v, %d targets", wholeFile(r), o.expectedGiven, len(r.Targets))
	}
}
