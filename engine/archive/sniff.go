package archive

import (
	"bytes"
	"path"
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Sniff names what the bytes at the start of an input are: KindTar for a
// tar archive (a first block with a valid header checksum, a ustar magic,
// or the zero block of an empty archive), otherwise one of the other Kind
// constants, KindEmpty for no bytes and KindUnknown when nothing matches.
// A few KiB of head are enough to recognise a descriptor whose Envelope
// element comes after long comments; 512 bytes are enough for the rest.
func Sniff(head []byte) string {
	if len(head) == 0 {
		return KindEmpty
	}
	if looksLikeTar(head) {
		return KindTar
	}
	for _, m := range magics {
		if len(head) >= m.at+len(m.magic) && string(head[m.at:m.at+len(m.magic)]) == m.magic {
			return m.kind
		}
	}
	return sniffText(head)
}

// magics are the signatures of what people save under an .ova name.
var magics = []struct {
	at    int
	magic string
	kind  string
}{
	{0, "\x1f\x8b", KindGzip},
	{0, "\xfd7zXZ\x00", KindXz},
	{0, "BZh", KindBzip2},
	{0, "\x28\xb5\x2f\xfd", KindZstd},
	{0, "7z\xbc\xaf\x27\x1c", Kind7z},
	{0, "PK\x03\x04", KindZip},
	{0, "PK\x05\x06", KindZip}, // an empty zip
	{0, "KDMV", KindVMDK},      // hosted sparse extent
	{0, "COWD", KindVMDK},      // ESX sparse extent
	{0, "# Disk DescriptorFile", KindVMDK},
	{0, "QFI\xfb", KindQCOW2},
	{0, "conectix", KindVHD}, // the footer copy at the start of a dynamic VHD
	{0, "vhdxfile", KindVHDX},
	{0, "\x89PNG\r\n\x1a\n", KindPNG},
	{0, "\xff\xd8\xff", KindJPEG},
}

// looksLikeTar reports whether head starts with a tar header block.
func looksLikeTar(head []byte) bool {
	if len(head) >= offMagic+5 && string(head[offMagic:offMagic+5]) == "ustar" {
		return true
	}
	if len(head) < blockSize {
		return false
	}
	b := head[:blockSize]
	if isZero(b) {
		return true
	}
	_, _, ok := checksumOK(b)
	return ok
}

// sniffText recognises XML descriptors and HTML pages.
func sniffText(head []byte) string {
	t := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	t = bytes.TrimLeft(t, " \t\r\n")
	lower := bytes.ToLower(t)
	switch {
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")):
		return KindHTML
	case bytes.HasPrefix(t, []byte("<")):
		if bytes.Contains(lower, []byte("<html")) {
			return KindHTML
		}
		if bytes.Contains(t, []byte("Envelope")) {
			return KindDescriptor
		}
		return KindXML
	}
	return KindUnknown
}

// notTar describes each non-tar kind: what the file is, and what to do.
var notTar = map[string]struct {
	rule *rules.Rule
	what string
	fix  string
}{
	KindEmpty: {rules.PkgEmpty, "is empty (0 bytes)",
		"The download or copy failed; fetch the package again."},
	KindGzip: {rules.PkgCompressed, "is a gzip-compressed file (probably a compressed tar), not a tar archive",
		"VMware and vSphere need an uncompressed tar: gunzip it (rename it to .gz first if needed) and check the result, named .ova."},
	KindXz: {rules.PkgCompressed, "is an xz-compressed file (probably a compressed tar), not a tar archive",
		"VMware and vSphere need an uncompressed tar: unxz it and check the result, named .ova."},
	KindBzip2: {rules.PkgCompressed, "is a bzip2-compressed file (probably a compressed tar), not a tar archive",
		"VMware and vSphere need an uncompressed tar: bunzip2 it and check the result, named .ova."},
	KindZstd: {rules.PkgCompressed, "is a zstd-compressed file (probably a compressed tar), not a tar archive",
		"VMware and vSphere need an uncompressed tar: unzstd it and check the result, named .ova."},
	Kind7z: {rules.PkgCompressed, "is a 7-Zip archive, not a tar archive",
		"Extract it and check the .ova inside, or pack the descriptor and its files with tar (descriptor first)."},
	KindZip: {rules.PkgZip, "is a zip archive, not a tar archive",
		"Some tools accept zip, but VMware, VirtualBox and the OVF standard need a tar: unzip it and check the .ova inside, or pack the files with tar, descriptor first."},
	KindDescriptor: {rules.PkgBareDescriptor, "is an OVF descriptor (XML), not an OVA archive",
		"This is a descriptor, not an OVA: check it with its files in a folder, or pack them into an .ova with the descriptor first."},
	KindXML: {rules.PkgNotTar, "is an XML document, not a tar archive",
		"It is not an OVF package; if it should be a descriptor, it lacks the Envelope element."},
	KindHTML: {rules.PkgNotTar, "is an HTML page, not a tar archive",
		"The download saved a web page (often a login or \"404 not found\" page) instead of the package: check the URL and download it again."},
	KindVMDK: {rules.PkgNotTar, "is a VMDK disk image, not an OVA archive",
		"A disk alone is not a package: check the .ovf that references it, or the .ova that contains both."},
	KindQCOW2: {rules.PkgNotTar, "is a QCOW2 disk image, not an OVA archive",
		"A disk alone is not a package; OVA packages carry VMDK disks with a descriptor."},
	KindVHD: {rules.PkgNotTar, "is a VHD disk image, not an OVA archive",
		"A disk alone is not a package; check the .ovf that references it."},
	KindVHDX: {rules.PkgNotTar, "is a VHDX disk image, not an OVA archive",
		"A disk alone is not a package; convert it to VMDK and package it with a descriptor."},
	KindPNG: {rules.PkgNotTar, "is a PNG image, not a tar archive",
		"This is not an OVF package at all; check that the right file was chosen."},
	KindJPEG: {rules.PkgNotTar, "is a JPEG image, not a tar archive",
		"This is not an OVF package at all; check that the right file was chosen."},
}

// notTarFinding says what a non-tar input is and what to do about it.
func notTarFinding(kind, name string, head []byte) report.Finding {
	subject := "the file"
	if name != "" && name != "-" {
		subject = strconv.Quote(path.Base(name))
	}
	d, ok := notTar[kind]
	if !ok {
		return rules.PkgNotTar.New(report.AtOffset("", 0),
			"%s is not a tar archive: its first bytes (%s) match no known format", subject, hexHead(head)).
			WithHint("An .ova must be an uncompressed tar archive with the .ovf descriptor as its first member; check that the right file was chosen and fully downloaded.")
	}
	return d.rule.New(report.AtOffset("", 0), "%s %s", subject, d.what).WithHint(d.fix)
}

// extensionFinding checks that a tar input's name ends in .ova; ok is true
// when it does or the input has no name.
func extensionFinding(name string) (report.Finding, bool) {
	if name == "" || name == "-" || strings.EqualFold(path.Ext(name), ".ova") {
		return report.Finding{}, true
	}
	return rules.PkgNotDotOVA.New(report.Location{},
		"the archive is named %q; DSP0243 requires an OVF package stored as a single tar file to end in .ova", path.Base(name)).
		WithHint("Rename it to end in .ova; some importers choose what to do by the extension."), false
}

// hexHead shows up to 8 leading bytes in hex.
func hexHead(b []byte) string {
	const digits = "0123456789abcdef"
	var sb strings.Builder
	for i, c := range b[:min(len(b), 8)] {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteByte(digits[c>>4])
		sb.WriteByte(digits[c&15])
	}
	return sb.String()
}

// UnsafeName says why a member name could escape the folder it is
// extracted into ("it is an absolute path", ...), or returns "" for a
// plain relative name. Sources of members other than tar (a zip named
// .ova) judge their names with it.
func UnsafeName(name string) string { return unsafeName(name) }
