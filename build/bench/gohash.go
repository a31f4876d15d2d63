package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strconv"
)

// goHashFlag makes the bench program the Go reference: `bench -gohash FILE
// [OFFSET LENGTH]` prints the SHA-256 of FILE, or of LENGTH bytes of it
// from OFFSET, and exits. It is not a flag of the flag set, so it does not
// show in -help.
const goHashFlag = "-gohash"

// goHash is Go's own SHA-256 over a file, the way a Go program without
// tricks hashes one: io.CopyBuffer into sha256.New() with a 1 MiB buffer.
// The reader is wrapped so the buffer is really used: *os.File has a
// WriteTo method, which io.CopyBuffer would prefer, and which for a hash
// falls back to io.Copy with 32 KiB reads.
func goHash(args []string) int {
	if len(args) != 1 && len(args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: bench -gohash FILE [OFFSET LENGTH]")
		return 2
	}
	f, err := os.Open(args[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer f.Close()
	var r io.Reader = f
	if len(args) == 3 {
		off, err1 := strconv.ParseInt(args[1], 10, 64)
		n, err2 := strconv.ParseInt(args[2], 10, 64)
		if err1 != nil || err2 != nil {
			fmt.Fprintln(os.Stderr, "bench -gohash: OFFSET and LENGTH are byte counts")
			return 2
		}
		r = io.NewSectionReader(f, off, n)
	}
	h := sha256.New()
	if _, err := io.CopyBuffer(h, struct{ io.Reader }{r}, make([]byte, 1<<20)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(hex.EncodeToString(h.Sum(nil)))
	return 0
}
