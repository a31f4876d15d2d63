package manifest

import (
	"encoding/hex"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/corpus"

	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// corpusDir returns the real-world corpus, or skips the test.
func corpusDir(t *testing.T) string { return corpus.Require(t) }

// corpusManifests lists what each real manifest is known to hold (from
// reading the files and the corpus's MANIFESTS.tsv): its entries and the
// dialect findings it must get. Rules MF013 and MF015 (choice of algorithm)
// are allowed anywhere and not listed.
var corpusManifests = map[string]struct {
	entries int
	rules   []string
}{
	"cot/COT/tests/input.mf":                                 {4, nil},
	"cot/COT/tests/ubuntu.2.0.mf":                            {2, nil},
	"ganeti/test/data/ovfdata/ganeti.mf":                     {2, nil},
	"ganeti/test/data/ovfdata/wrong_manifest.mf":             {2, nil},
	"open-ovf/py/tests/test_files/ourOVF.mf":                 {3, nil},
	"govmomi/vapi/library/testdata/ttylinux-pc_i486-16.1.mf": {2, []string{"MF002@1", "MF002@2"}},
	"_extracted/govmomi/vapi/library/testdata/ttylinux-pc_i486-16.1.ova/ttylinux-pc_i486-16.1.mf": {2,
		[]string{"MF002@1", "MF002@2"}},
	"_extracted/open-ovf/py/tests/test_files/ourOVF.ova/ourOVF.mf": {11, []string{"MF009@1", "MF010@11",
		"MF017@6", "MF017@7", "MF017@8", "MF017@9", "MF017@10", "MF017@11"}},
	vbox("t1"):               {0, []string{"MF010@1", "MF011@0"}},
	vbox("t2"):               {1, []string{"MF010@2"}},
	vbox("t3"):               {1, []string{"MF010@2"}},
	vbox("t4"):               {2, []string{"MF010@3"}},
	vbox("t5"):               {1, []string{"MF010@2"}},
	vbox("t6"):               {1, []string{"MF010@2"}},
	vbox("t2-ovftool-4.1.0"): {2, nil},
	vbox("t3-ovftool-4.1.0"): {2, nil},
	vbox("t4-ovftool-4.1.0"): {3, nil},
	vbox("t5-ovftool-4.1.0"): {2, nil},
	vbox("t6-ovftool-4.1.0"): {2, nil},
	vbox("t7-bad-instance"):  {3, []string{"MF010@4"}},
}

// vbox names the manifest of a VirtualBox tdAppliance1 test package.
func vbox(test string) string {
	base := "tdAppliance1-" + test
	return "_extracted/virtualbox/src/VBox/ValidationKit/tests/api/" + base + ".ova/" + base + ".mf"
}

// TestCorpusManifests parses every .mf in the corpus: none may be missed
// by the table above, and each gets exactly the findings listed.
func TestCorpusManifests(t *testing.T) {
	dir := corpusDir(t)
	seen := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".mf") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		want, ok := corpusManifests[rel]
		if !ok {
			t.Errorf("%s: not in the test's table", rel)
			return nil
		}
		seen++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m := Parse(data, path.Base(rel), "1.x")
		checkWellFormed(t, m.Findings, path.Base(rel))
		if len(m.Entries) != want.entries {
			t.Errorf("%s: %d entries, want %d", rel, len(m.Entries), want.entries)
		}
		var got []string
		for _, f := range m.Findings {
			if f.Rule != "MF013" && f.Rule != "MF015" {
				got = append(got, ruleAt(f))
			}
		}
		slices.Sort(got)
		w := slices.Clone(want.rules)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("%s: findings %v, want %v", rel, got, w)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != len(corpusManifests) {
		t.Errorf("found %d of the %d manifests in the table", seen, len(corpusManifests))
	}
}

// TestCorpusCoverage judges the coverage of real manifests whose faults are
// documented: ovftool 4.0 leaving out the descriptor, open-ovf listing the
// manifest and the certificate, VirtualBox t7 listing a readme.
func TestCorpusCoverage(t *testing.T) {
	dir := corpusDir(t)
	tests := []struct {
		mf, descriptor, cert string
		refs, present        []string
		want                 []string
	}{
		{mf: vbox("t2"), descriptor: "tdAppliance1-t2.ovf", refs: []string{"tdAppliance1-t2-disk1.vmdk"},
			want: []string{"MF020@0"}},
		{mf: vbox("t7-bad-instance"), descriptor: "tdAppliance1-t7-bad-instance.ovf",
			refs: []string{"tdAppliance1-t7-bad-instance-disk1.vmdk"}, present: []string{"readme.txt"},
			want: []string{"MF023@3"}},
		{mf: "_extracted/open-ovf/py/tests/test_files/ourOVF.ova/ourOVF.mf", descriptor: "ourOVF.ovf",
			cert: "ourOVF.cert", refs: []string{"Ubuntu1.vmdk", "Ubuntu-0.vmdk"}, want: []string{"MF024@2", "MF024@3"}},
		{mf: "cot/COT/tests/input.mf", descriptor: "input.ovf",
			refs: []string{"input.vmdk", "input.iso", "sample_cfg.txt"}},
	}
	for _, tc := range tests {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(tc.mf)))
		if err != nil {
			t.Fatal(err)
		}
		m := Parse(data, path.Base(tc.mf), "1.x")
		present := append(append([]string{tc.descriptor}, tc.refs...), tc.present...)
		fs := CheckCoverage(m, Coverage{Descriptor: tc.descriptor, Referenced: tc.refs, Certificate: tc.cert,
			Present: func(n string) bool { return slices.Contains(present, n) }})
		if got := gotRules(fs); !slices.Equal(got, tc.want) {
			t.Errorf("%s: findings %v, want %v", tc.mf, got, tc.want)
		}
	}
}

// TestCorpusVerify hashes the files that sit beside real manifests: the
// good ones match, ganeti's wrong_manifest.mf does not.
func TestCorpusVerify(t *testing.T) {
	dir := corpusDir(t)
	tests := []struct {
		mf   string
		want map[string]report.ManifestStatus
	}{
		{"cot/COT/tests/input.mf", map[string]report.ManifestStatus{"input.ovf": report.Match,
			"input.vmdk": report.Match, "input.iso": report.Match, "sample_cfg.txt": report.NotChecked}},
		{"cot/COT/tests/ubuntu.2.0.mf", map[string]report.ManifestStatus{"ubuntu.2.0.ovf": report.Match,
			"ubuntu.2.0-disk1.vmdk": report.Match}},
		{"ganeti/test/data/ovfdata/ganeti.mf", map[string]report.ManifestStatus{"ganeti.ovf": report.Match,
			"new_disk.vmdk": report.Match}},
		{"ganeti/test/data/ovfdata/wrong_manifest.mf", map[string]report.ManifestStatus{
			"wrong_manifest.ovf": report.Mismatch, "new_disk.vmdk": report.Mismatch}},
		{"open-ovf/py/tests/test_files/ourOVF.mf", map[string]report.ManifestStatus{"ourOVF.ovf": report.Match,
			"Ubuntu1.vmdk": report.Match, "Ubuntu-0.vmdk": report.Match}},
		{"govmomi/vapi/library/testdata/ttylinux-pc_i486-16.1.mf", map[string]report.ManifestStatus{
			"ttylinux-pc_i486-16.1.ovf": report.Match, "ttylinux-pc_i486-16.1-disk1.vmdk": report.Match}},
	}
	for _, tc := range tests {
		p := filepath.Join(dir, filepath.FromSlash(tc.mf))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m := Parse(data, path.Base(tc.mf), "")
		fs, status := Verify(m, func(file string, alg digest.Algorithm) (string, bool) {
			// The names come from test data we control; a package's names
			// are never used as paths outside tests.
			b, err := os.ReadFile(filepath.Join(filepath.Dir(p), file))
			if err != nil {
				return "", false
			}
			h := alg.New()
			h.Write(b)
			return hex.EncodeToString(h.Sum(nil)), true
		})
		mismatches := 0
		for f, s := range tc.want {
			if status[f] != s {
				t.Errorf("%s: %s is %q, want %q", tc.mf, f, status[f], s)
			}
			if s == report.Mismatch {
				mismatches++
			}
		}
		if len(fs) != mismatches {
			t.Errorf("%s: %d findings, want %d: %v", tc.mf, len(fs), mismatches, gotRules(fs))
		}
	}
}
