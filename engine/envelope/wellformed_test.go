package envelope

import (
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/report"
)

// TestWellFormedAsXMLDefinesIt holds the parser to XML 1.0 where
// encoding/xml is lenient: each case is a document libxml2 and expat
// refuse, and each gives an error, located, in every profile.
func TestWellFormedAsXMLDefinesIt(t *testing.T) {
	const open = "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\">\n"
	cases := []struct {
		name  string
		doc   string
		wants []want
	}{
		{"duplicate attribute", open + "  <References>\n    <File ovf:id=\"a\" ovf:href=\"a.vmdk\" ovf:id=\"b\"/>\n  </References>\n</Envelope>\n",
			[]want{{"ENV001", `ovf:id="b"`, "attribute ovf:id twice (first at line 3, column 11)"}}},
		{"duplicate attribute through two prefixes", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" xmlns:a=\"http://schemas.dmtf.org/ovf/envelope/1\" xmlns:b=\"http://schemas.dmtf.org/ovf/envelope/1\">\n<References><File a:id=\"x\" b:id=\"y\"/></References></Envelope>",
			[]want{{"ENV001", `b:id="y"`, "twice"}}},
		{"duplicate unprefixed attribute", open + "<References><File id=\"x\" id=\"y\"/></References></Envelope>",
			[]want{{"ENV001", `id="y"`, "attribute id twice"}}},
		{"duplicate namespace declaration", "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"/>",
			[]want{{"ENV001", "", "attribute xmlns twice"}}},
		{"declared encoding not read, ASCII bytes", "<?xml version=\"1.0\" encoding=\"EBCDIC-US\"?>\n" + open + "</Envelope>\n",
			[]want{{"ENV004", "encoding=", "EBCDIC-US"}}},
		{"text after the document element", open + "</Envelope>\n  junk\n",
			[]want{{"ENV001", "junk", "text after the end of the document element"}}},
		{"one byte after the document element", open + "</Envelope>Z",
			[]want{{"ENV001", "Z", "text after"}}},
		{"text before the document element", "<?xml version=\"1.0\"?>\nhello " + open + "</Envelope>",
			[]want{{"ENV001", "hello", "text before the document element"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, fs := Parse([]byte(tc.doc), "appliance.ovf")
			assertFindings(t, tc.doc, fs, tc.wants)
			for _, f := range fs {
				if f.Rule == tc.wants[0][0] && f.Severity != report.Error {
					t.Errorf("%s is %s, want error", f.Rule, f.Severity)
				}
			}
		})
	}
}

// TestWellFormedAcceptsWhatXMLAllows: comments, processing instructions and
// white space around the document element, and distinct attributes that
// share a local name, are not findings.
func TestWellFormedAcceptsWhatXMLAllows(t *testing.T) {
	doc := "<?xml version=\"1.0\"?>\n<!-- before -->\n" + strings.Replace(good, `<?xml version="1.0" encoding="UTF-8"?>`, "", 1) +
		"<!-- after -->\n<?pi after?>\n\n"
	doc = strings.Replace(doc, `<File ovf:id="file1"`, `<File ovf:id="file1" id="other"`, 1)
	_, fs := Parse([]byte(doc), "appliance.ovf")
	for _, f := range fs {
		if f.Rule == "ENV001" || f.Rule == "ENV004" {
			t.Errorf("unexpected %s %d:%d %s", f.Rule, f.Location.Line, f.Location.Column, f.Message)
		}
	}
}

// TestUTF16StrayByte: a UTF-16 descriptor with one byte after its last
// code unit is not well-formed; the finding points at the end.
func TestUTF16StrayByte(t *testing.T) {
	doc := strings.Replace(good, `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	b := []byte{0xff, 0xfe}
	for _, r := range doc {
		b = append(b, byte(r), byte(r>>8))
	}
	b = append(b, 'x')
	_, fs := Parse(b, "appliance.ovf")
	lines := strings.Count(doc, "\n")
	found := false
	for _, f := range fs {
		if f.Rule == "ENV001" && strings.Contains(f.Message, "stray byte") && f.Location.Line == lines+1 && f.Location.Column == 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("no ENV001 for the stray byte at %d:1; got:\n%s", lines+1, dump(fs))
	}
}
