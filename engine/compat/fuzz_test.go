package compat

import (
	"testing"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// FuzzJudge judges every target on arbitrary bytes read as a descriptor
// and as a manifest: no panic, every finding registered, one verdict per
// target.
func FuzzJudge(f *testing.F) {
	f.Add([]byte(descriptor("vmx-13 vmx-99", `<Item><rasd:ResourceType>32768</rasd:ResourceType><rasd:ResourceSubType>PIIX4</rasd:ResourceSubType></Item>`, ` ovf:chunkSize="1"`)))
	f.Add([]byte("SHA256 (a.ovf) = " + hexSHA256 + "\nSHA2-256(b)=" + hexSHA256 + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		env, _ := envelope.Parse(data, "f.ovf")
		in := Input{Env: env, Manifest: manifest.Parse(data, "f.mf", env.Version)}
		ts, fs, err := Judge(in, nil)
		if err != nil || len(ts) != len(targets) {
			t.Fatalf("Judge: %v, %d targets", err, len(ts))
		}
		for _, fd := range fs {
			if _, ok := rules.Lookup(fd.Rule); !ok {
				t.Fatalf("unregistered rule %s", fd.Rule)
			}
		}
	})
}
