package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/report"
)

type countingReader struct {
	f     *os.File
	n     int64
	calls int
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	c.n += int64(len(p))
	c.calls++
	return c.f.ReadAt(p, off)
}

func TestStructuralProbe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "one.ova")
	if err := writePackage(path, "one", []disk{{"one-disk1.img", 256 << 20, 1}}); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(path)
	st, _ := f.Stat()
	cr := &countingReader{f: f}
	t0 := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	_, _ = engine.Check(ctx, engine.OVA("one.ova", cr, st.Size()), engine.WithWholeFileDigest(true), engine.WithStructural(func(r *report.Report) {
		t.Logf("structural after %v, read %d bytes in %d calls", time.Since(t0), cr.n, cr.calls)
		cancel()
	}))
}
