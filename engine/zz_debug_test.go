package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZDebugCases(t *testing.T) {
	pat := os.Getenv("ZZCASES")
	if pat == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(filepath.Join("testdata/rules", pat))
	for _, f := range files {
		gc := loadCase(t, f)
		rep := gc.check(t)
		t.Logf("%s: %s\n%s", strings.TrimPrefix(f, "testdata/rules/"), rep.Verdict, listFindings(rep))
	}
}
