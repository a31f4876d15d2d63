// Command compress writes brotli (.br) and gzip (.gz) copies of files next
// to them, at high levels (brotli 9: level 11 took minutes on this build machine for 3% less), so that a server can send the smaller
// encoding a browser accepts without compressing on each request
// (build/serve/static serves them).
//
//	go run ./build/compress site/dist/ovacheck.wasm
package main

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"

	"github.com/andybalholm/brotli"
)

func main() {
	for _, path := range os.Args[1:] {
		if err := compress(path); err != nil {
			fmt.Fprintln(os.Stderr, "compress:", err)
			os.Exit(1)
		}
	}
}

// compress writes path.br and path.gz and prints their sizes.
func compress(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	br, err := write(path+".br", data, func(w io.Writer) (io.WriteCloser, error) {
		return brotli.NewWriterLevel(w, 9), nil
	})
	if err != nil {
		return err
	}
	gz, err := write(path+".gz", data, func(w io.Writer) (io.WriteCloser, error) {
		return gzip.NewWriterLevel(w, gzip.BestCompression)
	})
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d bytes, %d brotli, %d gzip\n", path, len(data), br, gz)
	return nil
}

// write compresses data into a new file and returns the file's size.
func write(name string, data []byte, enc func(io.Writer) (io.WriteCloser, error)) (int64, error) {
	f, err := os.Create(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	w, err := enc(f)
	if err != nil {
		return 0, err
	}
	if _, err := w.Write(data); err != nil {
		return 0, err
	}
	if err := w.Close(); err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), f.Close()
}
