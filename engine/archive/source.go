package archive

import (
	"errors"
	"fmt"
	"io"
)

// source is how the walker fetches bytes. Offsets only ever grow from one
// call to the next, so a sequential reader can serve them.
type source interface {
	// read fills p with the bytes at off. A short count means the input
	// ends before off+len(p); the error is only for a failure to read.
	read(off int64, p []byte) (int, error)
	// data passes over the member data at [off, off+size) and its padding
	// up to off+padded, and returns how many of those padded bytes the
	// input holds. m is the member when it is a regular file, else nil.
	data(off, size, padded int64, m *Member) (int64, error)
	// rest returns how many bytes the input holds from off to its end.
	rest(off int64) (int64, error)
	// size is the input's length; it is known once read, data or rest
	// has met the end of the input.
	size() int64
}

// randomSource reads an input of known size at random. It never reads
// member data.
type randomSource struct {
	r io.ReaderAt
	n int64
}

func (s *randomSource) read(off int64, p []byte) (int, error) {
	if off >= s.n {
		return 0, nil
	}
	if rem := s.n - off; int64(len(p)) > rem {
		p = p[:rem]
	}
	n, err := s.r.ReadAt(p, off)
	if n == len(p) {
		return n, nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF // shorter than the size we were given
	}
	return n, fmt.Errorf("reading %d bytes at offset %d: %w", len(p), off, err)
}

func (s *randomSource) data(off, size, padded int64, m *Member) (int64, error) {
	return max(0, min(padded, s.n-off)), nil
}

func (s *randomSource) rest(off int64) (int64, error) { return max(0, s.n-off), nil }

func (s *randomSource) size() int64 { return s.n }

// streamSource reads an input once, in order, and hands regular members'
// data to visit.
type streamSource struct {
	r     io.Reader
	visit func(Member, io.Reader) error
	pos   int64 // bytes consumed from r
	ended bool  // r has reported its end
}

// skipTo discards input up to off, stopping early at the end of the input.
func (s *streamSource) skipTo(off int64) error {
	if s.pos >= off || s.ended {
		return nil
	}
	n, err := io.CopyN(io.Discard, s.r, off-s.pos)
	s.pos += n
	if err == io.EOF {
		s.ended = true
		return nil
	}
	return err
}

func (s *streamSource) read(off int64, p []byte) (int, error) {
	if s.pos > off {
		return 0, fmt.Errorf("archive: stream read at %d after %d", off, s.pos)
	}
	if err := s.skipTo(off); err != nil {
		return 0, err
	}
	if s.pos < off || s.ended {
		return 0, nil
	}
	n, err := io.ReadFull(s.r, p)
	s.pos += int64(n)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		s.ended = true
		return n, nil
	}
	return n, err
}

func (s *streamSource) data(off, size, padded int64, m *Member) (int64, error) {
	if err := s.skipTo(off); err != nil {
		return 0, err
	}
	if m != nil && s.visit != nil && s.pos == off && !s.ended {
		dr := &dataReader{s: s, left: size}
		err := s.visit(*m, dr)
		dr.s = nil // the reader is dead once visit returns
		if err != nil && !(s.ended && errors.Is(err, io.ErrUnexpectedEOF)) {
			return 0, err
		}
	}
	if err := s.skipTo(off + padded); err != nil {
		return 0, err
	}
	return max(0, min(padded, s.pos-off)), nil
}

func (s *streamSource) rest(off int64) (int64, error) {
	if err := s.skipTo(off); err != nil {
		return 0, err
	}
	if s.pos < off {
		return 0, nil
	}
	n, err := io.Copy(io.Discard, s.r)
	s.pos += n
	s.ended = true
	return n, err
}

func (s *streamSource) size() int64 { return s.pos }

// errReaderDone is returned by a data reader used after visit returned.
var errReaderDone = errors.New("archive: member data read after visit returned")

// dataReader gives visit the bytes of one member.
type dataReader struct {
	s    *streamSource
	left int64
}

func (d *dataReader) Read(p []byte) (int, error) {
	if d.s == nil {
		return 0, errReaderDone
	}
	if d.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > d.left {
		p = p[:d.left]
	}
	n, err := d.s.r.Read(p)
	d.s.pos += int64(n)
	d.left -= int64(n)
	if err == io.EOF {
		d.s.ended = true
		if d.left > 0 {
			return n, io.ErrUnexpectedEOF
		}
		if n > 0 {
			err = nil
		}
	}
	return n, err
}
