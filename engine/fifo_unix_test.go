//go:build unix

package engine

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// A FIFO named like the disk (as extracting a hostile archive can leave)
// must not block the check.
func TestFolderFIFOIsNotOpened(t *testing.T) {
	dir := t.TempDir()
	ms := ovatest.Appliance{}.Members()
	for _, m := range ms[:2] {
		os.WriteFile(filepath.Join(dir, m.Name), m.Data, 0o644)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, ms[2].Name), 0o644); err != nil {
		t.Skip("cannot make a FIFO:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Check(context.Background(), Folder(os.DirFS(dir), ms[0].Name))
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the check blocks on a FIFO named like the disk")
	}
}
