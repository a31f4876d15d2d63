package compat

import (
	"archive/tar"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// withGuest puts a vmw:osType on the test descriptor.
func withGuest(id string) string {
	return strings.Replace(descriptor("vmx-13", "", ""), "<VirtualHardwareSection>",
		`<OperatingSystemSection ovf:id="96" vmw:osType="`+id+`"><Info>OS</Info></OperatingSystemSection><VirtualHardwareSection>`, 1)
}

// withHref renames the disk file of the test descriptor.
func withHref(href string) string {
	return strings.Replace(descriptor("vmx-13", "", ""), `ovf:href="disk1.vmdk"`, `ovf:href="`+href+`"`, 1)
}

// TestConsumerSources holds the facts read from each consumer's own code
// (cited in targets.go) to a package showing each.
func TestConsumerSources(t *testing.T) {
	noUnits := strings.Replace(descriptor("vmx-13", "", ""), "<rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>", "", 1)
	lowerMB := strings.Replace(descriptor("vmx-13", "", ""), "byte * 2^20", "mb", 1)
	serial := `<Item><rasd:ElementName>Serial</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>21</rasd:ResourceType></Item>`
	usb := `<Item><rasd:ElementName>USB</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>23</rasd:ResourceType></Item>`
	image := func(format string) Input {
		return Input{Env: parse(t, descriptor("vmx-13", "", "")), Images: map[string]*report.DiskImage{"disk1.vmdk": {Format: format}}}
	}
	ova := func(doc string, members ...string) Input {
		var ms []ovatest.Member
		for _, n := range members {
			ms = append(ms, ovatest.Member{Name: n, Data: []byte("x")})
		}
		return Input{Env: parse(t, doc), Archive: tarIndex(t, tar.FormatGNU, ms...)}
	}
	last := tarIndex(t, tar.FormatGNU, ovatest.Member{Name: "a.ovf", Data: []byte("<Envelope/>")},
		ovatest.Member{Name: "disk1.vmdk", Data: []byte("x")}, ovatest.Member{Name: "a.mf", Data: []byte("x")})
	early := tarIndex(t, tar.FormatGNU, ovatest.Member{Name: "a.ovf", Data: []byte("<Envelope/>")},
		ovatest.Member{Name: "a.mf", Data: []byte("x")}, ovatest.Member{Name: "disk1.vmdk", Data: []byte("x")})
	spelled := Input{Manifest: mf("SHA2-256(a.ovf)= " + hexSHA256 + "\n")}
	tests := []struct {
		name, target, verdict, rule string
		in                          Input
	}{
		// 1. VirtualBox: VMDK and ISO only; memory units exact and required.
		{"VHD on VirtualBox", "virtualbox-7", VerdictRejects, "CMP011", image("vhd")},
		{"VDI on VirtualBox", "virtualbox-7", VerdictRejects, "CMP011", image("vdi")},
		{"QCOW2 on VirtualBox", "virtualbox-7", VerdictRejects, "CMP011", image("qcow2")},
		{"VMDK on VirtualBox", "virtualbox-7", VerdictAccepts, "", image("vmdk")},
		{"VDI on XenServer", "xenserver-8", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-07", "", "")), Images: map[string]*report.DiskImage{"disk1.vmdk": {Format: "vdi"}}}},
		{"memory without units on VirtualBox", "virtualbox-7", VerdictRejects, "CMP018", Input{Env: parse(t, noUnits)}},
		{"memory without units on XenServer", "xenserver-8", VerdictWarns, "CMP018", Input{Env: parse(t, noUnits)}},
		{"memory without units on virt-v2v", "kvm-virt-v2v", VerdictAccepts, "", Input{Env: parse(t, noUnits)}},
		{"lower-case mb on VirtualBox", "virtualbox-7", VerdictRejects, "CMP018", Input{Env: parse(t, lowerMB)}},
		{"required serial port on VirtualBox", "virtualbox-7", VerdictRejects, "CMP009", Input{Env: parse(t, descriptor("vmx-13", serial, ""))}},
		{"required serial port on XenServer", "xenserver-8", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-07", serial, ""))}},
		{"required USB controller on XenServer", "xenserver-8", VerdictWarns, "CMP009", Input{Env: parse(t, descriptor("vmx-07", usb, ""))}},
		{"required USB controller on VirtualBox", "virtualbox-7", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-13", usb, ""))}},
		// 2. Proxmox: OVA disk members named .qcow2, .raw or .vmdk; safe hrefs.
		{"VHD member in an OVA on Proxmox", "proxmox-8", VerdictRejects, "CMP019", ova(withHref("disk1.vhd"), "a.ovf", "disk1.vhd")},
		{"upper-case extension in an OVA on Proxmox", "proxmox-8", VerdictRejects, "CMP019", ova(withHref("disk1.VMDK"), "a.ovf", "disk1.VMDK")},
		{"qcow2 member in an OVA on Proxmox", "proxmox-8", VerdictAccepts, "", ova(withHref("disk1.qcow2"), "a.ovf", "disk1.qcow2")},
		{"VHD file beside a descriptor on Proxmox", "proxmox-8", VerdictAccepts, "", Input{Env: parse(t, withHref("disk1.vhd"))}},
		{"disk in a subdirectory on Proxmox", "proxmox-8", VerdictRejects, "CMP019", Input{Env: parse(t, withHref("disks/disk1.vmdk"))}},
		{"space in the disk name on Proxmox", "proxmox-8", VerdictRejects, "CMP019", Input{Env: parse(t, withHref("my disk.vmdk"))}},
		{"VHD member in an OVA on VirtualBox", "virtualbox-7", VerdictAccepts, "", ova(withHref("disk1.vhd"), "a.ovf", "disk1.vhd")},
		// 3. Workstation-only hardware versions.
		{"vmx-16 on vSphere 8.0", "vsphere-8.0", VerdictRejects, "CMP001", Input{Env: parse(t, descriptor("vmx-16", "", ""))}},
		{"vmx-12 on vSphere 6.5", "vsphere-6.5", VerdictRejects, "CMP001", Input{Env: parse(t, descriptor("vmx-12", "", ""))}},
		{"vmx-6 on vSphere 7.0", "vsphere-7.0", VerdictRejects, "CMP001", Input{Env: parse(t, descriptor("vmx-6", "", ""))}},
		{"vmx-16 beside vmx-13 on vSphere 7.0", "vsphere-7.0", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-13 vmx-16", "", ""))}},
		{"vmx-16 on Workstation", "workstation-17", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-16", "", ""))}},
		// 4. Guest ids from govmomi's enum.go.
		{"windows11 on vSphere 7.0", "vsphere-7.0", VerdictWarns, "CMP012", Input{Env: parse(t, withGuest("windows11_64Guest"))}},
		{"windows11 on vSphere 8.0", "vsphere-8.0", VerdictAccepts, "", Input{Env: parse(t, withGuest("windows11_64Guest"))}},
		{"amazonlinux3 on vSphere 7.0 needs U1", "vsphere-7.0", VerdictWarns, "CMP012", Input{Env: parse(t, withGuest("amazonlinux3_64Guest"))}},
		{"amazonlinux3 on vSphere 8.0", "vsphere-8.0", VerdictAccepts, "", Input{Env: parse(t, withGuest("amazonlinux3_64Guest"))}},
		{"debian13 on vSphere 8.0", "vsphere-8.0", VerdictWarns, "CMP012", Input{Env: parse(t, withGuest("debian13_64Guest"))}},
		{"debian13 on vSphere 9.0", "vsphere-9.0", VerdictAccepts, "", Input{Env: parse(t, withGuest("debian13_64Guest"))}},
		// 5. XenCenter's list, looked up whole and case-sensitively.
		{"vmx-6 on XenServer", "xenserver-8", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-6", "", ""))}},
		{"hvm-3.0-hvm on XenServer", "xenserver-8", VerdictAccepts, "", Input{Env: parse(t, descriptor("hvm-3.0-hvm", "", ""))}},
		{"DMTF:xen:pv on XenServer", "xenserver-8", VerdictAccepts, "", Input{Env: parse(t, descriptor("DMTF:xen:pv", "", ""))}},
		{"VMX-07 on XenServer", "xenserver-8", VerdictWarns, "CMP002", Input{Env: parse(t, descriptor("VMX-07", "", ""))}},
		{"two families on XenServer", "xenserver-8", VerdictWarns, "CMP002", Input{Env: parse(t, descriptor("vmx-07 vmx-13", "", ""))}},
		// 6. An algorithm name the consumer does not know: skipped, unverified.
		{"SHA2-256 on VirtualBox", "virtualbox-7", VerdictWarns, "MF005", spelled},
		{"SHA2-256 on virt-v2v", "kvm-virt-v2v", VerdictWarns, "MF005", spelled},
		// 7. vSphere 9.0.
		{"vmx-22 on vSphere 9.0", "vsphere-9.0", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-22", "", ""))}},
		{"vmx-23 on vSphere 9.0", "vsphere-9.0", VerdictRejects, "CMP001", Input{Env: parse(t, descriptor("vmx-23", "", ""))}},
		// 8. The manifest at the end.
		{"manifest last on vSphere", "vsphere-8.0", VerdictWarns, "CMP020", Input{Archive: last}},
		{"manifest last on Workstation", "workstation-17", VerdictWarns, "CMP020", Input{Archive: last}},
		{"manifest last on VirtualBox", "virtualbox-7", VerdictAccepts, "", Input{Archive: last}},
		{"manifest after the descriptor on vSphere", "vsphere-8.0", VerdictAccepts, "", Input{Archive: early}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { expect(t, tc.in, tc.target, tc.verdict, tc.rule) })
	}
}

// TestSkippedLineSaysUnverified checks the message of a consumer that skips
// a manifest line it cannot parse: the user must learn that the file goes
// unverified, not that the import fails.
func TestSkippedLineSaysUnverified(t *testing.T) {
	_, fs := judgeOne(t, Input{Manifest: mf("SHA2-256(a.ovf)= " + hexSHA256 + "\n")}, "virtualbox-7")
	for _, f := range fs {
		if !strings.Contains(f.Message, "unverified") {
			t.Errorf("%s: %s", f.Rule, f.Message)
		}
	}
}
