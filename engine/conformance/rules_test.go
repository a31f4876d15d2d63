package conformance

import (
	"strings"
	"testing"
)

// H marks the line a finding must be on.
const H = "<!--HERE-->"

// ruleCase is one rule's golden pair: a wrong descriptor that must give
// the rule on the line marked H, and a right one that must not give it.
type ruleCase struct {
	rule         string
	wrong, right string
}

func prod(body string) string {
	return "<ProductSection>\n<Info>Product</Info>\n<Product>Appliance</Product>\n" + body + "\n</ProductSection>"
}

func deploy(extra string) string {
	return `<DeploymentOptionSection>
<Info>Sizes</Info>
<Configuration ovf:id="small" ovf:default="true"><Label>Small</Label><Description>Small</Description></Configuration>
<Configuration ovf:id="large"><Label>Large</Label><Description>Large</Description></Configuration>
` + extra + `</DeploymentOptionSection>`
}

const largeMem = `<Item ovf:configuration="large"><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>Memory</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>4096</rasd:VirtualQuantity></Item>`

func ruleCases() []ruleCase {
	return []ruleCase{
		{"ENV030", parts{env: "<NetworkSectoin>" + H + "<Info>x</Info></NetworkSectoin>"}.doc(), parts{}.doc()},
		{"ENV030", parts{hw: `<StorageItem>` + H + `<rasd:ElementName>x</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>17</rasd:ResourceType></StorageItem>`}.doc(), parts{}.doc()},
		{"ENV031", parts{vs: "<AnnotationSection>" + H + "<Annotation>a</Annotation></AnnotationSection>"}.doc(), parts{vs: "<AnnotationSection><Info>i</Info><Annotation>a</Annotation></AnnotationSection>"}.doc()},
		{"ENV031", parts{vs: "<AnnotationSection><Annotation>a</Annotation>\n<Info>i</Info>" + H + "</AnnotationSection>"}.doc(), parts{}.doc()},
		{"ENV032", parts{vs: "<DeploymentOptionSection>" + H + "<Info>x</Info><Configuration ovf:id=\"a\"><Label>a</Label><Description>a</Description></Configuration></DeploymentOptionSection>"}.doc(),
			parts{env: "<DeploymentOptionSection><Info>x</Info><Configuration ovf:id=\"a\"><Label>a</Label><Description>a</Description></Configuration></DeploymentOptionSection>"}.doc()},
		{"ENV033", parts{vs: "<AnnotationSection><Info>i</Info><Annotation>a</Annotation></AnnotationSection>\n<AnnotationSection>" + H + "<Info>i</Info><Annotation>b</Annotation></AnnotationSection>"}.doc(),
			parts{vs: "<AnnotationSection><Info>i</Info><Annotation>a b</Annotation></AnnotationSection>"}.doc()},
		{"ENV034", parts{prod: "<ProductSection><Info>p</Info><Product>A</Product><VendorUrl>https://example.com/</VendorUrl>\n<Version>1</Version>" + H + "</ProductSection>"}.doc(),
			parts{prod: "<ProductSection><Info>p</Info><Product>A</Product><Version>1</Version><VendorUrl>https://example.com/</VendorUrl></ProductSection>"}.doc()},
		{"ENV035", parts{vs: "<AnnotationSection>" + H + "<Info>i</Info></AnnotationSection>"}.doc(), parts{vs: "<AnnotationSection><Info>i</Info><Annotation>a</Annotation></AnnotationSection>"}.doc()},
		{"ENV036", parts{prod: "<ProductSection><Info>p</Info><Product>A</Product>\n<Product>B</Product>" + H + "</ProductSection>"}.doc(), parts{prod: prod("")}.doc()},
		{"ENV037", parts{prod: prod("<Icon ovf:width=\"32\"/>" + H)}.doc(), parts{env: "", prod: prod("")}.doc()},
		{"ENV038", parts{env: strings.Replace(deploy(""), `ovf:default="true">`, `ovf:default="yes">`+H, 1), hw: largeMem}.doc(), parts{env: deploy(""), hw: largeMem}.doc()},
		{"ENV039", parts{vs: "<acme:TuneSection>" + H + "<Info>t</Info></acme:TuneSection>"}.doc(), parts{vs: "<acme:TuneSection ovf:required=\"false\"><Info>t</Info></acme:TuneSection>"}.doc()},
		{"ENV040", parts{vs: "<vmw:BootOrderSection>" + H + "<Info>b</Info></vmw:BootOrderSection>"}.doc(), parts{vs: "<vmw:BootOrderSection ovf:required=\"false\"><Info>b</Info></vmw:BootOrderSection>"}.doc()},
		{"ENV041", parts{env: "<ovf2:PlacementGroupSection xmlns:ovf2=\"http://schemas.dmtf.org/ovf/envelope/2\" ovf:required=\"false\">" + H + "<Info>p</Info></ovf2:PlacementGroupSection>"}.doc(), parts{}.doc()},
		{"ENV042", parts{hw: "<acme:Tuning/>" + H}.doc(), parts{hw: "<acme:Tuning ovf:required=\"false\"/>"}.doc()},
		{"ENV043", strings.Replace(parts{}.doc(), "<Envelope ", "<Envelope xml:lang=\"English language\" ", 1), strings.Replace(parts{}.doc(), "<Envelope ", "<Envelope xml:lang=\"en-US\" ", 1)},
		{"ENV044", parts{vs: "<AnnotationSection><Info>i</Info>\n<Annotation ovf:msgid=\"note\">a</Annotation>" + H + "</AnnotationSection>", strs: "<Strings xml:lang=\"de-DE\"><Msg ovf:msgid=\"other\">x</Msg></Strings>"}.doc(),
			parts{vs: "<AnnotationSection><Info>i</Info><Annotation ovf:msgid=\"note\">a</Annotation></AnnotationSection>", strs: "<Strings xml:lang=\"de-DE\"><Msg ovf:msgid=\"note\">x</Msg></Strings>"}.doc()},
		{"ENV045", parts{strs: "<Strings>" + H + "<Msg ovf:msgid=\"a\">x</Msg></Strings>"}.doc(), parts{strs: "<Strings xml:lang=\"de-DE\"><Msg ovf:msgid=\"a\">x</Msg></Strings>"}.doc()},
		{"ENV046", parts{strs: "<Strings xml:lang=\"de-DE\" ovf:fileRef=\"de\"/>" + H}.doc(), parts{strs: "<Strings xml:lang=\"de-DE\" ovf:fileRef=\"file1\"/>"}.doc()},
		{"ENV047", strings.Replace(parts{}.doc(), "<Envelope ", "<Envelope ovf:version=\"2.0\" ", 1), strings.Replace(parts{}.doc(), "<Envelope ", "<Envelope ovf:version=\"1.0\" ", 1)},

		{"HW030", parts{hw: `<Item><rasd:InstanceID>9</rasd:InstanceID>` + "\n" + `<rasd:ElementName>USB</rasd:ElementName>` + H + `<rasd:ResourceType>23</rasd:ResourceType></Item>`}.doc(),
			parts{hw: `<Item><rasd:ElementName>USB</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>23</rasd:ResourceType></Item>`}.doc()},
		{"HW030", parts{hw: `<Item><vmw:Config ovf:required="false" vmw:key="x" vmw:value="y"/>` + "\n" + `<rasd:ElementName>USB</rasd:ElementName>` + H + `<rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>23</rasd:ResourceType></Item>`}.doc(),
			parts{hw: `<Item><rasd:ElementName>USB</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>23</rasd:ResourceType><vmw:Config ovf:required="false" vmw:key="x" vmw:value="y"/></Item>`}.doc()},
		{"HW031", parts{hw: `<Item><rasd:ElementName>USB</rasd:ElementName>` + "\n" + `<rasd:ElementName>USB2</rasd:ElementName>` + H + `<rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>23</rasd:ResourceType></Item>`}.doc(), parts{}.doc()},
		{"HW032", parts{hw: `<Item>` + H + `<rasd:Caption>USB</rasd:Caption><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>23</rasd:ResourceType></Item>`}.doc(), parts{}.doc()},
		{"HW033", parts{hw: `<Item><rasd:ElementName>CPU</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>24</rasd:ResourceType>` + "\n" + `<rasd:VirtualQuantity>@@N@@</rasd:VirtualQuantity>` + H + `</Item>`}.doc(), parts{}.doc()},
		{"HW034", parts{hw: `<Item><rasd:Adress>0</rasd:Adress>` + H + `<rasd:ElementName>USB</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>23</rasd:ResourceType></Item>`}.doc(), parts{}.doc()},
		{"HW035", strings.Replace(parts{}.doc(), "<Item><rasd:AddressOnParent>7</rasd:AddressOnParent>", "<Item><rasd:AddressOnParent>0</rasd:AddressOnParent>"+H+"<rasd:ElementName>CD</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:Parent>3</rasd:Parent><rasd:ResourceType>15</rasd:ResourceType></Item>\n<Item><rasd:AddressOnParent>7</rasd:AddressOnParent>", 1),
			parts{hw: `<Item><rasd:AddressOnParent>1</rasd:AddressOnParent><rasd:ElementName>CD</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:Parent>3</rasd:Parent><rasd:ResourceType>15</rasd:ResourceType></Item>`}.doc()},
		{"HW036", parts{hw: `<Item>` + H + `<rasd:Connection>VM Network</rasd:Connection><rasd:ElementName>NIC</rasd:ElementName><rasd:HostResource>ovf:/file/file1</rasd:HostResource><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>10</rasd:ResourceType></Item>`}.doc(), parts{}.doc()},
		{"HW037", strings.Replace(parts{}.doc(), "<rasd:VirtualQuantity>1024</rasd:VirtualQuantity>", "<rasd:VirtualQuantity>0</rasd:VirtualQuantity>"+H, 1), parts{}.doc()},
		{"HW038", strings.Replace(parts{}.doc(), "<Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>Memory", "<Item>"+H+"<rasd:ElementName>Memory", 1), parts{}.doc()},
		{"HW039", strings.Replace(parts{}.doc(), "<rasd:VirtualQuantity>2</rasd:VirtualQuantity>", "<rasd:VirtualQuantity>0</rasd:VirtualQuantity>"+H, 1), parts{}.doc()},
		{"HW040", strings.Replace(parts{}.doc(), "</VirtualHardwareSection>", `<Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>More memory</rasd:ElementName><rasd:InstanceID>8</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>64</rasd:VirtualQuantity></Item>`+H+"\n</VirtualHardwareSection>", 1),
			parts{env: deploy(""), hw: largeMem}.doc()},
		{"HW041", parts{hwattr: ` ovf:transport="iso"><!--HERE--`}.doc(),
			parts{hwattr: ` ovf:transport="iso"`, hw: `<Item><rasd:AutomaticAllocation>false</rasd:AutomaticAllocation><rasd:ElementName>CD</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:ResourceType>15</rasd:ResourceType></Item>`}.doc()},
		{"HW042", parts{hwattr: ` ovf:transport="cdrom"><!--HERE--`}.doc(), parts{hwattr: ` ovf:transport="com.vmware.guestInfo"`}.doc()},
		{"HW043", parts{hw: `<Item ovf:bound="max">` + H + `<rasd:ElementName>Max</rasd:ElementName><rasd:InstanceID>77</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>8192</rasd:VirtualQuantity></Item>`}.doc(),
			parts{hw: `<Item ovf:bound="max"><rasd:ElementName>Max</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>8192</rasd:VirtualQuantity></Item>`}.doc()},
		{"HW044", parts{hw: `<Item><rasd:ElementName>Thing</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID>` + "\n" + `<rasd:ResourceType>1</rasd:ResourceType>` + H + `</Item>`}.doc(),
			parts{hw: `<Item><rasd:ElementName>Thing</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:OtherResourceType>watchdog</rasd:OtherResourceType><rasd:ResourceType>1</rasd:ResourceType></Item>`}.doc()},
		{"HW045", strings.Replace(parts{}.doc(), "<rasd:InstanceID>4</rasd:InstanceID><rasd:Parent>3</rasd:Parent>", "<rasd:InstanceID>4</rasd:InstanceID>", 1), parts{}.doc()},
		{"HW046", strings.Replace(parts{}.doc(), "<Item><rasd:AddressOnParent>7</rasd:AddressOnParent>", "<Item><rasd:AddressOnParent>1</rasd:AddressOnParent><rasd:ElementName>Disk 2</rasd:ElementName>\n<rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>"+H+"<rasd:InstanceID>9</rasd:InstanceID><rasd:Parent>3</rasd:Parent><rasd:ResourceType>17</rasd:ResourceType></Item>\n<Item><rasd:AddressOnParent>7</rasd:AddressOnParent>", 1),
			parts{}.doc()},
		{"HW047", strings.Replace(parts{}.doc(), "<System><vssd:ElementName>Virtual Hardware Family</vssd:ElementName><vssd:InstanceID>0</vssd:InstanceID>", "<System>"+H+"<vssd:ElementName>Virtual Hardware Family</vssd:ElementName>", 1), parts{}.doc()},
		{"HW048", parts{hw: `<Item><rasd:ElementName>USB</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID>` + "\n" + `<rasd:MappingBehavior>9</rasd:MappingBehavior>` + H + `<rasd:ResourceType>23</rasd:ResourceType></Item>`}.doc(),
			parts{hw: `<Item><rasd:ElementName>USB</rasd:ElementName><rasd:InstanceID>9</rasd:InstanceID><rasd:MappingBehavior>3</rasd:MappingBehavior><rasd:ResourceType>23</rasd:ResourceType></Item>`}.doc()},
		{"HW049", strings.Replace(parts{}.doc(), "<vssd:InstanceID>0</vssd:InstanceID><vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType></System>", "<vssd:InstanceID>0</vssd:InstanceID></System>", 1), parts{}.doc()},

		{"DSK070", strings.Replace(parts{prod: prod(`<Property ovf:key="size" ovf:type="string" ovf:value="1" ovf:userConfigurable="true"/>`)}.doc(), `ovf:capacity="1"`, `ovf:capacity="${size}"`, 1),
			strings.Replace(parts{prod: prod(`<Property ovf:key="size" ovf:type="uint64" ovf:value="1" ovf:userConfigurable="true"/>`)}.doc(), `ovf:capacity="1"`, `ovf:capacity="${size}"`, 1)},
		{"DSK071", strings.Replace(parts{hw: `<Item><rasd:AddressOnParent>1</rasd:AddressOnParent><rasd:ElementName>Data</rasd:ElementName><rasd:HostResource>ovf:/disk/data</rasd:HostResource><rasd:InstanceID>9</rasd:InstanceID><rasd:Parent>3</rasd:Parent><rasd:ResourceType>17</rasd:ResourceType></Item>`}.doc(), "</DiskSection>", `<Disk ovf:diskId="data" ovf:capacity="1" ovf:capacityAllocationUnits="byte * 2^30" ovf:populatedSize="4096"/>`+H+"\n</DiskSection>", 1), parts{}.doc()},
		{"DSK072", strings.Replace(strings.Replace(parts{}.doc(), `ovf:fileRef="file1"`, `ovf:fileRef="file1" ovf:parentRef="vmdisk1"`, 1), `#streamOptimized"/>`, `#streamOptimized"/>`+H, 1), parts{}.doc()},
		{"DSK073", strings.Replace(parts{}.doc(), "</DiskSection>", `<Disk ovf:diskId="spare" ovf:capacity="1" ovf:capacityAllocationUnits="byte * 2^30"/>`+H+"\n</DiskSection>", 1), parts{}.doc()},
		{"DSK074", strings.Replace(strings.Replace(parts{}.doc(), `ovf:fileRef="file1"`, `ovf:fileRef="file1" ovf:populatedSize="1.5GB"`, 1), `#streamOptimized"/>`, `#streamOptimized"/>`+H, 1), parts{}.doc()},
		{"DSK075", parts{hw: `<Item><rasd:AddressOnParent>1</rasd:AddressOnParent><rasd:ElementName>Shared</rasd:ElementName>` + "\n" + `<rasd:HostResource>ovf:/sharedDisk/quorum</rasd:HostResource>` + H + `<rasd:InstanceID>9</rasd:InstanceID><rasd:Parent>3</rasd:Parent><rasd:ResourceType>17</rasd:ResourceType></Item>`}.doc(), parts{}.doc()},
		{"NET030", strings.Replace(parts{}.doc(), "</NetworkSection>", `<Network ovf:name="dmz"/>`+H+"\n</NetworkSection>", 1), parts{}.doc()},
		{"NET031", strings.Replace(parts{}.doc(), "<rasd:Connection>VM Network</rasd:Connection>", "<rasd:Connection>vm network</rasd:Connection>"+H, 1), parts{}.doc()},

		{"PRD001", parts{prod: prod(`<Property ovf:type="string" ovf:value="a"/>` + H)}.doc(), parts{prod: prod(`<Property ovf:key="a" ovf:type="string" ovf:value="a"/>`)}.doc()},
		{"PRD002", parts{prod: prod(`<Property ovf:key="a" ovf:type="string" ovf:value="a"/>` + "\n" + `<Property ovf:key="a" ovf:type="string" ovf:value="b"/>` + H)}.doc(),
			parts{prod: prod(`<Property ovf:key="a" ovf:type="string" ovf:value="a"/><Property ovf:key="b" ovf:type="string" ovf:value="b"/>`)}.doc()},
		{"PRD003", parts{prod: prod(`<Property ovf:key="a" ovf:value="a"/>` + H)}.doc(), parts{prod: prod(`<Property ovf:key="a" ovf:type="string" ovf:value="a"/>`)}.doc()},
		{"PRD004", parts{prod: prod(`<Property ovf:key="a" ovf:type="String" ovf:value="a"/>` + H)}.doc(), parts{prod: prod(`<Property ovf:key="a" ovf:type="string" ovf:value="a"/>`)}.doc()},
		{"PRD005", parts{prod: prod(`<Property ovf:key="a" ovf:type="int" ovf:value="1"/>` + H)}.doc(), parts{prod: prod(`<Property ovf:key="a" ovf:type="sint32" ovf:value="1"/>`)}.doc()},
		{"PRD006", parts{prod: prod(`<Property ovf:key="a" ovf:type="boolean" ovf:qualifiers="MaxLen(5)" ovf:value="true"/>` + H)}.doc(), parts{prod: prod(`<Property ovf:key="a" ovf:type="string" ovf:qualifiers="MaxLen(5)" ovf:value="x"/>`)}.doc()},
		{"PRD007", parts{prod: prod(`<Property ovf:key="a" ovf:type="uint8" ovf:value="300"/>` + H)}.doc(), parts{prod: prod(`<Property ovf:key="a" ovf:type="uint16" ovf:value="300"/>`)}.doc()},
		{"PRD008", parts{prod: prod(`<Property ovf:key="a" ovf:type="boolean" ovf:value="True"/>` + H)}.doc(), parts{prod: prod(`<Property ovf:key="a" ovf:type="boolean" ovf:value="true"/>`)}.doc()},
		{"PRD009", parts{prod: prod(`<Property ovf:key="a" ovf:type="string" ovf:qualifiers="MinLen(8)" ovf:value="abc"/>` + H)}.doc(),
			parts{prod: prod(`<Property ovf:key="a" ovf:type="string" ovf:qualifiers="MinLen(8),ValueMap{&quot;abcdefgh&quot;}" ovf:value="abcdefgh"/>`)}.doc()},
		{"PRD010", parts{prod: `<ProductSection ovf:class="com.example"><Info>p</Info><Product>A</Product></ProductSection>` + "\n" + `<ProductSection ovf:class="com.example">` + H + `<Info>p</Info></ProductSection>`}.doc(),
			parts{prod: `<ProductSection ovf:class="com.example"><Info>p</Info><Product>A</Product></ProductSection><ProductSection ovf:class="com.example" ovf:instance="2"><Info>p</Info></ProductSection>`}.doc()},
		{"PRD011", parts{prod: `<ProductSection><Info>p</Info><Product>A</Product><Property ovf:key="a.k" ovf:type="string" ovf:value="1"/></ProductSection>` + "\n" + `<ProductSection ovf:class="a"><Info>p</Info>` + "\n" + `<Property ovf:key="k" ovf:type="string" ovf:value="1"/>` + H + `</ProductSection>`}.doc(),
			parts{prod: `<ProductSection><Info>p</Info><Product>A</Product><Property ovf:key="a.j" ovf:type="string" ovf:value="1"/></ProductSection><ProductSection ovf:class="a"><Info>p</Info><Property ovf:key="k" ovf:type="string" ovf:value="1"/></ProductSection>`}.doc()},
		{"PRD012", parts{prod: prod(`<Property ovf:key="pw" ovf:type="string" ovf:password="true" ovf:value="changeme"/>` + H)}.doc(), parts{prod: prod(`<Property ovf:key="pw" ovf:type="string" ovf:password="true" ovf:userConfigurable="true" ovf:value=""/>`)}.doc()},
		{"PRD013", parts{prod: prod(`<Property ovf:key="m" ovf:type="string"/>` + H)}.doc(), parts{prod: prod(`<Property ovf:key="m" ovf:type="string" ovf:value="auto"/>`)}.doc()},
		{"PRD014", parts{env: deploy(""), prod: prod(`<Property ovf:key="m" ovf:type="string" ovf:value="a"><Value ovf:value="b" ovf:configuration="large"/>` + "\n" + `<Value ovf:value="c" ovf:configuration="large"/>` + H + `</Property>`)}.doc(),
			parts{env: deploy(""), hw: largeMem, prod: prod(`<Property ovf:key="m" ovf:type="string" ovf:value="a"><Value ovf:value="b" ovf:configuration="large"/></Property>`)}.doc()},
		{"PRD015", parts{prod: prod(`<Category>Empty</Category>` + H + "\n" + `<Category>Net</Category><Property ovf:key="m" ovf:type="string" ovf:value="a"/>`)}.doc(), parts{prod: prod(`<Category>Net</Category><Property ovf:key="m" ovf:type="string" ovf:value="a"/>`)}.doc()},
		{"PRD016", parts{prod: prod("<ProductUrl>www.example.com</ProductUrl>" + H)}.doc(), parts{prod: prod("<ProductUrl>https://www.example.com/</ProductUrl>")}.doc()},
		{"PRD017", parts{prod: prod(`<Icon ovf:fileRef="logo"/>` + H)}.doc(), parts{prod: prod(`<Icon ovf:fileRef="file1"/>`)}.doc()},
		{"PRD018", parts{prod: "<ProductSection>" + H + "<Info>p</Info></ProductSection>"}.doc(), parts{prod: prod("")}.doc()},
		{"PRD019", parts{prod: prod(`<Property ovf:key="ip" ovf:type="string" ovf:qualifiers="Ip(Management)" ovf:userConfigurable="true"/>` + H)}.doc(), parts{prod: prod(`<Property ovf:key="ip" ovf:type="string" ovf:qualifiers="MaxLen(45)" ovf:userConfigurable="true"/>`)}.doc()},
		{"PRD020", parts{env: deploy(""), hw: `<Item ovf:configuration="Large">` + H + `<rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>Memory</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>4096</rasd:VirtualQuantity></Item>`}.doc(),
			parts{env: deploy(""), hw: largeMem}.doc()},
		{"PRD021", parts{env: deploy(`<Configuration ovf:id="large">` + H + `<Label>L</Label><Description>L</Description></Configuration>` + "\n"), hw: largeMem}.doc(), parts{env: deploy(""), hw: largeMem}.doc()},
		{"PRD022", parts{env: deploy(`<Configuration ovf:id="huge" ovf:default="true">` + H + `<Label>H</Label><Description>H</Description></Configuration>` + "\n"), hw: largeMem}.doc(), parts{env: deploy(""), hw: largeMem}.doc()},
		{"PRD023", parts{env: strings.Replace(deploy(""), `<Configuration ovf:id="large">`, `<Configuration ovf:id="large">`+H, 1)}.doc(), parts{env: deploy(""), hw: largeMem}.doc()},
		{"PRD030", collection("", "<StartupSection><Info>s</Info>\n<Item ovf:id=\"db\" ovf:order=\"1\"/>"+H+"</StartupSection>"), collection("", "<StartupSection><Info>s</Info><Item ovf:id=\"vm1\" ovf:order=\"1\"/></StartupSection>")},
		{"PRD031", collection("", "<StartupSection><Info>s</Info>\n<Item ovf:id=\"vm1\" ovf:order=\"1\" ovf:startDelay=\"30s\"/>"+H+"</StartupSection>"), collection("", "<StartupSection><Info>s</Info><Item ovf:id=\"vm1\" ovf:order=\"1\" ovf:startDelay=\"30\"/></StartupSection>")},
		{"PRD032", collection("", "<StartupSection><Info>s</Info>\n<Item ovf:id=\"vm1\" ovf:order=\"1\" ovf:stopAction=\"shutdown\"/>"+H+"</StartupSection>"), collection("", "<StartupSection><Info>s</Info><Item ovf:id=\"vm1\" ovf:order=\"1\" ovf:stopAction=\"guestShutdown\"/></StartupSection>")},
		{"PRD033", collection("", "<StartupSection><Info>s</Info><Item ovf:id=\"vm1\" ovf:order=\"1\"/>\n<Item ovf:id=\"vm1\" ovf:order=\"2\"/>"+H+"</StartupSection>"), collection("", "<StartupSection><Info>s</Info><Item ovf:id=\"vm1\" ovf:order=\"1\"/><Item ovf:id=\"vm2\" ovf:order=\"2\"/></StartupSection>")},
		{"PRD034", parts{vs: "<InstallSection>" + H + "<Info>i</Info></InstallSection>"}.doc(), parts{vs: "<InstallSection ovf:initialBootStopDelay=\"300\"><Info>i</Info></InstallSection>"}.doc()},
		{"PRD035", parts{vs: "<EulaSection><Info>e</Info>\n<License></License>" + H + "</EulaSection>"}.doc(), parts{vs: "<EulaSection><Info>e</Info><License>You may use this.</License></EulaSection>"}.doc()},
		{"PRD036", strings.Replace(parts{}.doc(), `<OperatingSystemSection ovf:id="101">`, `<OperatingSystemSection ovf:id="linux">`+H, 1), parts{}.doc()},
		{"PRD037", strings.Replace(parts{}.doc(), `<OperatingSystemSection ovf:id="101">`, `<OperatingSystemSection ovf:id="999">`+H, 1), parts{}.doc()},
		{"PRD038", parts{vs: "<AnnotationSection>" + H + "<Info>i</Info><Annotation>" + strings.Repeat("long text ", 30) + "</Annotation></AnnotationSection>"}.doc(),
			parts{vs: "<AnnotationSection><Info>i</Info><Annotation>short</Annotation></AnnotationSection>"}.doc()},
	}
}

// TestRules runs every rule's wrong and right descriptor.
func TestRules(t *testing.T) {
	for _, tc := range ruleCases() {
		t.Run(tc.rule, func(t *testing.T) {
			expectRule(t, tc.wrong, tc.rule)
			expectNoRule(t, tc.right, tc.rule)
		})
	}
}

// TestBaseIsClean makes sure the test template itself breaks no rule, so
// every case's finding comes from what the case changes.
func TestBaseIsClean(t *testing.T) {
	if fs := run(t, parts{}.doc()); len(fs) > 0 {
		t.Fatalf("base descriptor gives findings:%s", describe(fs))
	}
	if fs := run(t, collection("", "")); len(fs) > 0 {
		t.Fatalf("collection descriptor gives findings:%s", describe(fs))
	}
}
