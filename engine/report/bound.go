package report

import (
	"strconv"
	"unicode/utf8"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
)

// Cut records one place where the report holds less than the package.
// Pointer is a JSON Pointer (RFC 6901) from the report's root to a text or
// a list. For a text (Unit "bytes") Kept is the number of bytes the report
// holds, its first ones, cut at a UTF-8 boundary, and Total the length of
// the full text; for a list (Unit "items") Kept is the number of its first
// items the report holds and Total the number the package has.
type Cut struct {
	Pointer string `json:"pointer"`
	Unit    string `json:"unit"`
	Kept    int    `json:"kept"`
	Total   int    `json:"total"`
}

// Units of a Cut.
const (
	CutBytes = "bytes"
	CutItems = "items"
)

// Omitted is how much of the text or list was left out.
func (c Cut) Omitted() int { return c.Total - c.Kept }

// Note says in words what was left out: "cut at 16,384 of 31,000,000
// bytes" for a text, "189,000 more not shown" for a list.
func (c Cut) Note() string {
	if c.Unit == CutBytes {
		return "cut at " + Thousands(int64(c.Kept)) + " of " + Thousands(int64(c.Total)) + " bytes"
	}
	return Thousands(int64(c.Omitted())) + " more not shown"
}

// CutAt returns the cut recorded at pointer, if the report has one.
func (r *Report) CutAt(pointer string) (Cut, bool) {
	for _, c := range r.Cuts {
		if c.Pointer == pointer {
			return c, true
		}
	}
	return Cut{}, false
}

// Thousands writes n in decimal with commas between groups of three
// digits.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return neg + s
}

// Bound keeps the report small whatever the package holds: in the package
// summary it cuts long texts (limits.MaxReportLicence for a licence,
// MaxReportText for annotations and descriptions, MaxReportValue for
// property defaults, MaxReportName for the one-line fields), keeps at most
// limits.MaxReportListItems items of each list and stops a list once the
// summary would pass limits.MaxReportSummaryBytes of JSON; it keeps at most
// limits.MaxReportFiles rows of the file table and
// limits.MaxReportFileTableBytes of JSON, and at most
// limits.MaxReportProtects members a signature protects. Every cut is
// recorded in r.Cuts. Findings are bounded where they are made (a cap per
// rule, summarised), not here.
//
// Bound replaces what it shortens with new slices and structs: it never
// writes through r's slices or pointers, so a report that shares them with
// another (a preliminary copy) is left as it was. A report already bounded
// (one with cuts) is left alone.
func Bound(r *Report) {
	if r == nil || len(r.Cuts) > 0 {
		return
	}
	sb := &bounder{budget: limits.MaxReportSummaryBytes}
	r.Package = sb.pkg(r.Package)
	fb := &bounder{budget: limits.MaxReportFileTableBytes}
	r.Files = boundList(fb, "/files", r.Files, limits.MaxReportFiles, func(b *bounder, _ string, f *File) {
		b.size(f.Member)
		for _, d := range f.Digests {
			b.used += len(d) + 16
		}
		if f.Disk != nil {
			b.size(f.Disk.Format)
			b.size(f.Disk.Subformat)
			b.size(f.Disk.Compression)
			b.size(f.Disk.Notes)
		}
		b.used += 120 // offset, size, status, role and the keys
	})
	if s := r.Signature; s != nil && len(s.Protects) > limits.MaxReportProtects {
		sig := *s
		pb := &bounder{budget: limits.MaxReportFileTableBytes}
		sig.Protects = boundList(pb, "/signature/protects", s.Protects, limits.MaxReportProtects,
			func(b *bounder, _ string, m *string) { b.size(*m) })
		r.Signature = &sig
		fb.cuts = append(fb.cuts, pb.cuts...)
	}
	r.Cuts = append(sb.cuts, fb.cuts...)
}

// bounder counts the JSON bytes a part of the report takes against a
// budget and collects the cuts made.
type bounder struct {
	budget, used int
	cuts         []Cut
}

// itemOverhead is what an item of a list costs beyond its texts: braces,
// commas, numbers and the keys of fields that are not texts.
const itemOverhead = 48

// size counts s as a JSON string with its key.
func (b *bounder) size(s string) { b.used += jsonSize(s) + 12 }

// text cuts *s to at most max bytes, recording the cut at prefix/field (at
// prefix itself when field is empty: an item of a list of strings), and
// counts what is kept.
func (b *bounder) text(prefix, field string, s *string, max int) {
	if len(*s) > max {
		full := len(*s)
		*s = cutUTF8(*s, max)
		at := prefix
		if field != "" {
			at += "/" + field
		}
		b.cuts = append(b.cuts, Cut{Pointer: at, Unit: CutBytes, Kept: len(*s), Total: full})
	}
	b.size(*s)
}

// name cuts a one-line field.
func (b *bounder) name(prefix, field string, s *string) {
	b.text(prefix, field, s, limits.MaxReportName)
}

// boundList returns a new slice of list's first items, each passed through
// each (which cuts its texts and counts its size), keeping at most max
// and stopping before the item that would pass b's budget. What it leaves
// out is recorded as a cut of the list at pointer. A nil list stays nil.
func boundList[T any](b *bounder, pointer string, list []T, max int, each func(b *bounder, at string, item *T)) []T {
	if list == nil {
		return nil
	}
	out := make([]T, 0, min(len(list), max))
	for i := range list {
		if i >= max {
			break
		}
		marks, used := len(b.cuts), b.used
		item := list[i]
		b.used += itemOverhead
		each(b, pointer+"/"+strconv.Itoa(i), &item)
		if b.used > b.budget {
			b.cuts, b.used = b.cuts[:marks], used
			break
		}
		out = append(out, item)
	}
	if len(out) < len(list) {
		b.cuts = append(b.cuts, Cut{Pointer: pointer, Unit: CutItems, Kept: len(out), Total: len(list)})
	}
	return out
}

func (b *bounder) pkg(p Package) Package {
	const at = "/package"
	n := limits.MaxReportListItems
	b.name(at, "ovfVersion", &p.OvfVersion)
	b.size(p.Descriptor) // a member name, bounded by the archive's limits
	p.VirtualSystems = boundList(b, at+"/virtualSystems", p.VirtualSystems, n, boundSystem)
	p.Disks = boundList(b, at+"/disks", p.Disks, n, func(b *bounder, at string, d *Disk) {
		b.name(at, "id", &d.ID)
		b.name(at, "file", &d.File)
		b.name(at, "format", &d.Format)
	})
	p.Networks = boundList(b, at+"/networks", p.Networks, n, func(b *bounder, at string, nw *Network) {
		b.name(at, "name", &nw.Name)
		b.text(at, "description", &nw.Description, limits.MaxReportText)
	})
	p.DeploymentOptions = boundList(b, at+"/deploymentOptions", p.DeploymentOptions, n, func(b *bounder, at string, d *DeploymentOption) {
		b.name(at, "id", &d.ID)
		b.name(at, "label", &d.Label)
	})
	p.Products = boundList(b, at+"/products", p.Products, n, boundProduct)
	p.Eulas = boundList(b, at+"/eulas", p.Eulas, n, func(b *bounder, at string, e *Eula) {
		b.name(at, "virtualSystem", &e.VirtualSystem)
		b.text(at, "text", &e.Text, limits.MaxReportLicence)
	})
	return p
}

func boundSystem(b *bounder, at string, vs *VirtualSystem) {
	n := limits.MaxReportListItems
	b.name(at, "id", &vs.ID)
	b.name(at, "name", &vs.Name)
	b.name(at, "path", &vs.Path)
	b.name(at, "os", &vs.OS)
	b.text(at, "annotation", &vs.Annotation, limits.MaxReportText)
	vs.SystemTypes = boundList(b, at+"/systemTypes", vs.SystemTypes, n, func(b *bounder, at string, s *string) {
		b.text(at, "", s, limits.MaxReportName)
	})
	vs.Disks = boundList(b, at+"/disks", vs.Disks, n, func(b *bounder, at string, s *string) {
		b.text(at, "", s, limits.MaxReportName)
	})
	vs.NICs = boundList(b, at+"/nics", vs.NICs, n, func(b *bounder, at string, nic *NIC) {
		b.name(at, "name", &nic.Name)
		b.name(at, "type", &nic.Type)
		b.name(at, "network", &nic.Network)
	})
}

func boundProduct(b *bounder, at string, pr *Product) {
	b.name(at, "virtualSystem", &pr.VirtualSystem)
	b.name(at, "class", &pr.Class)
	b.name(at, "instance", &pr.Instance)
	b.name(at, "product", &pr.Product)
	b.name(at, "vendor", &pr.Vendor)
	b.name(at, "version", &pr.Version)
	b.name(at, "fullVersion", &pr.FullVersion)
	pr.Properties = boundList(b, at+"/properties", pr.Properties, limits.MaxReportListItems, func(b *bounder, at string, q *Property) {
		b.name(at, "key", &q.Key)
		b.name(at, "type", &q.Type)
		b.text(at, "default", &q.Default, limits.MaxReportValue)
		b.name(at, "label", &q.Label)
		b.text(at, "description", &q.Description, limits.MaxReportText)
	})
}

// cutUTF8 returns s's first bytes, at most max, ending at a rune boundary.
func cutUTF8(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && i > max-utf8.UTFMax && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// jsonSize is the length of s encoded as a JSON string by encoding/json:
// quotes, and the escapes it writes for control characters, quotes,
// backslashes, the HTML characters <, > and &, invalid UTF-8 and the line
// separators U+2028 and U+2029 (counted as six bytes each, the longest).
func jsonSize(s string) int {
	n := 2
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				n += 6
			case c == '"' || c == '\\':
				n += 2
			default:
				n++
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || r == '\u2028' || r == '\u2029' {
			n += 6
		} else {
			n += w
		}
		i += w
	}
	return n
}
