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

// command is one thing measured by the bench, with the samples of its
// timed runs: a program, or several instances of it run at once.
type command struct {
	name string
	path string
	args []string
	// together, when set, are the arguments of further instances started
	// with the first; a run lasts until all have ended.
	together [][]string
	// warmArgs, when set, replace args in the untimed warm-up run; check
	// judges that run's standard output (the instances' in turn).
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
// system, summed over the instances) and peak RSS; the warm-up run keeps
// the output to check it.
func (c *command) run(warmUp bool) error {
	args := c.args
	if warmUp && c.warmArgs != nil {
		args = c.warmArgs
	}
	all := append([][]string{args}, c.together...)
	cmds := make([]*exec.Cmd, len(all))
	stdouts := make([]bytes.Buffer, len(all))
	stderrs := make([]bytes.Buffer, len(all))
	for i, a := range all {
		cmds[i] = exec.Command(c.path, a...)
		if warmUp {
			cmds[i].Stdout, cmds[i].Stderr = &stdouts[i], &stderrs[i]
		}
	}
	start := time.Now()
	var err error
	for _, cmd := range cmds {
		if e := cmd.Start(); e != nil && err == nil {
			err = e
		}
	}
	for _, cmd := range cmds {
		if e := cmd.Wait(); e != nil && err == nil {
			err = e
		}
	}
	wall := time.Since(start)
	// ovacheck exits 1 when its verdict is fail: let the check of the
	// warm-up run say why.
	if exit, ok := err.(*exec.ExitError); ok && exit.ExitCode() == 1 && warmUp && c.check != nil {
		err = nil
	}
	var stdout, stderr bytes.Buffer
	for i := range all {
		stdout.Write(stdouts[i].Bytes())
		stderr.Write(stderrs[i].Bytes())
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
	var cpu time.Duration
	for _, cmd := range cmds {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			cpu += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			c.rss = max(c.rss, ru.Maxrss) // KiB on Linux
		}
	}
	c.cpus = append(c.cpus, cpu)
	return nil
}

// wall and cpu are the medians of the timed runs, in seconds.
func (c *command) wall() float64 { return median(c.walls).Seconds() }
func (c *command) cpu() float64  { return median(c.cpus).Seconds() }

func (c *command) rssMiB() float64 { return float64(c.rss) / 1024 }

// print writes the command's line of the timings table.
func (c *command) print() {
	fmt.Printf("%-44s %7.3fs %7.3fs %7.3fs %7.3fs %6.1f MiB\n", c.name, c.wall(),
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
