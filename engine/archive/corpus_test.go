package archive

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpus indexes every .ova of the shared corpus. Tar archives must
// list the members OVA_LAYOUT.tsv records (read by Python's tarfile);
// the others must be named for what they are.
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	layout := readLayout(t, filepath.Join(dir, "_extracted", "OVA_LAYOUT.tsv"))
	kinds := map[string]string{
		"ganeti/test/data/ovfdata/no_ovf.ova":            KindGzip,
		"ganeti/test/data/ovfdata/ova.ova":               KindGzip,
		"ganeti/test/data/ovfdata/wrong_ova.ova":         KindDescriptor,
		"glance/glance/tests/var/testserver-not-tar.ova": KindPNG,
	}
	var seen int
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".ova") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		seen++
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			idx := both(t, data, filepath.Base(p))
			want := kinds[rel]
			if want == "" {
				want = KindTar
			}
			if idx.Kind != want {
				t.Fatalf("kind %q, want %q; findings:\n%s", idx.Kind, want, dump(idx.Findings))
			}
			if want != KindTar {
				return
			}
			if !idx.Complete {
				t.Errorf("incomplete:\n%s", dump(idx.Findings))
			}
			var got []string
			for _, m := range idx.Members {
				got = append(got, fmt.Sprintf("%s:%d:f", m.Name, m.Size))
			}
			if l, ok := layout[rel]; ok && strings.Join(got, " ") != l {
				t.Errorf("members %s\nOVA_LAYOUT.tsv says %s", strings.Join(got, " "), l)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen == 0 {
		t.Fatal("no .ova files in the corpus")
	}
}

// readLayout returns OVA_LAYOUT.tsv's member column for each uncompressed
// tar archive it lists.
func readLayout(t *testing.T, path string) map[string]string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) == 5 && cols[1] == "yes" && cols[2] == "none" {
			out[cols[0]] = cols[4]
		}
	}
	return out
}
