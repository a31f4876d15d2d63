package main

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine/httprange/httprangetest"
	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

func init() {
	// Retries in these tests need not wait.
	urlOptions.Backoff = time.Millisecond
}

// bigOVA is a sound package with a 4 MiB disk of random content, so that
// what is fetched of it can be told from what is not.
func bigOVA(t *testing.T) []byte {
	t.Helper()
	disk := ovatest.StreamOptimizedVMDK(8<<20, ovatest.RawImage(ovatest.RawRandom, 4<<20, 1))
	return ovatest.OVA(tar.FormatUSTAR, ovatest.Appliance{Disks: [][]byte{disk}}.Members()...)
}

// With ranges, a URL gets the same verdict as the file, fetching each byte
// about once; --structure-only fetches kilobytes and says the disk's digest
// was not verified.
func TestURLWithRanges(t *testing.T) {
	data := bigOVA(t)
	s := httprangetest.New(t, data)
	url := s.URL + "/dl/appliance.ova"

	code, out, errOut := ovacheck(t, nil, "--format", "json", url)
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	rep := jsonReport(t, out)
	if rep.Input.URL != url || rep.Input.Name != "appliance.ova" || rep.Input.Kind != "ova" || rep.Input.Size != int64(len(data)) {
		t.Errorf("input %+v", rep.Input)
	}
	if rep.Input.BytesTransferred != s.Sent() {
		t.Errorf("report says %d bytes transferred, the server sent %d", rep.Input.BytesTransferred, s.Sent())
	}
	if sent, size := s.Sent(), int64(len(data)); sent < size*9/10 || sent > size+256<<10 {
		t.Errorf("fetched %d bytes to check a %d-byte package: want it about once", sent, size)
	}
	if len(rep.Skipped) != 0 || fileStatus(rep, "appliance-disk1.vmdk") != report.Match {
		t.Errorf("skipped %q, disk %s", rep.Skipped, fileStatus(rep, "appliance-disk1.vmdk"))
	}

	s2 := httprangetest.New(t, data)
	code, out, errOut = ovacheck(t, nil, "--format", "json", "--structure-only", s2.URL+"/appliance.ova")
	if code != exitOK {
		t.Fatalf("structure-only: exit %d\n%s\n%s", code, out, errOut)
	}
	rep = jsonReport(t, out)
	if s2.Sent() > 256<<10 || rep.Input.BytesTransferred != s2.Sent() {
		t.Errorf("structure-only fetched %d bytes (report: %d) of %d", s2.Sent(), rep.Input.BytesTransferred, len(data))
	}
	if len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0], "appliance-disk1.vmdk") {
		t.Errorf("skipped %q", rep.Skipped)
	}
	if fileStatus(rep, "appliance-disk1.vmdk") != report.NotChecked || fileStatus(rep, "appliance.ovf") != report.Match {
		t.Errorf("statuses: disk %s, descriptor %s", fileStatus(rep, "appliance-disk1.vmdk"), fileStatus(rep, "appliance.ovf"))
	}
}

func fileStatus(rep *report.Report, member string) report.ManifestStatus {
	for _, f := range rep.Files {
		if f.Member == member {
			return f.Manifest
		}
	}
	return ""
}

// A damaged disk is found through a URL as in the file, and the text
// output ends with what was transferred.
func TestURLFindsDamage(t *testing.T) {
	data := bigOVA(t)
	data[len(data)/2] ^= 1
	s := httprangetest.New(t, data)
	code, out, _ := ovacheck(t, nil, "--no-color", s.URL+"/appliance.ova")
	if code != exitFail || !strings.Contains(out, "MF003") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if !strings.Contains(out, "Read ") || !strings.Contains(out, " from "+s.URL) {
		t.Errorf("no closing note on bytes transferred:\n%s", out)
	}
}

// A server without ranges is read once, as a stream, and checked in full
// even with --structure-only (the bytes pass anyway).
func TestURLWithoutRanges(t *testing.T) {
	data := bigOVA(t)
	s := httprangetest.New(t, data)
	s.NoRanges()
	code, out, errOut := ovacheck(t, nil, "--format", "json", "--structure-only", s.URL+"/appliance.ova")
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	rep := jsonReport(t, out)
	if s.Requests() != 1 || s.Sent() != int64(len(data)) || rep.Input.BytesTransferred != int64(len(data)) {
		t.Errorf("%d requests, %d bytes sent, %d reported, for %d", s.Requests(), s.Sent(), rep.Input.BytesTransferred, len(data))
	}
	if rep.Input.Kind != "stream" || fileStatus(rep, "appliance-disk1.vmdk") != report.Match {
		t.Errorf("kind %s, disk %s", rep.Input.Kind, fileStatus(rep, "appliance-disk1.vmdk"))
	}
	if !strings.Contains(errOut, "does not serve byte ranges") {
		t.Errorf("stderr does not say the server serves no ranges: %q", errOut)
	}
}

// A connection dropped mid-range is resumed, and the bytes are not fetched
// twice.
func TestURLDroppedConnection(t *testing.T) {
	data := bigOVA(t)
	s := httprangetest.New(t, data)
	code, out, errOut := ovacheck(t, nil, "--format", "json", s.URL+"/appliance.ova")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	clean := jsonReport(t, out).Input.BytesTransferred

	s = httprangetest.New(t, data)
	s.DropAfter(1 << 20) // past the probes: within the disk's first range
	code, out, errOut = ovacheck(t, nil, "--format", "json", s.URL+"/appliance.ova")
	if code != exitOK {
		t.Fatalf("dropped: exit %d\n%s", code, errOut)
	}
	rep := jsonReport(t, out)
	if rep.Input.BytesTransferred != clean {
		t.Errorf("%d bytes with a dropped connection, %d without: the broken range was not resumed at its byte", rep.Input.BytesTransferred, clean)
	}
	if fileStatus(rep, "appliance-disk1.vmdk") != report.Match {
		t.Errorf("disk %s", fileStatus(rep, "appliance-disk1.vmdk"))
	}
}

// A package replaced on the server during the check is an error (exit 2),
// not a report mixing two files.
func TestURLReplacedMidCheck(t *testing.T) {
	data := bigOVA(t)
	s := httprangetest.New(t, data)
	other := bytes.Clone(data)
	other[0] ^= 1
	s.ReplaceAfter(3, other)
	code, out, errOut := ovacheck(t, nil, "--format", "json", s.URL+"/appliance.ova")
	if code != exitCantRun || out != "" || !strings.Contains(errOut, "changed on the server") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

// A URL that cannot be read says why and exits 2.
func TestURLNotFound(t *testing.T) {
	s := httprangetest.New(t, []byte("x"))
	s.Close()
	code, _, errOut := ovacheck(t, nil, s.URL+"/appliance.ova")
	if code != exitCantRun || errOut == "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// A published checksum of the whole file is computed in the same pass as
// the members' digests: each byte still fetched about once.
func TestURLWholeFileChecksum(t *testing.T) {
	data := bigOVA(t)
	sum := sha256.Sum256(data)
	s := httprangetest.New(t, data)
	code, out, errOut := ovacheck(t, nil, "--format", "json", "--sha256", hex.EncodeToString(sum[:]), s.URL+"/appliance.ova")
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	rep := jsonReport(t, out)
	if rep.WholeFile["sha256"] != hex.EncodeToString(sum[:]) {
		t.Errorf("whole file %v", rep.WholeFile)
	}
	if sent, size := s.Sent(), int64(len(data)); sent > size+256<<10 {
		t.Errorf("fetched %d bytes for a %d-byte package with --sha256", sent, size)
	}
}
