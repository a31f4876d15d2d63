package compat

import (
	"archive/tar"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

const (
	hexSHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	hexSHA512 = "ee26b0dd4af7e749aa1a8ee3c10ae9923f618980772e473f8819a5d4940e0db27ac185f8a0e1d5f84f88bc887fd67b143732c304cc5fa9ad8e6f57f50028a8ff"
)

// TestTargets holds each target's facts to one package showing them.
func TestTargets(t *testing.T) {
	clean := Input{Env: parse(t, descriptor("vmx-13", "", ""))}
	ovf2 := strings.Replace(descriptor("vmx-13", "", ""), "envelope/1\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1", "envelope/2\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/2", 1)
	storageItem := strings.Replace(ovf2, "</VirtualHardwareSection>", `<StorageItem><sasd:ElementName xmlns:sasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData">Disk</sasd:ElementName></StorageItem></VirtualHardwareSection>`, 1)
	nvramItem := `<Item><rasd:ElementName>NVRAM</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>32768</rasd:ResourceType></Item>`
	piix := `<Item><rasd:ElementName>IDE</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceSubType>PIIX4</rasd:ResourceSubType><rasd:ResourceType>5</rasd:ResourceType></Item>`
	efi := `<vmw:Config ovf:required="false" vmw:key="firmware" vmw:value="efi"/>`
	gigMemory := strings.Replace(descriptor("vmx-13", "", ""), "<rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>", "<rasd:AllocationUnits>byte * 2^30</rasd:AllocationUnits>", 1)
	kbMemory := strings.Replace(descriptor("vmx-13", "", ""), "<rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>", "<rasd:AllocationUnits>byte * 2^10</rasd:AllocationUnits>", 1)
	qcow := Input{Env: parse(t, descriptor("vmx-13", "", "")), Images: map[string]*report.DiskImage{"disk1.vmdk": {Format: "qcow2"}}}
	first := tarIndex(t, tar.FormatGNU, ovatest.Member{Name: "disk1.vmdk", Data: []byte("x")}, ovatest.Member{Name: "a.ovf", Data: []byte("<Envelope/>")})
	pax := tarIndex(t, tar.FormatPAX, ovatest.Member{Name: "a.ovf", Data: []byte("<Envelope/>")}, ovatest.Member{Name: "disk1.vmdk", Data: []byte("x")})
	tests := []struct {
		name, target, verdict, rule string
		in                          Input
	}{
		{"clean package on vSphere 8", "vsphere-8.0", VerdictAccepts, "", clean},
		{"clean package on VirtualBox", "virtualbox-7", VerdictAccepts, "", clean},
		{"vmx-14 on vSphere 6.5", "vsphere-6.5", VerdictRejects, "CMP001", Input{Env: parse(t, descriptor("vmx-14", "", ""))}},
		{"vmx-13 on vSphere 6.5", "vsphere-6.5", VerdictAccepts, "", clean},
		{"vmx-15 on vSphere 6.7 needs U2", "vsphere-6.7", VerdictWarns, "CMP001", Input{Env: parse(t, descriptor("vmx-15", "", ""))}},
		{"vmx-20 on vSphere 7.0", "vsphere-7.0", VerdictRejects, "CMP001", Input{Env: parse(t, descriptor("vmx-20", "", ""))}},
		{"vmx-19 or older on vSphere 7.0", "vsphere-7.0", VerdictWarns, "CMP001", Input{Env: parse(t, descriptor("vmx-19 vmx-21", "", ""))}},
		{"vmx-13 and vmx-20 on vSphere 7.0", "vsphere-7.0", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-13 vmx-20", "", ""))}},
		{"vmx-21 on vSphere 8.0 needs U2", "vsphere-8.0", VerdictWarns, "CMP001", Input{Env: parse(t, descriptor("vmx-21", "", ""))}},
		{"vmx-22 on vSphere 8.0", "vsphere-8.0", VerdictRejects, "CMP001", Input{Env: parse(t, descriptor("vmx-22", "", ""))}},
		{"virtualbox-2.2 on vSphere", "vsphere-7.0", VerdictRejects, "CMP001", Input{Env: parse(t, descriptor("virtualbox-2.2", "", ""))}},
		{"virtualbox-2.2 on Workstation", "workstation-17", VerdictWarns, "CMP001", Input{Env: parse(t, descriptor("virtualbox-2.2", "", ""))}},
		{"vmx-13 on XenServer", "xenserver-8", VerdictWarns, "CMP002", clean},
		{"vmx-07 on XenServer", "xenserver-8", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-07", "", ""))}},
		{"OVF 2.x on virt-v2v", "kvm-virt-v2v", VerdictRejects, "CMP003", Input{Env: parse(t, ovf2)}},
		{"OVF 2.x on Proxmox", "proxmox-8", VerdictRejects, "CMP003", Input{Env: parse(t, ovf2)}},
		{"OVF 2.x on VirtualBox", "virtualbox-7", VerdictAccepts, "", Input{Env: parse(t, ovf2)}},
		{"StorageItem on Workstation", "workstation-17", VerdictRejects, "CMP003", Input{Env: parse(t, storageItem)}},
		{"gzip on vSphere 6.5", "vsphere-6.5", VerdictRejects, "CMP007", Input{Env: parse(t, descriptor("vmx-13", "", ` ovf:compression="gzip"`))}},
		{"gzip on virt-v2v", "kvm-virt-v2v", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-13", "", ` ovf:compression="gzip"`))}},
		{"chunks on VirtualBox", "virtualbox-7", VerdictRejects, "CMP008", Input{Env: parse(t, descriptor("vmx-13", "", ` ovf:chunkSize="1048576"`))}},
		{"chunks on vSphere", "vsphere-8.0", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-13", "", ` ovf:chunkSize="1048576"`))}},
		{"NVRAM item on VirtualBox", "virtualbox-7", VerdictRejects, "CMP009", Input{Env: parse(t, descriptor("vmx-13", nvramItem, ""))}},
		{"optional NVRAM item on VirtualBox", "virtualbox-7", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-13", strings.Replace(nvramItem, "<Item>", `<Item ovf:required="false">`, 1), ""))}},
		{"PIIX4 on vSphere", "vsphere-6.7", VerdictRejects, "CMP010", Input{Env: parse(t, descriptor("vmx-13", piix, ""))}},
		{"PIIX4 on VirtualBox", "virtualbox-7", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-13", piix, ""))}},
		{"QCOW2 on vSphere", "vsphere-8.0", VerdictRejects, "CMP011", qcow},
		{"QCOW2 on Proxmox", "proxmox-8", VerdictAccepts, "", qcow},
		{"QCOW2 on XenServer", "xenserver-8", VerdictRejects, "CMP011", qcow},
		{"EFI firmware on VirtualBox", "virtualbox-7", VerdictWarns, "CMP017", Input{Env: parse(t, descriptor("vmx-13", efi, ""))}},
		{"EFI firmware on Proxmox", "proxmox-8", VerdictAccepts, "", Input{Env: parse(t, descriptor("vmx-13", efi, ""))}},
		{"GiB memory on virt-v2v", "kvm-virt-v2v", VerdictWarns, "CMP018", Input{Env: parse(t, gigMemory)}},
		{"GiB memory on VirtualBox", "virtualbox-7", VerdictAccepts, "", Input{Env: parse(t, gigMemory)}},
		{"KiB memory on VirtualBox", "virtualbox-7", VerdictRejects, "CMP018", Input{Env: parse(t, kbMemory)}},
		{"spaced manifest on vSphere", "vsphere-8.0", VerdictRejects, "MF002", Input{Manifest: mf("SHA256 (a.ovf) = " + hexSHA256 + "\n")}},
		{"spaced manifest on VirtualBox", "virtualbox-7", VerdictAccepts, "", Input{Manifest: mf("SHA256 (a.ovf) = " + hexSHA256 + "\n")}},
		{"SHA2-256 on vSphere", "vsphere-8.0", VerdictRejects, "MF005", Input{Manifest: mf("SHA2-256(a.ovf)= " + hexSHA256 + "\n")}},
		{"SHA-512 on virt-v2v", "kvm-virt-v2v", VerdictWarns, "MF014", Input{Manifest: mf("SHA512(a.ovf)= " + hexSHA512 + "\n")}},
		{"SHA-512 on vSphere", "vsphere-6.5", VerdictAccepts, "", Input{Manifest: mf("SHA512(a.ovf)= " + hexSHA512 + "\n")}},
		{"upper-case hex on virt-v2v", "kvm-virt-v2v", VerdictRejects, "MF007", Input{Manifest: mf("SHA256(a.ovf)= " + strings.ToUpper(hexSHA256) + "\n")}},
		{"PAX on vSphere 6.5", "vsphere-6.5", VerdictRejects, "PKG033", Input{Archive: pax}},
		{"PAX on vSphere 8.0", "vsphere-8.0", VerdictWarns, "PKG033", Input{Archive: pax}},
		{"descriptor not first on Workstation", "workstation-17", VerdictRejects, "PKG020", Input{Archive: first}},
		{"descriptor not first on VirtualBox", "virtualbox-7", VerdictAccepts, "", Input{Archive: first}},
		{"member missing from manifest on XenServer", "xenserver-8", VerdictRejects, "CMP015", Input{Archive: pax, Manifest: mf("SHA256(a.ovf)= " + hexSHA256 + "\n")}},
		{"guest newer than vSphere 7.0", "vsphere-7.0", VerdictWarns, "CMP012", Input{Env: parse(t, strings.Replace(descriptor("vmx-13", "", ""), "<VirtualHardwareSection>", `<OperatingSystemSection ovf:id="96" vmw:osType="debian12_64Guest"><Info>OS</Info></OperatingSystemSection><VirtualHardwareSection>`, 1))}},
		{"property type on vSphere", "vsphere-8.0", VerdictRejects, "PRD004", Input{Env: parse(t, strings.Replace(descriptor("vmx-13", "", ""), "<VirtualHardwareSection>", `<ProductSection><Info>P</Info><Property ovf:key="a" ovf:type="integer" ovf:value="1"/></ProductSection><VirtualHardwareSection>`, 1))}},
		{"OVF 0.9 on Proxmox", "proxmox-8", VerdictRejects, "ENV007", Input{Env: parse(t, `<Envelope xmlns="http://www.vmware.com/schema/ovf/1/envelope"><References/></Envelope>`)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { expect(t, tc.in, tc.target, tc.verdict, tc.rule) })
	}
}

// TestJudgeTargets checks the target list, the default of all targets and
// the error for an unknown name.
func TestJudgeTargets(t *testing.T) {
	want := []string{"vsphere-6.5", "vsphere-6.7", "vsphere-7.0", "vsphere-8.0", "vsphere-9.0", "workstation-17", "virtualbox-7", "proxmox-8", "kvm-virt-v2v", "xenserver-8"}
	if got := Targets(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Targets() = %v", got)
	}
	ts, _, err := Judge(Input{}, nil)
	if err != nil || len(ts) != len(want) {
		t.Fatalf("Judge(all) = %d targets, %v", len(ts), err)
	}
	for _, tg := range ts {
		if tg.Verdict != VerdictAccepts || tg.Rules == nil {
			t.Errorf("empty input: %+v", tg)
		}
	}
	if _, _, err := Judge(Input{}, []string{"vsphere-9"}); err == nil || !strings.Contains(err.Error(), "vsphere-8.0") {
		t.Errorf("unknown target: err = %v, want one listing the known targets", err)
	}
	if ts, _, err := Judge(Input{}, []string{"VirtualBox-7", "virtualbox-7"}); err != nil || len(ts) != 1 {
		t.Errorf("case and repeats: %v, %d", err, len(ts))
	}
}

// TestCoversAgree holds the covering rules to the manifest package: when a
// quirk fact is cited by rule, the manifest reported that rule.
func TestCoversAgree(t *testing.T) {
	for _, line := range []string{"SHA256 (a.ovf) = " + hexSHA256, "SHA2-256(a.ovf)= " + hexSHA256, "SHA256(a.ovf)=" + hexSHA256, "SHA512(a.ovf)= " + hexSHA512} {
		m := mf(line + "\n")
		for _, tg := range mustJudge(t, Input{Manifest: m}) {
			for _, r := range tg.Rules {
				if !strings.HasPrefix(r, "MF") {
					continue
				}
				found := false
				for _, f := range m.Findings {
					found = found || f.Rule == r
				}
				if !found {
					t.Errorf("%s cites %s for %q, which the manifest did not report", tg.Target, r, line)
				}
			}
		}
	}
}

func mustJudge(t *testing.T, in Input) []report.Target {
	t.Helper()
	ts, _, err := Judge(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}
