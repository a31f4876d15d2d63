package api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// The JSON answers of a DNS-over-HTTPS server give the addresses of both
// record types, CNAMEs skipped.
func TestDoHResolver(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept") != "application/dns-json" || r.URL.Query().Get("name") != "dl.example.com" {
			http.Error(w, "bad query", 400)
			return
		}
		if r.URL.Query().Get("type") == "A" {
			fmt.Fprint(w, `{"Status":0,"Answer":[{"type":5,"data":"cdn.example.net."},{"type":1,"data":"10.0.0.7"}]}`)
			return
		}
		fmt.Fprint(w, `{"Status":0,"Answer":[{"type":28,"data":"2606:4700::1"}]}`)
	}))
	defer srv.Close()
	addrs, err := DoHResolver(srv.Client(), srv.URL)(context.Background(), "dl.example.com")
	if err != nil || len(addrs) != 2 || addrs[0].String() != "10.0.0.7" || addrs[1].String() != "2606:4700::1" {
		t.Fatalf("%v %v", addrs, err)
	}
}
