package engine

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// tinyMembersOVA returns a sound package with n extra one-byte members,
// each listed in the manifest, so that each is hashed.
func tinyMembersOVA(n int) []byte {
	a := ovatest.Appliance{}
	ms := a.Members()
	var extra []ovatest.Member
	for i := range n {
		extra = append(extra, ovatest.Member{Name: fmt.Sprintf("f%05d.bin", i), Data: []byte{byte(i)}})
	}
	ovf, disks := ms[0], ms[2:]
	listed := append(append([]ovatest.Member{ovf}, disks...), extra...)
	mf := ovatest.Member{Name: "appliance.mf", Data: ovatest.Manifest("sha256", listed...)}
	return ovatest.OVA(tar.FormatUSTAR, append(append([]ovatest.Member{ovf, mf}, disks...), extra...)...)
}

// allocated returns the bytes f allocates on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Hashing a member costs memory in proportion to the member: a package of
// thousands of one-byte members, checked from a file, must not allocate a
// read buffer of a mebibyte (or several) for each of them.
func TestTinyMembersAllocateInProportion(t *testing.T) {
	const n = 9000
	data := tinyMembersOVA(n)
	for _, src := range []struct {
		name string
		src  func() Source
	}{
		{"file", func() Source { return OVA("a.ova", bytes.NewReader(data), int64(len(data))) }},
		{"stream", func() Source { return Stream("a.ova", bytes.NewReader(data)) }},
	} {
		t.Run(src.name, func(t *testing.T) {
			var rep any
			got := allocated(func() {
				r, err := Check(context.Background(), src.src())
				if err != nil {
					t.Fatal(err)
				}
				rep = r
			})
			_ = rep
			perMember := got / n
			t.Logf("%d members: %d bytes allocated, %d per member", n, got, perMember)
			// Each member costs its file-table row, manifest line,
			// findings and hash state: a few KiB (7.5 KiB from a file, 8.5 KiB as a stream
			// when this was written), never a read buffer (3 MiB before).
			if perMember > 16<<10 {
				t.Errorf("checking %d one-byte members allocated %d bytes each; want well under 16 KiB", n, perMember)
			}
		})
	}
}

// BenchmarkTinyMembers checks a package of 9,000 one-byte members from a
// file.
func BenchmarkTinyMembers(b *testing.B) {
	data := tinyMembersOVA(9000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Check(context.Background(), OVA("a.ova", bytes.NewReader(data), int64(len(data)))); err != nil {
			b.Fatal(err)
		}
	}
}
