package archive

import (
	"fmt"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// maxMemberSize is larger than any real member (1 EiB) and small enough
// that offsets computed from it cannot overflow.
const maxMemberSize = 1 << 60

// sniffSize is how much of a non-tar input is read to say what it is.
const sniffSize = 4096

// padded rounds n up to a whole number of blocks.
func padded(n int64) int64 {
	if r := n % blockSize; r != 0 {
		return n + blockSize - r
	}
	return n
}

// walker builds an Index from a source, header by header.
type walker struct {
	src     source
	idx     *Index
	headers int // header blocks read, including extended ones

	// What extended headers said about the member whose header is next.
	meta       bool  // extended headers were seen
	metaOffset int64 // offset of the first of them
	pax        paxRecords
	paxSeen    bool // a PAX 'x' header applies to the next member
	paxGlobal  bool // a PAX 'g' header was seen: later members are "pax"
	longName   string
	longLink   string
	longTooBig bool
}

// walk indexes the archive served by src.
func walk(src source, name string) (*Index, error) {
	w := &walker{src: src, idx: &Index{Complete: true}}
	var blk [blockSize]byte
	n, err := src.read(0, blk[:])
	if err != nil {
		return nil, err
	}
	kind := Sniff(blk[:n])
	if kind != KindTar {
		head := blk[:n]
		if n == blockSize {
			more := make([]byte, sniffSize)
			copy(more, head)
			m, err := src.read(blockSize, more[blockSize:])
			if err != nil {
				return nil, err
			}
			head = more[:blockSize+m]
			kind = Sniff(head)
		}
		w.idx.Kind = kind
		w.idx.Findings = append(w.idx.Findings, notTarFinding(kind, name, head))
		return w.idx, nil
	}
	w.idx.Kind = KindTar
	if f, ok := extensionFinding(name); !ok {
		w.idx.Findings = append(w.idx.Findings, f)
	}
	if err := w.run(blk[:n]); err != nil {
		return nil, err
	}
	return w.idx, nil
}

// add records a finding.
func (w *walker) add(f report.Finding) { w.idx.Findings = append(w.idx.Findings, f) }

// stop ends indexing early: what follows off could not be indexed.
func (w *walker) stop(off int64, f report.Finding) {
	w.add(f)
	w.idx.End = off
	w.idx.Complete = false
}

// ordinal is the 1-based number of the member whose header is next.
func (w *walker) ordinal() int { return len(w.idx.Members) + 1 }

// run walks the headers; first is the block at offset 0, already read.
func (w *walker) run(first []byte) error {
	var blk [blockSize]byte
	n := copy(blk[:], first)
	off := int64(0)
	for {
		if n == 0 && !w.meta {
			w.missingEnd(off)
			return nil
		}
		if n < blockSize {
			start := off
			if w.meta {
				start = w.metaOffset
			}
			w.truncatedHeader(start, off, n)
			return nil
		}
		if isZero(blk[:]) {
			if w.meta {
				w.add(rules.PkgBadHeader.New(offsetLoc(w.metaOffset),
					"the extended header at offset %d is followed by the end of the archive instead of its member's header",
					w.metaOffset).WithHint("The archive was written by a faulty tool or damaged; re-create it with tar --format=ustar or ovftool."))
			}
			return w.end(off)
		}
		next, done, err := w.header(off, blk[:])
		if err != nil || done {
			return err
		}
		off = next
		if n, err = w.src.read(off, blk[:]); err != nil {
			return err
		}
	}
}

// header handles the non-zero header block b at off. It returns the offset
// of the next header, or done when indexing stops here.
func (w *walker) header(off int64, b []byte) (next int64, done bool, err error) {
	if !w.meta {
		w.metaOffset = off // from here on, metaOffset is where this member starts
	}
	w.headers++
	if w.headers > limits.MaxTarHeaders {
		w.stop(w.metaOffset, rules.PkgTooManyMembers.New(offsetLoc(off),
			"the archive has more than %d tar header blocks; members from offset %d on were not checked",
			limits.MaxTarHeaders, w.metaOffset).WithHint("Real packages have a handful of members; this archive is damaged or hostile."))
		return 0, true, nil
	}
	h, problem := parseHeader(b)
	switch problem {
	case headerBadChecksum:
		w.badChecksum(off, b)
		return 0, true, nil
	case headerBadSize:
		w.stop(w.metaOffset, rules.PkgBadHeader.New(offsetLoc(off),
			"header of member %d at offset %d has an invalid size field", w.ordinal(), off).
			WithHint("The archive is damaged; download or export it again."))
		return 0, true, nil
	}
	dataOff := off + blockSize
	switch h.typeflag {
	case 'x', 'g':
		return w.paxHeader(off, h)
	case 'L', 'K':
		return w.longNameHeader(off, h)
	}
	if h.extended {
		if dataOff, done, err = w.sparseBlocks(dataOff); done {
			return 0, true, err
		}
	}
	if len(w.idx.Members) >= limits.MaxMembers {
		w.stop(w.metaOffset, rules.PkgTooManyMembers.New(offsetLoc(w.metaOffset),
			"the archive has more than %d members; members from offset %d on were not checked",
			limits.MaxMembers, w.metaOffset).WithHint("Even a 2 TB disk in 1 GB chunks needs about 2,000 members; this archive is damaged or hostile."))
		return 0, true, nil
	}
	m := w.member(h, dataOff)
	if m.Size > maxMemberSize {
		w.stop(w.metaOffset, rules.PkgBadHeader.New(offsetLoc(off),
			"header of member %d at offset %d gives an impossible size of %d bytes", w.ordinal(), off, m.Size).
			WithHint("The archive is damaged; download or export it again."))
		return 0, true, nil
	}
	w.idx.Members = append(w.idx.Members, m)
	var visit *Member
	if m.Regular() {
		visit = &w.idx.Members[len(w.idx.Members)-1]
	}
	present, err := w.src.data(m.DataOffset, m.Size, padded(m.Size), visit)
	if err != nil {
		return 0, true, err
	}
	if present < padded(m.Size) {
		w.truncatedData(m, present)
		return 0, true, nil
	}
	return m.DataOffset + padded(m.Size), false, nil
}

// member builds the member whose main header is h, applying the extended
// headers seen before it, and resets them.
func (w *walker) member(h header, dataOff int64) Member {
	m := Member{
		Name:         h.name,
		HeaderOffset: w.metaOffset,
		DataOffset:   dataOff,
		Size:         h.size,
		Typeflag:     h.typeflag,
		Linkname:     h.linkname,
		Format:       h.format,
		Base256Size:  h.base256,
		Sparse:       h.typeflag == 'S',
	}
	if w.paxSeen {
		if w.pax.path != "" {
			m.Name = w.pax.path
		}
		if w.pax.linkpath != "" {
			m.Linkname = w.pax.linkpath
		}
		if w.pax.hasSize {
			m.Size = w.pax.size
		}
		if w.pax.sparse {
			m.Sparse = true
			if w.pax.sparseName != "" {
				m.Name = w.pax.sparseName
			}
		}
	}
	if w.paxSeen || w.paxGlobal {
		m.Format = FormatPAX
	}
	if w.longName != "" {
		m.Name = w.longName
	}
	if w.longLink != "" {
		m.Linkname = w.longLink
	}
	if m.Typeflag == 0 {
		m.Typeflag = '0'
		if len(m.Name) > 0 && m.Name[len(m.Name)-1] == '/' {
			m.Typeflag = '5'
		}
	}
	if headerOnly(m.Typeflag) {
		m.Size = 0
	}
	tooLong := w.longTooBig
	if len(m.Name) > limits.MaxNameLength {
		m.Name, tooLong = m.Name[:limits.MaxNameLength], true
	}
	if len(m.Linkname) > limits.MaxNameLength {
		m.Linkname, tooLong = m.Linkname[:limits.MaxNameLength], true
	}
	if tooLong {
		w.add(rules.PkgNameTooLong.New(report.InMember(m.Name),
			"member %d at offset %d has a name or link target longer than %d bytes; it was cut to that length",
			w.ordinal(), m.HeaderOffset, limits.MaxNameLength).
			WithHint("Give members short names: the descriptor, its manifest and certificate, and the files References lists."))
	}
	w.meta, w.paxSeen, w.pax = false, false, paxRecords{}
	w.longName, w.longLink, w.longTooBig = "", "", false
	return m
}

// paxHeader reads a PAX extended header ('x' for the next member, 'g' for
// the rest of the archive).
func (w *walker) paxHeader(off int64, h header) (int64, bool, error) {
	w.meta = true
	if h.size > limits.MaxPAXHeaderSize {
		w.stop(w.metaOffset, rules.PkgBadHeader.New(offsetLoc(off),
			"the PAX extended header at offset %d is %d bytes, more than the %d this check reads",
			off, h.size, limits.MaxPAXHeaderSize).WithHint("Real PAX headers are a few hundred bytes; the archive is damaged or hostile."))
		return 0, true, nil
	}
	data, ok, err := w.special(off, h.size)
	if err != nil || !ok {
		return 0, true, err
	}
	records, ok := parsePAX(data)
	if !ok {
		w.stop(w.metaOffset, rules.PkgBadHeader.New(offsetLoc(off),
			"the PAX extended header at offset %d has a malformed record", off).
			WithHint("The archive is damaged or was written by a faulty tool; re-create it with tar --format=ustar or ovftool."))
		return 0, true, nil
	}
	if h.typeflag == 'g' {
		w.paxGlobal = true
		w.meta = false // a global header is not tied to the next member
	} else {
		w.pax, w.paxSeen = records, true
	}
	return off + blockSize + padded(h.size), false, nil
}

// longNameHeader reads a GNU long name ('L') or long link target ('K').
func (w *walker) longNameHeader(off int64, h header) (int64, bool, error) {
	w.meta = true
	size := h.size
	if size > limits.MaxNameLength+1 { // +1 for the terminating NUL
		size, w.longTooBig = limits.MaxNameLength, true
	}
	data, ok, err := w.special(off, size)
	if err != nil || !ok {
		return 0, true, err
	}
	if h.typeflag == 'L' {
		w.longName = cString(data)
	} else {
		w.longLink = cString(data)
	}
	return off + blockSize + padded(h.size), false, nil
}

// special reads the size data bytes of the extended header at off. ok is
// false when the archive ends inside them (a finding is recorded).
func (w *walker) special(off, size int64) (data []byte, ok bool, err error) {
	data = make([]byte, size)
	n, err := w.src.read(off+blockSize, data)
	if err != nil {
		return nil, false, err
	}
	if int64(n) < size {
		missing := off + blockSize + size - w.src.size()
		w.stop(w.metaOffset, rules.PkgTruncated.New(offsetLoc(off),
			"the archive ends inside the extended header of member %d at offset %d: %d bytes are missing; the download was cut short",
			w.ordinal(), off, missing).WithHint(hintTruncated))
		return nil, false, nil
	}
	return data, true, nil
}

// sparseBlocks skips the GNU sparse extension blocks starting at off and
// returns the offset of the member's data.
func (w *walker) sparseBlocks(off int64) (int64, bool, error) {
	var blk [blockSize]byte
	for {
		w.headers++
		if w.headers > limits.MaxTarHeaders {
			w.stop(w.metaOffset, rules.PkgTooManyMembers.New(offsetLoc(off),
				"the archive has more than %d tar header blocks; members from offset %d on were not checked",
				limits.MaxTarHeaders, w.metaOffset))
			return 0, true, nil
		}
		n, err := w.src.read(off, blk[:])
		if err != nil {
			return 0, true, err
		}
		if n < blockSize {
			w.truncatedHeader(w.metaOffset, off, n)
			return 0, true, nil
		}
		off += blockSize
		if blk[offExtMore] == 0 {
			return off, false, nil
		}
	}
}

// end handles the first zero block at off: checks that a second follows
// and that nothing but zeros comes after them.
func (w *walker) end(off int64) error {
	w.idx.End = off
	start := off + blockSize // the second end block, then the rest
	buf := make([]byte, 32<<10)
	var scanned int64
	firstData := int64(-1)
	for scanned < limits.MaxTrailerScan {
		n, err := w.src.read(start+scanned, buf[:min(int64(len(buf)), limits.MaxTrailerScan-scanned)])
		if err != nil {
			return err
		}
		if firstData < 0 {
			for i, c := range buf[:n] {
				if c != 0 {
					firstData = start + scanned + int64(i)
					break
				}
			}
		}
		scanned += int64(n)
		if n < len(buf) {
			break
		}
	}
	more, err := w.src.rest(start + scanned)
	if err != nil {
		return err
	}
	trailing := scanned + more
	blocksEnd := start // where the end-of-archive blocks stop
	if trailing >= blockSize && (firstData < 0 || firstData >= start+blockSize) {
		blocksEnd = start + blockSize
	} else {
		w.add(rules.PkgNoEndBlocks.New(offsetLoc(off),
			"the archive has one zero block at offset %d where tar writes two to mark its end", off).
			WithHint("Most tools read it, but it can mean the file was cut short or altered; re-create the archive with tar or ovftool."))
	}
	extra := start + trailing - blocksEnd
	switch {
	case firstData >= 0:
		w.add(rules.PkgTrailingData.New(offsetLoc(firstData),
			"%d bytes follow the end of the archive at offset %d, and they are not all zeros (the first non-zero byte is at offset %d); tar and OVF consumers ignore them",
			extra, blocksEnd, firstData).
			WithHint("Something was appended to the archive, or two archives were concatenated; only the first is read. Re-create the package."))
	case more > 0:
		w.add(rules.PkgTrailingData.New(offsetLoc(blocksEnd),
			"%d bytes follow the end of the archive at offset %d, far more than tar's padding; tar and OVF consumers ignore them (the first %d bytes read were zeros, the rest was not read)",
			extra, blocksEnd, scanned).
			WithHint("Something was appended to the archive; re-create the package."))
	}
	return nil
}

// missingEnd reports an archive that stops at a header boundary without
// end blocks.
func (w *walker) missingEnd(off int64) {
	w.idx.End = off
	after := "its last header"
	if n := len(w.idx.Members); n > 0 {
		after = fmt.Sprintf("member %d", n)
	}
	w.add(rules.PkgNoEndBlocks.New(offsetLoc(off),
		"the archive stops at offset %d, right after %s, without the two zero blocks that mark the end of a tar archive",
		off, after).
		WithHint("If the file was downloaded, the download may have been cut short at a member boundary: compare its size with the published one. Otherwise re-create it with tar or ovftool."))
}

// truncatedHeader reports an input that ends n bytes into the header
// block at off; start is where the member's headers begin.
func (w *walker) truncatedHeader(start, off int64, n int) {
	w.stop(start, rules.PkgTruncated.New(offsetLoc(off),
		"the archive ends inside the header of member %d at offset %d: %d of its 512 bytes are missing; the download was cut short",
		w.ordinal(), off, blockSize-n).WithHint(hintTruncated))
}

// truncatedData reports a member whose data or padding the input does not
// hold in full.
func (w *walker) truncatedData(m Member, present int64) {
	loc := report.InMember(m.Name)
	w.idx.End = m.DataOffset + present
	if present < m.Size {
		w.idx.Complete = false
		w.add(rules.PkgTruncated.New(loc,
			"member %d %q is cut short: its %d bytes of data start at offset %d, but the file ends after %d of them; %d bytes are missing and the download was cut short",
			len(w.idx.Members), m.Name, m.Size, m.DataOffset, present, m.Size-present).WithHint(hintTruncated))
		return
	}
	w.add(rules.PkgTruncated.New(loc,
		"the archive ends inside the padding after member %d %q: its data is whole, but %d bytes of padding and the end-of-archive blocks are missing; the download was probably cut short",
		len(w.idx.Members), m.Name, padded(m.Size)-present).WithHint(hintTruncated))
}

// badChecksum reports a header block whose checksum does not match.
func (w *walker) badChecksum(off int64, b []byte) {
	stored, computed, _ := checksumOK(b)
	hint := "The header is damaged: download or export the package again."
	if dialect(b) == FormatV7 && len(w.idx.Members) > 0 {
		hint = "The bytes here do not look like a tar header at all: the archive is damaged, or data was appended to it without end blocks. Download or export it again."
	}
	w.stop(w.metaOffset, rules.PkgBadChecksum.New(offsetLoc(off),
		"header of member %d at offset %d has a bad checksum (stored %d, computed %d); members from there on were not read",
		w.ordinal(), off, stored, computed).WithHint(hint))
}

const hintTruncated = "Download the package again and compare its size (and checksum, if the publisher gives one) with the published values."

// offsetLoc returns a location at a byte offset of the archive, naming no
// member: the finding is about the archive as a whole.
func offsetLoc(off int64) report.Location { return report.AtOffset("", off) }
