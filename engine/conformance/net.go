// Network rules (NET): the Networks NetworkSection declares and the
// adapters that connect to them.

package conformance

import (
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// declaredNetworks checks the Networks of NetworkSection: each has a name
// (NET003), and no two share one (NET004).
func (c *checker) declaredNetworks() {
	ns := c.e.NetworkSection
	if ns == nil {
		return
	}
	seen := map[string]envelope.Pos{}
	for _, n := range ns.Networks {
		if strings.TrimSpace(n.Name) == "" {
			c.Add(rules.NetNoName.New(c.At(n.Pos), "<Network> has no ovf:name").
				WithHint(`Name the network, e.g. ovf:name="VM Network"; adapters connect to networks by this name.`))
			continue
		}
		if p, dup := seen[n.Name]; dup {
			c.Add(rules.NetDupName.New(c.At(n.Node.AttrPos("name")), "network %s is already declared at line %d", envelope.Quote(n.Name), p.Line).
				WithHint("Declare each logical network once."))
			continue
		}
		seen[n.Name] = n.Pos
	}
}

// checkConnections checks that a network adapter's Connections name
// declared networks.
func (c *checker) checkConnections(it *envelope.Item) {
	rt, _ := strconv.Atoi(it.ResourceType.Text)
	if rt != envelope.ResourceEthernet && rt != envelope.ResourceOtherNetwork {
		return
	}
	connected := false
	for _, conn := range it.Connection {
		name := conn.Text
		if name == "" {
			continue
		}
		connected = true
		switch {
		case c.e.NetworkSection == nil:
			c.Add(rules.NetNoSection.New(c.At(conn.Pos), "the adapter connects to network %s but the descriptor has no NetworkSection", envelope.Quote(name)).
				WithHint("Add a NetworkSection at the Envelope level declaring <Network ovf:name=\"" + name + "\">."))
		case !c.networks[name]:
			c.Add(rules.NetUnknown.New(c.At(conn.Pos), "the adapter connects to network %s, which the NetworkSection does not declare", envelope.Quote(name)).
				WithHint("Declare the network in the NetworkSection or connect the adapter to a declared one; names are case-sensitive."))
		}
	}
	if !connected && c.e.Version != envelope.Version09 {
		c.Add(rules.NetNoConnection.New(c.At(it.Pos), "network adapter %s has no Connection", envelope.Quote(it.InstanceID.Text)).
			WithHint("Name the logical network the adapter connects to in a Connection element."))
	}
}

// networkUse reports networks no adapter connects to, and connections that
// match a network only when case is ignored.
func (c *checker) networkUse() {
	ns := c.e.NetworkSection
	if ns == nil {
		return
	}
	connected := map[string]bool{}
	var conns []envelope.Value
	for _, h := range c.hardwareSections() {
		for i := range h.Items {
			for _, cn := range h.Items[i].Connection {
				connected[cn.Text] = true
				conns = append(conns, cn)
			}
		}
	}
	lower := map[string]string{}
	for _, n := range ns.Networks {
		lower[strings.ToLower(n.Name)] = n.Name
		if n.Name != "" && !connected[n.Name] {
			c.Add(rules.NetUnused.New(c.At(n.Pos), "no network adapter connects to network %s", q(n.Name)).
				WithHint("Remove the network, or connect an adapter to it; deployment wizards still ask the user to map it."))
		}
	}
	declared := map[string]bool{}
	for _, n := range ns.Networks {
		declared[n.Name] = true
	}
	for _, cn := range conns {
		if declared[cn.Text] || cn.Text == "" {
			continue
		}
		if name, ok := lower[strings.ToLower(cn.Text)]; ok {
			c.Add(rules.NetCaseOnly.New(c.At(cn.Pos), "Connection %s matches network %s only when case is ignored", q(cn.Text), q(name)).
				WithHint("Write the network name exactly as the NetworkSection declares it: " + name + "."))
		}
	}
}
