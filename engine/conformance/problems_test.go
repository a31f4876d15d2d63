package conformance

import (
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/envelope"
)

// TestUserProblems replays the user problems of reference/peers.md section
// 6 that the descriptor alone shows, asserting the finding the user would
// have needed. The manifest, tar and target problems are in package compat.
func TestUserProblems(t *testing.T) {
	tests := []struct {
		item, rule, doc string
	}{
		{"29 Workstation: Unsupported element 'StorageItem' in OVF 1.x", "ENV030",
			parts{hw: `<StorageItem>` + H + `<rasd:ElementName>Disk</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>17</rasd:ResourceType></StorageItem>`}.doc()},
		{"29 xenadmin#202: Unsupported section 'StartupSection' in a VirtualSystem", "ENV032",
			parts{vs: `<StartupSection>` + H + `<Info>s</Info></StartupSection>`}.doc()},
		{"35 pyvmomi#832: Invalid property value '0' against the range", "PRD009",
			parts{prod: prod(`<Property ovf:key="n" ovf:type="uint32" ovf:qualifiers="MinValue(1) MaxValue(2147483647)" ovf:value="0"/>` + H)}.doc()},
		{"35 vic#8387: invalid value 'true' (boolean spelling)", "PRD008",
			parts{prod: prod(`<Property ovf:key="b" ovf:type="boolean" ovf:value="True"/>` + H)}.doc()},
		{"36 wazuh#2729: vCloud Director 255-character descriptions", "PRD038",
			parts{vs: `<AnnotationSection>` + H + `<Info>i</Info><Annotation>` + strings.Repeat("Wazuh server ", 25) + `</Annotation></AnnotationSection>`}.doc()},
		{"37 packer-plugin-vmware#120: vmw:StorageGroupSection breaks govmomi imports", "ENV040",
			parts{vs: `<vmw:StorageGroupSection vmw:id="group1" vmw:name="Default">` + H + `<Info>Storage group</Info></vmw:StorageGroupSection>`}.doc()},
	}
	for _, tc := range tests {
		t.Run(tc.item, func(t *testing.T) { expectRule(t, tc.doc, tc.rule) })
	}
}

// TestUserProblemConnection covers item 36 (pyvmomi-community-samples#566):
// vSphere's "Invalid value 'PORTGROUP' for element 'Connection'" is
// NET001 on the same descriptor, and Check adds nothing false.
func TestUserProblemConnection(t *testing.T) {
	doc := strings.Replace(parts{}.doc(), "<rasd:Connection>VM Network</rasd:Connection>", "<rasd:Connection>PORTGROUP</rasd:Connection>", 1)
	env, _ := envelope.Parse([]byte(doc), "test.ovf")
	fs := Check(env, nil)
	found := false
	for _, f := range fs {
		found = found || f.Rule == "NET001"
	}
	if !found {
		t.Fatalf("want NET001 for an undeclared Connection, got %s", describe(fs))
	}
	for _, f := range fs {
		if f.Rule != "NET001" && f.Rule != "NET030" {
			t.Errorf("unexpected %s: %s", f.Rule, f.Message)
		}
	}
}
