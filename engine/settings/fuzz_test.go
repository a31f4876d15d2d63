package settings

import (
	"net/url"
	"testing"
)

// FuzzParse feeds the options parser any query string a client could send
// (the API's parameters, a widget's attributes): it must answer with
// settings or an error naming the problem, never panic, and settings it
// accepts must turn into engine options.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"profile=strict", "profile=strcit", "targets=vsphere-8.0,kvm-virt-v2v", "sha256=zz", "descriptor-only=1&structure-only=1",
		"policy=%7B%7D", "at=2026-01-01T00:00:00Z", "fail-on=warning", "unknown=1", "profile=compat&profile=strict"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		v, err := url.ParseQuery(q)
		if err != nil {
			return
		}
		s, err := Parse(v)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("%q refused without a message", q)
			}
			return
		}
		_ = s.Options()
	})
}
