package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/ovacheck/ovacheck/engine/report"
)

// writeInfo prints what is in the package, like a vendor's probe.
func writeInfo(w io.Writer, r *report.Report) error {
	p := r.Package
	pr := report.Printable
	fmt.Fprintf(w, "%s: OVF %s, verdict %s\n", pr(r.Input.Name), p.OvfVersion, r.Verdict)
	for _, pd := range p.Products {
		fmt.Fprintf(w, "\nProduct %s %s", pr(pd.Product), pr(pd.Version))
		if pd.Vendor != "" {
			fmt.Fprintf(w, " by %s", pr(pd.Vendor))
		}
		fmt.Fprintln(w)
		for _, prop := range pd.Properties {
			def := ""
			if prop.Default != "" && !prop.Password {
				def = " = " + pr(prop.Default)
			}
			fmt.Fprintf(w, "  property %s (%s)%s\n", pr(prop.Key), pr(prop.Type), def)
		}
	}
	for _, vs := range p.VirtualSystems {
		name := vs.Name
		if name == "" {
			name = vs.ID
		}
		fmt.Fprintf(w, "\nVirtual system %s\n", pr(name))
		if vs.OS != "" {
			fmt.Fprintf(w, "  OS       %s\n", pr(vs.OS))
		}
		if len(vs.SystemTypes) > 0 {
			fmt.Fprintf(w, "  hardware %s\n", pr(strings.Join(vs.SystemTypes, ", ")))
		}
		fmt.Fprintf(w, "  CPUs     %d\n  memory   %s\n", vs.CPUs, report.HumanBytes(vs.MemoryBytes))
		for _, d := range vs.Disks {
			fmt.Fprintf(w, "  disk     %s\n", pr(d))
		}
		for _, n := range vs.NICs {
			fmt.Fprintf(w, "  NIC      %s on %s\n", pr(n.Type), pr(n.Network))
		}
	}
	if len(p.Disks) > 0 {
		fmt.Fprintln(w, "\nDisks")
		for _, d := range p.Disks {
			fmt.Fprintf(w, "  %s  %s  %s  %s\n", pr(d.ID), capacityText(d.CapacityBytes), pr(d.File), pr(d.Format))
		}
	}
	if len(p.Networks) > 0 {
		fmt.Fprintln(w, "\nNetworks")
		for _, n := range p.Networks {
			fmt.Fprintf(w, "  %s  %s\n", pr(n.Name), pr(n.Description))
		}
	}
	if len(p.DeploymentOptions) > 0 {
		fmt.Fprintln(w, "\nDeployment options")
		for _, d := range p.DeploymentOptions {
			def := ""
			if d.Default {
				def = " (default)"
			}
			fmt.Fprintf(w, "  %s  %s%s\n", pr(d.ID), pr(d.Label), def)
		}
	}
	for _, e := range p.Eulas {
		fmt.Fprintf(w, "\nLicence (%d characters; --format html or json shows it, up to 256 KiB)\n", len(e.Text))
	}
	return nil
}

// capacityText is a disk's capacity for people: "unknown" when the
// descriptor's capacity could not be read (the summary holds 0 then; a
// readable capacity is positive, DSK005).
func capacityText(n int64) string {
	if n <= 0 {
		return "unknown"
	}
	return report.HumanBytes(n)
}
