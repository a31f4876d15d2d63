// Package ovatest builds OVF packages in memory for tests: OVA archives in
// each tar dialect, stream-optimized VMDKs, manifests in each producer's
// style and signed certificates from an in-process CA.
package ovatest

import (
	"archive/tar"
	"bytes"
	"time"
)

// Member is one file of a package under construction.
type Member struct {
	Name string
	Data []byte
	// Type is a tar type flag; zero means a regular file.
	Type byte
	// Linkname is the target of a link member.
	Linkname string
}

// OVA returns a tar archive of members in order, written in the given
// format (tar.FormatUSTAR, tar.FormatGNU, tar.FormatPAX, or
// tar.FormatUnknown to let archive/tar choose).
func OVA(format tar.Format, members ...Member) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, m := range members {
		typ := m.Type
		if typ == 0 {
			typ = tar.TypeReg
		}
		h := &tar.Header{
			Typeflag: typ,
			Name:     m.Name,
			Linkname: m.Linkname,
			Size:     int64(len(m.Data)),
			Mode:     0o644,
			ModTime:  time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
			Format:   format,
		}
		if typ != tar.TypeReg {
			h.Size = 0
		}
		if format == tar.FormatPAX {
			// archive/tar writes a PAX header only when a record needs
			// one; a comment makes every member carry one, as PAX
			// writers such as bsdtar's pax format do.
			h.PAXRecords = map[string]string{"comment": "ovatest"}
		}
		if err := tw.WriteHeader(h); err != nil {
			panic("ovatest: " + err.Error())
		}
		if h.Size > 0 {
			if _, err := tw.Write(m.Data); err != nil {
				panic("ovatest: " + err.Error())
			}
		}
	}
	if err := tw.Close(); err != nil {
		panic("ovatest: " + err.Error())
	}
	return buf.Bytes()
}
