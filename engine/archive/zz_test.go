package archive
import ("testing";"time";"math/rand";"bytes";"fmt";"os";"runtime/pprof")
func TestZZ(t *testing.T){
 r := rand.New(rand.NewSource(2))
 ss := seeds(t)
 for k := 0; k < 20000; k++ {
   si := r.Intn(len(ss))
   b := bytes.Clone(ss[si])
   for j := 0; j < 1+r.Intn(8) && len(b) > 0; j++ {
     switch r.Intn(3) {
     case 0: b[r.Intn(len(b))] = byte(r.Intn(256))
     case 1: b[r.Intn(len(b))] = "0123456789 \x00\x80\xffxgLKS5"[r.Intn(16)]
     case 2: if len(b) > 10 { i := r.Intn(len(b)-8); copy(b[i:], []byte{0x80,0,0,0,0,0xff,0xff,0xff}[:r.Intn(8)]) }
     }
   }
   b = withChecksums(b)
   done := make(chan bool)
   go func(){ select { case <-done: case <-time.After(3*time.Second): fmt.Println("HANG", si, k); os.WriteFile("/tmp/hang.bin", b, 0644); pprof.Lookup("goroutine").WriteTo(os.Stdout, 2); os.Exit(1) } }()
   idx, _ := Open(bytes.NewReader(b), int64(len(b)), "x.ova")
   compareWithArchiveTar(t, b, idx)
   Stream(bytes.NewReader(b), "x", nil)
   close(done)
 }
}
