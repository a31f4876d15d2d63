package main

import (
	"archive/tar"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// actionRun is one run of the action's script: its exit status, its
// outputs and what it wrote.
type actionRun struct {
	code    int
	outputs map[string]string
	summary string
	stderr  string
	// built is the CLI the script built, when it built one.
	built string
}

// runAction runs cmd/ovacheck/action/run.sh as the action's step does,
// with the inputs as environment variables; bin, when not empty, is a
// built CLI to use instead of building one.
func runAction(t *testing.T, bin string, env ...string) actionRun {
	t.Helper()
	work := t.TempDir()
	cmd := exec.Command("bash", "action/run.sh")
	cmd.Env = append(os.Environ(),
		"GITHUB_OUTPUT="+filepath.Join(work, "output"),
		"GITHUB_STEP_SUMMARY="+filepath.Join(work, "summary"),
		"RUNNER_TEMP="+work,
		"OVACHECK_BIN="+bin,
	)
	cmd.Env = append(cmd.Env, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	run := actionRun{outputs: map[string]string{}, stderr: stderr.String(), built: filepath.Join(work, "ovacheck-action", "ovacheck")}
	if exit, ok := err.(*exec.ExitError); ok {
		run.code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("the script did not run: %v", err)
	}
	out, _ := os.ReadFile(filepath.Join(work, "output"))
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			run.outputs[k] = v
		}
	}
	summary, _ := os.ReadFile(filepath.Join(work, "summary"))
	run.summary = string(summary)
	return run
}

// writeWarnedOVA writes a sound package with an extra member nothing
// references, which makes it warn (PKG031).
func writeWarnedOVA(t *testing.T, dir string) string {
	members := append(ovatest.Appliance{}.Members(), ovatest.Member{Name: "notes.txt", Data: []byte("hello\n")})
	p := filepath.Join(dir, "warned", "extra.ova")
	mustWrite(t, p, ovatest.OVA(tar.FormatUSTAR, members...))
	return p
}

func TestActionScript(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	s := writeSamples(t)
	warned := writeWarnedOVA(t, s.dir)
	sarif := filepath.Join(t.TempDir(), "out", "ovacheck.sarif")

	// The first run builds the CLI as the action does; the others reuse it.
	first := runAction(t, "", "OVACHECK_PATHS="+s.sound+"\n"+filepath.Join(s.dir, "warned", "*.ova"), "OVACHECK_SARIF="+sarif)
	if first.code != 0 || first.outputs["verdict"] != "warn" || first.outputs["report"] != sarif || first.outputs["exit-code"] != "0" {
		t.Fatalf("sound and warned packages: exit %d, outputs %v, want 0 and warn\n%s", first.code, first.outputs, first.stderr)
	}
	data, err := os.ReadFile(sarif)
	if err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, data)
	if !strings.Contains(string(data), `"ruleId": "PKG031"`) {
		t.Errorf("the SARIF log lacks the warned package's PKG031")
	}
	if !strings.Contains(first.summary, "1 pass, 1 warn, 0 fail") {
		t.Errorf("the step summary lacks the table:\n%s", first.summary)
	}
	bin := first.built

	for _, tt := range []struct {
		name     string
		env      []string
		code     int
		verdict  string
		inStderr *regexp.Regexp
	}{
		{"a warning fails when asked", []string{"OVACHECK_PATHS=" + warned, "OVACHECK_FAIL_ON=warning"}, 1, "fail", nil},
		{"a damaged package fails", []string{"OVACHECK_PATHS=" + filepath.Join(s.dir, "*.ova")}, 1, "fail", regexp.MustCompile(`FAIL +1 .*damaged\.ova`)},
		{"flags pass through", []string{"OVACHECK_PATHS=" + s.sound, "OVACHECK_ARGS=--profile strict --target virtualbox-7"}, 0, "warn", nil}, // pass without them,
		{"a glob matching nothing cannot check", []string{"OVACHECK_PATHS=" + filepath.Join(s.dir, "none-*.ova")}, 2, "error", regexp.MustCompile(`matches no file`)},
		{"no paths cannot check", []string{"OVACHECK_PATHS="}, 2, "", regexp.MustCompile(`no paths`)},
		{"a wrong fail-on cannot check", []string{"OVACHECK_PATHS=" + s.sound, "OVACHECK_FAIL_ON=notes"}, 2, "", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env := append([]string{"OVACHECK_SARIF=" + filepath.Join(t.TempDir(), "x.sarif")}, tt.env...)
			r := runAction(t, bin, env...)
			if r.code != tt.code || r.outputs["verdict"] != tt.verdict {
				t.Errorf("exit %d, verdict %q; want %d, %q\n%s", r.code, r.outputs["verdict"], tt.code, tt.verdict, r.stderr)
			}
			if tt.inStderr != nil && !tt.inStderr.MatchString(r.stderr) {
				t.Errorf("the log does not match %s:\n%s", tt.inStderr, r.stderr)
			}
		})
	}
}

// TestActionDefinition checks that action.yml runs the script and hands it
// every input.
func TestActionDefinition(t *testing.T) {
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	y := string(data)
	for _, want := range []string{
		"using: composite",
		`run: bash "$GITHUB_ACTION_PATH/cmd/ovacheck/action/run.sh"`,
		"OVACHECK_PATHS: ${{ inputs.paths }}",
		"OVACHECK_FAIL_ON: ${{ inputs.fail-on }}",
		"OVACHECK_SARIF: ${{ inputs.sarif-file }}",
		"OVACHECK_ARGS: ${{ inputs.args }}",
		"value: ${{ steps.check.outputs.verdict }}",
		"value: ${{ steps.check.outputs.report }}",
	} {
		if !strings.Contains(y, want) {
			t.Errorf("action.yml lacks %q", want)
		}
	}
	if _, err := os.Stat("action/run.sh"); err != nil {
		t.Error(err)
	}
}
