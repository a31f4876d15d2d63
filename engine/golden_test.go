package engine

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/schemas"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/cases")

// A golden case is a txtar file in testdata/cases: its members, in archive
// order, and in its comment the directives that say how to build and check
// it and what a user must see:
//
//	kind: ova | folder | stream | descriptor   (default ova)
//	format: ustar | gnu | pax                  (tar dialect, default ustar)
//	profile: compat | strict
//	base: CASE.txtar                           (start from that case's members; own members replace or add)
//	edit: MEMBER|OLD|NEW                       (replace text before placeholders are expanded)
//	tamper: MEMBER|OLD|NEW                     (replace text after digests are filled in)
//	drop: MEMBER                               (leave MEMBER out after digests are filled in)
//	order: MEMBER MEMBER ...                   (archive order; members not named follow)
//	split: MEMBER SIZE                         (store MEMBER as chunks MEMBER.000000000, ... of SIZE bytes;
//	                                            @size and digests of MEMBER still mean the whole file)
//	flip: MEMBER                               (flip a bit of MEMBER after digests are filled in)
//	truncate: N                                (cut the archive to N bytes)
//	want: VERDICT RULE@MEMBER[:LINE] ...       (the verdict and findings that must be present)
//	deny: RULE ...                             (rules that must not be reported)
//
// More directives, for archive, manifest and signature cases, are
// described at caseExtras (cases_test.go).
//
// Member bodies may use placeholders, expanded in order: @vmdk(CAPACITY)
// for a stream-optimized VMDK of that many bytes, @bytes(N) for N
// pseudo-random bytes, and @sha1(NAME), @sha256(NAME), @sha512(NAME) for
// the digest (@SHA256(NAME) in upper-case hex) of an earlier or later member, and @size(NAME) for its size.
// The report is compared with NAME.golden.json (go test -update rewrites
// it; review the diff) and validated against the report schema.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden cases")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			gc := loadCase(t, file)
			rep := gc.check(t)
			got := goldenJSON(t, rep)
			if err := schemas.Validate(schemas.Report, got); err != nil {
				t.Errorf("report does not conform to the schema: %v", err)
			}
			gc.assert(t, rep)
			golden := strings.TrimSuffix(file, ".txtar") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("no golden report (run go test ./engine -update and review it): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("report differs from %s (run go test ./engine -update and review the diff)\n%s", golden, firstDiff(want, got))
			}
		})
	}
}

type goldenCase struct {
	kind, format, profile string
	flip                  string
	base                  string
	edits, tampers        [][3]string
	drops, order          []string
	splits                []string
	truncate              int
	want                  []string
	deny                  []string
	members               []ovatest.Member
	caseExtras
}

func loadCase(t *testing.T, file string) *goldenCase {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	gc := &goldenCase{kind: "ova", format: "ustar", profile: "compat"}
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(key) {
		case "kind":
			gc.kind = val
		case "format":
			gc.format = val
		case "profile":
			gc.profile = val
		case "flip":
			gc.flip = val
		case "base":
			gc.base = val
		case "edit", "tamper":
			parts := strings.SplitN(val, "|", 3)
			if len(parts) != 3 {
				t.Fatalf("%s: want MEMBER|OLD|NEW, got %q", key, val)
			}
			if key == "edit" {
				gc.edits = append(gc.edits, [3]string(parts))
			} else {
				gc.tampers = append(gc.tampers, [3]string(parts))
			}
		case "split":
			gc.splits = append(gc.splits, val)
		case "drop":
			gc.drops = append(gc.drops, val)
		case "order":
			gc.order = strings.Fields(val)
		case "truncate":
			gc.truncate, _ = strconv.Atoi(val)
		case "want":
			gc.want = append(gc.want, strings.Fields(val)...)
		case "deny":
			gc.deny = append(gc.deny, strings.Fields(val)...)
		default:
			gc.directive(t, strings.TrimSpace(key), val)
		}
	}
	if gc.base != "" {
		base, err := txtar.ParseFile(filepath.Join(filepath.Dir(file), gc.base))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range base.Files {
			gc.members = append(gc.members, ovatest.Member{Name: f.Name, Data: f.Data})
		}
	}
	for _, f := range ar.Files {
		replaced := false
		for i := range gc.members {
			if gc.members[i].Name == f.Name {
				gc.members[i].Data, replaced = f.Data, true
			}
		}
		if !replaced {
			gc.members = append(gc.members, ovatest.Member{Name: f.Name, Data: f.Data})
		}
	}
	applyEdits(t, gc.members, gc.edits)
	gc.members = expandPlaceholders(t, gc.members, gc.splits)
	gc.applyRenames(t)
	gc.signCase(t)
	applyEdits(t, gc.members, gc.tampers)
	for _, d := range gc.drops {
		gc.members = slices.DeleteFunc(gc.members, func(m ovatest.Member) bool { return m.Name == d })
	}
	gc.addMembers(t)
	if len(gc.order) > 0 {
		rank := func(name string) int {
			if i := slices.Index(gc.order, name); i >= 0 {
				return i
			}
			return len(gc.order)
		}
		slices.SortStableFunc(gc.members, func(a, b ovatest.Member) int { return rank(a.Name) - rank(b.Name) })
	}
	if gc.flip != "" {
		flipped := false
		for i := range gc.members {
			if gc.members[i].Name == gc.flip && len(gc.members[i].Data) > 0 {
				d := bytes.Clone(gc.members[i].Data)
				d[len(d)/2] ^= 0x01
				gc.members[i].Data = d
				flipped = true
			}
		}
		if !flipped {
			t.Fatalf("flip: no member %q with data", gc.flip)
		}
	}
	return gc
}

// applyEdits replaces text in members, failing when the text is not there.
func applyEdits(t *testing.T, ms []ovatest.Member, edits [][3]string) {
	t.Helper()
	for _, e := range edits {
		i := slices.IndexFunc(ms, func(m ovatest.Member) bool { return m.Name == e[0] })
		if i < 0 || !bytes.Contains(ms[i].Data, []byte(e[1])) {
			t.Fatalf("edit: %q not found in member %q", e[1], e[0])
		}
		ms[i].Data = bytes.Replace(bytes.Clone(ms[i].Data), []byte(e[1]), []byte(e[2]), 1)
	}
}

// generators make member contents from a size: a member whose whole body
// is @NAME(N) is replaced by generators[NAME](N). Tests in other files may
// add entries in an init function.
var generators = map[string]func(n int64) []byte{
	"vmdk":  func(n int64) []byte { return ovatest.StreamOptimizedVMDK(n, []byte("ovacheck golden disk")) },
	"bytes": func(n int64) []byte { return pseudoRandom(int(n)) },
}

var (
	generatorRE = regexp.MustCompile(`^@(\w+)\((\d+)\)$`)
	digestRE    = regexp.MustCompile(`@(sha1|sha256|sha512|SHA256|size)\(([^)]+)\)`)
)

// expandPlaceholders replaces generated content first, then digests and
// sizes, which refer to the generated bytes.
func expandPlaceholders(t *testing.T, ms []ovatest.Member, splits []string) []ovatest.Member {
	for i := range ms {
		if m := generatorRE.FindSubmatch(bytes.TrimSpace(ms[i].Data)); m != nil {
			gen, ok := generators[string(m[1])]
			if !ok {
				t.Fatalf("member %s: no generator @%s", ms[i].Name, m[1])
			}
			n, _ := strconv.ParseInt(string(m[2]), 10, 64)
			ms[i].Data = gen(n)
		}
	}
	whole := map[string][]byte{}
	for _, sp := range splits {
		name, size, _ := strings.Cut(sp, " ")
		n, _ := strconv.Atoi(size)
		i := slices.IndexFunc(ms, func(m ovatest.Member) bool { return m.Name == name })
		if i < 0 || n <= 0 {
			t.Fatalf("split %q: no such member or bad size", sp)
		}
		data := ms[i].Data
		whole[name] = data
		var chunks []ovatest.Member
		for k := 0; len(data) > 0; k++ {
			c := min(n, len(data))
			chunks = append(chunks, ovatest.Member{Name: fmt.Sprintf("%s.%09d", name, k), Data: data[:c]})
			data = data[c:]
		}
		ms = slices.Replace(ms, i, i+1, chunks...)
	}
	// Sizes first (they change the descriptor), then digests, which must
	// see every member's final bytes; a digest placeholder never refers
	// to a member that itself holds digest placeholders.
	for _, kinds := range []string{"size", "sha"} {
		byName := map[string][]byte{}
		for name, data := range whole {
			byName[name] = data
		}
		for _, m := range ms {
			byName[m.Name] = m.Data
		}
		for i := range ms {
			ms[i].Data = digestRE.ReplaceAllFunc(ms[i].Data, func(b []byte) []byte {
				m := digestRE.FindSubmatch(b)
				if !strings.HasPrefix(strings.ToLower(string(m[1])), kinds) {
					return b
				}
				data, ok := byName[string(m[2])]
				if !ok {
					t.Fatalf("placeholder %s names no member", b)
				}
				var h hash.Hash
				switch string(m[1]) {
				case "size":
					return []byte(strconv.Itoa(len(data)))
				case "sha1":
					h = sha1.New()
				case "sha256", "SHA256":
					h = sha256.New()
				case "sha512":
					h = sha512.New()
				}
				h.Write(data)
				d := hex.EncodeToString(h.Sum(nil))
				if m[1][0] == 'S' {
					d = strings.ToUpper(d)
				}
				return []byte(d)
			})
		}
	}
	return ms
}

// pseudoRandom returns n bytes that do not compress, the same every run.
func pseudoRandom(n int) []byte {
	out := make([]byte, 0, n+32)
	seed := sha256.Sum256([]byte("ovacheck"))
	for len(out) < n {
		seed = sha256.Sum256(seed[:])
		out = append(out, seed[:]...)
	}
	return out[:n]
}

func (gc *goldenCase) check(t *testing.T) *report.Report {
	t.Helper()
	var (
		src  Source
		data []byte
	)
	switch gc.kind {
	case "ova", "stream", "raw":
		data = gc.input(t)
		name := cmp.Or(gc.name, "case.ova")
		if gc.kind == "stream" {
			src = Stream(cmp.Or(gc.name, "-"), bytes.NewReader(data))
		} else {
			src = OVA(name, bytes.NewReader(data), int64(len(data)))
		}
	case "folder":
		fsys := fstest.MapFS{}
		for _, m := range gc.members {
			fsys[m.Name] = &fstest.MapFile{Data: m.Data, Mode: 0o644}
		}
		src = Folder(fsys, gc.members[0].Name)
	case "descriptor":
		src = Descriptor(gc.members[0].Name, gc.members[0].Data)
	default:
		t.Fatalf("unknown kind %q", gc.kind)
	}
	rep, err := Check(context.Background(), src, append(gc.options(data), WithProfile(gc.profile))...)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return rep
}

// assert checks the directives a user would notice: the verdict, and each
// wanted finding by rule and member (and line when given).
func (gc *goldenCase) assert(t *testing.T, rep *report.Report) {
	t.Helper()
	for _, w := range gc.want {
		switch w {
		case "pass", "warn", "fail":
			if string(rep.Verdict) != w {
				t.Errorf("verdict %s, want %s", rep.Verdict, w)
			}
			continue
		}
		rule, loc, _ := strings.Cut(w, "@")
		member, line, _ := strings.Cut(loc, ":")
		found := false
		for _, f := range rep.Findings {
			if f.Rule == rule && (member == "" || f.Location.Member == member) &&
				(line == "" || strconv.Itoa(f.Location.Line) == line) {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s finding at %q; findings:\n%s", rule, loc, listFindings(rep))
		}
	}
	for _, d := range gc.deny {
		for _, f := range rep.Findings {
			if f.Rule == d {
				t.Errorf("unexpected %s: %s", d, f.Message)
			}
		}
	}
}

func listFindings(rep *report.Report) string {
	var b strings.Builder
	for _, f := range rep.Findings {
		fmt.Fprintf(&b, "  %s %s %s: %s\n", f.Rule, f.Severity, f.Location, f.Message)
	}
	return b.String()
}

// goldenJSON encodes the report with the timing zeroed, so it is stable.
func goldenJSON(t *testing.T, rep *report.Report) []byte {
	t.Helper()
	r := *rep
	r.Stats.ElapsedMs = 0
	b, err := json.MarshalIndent(&r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, w, g)
		}
	}
	return ""
}
