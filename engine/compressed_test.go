package engine

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// soundMembers returns the members of the sound golden package, with the
// disk's middle byte flipped when flip is set (after the manifest was
// written, so its digest no longer matches).
func soundMembers(t *testing.T, flip bool) []ovatest.Member {
	t.Helper()
	gc := loadCase(t, "testdata/cases/sound.txtar")
	ms := slices.Clone(gc.members)
	if flip {
		for i := range ms {
			if strings.HasSuffix(ms[i].Name, ".vmdk") {
				d := bytes.Clone(ms[i].Data)
				d[len(d)/2] ^= 0x01
				ms[i].Data = d
			}
		}
	}
	return ms
}

// withTool writes the members to a folder and runs a real archiver there
// (tar or zip), returning what it wrote to out.
func withTool(t *testing.T, ms []ovatest.Member, out string, args ...string) []byte {
	t.Helper()
	if _, err := exec.LookPath(args[0]); err != nil {
		t.Skipf("%s not installed", args[0])
	}
	dir := t.TempDir()
	for _, m := range ms {
		if err := os.WriteFile(filepath.Join(dir, m.Name), m.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, m.Name)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, b)
	}
	data, err := os.ReadFile(filepath.Join(dir, out))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func checkBytes(t *testing.T, name string, data []byte) *report.Report {
	t.Helper()
	rep, err := Check(context.Background(), OVA(name, bytes.NewReader(data), int64(len(data))))
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return rep
}

// rulesBut lists the rules of a report's findings, without those named.
func rulesBut(rep *report.Report, drop ...string) []string {
	var out []string
	for _, f := range rep.Findings {
		if !slices.Contains(drop, f.Rule) {
			out = append(out, f.Rule+" "+string(f.Severity)+" "+f.Location.Member)
		}
	}
	return out
}

func hasFinding(rep *report.Report, rule, text string) bool {
	for _, f := range rep.Findings {
		if f.Rule == rule && strings.Contains(f.Message, text) {
			return true
		}
	}
	return false
}

// sameAsPlain asserts that the compressed package is judged as the plain
// tar of the same members is, apart from the finding that it is
// compressed, and that every file's digest was checked.
func sameAsPlain(t *testing.T, plain, packed *report.Report, rule, compression string) {
	t.Helper()
	if got, want := rulesBut(packed, rule), rulesBut(plain); !slices.Equal(got, want) {
		t.Errorf("findings other than %s:\n got  %v\n want %v", rule, got, want)
	}
	if !hasFinding(packed, rule, "checked") {
		t.Errorf("no %s finding saying the package inside was checked:\n%s", rule, listFindings(packed))
	}
	if packed.Input.Compression != compression || packed.Input.Kind != plain.Input.Kind {
		t.Errorf("input %+v, want kind %s with compression %s", packed.Input, plain.Input.Kind, compression)
	}
	if !packed.Complete {
		t.Error("check incomplete")
	}
	for _, f := range packed.Files {
		if f.Role != "manifest" && f.Manifest != report.Match {
			t.Errorf("%s: manifest status %s, want match", f.Member, f.Manifest)
		}
	}
	if len(packed.Targets) != len(plain.Targets) {
		t.Errorf("%d targets judged, the plain package has %d", len(packed.Targets), len(plain.Targets))
	}
}

// flippedDisk asserts that a flipped disk byte inside is an MF003 error
// naming the disk.
func flippedDisk(t *testing.T, rep *report.Report) {
	t.Helper()
	if !hasFinding(rep, "MF003", "appliance-disk1.vmdk") || rep.Verdict != report.Fail {
		t.Errorf("a flipped disk byte inside gives no MF003 naming the disk (verdict %s):\n%s", rep.Verdict, listFindings(rep))
	}
}

func TestGzipOVAIsCheckedInside(t *testing.T) {
	plain := checkBytes(t, "appliance.ova", ovatest.OVA(0, soundMembers(t, false)...))
	gz := withTool(t, soundMembers(t, false), "out.ova", "tar", "--format=ustar", "-czf", "out.ova")
	rep := checkBytes(t, "appliance.ova", gz)
	sameAsPlain(t, plain, rep, "PKG001", "gzip")
	if rep.Input.Size != int64(len(gz)) || rep.Input.UncompressedSize < rep.Input.Size {
		t.Errorf("input size %d (uncompressed %d), want the file's %d and more inflated", rep.Input.Size, rep.Input.UncompressedSize, len(gz))
	}

	bad := withTool(t, soundMembers(t, true), "out.ova", "tar", "--format=ustar", "-czf", "out.ova")
	flippedDisk(t, checkBytes(t, "appliance.ova", bad))
}

func TestGzipStreamIsCheckedInside(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(ovatest.OVA(0, soundMembers(t, false)...))
	zw.Close()
	rep, err := Check(context.Background(), Stream("-", bytes.NewReader(buf.Bytes())))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Check(context.Background(), Stream("-", bytes.NewReader(ovatest.OVA(0, soundMembers(t, false)...))))
	if err != nil {
		t.Fatal(err)
	}
	sameAsPlain(t, plain, rep, "PKG001", "gzip")
	if rep.Input.Size != int64(buf.Len()) {
		t.Errorf("input %+v, want the compressed size %d", rep.Input, buf.Len())
	}
}

func TestZipOVAIsCheckedInside(t *testing.T) {
	plain := checkBytes(t, "appliance.ova", ovatest.OVA(0, soundMembers(t, false)...))
	for _, tc := range []struct {
		name string
		make func(t *testing.T, ms []ovatest.Member) []byte
	}{
		{"archive/zip deflated", func(t *testing.T, ms []ovatest.Member) []byte { return goZip(t, ms, zip.Deflate) }},
		{"archive/zip stored", func(t *testing.T, ms []ovatest.Member) []byte { return goZip(t, ms, zip.Store) }},
		{"zip tool", func(t *testing.T, ms []ovatest.Member) []byte {
			return withTool(t, ms, "out.ova", "zip", "-q", "out.ova")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := checkBytes(t, "appliance.ova", tc.make(t, soundMembers(t, false)))
			sameAsPlain(t, plain, rep, "PKG002", "zip")
			flippedDisk(t, checkBytes(t, "appliance.ova", tc.make(t, soundMembers(t, true))))
		})
	}
}

func goZip(t *testing.T, ms []ovatest.Member, method uint16) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range ms {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.Name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(m.Data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestZipUnsafeNamesAreFindingsNotMembers(t *testing.T) {
	ms := append(soundMembers(t, false), ovatest.Member{Name: "../evil.vmdk", Data: []byte("x")},
		ovatest.Member{Name: "/etc/evil", Data: []byte("x")})
	rep := checkBytes(t, "appliance.ova", goZip(t, ms, zip.Deflate))
	for _, name := range []string{"../evil.vmdk", "/etc/evil"} {
		if !hasFinding(rep, "PKG024", name) {
			t.Errorf("no PKG024 for %s:\n%s", name, listFindings(rep))
		}
		for _, f := range rep.Files {
			if f.Member == name {
				t.Errorf("%s is in the file table", name)
			}
		}
	}
}

func TestTruncatedCompressedOVA(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(ovatest.OVA(0, soundMembers(t, false)...))
	zw.Close()
	gz := buf.Bytes()
	zipped := goZip(t, soundMembers(t, false), zip.Deflate)
	for name, data := range map[string][]byte{"gzip": gz[:len(gz)/2], "zip": zipped[:len(zipped)-100]} {
		t.Run(name, func(t *testing.T) {
			rep := checkBytes(t, "appliance.ova", data)
			if rep.Complete || rep.Verdict != report.Fail || !hasFinding(rep, "PKG008", "") {
				t.Errorf("a cut-short %s .ova: complete %v, verdict %s, want a PKG008 truncation finding:\n%s",
					name, rep.Complete, rep.Verdict, listFindings(rep))
			}
		})
	}
}

// A gzip of 1 GiB of zeros (about 1 MiB) inflates to an empty tar followed
// by zeros: the check reads it through in bounded memory and says what it
// held.
func TestGzipBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates 1 GiB")
	}
	const size = 1 << 30
	// 1,024 gzip members of 1 MiB of zeros each, one after another (gzip
	// -d inflates them all, as one stream).
	var one bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&one, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	buf := bytes.NewBuffer(bytes.Repeat(one.Bytes(), size>>20))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	rep := checkBytes(t, "bomb.ova", buf.Bytes())
	runtime.ReadMemStats(&after)
	if rep.Input.UncompressedSize != size {
		t.Errorf("inflated %d bytes, want %d", rep.Input.UncompressedSize, size)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("the check allocated %d MiB for a %d KiB file", alloc>>20, buf.Len()>>10)
	}
	if !hasFinding(rep, "PKG001", "") {
		t.Errorf("no PKG001:\n%s", listFindings(rep))
	}
}
