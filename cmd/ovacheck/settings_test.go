package main

import (
	"strings"
	"testing"
)

// TestOptionsRefused: a flag value the check cannot honour stops the run
// with exit 2 and a message that says what is wrong, before any package
// is read; a misspelled profile no longer means compat.
func TestOptionsRefused(t *testing.T) {
	p := writeFile(t, "a.ova", soundOVA())
	policyFile := writeFile(t, "policy.json", []byte(`{"version": 9}`))
	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"misspelled profile", []string{"--profile", "strcit"}, []string{`profile "strcit" is not compat or strict`, "did you mean strict?"}},
		{"unknown target", []string{"--target", "vsphere-8.0,vmware-99"}, []string{`unknown target "vmware-99"`, "vsphere-8.0"}},
		{"short checksum", []string{"--sha256", "abc"}, []string{"sha256 has 3 hex digits: a SHA-256 is 64"}},
		{"sha512 as sha256", []string{"--sha256", strings.Repeat("ab", 64)}, []string{"give it as sha512"}},
		{"fail-on", []string{"--fail-on", "warnings"}, []string{"fail-on takes error or warning", "did you mean warning?"}},
		{"bad time", []string{"--at", "today"}, []string{`at "today" is neither RFC 3339`}},
		{"conflict", []string{"--structure-only", "--deep"}, []string{"structure-only and deep cannot be given together"}},
		{"descriptor and structure", []string{"--descriptor-only", "--structure-only"}, []string{"descriptor-only and structure-only cannot"}},
		{"policy file", []string{"--policy", policyFile}, []string{policyFile + ": the policy is not valid", "/version"}},
		{"missing policy file", []string{"--policy", policyFile + ".gone"}, []string{"--policy: open"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := ovacheck(t, nil, append(c.args, p)...)
			if code != exitCantRun || out != "" {
				t.Errorf("exit %d with output %q, want 2 and none", code, out)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q lacks %q", errOut, w)
				}
			}
		})
	}
	// The same values, well spelled, run.
	if code, _, errOut := ovacheck(t, nil, "--profile", "Strict", "--target", "VirtualBox-7", "--fail-on", "error", p); code == exitCantRun {
		t.Errorf("well-formed options: exit 2: %s", errOut)
	}
}
