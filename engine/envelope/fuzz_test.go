package envelope

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// FuzzParse checks that no input makes Parse or Summary panic,
// that every finding names a registered rule, and that positions, when set,
// are 1-based.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("\xef\xbb\xbf" + good))
	f.Add([]byte(strings.Replace(good, `encoding="UTF-8"`, `encoding="utf-16"`, 1)))
	f.Add([]byte(`<ovf:Envelope xmlns:ovf="http://www.vmware.com/schema/ovf/1/envelope" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><ovf:Section xsi:type="ovf:DiskSection_Type"><ovf:Disk ovf:diskId="d" ovf:capacity="1"/></ovf:Section><ovf:Content ovf:id="v" xsi:type="ovf:VirtualSystem_Type"/></ovf:Envelope>`))
	f.Add([]byte(`<!DOCTYPE a [<!ENTITY b "c">]><Envelope>&b;</Envelope>`))
	f.Add([]byte(`<HTML><BODY>404</BODY></HTML>`))
	f.Add([]byte(`<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/2" xmlns:sasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData.xsd"><References><File ovf:id="a" ovf:href="../x y" ovf:chunkSize="-1"/></References><VirtualSystem><VirtualHardwareSection><StorageItem><sasd:InstanceID>1</sasd:InstanceID><sasd:Parent>1</sasd:Parent><sasd:HostResource>/disk/q</sasd:HostResource></StorageItem></VirtualHardwareSection></VirtualSystem></Envelope>`))
	f.Add([]byte(`<?xml version="1.0" encoding="iso-8859-1"?><Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"><Name>caf` + "\xe9" + `</Name></Envelope>`))
	f.Add([]byte(`<Envelope><vmw:x a:b="1"/>`))
	f.Add([]byte{0xff, 0xfe, '<', 0, 'a', 0, '/', 0, '>', 0})
	// Real descriptors, when the corpus is present, are extra seeds; they
	// are read at run time and never copied into the repository.
	{
		dir := os.Getenv("OVACHECK_CORPUS")
		if dir == "" {
			dir = filepath.Join("..", "..", "..", "shared", "corpus")
		}
		for _, p := range []string{
			"xenadmin/XenAdminTests/TestResources/sample_app.ovf",
			"cot/COT/tests/ubuntu.2.0.ovf",
			"cot/COT/tests/v0.9.ovf",
			"cot/COT/tests/csr1000v.ovf",
			"govmomi/ovf/fixtures/external/SLES11_SP2_64/SLES11_SP2_64.ovf",
			"pve-storage/src/test/ovf_manifests/Win10-Liz_no_default_ns.ovf",
			"pve-storage/src/test/ovf_manifests/XEE.ovf",
			"govmomi/ovf/fixtures/virtualsystemcollection.ovf",
			"ganeti/test/data/ovfdata/wrong_xml.ovf",
			"virt-v2v/tests/test-i-ova-chunked-gap.ovf",
		} {
			if b, err := os.ReadFile(filepath.Join(dir, p)); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		env, fs := Parse(data, "f.ovf")
		if env == nil {
			t.Fatal("nil envelope")
		}
		_ = env.Summary()
		for _, f := range fs {
			if _, ok := rules.Lookup(f.Rule); !ok {
				t.Fatalf("unregistered rule %s", f.Rule)
			}
			if f.Location.Member != "f.ovf" {
				t.Fatalf("%s: member %q", f.Rule, f.Location.Member)
			}
			if f.Location.Line < 0 || f.Location.Column < 0 || (f.Location.Column > 0 && f.Location.Line < 1) {
				t.Fatalf("%s: bad position %d:%d", f.Rule, f.Location.Line, f.Location.Column)
			}
		}
	})
}

// FuzzParseUnits checks that unit strings never panic or take long.
func FuzzParseUnits(f *testing.F) {
	for _, s := range []string{"byte", "byte * 2^20", "MegaBytes", "hertz * 10^6", "byte / 3 * 2^-100", "byte * 1.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if u, ok := ParseUnits(s); ok {
			_, _ = u.Apply(1 << 40)
		}
	})
}
