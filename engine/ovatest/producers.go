//go:build !js

package ovatest

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Producers: package parts made by the real tools projects use to build
// OVAs (qemu-img, python3's VMDKstream, GNU tar, sha1sum/sha256sum piped
// through sed or awk, openssl dgst). They shell out, so they are for tests
// only; each asks RequireTool for its program first.

// RequireToolsEnv names the environment variable that, set to 1, makes a
// missing tool fail the test instead of skipping it. build/test.sh sets it,
// so that CI can never pass by skipping the tests that need real tools.
const RequireToolsEnv = "OVACHECK_REQUIRE_TOOLS"

// RequireTool returns the path of program name, or skips the test (fails
// it when RequireToolsEnv is 1) naming the Debian package that provides it.
func RequireTool(tb testing.TB, name, debianPackage string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		missingTool(tb, name, debianPackage)
	}
	return path
}

func missingTool(tb testing.TB, what, debianPackage string) {
	tb.Helper()
	msg := what + " is not installed (Debian package " + debianPackage + "; npm test installs it)"
	if os.Getenv(RequireToolsEnv) == "1" {
		tb.Fatalf("%s, and %s=1 requires it", msg, RequireToolsEnv)
	}
	tb.Skip(msg + ": test not run")
}

// RequireVMDKstream returns a python3 interpreter that can import Debian's
// python3-vmdkstream module (named VMDKstream; run as
// `python3 -m VMDKstream RAW VMDK`), or skips or fails as RequireTool does.
// The system interpreter is tried first, since a python3 earlier on PATH
// (pyenv, a virtualenv) does not see Debian's dist-packages.
func RequireVMDKstream(tb testing.TB) string {
	tb.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(py, "-c", "import VMDKstream").Run() == nil {
			return py
		}
	}
	missingTool(tb, "python3's VMDKstream module", "python3-vmdkstream")
	return ""
}

// RawKind says what a raw disk image made by RawImage holds.
type RawKind string

const (
	// RawRandom: seeded random bytes throughout, which do not compress.
	RawRandom RawKind = "random"
	// RawSparse: zeros, with a few seeded random 4 KiB blocks, so most
	// grains are absent from a sparse image.
	RawSparse RawKind = "sparse"
	// RawFull: every byte non-zero in a repeating pattern, so every grain
	// is allocated yet compresses well.
	RawFull RawKind = "full"
)

// RawImage returns a raw disk image of size bytes of the given kind, the
// same for the same seed.
func RawImage(kind RawKind, size int64, seed uint64) []byte {
	b := make([]byte, size)
	r := rand.New(rand.NewPCG(seed, uint64(size)))
	switch kind {
	case RawRandom:
		for i := range b {
			b[i] = byte(r.Uint32())
		}
	case RawSparse:
		const block = 4096
		blocks := size / block
		for range 1 + blocks/64 {
			at := r.Int64N(blocks) * block
			for i := at; i < at+block; i++ {
				b[i] = byte(r.Uint32())
			}
		}
	case RawFull:
		for i := range b {
			b[i] = byte(i%251) + 1
		}
	default:
		panic("ovatest: unknown raw kind " + string(kind))
	}
	return b
}

// QemuStreamVMDK converts raw to a stream-optimized VMDK with
// `qemu-img convert -O vmdk -o subformat=streamOptimized`, working in dir.
func QemuStreamVMDK(tb testing.TB, dir string, raw []byte) []byte {
	tb.Helper()
	qemu := RequireTool(tb, "qemu-img", "qemu-utils")
	in, out := scratch(tb, dir, raw)
	run(tb, dir, qemu, "convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", in, out)
	return readFile(tb, out)
}

// PythonStreamVMDK converts raw to a stream-optimized VMDK with Debian's
// python3-vmdkstream (`python3 -m VMDKstream RAW VMDK`), working in dir.
func PythonStreamVMDK(tb testing.TB, dir string, raw []byte) []byte {
	tb.Helper()
	py := RequireVMDKstream(tb)
	in, out := scratch(tb, dir, raw)
	run(tb, dir, py, "-m", "VMDKstream", in, out)
	return readFile(tb, out)
}

// ManifestTool names a way packaging scripts write an OVF manifest.
type ManifestTool string

const (
	// Sha1sum: `sha1sum FILES | sed` into SHA1(name)= hex lines.
	Sha1sum ManifestTool = "sha1sum+sed"
	// Sha256sum: `sha256sum FILES | awk` into SHA256(name)= hex lines.
	Sha256sum ManifestTool = "sha256sum+awk"
	// OpenSSLSHA256: `openssl dgst -sha256 FILES` as it is. OpenSSL 3
	// names the algorithm SHA2-256 there (SHA256 before 3.0; seen with
	// OpenSSL 3.0.19 on Debian 12).
	OpenSSLSHA256 ManifestTool = "openssl-sha256"
	// OpenSSLSHA1: `openssl dgst -sha1 FILES`, which writes SHA1(name)= hex.
	OpenSSLSHA1 ManifestTool = "openssl-sha1"
)

// ManifestTools lists every ManifestTool.
var ManifestTools = []ManifestTool{Sha1sum, Sha256sum, OpenSSLSHA256, OpenSSLSHA1}

// ToolManifest returns the manifest tool writes for the files names in
// dir, in that order.
func ToolManifest(tb testing.TB, tool ManifestTool, dir string, names ...string) []byte {
	tb.Helper()
	var script string
	switch tool {
	case Sha1sum:
		RequireTool(tb, "sha1sum", "coreutils")
		script = `sha1sum -- "$@" | sed -E 's/^([0-9a-f]{40})  (.*)$/SHA1(\2)= \1/'`
	case Sha256sum:
		RequireTool(tb, "sha256sum", "coreutils")
		script = `sha256sum -- "$@" | awk '{ print "SHA256(" $2 ")= " $1 }'`
	case OpenSSLSHA256:
		RequireTool(tb, "openssl", "openssl")
		script = `openssl dgst -sha256 "$@"`
	case OpenSSLSHA1:
		RequireTool(tb, "openssl", "openssl")
		script = `openssl dgst -sha1 "$@"`
	default:
		tb.Fatalf("unknown manifest tool %q", tool)
	}
	return run(tb, dir, "sh", append([]string{"-c", "set -e; " + script, "sh"}, names...)...)
}

// TarOVA returns the archive GNU tar writes of the files names in dir, in
// that order, with --format=format ("gnu", "pax", "ustar").
func TarOVA(tb testing.TB, format, dir string, names ...string) []byte {
	tb.Helper()
	tar := RequireTool(tb, "tar", "tar")
	args := append([]string{"--format=" + format, "--owner=0", "--group=0", "-cf", "-", "--"}, names...)
	return run(tb, dir, tar, args...)
}

// WriteMembers writes each member as a file in dir.
func WriteMembers(tb testing.TB, dir string, ms ...Member) {
	tb.Helper()
	for _, m := range ms {
		if err := os.WriteFile(filepath.Join(dir, m.Name), m.Data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// scratch writes raw to a fresh file in dir and returns its path and the
// path of a fresh output file beside it.
func scratch(tb testing.TB, dir string, raw []byte) (in, out string) {
	tb.Helper()
	f, err := os.CreateTemp(dir, "raw-*.img")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(raw); err != nil {
		tb.Fatal(err)
	}
	return f.Name(), strings.TrimSuffix(f.Name(), ".img") + ".vmdk"
}

func readFile(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// run runs a program in dir and returns its standard output, failing the
// test with its standard error when it does not succeed.
func run(tb testing.TB, dir, name string, args ...string) []byte {
	tb.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes()
}
