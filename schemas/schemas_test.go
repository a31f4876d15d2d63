package schemas

import (
	"os"
	"path/filepath"
	"testing"
)

// TestEmbeddedMatchDisk makes sure the embedded schemas are the files on disk.
func TestEmbeddedMatchDisk(t *testing.T) {
	files, _ := filepath.Glob("*.schema.json")
	if len(files) == 0 {
		t.Fatal("no schemas on disk")
	}
	for _, f := range files {
		disk, _ := os.ReadFile(f)
		emb, err := FS.ReadFile(f)
		if err != nil || string(disk) != string(emb) {
			t.Errorf("%s: embedded copy differs from the file", f)
		}
	}
}

func TestReportSchemaRejectsBadReports(t *testing.T) {
	good := `{"mediaType":"application/vnd.ovacheck.report+json;version=1","tool":{"name":"ovacheck","version":"0.1.0"},
	"input":{"name":"a.ova","size":10,"kind":"ova"},"profile":"compat","verdict":"pass","complete":true,"findings":[],
	"package":{"ovfVersion":"1.x","virtualSystems":[],"disks":[],"networks":[],"eulas":[]},"files":[],"signature":null,
	"targets":[],"stats":{"bytesRead":0,"elapsedMs":0}}`
	if err := Validate(Report, []byte(good)); err != nil {
		t.Fatalf("a minimal report is rejected: %v", err)
	}
	bad := `{"mediaType":"application/vnd.ovacheck.report+json;version=1","tool":{"name":"ovacheck","version":"0.1.0"},
	"input":{"name":"a.ova","size":10,"kind":"ova"},"profile":"compat","verdict":"maybe","complete":true,
	"findings":[{"rule":"XX1","severity":"error","message":"m","location":{}}],
	"package":{"ovfVersion":"1.x","virtualSystems":[],"disks":[],"networks":[],"eulas":[]},"files":[],"signature":null,
	"targets":[],"stats":{"bytesRead":0,"elapsedMs":0}}`
	if err := Validate(Report, []byte(bad)); err == nil {
		t.Fatal("a report with verdict maybe and rule XX1 is accepted")
	}
}
