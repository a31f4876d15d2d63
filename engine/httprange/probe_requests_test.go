package httprange_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ovacheck/ovacheck/engine/disk"
	"github.com/ovacheck/ovacheck/engine/httprange"
	"github.com/ovacheck/ovacheck/engine/httprange/httprangetest"
)

// A monolithicSparse VMDK keeps its grain tables side by side. The probe
// prefetches them; fetched one request per 2 KiB table, its 256 tables
// would use up the URL API's 40 subrequests, so neighbouring tables must
// come in one request (7 requests in all before the probe prefetched).
func TestProbeOfContiguousGrainTablesCostsFewRequests(t *testing.T) {
	qemu, err := exec.LookPath("qemu-img")
	if err != nil {
		t.Skip("qemu-img not installed")
	}
	p := filepath.Join(t.TempDir(), "ms.vmdk")
	if out, err := exec.Command(qemu, "create", "-q", "-f", "vmdk", "-o", "subformat=monolithicSparse", p, "8G").CombinedOutput(); err != nil {
		t.Fatalf("qemu-img: %v\n%s", err, out)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := httprangetest.New(t, data)
	f, err := httprange.Open(context.Background(), s.URL+"/a.vmdk", httprange.Options{Client: http.DefaultClient})
	if err != nil {
		t.Fatal(err)
	}
	before := f.Requests()
	img, _ := disk.Probe(io.NewSectionReader(f, 0, f.Size()), f.Size(), "a.vmdk")
	if img.Subformat != "monolithicSparse" {
		t.Fatalf("probed %+v", img)
	}
	if n := f.Requests() - before; n > 10 {
		t.Errorf("the probe of an 8 GiB monolithicSparse VMDK (256 contiguous grain tables) made %d requests; want at most 10 (7 before the probe prefetched)", n)
	}
}
