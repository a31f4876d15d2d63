package compat

import (
	"math/big"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// gather reads the package once and returns the facts to judge each target
// by.
func gather(in Input) []fact {
	var facts []fact
	if e := in.Env; e != nil && e.Root != nil {
		facts = append(facts, descriptorFacts(e, in.Images)...)
		ova := in.Archive != nil && in.Archive.Kind == archive.KindTar
		facts = append(facts, diskNameFacts(e, ova)...)
	}
	if m := in.Manifest; m != nil {
		facts = append(facts, manifestFacts(m)...)
	}
	if a := in.Archive; a != nil && a.Kind == archive.KindTar {
		facts = append(facts, archiveFacts(a, in.Manifest)...)
	}
	return facts
}

func at(e *envelope.Envelope, p envelope.Pos) report.Location {
	if !p.Known() {
		return report.InMember(e.Member)
	}
	return report.At(e.Member, p.Line, p.Column)
}

// systems returns every VirtualSystem.
func systems(e *envelope.Envelope) []*envelope.Content {
	var out []*envelope.Content
	var walk func(list []*envelope.Content)
	walk = func(list []*envelope.Content) {
		for _, ct := range list {
			if ct.Kind == "VirtualSystem" {
				out = append(out, ct)
			}
			walk(ct.Children)
		}
	}
	walk(e.Contents)
	return out
}

func descriptorFacts(e *envelope.Envelope, images map[string]*report.DiskImage) []fact {
	var facts []fact
	conformanceRan := e.Version == envelope.Version1 || e.Version == envelope.Version2
	for _, vs := range systems(e) {
		for i := range vs.Hardware {
			h := &vs.Hardware[i]
			if len(h.SystemType) > 0 {
				facts = append(facts, familyFact(e, h))
			}
			facts = append(facts, itemFacts(e, h)...)
			facts = append(facts, vmwareConfigFacts(e, h)...)
		}
		if os := vs.OS; os != nil && os.OSType != "" {
			since, known := guestSince[os.OSType]
			loc, id := at(e, os.Pos), os.OSType
			facts = append(facts, func(t target, j *judgement) {
				if !known || t.newestGuest == 0 || since.release < t.newestGuest || since.release == t.newestGuest && since.update == 0 {
					return
				}
				hint := "Choose a guest type the release knows (an older version of the same system, or the generic other Linux 64-bit type), or deploy to a newer release."
				if since.release == t.newestGuest {
					j.hit(warns, rules.CmpGuestOS, nil, loc, hint,
						"may not know guest operating system %q (vmw:osType), which vSphere %d.%d lists only from Update %d", id, since.release/10, since.release%10, since.update)
					return
				}
				j.hit(warns, rules.CmpGuestOS, nil, loc, hint,
					"may not know guest operating system %q (vmw:osType), which vSphere lists from %d.%d", id, since.release/10, since.release%10)
			})
		}
	}
	if e.Version == envelope.Version1 {
		facts = append(facts, hardDiskFact(e))
	}
	switch e.Version {
	case envelope.Version2:
		loc := at(e, e.Pos)
		facts = append(facts, func(t target, j *judgement) {
			j.hit(t.ovf2Envelope, rules.CmpOVF2, nil, loc,
				"Write the descriptor as OVF 1.x (namespace http://schemas.dmtf.org/ovf/envelope/1) with Item elements; every consumer reads 1.x.",
				"does not fully read OVF 2.x descriptors (namespace http://schemas.dmtf.org/ovf/envelope/2)")
		})
	case envelope.Version09:
		loc := at(e, e.Pos)
		facts = append(facts, func(t target, j *judgement) {
			j.hit(t.ovf09, rules.CmpOVF09, rules.EnvVersion09, loc,
				"Convert the package to OVF 1.x, e.g. with ovftool.",
				"does not read pre-standard OVF 0.9 descriptors")
		})
	}
	for _, f := range e.References {
		f := f
		loc := at(e, f.Pos)
		if strings.EqualFold(strings.TrimSpace(f.Compression), "gzip") {
			facts = append(facts, func(t target, j *judgement) {
				j.hit(t.gzip, rules.CmpCompressed, nil, loc,
					"Ship the file uncompressed (a stream-optimized VMDK is already compressed) and drop ovf:compression.",
					"cannot import %q, which the descriptor marks ovf:compression=\"gzip\"", f.Href)
			})
		}
		if f.ChunkSize != nil {
			facts = append(facts, func(t target, j *judgement) {
				j.hit(t.chunked, rules.CmpChunked, nil, loc,
					"Ship the file whole (drop ovf:chunkSize and join the chunks); an OVA member may exceed 8 GiB with GNU or PAX tar headers.",
					"cannot import %q, which the descriptor splits into chunks (ovf:chunkSize)", f.Href)
			})
		}
	}
	facts = append(facts, diskFormatFacts(e, images)...)
	facts = append(facts, propertyFacts(e, conformanceRan)...)
	return facts
}

// hardDiskFact: a target that imports only the hard disks of a
// VirtualSystem directly in the Envelope (virt-v2v) has nothing to convert
// when there is none: a VM with only a CD-ROM, or systems that all sit in a
// VirtualSystemCollection.
func hardDiskFact(e *envelope.Envelope) fact {
	found := false
	var first *envelope.Content
	for _, ct := range e.Contents {
		if first == nil {
			first = ct
		}
		if ct.Kind != "VirtualSystem" {
			continue
		}
		for _, h := range ct.Hardware {
			for _, it := range h.Items {
				if strings.TrimSpace(it.ResourceType.Text) == "17" {
					found = true
				}
			}
		}
	}
	loc := at(e, e.Pos)
	what := "no VirtualSystem of the Envelope has a hard disk (an Item of ResourceType 17)"
	if first != nil {
		loc = at(e, first.Pos)
		if first.Kind == "VirtualSystemCollection" {
			what = "the virtual systems are inside a VirtualSystemCollection, where the target does not look for hard disks"
		}
	}
	return func(t target, j *judgement) {
		if found || first == nil { // no system at all is ENV015
			return
		}
		j.hit(t.noHardDisk, rules.CmpNoHardDisk, nil, loc,
			"Give the virtual machine its hard disk (a Disk in the DiskSection and an Item of ResourceType 17 naming it), or import it where a machine without disks is allowed.",
			"stops with \"source has no hard disks!\": %s", what)
	}
}

func familyFact(e *envelope.Envelope, h *envelope.VirtualHardwareSection) fact {
	var loc report.Location
	if n := h.System; n != nil {
		loc = at(e, n.Pos)
		for _, c := range n.Children {
			if c.Name.Local == "VirtualSystemType" {
				loc = at(e, c.Pos)
			}
		}
	}
	list := h.SystemType
	return func(t target, j *judgement) {
		shown := strings.Join(list, " ")
		if t.knownFamily != nil {
			if !t.knownFamily(shown) {
				j.hit(t.unknownFamily, rules.CmpFamilyUnknown, nil, loc,
					"The target still imports the package; check the hardware after import.",
					"knows none of the virtual hardware families %q and warns", shown)
			}
			return
		}
		if t.maxFamily == 0 {
			return
		}
		best, sawVMX, workstation := 0, false, 0
		for _, f := range strings.FieldsFunc(shown, func(r rune) bool { return r == ' ' || r == ',' }) {
			n, ok := vmxVersion(f)
			if !ok {
				continue
			}
			sawVMX = true
			switch {
			case t.esx && workstationOnlyFamily(n):
				workstation = n
			case n <= t.maxFamily && n > best:
				best = n
			}
		}
		switch {
		case !sawVMX:
			j.hit(t.foreignFamily, rules.CmpHardwareFamily, nil, loc,
				"Set <vssd:VirtualSystemType> to a VMware family such as vmx-13 (VirtualBox exports write virtualbox-2.2).",
				"refuses virtual hardware family %q (\"Unsupported hardware family\")", shown)
		case best == 0 && workstation != 0:
			j.hit(rejects, rules.CmpHardwareFamily, nil, loc,
				"Set <vssd:VirtualSystemType> to a hardware version ESXi runs, such as vmx-13 or vmx-19, or list one beside it (e.g. \"vmx-13 vmx-16\").",
				"does not run vmx-%d, a hardware version of VMware Workstation that ESXi does not support, and refuses %q", workstation, shown)
		case best == 0:
			j.hit(rejects, rules.CmpHardwareFamily, nil, loc,
				"Lower <vssd:VirtualSystemType> to vmx-"+strconv.Itoa(t.maxFamily)+" or older, or list an older family too (e.g. \"vmx-13 vmx-19\"); the platform picks the newest one it runs.",
				"runs virtual hardware up to vmx-%d and refuses %q (\"Unsupported hardware family\")", t.maxFamily, shown)
		case best >= t.warnFrom:
			j.hit(warns, rules.CmpHardwareFamily, nil, loc,
				"Check that the hosts run the update release that introduced vmx-"+strconv.Itoa(best)+", or lower the family.",
				"runs vmx-%d only from an update release; earlier builds refuse %q", best, shown)
		}
	}
}

// vmxVersion reads "vmx-13" (or "vmx-4") as 13.
func vmxVersion(f string) (int, bool) {
	s, ok := strings.CutPrefix(strings.ToLower(f), "vmx-")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// virtualBoxMemoryUnits are the AllocationUnits VirtualBox accepts for
// memory, compared exactly (ovfreader.cpp
// OVFReader::HandleVirtualSystemContent).
var virtualBoxMemoryUnits = map[string]bool{"MegaBytes": true, "MB": true, "byte * 2^20": true,
	"GigaBytes": true, "GB": true, "byte * 2^30": true}

func itemFacts(e *envelope.Envelope, h *envelope.VirtualHardwareSection) []fact {
	var facts []fact
	ovf2Reported := false
	for i := range h.Items {
		it := &h.Items[i]
		loc := at(e, it.Pos)
		rt, _ := strconv.Atoi(it.ResourceType.Text)
		if (it.Kind == "StorageItem" || it.Kind == "EthernetPortItem") && !ovf2Reported {
			ovf2Reported = true
			kind := it.Kind
			facts = append(facts, func(t target, j *judgement) {
				j.hit(t.ovf2Items, rules.CmpOVF2, nil, loc,
					"Describe disks and network adapters as <Item> elements with rasd: children, which OVF 1.x and 2.x consumers both read.",
					"refuses the OVF 2.x element <%s> (\"Unsupported element\")", kind)
			})
		}
		required := it.Required == nil || *it.Required
		if required && rt != 0 {
			facts = append(facts, func(t target, j *judgement) {
				if t.knownResourceType == nil || t.knownResourceType(rt) {
					return
				}
				hint := `Mark the Item ovf:required="false" so that consumers that do not know the device skip it, or remove it.`
				if t.unknownResourceType == rejects {
					j.hit(rejects, rules.CmpResourceType, nil, loc, hint,
						"refuses resource type %d in a required Item (\"Unknown resource type %d in hardware item\")", rt, rt)
					return
				}
				j.hit(t.unknownResourceType, rules.CmpResourceType, nil, loc, hint,
					"does not import resource type %d and warns that the required Item is not recognised", rt)
			})
		}
		if rt == 5 {
			sub := strings.ToUpper(it.ResourceSubType.Text)
			if sub == "PIIX3" || sub == "PIIX4" || sub == "ICH6" {
				sl := at(e, it.ResourceSubType.Pos)
				text := it.ResourceSubType.Text
				facts = append(facts, func(t target, j *judgement) {
					j.hit(t.ideSubtypes, rules.CmpSubType, nil, sl,
						"Remove the ResourceSubType of the IDE controller; VMware platforms choose their own.",
						"refuses IDE controller subtype %q (\"VALUE_ILLEGAL: Value '%s' of ResourceSubType\")", text, text)
				})
			}
		}
		if rt == 4 && it.Bound != "min" && it.Bound != "max" {
			facts = append(facts, memoryFact(e, it))
		}
	}
	return facts
}

func memoryFact(e *envelope.Envelope, it *envelope.Item) fact {
	units := strings.TrimSpace(it.AllocationUnits.Text)
	loc := at(e, it.AllocationUnits.Pos)
	if !it.AllocationUnits.Present() {
		loc = at(e, it.Pos)
	}
	mib := true
	if units != "" {
		u, ok := envelope.ParseUnits(units)
		mib = ok && u.Base == "byte" && u.Multiplier.Cmp(big.NewRat(1<<20, 1)) == 0 ||
			ok && u.Legacy && (strings.EqualFold(units, "MB") || strings.EqualFold(units, "MegaBytes") || strings.EqualFold(units, "MiB"))
	}
	raw := it.AllocationUnits.Text
	present := it.AllocationUnits.Present() && units != ""
	return func(t target, j *judgement) {
		if !present {
			if t.memoryNoUnits == rejects {
				j.hit(rejects, rules.CmpMemoryUnits, nil, loc,
					`Add <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits> to the memory Item, with the VirtualQuantity in MiB.`,
					"refuses a memory Item without AllocationUnits (\"Invalid allocation unit\")")
			} else {
				j.hit(t.memoryNoUnits, rules.CmpMemoryUnits, nil, loc,
					`Add <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits> to the memory Item, with the VirtualQuantity in MiB.`,
					"warns that the memory Item has no AllocationUnits")
			}
			return
		}
		switch t.memoryUnits {
		case "mib":
			if !mib {
				j.hit(warns, rules.CmpMemoryUnits, nil, loc,
					`Write memory in MiB: <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits> with the VirtualQuantity in MiB.`,
					"reads memory as MiB whatever AllocationUnits says, so %q gives the wrong amount", units)
			}
		case "virtualbox":
			if !virtualBoxMemoryUnits[raw] {
				j.hit(rejects, rules.CmpMemoryUnits, nil, loc,
					`Write "byte * 2^20" (MiB) or "byte * 2^30" (GiB).`,
					"refuses memory AllocationUnits %q (\"Invalid allocation unit\")", raw)
			}
		}
	}
}

// vmwareConfigFacts finds VMware's EFI firmware setting and NVRAM file,
// which only VMware platforms (and, for the firmware, Proxmox) read.
func vmwareConfigFacts(e *envelope.Envelope, h *envelope.VirtualHardwareSection) []fact {
	var facts []fact
	if h.Node == nil {
		return nil
	}
	for _, c := range h.Node.Children {
		if c.Name.Space != envelope.NSVMware || (c.Name.Local != "Config" && c.Name.Local != "ExtraConfig") {
			continue
		}
		key, value := vmwAttr(c, "key"), vmwAttr(c, "value")
		loc := at(e, c.Pos)
		switch {
		case key == "firmware" && strings.EqualFold(value, "efi"):
			facts = append(facts, func(t target, j *judgement) {
				j.hit(t.vmwareFirmware, rules.CmpVendorConfig, nil, loc,
					"Set the virtual machine to UEFI firmware by hand after import, or the guest may not boot.",
					"ignores VMware's firmware=\"efi\" setting (vmw:Config) and boots with BIOS")
			})
		case key == "nvram":
			facts = append(facts, func(t target, j *judgement) {
				j.hit(t.vmwareNVRAM, rules.CmpVendorConfig, nil, loc,
					"The UEFI variables (boot entries, Secure Boot keys) are lost; recreate them after import.",
					"ignores the VMware NVRAM file the descriptor attaches (vmw:ExtraConfig nvram)")
			})
		}
	}
	return facts
}

func vmwAttr(n *envelope.Node, local string) string {
	if a := n.Attr(envelope.NSVMware, local); a != nil {
		return a.Value
	}
	return ""
}

// shortFormat maps a disk format name (envelope.DiskFormatName or a probe's
// Format) to the short names the target tables use.
func shortFormat(name string) string {
	n := strings.ToLower(name)
	switch {
	case strings.HasPrefix(n, "vmdk"):
		return "vmdk"
	case strings.HasPrefix(n, "iso"):
		return "iso"
	case n == "qcow2", n == "qcow", n == "vhd", n == "vhdx", n == "vdi", n == "raw":
		return n
	}
	return ""
}

func diskFormatFacts(e *envelope.Envelope, images map[string]*report.DiskImage) []fact {
	if e.DiskSection == nil {
		return nil
	}
	hrefs := map[string]string{}
	for _, f := range e.References {
		hrefs[f.ID] = f.Href
	}
	var facts []fact
	for _, d := range e.DiskSection.Disks {
		if d.FileRef == "" {
			continue
		}
		format := ""
		if img := images[path.Clean(hrefs[d.FileRef])]; img != nil {
			format = shortFormat(img.Format)
		} else if img := images[hrefs[d.FileRef]]; img != nil {
			format = shortFormat(img.Format)
		}
		if format == "" {
			if name, ok := envelope.DiskFormatName(d.Format); ok {
				format = shortFormat(name)
			}
		}
		if format == "" {
			continue
		}
		loc := at(e, d.Pos)
		id := d.DiskID
		facts = append(facts, func(t target, j *judgement) {
			if t.diskFormats == nil {
				return
			}
			for _, f := range t.diskFormats {
				if f == format {
					return
				}
			}
			j.hit(rejects, rules.CmpDiskFormat, nil, loc,
				"Convert the disk to a format the target imports (for VMware, a stream-optimized VMDK: qemu-img convert -O vmdk -o subformat=streamOptimized) and update ovf:format.",
				"cannot import disk %q in %s format", id, strings.ToUpper(format))
		})
	}
	return facts
}

// diskNameFacts judges the names of the files the disks refer to: a
// target may extract only some extensions from an OVA, or refuse an href
// with characters outside a safe set.
func diskNameFacts(e *envelope.Envelope, ova bool) []fact {
	if e.DiskSection == nil {
		return nil
	}
	files := map[string]envelope.File{}
	for _, f := range e.References {
		files[f.ID] = f
	}
	var facts []fact
	seen := map[string]bool{}
	for _, d := range e.DiskSection.Disks {
		f, ok := files[d.FileRef]
		if !ok || f.Href == "" || seen[f.Href] {
			continue
		}
		seen[f.Href] = true
		href, loc := f.Href, at(e, f.Pos)
		facts = append(facts, func(t target, j *judgement) {
			if t.safeDiskHref != nil && !t.safeDiskHref.MatchString(href) {
				j.hit(rejects, rules.CmpDiskName, nil, loc,
					"Name the disk file with letters, digits and - . + = _ only, at the top of the package, and update ovf:href.",
					"refuses the disk file name %q: only letters, digits and - . + = _ are allowed, with no directory (\"referenced path is invalid\")", href)
				return
			}
			if ova && t.ovaDiskExtensions != nil && !slices.Contains(t.ovaDiskExtensions, path.Ext(href)) {
				j.hit(rejects, rules.CmpDiskName, nil, loc,
					"Name the disk member with the extension of its format in lower case ("+strings.Join(t.ovaDiskExtensions, ", ")+") and update ovf:href.",
					"extracts from an OVA only disks named %s, and cannot import %q", strings.Join(t.ovaDiskExtensions, ", "), href)
			}
		})
	}
	return facts
}

// dspTypes are the property types of DSP0243 Table 6; vmwareTypes those
// vSphere adds. Conformance rule PRD004 reports any other type with the
// same predicate, so it covers the vSphere fact.
var dspTypes = map[string]bool{"uint8": true, "sint8": true, "uint16": true, "sint16": true, "uint32": true,
	"sint32": true, "uint64": true, "sint64": true, "string": true, "boolean": true, "real32": true, "real64": true}

func isVMwarePropertyType(t string) bool {
	switch t {
	case "int", "real", "ip", "expression", "password":
		return true
	}
	return strings.HasPrefix(t, "ip:")
}

func propertyFacts(e *envelope.Envelope, conformanceRan bool) []fact {
	var facts []fact
	var walk func(list []*envelope.Content)
	walk = func(list []*envelope.Content) {
		for _, ct := range list {
			for _, p := range ct.Products {
				for _, pr := range p.Properties {
					typ := strings.TrimSpace(pr.Type)
					if typ == "" || dspTypes[typ] || isVMwarePropertyType(typ) {
						continue
					}
					loc, key := at(e, pr.Pos), pr.Key
					var covers *rules.Rule
					if conformanceRan {
						covers = rules.PrdType
					}
					facts = append(facts, func(t target, j *judgement) {
						j.hit(t.propertyTypes, rules.CmpPropertyType, covers, loc,
							"Use a DSP0243 property type (string, boolean, uint8 to sint64, real32, real64).",
							"refuses property %q of type %q", key, typ)
					})
				}
			}
			walk(ct.Children)
		}
	}
	walk(e.Contents)
	return facts
}

// manifestFacts judges each manifest line's form and algorithm. The
// manifest package reports every such line (MF002, MF004, MF005, MF007,
// MF014) with the consumers concerned; when its finding is present the
// target cites it.
func manifestFacts(m *manifest.Manifest) []fact {
	reported := map[string]bool{}
	for _, f := range m.Findings {
		reported[f.Rule] = true
	}
	cover := func(r *rules.Rule) *rules.Rule {
		if reported[r.ID] {
			return r
		}
		return nil
	}
	var facts []fact
	seen := map[string]bool{}
	for _, e := range m.Entries {
		e := e
		loc := report.At(m.Member, e.Line, 1)
		add := func(kind string, f fact) {
			if !seen[kind] {
				seen[kind] = true
				facts = append(facts, f)
			}
		}
		if e.Quirks&manifest.QuirkSpaced != 0 {
			add("spaced", func(t target, j *judgement) {
				j.hit(t.spacedForm, rules.CmpManifestForm, cover(rules.MfSpacedForm), loc,
					"Write every line as ALG(name)= hex, e.g. with `openssl dgst -sha256` or ovftool.",
					"refuses the manifest line form %q (\"Invalid OVF checksum algorithm\")", e.Raw)
			})
		}
		if e.Quirks&manifest.QuirkSpelling != 0 {
			add("spelling", func(t target, j *judgement) {
				hint := "Spell the algorithm SHA1, SHA256 or SHA512 (OpenSSL 3 prints SHA2-256)."
				if t.spelling == warns {
					j.hit(warns, rules.CmpManifestForm, cover(rules.MfAlgorithmSpelling), loc, hint,
						"does not know the algorithm name %q and skips the line, so the file goes unverified", e.Token)
					return
				}
				j.hit(t.spelling, rules.CmpManifestForm, cover(rules.MfAlgorithmSpelling), loc, hint,
					"does not accept the algorithm name %q", e.Token)
			})
		}
		if e.Quirks&manifest.QuirkNoSpace != 0 {
			add("nospace", func(t target, j *judgement) {
				j.hit(t.noSpace, rules.CmpManifestForm, cover(rules.MfNoSpaceAfterEquals), loc,
					"Put one space after \"=\".",
					"skips the manifest line %q, so the file goes unverified", e.Raw)
			})
		}
		if e.Quirks&manifest.QuirkUpperHex != 0 {
			add("upper", func(t target, j *judgement) {
				j.hit(t.upperHex, rules.CmpManifestForm, cover(rules.MfUpperCaseHex), loc,
					"Write digests in lower-case hex.",
					"compares digests case-sensitively and reports the package corrupt for %q", e.Raw)
			})
		}
		if e.Algorithm == "SHA512" {
			add("sha512", func(t target, j *judgement) {
				j.hit(t.sha512, rules.CmpManifestAlgorithm, cover(rules.MfSHA512), loc,
					"Use SHA256, which every consumer checks.",
					"does not check SHA-512 manifest lines; the files go unverified")
			})
		}
	}
	return facts
}

// archiveFacts judges the tar layout: PAX headers, the descriptor's place
// and members missing from the manifest. archive.CheckLayout reports the
// first two (PKG033, PKG020) for every archive the engine checks, so they
// cover the facts.
func archiveFacts(a *archive.Index, m *manifest.Manifest) []fact {
	var facts []fact
	for _, mem := range a.Members {
		if mem.Format == archive.FormatPAX {
			loc := report.InMember(mem.Name)
			facts = append(facts, func(t target, j *judgement) {
				j.hit(t.pax, rules.CmpTarFormat, rules.PkgPAX, loc,
					"Write the OVA with GNU or ustar headers (tar --format=gnu), as ovftool does.",
					"does not support PAX tar headers")
			})
			break
		}
	}
	for _, mem := range a.Members {
		if !mem.Regular() {
			continue
		}
		if !strings.EqualFold(path.Ext(mem.Name), ".ovf") {
			loc := report.InMember(mem.Name)
			facts = append(facts, func(t target, j *judgement) {
				j.hit(t.descriptorNotFirst, rules.CmpDescriptorFirst, rules.PkgDescriptorNotFirst, loc,
					"Rebuild the OVA with the .ovf as the first member.",
					"requires the descriptor to be the first member of the OVA")
			})
		}
		break
	}
	facts = append(facts, manifestLastFact(a)...)
	if m != nil {
		listed := map[string]bool{}
		for _, f := range m.Files() {
			listed[f] = true
		}
		for _, mem := range a.Members {
			ext := strings.ToLower(path.Ext(mem.Name))
			if !mem.Regular() || ext == ".mf" || ext == ".cert" || listed[mem.Name] || listed[pkgname.Extracted(mem.Name)] {
				continue
			}
			loc, name := report.InMember(mem.Name), mem.Name
			facts = append(facts, func(t target, j *judgement) {
				j.hit(t.unlistedMembers, rules.CmpUnlisted, nil, loc,
					"List every member except the manifest and certificate in the manifest, or remove the member.",
					"refuses a package whose member %q is not listed in the manifest (\"The appliance contains a file that is not listed in the manifest\")", name)
			})
		}
	}
	return facts
}

// manifestLastFact finds a manifest that follows a file it could list (any
// member but the descriptor and certificate): DSP0243 allows the manifest
// at the end, but a consumer that verifies digests while the archive
// streams past has read the files before it knows their digests.
func manifestLastFact(a *archive.Index) []fact {
	sawFile := ""
	for _, mem := range a.Members {
		if !mem.Regular() {
			continue
		}
		switch strings.ToLower(path.Ext(mem.Name)) {
		case ".ovf", ".cert":
			continue
		case ".mf":
			if sawFile == "" {
				return nil
			}
			loc, name, file := report.InMember(mem.Name), mem.Name, sawFile
			return []fact{func(t target, j *judgement) {
				j.hit(t.manifestLast, rules.CmpManifestLast, nil, loc,
					"Rebuild the OVA with the manifest right after the descriptor (descriptor, manifest, certificate, then the files), as ovftool writes it.",
					"may fail or skip the digest check when it reads the OVA as a stream (ovftool or a deployment from a URL): the manifest %q comes after %q, which it has already read", name, file)
			}}
		default:
			if sawFile == "" {
				sawFile = mem.Name
			}
		}
	}
	return nil
}
