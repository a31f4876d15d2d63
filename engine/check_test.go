package engine

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

func soundOVA(t *testing.T, a ovatest.Appliance) []byte {
	t.Helper()
	return ovatest.OVA(tar.FormatUSTAR, a.Members()...)
}

func check(t *testing.T, data []byte, opts ...Option) *report.Report {
	t.Helper()
	rep, err := Check(context.Background(), OVA("a.ova", bytes.NewReader(data), int64(len(data))), opts...)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return rep
}

func hasRule(rep *report.Report, rule, member string) bool {
	for _, f := range rep.Findings {
		if f.Rule == rule && (member == "" || f.Location.Member == member) {
			return true
		}
	}
	return false
}

// countingReaderAt counts the bytes read through it.
type countingReaderAt struct {
	r io.ReaderAt
	n atomic.Int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n.Add(int64(n))
	return n, err
}

// The whole-file checksum a vendor publishes is computed in the same read
// as the member digests: each byte is read once.
func TestWholeFileDigestInOnePass(t *testing.T) {
	a := ovatest.Appliance{DiskCapacity: 8 << 20, Disks: [][]byte{
		ovatest.StreamOptimizedVMDK(8<<20, pseudoRandom(3<<20)),
		ovatest.StreamOptimizedVMDK(8<<20, pseudoRandom(5<<20)),
	}}
	data := soundOVA(t, a)
	want := sha256.Sum256(data)
	r := &countingReaderAt{r: bytes.NewReader(data)}
	rep, err := Check(context.Background(), OVA("a.ova", r, int64(len(data))), WithWholeFileDigest(true))
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.WholeFile["sha256"]; got != hex.EncodeToString(want[:]) {
		t.Fatalf("whole-file SHA-256 %s, want %x", got, want)
	}
	if rep.Verdict == report.Fail {
		t.Fatalf("verdict fail: %v", rep.Findings)
	}
	for _, f := range rep.Files {
		if f.Role == "disk" && f.Manifest != report.Match {
			t.Errorf("%s: manifest status %s, want match", f.Member, f.Manifest)
		}
	}
	// Headers, the descriptor and manifest read whole, then one pass.
	if extra := r.n.Load() - int64(len(data)); extra > 64<<10 {
		t.Errorf("read %d bytes of a %d-byte package: %d more than one pass", r.n.Load(), len(data), extra)
	}
}

func TestExpectedChecksum(t *testing.T) {
	data := soundOVA(t, ovatest.Appliance{})
	sum := sha256.Sum256(data)
	if rep := check(t, data, WithExpectedDigest("sha256", hex.EncodeToString(sum[:]))); rep.Verdict == report.Fail {
		t.Fatalf("the right checksum fails: %v", rep.Findings)
	}
	rep := check(t, data, WithExpectedDigest("sha256", strings.Repeat("ab", 32)))
	if rep.Verdict != report.Fail || !hasRule(rep, "PKG053", "a.ova") {
		t.Fatalf("a wrong checksum gives %s without PKG053: %v", rep.Verdict, rep.Findings)
	}
}

// A publisher that ships a broken disk writes a manifest that matches it:
// only the deep check, which inflates every grain, finds the damage.
func TestDeepCatchesACorruptGrainUnderARightManifest(t *testing.T) {
	disk := ovatest.StreamOptimizedVMDK(4<<20, pseudoRandom(1<<20))
	// Damage a byte inside the first compressed grain's data: the writer
	// puts the first grain marker at sector 128, and the deflate stream
	// follows the marker's 12 bytes.
	broken := bytes.Clone(disk)
	broken[128*512+12+500] ^= 0x55
	a := ovatest.Appliance{Disks: [][]byte{broken}, DiskCapacity: 4 << 20}
	data := soundOVA(t, a)

	if rep := check(t, data); rep.Verdict == report.Fail {
		t.Fatalf("without --deep the damage should not show, but: %v", rep.Findings)
	}
	rep := check(t, data, WithDeep(true))
	if rep.Verdict != report.Fail || !hasRule(rep, "DSK032", "appliance-disk1.vmdk") {
		t.Fatalf("--deep misses the corrupt grain: %s %v", rep.Verdict, rep.Findings)
	}
}

// delegatingReaderAt hashes ranges itself, as the browser's hash workers do.
type delegatingReaderAt struct {
	*bytes.Reader
	calls atomic.Int32
}

func (d *delegatingReaderAt) DigestRanges(ctx context.Context, reqs []DigestRequest, progress func(int64)) ([]map[string]string, error) {
	d.calls.Add(1)
	out := make([]map[string]string, len(reqs))
	for i, r := range reqs {
		b := make([]byte, r.Size)
		d.ReadAt(b, r.Offset)
		out[i] = digest.Bytes(b, digest.ParseAll(r.Algorithms)).Strings()
		progress(r.Size)
	}
	return out, nil
}

func TestRangeDigesterIsAskedAndJudged(t *testing.T) {
	data := soundOVA(t, ovatest.Appliance{})
	native := check(t, data)
	d := &delegatingReaderAt{Reader: bytes.NewReader(data)}
	rep, err := Check(context.Background(), OVA("a.ova", d, int64(len(data))), WithWholeFileDigest(true))
	if err != nil {
		t.Fatal(err)
	}
	if d.calls.Load() != 1 {
		t.Fatalf("DigestRanges called %d times, want once", d.calls.Load())
	}
	for i, f := range rep.Files {
		if f.Digests["sha256"] != native.Files[i].Digests["sha256"] || f.Manifest != native.Files[i].Manifest {
			t.Errorf("%s: delegated %v/%s, native %v/%s", f.Member, f.Digests, f.Manifest, native.Files[i].Digests, native.Files[i].Manifest)
		}
	}
	if rep.WholeFile["sha256"] == "" {
		t.Error("no whole-file digest from the delegate")
	}
}

func TestCancelStopsTheCheck(t *testing.T) {
	data := soundOVA(t, ovatest.Appliance{Disks: [][]byte{pseudoRandom(8 << 20)}, DiskCapacity: 8 << 20})
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Check(ctx, OVA("a.ova", bytes.NewReader(data), int64(len(data))), WithProgress(func(p Progress) {
		if p.Phase == "digest" && p.Done > 0 {
			cancel()
		}
	}))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
}

// The structural verdict arrives while the disks are hashed: hashing starts
// before the structural passes, so they cost it no time. The structural
// callback waits for the first read of the digest phase (a mebibyte or
// more; the probes read a few kilobytes), which comes only if hashing runs
// alongside.
func TestStructuralReportComesWhileHashing(t *testing.T) {
	a := ovatest.Appliance{Disks: [][]byte{pseudoRandom(4 << 20)}, DiskCapacity: 4 << 20}
	members := a.Members()
	members[0], members[1] = members[1], members[0] // descriptor not first
	data := ovatest.OVA(tar.FormatUSTAR, members...)
	r := &signallingReader{r: bytes.NewReader(data), reading: make(chan struct{})}
	var pre *report.Report
	rep, err := Check(context.Background(), OVA("a.ova", r, int64(len(data))), WithStructural(func(p *report.Report) {
		pre = p
		select {
		case <-r.reading:
		case <-time.After(10 * time.Second):
			t.Error("no disk byte was read before the structural report: hashing waits for the structural passes")
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	if pre == nil || pre.Complete || pre.Verdict != report.Fail || !hasRule(pre, "PKG020", "") {
		t.Fatalf("structural report %+v", pre)
	}
	if !rep.Complete || rep.Files[2].Manifest != report.Match {
		t.Errorf("final report: complete %v, files %+v", rep.Complete, rep.Files)
	}
}

// signallingReader closes reading at the first read of a mebibyte or more.
type signallingReader struct {
	r       io.ReaderAt
	reading chan struct{}
	once    sync.Once
}

func (s *signallingReader) ReadAt(p []byte, off int64) (int, error) {
	if len(p) >= 1<<20 {
		s.once.Do(func() { close(s.reading) })
	}
	return s.r.ReadAt(p, off)
}

func TestStrictProfileRaisesSeverity(t *testing.T) {
	members := ovatest.Appliance{}.Members()
	members[1].Data = bytes.ReplaceAll(members[1].Data, []byte("\n"), []byte("\r\n"))
	data := ovatest.OVA(tar.FormatUSTAR, members...)
	compat, strict := check(t, data), check(t, data, WithProfile("strict"))
	if compat.Verdict == report.Fail || strict.Verdict != report.Fail {
		t.Fatalf("CRLF manifest: compat %s, strict %s; want not fail and fail", compat.Verdict, strict.Verdict)
	}
}

// A descriptor and its manifest sent without the disks (as to the HTTP
// API) are judged on what was sent; the disks are not called missing.
func TestUnsentFilesUnchecked(t *testing.T) {
	ms := ovatest.Appliance{}.Members()
	fsys := fstest.MapFS{ms[0].Name: {Data: ms[0].Data}, ms[1].Name: {Data: ms[1].Data}}
	rep, err := Check(context.Background(), Folder(fsys, ms[0].Name), WithUnsentFilesUnchecked())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict == report.Fail || len(rep.Skipped) == 0 || !strings.Contains(strings.Join(rep.Skipped, " "), ms[2].Name) {
		t.Fatalf("verdict %s, skipped %v: %v", rep.Verdict, rep.Skipped, rep.Findings)
	}
	for _, f := range rep.Files {
		if f.Member == ms[0].Name && f.Manifest != report.Match {
			t.Errorf("the descriptor sent is %s against the manifest, want match", f.Manifest)
		}
	}
	// Without the option the same folder fails: the disk is missing.
	rep, _ = Check(context.Background(), Folder(fsys, ms[0].Name))
	if rep.Verdict != report.Fail || !hasRule(rep, "REF011", "") {
		t.Fatalf("without the option: verdict %s, want fail with REF011", rep.Verdict)
	}
}

// A descriptor with many thousands of Files and Disks (hostile or
// generated) must be checked in time linear in its size: every reference
// rule looks files up in maps built once.
func TestManyReferences(t *testing.T) {
	const n = 20000
	var refs, disks strings.Builder
	for i := range n {
		fmt.Fprintf(&refs, `<File ovf:id="f%d" ovf:href="d%d.vmdk"/>`, i, i)
		fmt.Fprintf(&disks, `<Disk ovf:diskId="k%d" ovf:fileRef="f%d" ovf:capacity="1048576"/>`, i, i)
	}
	desc := strings.Replace(ovatest.Appliance{}.Descriptor(), "</References>", refs.String()+"</References>", 1)
	desc = strings.Replace(desc, "</DiskSection>", disks.String()+"</DiskSection>", 1)
	data := ovatest.OVA(tar.FormatUSTAR, ovatest.Member{Name: "a.ovf", Data: []byte(desc)})
	start := time.Now()
	rep := check(t, data)
	if !hasRule(rep, "REF011", "") {
		t.Fatalf("the missing files are not reported")
	}
	t.Logf("%d references checked in %v", n, time.Since(start))
}

// The checksum a vendor publishes is checked however the package arrives:
// read at random, read from a stream, or not an archive at all.
func TestExpectedChecksumOnEverySource(t *testing.T) {
	data := soundOVA(t, ovatest.Appliance{})
	wrong := WithExpectedDigest("sha256", strings.Repeat("0", 64))
	stream, err := Check(context.Background(), Stream("-", bytes.NewReader(data)), wrong)
	if err != nil {
		t.Fatal(err)
	}
	if stream.Verdict != report.Fail || !hasRule(stream, "PKG053", "") {
		t.Errorf("stream with a wrong checksum: %s, findings %v", stream.Verdict, stream.Findings)
	}
	sum := sha256.Sum256(data)
	if stream.WholeFile["sha256"] != hex.EncodeToString(sum[:]) {
		t.Errorf("stream whole-file digest %s, want %x", stream.WholeFile["sha256"], sum)
	}
	gz := []byte("\x1f\x8b\x08\x00 not really gzip")
	rep := check(t, gz, WithExpectedDigest("sha256", strings.Repeat("0", 64)))
	if !hasRule(rep, "PKG053", "") {
		t.Errorf("a non-archive with a wrong checksum: no PKG053: %v", rep.Findings)
	}
}

// The same bytes give the same verdict and rules read at random and read
// as a stream, including packages with duplicate members and a disk after
// many other members.
func TestStreamAgreesWithRandomAccess(t *testing.T) {
	sound := ovatest.Appliance{}.Members()
	var filler []ovatest.Member
	for i := range 70 {
		filler = append(filler, ovatest.Member{Name: fmt.Sprintf("extra-%02d.txt", i), Data: []byte("x")})
	}
	badDisk := ovatest.Appliance{Disks: [][]byte{pseudoRandom(4096)}}.Members() // raw bytes called a VMDK
	cases := map[string][]ovatest.Member{
		"sound":              sound,
		"duplicate ovf":      append(slices.Clone(sound), sound[0]),
		"duplicate manifest": append(slices.Clone(sound), sound[1]),
		"disk after filler":  append(append(slices.Clone(badDisk[:2]), filler...), badDisk[2]),
	}
	for name, ms := range cases {
		t.Run(name, func(t *testing.T) {
			data := ovatest.OVA(tar.FormatUSTAR, ms...)
			random := check(t, data)
			stream, err := Check(context.Background(), Stream("a.ova", bytes.NewReader(data)))
			if err != nil {
				t.Fatal(err)
			}
			if random.Verdict != stream.Verdict || !slices.Equal(ruleSet(random), ruleSet(stream)) {
				t.Errorf("at random %s %v; as a stream %s %v", random.Verdict, ruleSet(random), stream.Verdict, ruleSet(stream))
			}
		})
	}
}

func ruleSet(r *report.Report) []string {
	var out []string
	for _, f := range r.Findings {
		if !slices.Contains(out, f.Rule) {
			out = append(out, f.Rule)
		}
	}
	slices.Sort(out)
	return out
}

// Progress comes one call at a time and never goes back, though several
// members are hashed at once (run with -race).
func TestProgressIsSerialAndMonotonic(t *testing.T) {
	a := ovatest.Appliance{DiskCapacity: 8 << 20, Disks: [][]byte{
		ovatest.StreamOptimizedVMDK(8<<20, pseudoRandom(4<<20)),
		ovatest.StreamOptimizedVMDK(8<<20, pseudoRandom(6<<20)),
	}}
	data := soundOVA(t, a)
	var last int64
	inCall := false
	check(t, data, WithWholeFileDigest(true), WithProgress(func(p Progress) {
		if inCall {
			t.Error("progress calls overlap")
		}
		inCall = true
		defer func() { inCall = false }()
		if p.Phase == "digest" {
			if p.Done < last {
				t.Errorf("progress went back from %d to %d", last, p.Done)
			}
			last = p.Done
		}
	}))
}

// A structural callback that panics ends the check with no read after it:
// the hashing that runs alongside is stopped, not run to its end, and
// waited for.
func TestPanicInStructuralStopsHashing(t *testing.T) {
	a := ovatest.Appliance{Disks: [][]byte{pseudoRandom(32 << 20)}, DiskCapacity: 32 << 20}
	data := ovatest.OVA(tar.FormatUSTAR, a.Members()...)
	r := &countingReaderAt{r: bytes.NewReader(data)}
	sr := &signallingReader{r: r, reading: make(chan struct{})}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the callback's panic did not reach the caller")
			}
		}()
		Check(context.Background(), OVA("a.ova", sr, int64(len(data))), WithStructural(func(*report.Report) {
			<-sr.reading // the hashing is under way
			panic("host bug")
		}))
	}()
	after := r.n.Load()
	if after > int64(len(data))/2 {
		t.Errorf("%d of %d bytes read: the hashing ran on after the panic instead of stopping", after, len(data))
	}
	time.Sleep(100 * time.Millisecond)
	if n := r.n.Load() - after; n != 0 {
		t.Errorf("%d bytes read after Check returned", n)
	}
}

// errReplaced stands for a file replaced on its server mid-check.
var errReplaced = errors.New("the file changed on the server")

// replacedDuringProbe fails the disk probe's small reads inside the disk,
// as an HTTP file does once the package on the server was replaced, and
// says so for good with Err, as httprange.File does.
type replacedDuringProbe struct {
	r          io.ReaderAt
	start, end int64 // the disk's bytes
	failed     atomic.Bool
}

func (f *replacedDuringProbe) ReadAt(p []byte, off int64) (int, error) {
	if len(p) < 4096 && off >= f.start && off < f.end {
		f.failed.Store(true)
		return 0, errReplaced
	}
	return f.r.ReadAt(p, off)
}

func (f *replacedDuringProbe) Err() error {
	if f.failed.Load() {
		return errReplaced
	}
	return nil
}

// A read error the disk probe sets aside (it notes a failed read and goes
// on) still ends the check when the source failed for good: the digests
// matched, but the package was replaced while it was read.
func TestSourceFailingForGoodEndsTheCheck(t *testing.T) {
	a := ovatest.Appliance{Disks: [][]byte{pseudoRandom(3<<20 + 100<<10)}, DiskCapacity: 4 << 20}
	members := a.Members()
	data := ovatest.OVA(tar.FormatUSTAR, members...)
	disk := members[len(members)-1]
	if !strings.HasSuffix(disk.Name, ".vmdk") || len(disk.Data)%(1<<20) < 4096 {
		t.Fatalf("the test needs the disk last and no digest read under 4 KiB; got %s of %d bytes", disk.Name, len(disk.Data))
	}
	start := int64(bytes.Index(data, disk.Data[:4096]))
	src := &replacedDuringProbe{r: bytes.NewReader(data), start: start, end: start + int64(len(disk.Data))}
	rep, err := Check(context.Background(), OVA("a.ova", src, int64(len(data))))
	if !errors.Is(err, errReplaced) {
		t.Fatalf("Check gave error %v and a report (verdict %v); want the source's error", err, rep != nil && rep.Verdict != "")
	}
}
