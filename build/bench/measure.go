package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

// command is one program measured by the bench, with the samples of its
// timed runs.
type command struct {
	name string
	path string
	args []string
	// warmArgs, when set, replace args in the untimed warm-up run, and
	// check then judges that run's standard output.
	warmArgs []string
	check    func(stdout []byte) error

	walls, cpus []time.Duration
	rss         int64 // the largest peak RSS of the timed runs, in KiB
}

// interleave runs each command once untimed, then runs times in turn, so
// that a change in the machine's load during the bench falls on all of
// them alike.
func interleave(runs int, cmds ...*command) error {
	for i := 0; i <= runs; i++ {
		for _, c := range cmds {
			if err := c.run(i == 0); err != nil {
				return err
			}
		}
	}
	return nil
}

// run runs the command once. A timed run writes to /dev/null, as a
// terminal would take it, and records wall time, CPU time (user and
// system) and peak RSS; the warm-up run keeps the output to check it.
func (c *command) run(warmUp bool) error {
	args := c.args
	if warmUp && c.warmArgs != nil {
		args = c.warmArgs
	}
	cmd := exec.Command(c.path, args...)
	var stdout, stderr bytes.Buffer
	if warmUp {
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
	}
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	// ovacheck exits 1 when its verdict is fail: let the check of the
	// warm-up run say why.
	if exit, ok := err.(*exec.ExitError); ok && exit.ExitCode() == 1 && warmUp && c.check != nil {
		err = nil
	}
	if err != nil {
		return fmt.Errorf("%s %s: %v %s", c.path, strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	if warmUp {
		if c.check != nil {
			if err := c.check(stdout.Bytes()); err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
		}
		return nil
	}
	c.walls = append(c.walls, wall)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		c.cpus = append(c.cpus, time.Duration(ru.Utime.Nano()+ru.Stime.Nano()))
		c.rss = max(c.rss, ru.Maxrss) // KiB on Linux
	}
	return nil
}

// wall and cpu are the medians of the timed runs, in seconds.
func (c *command) wall() float64 { return median(c.walls).Seconds() }
func (c *command) cpu() float64  { return median(c.cpus).Seconds() }

func (c *command) rssMiB() float64 { return float64(c.rss) / 1024 }

// print writes the command's line of the timings table.
func (c *command) print() {
	fmt.Printf("%-40s %7.3fs %7.3fs %7.3fs %7.3fs %6.1f MiB\n", c.name, c.wall(),
		slices.Min(c.walls).Seconds(), slices.Max(c.walls).Seconds(), c.cpu(), c.rssMiB())
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
