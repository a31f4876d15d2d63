//go:build !js

package oracle

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/corpus"
	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// item is one file the oracles and ovacheck judge: a package or a disk
// image. Name is how testdata lists it: "built/..." for what the builders
// make, "corpus/..." for a file of the real-world corpus.
type item struct {
	Name string
	Path string
}

// fixture is everything the oracle tests judge.
type fixture struct {
	Packages []item
	Disks    []item
	// Corpus is false when the real-world corpus is absent.
	Corpus bool
}

// diskMaker is one producer of stream-optimized VMDKs.
type diskMaker struct {
	name string
	make func(tb testing.TB, dir string, raw []byte) []byte
}

var diskMakers = []diskMaker{
	{"qemu", ovatest.QemuStreamVMDK},
	{"vmdkstream", ovatest.PythonStreamVMDK},
	{"ovatest", func(_ testing.TB, _ string, raw []byte) []byte {
		return ovatest.StreamOptimizedVMDK(int64(len(raw)), raw)
	}},
}

// requireTools checks for every tool the oracle tests run, so that a
// missing one is reported once, before anything is built.
func requireTools(t *testing.T) {
	t.Helper()
	for _, tool := range [][2]string{
		{"qemu-img", "qemu-utils"}, {"vmdkinfo", "libvmdk-utils"}, {"virt-v2v", "virt-v2v"},
		{"tar", "tar"}, {"openssl", "openssl"}, {"sha1sum", "coreutils"}, {"sha256sum", "coreutils"},
	} {
		ovatest.RequireTool(t, tool[0], tool[1])
	}
	ovatest.RequireVMDKstream(t)
}

// build makes the packages and disks the oracles judge, in dir, and adds
// the corpus's .ova and .vmdk files when the corpus is present.
//
// Disks: each producer's stream-optimized VMDK of a random, a sparse and a
// full raw image of 1, 4 and 7 MiB, and one of 64 MiB (random, qemu-img).
// Packages: one per disk, with the archive format and manifest tool
// rotating through GNU tar and PAX and each ManifestTool; then damaged
// variants of the first.
func build(t *testing.T, dir string) fixture {
	t.Helper()
	var fx fixture
	work := filepath.Join(dir, "work")
	must(t, os.MkdirAll(work, 0o755))
	type disk struct {
		stem string
		raw  int64
		data []byte
	}
	var disks []disk
	seed := uint64(1)
	for _, mk := range diskMakers {
		for _, kind := range []ovatest.RawKind{ovatest.RawRandom, ovatest.RawSparse, ovatest.RawFull} {
			for _, mib := range []int64{1, 4, 7} {
				seed++
				raw := ovatest.RawImage(kind, mib<<20, seed)
				disks = append(disks, disk{fmt.Sprintf("%s-%s-%dMiB", mk.name, kind, mib), mib << 20, mk.make(t, work, raw)})
			}
		}
	}
	big := ovatest.RawImage(ovatest.RawRandom, 64<<20, 64)
	disks = append(disks, disk{"qemu-random-64MiB", 64 << 20, ovatest.QemuStreamVMDK(t, work, big)})

	for i, d := range disks {
		fx.Disks = append(fx.Disks, writeItem(t, dir, "built/"+d.stem+".vmdk", d.data))
		format := []string{"gnu", "pax"}[i%2]
		tool := ovatest.ManifestTools[(i/2)%len(ovatest.ManifestTools)]
		a := ovatest.Appliance{Name: d.stem, Disks: [][]byte{d.data}, DiskCapacity: d.raw, Algorithm: "none"}
		ova := assemble(t, filepath.Join(work, d.stem), format, tool, a.Members(), nil)
		fx.Packages = append(fx.Packages, writeItem(t, dir, fmt.Sprintf("built/%s-%s-%s.ova", d.stem, format, tool), ova))
	}

	pkgs, dmg := damaged(t, work, disks[0].data, disks[0].raw)
	for _, p := range pkgs {
		fx.Packages = append(fx.Packages, writeItem(t, dir, "built/"+p.Name, p.Data))
	}
	for _, d := range dmg {
		fx.Disks = append(fx.Disks, writeItem(t, dir, "built/"+d.Name, d.Data))
	}

	if cdir, ok := corpus.Dir(); ok {
		fx.Corpus = true
		fx.Packages = append(fx.Packages, corpusFiles(t, cdir, ".ova")...)
		fx.Disks = append(fx.Disks, corpusFiles(t, cdir, ".vmdk")...)
	} else {
		t.Logf("the real-world corpus is not at %q (set OVACHECK_CORPUS): only the built packages are compared", cdir)
	}
	return fx
}

// damaged returns packages broken the ways downloads and hand edits break
// them, all built from one sound package (GNU tar, sha256sum manifest), and
// the damaged disks among them.
func damaged(t *testing.T, work string, disk []byte, capacity int64) (pkgs, disks []ovatest.Member) {
	t.Helper()
	a := ovatest.Appliance{Name: "damaged", Disks: [][]byte{disk}, DiskCapacity: capacity, Algorithm: "none"}
	ms := a.Members()
	const format, tool = "gnu", ovatest.Sha256sum
	dir := func(name string) string { return filepath.Join(work, "damaged-"+name) }

	// One byte of the disk flipped after the manifest was written.
	flipped := bytes.Clone(disk)
	flipped[len(flipped)/2] ^= 0x01
	pkgs = append(pkgs, ovatest.Member{Name: "damaged-flipped-byte.ova",
		Data: assemble(t, dir("flip"), format, tool, ms, func(ms []ovatest.Member) { ms[1].Data = flipped })})
	disks = append(disks, ovatest.Member{Name: "damaged-flipped-byte.vmdk", Data: flipped})
	// A disk cut short, for the disk oracles only.
	disks = append(disks, ovatest.Member{Name: "damaged-cut-short.vmdk", Data: disk[:len(disk)/2]})

	// The manifest lists the disk, but the archive lacks it.
	pkgs = append(pkgs, ovatest.Member{Name: "damaged-missing-disk.ova",
		Data: assemble(t, dir("missing"), format, tool, ms, func(ms []ovatest.Member) { ms[1].Name = "" })})

	// The archive cut short halfway, as an interrupted download leaves it.
	whole := assemble(t, dir("cut"), format, tool, ms, nil)
	pkgs = append(pkgs, ovatest.Member{Name: "damaged-archive-cut-short.ova", Data: whole[:len(whole)/2]})

	// Descriptor edits, with the manifest regenerated so only they are wrong.
	edit := func(name, old, new string) {
		pkgs = append(pkgs, ovatest.Member{Name: "damaged-" + name + ".ova",
			Data: assemble(t, dir(name), format, tool, ms, func(ms []ovatest.Member) {
				if !bytes.Contains(ms[0].Data, []byte(old)) {
					t.Fatalf("descriptor lacks %q", old)
				}
				ms[0].Data = bytes.Replace(ms[0].Data, []byte(old), []byte(new), 1)
			})})
	}
	edit("broken-xml", "</DiskSection>", "</DiskSectio>")
	edit("dangling-fileref", `ovf:fileRef="file1"`, `ovf:fileRef="file9"`)
	return pkgs, disks
}

// assemble writes the descriptor and disks ms (descriptor first) to dir,
// lets change alter them after the manifest is written (a member whose name
// it clears is left out of the archive), has tool write the manifest, and
// returns the archive tar writes in format: descriptor, manifest, disks.
func assemble(t *testing.T, dir, format string, tool ovatest.ManifestTool, ms []ovatest.Member, change func([]ovatest.Member)) []byte {
	t.Helper()
	must(t, os.MkdirAll(dir, 0o755))
	ms = append([]ovatest.Member(nil), ms...)
	var names []string
	for _, m := range ms {
		names = append(names, m.Name)
	}
	ovatest.WriteMembers(t, dir, ms...)
	mfName := strings.TrimSuffix(ms[0].Name, ".ovf") + ".mf"
	if change == nil {
		ovatest.WriteMembers(t, dir, ovatest.Member{Name: mfName, Data: ovatest.ToolManifest(t, tool, dir, names...)})
	} else {
		// Descriptor edits come before the manifest; disk damage after.
		descBefore := ms[0].Data
		change(ms)
		if !bytes.Equal(descBefore, ms[0].Data) {
			ovatest.WriteMembers(t, dir, ms[0])
		}
		ovatest.WriteMembers(t, dir, ovatest.Member{Name: mfName, Data: ovatest.ToolManifest(t, tool, dir, names...)})
		for _, m := range ms[1:] {
			if m.Name != "" {
				ovatest.WriteMembers(t, dir, m)
			}
		}
	}
	order := []string{ms[0].Name, mfName}
	for _, m := range ms[1:] {
		if m.Name != "" {
			order = append(order, m.Name)
		}
	}
	return ovatest.TarOVA(t, format, dir, order...)
}

// writeItem writes data under dir at name and returns it as an item.
func writeItem(t *testing.T, dir, name string, data []byte) item {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	must(t, os.MkdirAll(filepath.Dir(path), 0o755))
	must(t, os.WriteFile(path, data, 0o644))
	return item{Name: name, Path: path}
}

// corpusFiles returns the corpus's regular files ending in ext (any case),
// leaving out _extracted, which holds copies of .ova members.
func corpusFiles(t *testing.T, dir, ext string) []item {
	t.Helper()
	var out []item
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "_extracted" {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() && strings.EqualFold(filepath.Ext(path), ext) {
			rel, _ := filepath.Rel(dir, path)
			out = append(out, item{Name: "corpus/" + filepath.ToSlash(rel), Path: path})
		}
		return nil
	})
	must(t, err)
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
