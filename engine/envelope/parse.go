package envelope

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Parse reads an OVF descriptor and returns its model and the findings about
// it as XML: well-formedness, encoding, DTDs, namespaces and version. It
// never returns a nil Envelope: a document it cannot read gives an Envelope
// with Version VersionUnknown and as much of the model as was read before
// the problem. member names the descriptor in findings.
//
// No DTD is processed and no entity is expanded or fetched: a document type
// declaration is refused with an ENV002 finding and parsing stops there.
// Parse does not check references or structure; package conformance does.
func Parse(data []byte, member string) (*Envelope, []report.Finding) {
	f := NewFindings(member)
	env := &Envelope{Member: member, Version: VersionUnknown}
	if len(data) > limits.MaxDescriptorSize {
		f.Add(rules.PkgDescriptorTooLarge.New(report.InMember(member),
			"descriptor %s is %d bytes; at most %d are checked", member, len(data), limits.MaxDescriptorSize).
			WithHint("A descriptor this large is almost certainly not an OVF descriptor; check the file."))
		return env, f.Done()
	}
	data, ok := normaliseEncoding(data, f)
	if !ok {
		return env, f.Done()
	}
	if n := countTagAttributes(data, limits.MaxXMLAttributes); n > limits.MaxXMLAttributes {
		f.Add(rules.EnvLimit.New(report.InMember(member),
			"descriptor has more than %d attributes; it was not read", limits.MaxXMLAttributes).
			WithHint("Real descriptors have at most a few thousand attributes; check that the file is an OVF descriptor."))
		return env, f.Done()
	}
	scope := &nsScope{}
	root := readTree(data, f, scope)
	env.types = scope.types
	if root == nil {
		return env, f.Done()
	}
	env.Root = root
	env.Pos = root.Pos
	if !checkRoot(env, f) {
		return env, f.Done()
	}
	b := &builder{env: env, f: f, ns: root.Name.Space, warnedAttr: map[string]bool{}}
	b.build()
	return env, f.Done()
}

// readTree tokenises data into a Node tree. Problems become findings; the
// tree read so far is returned (nil when no element was read).
//
// It keeps what it reads compactly: attributes in slices of their exact
// size, attribute positions scanned into one reused buffer, and each
// element's text copied once (see textAcc), so that the tree costs little
// more than the descriptor's bytes plus the capped per-element and
// per-attribute overheads (limits.MaxXMLElements, MaxXMLAttributes).
//
// scope follows the namespace declarations and records each element's
// xsi:type, resolved.
func readTree(data []byte, f *findings, scope *nsScope) *Node {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	// normaliseEncoding has made the bytes UTF-8 and said so in a finding
	// when the declaration disagrees; the decoder only needs to accept the
	// declared name.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }

	var root *Node
	var stack []openElement
	var positions []Pos // reused for every start tag
	elements := 0
	undeclared := map[string]bool{}
	// An undeclared prefix used only inside a message bundle or an
	// optional extension (see optionalContext) is reported once at the end
	// as EnvUndeclaredPrefixOptional, unless a use elsewhere made it
	// EnvUndeclaredPrefix; optional[i] says whether the i-th open element
	// is such a place.
	var optional []bool
	lenient := map[string]Pos{}
	var lenientOrder []string
	checkPrefix := func(space string, p Pos) {
		if !undeclaredPrefix(space) || space == "xmlns" || undeclared[space] {
			return
		}
		if space != "ovf" && len(optional) > 0 && optional[len(optional)-1] {
			if _, seen := lenient[space]; !seen {
				lenient[space] = p
				lenientOrder = append(lenientOrder, space)
			}
			return
		}
		undeclared[space] = true
		f.Add(rules.EnvUndeclaredPrefix.New(f.At(p), "namespace prefix %s is used but never declared", Quote(space)).
			WithHint("Declare the prefix with an xmlns:" + space + "=\"...\" attribute on the Envelope, or remove the elements that use it."))
	}
	defer func() {
		for _, space := range lenientOrder {
			if !undeclared[space] {
				f.Add(rules.EnvUndeclaredPrefixOptional.New(f.At(lenient[space]), "namespace prefix %s is used but never declared, only inside a message bundle or an optional extension", Quote(space)).
					WithHint("Declare the prefix with an xmlns:" + space + "=\"...\" attribute on the Envelope, or remove the elements that use it; parsers that check namespaces (libxml2 as Proxmox uses it, .NET) refuse the whole descriptor."))
			}
		}
	}()
	finish := func() {
		for i := range stack {
			stack[i].finish(f)
		}
	}
	strayText := false
	for {
		line, col := d.InputPos()
		start := Pos{Line: line, Column: col}
		off := d.InputOffset()
		tok, err := d.Token()
		if err != nil {
			reportReadError(err, d, start, stack, root, f)
			finish()
			return root
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				f.Add(rules.EnvMalformed.New(f.At(start), "element <%s> after the end of the document element", t.Name.Local).
					WithHint("A descriptor has exactly one top-level element, the Envelope; remove what follows </Envelope>."))
				return root
			}
			elements++
			if elements > limits.MaxXMLElements || len(stack) >= limits.MaxXMLDepth {
				f.Add(rules.EnvLimit.New(f.At(start), "descriptor has more than %d elements or is nested deeper than %d; the rest was not read",
					limits.MaxXMLElements, limits.MaxXMLDepth).
					WithHint("Real descriptors are far below these limits; check that the file is an OVF descriptor."))
				finish()
				return root
			}
			n := &Node{Name: t.Name, Pos: start, Depth: len(stack)}
			optional = append(optional, (len(optional) > 0 && optional[len(optional)-1]) || optionalContext(t, len(stack)))
			checkPrefix(t.Name.Space, start)
			end := d.InputOffset()
			positions = positions[:0]
			if off >= 0 && end <= int64(len(data)) && off < end {
				positions = rawAttrPositions(data[off:end], start, positions)
			}
			if len(positions) != len(t.Attr) {
				positions = positions[:0]
			}
			at := func(i int) Pos {
				if len(positions) > 0 {
					return positions[i]
				}
				return start
			}
			if i, j, dup := duplicateAttr(t.Attr); dup {
				name := t.Attr[j].Name.Local
				if off >= 0 && end <= int64(len(data)) && off < end {
					if raw := rawAttrName(data[off:end], j); raw != "" {
						name = raw
					}
				}
				first := at(i)
				f.Add(rules.EnvMalformed.New(f.At(at(j)), "<%s> has attribute %s twice (first at line %d, column %d)", t.Name.Local, name, first.Line, first.Column).
					WithHint("Remove one of the two: an attribute may appear once per element, and XML parsers (libxml2, expat, .NET) refuse the document."))
			}
			kept := 0
			for _, a := range t.Attr {
				if !isNamespaceDecl(a.Name) {
					kept++
				}
			}
			if kept > 0 {
				n.Attrs = make([]Attr, 0, kept)
			}
			for i, a := range t.Attr {
				if isNamespaceDecl(a.Name) {
					continue
				}
				p := at(i)
				checkPrefix(a.Name.Space, p)
				n.Attrs = append(n.Attrs, Attr{Name: a.Name, Value: a.Value, Pos: p})
			}
			if len(stack) > 0 {
				parent := stack[len(stack)-1].n
				parent.Children = append(parent.Children, n)
			} else {
				root = n
			}
			stack = append(stack, openElement{n: n})
			scope.start(n, t.Attr)
		case xml.EndElement:
			if len(stack) > 0 {
				stack[len(stack)-1].finish(f)
				stack = stack[:len(stack)-1]
				optional = optional[:len(optional)-1]
				scope.end()
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].add(t, start)
			} else if !strayText && len(bytes.TrimLeft(t, " \t\r\n")) > 0 {
				// XML 1.0 2.1: only comments, processing instructions
				// and white space may stand outside the document
				// element; encoding/xml lets text through.
				strayText = true
				where := "before the document element"
				if root != nil {
					where = "after the end of the document element"
				}
				p := start
				if skip := len(t) - len(bytes.TrimLeft(t, " \t\r\n")); skip > 0 {
					p = advancePos(start, t[:skip])
				}
				f.Add(rules.EnvMalformed.New(f.At(p), "text %s", where).
					WithHint("Remove it: a descriptor holds nothing but its Envelope element (and comments) outside it."))
			}
		case xml.Directive:
			f.Add(rules.EnvDoctype.New(f.At(start), "the descriptor has a <!%s declaration; it was refused and nothing after it was read", firstWord(t)).
				WithHint("Remove the DOCTYPE: OVF descriptors never need one, and a descriptor that declares entities may try to read files or exhaust memory in the consumer."))
			finish()
			return root
		}
	}
}

// isNamespaceDecl reports whether an attribute name is a namespace
// declaration (xmlns or xmlns:p), which the tree does not keep.
func isNamespaceDecl(n xml.Name) bool {
	return n.Space == "xmlns" || (n.Space == "" && n.Local == "xmlns")
}

// duplicateAttr reports whether two attributes of one tag have the same
// name after namespace resolution (XML 1.0 3.1, Namespaces in XML 1.0 6.3),
// and the indexes of the first pair found. Small tags are compared pairwise;
// large ones through a map, so a tag of many attributes costs linear time.
func duplicateAttr(attrs []xml.Attr) (first, second int, dup bool) {
	if len(attrs) <= 16 {
		for j := 1; j < len(attrs); j++ {
			for i := 0; i < j; i++ {
				if attrs[i].Name == attrs[j].Name {
					return i, j, true
				}
			}
		}
		return 0, 0, false
	}
	seen := make(map[xml.Name]int, len(attrs))
	for j, a := range attrs {
		if i, ok := seen[a.Name]; ok {
			return i, j, true
		}
		seen[a.Name] = j
	}
	return 0, 0, false
}

// advancePos returns the position after the bytes b, which start at p.
func advancePos(p Pos, b []byte) Pos {
	if nl := bytes.Count(b, []byte("\n")); nl > 0 {
		return Pos{Line: p.Line + nl, Column: len(b) - bytes.LastIndexByte(b, '\n')}
	}
	return Pos{Line: p.Line, Column: p.Column + len(b)}
}

// reportReadError turns the decoder's error into a finding.
// start is where the token being read began: the place to point at when
// the error is on that token's line.
func reportReadError(err error, d *xml.Decoder, start Pos, stack []openElement, root *Node, f *findings) {
	line, col := d.InputPos()
	var syn *xml.SyntaxError
	if errors.As(err, &syn) && syn.Msg == "unexpected EOF" {
		err = io.EOF
	}
	switch {
	case errors.Is(err, io.EOF) && root == nil:
		f.Add(rules.EnvMalformed.New(report.InMember(f.member), "the descriptor has no XML element").
			WithHint("The file is empty or not XML; export the descriptor again."))
	case errors.Is(err, io.EOF) && len(stack) > 0:
		open := stack[len(stack)-1].n
		f.Add(rules.EnvMalformed.New(f.At(Pos{Line: line, Column: col}),
			"the descriptor ends before <%s> (opened at line %d, column %d) is closed", open.Name.Local, open.Pos.Line, open.Pos.Column).
			WithHint("The descriptor is truncated; export or download it again."))
	case errors.Is(err, io.EOF):
		// The document ended after its element: nothing to say.
	case errors.As(err, &syn):
		switch {
		case syn.Line == start.Line:
			line, col = start.Line, start.Column
		case syn.Line != line:
			line, col = syn.Line, 0
		}
		f.Add(rules.EnvMalformed.New(f.At(Pos{Line: line, Column: col}), "XML error: %s", syn.Msg).
			WithHint("Fix the XML at this place; an editor with XML checking shows the problem. If the file was edited by hand, compare it with the exported original."))
	default:
		f.Add(rules.EnvMalformed.New(report.InMember(f.member), "XML error: %v", err))
	}
}

// firstWord returns the keyword of a directive (DOCTYPE, ENTITY, ...).
func firstWord(dir []byte) string {
	s := strings.TrimSpace(string(dir))
	if i := strings.IndexAny(s, " \t\r\n[>"); i >= 0 {
		s = s[:i]
	}
	if len(s) > 20 {
		s = s[:20]
	}
	return s
}

// checkRoot judges the document element and sets the version. It returns
// false when the document is not an OVF envelope at all.
func checkRoot(env *Envelope, f *findings) bool {
	root := env.Root
	env.Namespace = root.Name.Space
	if root.Name.Local != "Envelope" {
		if strings.EqualFold(root.Name.Local, "html") {
			f.Add(rules.EnvNotEnvelope.New(f.At(root.Pos), "the document element is <%s>: this looks like a saved web page (an error page?), not an OVF descriptor", root.Name.Local).
				WithHint("Download the descriptor again; the server returned an HTML page instead of the file."))
		} else {
			f.Add(rules.EnvNotEnvelope.New(f.At(root.Pos), "the document element is <%s>, not an OVF <Envelope>", root.Name.Local).
				WithHint("An OVF descriptor's top-level element is Envelope in the namespace http://schemas.dmtf.org/ovf/envelope/1 (or /2)."))
		}
		return false
	}
	version, slash := versionOf(root.Name.Space)
	env.Version = version
	switch {
	case root.Name.Space == "":
		// ovftool 3.5.0 wrote this and vSphere and VirtualBox read it as
		// OVF 1.x; the spec requires the namespace.
		env.Version = Version1
		f.Add(rules.EnvNoNamespace.New(f.At(root.Pos), "the Envelope has no namespace; it is read as OVF 1.x").
			WithHint(`Add xmlns="http://schemas.dmtf.org/ovf/envelope/1" to the Envelope.`))
	case version == VersionUnknown:
		f.Add(rules.EnvUnknownNamespace.New(f.At(root.Pos), "the Envelope's namespace %s is not an OVF version this checker knows", Quote(root.Name.Space)).
			WithHint("OVF 1.x uses http://schemas.dmtf.org/ovf/envelope/1 and OVF 2.x http://schemas.dmtf.org/ovf/envelope/2; consumers refuse other namespaces."))
	case slash:
		f.Add(rules.EnvTrailingSlash.New(f.At(root.Pos), "the Envelope's namespace %s ends in a slash", Quote(root.Name.Space)).
			WithHint("Remove the trailing slash: namespace names are compared character by character."))
	case version == Version09:
		f.Add(rules.EnvVersion09.New(f.At(root.Pos), "the descriptor is pre-standard OVF 0.9 (namespace %s)", root.Name.Space).
			WithHint("Convert the package to OVF 1.x, e.g. with ovftool; current vSphere and many other consumers no longer read OVF 0.9."))
	}
	if a := root.Attr(nsXML, "lang"); a != nil {
		env.Lang = a.Value
	}
	return true
}
