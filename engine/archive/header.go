package archive

import (
	"bytes"
	"strconv"
	"strings"
)

// blockSize is the size of a tar header and the unit data is padded to.
const blockSize = 512

// Field positions in a header block (POSIX ustar, with the GNU and star
// variants where they differ).
const (
	offName     = 0   // 100 bytes
	offSize     = 124 // 12 bytes
	offChecksum = 148 // 8 bytes
	offTypeflag = 156 // 1 byte
	offLinkname = 157 // 100 bytes
	offMagic    = 257 // 6 bytes
	offVersion  = 263 // 2 bytes
	offPrefix   = 345 // 155 bytes (ustar), 131 bytes (star)
	offGNUATime = 345 // 12 bytes (GNU)
	offGNUCTime = 357 // 12 bytes (GNU)
	offGNUExt   = 482 // 1 byte: sparse extension blocks follow (GNU)
	offExtMore  = 504 // 1 byte: another extension block follows
	offTrailer  = 508 // 4 bytes: "tar\x00" marks a star header
)

// header is what one 512-byte header block says, before extended headers
// are applied.
type header struct {
	name     string
	linkname string
	size     int64
	typeflag byte
	format   string
	base256  bool // the size field is base-256
	extended bool // GNU sparse extension blocks follow
}

// headerProblem says why a non-zero block is not a usable header.
type headerProblem int

const (
	headerOK headerProblem = iota
	headerBadChecksum
	headerBadSize
)

// isZero reports whether b holds only zero bytes.
func isZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// checksums returns the two sums tar implementations have written into the
// checksum field: of the bytes as unsigned and as signed values, with the
// field itself counted as eight spaces.
func checksums(b []byte) (unsigned, signed int64) {
	for i, c := range b[:blockSize] {
		if i >= offChecksum && i < offChecksum+8 {
			c = ' '
		}
		unsigned += int64(c)
		signed += int64(int8(c))
	}
	return unsigned, signed
}

// checksumOK reports whether the stored checksum of block b matches.
func checksumOK(b []byte) (stored, computed int64, ok bool) {
	unsigned, signed := checksums(b)
	stored, valid := parseOctal(b[offChecksum : offChecksum+8])
	return stored, unsigned, valid && (stored == unsigned || stored == signed)
}

// cString returns b up to its first NUL byte.
func cString(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// parseOctal reads an octal number padded with spaces or NULs on either
// side and ending at the first NUL inside; an empty field is zero.
func parseOctal(b []byte) (int64, bool) {
	b = bytes.Trim(b, " \x00")
	s := cString(b)
	if s == "" {
		return 0, true
	}
	v, err := strconv.ParseUint(s, 8, 63)
	if err != nil {
		return 0, false
	}
	return int64(v), true
}

// parseNumeric reads a numeric field in octal or, when its first byte has
// the high bit set, in GNU base-256 (big-endian two's complement, the
// first byte's high bit being the marker). It reports whether base-256 was
// used; values that do not fit an int64 are invalid.
func parseNumeric(b []byte) (v int64, base256, ok bool) {
	if len(b) == 0 || b[0]&0x80 == 0 {
		v, ok = parseOctal(b)
		return v, false, ok
	}
	var flip byte
	if b[0]&0x40 != 0 {
		flip = 0xff // negative
	}
	var x uint64
	for i, c := range b {
		c ^= flip
		if i == 0 {
			c &= 0x7f
		}
		if x>>56 != 0 {
			return 0, true, false
		}
		x = x<<8 | uint64(c)
	}
	if x>>63 != 0 {
		return 0, true, false
	}
	if flip != 0 {
		return ^int64(x), true, true
	}
	return int64(x), true, true
}

// dialect names the header format from its magic and version fields.
func dialect(b []byte) string {
	magic := string(b[offMagic : offMagic+6])
	version := string(b[offVersion : offVersion+2])
	switch {
	case magic == "ustar\x00" && version == " \x00":
		return FormatOVFTool
	case magic == "ustar\x00":
		return FormatUSTAR
	case magic == "ustar " && version == " \x00":
		return FormatGNU
	default:
		return FormatV7
	}
}

// parseHeader reads the fields of a non-zero header block b.
func parseHeader(b []byte) (header, headerProblem) {
	if _, _, ok := checksumOK(b); !ok {
		return header{}, headerBadChecksum
	}
	h := header{
		name:     cString(b[offName : offName+100]),
		linkname: cString(b[offLinkname : offLinkname+100]),
		typeflag: b[offTypeflag],
		format:   dialect(b),
	}
	size, base256, ok := parseNumeric(b[offSize : offSize+12])
	if !ok || size < 0 || size > maxMemberSize {
		return header{}, headerBadSize
	}
	h.size, h.base256 = size, base256
	if prefix := namePrefix(b, h.format); prefix != "" {
		h.name = prefix + "/" + h.name
	}
	if h.typeflag == 'S' && h.format == FormatGNU {
		h.extended = b[offGNUExt] != 0
	}
	return h, headerOK
}

// namePrefix returns the directory prefix a header stores apart from its
// name field, the way archive/tar reads it: the ustar prefix (the shorter
// star prefix when the block ends in star's trailer); for GNU headers,
// whose prefix bytes hold access and change times, only when those do not
// parse as numbers (archives written by Go before 1.8 put a prefix there).
func namePrefix(b []byte, format string) string {
	switch format {
	case FormatUSTAR, FormatOVFTool:
		if string(b[offTrailer:offTrailer+4]) == "tar\x00" {
			return cString(b[offPrefix : offPrefix+131])
		}
		return cString(b[offPrefix : offPrefix+155])
	case FormatGNU:
		timesOK := true
		for _, off := range []int{offGNUATime, offGNUCTime} {
			if f := b[off : off+12]; f[0] != 0 {
				if _, _, ok := parseNumeric(f); !ok {
					timesOK = false
				}
			}
		}
		if timesOK {
			return ""
		}
		if p := cString(b[offPrefix : offPrefix+155]); isASCII(p) {
			return p
		}
	}
	return ""
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// headerOnly reports whether members of type flag t carry no data, whatever
// their size field says (archive/tar and GNU tar ignore it).
func headerOnly(t byte) bool {
	switch t {
	case '1', '2', '3', '4', '5', '6':
		return true
	}
	return false
}

// paxRecords is what an extended header says about the next member.
type paxRecords struct {
	path, linkpath string
	size           int64
	hasSize        bool
	sparse         bool
	sparseName     string
}

// parsePAX reads PAX records ("<length> <key>=<value>\n"). Trailing NUL
// padding is tolerated. It returns false on a malformed record or size.
func parsePAX(data []byte) (paxRecords, bool) {
	var p paxRecords
	s := string(data)
	for len(s) > 0 {
		if isZero([]byte(s)) {
			break
		}
		lenText, _, ok := strings.Cut(s, " ")
		if !ok {
			return p, false
		}
		n, err := strconv.Atoi(lenText)
		if err != nil || n < len(lenText)+4 || n > len(s) {
			return p, false
		}
		record := s[len(lenText)+1 : n]
		s = s[n:]
		if !strings.HasSuffix(record, "\n") {
			return p, false
		}
		key, value, ok := strings.Cut(record[:len(record)-1], "=")
		if !ok || key == "" {
			return p, false
		}
		if value == "" {
			continue // an empty value leaves the header field in force
		}
		switch {
		case key == "path":
			p.path = value
		case key == "linkpath":
			p.linkpath = value
		case key == "size":
			v, err := strconv.ParseInt(value, 10, 64)
			if err != nil || v < 0 {
				return p, false
			}
			p.size, p.hasSize = v, true
		case key == "GNU.sparse.name":
			p.sparse, p.sparseName = true, value
		case strings.HasPrefix(key, "GNU.sparse."):
			p.sparse = true
		}
	}
	return p, true
}
