//go:build e2e

package e2e

import (
	"testing"
	"time"
)

func TestZZDebug(t *testing.T) {
	p := openPage(t)
	r := evalAs[string](t, p, `new Promise((resolve) => {
	  const w = new Worker("hash-worker.js", {type: "module"});
	  w.onerror = (e) => resolve("error: " + e.message + " " + e.filename + ":" + e.lineno);
	  w.onmessage = (e) => resolve(JSON.stringify(e.data));
	  w.postMessage({job: 1, blob: new Blob(["abc"]), passes: [{offset: 0, size: 3, targets: [{key: 0, offset: 0, size: 3, algorithms: ["sha256", "sha1"]}]}]});
	  setTimeout(() => resolve("timeout"), 5000);
	})`)
	t.Log(r)
	time.Sleep(0)
}
