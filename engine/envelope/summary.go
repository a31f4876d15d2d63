package envelope

import (
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/report"
)

// Summary returns what the descriptor says is in the package, for the
// report. Collections are flattened: each VirtualSystem appears once, with
// Path naming its enclosing collections ("vapp/tier1"). Hardware figures
// come from each system's first VirtualHardwareSection under the default
// deployment option (the one marked ovf:default, else the first): CPUs are
// the VirtualQuantity of ResourceType 3, memory that of ResourceType 4 in
// its AllocationUnits (MiB when absent, as every producer means), disks the
// Disk ids its Items attach, NICs the Items of ResourceType 10 and 11.
func (e *Envelope) Summary() report.Package {
	p := report.Package{
		OvfVersion:     e.Version,
		Descriptor:     e.Member,
		VirtualSystems: []report.VirtualSystem{},
		Disks:          []report.Disk{},
		Networks:       []report.Network{},
		Eulas:          []report.Eula{},
	}
	files := map[string]string{}
	for _, f := range e.References {
		if _, dup := files[f.ID]; !dup {
			files[f.ID] = f.Href
		}
	}
	if e.DiskSection != nil {
		p.Disks = make([]report.Disk, 0, len(e.DiskSection.Disks))
		for _, d := range e.DiskSection.Disks {
			// A capacity that cannot be read (-1 in the model) is 0 here:
			// the summary never shows a negative size; the finding
			// (DSK005, DSK006) says why.
			pd := report.Disk{ID: d.DiskID, File: files[d.FileRef], CapacityBytes: max(d.CapacityBytes, 0), Format: d.Format}
			if n, err := strconv.ParseInt(strings.TrimSpace(d.PopulatedSize), 10, 64); err == nil && n >= 0 {
				pd.PopulatedSize = n
			}
			p.Disks = append(p.Disks, pd)
		}
	}
	if e.NetworkSection != nil {
		for _, n := range e.NetworkSection.Networks {
			p.Networks = append(p.Networks, report.Network{Name: n.Name, Description: n.Description})
		}
	}
	config := ""
	if do := e.DeploymentOptions; do != nil && len(do.Configurations) > 0 {
		config = do.Configurations[0].ID
		for _, c := range do.Configurations {
			if c.Default {
				config = c.ID
				break
			}
		}
		for _, c := range do.Configurations {
			p.DeploymentOptions = append(p.DeploymentOptions, report.DeploymentOption{ID: c.ID, Label: c.Label, Default: c.ID == config})
		}
	}
	var walk func(ct *Content, path string)
	walk = func(ct *Content, path string) {
		for _, eu := range ct.Eulas {
			p.Eulas = append(p.Eulas, report.Eula{VirtualSystem: ct.ID, Text: eu.License})
		}
		for _, ps := range ct.Products {
			p.Products = append(p.Products, summariseProduct(ct.ID, ps))
		}
		if ct.Kind == "VirtualSystem" {
			p.VirtualSystems = append(p.VirtualSystems, summariseSystem(ct, path, config))
		}
		sub := ct.ID
		if path != "" {
			sub = path + "/" + ct.ID
		}
		for _, ch := range ct.Children {
			walk(ch, sub)
		}
	}
	for _, ct := range e.Contents {
		walk(ct, "")
	}
	return p
}

func summariseProduct(vs string, ps ProductSection) report.Product {
	pr := report.Product{
		VirtualSystem: vs, Class: ps.Class, Instance: ps.Instance, Product: ps.Product,
		Vendor: ps.Vendor, Version: ps.Version, FullVersion: ps.FullVersion,
	}
	for _, prop := range ps.Properties {
		pr.Properties = append(pr.Properties, report.Property{
			Key: prop.Key, Type: prop.Type, Default: prop.Value, Label: prop.Label,
			Description: prop.Description, Password: prop.Password, Configurable: prop.UserConfigurable,
		})
	}
	return pr
}

func summariseSystem(ct *Content, path, config string) report.VirtualSystem {
	vs := report.VirtualSystem{ID: ct.ID, Name: ct.Name, Path: path}
	if vs.Name == "" {
		vs.Name = ct.ID
	}
	if ct.OS != nil {
		vs.OS = ct.OS.Description
		if vs.OS == "" {
			vs.OS = ct.OS.OSType
		}
		vs.OSID = ct.OS.ID
	}
	if ct.Annotation != nil {
		vs.Annotation = ct.Annotation.Annotation
	}
	if len(ct.Hardware) == 0 {
		return vs
	}
	h := ct.Hardware[0]
	vs.SystemTypes = h.SystemType
	for _, it := range effectiveItems(h.Items, config) {
		rt, _ := strconv.Atoi(it.ResourceType.Text)
		switch rt {
		case ResourceProcessor:
			if n, err := strconv.Atoi(it.VirtualQuantity.Text); err == nil && n > 0 {
				vs.CPUs += n
			}
		case ResourceMemory:
			if b, ok := memoryBytes(it); ok {
				vs.MemoryBytes += b
			}
		case ResourceEthernet, ResourceOtherNetwork:
			nic := report.NIC{Name: it.ElementName.Text, Type: it.ResourceSubType.Text}
			if nic.Name == "" {
				nic.Name = it.Caption.Text
			}
			if len(it.Connection) > 0 {
				nic.Network = it.Connection[0].Text
			}
			vs.NICs = append(vs.NICs, nic)
		}
		for _, hr := range it.HostResource {
			for _, prefix := range []string{"ovf:/disk/", "ovf://disk/", "/disk/"} {
				if id, ok := strings.CutPrefix(hr.Text, prefix); ok {
					vs.Disks = append(vs.Disks, id)
					break
				}
			}
		}
	}
	return vs
}

// effectiveItems returns the Items selected under config, one per
// InstanceID (a later variant replaces an earlier one), in document order
// of their first appearance. Range markers (ovf:bound min/max) are left out.
func effectiveItems(items []Item, config string) []Item {
	var out []Item
	index := map[string]int{}
	for _, it := range items {
		if it.Bound == "min" || it.Bound == "max" {
			continue
		}
		if cfg := strings.Fields(it.Configuration); len(cfg) > 0 && !containsString(cfg, config) {
			continue
		}
		id := it.InstanceID.Text
		if i, ok := index[id]; ok && id != "" {
			out[i] = it
			continue
		}
		index[id] = len(out)
		out = append(out, it)
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// memoryBytes applies a memory Item's AllocationUnits to its
// VirtualQuantity.
func memoryBytes(it Item) (int64, bool) {
	q, err := strconv.ParseInt(it.VirtualQuantity.Text, 10, 64)
	if err != nil || q <= 0 {
		return 0, false
	}
	units := it.AllocationUnits.Text
	if units == "" {
		units = "byte * 2^20"
	}
	u, ok := ParseUnits(units)
	if !ok || u.Base != "byte" {
		return 0, false
	}
	return u.Apply(q)
}
