// Package archive indexes an OVA (a tar archive) and judges its layout.
//
// Open indexes an archive read at random through an io.ReaderAt, reading
// 512-byte headers and extended headers only: member data is never read,
// so a package of hundreds of gigabytes indexes in milliseconds. Stream
// builds the same index from a one-pass sequential read and hands each
// regular member's data to a callback as it passes. Both walk the archive
// with the same code (walk.go); only the way bytes are fetched differs
// (source.go).
//
// The index understands ustar, GNU (including base-256 sizes and long
// names), PAX (including sizes over 8 GiB) and v7 headers. Problems with
// the archive itself (not a tar, a damaged header, a truncated download,
// missing end blocks, data after the end) are findings on the Index, never
// Go errors: an error means the input could not be read at all.
//
// CheckLayout applies the rules of DSP0243 5.3 and what real consumers
// require to an index once the descriptor has named its files: member
// order, names, types and tar dialect.
//
// No member is ever extracted or written anywhere, and no member name is
// ever used as a path.
package archive
