package conformance

import (
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/pkgname"
	"strings"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// checkReferences checks each File of References: its id and href, the
// href's form, and (when the package's files are known) that the file
// exists with the size the descriptor states.
func (c *checker) checkReferences() {
	ids := map[string]envelope.Pos{}
	hrefs := map[string]envelope.Pos{}
	for i := range c.e.References {
		fl := &c.e.References[i]
		if fl.ID == "" {
			c.Add(rules.RefNoID.New(c.At(fl.Pos), "<File> has no ovf:id").
				WithHint(`Add ovf:id="file1" (any identifier unique in the descriptor); Disk elements refer to files by this id.`))
		} else if p, dup := ids[fl.ID]; dup {
			c.Add(rules.RefDupID.New(c.At(fl.Node.AttrPos("id")), "File id %s is already used at line %d", envelope.Quote(fl.ID), p.Line).
				WithHint("Give every File its own ovf:id and update the Disk fileRef that should point to this one."))
		} else {
			ids[fl.ID] = fl.Pos
		}
		if fl.Href == "" {
			c.Add(rules.RefNoHref.New(c.At(fl.Pos), "<File> has no ovf:href").
				WithHint(`Add ovf:href with the file's name in the package, e.g. ovf:href="disk1.vmdk".`))
		} else {
			key := pkgname.Href(fl.Href)
			if p, dup := hrefs[key]; dup {
				c.Add(rules.RefDupHref.New(c.At(fl.Node.AttrPos("href")), "href %s is also referenced by the File at line %d", envelope.Quote(fl.Href), p.Line).
					WithHint("Each file of the package is listed once; remove the duplicate File and point its users at the first one."))
			} else {
				hrefs[key] = fl.Pos
			}
			c.checkHref(fl)
		}
		c.checkFileAttrs(fl)
	}
}

// scheme returns the URL scheme of href ("" for a relative reference or a
// Windows drive letter).
func scheme(href string) string {
	i := strings.IndexByte(href, ':')
	if i <= 1 {
		return ""
	}
	for j, ch := range href[:i] {
		alpha := (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
		if !alpha && (j == 0 || !((ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == '.')) {
			return ""
		}
	}
	return strings.ToLower(href[:i])
}

func (c *checker) checkHref(fl *envelope.File) {
	href := fl.Href
	loc := c.At(fl.Node.AttrPos("href"))
	if s := scheme(href); s != "" {
		switch {
		case c.inArchive:
			c.Add(rules.RefOutsideOVA.New(loc, "href %s is a %s URL; in an OVA every File must be a member of the archive", envelope.Quote(href), s).
				WithHint("Put the file into the OVA and reference it by its member name, or distribute the package as a folder."))
		case s == "http" || s == "https" || s == "file":
			c.Add(rules.RefURL.New(loc, "href %s is a %s URL; consumers must fetch it, and the package is not self-contained", envelope.Quote(href), s).
				WithHint("Reference a file next to the descriptor by a relative name unless the download is intended."))
		default:
			c.Add(rules.RefURL.New(loc, "href %s uses the %s scheme; DSP0243 says only relative names, file, http and https should be used", envelope.Quote(href), s).
				WithHint("Reference the file by a relative name, or by an http(s) URL."))
		}
		return
	}
	isDrive := len(href) >= 2 && href[1] == ':' && ((href[0] >= 'a' && href[0] <= 'z') || (href[0] >= 'A' && href[0] <= 'Z'))
	switch {
	case strings.HasPrefix(href, `\\`):
		c.Add(rules.RefUNC.New(loc, "href %s is a Windows UNC path to a network share", envelope.Quote(href)).
			WithHint("Put the file beside the descriptor and reference it by its name; only a consumer running on Windows with access to the share can open this path."))
		return
	case strings.HasPrefix(href, "/") || strings.HasPrefix(href, `\`) || isDrive:
		c.Add(rules.RefAbsolute.New(loc, "href %s is an absolute path", envelope.Quote(href)).
			WithHint("Reference the file relative to the descriptor, e.g. just its name; an absolute path names a file on the producer's machine."))
		return
	case strings.Contains(href, `\`):
		c.Add(rules.RefBackslash.New(loc, "href %s contains a backslash", envelope.Quote(href)).
			WithHint(`Use "/" to separate folders; "\" is not a path separator in URLs and consumers outside Windows look for a file with a backslash in its name.`))
	}
	for _, seg := range strings.FieldsFunc(href, func(r rune) bool { return r == '/' || r == '\\' }) {
		if seg != ".." {
			continue
		}
		if c.inArchive {
			c.Add(rules.RefOutsideOVA.New(loc, "href %s has a .. segment; in an OVA every File must be a member of the archive", envelope.Quote(href)).
				WithHint("Reference the archive member by its name, without .. segments."))
		} else if c.pkg != nil {
			c.Add(rules.RefDotDot.New(loc, "href %s climbs out of the descriptor's folder with ..; the file was not checked (its presence, size and digest), because ovacheck reads only the package's own folder", envelope.Quote(href)).
				WithHint("Keep every file of the package in the descriptor's folder (or below it) and reference it without ..; an OVA cannot hold such a file at all."))
		} else {
			c.Add(rules.RefDotDot.New(loc, "href %s climbs out of the descriptor's folder with ..", envelope.Quote(href)).
				WithHint("Keep every file of the package in the descriptor's folder (or below it) and reference it without ..; an OVA cannot hold such a file at all."))
		}
		return
	}
	if bad, ok := needsEscape(href); ok {
		c.Add(rules.RefNeedsEscape.New(loc, "href %s contains %s, which a URL must percent-encode", envelope.Quote(href), bad).
			WithHint("Rename the file to letters, digits, '-', '_' and '.', or percent-encode the character in the href (a space is %20)."))
	}
	if c.pkg == nil {
		return
	}
	path := pkgname.Href(href)
	size, ok := c.pkg.Size(path)
	if !ok {
		c.Add(rules.RefMissing.New(loc, "File %s is referenced at line %d but not in the package", envelope.Quote(path), fl.Pos.Line).
			WithHint("Add the file to the package under exactly this name (names are case-sensitive), or remove the File and what refers to it."))
		return
	}
	if fl.Size != nil && *fl.Size >= 0 && *fl.Size != size {
		c.Add(rules.RefSizeMismatch.New(c.At(fl.Node.AttrPos("size")), "ovf:size of %s is %d bytes but the file has %d bytes", envelope.Quote(path), *fl.Size, size).
			WithHint("Write the stored file's size in bytes (not the disk's capacity or a qemu-img estimate); vSphere aborts the upload when they differ."))
	}
}

// needsEscape returns a description of the first character in href that
// RFC 3986 does not allow unescaped in a relative reference.
func needsEscape(href string) (string, bool) {
	for i := 0; i < len(href); i++ {
		ch := href[i]
		switch {
		case ch >= 'a' && ch <= 'z', ch >= 'A' && ch <= 'Z', ch >= '0' && ch <= '9':
		case strings.IndexByte("-._~!$&'()*+,;=:@/", ch) >= 0:
		case ch == '\\':
			// reported by REF009
		case ch == '%' && i+2 < len(href) && isHex(href[i+1]) && isHex(href[i+2]):
			i += 2
		case ch == ' ':
			return "a space", true
		case ch >= 0x80:
			return "non-ASCII characters", true
		default:
			return envelope.Quote(string(ch)), true
		}
	}
	return "", false
}

func isHex(b byte) bool {
	return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F')
}

// checkFileAttrs checks ovf:size, ovf:chunkSize and ovf:compression.
func (c *checker) checkFileAttrs(fl *envelope.File) {
	if c.hasAttr(fl.Node, "size") {
		// -1 and -2 are what producers write for "unknown", and VMware
		// reads them so (REF017); any other negative number is REF013's.
		if fl.Size != nil && (*fl.Size == -1 || *fl.Size == -2) {
			c.Add(rules.RefSizeNegative.New(c.At(fl.Node.AttrPos("size")), "ovf:size %s is negative, a producer's mark for an unknown size; the schema's type is an unsigned byte count", envelope.Quote(fl.SizeText)).
				WithHint("Write the file's size in bytes, or leave ovf:size out when it is not known."))
		} else if fl.Size == nil || *fl.Size < 0 {
			c.Add(rules.RefSizeSyntax.New(c.At(fl.Node.AttrPos("size")), "ovf:size %s is not a number of bytes", envelope.Quote(fl.SizeText)).
				WithHint("Write the file's size as a non-negative decimal integer of bytes, or leave ovf:size out."))
		}
	}
	if fl.ChunkSize != nil && *fl.ChunkSize <= 0 {
		c.Add(rules.RefChunkSize.New(c.At(fl.Node.AttrPos("chunkSize")), "ovf:chunkSize is not a positive number of bytes").
			WithHint("Give the size of every chunk but the last as a positive integer, or leave ovf:chunkSize out for an unchunked file."))
	}
	switch comp := strings.TrimSpace(fl.Compression); {
	case comp == "", strings.EqualFold(comp, "identity"), strings.EqualFold(comp, "gzip"):
	case strings.EqualFold(comp, "bzip2"):
		c.Add(rules.RefBzip2.New(c.At(fl.Node.AttrPos("compression")), "File %s is bzip2-compressed", envelope.Quote(fl.Href)).
			WithHint("Use gzip or no compression: DSP0243 names only gzip, and virt-v2v and others refuse bzip2."))
	default:
		c.Add(rules.RefCompression.New(c.At(fl.Node.AttrPos("compression")), "ovf:compression %s is not gzip or identity", envelope.Quote(comp)).
			WithHint(`Use ovf:compression="gzip" for a gzip-compressed file, or leave the attribute out.`))
	}
}

// hasAttr reports whether n has the OVF attribute local, in the document's
// namespace, an OVF envelope namespace, or unqualified.
func (c *checker) hasAttr(n *envelope.Node, local string) bool {
	if n == nil {
		return false
	}
	for _, a := range n.Attrs {
		if a.Name.Local == local && (a.Name.Space == "" || a.Name.Space == c.e.Namespace || isEnvelopeNS(a.Name.Space)) {
			return true
		}
	}
	return false
}
