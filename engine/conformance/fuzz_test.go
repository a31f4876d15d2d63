package conformance

import (
	"testing"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// FuzzConformance runs Parse and Check on arbitrary bytes: Check must not
// panic, and every finding must name a registered rule and the member.
func FuzzConformance(f *testing.F) {
	for _, tc := range ruleCases() {
		f.Add([]byte(tc.wrong))
	}
	f.Add([]byte(parts{}.doc()))
	f.Add([]byte(collection("", "<StartupSection><Info>s</Info><Item ovf:id=\"vm1\" ovf:order=\"x\"/></StartupSection>")))
	f.Add([]byte(`<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/2"><References/><ScaleOutSection ovf:id="x"><Info/><InstanceCount ovf:default="9" ovf:maximum="1"/></ScaleOutSection><VirtualSystemCollection ovf:id="c"><Info/><PlacementSection ovf:group="g"><Info/></PlacementSection></VirtualSystemCollection></Envelope>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		env, _ := envelope.Parse(data, "f.ovf")
		for _, fd := range Check(env, fakeFiles{"a": 1}) {
			if _, ok := rules.Lookup(fd.Rule); !ok {
				t.Fatalf("unregistered rule %s", fd.Rule)
			}
			if fd.Location.Member != "f.ovf" {
				t.Fatalf("finding %s not located in the member: %+v", fd.Rule, fd.Location)
			}
		}
	})
}
