package api

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"

	"github.com/ovacheck/ovacheck/engine/httprange"
)

// URLConfig is how POST /api/v1/validate-url reaches the package. The
// Worker sets it (wasm/worker/fetch_js.go) to the Workers fetch and a
// DNS-over-HTTPS lookup; the defaults use net/http and the system
// resolver.
type URLConfig struct {
	// Client sends the subrequests. It must not follow redirects itself:
	// the guard follows them, checking each address.
	Client httprange.Doer
	// Resolve returns the addresses of a host name.
	Resolve func(ctx context.Context, host string) ([]netip.Addr, error)
	// AllowLoopbackHTTP is a test setting: when it returns true, http://
	// URLs on loopback addresses (127.0.0.0/8, ::1) are accepted, so that
	// tests can serve a package locally. Private and link-local addresses
	// stay refused.
	AllowLoopbackHTTP func() bool
}

// URLFetch is the configuration the endpoint uses: set natively by
// urlfetch_native.go, in the Worker by wasm/worker/fetch_js.go.
var URLFetch URLConfig

// refusal is a URL the endpoint will not fetch, with the reason in a
// sentence and a short code ("scheme", "address", "name", "redirect").
type refusal struct {
	code, reason string
}

func (r *refusal) Error() string { return r.reason }

// Unwrap makes the reader give up at once rather than retry.
func (r *refusal) Unwrap() error {
	if r.code == "limit" {
		return httprange.ErrLimit
	}
	return httprange.ErrRefused
}

// maxRedirects caps the redirects followed for one URL.
const maxRedirects = 3

// guard checks every URL a subrequest goes to, and follows redirects
// itself so that each hop is checked. Where a URL redirected to is kept,
// so later ranges go straight there.
type guard struct {
	cfg URLConfig
	// maxSubrequests caps the requests and name lookups made (each is a
	// subrequest of the Worker's).
	maxSubrequests int

	mu          sync.Mutex
	final       map[string]*url.URL
	resolved    map[string]bool // hosts whose addresses were all public
	subrequests int
	// exhausted is set once a subrequest was refused for the cap.
	exhausted bool
}

// count takes one subrequest from the budget, or refuses.
func (g *guard) count() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.subrequests >= g.maxSubrequests {
		g.exhausted = true
		return &refusal{"limit", fmt.Sprintf("reading the package's structure took more than %d subrequests", g.maxSubrequests)}
	}
	g.subrequests++
	return nil
}

// check refuses a URL that is not https (or http on loopback under the
// test setting), or whose host is, or resolves to, an address that is
// not public.
func (g *guard) check(ctx context.Context, u *url.URL) error {
	loopbackOK := g.cfg.AllowLoopbackHTTP != nil && g.cfg.AllowLoopbackHTTP()
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && loopbackOK:
	default:
		return &refusal{"scheme", fmt.Sprintf("only https URLs are checked, not %q", truncate(u.Scheme+"://", 20))}
	}
	if u.User != nil {
		return &refusal{"scheme", "a URL with a user name or password is not checked"}
	}
	host := u.Hostname()
	if host == "" {
		return &refusal{"scheme", "the URL names no host"}
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		return addressRule(addr, host, loopbackOK)
	}
	if reason := nameRule(host); reason != "" {
		return &refusal{"name", reason}
	}
	g.mu.Lock()
	done := g.resolved[host]
	g.mu.Unlock()
	if done {
		return nil
	}
	if err := g.count(); err != nil {
		return err
	}
	addrs, err := g.cfg.Resolve(ctx, host)
	if err != nil || len(addrs) == 0 {
		return &refusal{"name", fmt.Sprintf("the name %q could not be resolved", truncate(host, 80))}
	}
	for _, a := range addrs {
		if err := addressRule(a, host, loopbackOK); err != nil {
			return err
		}
	}
	g.mu.Lock()
	if g.resolved == nil {
		g.resolved = map[string]bool{}
	}
	g.resolved[host] = true
	g.mu.Unlock()
	return nil
}

// nameRule refuses names that stand for local hosts whatever they resolve
// to, and names of one label, which only a local resolver knows.
func nameRule(host string) string {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	for _, local := range []string{"localhost", "local", "internal", "home.arpa", "lan", "intranet"} {
		if h == local || strings.HasSuffix(h, "."+local) {
			return fmt.Sprintf("%q names a local host: only public addresses are checked", truncate(host, 80))
		}
	}
	if !strings.Contains(h, ".") {
		return fmt.Sprintf("%q is not a fully qualified name: only public addresses are checked", truncate(host, 80))
	}
	return ""
}

// nonPublic are IPv4 ranges that netip's predicates do not cover and that
// do not reach the public internet: "this network", carrier-grade NAT,
// IETF protocol assignments, benchmarking, and the reserved class E.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64: may lead to any IPv4 address
}

// addressRule refuses an address that is not public: private, loopback
// (unless loopbackOK), link-local, multicast, unspecified or reserved.
func addressRule(a netip.Addr, host string, loopbackOK bool) error {
	a = a.Unmap()
	what := ""
	switch {
	case a.IsLoopback():
		if loopbackOK {
			return nil
		}
		what = "a loopback address"
	case a.IsPrivate():
		what = "a private address"
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		what = "a link-local address"
	case a.IsUnspecified(), a.IsMulticast(), a.IsInterfaceLocalMulticast():
		what = "not a unicast address"
	default:
		for _, p := range nonPublic {
			if p.Contains(a) {
				what = "a reserved address"
			}
		}
	}
	if what == "" {
		return nil
	}
	if host == a.String() {
		return &refusal{"address", fmt.Sprintf("%s is %s: only public addresses are checked", a, what)}
	}
	return &refusal{"address", fmt.Sprintf("%q resolves to %s, %s: only public addresses are checked", truncate(host, 80), a, what)}
}

// Do sends req to where its URL leads, checking the URL and each URL it
// redirects to.
func (g *guard) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	orig := req.URL.String()
	u := req.URL
	g.mu.Lock()
	if f, ok := g.final[orig]; ok {
		u = f
	}
	g.mu.Unlock()
	for hop := 0; ; hop++ {
		if err := g.check(ctx, u); err != nil {
			return nil, err
		}
		if err := g.count(); err != nil {
			return nil, err
		}
		r := req.Clone(ctx)
		r.URL, r.Host = u, ""
		resp, err := g.cfg.Client.Do(r)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 300 || resp.StatusCode > 399 || resp.Header.Get("Location") == "" {
			return resp, nil
		}
		resp.Body.Close()
		next, err := u.Parse(resp.Header.Get("Location"))
		if err != nil {
			return nil, &refusal{"redirect", "the server redirected to a location that is not a URL"}
		}
		if hop == maxRedirects {
			return nil, &refusal{"redirect", fmt.Sprintf("more than %d redirects", maxRedirects)}
		}
		u = next
		g.mu.Lock()
		if g.final == nil {
			g.final = map[string]*url.URL{}
		}
		g.final[orig] = u
		g.mu.Unlock()
	}
}
