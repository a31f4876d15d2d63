package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/ovacheck/ovacheck/engine/deployspec"
	"github.com/ovacheck/ovacheck/engine/report"
)

// deploySpec runs `ovacheck spec [--format text|json] [--hidden] PKG`: it
// reads the package's descriptor (never its disks) and prints what a
// deployer must decide. The JSON is the shape `govc import.spec -verbose`
// prints, so that it can be edited and passed to
// `govc import.ova -options FILE` (engine/deployspec).
func deploySpec(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ovacheck spec", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "text", "output `format`: text or json (govc import.spec's shape)")
	hidden := fs.Bool("hidden", false, "also put the properties that are not user-configurable in the JSON, as govc import.spec -hidden does")
	positional, err := parseInterspersed(fs, args)
	if err == nil && len(positional) != 1 {
		err = fmt.Errorf("name one package: ovacheck spec [--format text|json] [--hidden] PACKAGE")
	}
	if err == nil && *format != "text" && *format != "json" {
		err = fmt.Errorf("unknown format %q: use text or json", *format)
	}
	if err != nil {
		fmt.Fprintf(stderr, "ovacheck: %v\n", err)
		return exitCantRun
	}
	d, err := readDescriptor(positional[0], stdin)
	if err != nil {
		fmt.Fprintf(stderr, "ovacheck: %v\n", err)
		return exitCantRun
	}
	if errs := d.Errors(); len(errs) > 0 {
		fmt.Fprintf(stderr, "ovacheck: the descriptor has %d error(s) (first: %s %s); the spec may be incomplete: run ovacheck %s for the full check\n",
			len(errs), errs[0].Rule, report.Printable(errs[0].Message), positional[0])
	}
	s := deployspec.FromEnvelope(d.Envelope)
	if *format == "json" {
		err = writeJSON(stdout, s.Options(*hidden))
	} else {
		err = writeSpecText(stdout, s)
	}
	if err != nil {
		fmt.Fprintf(stderr, "ovacheck: %v\n", err)
		return exitCantRun
	}
	return exitOK
}

// readDescriptor finds and parses the descriptor of name: an .ovf file, a
// folder holding one, "-" for a tar archive on standard input, or a tar
// .ova.
func readDescriptor(name string, stdin io.Reader) (deployspec.Descriptor, error) {
	if name == "-" {
		return deployspec.ReadStream(stdin, "-")
	}
	st, err := os.Stat(name)
	if err != nil {
		return deployspec.Descriptor{}, err
	}
	if st.IsDir() {
		ovfs, err := filepath.Glob(filepath.Join(name, "*.[oO][vV][fF]"))
		if err != nil || len(ovfs) != 1 {
			return deployspec.Descriptor{}, fmt.Errorf("%s holds %d .ovf files; name the descriptor", name, len(ovfs))
		}
		name = ovfs[0]
	}
	if strings.EqualFold(filepath.Ext(name), ".ovf") {
		data, err := readCapped(name)
		if err != nil {
			return deployspec.Descriptor{}, err
		}
		return deployspec.Parse(data, filepath.Base(name))
	}
	f, err := os.Open(name)
	if err != nil {
		return deployspec.Descriptor{}, err
	}
	defer f.Close()
	return deployspec.Read(f, st.Size(), filepath.Base(name))
}

// writeSpecText prints the spec for a person: each decision under its own
// heading, defaults marked, then how to hand the JSON to govc.
func writeSpecText(w io.Writer, s deployspec.Spec) error {
	pr := report.Printable
	title := s.Descriptor
	if s.Product != "" {
		title += ": " + s.Product
	}
	fmt.Fprintf(w, "%s\n", pr(title))
	if len(s.Deployments) > 0 {
		fmt.Fprintln(w, "\nDeployment option (choose one)")
		// Every line has a tab, so the descriptions under each label stay
		// in one aligned block; the text after the last tab sets no width.
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, d := range s.Deployments {
			label := d.Label
			if d.Default {
				label = strings.TrimSpace(label + " (default)")
			}
			fmt.Fprintf(tw, "  %s\t%s\n", pr(d.ID), pr(label))
			if d.Description != "" {
				fmt.Fprintf(tw, "  \t  %s\n", pr(strings.Join(strings.Fields(d.Description), " ")))
			}
		}
		tw.Flush()
	}
	if len(s.Networks) > 0 {
		fmt.Fprintln(w, "\nNetworks (map each to a network of the target)")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, n := range s.Networks {
			fmt.Fprintf(tw, "  %s\t%s\n", pr(n.Name), pr(n.Description))
		}
		tw.Flush()
	}
	var fixed []deployspec.Property
	var configurable []deployspec.Property
	systems := map[string]bool{}
	for _, p := range s.Properties {
		systems[p.VirtualSystem] = true
	}
	for _, p := range s.Properties {
		if len(systems) > 1 {
			// Keys alone may repeat across the systems of a collection.
			p.Key += " (in " + p.VirtualSystem + ")"
		}
		if p.UserConfigurable {
			configurable = append(configurable, p)
		} else {
			fixed = append(fixed, p)
		}
	}
	if len(configurable) > 0 {
		fmt.Fprintln(w, "\nProperties (user-configurable)")
		category := ""
		for _, p := range configurable {
			if p.Category != category && p.Category != "" {
				fmt.Fprintf(w, "  [%s]\n", pr(p.Category))
			}
			category = p.Category
			writeProperty(w, p)
		}
	}
	if len(fixed) > 0 {
		fmt.Fprintln(w, "\nFixed properties (not user-configurable; --hidden adds those marked userConfigurable=\"false\" to the JSON)")
		for _, p := range fixed {
			writeProperty(w, p)
		}
	}
	if len(s.Eulas) > 0 {
		fmt.Fprintln(w, "\nLicences to accept")
		for _, e := range s.Eulas {
			first, _, _ := strings.Cut(strings.TrimSpace(e.License), "\n")
			if len(first) > 72 {
				first = first[:72] + "..."
			}
			in := ""
			if len(s.Eulas) > 1 && e.VirtualSystem != "" {
				in = "in " + e.VirtualSystem + ": "
			}
			fmt.Fprintf(w, "  %s%s (%d characters; --format json holds the full text)\n", pr(in), pr(first), len(e.License))
		}
	}
	if len(s.Disks) > 0 {
		// thin, thick and eagerZeroedThick are the provisioning types of
		// the vCenter OVF API: vmware/vsphere-automation-sdk-go
		// services/vsphere/vcenter/ovf/OvfPackageTypes.go (DiskProvisioningType).
		fmt.Fprintf(w, "\nDisks (DiskProvisioning: govc writes %s; vCenter offers thin, thick and eagerZeroedThick)\n",
			deployspec.DefaultDiskProvisioning)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, d := range s.Disks {
			size := "capacity " + pr(d.Capacity)
			switch {
			case d.CapacityBytes >= 0:
				size = report.HumanBytes(d.CapacityBytes)
			case d.Capacity == "":
				size = "no capacity"
			}
			src := "empty: created blank"
			if !d.Empty {
				src = d.File
				if f := formatName(d.Format); f != "" {
					src += " (" + f + ")"
				}
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", pr(d.ID), size, pr(src))
		}
		tw.Flush()
	}
	fmt.Fprintf(w, "\nFor govc: ovacheck spec --format json PACKAGE > spec.json, fill in NetworkMapping and the property values, then govc import.ova -options spec.json PACKAGE\n")
	return nil
}

// writeProperty prints one property: key, type, default and qualifiers,
// then its label and description.
func writeProperty(w io.Writer, p deployspec.Property) {
	pr := report.Printable
	line := "  " + p.Key + "  " + p.Type
	switch {
	case p.Password:
		line += "  (password)"
	case p.HasDefault && p.Default != "":
		line += " = " + p.Default
	case p.UserConfigurable:
		line += "  (no default)"
	}
	if len(p.Qualifiers) > 0 {
		line += "  " + strings.Join(p.Qualifiers, " ")
	}
	if p.Configuration != "" {
		line += "  [deployment option " + p.Configuration + "]"
	}
	fmt.Fprintln(w, pr(line))
	for _, v := range p.Values {
		fmt.Fprintf(w, "      under %s: %s\n", pr(v.Configuration), pr(v.Value))
	}
	text := p.Label
	if p.Description != "" && p.Description != p.Label {
		if text != "" {
			text += ": "
		}
		text += p.Description
	}
	if text != "" {
		fmt.Fprintf(w, "      %s\n", pr(strings.Join(strings.Fields(text), " ")))
	}
}

// formatName shortens a disk format URI to its fragment
// ("...vmdk.html#streamOptimized" to "streamOptimized").
func formatName(uri string) string {
	if _, frag, ok := strings.Cut(uri, "#"); ok && frag != "" {
		return frag
	}
	return uri
}
