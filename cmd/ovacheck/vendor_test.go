package main

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/signature"
)

// needTools skips the test when a vendor tool is missing.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed: the vendor-made package test needs it (.ci/run installs it)", tool)
		}
	}
}

func runTool(t *testing.T, dir, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr)
	}
	return out
}

// TestVendorMadePackage makes a package the way vendors' build scripts do,
// with the real tools: a raw disk converted by qemu-img to a
// stream-optimized VMDK, a manifest from sha256sum's output, a signature
// from openssl dgst -sign in an ovftool-style padded certificate file, and
// the archive written by tar in the order DSP0243 gives. It must pass, and
// the same package with one disk byte changed must fail naming the disk.
func TestVendorMadePackage(t *testing.T) {
	needTools(t, "qemu-img", "sha256sum", "openssl", "tar")
	dir := t.TempDir()
	raw := bytes.Repeat([]byte("ovacheck vendor disk sector data"), 64<<10) // 2 MiB
	if err := os.WriteFile(filepath.Join(dir, "disk.raw"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	runTool(t, dir, "qemu-img", "convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", "disk.raw", "vendor-disk1.vmdk")
	st, err := os.Stat(filepath.Join(dir, "vendor-disk1.vmdk"))
	if err != nil {
		t.Fatal(err)
	}

	// The descriptor of the shared test appliance, pointing at this disk.
	desc := ovatest.Appliance{Name: "vendor", DiskCapacity: int64(len(raw)), Disks: [][]byte{nil}}.Descriptor()
	desc = strings.Replace(desc, `ovf:size="0"`, fmt.Sprintf(`ovf:size="%d"`, st.Size()), 1)
	os.WriteFile(filepath.Join(dir, "vendor.ovf"), []byte(desc), 0o644)

	// sha256sum prints "hex  name"; build scripts rewrite it to the OVF form.
	var mf strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(runTool(t, dir, "sha256sum", "vendor.ovf", "vendor-disk1.vmdk"))), "\n") {
		sum, name, _ := strings.Cut(line, "  ")
		fmt.Fprintf(&mf, "SHA256(%s)= %s\n", name, sum)
	}
	os.WriteFile(filepath.Join(dir, "vendor.mf"), []byte(mf.String()), 0o644)

	ca := ovatest.NewCA()
	signer := ca.Issue(ovatest.CertOptions{CommonName: "Vendor Release Signing", CodeSigning: true})
	os.WriteFile(filepath.Join(dir, "key.pem"), signer.KeyPEM, 0o600)
	runTool(t, dir, "openssl", "dgst", "-sha256", "-sign", "key.pem", "-out", "vendor.sig", "vendor.mf")
	sig, _ := os.ReadFile(filepath.Join(dir, "vendor.sig"))
	cert := ovatest.CertFile("vendor.mf", "SHA256", hex.EncodeToString(sig), true, signer.PEM)
	os.WriteFile(filepath.Join(dir, "vendor.cert"), cert, 0o644)

	runTool(t, dir, "tar", "--format=ustar", "-cf", "vendor.ova", "vendor.ovf", "vendor.mf", "vendor.cert", "vendor-disk1.vmdk")
	code, out, _ := ovacheck(t, nil, "--at=2026-06-01", "--signer-sha256", signature.Fingerprint(signer.Cert), filepath.Join(dir, "vendor.ova"))
	if code != 0 {
		t.Fatalf("a vendor-made package: exit %d\n%s", code, out)
	}
	if !strings.Contains(out, "signature verified") || !strings.Contains(out, "streamOptimized") {
		t.Errorf("the report does not show the verified signature and the disk format:\n%s", out)
	}

	// The same package, one byte of the disk changed after signing.
	vmdk, _ := os.ReadFile(filepath.Join(dir, "vendor-disk1.vmdk"))
	vmdk[len(vmdk)/2] ^= 0x01
	os.WriteFile(filepath.Join(dir, "vendor-disk1.vmdk"), vmdk, 0o644)
	runTool(t, dir, "tar", "--format=ustar", "-cf", "damaged.ova", "vendor.ovf", "vendor.mf", "vendor.cert", "vendor-disk1.vmdk")
	code, out, _ = ovacheck(t, nil, "--at=2026-06-01", filepath.Join(dir, "damaged.ova"))
	if code != 1 || !strings.Contains(out, "MF003") || !strings.Contains(out, "vendor-disk1.vmdk") {
		t.Fatalf("a disk changed after signing: exit %d, want 1 with MF003 naming the disk\n%s", code, out)
	}
}
