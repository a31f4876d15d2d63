//go:build workerd && unix

// The Worker under workerd: build it, start `wrangler dev` on 127.0.0.1
// with everything that phones home turned off, and check real answers.
// Run with: go test -count=1 -tags workerd ./wasm/worker
package main

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/schemas"
	"github.com/ovacheck/ovacheck/wasm/worker/api"
)

// repoRoot is the repository's root, from this package's folder.
const repoRoot = "../.."

func TestWorkerUnderWorkerd(t *testing.T) {
	wrangler, err := filepath.Abs(filepath.Join(repoRoot, "node_modules/.bin/wrangler"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(wrangler); err != nil {
		t.Skip("wrangler is not installed (node_modules/.bin/wrangler): run npm install to test the Worker under workerd")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH: wrangler needs it")
	}
	dir := t.TempDir()
	build(t, dir)
	base, pid := startWrangler(t, wrangler, dir)

	// First, while the process is fresh: what the largest accepted
	// requests cost workerd's memory.
	t.Run("memory of the worst accepted requests", func(t *testing.T) {
		testWorstRequestsMemory(t, base, workerdPID(t, pid, base))
	})

	t.Run("a refused body does not break the next request", func(t *testing.T) {
		testRefusalsKeepTheConnection(t, base, refusalRounds)
	})
	t.Run("static asset", func(t *testing.T) {
		res, body := get(t, base+"/")
		if res.StatusCode != 200 || !strings.Contains(body, "ovacheck test page") {
			t.Errorf("GET /: %d %q", res.StatusCode, body)
		}
	})
	t.Run("valid descriptor", func(t *testing.T) {
		r := postReport(t, base, ovatest.Appliance{}.Descriptor(), "application/xml", "")
		if r.Input.Kind != "descriptor" || r.Verdict == report.Fail {
			t.Errorf("input %+v verdict %s findings %+v", r.Input, r.Verdict, r.Findings)
		}
	})
	t.Run("broken descriptor", func(t *testing.T) {
		r := postReport(t, base, "<?xml version='1.0'?>\n<Envelope><VirtualSystem", "application/xml", "")
		if r.Verdict != report.Fail || !hasRule(r, "ENV001") {
			t.Errorf("verdict %s findings %+v", r.Verdict, r.Findings)
		}
	})
	t.Run("small OVA", func(t *testing.T) {
		ova := ovatest.OVA(tar.FormatUSTAR, ovatest.Appliance{}.Members()...)
		r := postReport(t, base, string(ova), "application/octet-stream", "?name=appliance.ova")
		if r.Input.Kind != "stream" || r.Input.Name != "appliance.ova" || r.Verdict == report.Fail || len(r.Files) != 3 {
			t.Errorf("input %+v verdict %s files %d findings %+v", r.Input, r.Verdict, len(r.Files), r.Findings)
		}
	})
	t.Run("descriptor with manifest and policy", func(t *testing.T) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for _, m := range (ovatest.Appliance{}).Members() {
			w, _ := mw.CreateFormFile("file", m.Name)
			w.Write(m.Data)
		}
		w, _ := mw.CreateFormField("policy")
		io.WriteString(w, `{"requireSignature":true}`)
		mw.Close()
		r := postReport(t, base, buf.String(), mw.FormDataContentType(), "")
		if r.Input.Kind != "folder" || r.Verdict != report.Fail || !hasRule(r, "POL001") {
			t.Errorf("input %+v verdict %s findings %+v", r.Input, r.Verdict, r.Findings)
		}
	})
	t.Run("oversized body", func(t *testing.T) {
		big := bytes.Repeat([]byte(" "), api.MaxBodyBytes+1)
		res, body := do(t, http.MethodPost, base+"/api/v1/validate", bytes.NewReader(big), "application/xml", "")
		if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "in your browser") || !strings.Contains(body, `"browser"`) {
			t.Errorf("status %d body %s", res.StatusCode, body)
		}
	})
	t.Run("HTML report", func(t *testing.T) {
		res, body := do(t, http.MethodPost, base+"/api/v1/validate", strings.NewReader("<Envelope/>"), "application/xml", "text/html")
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "<!doctype html>") && !strings.Contains(body, "<!DOCTYPE html>") {
			t.Errorf("status %d type %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
	})
	t.Run("rules", func(t *testing.T) {
		res, body := get(t, base+"/api/v1/rules")
		var list []map[string]any
		if res.StatusCode != 200 || json.Unmarshal([]byte(body), &list) != nil || len(list) < 100 {
			t.Errorf("GET rules: %d, %d rules", res.StatusCode, len(list))
		}
		res, body = get(t, base+"/api/v1/rules/POL001")
		if res.StatusCode != 200 || !strings.Contains(body, `"doc": "# POL001 `) {
			t.Errorf("GET rules/POL001: %d %s", res.StatusCode, body)
		}
		if res, _ = get(t, base+"/api/v1/rules/NOPE1"); res.StatusCode != 404 {
			t.Errorf("GET unknown rule: %d", res.StatusCode)
		}
	})
	t.Run("wrong method", func(t *testing.T) {
		if res, _ := get(t, base+"/api/v1/validate"); res.StatusCode != 405 || res.Header.Get("Allow") != "POST" {
			t.Errorf("GET validate: %d Allow %q", res.StatusCode, res.Header.Get("Allow"))
		}
	})
	t.Run("100 concurrent requests", func(t *testing.T) {
		descriptor := ovatest.Appliance{}.Descriptor()
		var wg sync.WaitGroup
		errs := make(chan string, 100)
		for i := range 100 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if msg := oneOfMany(base, i, descriptor); msg != "" {
					errs <- fmt.Sprintf("request %d: %s", i, msg)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
	})
}

// oneOfMany sends request i of the concurrent batch and says what was
// wrong with the answer, or "".
func oneOfMany(base string, i int, descriptor string) string {
	var req *http.Request
	want := ""
	switch i % 3 {
	case 0:
		req, _ = http.NewRequest(http.MethodGet, base+"/api/v1/rules/MF003", nil)
		want = `"id": "MF003"`
	case 1:
		req, _ = http.NewRequest(http.MethodPost, base+"/api/v1/validate", strings.NewReader(descriptor))
		want = `"kind": "descriptor"`
	default:
		req, _ = http.NewRequest(http.MethodPost, base+"/api/v1/validate", strings.NewReader(fmt.Sprintf("<Envelope id=\"%d\"><Broken", i)))
		want = `"verdict": "fail"`
	}
	res, err := client.Do(req)
	if err != nil {
		return err.Error()
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return err.Error()
	}
	if res.StatusCode != 200 || !strings.Contains(string(body), want) {
		return fmt.Sprintf("status %d, body lacks %s: %.200s", res.StatusCode, want, body)
	}
	return securityHeaderProblem(res.Header)
}

var client = &http.Client{Timeout: 60 * time.Second}

// build compiles the Worker with build/worker/build.sh and writes the
// wrangler config and a small asset folder into dir, leaving the
// repository's build outputs alone.
func build(t *testing.T, dir string) {
	t.Helper()
	// The build a deployment gets (flags, and the environment worker.mjs
	// gives the Go program), into dir.
	dist := filepath.Join(dir, "dist")
	run(t, exec.Command("bash", filepath.Join(repoRoot, "build/worker/build.sh"), dist))
	assets := filepath.Join(dir, "assets")
	if err := os.MkdirAll(assets, 0o755); err != nil {
		t.Fatal(err)
	}
	headers := run(t, exec.Command("go", "run", "../../build/worker/headers"))
	write(t, filepath.Join(assets, "_headers"), headers)
	write(t, filepath.Join(assets, "index.html"), "<!doctype html><title>ovacheck test page</title><p>ovacheck test page</p>\n")
	write(t, filepath.Join(dir, "wrangler.jsonc"), fmt.Sprintf(`{
  "name": "ovacheck-test",
  "main": %q,
  "compatibility_date": "2026-04-20",
  "assets": {"directory": %q, "run_worker_first": ["/api/*"]}
}
`, filepath.Join(dist, "worker.mjs"), assets))
}

// startWrangler starts wrangler dev in its own process group on a free
// loopback port, waits until it answers, and stops the whole group when
// the test ends. It returns the server's URL and wrangler's process id.
func startWrangler(t *testing.T, wrangler, dir string) (base string, pid int) {
	t.Helper()
	port, inspector := freePort(t), freePort(t)
	cmd := exec.Command(wrangler, "dev", "--config", filepath.Join(dir, "wrangler.jsonc"),
		"--ip", "127.0.0.1", "--port", port, "--inspector-port", inspector,
		"--persist-to", filepath.Join(dir, "state"), "--show-interactive-dev-session=false")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "WRANGLER_SEND_ERROR_REPORTS=false",
		"CLOUDFLARE_CF_FETCH_ENABLED=false", "WRANGLER_HIDE_BANNER=true", "WRANGLER_LOG_PATH="+filepath.Join(dir, "logs"),
		"CI=1")
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		if t.Failed() {
			t.Logf("wrangler output:\n%s", out.String())
		}
	})
	base = "http://127.0.0.1:" + port
	deadline := time.Now().Add(90 * time.Second)
	for {
		select {
		case <-exited:
			t.Fatalf("wrangler dev exited:\n%s", out.String())
		default:
		}
		res, err := http.Get(base + "/api/v1/rules/PKG050")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return base, cmd.Process.Pid
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("wrangler dev did not answer within 90 s:\n%s", out.String())
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
}

func run(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	return string(out)
}

func write(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// do sends one request and checks the security headers of the answer.
func do(t *testing.T, method, url string, body io.Reader, contentType, accept string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if msg := securityHeaderProblem(res.Header); msg != "" {
		t.Errorf("%s %s: %s", method, url, msg)
	}
	if res.StatusCode >= 500 {
		t.Errorf("%s %s: status %d: %s", method, url, res.StatusCode, b)
	}
	return res, string(b)
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	return do(t, http.MethodGet, url, nil, "", "")
}

func postReport(t *testing.T, base, body, contentType, query string) *report.Report {
	t.Helper()
	res, b := do(t, http.MethodPost, base+"/api/v1/validate"+query, strings.NewReader(body), contentType, "")
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, b)
	}
	if err := schemas.Validate(schemas.Report, []byte(b)); err != nil {
		t.Fatalf("the report breaks the schema: %v", err)
	}
	var r report.Report
	if err := json.Unmarshal([]byte(b), &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

func hasRule(r *report.Report, id string) bool {
	for _, f := range r.Findings {
		if f.Rule == id {
			return true
		}
	}
	return false
}

// securityHeaderProblem says which security header is missing or wrong.
func securityHeaderProblem(h http.Header) string {
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		return fmt.Sprintf("Content-Security-Policy %q lacks frame-ancestors 'none'", csp)
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"} {
		if got := h.Get(k); got != want {
			return fmt.Sprintf("%s is %q, want %q", k, got, want)
		}
	}
	return ""
}

// lockedBuffer collects a child's output from two pipes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
