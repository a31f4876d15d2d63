package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"

	"github.com/ovacheck/ovacheck/engine/httprange"
)

// DoHResolver returns a Resolve for URLConfig that asks a DNS-over-HTTPS
// server's JSON API (endpoint such as https://cloudflare-dns.com/dns-query)
// for a name's A and AAAA records, through client: a Worker has no other
// way to resolve a name. Each lookup is two subrequests.
func DoHResolver(client httprange.Doer, endpoint string) func(ctx context.Context, host string) ([]netip.Addr, error) {
	return func(ctx context.Context, host string) ([]netip.Addr, error) {
		var out []netip.Addr
		for _, typ := range []string{"A", "AAAA"} {
			addrs, err := dohQuery(ctx, client, endpoint, host, typ)
			if err != nil {
				return nil, err
			}
			out = append(out, addrs...)
		}
		return out, nil
	}
}

// dohAnswer is the part of the JSON API's answer used here: record types
// 1 (A) and 28 (AAAA) carry an address in data; CNAMEs (5) are skipped,
// their targets' addresses follow in the same answer.
type dohAnswer struct {
	Status int `json:"Status"`
	Answer []struct {
		Type int    `json:"type"`
		Data string `json:"data"`
	} `json:"Answer"`
}

func dohQuery(ctx context.Context, client httprange.Doer, endpoint, host, typ string) ([]netip.Addr, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint+"?name="+url.QueryEscape(host)+"&type="+typ, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/dns-json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("DNS over HTTPS: %s", resp.Status)
	}
	var a dohAnswer
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&a); err != nil {
		return nil, fmt.Errorf("DNS over HTTPS: %w", err)
	}
	var out []netip.Addr
	for _, rr := range a.Answer {
		if rr.Type != 1 && rr.Type != 28 {
			continue
		}
		if addr, err := netip.ParseAddr(rr.Data); err == nil {
			out = append(out, addr)
		}
	}
	return out, nil
}
