//go:build e2e

package e2e

import (
	"archive/tar"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/site/samples"
)

// bigOVA writes an OVA of a descriptor, a manifest and a 1 GiB disk of
// zeros to dir, as a sparse file, and returns its path.
func bigOVA(t *testing.T, dir string) string {
	t.Helper()
	const size = 1 << 30
	zero := make([]byte, 1<<20)
	h := sha256.New()
	for i := 0; i < size/len(zero); i++ {
		h.Write(zero)
	}
	ovf := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
  <References><File ovf:href="big.img" ovf:id="file1" ovf:size="` + strconv.Itoa(size) + `"/></References>
  <DiskSection><Info>Disks</Info><Disk ovf:capacity="` + strconv.Itoa(size) + `" ovf:diskId="d1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/></DiskSection>
  <VirtualSystem ovf:id="big"><Info>A VM</Info></VirtualSystem>
</Envelope>
`)
	ovfSum := sha256.Sum256(ovf)
	mf := []byte(fmt.Sprintf("SHA256(big.ovf)= %x\nSHA256(big.img)= %x\n", ovfSum, h.Sum(nil)))

	path := filepath.Join(dir, "big.ova")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tw := tar.NewWriter(sparseWriter{f})
	for _, m := range []struct {
		name string
		data []byte
		size int64
	}{{"big.ovf", ovf, int64(len(ovf))}, {"big.mf", mf, int64(len(mf))}, {"big.img", nil, size}} {
		if err := tw.WriteHeader(&tar.Header{Name: m.name, Size: m.size, Mode: 0o644, Format: tar.FormatUSTAR}); err != nil {
			t.Fatal(err)
		}
		if m.data != nil {
			tw.Write(m.data)
			continue
		}
		for i := 0; i < size/len(zero); i++ {
			if _, err := tw.Write(zero); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	end, _ := f.Seek(0, io.SeekCurrent)
	if err := f.Truncate(end); err != nil {
		t.Fatal(err)
	}
	return path
}

// sparseWriter skips runs of zeros by seeking, so the 1 GiB disk takes no
// space; the file is truncated to its full length at the end.
type sparseWriter struct{ f *os.File }

func (w sparseWriter) Write(p []byte) (int, error) {
	for _, b := range p {
		if b != 0 {
			return w.f.Write(p)
		}
	}
	if _, err := w.f.Seek(int64(len(p)), io.SeekCurrent); err != nil {
		return 0, err
	}
	return len(p), nil
}

func TestCancelStopsLargeCheck(t *testing.T) {
	p := openPage(t)
	path := bigOVA(t, t.TempDir())
	p.choose(t, path)
	// The structural verdict arrives before hashing; then cancel.
	if err := chromedp.Do(p.ctx, chromedp.WaitVisible(chromedp.CSS(`#report [data-structural-verdict]`))); err != nil {
		t.Fatalf("no structural verdict: %v", err)
	}
	// The structural verdict is focused, with the progress inside it.
	p.waitFor(t, "the structural banner to take focus", `document.activeElement && document.activeElement.matches("#report .banner[data-structural-verdict]")`, 5*time.Second)
	if !evalAs[bool](t, p, `!!document.querySelector("#report .banner #status:not([hidden])")`) {
		t.Error("the progress is not inside the structural verdict's banner")
	}
	// Progress counts each byte of the file once, in binary units.
	p.waitFor(t, "progress in bytes", `/ of /.test(document.getElementById("rate").textContent)`, 10*time.Second)
	if rate := evalAs[string](t, p, `document.getElementById("rate").textContent`); !strings.Contains(rate, "of 1.0 GiB") {
		t.Errorf("progress %q, want it counted against the file's 1.0 GiB", rate)
	}
	time.Sleep(300 * time.Millisecond)
	if err := chromedp.Do(p.ctx, chromedp.Click(chromedp.CSS(`#cancel`))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](`!!document.querySelector("#report [data-cancelled]")`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("no cancellation shown: %v", err)
	}
	// A clean state: no progress, no half report, "Check again" focused.
	clean := evalAs[string](t, p, `[document.getElementById("status").hidden, !!document.querySelector("#report .banner"), document.activeElement.textContent].join(" ")`)
	if clean != "true false Check again" {
		t.Errorf("after cancel (progress hidden, banner shown, focus): %q, want %q", clean, "true false Check again")
	}
	first := evalAs[string](t, p, `document.querySelector("[data-progress]").dataset.progress`)
	time.Sleep(1500 * time.Millisecond)
	second := evalAs[string](t, p, `document.querySelector("[data-progress]").dataset.progress`)
	if f, _ := strconv.ParseFloat(first, 64); f >= 1 || first != second {
		t.Errorf("progress after cancel went %s -> %s; want it stopped short of 1", first, second)
	}
	verdicts := evalAs[int](t, p, `document.querySelectorAll("#report [data-verdict]").length`)
	if verdicts != 0 {
		t.Errorf("a cancelled check shows a verdict")
	}
	if logs := p.logs() + evalAs[string](t, p, `JSON.stringify(window.ovacheckLog || [])`); strings.Contains(logs, "released function") {
		t.Errorf("the engine logged a call to a released Go function after cancel:\n%s", logs)
	}
	// The page still works: a sound sample checks after the cancel.
	p.choose(t, write(t, "sound.ova", soundOVA()))
	if v := p.verdict(t); v != "pass" {
		t.Errorf("check after cancel: verdict %q", v)
	}
}

func soundOVA() []byte { return samples.Sound() }
