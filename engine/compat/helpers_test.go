package compat

import (
	"archive/tar"
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// descriptor returns a small OVF 1.x descriptor; family is the
// VirtualSystemType, items are extra Items, refs extra File attributes
// for disk1.vmdk, and ns the envelope namespace ("" for envelope/1).
func descriptor(family, items, fileAttrs string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:vmw="http://www.vmware.com/schema/ovf">
<References><File ovf:id="file1" ovf:href="disk1.vmdk"` + fileAttrs + `/></References>
<DiskSection><Info>Disks</Info><Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="1" ovf:capacityAllocationUnits="byte * 2^30" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/></DiskSection>
<VirtualSystem ovf:id="vm">
<Info>A virtual machine</Info>
<VirtualHardwareSection>
<Info>Hardware</Info>
<System><vssd:ElementName>Family</vssd:ElementName><vssd:InstanceID>0</vssd:InstanceID><vssd:VirtualSystemType>` + family + `</vssd:VirtualSystemType></System>
<Item><rasd:ElementName>CPU</rasd:ElementName><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>2</rasd:VirtualQuantity></Item>
<Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>Memory</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>1024</rasd:VirtualQuantity></Item>
<Item><rasd:ElementName>Hard Disk 1</rasd:ElementName><rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource><rasd:InstanceID>90</rasd:InstanceID><rasd:ResourceType>17</rasd:ResourceType></Item>
` + items + `
</VirtualHardwareSection>
</VirtualSystem>
</Envelope>
`
}

func parse(t *testing.T, doc string) *envelope.Envelope {
	t.Helper()
	env, _ := envelope.Parse([]byte(doc), "a.ovf")
	if env.Root == nil {
		t.Fatal("test descriptor does not parse")
	}
	return env
}

// judgeOne judges one target and returns its verdict, its rules and the
// findings.
func judgeOne(t *testing.T, in Input, name string) (report.Target, []report.Finding) {
	t.Helper()
	ts, fs, err := Judge(in, []string{name})
	if err != nil || len(ts) != 1 {
		t.Fatalf("Judge(%s): %v, %d targets", name, err, len(ts))
	}
	return ts[0], fs
}

// expect checks a target's verdict and that rule is behind it.
func expect(t *testing.T, in Input, name, verdict, rule string) {
	t.Helper()
	tg, fs := judgeOne(t, in, name)
	if tg.Verdict != verdict {
		t.Errorf("%s: verdict %s, want %s (rules %v)", name, tg.Verdict, verdict, tg.Rules)
	}
	if rule != "" && !slices.Contains(tg.Rules, rule) {
		t.Errorf("%s: rules %v, want %s", name, tg.Rules, rule)
	}
	for _, f := range fs {
		if !strings.Contains(f.Message, productOf(name)) {
			t.Errorf("%s: finding %s does not name the target: %s", name, f.Rule, f.Message)
		}
		if f.Hint == "" || f.Location.Member == "" {
			t.Errorf("%s: finding %s lacks a hint or member", name, f.Rule)
		}
	}
}

func productOf(name string) string {
	for _, t := range targets {
		if t.name == name {
			return t.product
		}
	}
	return name
}

func tarIndex(t *testing.T, format tar.Format, members ...ovatest.Member) *archive.Index {
	t.Helper()
	b := ovatest.OVA(format, members...)
	idx, err := archive.Open(bytes.NewReader(b), int64(len(b)), "a.ova")
	if err != nil {
		t.Fatal(err)
	}
	return idx
}

func mf(text string) *manifest.Manifest { return manifest.Parse([]byte(text), "a.mf", "1.x") }
