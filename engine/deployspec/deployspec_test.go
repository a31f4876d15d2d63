package deployspec

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/corpus"
	"github.com/ovacheck/ovacheck/site/samples"
)

// govcOptions mirrors the type govc decodes `import.ova -options FILE`
// into: govmomi ovf/importer/options.go (types Options, Property, KeyValue,
// Network) with the Spec of govmomi ovf/envelope.go (types Property,
// PropertyConfigurationValue). It is declared here, not imported, so the
// test pins the field names and tags govc uses.
type govcOptions struct {
	AllDeploymentOptions []string `json:",omitempty"`
	Deployment           string   `json:",omitempty"`

	AllDiskProvisioningOptions []string `json:",omitempty"`
	DiskProvisioning           string

	AllIPAllocationPolicyOptions []string `json:",omitempty"`
	IPAllocationPolicy           string

	AllIPProtocolOptions []string `json:",omitempty"`
	IPProtocol           string

	PropertyMapping []govcProperty `json:",omitempty"`

	NetworkMapping []govcNetwork `json:",omitempty"`

	Annotation string `json:",omitempty"`

	MarkAsTemplate bool
	PowerOn        bool
	InjectOvfEnv   bool
	WaitForIP      bool
	Name           *string
}

type govcKeyValue struct {
	Key   string
	Value string
}

type govcProperty struct {
	govcKeyValue
	Spec *govcOvfProperty `json:",omitempty"`
}

type govcOvfProperty struct {
	Key              string  `json:"key,omitempty"`
	Type             string  `json:"type,omitempty"`
	Qualifiers       *string `json:"qualifiers,omitempty"`
	UserConfigurable *bool   `json:"userConfigurable,omitempty"`
	Default          *string `json:"default,omitempty"`
	Password         *bool   `json:"password,omitempty"`
	Configuration    *string `json:"configuration,omitempty"`
	Label            *string `json:"label,omitempty"`
	Description      *string `json:"description,omitempty"`
	Values           []struct {
		Value         string  `json:"value,omitempty"`
		Configuration *string `json:"configuration,omitempty"`
	} `json:"value,omitempty"`
}

type govcNetwork struct {
	Name    string
	Network string
}

// roundTrip encodes o, decodes it strictly into govc's type except for
// ovacheck's two additions, and checks that nothing was lost.
func roundTrip(t *testing.T, o Options) govcOptions {
	t.Helper()
	data, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	delete(raw, "Eulas")
	delete(raw, "Disks")
	govcOnly, _ := json.Marshal(raw)
	dec := json.NewDecoder(bytes.NewReader(govcOnly))
	dec.DisallowUnknownFields()
	var g govcOptions
	if err := dec.Decode(&g); err != nil {
		t.Fatalf("govc's Options cannot hold every field ovacheck writes: %v\n%s", err, govcOnly)
	}
	// What govc reads must write back the same JSON.
	again, _ := json.Marshal(g)
	var a, b any
	json.Unmarshal(govcOnly, &a)
	json.Unmarshal(again, &b)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("round trip through govc's type changed the spec:\nwrote %s\nread  %s", govcOnly, again)
	}
	// govc itself decodes leniently: the additions must not stop it.
	var lenient govcOptions
	if err := json.Unmarshal(data, &lenient); err != nil {
		t.Errorf("govc's lenient decode fails: %v", err)
	}
	return g
}

func corpusFixture(t *testing.T, name string) Descriptor {
	t.Helper()
	path := filepath.Join(corpus.Require(t), "govmomi", "ovf", "fixtures", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("corpus fixture %s absent: %v", name, err)
	}
	d, err := Parse(data, name)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDeploymentOptionsFromCorpus(t *testing.T) {
	d := corpusFixture(t, "deployment-configs.ovf")
	s := FromEnvelope(d.Envelope)
	g := roundTrip(t, s.Options(false))

	// "large" carries ovf:default="true": govc puts it first and chooses it.
	if g.Deployment != "large" || !reflect.DeepEqual(g.AllDeploymentOptions, []string{"large", "small", "medium"}) {
		t.Errorf("deployment = %q of %v, want large of [large small medium]", g.Deployment, g.AllDeploymentOptions)
	}
	if len(g.NetworkMapping) != 1 || g.NetworkMapping[0].Name != "Management" || g.NetworkMapping[0].Network != "" {
		t.Errorf("network mapping = %+v, want Management left for the deployer", g.NetworkMapping)
	}
	// Only the two user-configurable properties are offered.
	var keys []string
	for _, p := range g.PropertyMapping {
		keys = append(keys, p.Key)
	}
	if !reflect.DeepEqual(keys, []string{"hostname", "size_preset"}) {
		t.Errorf("property keys = %v, want [hostname size_preset]", keys)
	}
	preset := g.PropertyMapping[1]
	if preset.Value != "medium" || preset.Spec == nil || preset.Spec.Qualifiers == nil ||
		*preset.Spec.Qualifiers != `ValueMap{"small", "medium", "large"}` || preset.Spec.Label == nil || *preset.Spec.Label != "Size preset" {
		t.Errorf("size_preset = %+v %+v, want value medium with its ValueMap qualifier and label", preset, preset.Spec)
	}
	if g.DiskProvisioning != "flat" || g.IPAllocationPolicy != "dhcpPolicy" || g.IPProtocol != "IPv4" {
		t.Errorf("defaults = %s %s %s", g.DiskProvisioning, g.IPAllocationPolicy, g.IPProtocol)
	}
	if g.Annotation != "Fixture for deployment config and property qualifier tests" {
		t.Errorf("annotation = %q", g.Annotation)
	}

	// --hidden adds the properties marked userConfigurable="false", with
	// their ovf:configuration; like govc, not the two without the attribute.
	all := roundTrip(t, s.Options(true))
	if len(all.PropertyMapping) != 5 {
		t.Fatalf("hidden: %d properties, want 5", len(all.PropertyMapping))
	}
	small := all.PropertyMapping[1]
	if small.Key != "tier_small" || small.Spec.Configuration == nil || *small.Spec.Configuration != "small" ||
		small.Spec.UserConfigurable == nil || *small.Spec.UserConfigurable {
		t.Errorf("tier_small = %+v %+v, want configuration small, not user-configurable", small, small.Spec)
	}
	if len(s.Properties) != 7 {
		t.Errorf("the spec lists %d properties, want all 7 for the text", len(s.Properties))
	}
	if len(s.Disks) != 6 || s.Disks[2].ID != "vmdisk_med_2" || !s.Disks[2].Empty || s.Disks[2].CapacityBytes != 2<<30 {
		t.Errorf("disks = %+v", s.Disks)
	}
}

// A ProductSection's class and instance frame the key the way govc and the
// OVF environment write it; a boolean default is written True or False.
// vm.vmname, without ovf:userConfigurable, is left out even with hidden.
func TestPropertyKeysAndBooleansFromCorpus(t *testing.T) {
	d := corpusFixture(t, "properties.ovf")
	g := roundTrip(t, FromEnvelope(d.Envelope).Options(true))
	want := map[string]string{
		"ttylinux.ntp-server.vm":     "",
		"ttylinux.enable_ssh.vm":     "False",
		"ttylinux.nfs_mount.vm":      "/transfer",
		"ttylinux.whitespace_int.vm": "  42  ",
	}
	got := map[string]string{}
	for _, p := range g.PropertyMapping {
		got[p.Key] = p.Value
		if p.Spec == nil || p.Spec.Key == p.Key && strings.Contains(p.Key, ".") {
			t.Errorf("%s: Spec.key should be the ovf:key as written, got %+v", p.Key, p.Spec)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("property mapping = %v, want %v", got, want)
	}
}

// The samples the page offers are tar .ova files: Read finds the
// descriptor from the headers alone, and ReadStream from one pass.
func TestSamplesRead(t *testing.T) {
	ova := samples.Sound()
	d, err := Read(bytes.NewReader(ova), int64(len(ova)), "appliance.ova")
	if err != nil {
		t.Fatal(err)
	}
	if errs := d.Errors(); len(errs) > 0 {
		t.Errorf("sound sample's descriptor has errors: %v", errs)
	}
	s := FromEnvelope(d.Envelope)
	g := roundTrip(t, s.Options(false))
	if len(s.Disks) != 1 || s.Disks[0].CapacityBytes != 64<<20 {
		t.Errorf("disks = %+v, want one of 64 MiB", s.Disks)
	}
	if g.Annotation != "A small appliance built by ovacheck's sample builder." {
		t.Errorf("annotation = %q", g.Annotation)
	}
	ds, err := ReadStream(bytes.NewReader(ova), "-")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(FromEnvelope(ds.Envelope), s) {
		t.Error("ReadStream and Read disagree on the sample")
	}
}

// A corpus descriptor with properties, packed as an .ova.
func TestReadOVAWithProperties(t *testing.T) {
	path := filepath.Join(corpus.Require(t), "govmomi", "ovf", "fixtures", "properties.ovf")
	desc, err := os.ReadFile(path)
	if err != nil {
		t.Skip(err)
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	tw.WriteHeader(&tar.Header{Name: "properties.ovf", Mode: 0o644, Size: int64(len(desc))})
	tw.Write(desc)
	tw.Close()
	d, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "properties.ova")
	if err != nil {
		t.Fatal(err)
	}
	o := FromEnvelope(d.Envelope).Options(false)
	if len(o.PropertyMapping) != 2 || o.PropertyMapping[1].Key != "ttylinux.enable_ssh.vm" {
		t.Errorf("user-configurable properties = %+v", o.PropertyMapping)
	}
}

func TestReadRefusesWhatIsNotATar(t *testing.T) {
	gz := []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}
	_, err := Read(bytes.NewReader(gz), int64(len(gz)), "x.ova")
	if err == nil || !strings.Contains(err.Error(), "not a tar .ova") {
		t.Errorf("err = %v, want one saying it is not a tar .ova", err)
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	tw.WriteHeader(&tar.Header{Name: "disk.vmdk", Mode: 0o644, Size: 1})
	tw.Write([]byte{0})
	tw.Close()
	if _, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "x.ova"); err == nil || !strings.Contains(err.Error(), "no .ovf") {
		t.Errorf("err = %v, want one saying there is no descriptor", err)
	}
}

func TestPropertyKey(t *testing.T) {
	for _, c := range []struct{ class, key, instance, want string }{
		{"", "ip", "", "ip"},
		{"vami", "ip", "", "vami.ip"},
		{"vami", "ip0", "vm1", "vami.ip0.vm1"},
		{"", "ip", "2", "ip.2"},
	} {
		if got := PropertyKey(c.class, c.key, c.instance); got != c.want {
			t.Errorf("PropertyKey(%q, %q, %q) = %q, want %q", c.class, c.key, c.instance, got, c.want)
		}
	}
}

// TestSameAsGovc compares the spec with what govmomi's own import.spec
// code printed for the same corpus fixtures (testdata/govc/README.md):
// every field govc writes must have the same value here, ovacheck's two
// additions aside.
func TestSameAsGovc(t *testing.T) {
	dir := filepath.Join(corpus.Require(t), "govmomi", "ovf", "fixtures")
	for _, name := range []string{"deployment-configs", "properties", "property-types", "uber"} {
		for _, hidden := range []bool{false, true} {
			golden := filepath.Join("testdata", "govc", name+".json")
			if hidden {
				golden = filepath.Join("testdata", "govc", name+".hidden.json")
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join(dir, name+".ovf"))
			if err != nil {
				t.Skipf("corpus fixture %s absent: %v", name, err)
			}
			d, err := Parse(data, name+".ovf")
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(FromEnvelope(d.Envelope).Options(hidden))
			var g, w map[string]any
			json.Unmarshal(got, &g)
			json.Unmarshal(want, &w)
			delete(g, "Eulas")
			delete(g, "Disks")
			if v, ok := g["Name"]; !ok || v != nil {
				t.Errorf("%s: Name = %v, want null as govc writes it", name, v)
			}
			// govc writes null for a nil list, ovacheck leaves it out.
			for _, m := range []map[string]any{g, w} {
				for k, v := range m {
					if v == nil {
						delete(m, k)
					}
				}
			}
			if !reflect.DeepEqual(g, w) {
				gj, _ := json.MarshalIndent(g, "", "  ")
				t.Errorf("%s (hidden %v) differs from govc's own output:\novacheck %s\ngovc     %s", name, hidden, gj, want)
			}
		}
	}
}
