//go:build !js

package oracle

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

const diskExceptions = "testdata/disk-exceptions.tsv"

// descriptorRelations are the DSK image rules that compare the image with
// what the descriptor says of it (gzip declared, capacity, format URI,
// populated size). The disk oracles see the image alone, so these rules
// do not count towards ovacheck's verdict on it here.
var descriptorRelations = []string{"DSK036", "DSK037", "DSK038", "DSK039", "DSK040", "DSK041"}

// testDisks compares ovacheck's verdict on each disk image ("broken" when
// a DSK rule raises an error about it, deep check on) with qemu-img's
// (info fails, or check finds corruption) and vmdkinfo's (exits non-zero).
func testDisks(t *testing.T, fx fixture, absent func(string) bool) {
	tmp := t.TempDir()
	outcomes := make([][2]outcome, len(fx.Disks))
	parallel(len(fx.Disks), func(i int) {
		d := fx.Disks[i]
		ours, rules := ovacheckDisk(t, filepath.Join(tmp, fmt.Sprint(i)), d.Path)
		q, qd := qemuImg(d.Path)
		v, vd := vmdkinfo(d.Path)
		outcomes[i] = [2]outcome{
			{Key: d.Name + "\tqemu-img", Ours: ours, Theirs: q, Detail: "qemu-img: " + qd + "; ovacheck: " + rules},
			{Key: d.Name + "\tvmdkinfo", Ours: ours, Theirs: v, Detail: "vmdkinfo: " + vd + "; ovacheck: " + rules},
		}
	})
	var all []outcome
	for _, o := range outcomes {
		all = append(all, o[0], o[1])
	}
	c := compare(t, diskExceptions, 2, all, absent)
	logTally(t, "qemu-img and vmdkinfo against ovacheck's disk findings", c)
}

// ovacheckDisk checks the image at path as the one disk of a folder
// package (descriptor written to dir, the image linked beside it) with the
// deep check on, and returns "broken" when a DSK rule raises an error about
// the image itself, else "sound", with the DSK rules raised.
func ovacheckDisk(t *testing.T, dir, path string) (verdict, rules string) {
	name := filepath.Base(path)
	st, err := os.Stat(path)
	if err != nil {
		t.Error(err)
		return "error", ""
	}
	// The descriptor needs only the File's size; Appliance takes it from
	// the data, which a placeholder of that length provides.
	a := ovatest.Appliance{Name: "disk", Disks: [][]byte{make([]byte, st.Size())}, DiskNames: []string{name}, Algorithm: "none"}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Error(err)
		return "error", ""
	}
	if err := errors.Join(
		os.WriteFile(filepath.Join(dir, "disk.ovf"), []byte(a.Descriptor()), 0o644),
		os.Symlink(path, filepath.Join(dir, name)),
	); err != nil {
		t.Error(err)
		return "error", ""
	}
	rep, err := engine.Check(context.Background(), engine.Folder(os.DirFS(dir), "disk.ovf"), engine.WithDeep(true))
	if err != nil {
		t.Errorf("%s: ovacheck could not run: %v", path, err)
		return "error", ""
	}
	verdict = "sound"
	var seen []string
	for _, f := range rep.Findings {
		if !strings.HasPrefix(f.Rule, "DSK") || f.Location.Member != name {
			continue
		}
		seen = append(seen, string(f.Severity)+" "+f.Rule)
		if f.Severity == report.Error && !slices.Contains(descriptorRelations, f.Rule) {
			verdict = "broken"
		}
	}
	return verdict, strings.Join(seen, ",")
}

// qemuImg returns "broken" when `qemu-img info` cannot open the image or
// `qemu-img check` finds it corrupt or cannot finish (exit 1 or 2; leaked
// clusters, exit 3, and formats without a check, exit 63, count as sound),
// else "sound".
func qemuImg(path string) (verdict, detail string) {
	out, errOut, err := tool("qemu-img", "info", "--output=json", path)
	if err != nil {
		return "broken", "info: " + firstLine(errOut, "qemu-img:", err.Error())
	}
	var info struct {
		Format      string `json:"format"`
		VirtualSize int64  `json:"virtual-size"`
	}
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		return "broken", "info: " + err.Error()
	}
	detail = fmt.Sprintf("%s, %d bytes", info.Format, info.VirtualSize)
	_, errOut, err = tool("qemu-img", "check", "-f", info.Format, path)
	var exit *exec.ExitError
	switch {
	case err == nil:
		return "sound", detail
	case errors.As(err, &exit) && (exit.ExitCode() == 3 || exit.ExitCode() == 63):
		return "sound", fmt.Sprintf("%s, check exit %d", detail, exit.ExitCode())
	default:
		return "broken", detail + ", check: " + firstLine(errOut, "ERROR", err.Error())
	}
}

// vmdkinfo returns "broken" when libvmdk's vmdkinfo cannot read the image.
func vmdkinfo(path string) (verdict, detail string) {
	_, errOut, err := tool("vmdkinfo", path)
	if err != nil {
		return "broken", firstLine(errOut, "libvmdk_", err.Error())
	}
	return "sound", "read"
}

// tool runs a program with a time limit and returns its output.
func tool(name string, args ...string) (stdout, stderr string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "LANG=C")
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String() + o.String(), err
}
