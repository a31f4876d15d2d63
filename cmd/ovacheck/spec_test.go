package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/deployspec"
	"github.com/ovacheck/ovacheck/site/samples"
)

// vappDescriptor has every decision a deployer meets: deployment options,
// networks, categorised properties of a classed and instanced
// ProductSection (one a password, one fixed, one per configuration), a
// licence and a disk.
const vappDescriptor = `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
  <References><File ovf:id="f1" ovf:href="web-disk1.vmdk"/></References>
  <DiskSection><Info>Disks</Info>
    <Disk ovf:diskId="vmdisk1" ovf:fileRef="f1" ovf:capacity="8" ovf:capacityAllocationUnits="byte * 2^30"
          ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
  </DiskSection>
  <NetworkSection><Info>Networks</Info>
    <Network ovf:name="frontend"><Description>Public side</Description></Network>
  </NetworkSection>
  <DeploymentOptionSection><Info>Sizes</Info>
    <Configuration ovf:id="tiny"><Label>Tiny</Label><Description>1 CPU</Description></Configuration>
    <Configuration ovf:id="big" ovf:default="true"><Label>Big</Label><Description>8 CPUs</Description></Configuration>
  </DeploymentOptionSection>
  <VirtualSystem ovf:id="web">
    <Info>A web server</Info>
    <ProductSection ovf:class="vami" ovf:instance="web">
      <Info>Product</Info>
      <Product>Web Appliance</Product>
      <Version>2.1</Version>
      <Category>Network</Category>
      <Property ovf:key="ip0" ovf:type="string" ovf:userConfigurable="true" ovf:qualifiers="MaxLen(15)">
        <Label>IP address</Label><Description>Leave empty for DHCP</Description>
      </Property>
      <Property ovf:key="ssh" ovf:type="boolean" ovf:userConfigurable="true" ovf:value="true"><Label>Enable SSH</Label></Property>
      <Category>Security</Category>
      <Property ovf:key="root_pw" ovf:type="password" ovf:password="true" ovf:userConfigurable="true" ovf:value="changeme"/>
      <Property ovf:key="build" ovf:type="string" ovf:value="4711"/>
      <Property ovf:key="workers" ovf:type="int" ovf:userConfigurable="true" ovf:value="2">
        <Value ovf:configuration="big" ovf:value="16"/>
      </Property>
    </ProductSection>
    <EulaSection><Info>Licence</Info><License>WEB APPLIANCE LICENCE
You may run this appliance.</License></EulaSection>
  </VirtualSystem>
</Envelope>
`

func TestSpecTextShowsEveryDecision(t *testing.T) {
	path := writeFile(t, "web.ovf", []byte(vappDescriptor))
	code, out, errOut := ovacheck(t, nil, "spec", path)
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"web.ovf: Web Appliance 2.1",
		"Deployment option (choose one)",
		"  tiny  Tiny\n          1 CPU\n  big   Big (default)\n          8 CPUs\n",
		"Networks (map each to a network of the target)",
		"frontend  Public side",
		"[Network]",
		"vami.ip0.web  string  (no default)  MaxLen(15)",
		"IP address: Leave empty for DHCP",
		"vami.ssh.web  boolean = true",
		"[Security]",
		"vami.root_pw.web  password  (password)",
		"vami.workers.web  int = 2",
		"under big: 16",
		`Fixed properties (not user-configurable; --hidden adds those marked userConfigurable="false" to the JSON)`,
		"vami.build.web  string = 4711",
		"Licences to accept",
		"WEB APPLIANCE LICENCE (49 characters; --format json holds the full text)",
		"Disks (DiskProvisioning: govc writes flat; vCenter offers thin, thick and eagerZeroedThick)",
		"vmdisk1  8.0 GiB  web-disk1.vmdk (streamOptimized)",
		"govc import.ova -options spec.json PACKAGE",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "changeme") {
		t.Errorf("the text shows a password's default:\n%s", out)
	}
}

// The JSON decodes into govc's field names (deployspec.Options mirrors
// govmomi ovf/importer/options.go; engine/deployspec's tests pin it against
// a copy of govc's type) with nothing left over.
func TestSpecJSONForGovc(t *testing.T) {
	path := writeFile(t, "web.ovf", []byte(vappDescriptor))
	code, out, errOut := ovacheck(t, nil, "spec", "--format", "json", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	o := decodeSpec(t, out)
	if o.Deployment != "big" || len(o.AllDeploymentOptions) != 2 || o.AllDeploymentOptions[1] != "tiny" {
		t.Errorf("deployment %q of %v, want big first", o.Deployment, o.AllDeploymentOptions)
	}
	values := map[string]string{}
	for _, p := range o.PropertyMapping {
		values[p.Key] = p.Value
	}
	want := map[string]string{"vami.ip0.web": "", "vami.ssh.web": "True", "vami.root_pw.web": "changeme", "vami.workers.web": "2"}
	if len(values) != len(want) {
		t.Errorf("properties %v, want %v", values, want)
	}
	for k, v := range want {
		if values[k] != v {
			t.Errorf("%s = %q, want %q", k, values[k], v)
		}
	}
	if len(o.NetworkMapping) != 1 || o.NetworkMapping[0].Name != "frontend" {
		t.Errorf("network mapping %+v", o.NetworkMapping)
	}
	if len(o.Eulas) != 1 || !strings.HasPrefix(o.Eulas[0].License, "WEB APPLIANCE LICENCE\nYou may") {
		t.Errorf("eulas %+v", o.Eulas)
	}
	if !strings.Contains(out, `"Name": null`) {
		t.Errorf("Name should be null so govc names the VM itself:\n%s", out)
	}

	_, hidden, _ := ovacheck(t, nil, "spec", "--hidden", "--format", "json", path)
	// build has no ovf:userConfigurable: govc -hidden leaves it out too.
	if h := decodeSpec(t, hidden); len(h.PropertyMapping) != 4 {
		t.Errorf("--hidden: %d properties, want 4", len(h.PropertyMapping))
	}
}

// The site's sample .ova, from a file and from standard input.
func TestSpecOfSampleOVA(t *testing.T) {
	ova := samples.Sound()
	path := writeFile(t, "appliance.ova", ova)
	code, fromFile, errOut := ovacheck(t, nil, "spec", "--format", "json", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	o := decodeSpec(t, fromFile)
	if len(o.Disks) != 1 || o.Disks[0].CapacityBytes != 64<<20 || o.DiskProvisioning != "flat" {
		t.Errorf("disks %+v provisioning %q", o.Disks, o.DiskProvisioning)
	}
	code, fromStdin, _ := ovacheck(t, ova, "spec", "--format", "json", "-")
	if code != exitOK || fromStdin != fromFile {
		t.Errorf("standard input gave exit %d and a different spec:\n%s", code, fromStdin)
	}
	_, text, _ := ovacheck(t, nil, "spec", path)
	if !strings.Contains(text, "appliance.ovf: Example Appliance") || !strings.Contains(text, "64.0 MiB") {
		t.Errorf("text:\n%s", text)
	}
}

func TestSpecRefusals(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(samples.Sound())
	zw.Close()
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"gzip", []string{"spec", writeFile(t, "a.ova", gz.Bytes())}, "not a tar .ova"},
		{"format", []string{"spec", "--format", "html", writeFile(t, "b.ovf", []byte(vappDescriptor))}, `unknown format "html"`},
		{"none", []string{"spec"}, "name one package"},
	} {
		code, _, errOut := ovacheck(t, nil, c.args...)
		if code != exitCantRun || !strings.Contains(errOut, c.want) {
			t.Errorf("%s: exit %d, stderr %q, want 2 and %q", c.name, code, errOut, c.want)
		}
	}
}

// decodeSpec decodes the JSON strictly: every field must be one govc
// reads or one of ovacheck's two documented additions.
func decodeSpec(t *testing.T, out string) deployspec.Options {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var o deployspec.Options
	if err := dec.Decode(&o); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return o
}

// In a collection, keys may repeat across systems: the text names the
// system of each property and licence.
func TestSpecTextNamesTheSystemInACollection(t *testing.T) {
	const collection = `<?xml version="1.0"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
  <References/>
  <VirtualSystemCollection ovf:id="vapp"><Info>vApp</Info>
    <VirtualSystem ovf:id="db"><Info>db</Info>
      <ProductSection><Info>p</Info><Property ovf:key="ip" ovf:type="string" ovf:userConfigurable="true"/></ProductSection>
      <EulaSection><Info>e</Info><License>DB licence</License></EulaSection>
    </VirtualSystem>
    <VirtualSystem ovf:id="web"><Info>web</Info>
      <ProductSection><Info>p</Info><Property ovf:key="ip" ovf:type="string" ovf:userConfigurable="true"/></ProductSection>
      <EulaSection><Info>e</Info><License>Web licence</License></EulaSection>
    </VirtualSystem>
  </VirtualSystemCollection>
</Envelope>`
	_, out, _ := ovacheck(t, nil, "spec", writeFile(t, "vapp.ovf", []byte(collection)))
	for _, want := range []string{"ip (in db)  string  (no default)", "ip (in web)  string", "in db: DB licence", "in web: Web licence"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
}
