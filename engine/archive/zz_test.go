package archive
import ("testing";"time";"math/rand";"bytes";"fmt")
func TestZZ(t *testing.T){
 r := rand.New(rand.NewSource(1))
 for si, s := range seeds(t) {
  for k := 0; k < 300; k++ {
   b := bytes.Clone(s)
   for j := 0; j < 1+r.Intn(8) && len(b) > 0; j++ { b[r.Intn(len(b))] = byte(r.Intn(256)) }
   st := time.Now()
   idx, _ := Open(bytes.NewReader(b), int64(len(b)), "x.ova")
   d1 := time.Since(st)
   compareWithArchiveTar(t, b, idx)
   d2 := time.Since(st)
   if d2 > 50*time.Millisecond { fmt.Println("slow", si, k, len(b), d1, d2) }
  }
 }
}
