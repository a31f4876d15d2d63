// Command bench measures the command-line verifier against two references
// measured in the same run over the same package file: Go's own SHA-256 (a
// plain io.CopyBuffer into sha256.New() with a 1 MiB buffer, built into this
// program and run as a child process like the others) and `openssl dgst
// -sha256`. It prints each figure of issue 14's speed and memory goals with
// the goal and PASS or FAIL:
//
//   - one disk: ovacheck's wall time over a package with one disk of random
//     data, against each reference over that package;
//   - two disks: ovacheck over a package with two disks of half the size,
//     against Go's one-stream time over the one-disk package (beside it,
//     for information, Go's SHA-256 of the two disks in two processes at
//     once: what this machine gives two hashes, the floor of that figure);
//   - peak RSS of ovacheck at the given size and at 8 GiB (a sparse package
//     whose disk is a hole: it takes no disk space, yet every byte is read
//     and hashed);
//
// and, for information, what --deep costs on a stream-optimized VMDK.
//
// ovacheck runs as a user runs it: `ovacheck PKG`, default options, with
// its report and progress going to /dev/null. Timings are medians of
// several runs after one untimed warm-up, with a warm page cache, and the
// commands take turns so a change in the machine's load falls on all of
// them. The warm-up of ovacheck uses --format json, which does the same
// check and only renders it differently, so the bench can confirm from the
// report that every disk was hashed and matched its manifest digest.
//
//	go run ./build/bench [-size 1GiB] [-runs 3] [-ovacheck build/dist/ovacheck] [-dir TMP]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == goHashFlag {
		os.Exit(goHash(os.Args[2:]))
	}
	size := flag.Int64("size", 1<<30, "disk bytes in the timed packages (one disk, or two of half the size)")
	big := flag.Int64("big", 8<<30, "disk bytes in the sparse package of the second memory figure")
	runs := flag.Int("runs", 3, "timed runs of each command (the median is used)")
	bin := flag.String("ovacheck", "build/dist/ovacheck", "the ovacheck binary to measure")
	dir := flag.String("dir", "", "folder for the temporary packages (default the system's)")
	flag.Parse()
	if err := bench(*bin, *dir, *size, *big, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func bench(bin, parent string, size, big int64, runs int) error {
	if _, err := exec.LookPath("openssl"); err != nil {
		return fmt.Errorf("openssl is needed as a reference: %w", err)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp(parent, "ovacheck-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	removeOnInterrupt(dir)

	fmt.Printf("ovacheck command-line benchmark: %s, load %s\n", machine(), loadavg())
	fmt.Printf("timings: median of %d runs after one warm-up, warm page cache, commands taking turns\n", runs)
	fmt.Printf("ovacheck runs with default options (`ovacheck PKG`); its warm-up run adds --format json\n")
	fmt.Printf("(same check, other rendering) to confirm every disk was hashed and matched the manifest\n\n")

	one, err := writeRandomPackage(dir, "bench-1disk.ova", 1, size)
	if err != nil {
		return err
	}
	two, err := writeRandomPackage(dir, "bench-2disks.ova", 2, size/2)
	if err != nil {
		return err
	}
	goRef := &command{name: "Go SHA-256 over the one-disk file", path: self, args: []string{goHashFlag, one.path}}
	sslRef := &command{name: "openssl dgst -sha256, same file", path: "openssl", args: []string{"dgst", "-sha256", one.path}}
	// Not a goal: what two hashes at once get from this machine, the floor
	// under the two-disk figure.
	goTwo := &command{name: "Go SHA-256 of each disk, two processes", path: self, check: two.hexes}
	for _, d := range two.disks {
		a := []string{goHashFlag, two.path, fmt.Sprint(d.offset), fmt.Sprint(d.size)}
		if goTwo.args == nil {
			goTwo.args = a
		} else {
			goTwo.together = append(goTwo.together, a)
		}
	}
	ovaOne := ovacheck(bin, "ovacheck, one disk of "+gib(size), one)
	ovaTwo := ovacheck(bin, fmt.Sprintf("ovacheck, two disks of %s", gib(size/2)), two)
	if err := interleave(runs, goRef, sslRef, goTwo, ovaOne, ovaTwo); err != nil {
		return err
	}
	os.Remove(one.path)
	os.Remove(two.path)

	sparse, err := writeSparsePackage(dir, "bench-sparse.ova", big)
	if err != nil {
		return err
	}
	ovaBig := ovacheck(bin, fmt.Sprintf("ovacheck, one sparse disk of %s", gib(big)), sparse)
	if err := interleave(1, ovaBig); err != nil {
		return err
	}
	st, err := os.Stat(sparse.path)
	if err != nil {
		return err
	}
	sparseNote := fmt.Sprintf("the sparse package is %s long and takes %s on disk", gib(st.Size()), gib(stored(sparse.path)))
	os.Remove(sparse.path)

	fmt.Printf("%-44s %8s %8s %8s %8s %10s\n", "command", "wall", "min", "max", "CPU", "peak RSS")
	for _, c := range []*command{goRef, sslRef, goTwo, ovaOne, ovaTwo, ovaBig} {
		c.print()
	}
	fmt.Printf("(CPU is user+system time; CPUs busy per wall second: Go reference %.2f, ovacheck one disk %.2f,\n",
		goRef.cpu()/goRef.wall(), ovaOne.cpu()/ovaOne.wall())
	fmt.Printf(" two disks %.2f; %s)\n", ovaTwo.cpu()/ovaTwo.wall(), sparseNote)

	fmt.Printf("\n%-46s %10s %10s  %s\n", "goal (issue 14)", "measured", "goal", "result")
	goal("one disk: ovacheck / Go SHA-256", ovaOne.wall()/goRef.wall(), 1.05, "x")
	goal("one disk: ovacheck / openssl", ovaOne.wall()/sslRef.wall(), 1.05, "x")
	goal("two disks of half: ovacheck / Go one-stream", ovaTwo.wall()/goRef.wall(), 0.60, "x")
	fmt.Printf("%-46s %10s %10s\n", "  (not a goal: two Go hashes at once / one)", fmt.Sprintf("%.2fx", goTwo.wall()/goRef.wall()), "")
	goal("peak RSS at "+gib(size), ovaOne.rssMiB(), 32, " MiB")
	goal("peak RSS at "+gib(big)+" (sparse)", ovaBig.rssMiB(), 32, " MiB")

	if err := benchDeep(bin, dir, size/4, runs); err != nil {
		return err
	}
	fmt.Printf("\nload at the end: %s\n", loadavg())
	return nil
}

// removeOnInterrupt removes the packages when the bench is interrupted,
// since deferred calls do not run then: they are gigabytes.
func removeOnInterrupt(dir string) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		os.RemoveAll(dir)
		os.Exit(130)
	}()
}

// goal prints one goal's line: the measured figure, the bound it must not
// exceed, and PASS or FAIL.
func goal(name string, got, limit float64, unit string) {
	result := "PASS"
	if got > limit {
		result = "FAIL"
	}
	fmt.Printf("%-46s %10s %10s  %s\n", name, fmt.Sprintf("%.2f%s", got, unit), fmt.Sprintf("<= %g%s", limit, unit), result)
}

// machine names the CPUs and the versions of the things measured.
func machine() string {
	ssl, _ := exec.Command("openssl", "version").Output()
	ver := strings.Fields(string(ssl))
	if len(ver) > 2 {
		ver = ver[:2]
	}
	return fmt.Sprintf("%d CPUs, %s, %s", runtime.NumCPU(), runtime.Version(), strings.Join(ver, " "))
}

// loadavg returns the three load averages of /proc/loadavg, or "?".
func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "?"
}

// gib writes a size in GiB or, below 1 GiB, in MiB.
func gib(n int64) string {
	switch {
	case n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
