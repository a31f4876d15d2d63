// Command ovacheck checks OVF packages: an .ova archive, a descriptor with
// the files beside it, or an archive piped on standard input.
//
//	ovacheck [flags] appliance.ova      check a package
//	ovacheck [flags] appliance.ovf      check a descriptor and its files
//	curl -s URL | ovacheck -            check while downloading
//	ovacheck https://host/a.ova         check through HTTP range requests
//	ovacheck info appliance.ova         what is in the package
//	ovacheck spec appliance.ova         what a deployer must decide (govc import.spec JSON with --format json)
//	ovacheck rules                      list every rule
//	ovacheck explain MF003              document one rule
//
// Exit status: 0 when the verdict is pass or warn, 1 when it is fail, 2 when
// the check could not run.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	go func() {
		// After the first interrupt, let a second one end the program at
		// once, even while a read from a stalled pipe blocks.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses.
const (
	exitOK      = 0
	exitFail    = 1
	exitCantRun = 2
)

// run is the whole program, with its streams passed in so tests can drive
// it. It returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return listRules(stdout)
		case "explain":
			return explain(args[1:], stdout, stderr)
		case "info":
			return check(ctx, args[1:], stdin, stdout, stderr, true)
		case "spec":
			return deploySpec(args[1:], stdin, stdout, stderr)
		case "version", "--version":
			fmt.Fprintln(stdout, "ovacheck", version)
			return exitOK
		case "help", "-h", "-help", "--help":
			usage(stdout)
			return exitOK
		}
	}
	return check(ctx, args, stdin, stdout, stderr, false)
}
