package envelope

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// normaliseEncoding returns the descriptor as UTF-8 without a byte-order
// mark, so that positions are counted in the bytes an editor shows after
// conversion to UTF-8. It accepts UTF-8 (with or without a BOM), UTF-16
// with a BOM, and ISO-8859-1/US-ASCII declarations; a declaration that does
// not match the bytes (XenCenter writes encoding="utf-16" on ASCII) gives a
// warning and the bytes are read as UTF-8. It returns false when the bytes
// cannot be read.
func normaliseEncoding(data []byte, f *findings) ([]byte, bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		body := data[2:]
		out := fromUTF16(body[:len(body)&^1], data[0] == 0xff)
		if len(body)%2 == 1 {
			// Half a UTF-16 code unit after the content: not a character,
			// so the document is not well-formed XML.
			f.Add(rules.EnvMalformed.New(f.At(endPos(out)),
				"the descriptor is UTF-16 but ends with a single stray byte (0x%02x)", body[len(body)-1]).
				WithHint("Remove the last byte, or save the descriptor again as UTF-8."))
		}
		return out, true
	case len(data) >= 2 && (data[0] == 0 || data[1] == 0):
		f.Add(rules.EnvEncodingUnsupported.New(f.At(Pos{Line: 1, Column: 1}),
			"the descriptor looks like UTF-16 or UTF-32 without a byte-order mark").
			WithHint("Save the descriptor as UTF-8 (the encoding every OVF producer uses)."))
		return nil, false
	}
	label, pos := declaredEncoding(data)
	norm := strings.ToLower(strings.ReplaceAll(label, "_", "-"))
	switch norm {
	case "", "utf-8", "utf8":
		return data, true
	case "utf-16", "utf-16le", "utf-16be", "ucs-2", "unicode":
		f.Add(rules.EnvEncodingMismatch.New(f.At(pos),
			"the XML declaration says encoding=%s but the bytes are not UTF-16; they were read as UTF-8", Quote(label)).
			WithHint(`Change the declaration to encoding="UTF-8". XenCenter writes this mismatch; strict XML parsers (libxml2, expat, .NET) refuse it.`))
		return data, true
	case "us-ascii", "ascii", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252":
		switch {
		case isASCII(data):
			return data, true
		case utf8.Valid(data):
			f.Add(rules.EnvEncodingMismatch.New(f.At(pos),
				"the XML declaration says encoding=%s but the bytes are UTF-8; they were read as UTF-8", Quote(label)).
				WithHint(`Change the declaration to encoding="UTF-8".`))
			return data, true
		case norm == "us-ascii" || norm == "ascii":
			f.Add(rules.EnvEncodingMismatch.New(f.At(pos),
				"the XML declaration says encoding=%s but the descriptor has bytes above 127; they were read as ISO-8859-1", Quote(label)).
				WithHint(`Save the descriptor as UTF-8 and declare encoding="UTF-8".`))
		}
		// ISO-8859-1 is a subset of windows-1252 that maps each byte to the
		// code point of the same value; columns are counted after the
		// conversion.
		return fromLatin1(data), true
	default:
		if isASCII(data) {
			// The bytes read as ASCII, but a consumer that honours the
			// declaration decodes them as something else (in EBCDIC,
			// '<' is 0x4c) or refuses a name it does not know.
			f.Add(rules.EnvEncodingUnsupported.New(f.At(pos), "the descriptor declares encoding %s, which this checker does not read; its bytes were read as ASCII", Quote(label)).
				WithHint(`Declare encoding="UTF-8" if the bytes are UTF-8 or ASCII; otherwise convert the descriptor to UTF-8.`))
			return data, true
		}
		f.Add(rules.EnvEncodingUnsupported.New(f.At(pos), "the descriptor is in encoding %s, which this checker does not read", Quote(label)).
			WithHint(`Convert the descriptor to UTF-8 and declare encoding="UTF-8"; consumers vary in the encodings they accept.`))
		return nil, false
	}
}

// declaredEncoding returns the encoding named in the XML declaration at the
// start of data and the position of the encoding attribute.
func declaredEncoding(data []byte) (string, Pos) {
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return "", Pos{}
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 || end > 512 {
		return "", Pos{}
	}
	decl := data[:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return "", Pos{}
	}
	pos := Pos{Line: 1 + bytes.Count(decl[:i], []byte("\n")), Column: i + 1 - (bytes.LastIndexByte(decl[:i], '\n') + 1)}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return "", Pos{}
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
		return "", Pos{}
	}
	q := rest[0]
	j := bytes.IndexByte(rest[1:], q)
	if j < 0 {
		return "", Pos{}
	}
	return string(rest[1 : 1+j]), pos
}

// endPos returns the position just after the last byte of b.
func endPos(b []byte) Pos {
	return advancePos(Pos{Line: 1, Column: 1}, b)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func fromLatin1(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}

func fromUTF16(b []byte, little bool) []byte {
	units := make([]uint16, len(b)/2)
	for i := range units {
		if little {
			units[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		} else {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
	}
	out := make([]byte, 0, len(units))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out
}
