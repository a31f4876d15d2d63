//go:build !js

package oracle

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/report"
)

// testIntact: every package the producers' paths build, intact, gives no
// error with no target named; named, a target that refuses one of them
// makes that an error naming the target. OpenSSL 3's manifest lines
// (SHA2-256) are the case in point: vSphere refuses them.
func testIntact(t *testing.T, fx fixture) {
	n, openssl3 := 0, 0
	for _, p := range fx.Packages {
		if !strings.HasPrefix(p.Name, "built/") || strings.HasPrefix(p.Name, "built/damaged-") {
			continue
		}
		n++
		rep := check(t, p.Path)
		for _, f := range rep.Findings {
			if f.Severity == report.Error {
				t.Errorf("%s: intact package made by a real producer has error %s: %s", p.Name, f.Rule, f.Message)
			}
		}
		if strings.Contains(p.Name, "openssl-sha256") {
			openssl3++
			named := check(t, p.Path, engine.WithTargets("vsphere-8.0"))
			if named.Verdict != report.Fail || !mentions(named, "MF005", "vSphere") {
				t.Errorf("%s with --target vsphere-8.0: verdict %s; want fail with MF005 naming vSphere", p.Name, named.Verdict)
			}
		}
	}
	if n == 0 || openssl3 == 0 {
		t.Fatalf("%d built packages, %d with OpenSSL 3 manifests: the builders changed", n, openssl3)
	}
	t.Logf("%d intact packages from real producers: no error with no target named", n)
}

func check(t *testing.T, path string, opts ...engine.Option) *report.Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := engine.Check(context.Background(), engine.OVA(filepath.Base(path), f, st.Size()), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func mentions(rep *report.Report, rule, consumer string) bool {
	for _, f := range rep.Findings {
		if f.Rule == rule && f.Severity == report.Error && strings.Contains(f.Message, consumer) {
			return true
		}
	}
	return false
}
