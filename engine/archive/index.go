package archive

import (
	"io"

	"github.com/ovacheck/ovacheck/engine/report"
)

// Kinds of input, as Index.Kind and Sniff name them.
const (
	KindTar        = "tar"
	KindEmpty      = "empty"
	KindGzip       = "gzip"
	KindXz         = "xz"
	KindBzip2      = "bzip2"
	KindZstd       = "zstd"
	Kind7z         = "7z"
	KindZip        = "zip"
	KindDescriptor = "descriptor" // an OVF descriptor (XML with an Envelope)
	KindXML        = "xml"        // XML that does not look like a descriptor
	KindHTML       = "html"       // a web page, typically a saved error page
	KindVMDK       = "vmdk"
	KindQCOW2      = "qcow2"
	KindVHD        = "vhd"
	KindVHDX       = "vhdx"
	KindPNG        = "png"
	KindJPEG       = "jpeg"
	KindUnknown    = "unknown"
)

// Tar header dialects, as Member.Format names them.
const (
	// FormatUSTAR is POSIX ustar: magic "ustar\x00", version "00".
	FormatUSTAR = "ustar"
	// FormatGNU is GNU tar's own: magic "ustar ", version " \x00".
	FormatGNU = "gnu"
	// FormatPAX is ustar with PAX extended headers for the member (or a
	// PAX global header earlier in the archive).
	FormatPAX = "pax"
	// FormatOVFTool is the magic "ustar\x00" with version " \x00" that
	// VMware ovftool writes.
	FormatOVFTool = "ovftool"
	// FormatV7 is a header without a ustar magic (Unix V7 tar).
	FormatV7 = "v7"
)

// Member is one entry of the archive: a file, directory, link or other
// special member. Extended headers (PAX, GNU long names, GNU sparse
// extension blocks) are not members; they are folded into the member they
// describe.
type Member struct {
	// Name is the member's full name: a PAX path, GNU long name or ustar
	// prefix joined with the name field. It is at most limits.MaxNameLength
	// bytes (longer names are cut there, with a PKG012 finding).
	Name string
	// HeaderOffset is the offset of the member's first header block, which
	// is the first of its extended headers when it has any.
	HeaderOffset int64
	// DataOffset is the offset of the member's first data byte.
	DataOffset int64
	// Size is the number of data bytes stored in the archive (for a GNU
	// sparse member, the stored size, not the expanded one). It is zero
	// for directories, links, devices and fifos, whose data tar ignores.
	Size int64
	// Typeflag is the tar type flag. A V7 regular file ('\x00') is
	// reported as '0', or as '5' (directory) when its name ends in '/'.
	Typeflag byte
	// Linkname is the target of a link member.
	Linkname string
	// Format is the header dialect: FormatUSTAR, FormatGNU, FormatPAX,
	// FormatOVFTool or FormatV7.
	Format string
	// Base256Size is true when the size field uses GNU base-256 encoding
	// (needed for members of 8 GiB or more without PAX).
	Base256Size bool
	// Sparse is true for a GNU sparse member (type 'S' or PAX GNU.sparse
	// records): its stored bytes are not the file's contents.
	Sparse bool
}

// Regular reports whether m holds file data (type '0' or '7').
func (m Member) Regular() bool { return m.Typeflag == '0' || m.Typeflag == '7' }

// Index is what the archive holds, as read from its headers.
type Index struct {
	// Kind is KindTar for a tar archive, otherwise what the input is
	// (see Sniff); then Members is empty and Findings say what to do.
	Kind string
	// Members in archive order.
	Members []Member
	// End is the offset just after the last member's padded data: where
	// the end-of-archive blocks start or should start.
	End int64
	// Complete is false when members could not all be indexed or the last
	// one's data is cut short: the archive is truncated, a header is
	// damaged, or a limit was reached. Findings say which.
	Complete bool
	// Findings about the archive itself, in the order they were found.
	Findings []report.Finding
}

// Open indexes the archive r, which holds size bytes, reading only its
// headers. name is the input's file name, used in messages and to check
// the .ova extension ("" or "-" when there is none). Problems with the
// archive are findings; the error is non-nil only when r fails to read.
func Open(r io.ReaderAt, size int64, name string) (*Index, error) {
	return walk(&randomSource{r: r, n: size}, name)
}

// Stream indexes the archive read from r in one pass and gives the same
// index and findings as Open would for the same bytes. For each regular
// member it calls visit with the member and a reader over its data; visit
// may read all, part or none of it, and must not keep the reader after it
// returns: Stream discards what visit left unread. If the archive is cut
// short inside a member, the data reader returns io.ErrUnexpectedEOF, and
// visit may return that error (the truncation is a finding). Any other
// error from visit stops Stream, which returns it. visit may be nil.
func Stream(r io.Reader, name string, visit func(m Member, data io.Reader) error) (*Index, error) {
	return walk(&streamSource{r: r, visit: visit}, name)
}
