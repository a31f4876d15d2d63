package conformance

import (
	"github.com/ovacheck/ovacheck/engine/envelope"
	"strings"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// maxCycleShown caps how many InstanceIDs a cycle's message lists.
const maxCycleShown = 8

// parentEdge is one Parent reference: the Item that wrote it and the
// InstanceID it names.
type parentEdge struct {
	from   *envelope.Item
	parent string
}

// parentFrame is one InstanceID on the walk's path and the index of the
// next of its Parent references to follow.
type parentFrame struct {
	id   string
	next int
}

// checkParentCycles reports each cycle of two or more Items whose Parents
// lead back to where they started (an Item naming itself is reported by
// checkParent). Items are nodes by InstanceID, variants included, and the
// walk is a depth-first search with an explicit stack, so a section of
// many Items costs linear time and no recursion depth.
func (c *checker) checkParentCycles(h *envelope.VirtualHardwareSection, byID map[string][]*envelope.Item) {
	edges := map[string][]parentEdge{}
	for i := range h.Items {
		it := &h.Items[i]
		id, p := it.InstanceID.Text, it.Parent.Text
		if id == "" || p == "" || p == id || len(byID[p]) == 0 {
			continue
		}
		edges[id] = append(edges[id], parentEdge{from: it, parent: p})
	}
	if len(edges) == 0 {
		return
	}
	const (
		unseen = iota
		onPath
		done
	)
	state := make(map[string]uint8, len(edges))
	for i := range h.Items {
		startID := h.Items[i].InstanceID.Text
		if state[startID] != unseen || len(edges[startID]) == 0 {
			continue
		}
		path := []parentFrame{{id: startID}}
		state[startID] = onPath
		for len(path) > 0 {
			top := &path[len(path)-1]
			out := edges[top.id]
			if top.next >= len(out) {
				state[top.id] = done
				path = path[:len(path)-1]
				continue
			}
			e := out[top.next]
			top.next++
			switch state[e.parent] {
			case unseen:
				state[e.parent] = onPath
				path = append(path, parentFrame{id: e.parent})
			case onPath:
				c.reportCycle(e, path)
			}
		}
	}
}

// reportCycle reports the cycle closed by edge e, whose parent is on path.
func (c *checker) reportCycle(e parentEdge, path []parentFrame) {
	start := len(path) - 1
	for start > 0 && path[start].id != e.parent {
		start--
	}
	var ids []string
	for _, f := range path[start:] {
		if len(ids) == maxCycleShown {
			ids = append(ids, "…")
			break
		}
		ids = append(ids, envelope.Quote(f.id))
	}
	ids = append(ids, envelope.Quote(e.parent))
	c.Add(rules.HwParentUnknown.New(c.At(e.from.Parent.Pos), "the Parents of %d Items form a cycle: %s", len(path)-start, strings.Join(ids, " → ")).
		WithHint("Parent names the controller a device hangs off, ending at a controller with no Parent; break the cycle by pointing one Parent at the right controller or removing it."))
}
