package rules

import (
	"slices"
	"testing"
)

func TestRefusalClaims(t *testing.T) {
	for _, c := range []struct {
		text string
		want []Consumer
	}{
		{"vSphere refuses a manifest line with spaces", []Consumer{VSphere}},
		{"VMware's tools (ovftool, Workstation) refuse an OVA whose first member is not the descriptor", []Consumer{VSphere, Workstation}},
		{"VirtualBox does not refuse it; virt-v2v rejects the package.", []Consumer{VirtV2V}},
		{"If vSphere refuses it, regenerate the manifest.", nil},
		{"XenServer imports it; the digest is checked.", nil},
		{"Proxmox VE and XenCenter refused the package", []Consumer{Proxmox, XenServer}},
		{"vSphere 6.5 and later accept it, but vCenter 5.5 refuses it", []Consumer{VSphere}},
		{"VirtualBox and vSphere convert the hex, but virt-v2v reports the OVA corrupt and COT rejects the line", []Consumer{VirtV2V}},
	} {
		got := RefusalClaims(c.text)
		slices.Sort(got)
		slices.Sort(c.want)
		if !slices.Equal(got, c.want) {
			t.Errorf("RefusalClaims(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestDocsAgreeWithConsequences: a rule's page says a consumer refuses
// only what the rule's consequences record it refusing.
func TestDocsAgreeWithConsequences(t *testing.T) {
	for _, r := range All() {
		if r.Family() == "CMP" || r.Family() == "POL" {
			continue
		}
		b, err := docs.ReadFile("docs/" + r.ID + ".md")
		if err != nil {
			continue // TestCatalogue reports it
		}
		if who := r.Unbacked(string(b)); len(who) > 0 {
			t.Errorf("docs/%s.md says %v refuse, which the rule's consequences do not record", r.ID, who)
		}
	}
}
