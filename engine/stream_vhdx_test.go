package engine

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// diskView is what a check said about one disk member: its probe and the
// findings located in it.
func diskView(rep *report.Report, member string) (img report.DiskImage, findings []string) {
	for _, f := range rep.Files {
		if f.Member == member && f.Disk != nil {
			img = *f.Disk
		}
	}
	for _, f := range rep.Findings {
		if f.Location.Member == member {
			findings = append(findings, fmt.Sprintf("%s %s: %s", f.Rule, f.Severity, f.Message))
		}
	}
	slices.Sort(findings)
	return img, findings
}

// A VHDX keeps its metadata (the virtual size) megabytes into the file,
// beyond the head a stream keeps of each disk: checked as a stream, a
// valid qemu-img VHDX must be judged as it is from the file (it used to
// fail with DSK020, "metadata table does not start with metadata").
func TestStreamedVHDXAgreesWithFile(t *testing.T) {
	const capacity = 8 << 20
	vhdx := ovatest.QemuVHDX(t, capacity)
	a := ovatest.Appliance{Disks: [][]byte{vhdx}, DiskCapacity: capacity, DiskNames: []string{"appliance-disk1.vhdx"}}
	data := ovatest.OVA(tar.FormatUSTAR, a.Members()...)

	fromFile := check(t, data)
	fromStream, err := Check(context.Background(), Stream("a.ova", bytes.NewReader(data)))
	if err != nil {
		t.Fatal(err)
	}
	fileImg, fileFindings := diskView(fromFile, "appliance-disk1.vhdx")
	streamImg, streamFindings := diskView(fromStream, "appliance-disk1.vhdx")
	if fileImg.Format != "vhdx" || fileImg.VirtualSize != capacity {
		t.Fatalf("from the file the probe saw %+v; want a VHDX of %d bytes", fileImg, capacity)
	}
	if streamImg != fileImg {
		t.Errorf("as a stream the probe saw %+v; from the file %+v", streamImg, fileImg)
	}
	if !slices.Equal(streamFindings, fileFindings) {
		t.Errorf("findings on the disk differ\nas a stream: %q\nfrom the file: %q", streamFindings, fileFindings)
	}
	if fromStream.Verdict != fromFile.Verdict {
		t.Errorf("verdict as a stream %s, from the file %s", fromStream.Verdict, fromFile.Verdict)
	}
}
