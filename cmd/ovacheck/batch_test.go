package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/schemas"
)

func TestBatchSummaryAndWorstExitStatus(t *testing.T) {
	s := writeSamples(t)
	code, out, errOut := ovacheck(t, nil, "--jobs", "2", s.sound, s.damaged)
	if code != exitFail {
		t.Errorf("exit %d, want %d (the worst of pass and fail)\n%s", code, exitFail, errOut)
	}
	summary := out[strings.LastIndex(out, "\nSummary\n"):]
	for _, want := range []string{
		"PASS         0        0      2  " + s.sound,
		"FAIL         1        0      2  " + s.damaged,
		"2 packages: 1 pass, 0 warn, 1 fail, 0 could not be checked",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	if !strings.Contains(out, "== "+s.damaged+"\nFAIL") {
		t.Errorf("each report is not headed by its path:\n%s", out)
	}

	if code, _, _ := ovacheck(t, nil, s.sound, s.sound); code != exitOK {
		t.Errorf("two sound packages: exit %d, want 0", code)
	}
	if code, out, _ := ovacheck(t, nil, s.sound, filepath.Join(s.dir, "gone.ova")); code != exitCantRun || !strings.Contains(out, "1 could not be checked") {
		t.Errorf("with a missing package: exit %d, want 2 and a row for it:\n%s", code, out)
	}
}

func TestBatchExpandsFoldersAndGlobs(t *testing.T) {
	s := writeSamples(t)
	// The folder holds two archives and, under unpacked/, a folder package.
	want := []string{s.damaged, s.sound, s.folderOVF}
	for _, args := range [][]string{
		{s.dir},
		{filepath.Join(s.dir, "*.ova"), filepath.Join(s.dir, "unpacked")},
		{filepath.Join(s.dir, "*")},
	} {
		got, err := expandInputs(args)
		if err != nil || strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("expandInputs(%q) = %q, %v; want %q", args, got, err, want)
		}
	}
	if _, err := expandInputs([]string{filepath.Join(s.dir, "*.nothing")}); err == nil {
		t.Error("a pattern matching nothing is not an error")
	}
	empty := t.TempDir()
	if _, err := expandInputs([]string{empty}); err == nil {
		t.Error("a folder with no package is not an error")
	}
	// One folder package named by its folder stays a single check, as
	// before batches; a folder of archives is a batch.
	if wantsBatch([]string{filepath.Dir(s.folderOVF)}, "text") || !wantsBatch([]string{s.dir}, "text") {
		t.Error("a folder package is taken for a catalogue, or a catalogue for a package")
	}
	code, out, _ := ovacheck(t, nil, "--format", "jsonl", s.dir)
	if code != exitFail || strings.Count(out, "\n") != 3 {
		t.Errorf("a folder of 3 packages: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
}

func TestBatchJSONLIsOneReportPerLine(t *testing.T) {
	s := writeSamples(t)
	missing := filepath.Join(s.dir, "gone.ova")
	code, out, errOut := ovacheck(t, nil, "--format", "jsonl", s.sound, s.damaged, missing)
	if code != exitCantRun {
		t.Errorf("exit %d, want %d", code, exitCantRun)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3:\n%s", len(lines), out)
	}
	for i, want := range []report.Verdict{report.Pass, report.Fail} {
		if err := schemas.Validate(schemas.Report, []byte(lines[i])); err != nil {
			t.Errorf("line %d is not a report of the contract: %v", i+1, err)
		}
		var r report.Report
		json.Unmarshal([]byte(lines[i]), &r)
		if r.Verdict != want {
			t.Errorf("line %d: verdict %s, want %s", i+1, r.Verdict, want)
		}
	}
	var e checkError
	if err := json.Unmarshal([]byte(lines[2]), &e); err != nil || e.Input.Name != missing || e.Error == "" {
		t.Errorf("line 3 = %s, want the missing package and its error", lines[2])
	}
	// The summary stays off standard output, which is one document.
	if !strings.Contains(errOut, "Summary") {
		t.Errorf("no summary on standard error:\n%s", errOut)
	}
}

func TestBatchRefusals(t *testing.T) {
	s := writeSamples(t)
	for name, args := range map[string][]string{
		"html for several": {"--format", "html", s.sound, s.damaged},
		"stdin among many": {s.sound, "-"},
		"info of several":  {"info", s.sound, s.damaged},
	} {
		if code, _, errOut := ovacheck(t, nil, args...); code != exitCantRun || errOut == "" {
			t.Errorf("%s: exit %d, stderr %q; want 2 with a reason", name, code, errOut)
		}
	}
}

func TestRunBatchKeepsOrderAndBoundsJobs(t *testing.T) {
	names := []string{"a", "b", "c", "d", "e", "f"}
	var running, most atomic.Int32
	gate := make(chan struct{})
	var opened sync.Once
	results := runBatch(context.Background(), names, 2, func(_ context.Context, name string) (*report.Report, error) {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		// The first checks wait until two run at once, which --jobs 2
		// allows and no more.
		if n == 2 {
			opened.Do(func() { close(gate) })
		}
		<-gate
		running.Add(-1)
		return &report.Report{Input: report.Input{Name: name}}, nil
	})
	if most.Load() != 2 {
		t.Errorf("%d checks ran at once, want --jobs 2", most.Load())
	}
	for i, r := range results {
		if r.Path != names[i] || r.Report.Input.Name != names[i] {
			t.Errorf("result %d is %s, want %s", i, r.Path, names[i])
		}
	}
}

// The flags of a single check hold in a batch: --structure-only skips the
// digests of each package and says so.
func TestBatchKeepsCheckFlags(t *testing.T) {
	s := writeSamples(t)
	code, out, _ := ovacheck(t, nil, "--format", "jsonl", "--structure-only", s.sound, s.damaged)
	if code != exitOK {
		t.Errorf("exit %d, want 0: the flipped disk bit is not read with --structure-only", code)
	}
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r report.Report
		if err := json.Unmarshal([]byte(line), &r); err != nil || len(r.Skipped) == 0 {
			t.Errorf("line %d: skipped %v, %v", i+1, r.Skipped, err)
		}
	}
}
