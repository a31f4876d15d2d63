package compat

import (
	"archive/tar"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// TestUserProblems replays the real user problems of reference/peers.md
// section 6 that a manifest, the tar layout or a target's facts explain,
// each with the verdict and rule the user would have needed before trying
// the import. The descriptor-only problems are in package conformance.
func TestUserProblems(t *testing.T) {
	spaced := mf("SHA256 (home-assistant.ovf) = " + hexSHA256 + "\nSHA256 (home-assistant.mf) = e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n")
	notFirst := tarIndex(t, tar.FormatGNU, ovatest.Member{Name: "disk.vmdk", Data: []byte("x")}, ovatest.Member{Name: "a.ovf", Data: []byte("<Envelope/>")})
	v2 := strings.Replace(descriptor("virtualbox-2.2", "", ""), "envelope/1\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1", "envelope/2\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/2", 1)
	tests := []struct {
		item, target, verdict, rule string
		in                          Input
	}{
		{"1 home-assistant#826: sha256sum --tag manifest on ESXi", "vsphere-6.7", VerdictRejects, "MF002", Input{Manifest: spaced}},
		{"2 home-assistant#3654: OpenSSL 3 SHA2-256 on vCenter 8", "vsphere-8.0", VerdictRejects, "MF005", Input{Manifest: mf("SHA2-256(a.ovf)= " + hexSHA256 + "\n")}},
		{"3 spaced manifest: Player/Workstation differs from ESXi", "workstation-17", VerdictWarns, "MF002", Input{Manifest: spaced}},
		{"3 spaced manifest: ESXi refuses", "vsphere-7.0", VerdictRejects, "MF002", Input{Manifest: spaced}},
		{"7 VirtualBox-built SHA1 manifest on vSphere 7", "vsphere-7.0", VerdictRejects, "MF002", Input{Manifest: mf("SHA1 (a.ovf) = 0123456789abcdef0123456789abcdef01234567\n")}},
		{"12 image-builder OVA with the descriptor not first", "workstation-17", VerdictRejects, "PKG020", Input{Archive: notFirst}},
		{"23 vSphere URL pull needs the descriptor first", "vsphere-8.0", VerdictRejects, "PKG020", Input{Archive: notFirst}},
		{"27 virtualbox-2.2 on ESXi", "vsphere-6.7", VerdictRejects, "CMP001", Input{Env: parse(t, descriptor("virtualbox-2.2", "", ""))}},
		{"28 vmx-14 on vSphere 6.5", "vsphere-6.5", VerdictRejects, "CMP001", Input{Env: parse(t, descriptor("vmx-14", "", ""))}},
		{"28 vmx-20 on ESXi 7.0.3", "vsphere-7.0", VerdictRejects, "CMP001", Input{Env: parse(t, descriptor("vmx-20", "", ""))}},
		{"29 StorageItem in Workstation", "workstation-17", VerdictRejects, "CMP003", Input{Env: parse(t, strings.Replace(v2, "</VirtualHardwareSection>", `<StorageItem/></VirtualHardwareSection>`, 1))}},
		{"30 PIIX4 IDE subtype on vSphere", "vsphere-7.0", VerdictRejects, "CMP010", Input{Env: parse(t, descriptor("vmx-13", `<Item><rasd:ElementName>IDE</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceSubType>PIIX4</rasd:ResourceSubType><rasd:ResourceType>5</rasd:ResourceType></Item>`, ""))}},
		{"32 compressed disks on vSphere 6.5", "vsphere-6.5", VerdictRejects, "CMP007", Input{Env: parse(t, descriptor("vmx-13", "", ` ovf:compression="gzip"`))}},
		{"33 NVRAM resource type 32768 in VirtualBox 7.1", "virtualbox-7", VerdictRejects, "CMP009", Input{Env: parse(t, descriptor("vmx-13", `<Item><rasd:ElementName>NVRAM</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>32768</rasd:ResourceType></Item>`, ""))}},
		{"34 OVF 2.0 package into virt-v2v", "kvm-virt-v2v", VerdictRejects, "CMP003", Input{Env: parse(t, v2)}},
	}
	for _, tc := range tests {
		t.Run(tc.item, func(t *testing.T) { expect(t, tc.in, tc.target, tc.verdict, tc.rule) })
	}
}

// TestUserProblemsOldClients covers items 4 to 6: SHA-256 manifests that
// old VMware clients (C# client, PowerCLI 6.5, vCenter 5.5) refuse. No
// target models those clients; the manifest's MF013 finding is what the
// user needed.
func TestUserProblemsOldClients(t *testing.T) {
	m := mf("SHA256(a.ovf)= " + hexSHA256 + "\n")
	for _, f := range m.Findings {
		if f.Rule == "MF013" {
			return
		}
	}
	t.Errorf("SHA256 manifest of an OVF 1.x package: want MF013, got %v", m.Findings)
}
