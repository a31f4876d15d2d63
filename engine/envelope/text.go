package envelope

import (
	"unicode/utf8"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// openElement is an element being read, with its character data so far.
//
// Text is copied once: the first piece of character data becomes a string
// directly; only an element whose text comes in several pieces (around
// child elements, comments or CDATA sections) collects them in a buffer,
// which is released when the element ends. Text beyond limits.MaxXMLText is
// dropped and reported once per element.
type openElement struct {
	n      *Node
	first  string
	more   []byte
	cut    bool
	cutPos Pos
}

// add appends one piece of character data, read at p.
func (o *openElement) add(t []byte, p Pos) {
	size := len(o.first) + len(o.more) // one of the two is empty
	if size+len(t) > limits.MaxXMLText {
		room := limits.MaxXMLText - size
		for room > 0 && !utf8.RuneStart(t[room]) {
			room--
		}
		if !o.cut {
			o.cut, o.cutPos = true, p
		}
		t = t[:max(room, 0)]
	}
	if len(t) == 0 {
		return
	}
	switch {
	case o.more != nil:
		o.more = append(o.more, t...)
	case o.first == "":
		o.first = string(t)
	default:
		o.more = make([]byte, 0, len(o.first)+2*len(t))
		o.more = append(append(o.more, o.first...), t...)
		o.first = ""
	}
}

// finish sets the element's Text and reports text that was cut.
func (o *openElement) finish(f *findings) {
	if o.more != nil {
		o.n.Text = string(o.more)
	} else {
		o.n.Text = o.first
	}
	o.first, o.more = "", nil
	if o.cut {
		f.Add(rules.EnvLimit.New(f.At(o.cutPos), "the text of <%s> is longer than %d bytes; the rest was not read", o.n.Name.Local, limits.MaxXMLText).
			WithHint("Real annotations and licences are far shorter; check that the file is an OVF descriptor."))
	}
}
