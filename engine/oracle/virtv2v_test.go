//go:build !js

package oracle

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine"
)

const virtV2VExceptions = "testdata/virt-v2v-exceptions.tsv"

// testVirtV2V compares ovacheck's kvm-virt-v2v target verdict with what
// `virt-v2v -i ova PKG --print-source` does: it refuses a package when it
// exits non-zero or lists no disk.
func testVirtV2V(t *testing.T, fx fixture, absent func(string) bool) {
	tmp := t.TempDir()
	outcomes := make([]outcome, len(fx.Packages))
	parallel(len(fx.Packages), func(i int) {
		p := fx.Packages[i]
		theirs, detail := virtV2V(p.Path, tmp)
		ours, rules := ovacheckKVM(t, p.Path)
		outcomes[i] = outcome{Key: p.Name, Ours: ours, Theirs: theirs, Detail: "virt-v2v: " + detail + "; ovacheck rules: " + rules}
	})
	c := compare(t, virtV2VExceptions, 1, outcomes, absent)
	logTally(t, "virt-v2v --print-source against ovacheck's kvm-virt-v2v target", c)
}

// ovacheckKVM returns "rejects" when ovacheck's kvm-virt-v2v target
// rejects the .ova at path and "accepts" when it accepts it or warns, with
// the rules the target names.
func ovacheckKVM(t *testing.T, path string) (verdict, rules string) {
	f, err := os.Open(path)
	if err != nil {
		t.Error(err)
		return "error", ""
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Error(err)
		return "error", ""
	}
	rep, err := engine.Check(context.Background(), engine.OVA(filepath.Base(path), f, st.Size()))
	if err != nil {
		t.Errorf("%s: ovacheck could not run: %v", path, err)
		return "error", ""
	}
	for _, tg := range rep.Targets {
		if tg.Target == "kvm-virt-v2v" {
			v := "accepts"
			if tg.Verdict == "rejects" {
				v = "rejects"
			}
			return v, tg.Verdict + " " + strings.Join(tg.Rules, ",")
		}
	}
	t.Errorf("%s: the report has no kvm-virt-v2v target", path)
	return "error", ""
}

// virtV2V runs virt-v2v's OVA input on path up to printing the source, and
// returns "rejects" when it fails or finds no disk, else "accepts", with its
// error line or the disks it listed. The direct backend avoids libvirt;
// --print-source needs no appliance.
func virtV2V(path, tmp string) (verdict, detail string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "virt-v2v", "-i", "ova", path, "--print-source")
	cmd.Env = append(os.Environ(), "LIBGUESTFS_BACKEND=direct", "TMPDIR="+tmp, "LANG=C")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return "rejects", firstLine(stderr.String(), "virt-v2v: error:", err.Error())
	}
	disks := printedDisks(stdout.String())
	if len(disks) == 0 {
		return "rejects", "no disk listed"
	}
	return "accepts", strings.Join(disks, "; ")
}

// printedDisks returns the lines of the "disks:" block of --print-source.
func printedDisks(out string) []string {
	var disks []string
	in := false
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "disks:":
			in = true
		case in && (line == "" || line[0] == ' ' || line[0] == '\t'):
			if s := strings.TrimSpace(line); s != "" {
				disks = append(disks, s)
			}
		default:
			in = false
		}
	}
	return disks
}

// firstLine returns the first line of s starting with prefix, else the last
// non-empty line of s, else fallback.
func firstLine(s, prefix, fallback string) string {
	last := fallback
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, prefix) {
			return line
		}
		if strings.TrimSpace(line) != "" {
			last = line
		}
	}
	return last
}
