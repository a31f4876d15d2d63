// Package deployspec says what a deployer must decide before importing an
// OVF package: which deployment option, which network each logical network
// maps to, the values of the configurable properties, the licences to
// accept, and how the disks are provisioned.
//
// FromEnvelope gathers those choices from a parsed descriptor (Spec).
// Spec.Options renders them in the shape `govc import.spec` prints, so the
// JSON can be edited and handed to `govc import.ova -options FILE`
// (options.go). Read and ReadStream find and parse the descriptor of a
// package without reading its disks (read.go).
package deployspec

import (
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
)

// Spec is what a deployer must decide, in descriptor order.
type Spec struct {
	// Descriptor is the member or file the descriptor was read from.
	Descriptor string
	// Product names the first ProductSection's product and version, for
	// headings ("" when there is none).
	Product string
	// Deployments are the DeploymentOptionSection's configurations; the
	// one marked ovf:default (else the first) has Default set.
	Deployments []Deployment
	Networks    []Network
	Properties  []Property
	Eulas       []Eula
	Disks       []Disk
	// Annotation joins the AnnotationSections of the top-level content,
	// as govc copies it into the spec.
	Annotation string
}

// Deployment is one deployment option.
type Deployment struct {
	ID, Label, Description string
	Default                bool
}

// Network is one logical network the package's NICs attach to; the
// deployer maps it to a network of the target.
type Network struct {
	Name, Description string
}

// Property is one Property of a ProductSection.
type Property struct {
	// Key is the key the OVF environment and govc use: the ProductSection's
	// class, the property's key and the section's instance joined by dots
	// (DSP0243 9.5.1; govmomi ovf/envelope.go (ProductSection.Key)).
	Key string
	// OvfKey is the ovf:key as written.
	OvfKey string
	// VirtualSystem is the ovf:id of the content the section belongs to.
	VirtualSystem string
	Category      string
	Label         string
	Description   string
	Type          string
	// Qualifiers are the qualifiers attributes in document order: the
	// standard ovf:qualifiers and VMware's vmw:qualifiers (Ip('Network 1'),
	// HostPrefix(...)) when both are written.
	Qualifiers []string
	// Default is ovf:value; HasDefault tells an empty default from none.
	Default    string
	HasDefault bool
	// Configuration is the property's own ovf:configuration attribute: the
	// deployment options it applies to ("" for all).
	Configuration    string
	UserConfigurable bool
	// UserConfigurableSet is true when ovf:userConfigurable is written
	// (absent means false, but govc leaves such properties out even with
	// -hidden).
	UserConfigurableSet bool
	Password            bool
	// PasswordSet is true when ovf:password is written.
	PasswordSet bool
	// Values are the per-configuration defaults (Value children).
	Values []ConfigValue
}

// ConfigValue is the default a property takes under one configuration. Its
// JSON tags are those of govmomi ovf/envelope.go (type
// PropertyConfigurationValue), as govc -verbose prints it.
type ConfigValue struct {
	Value         string `json:"value,omitempty"`
	Configuration string `json:"configuration,omitempty"`
}

// Eula is one licence the deployer must accept.
type Eula struct {
	VirtualSystem string
	License       string
}

// Disk is one virtual disk of the DiskSection. Its provisioning on the
// target (thin, thick, ...) is the deployer's DiskProvisioning choice.
type Disk struct {
	ID   string
	File string
	// CapacityBytes is -1 when the capacity cannot be read (a
	// ${property} reference, a typo); Capacity keeps what was written.
	CapacityBytes int64
	Capacity      string
	Format        string
	PopulatedSize string
	// Empty is true for a disk with no file: the target creates it blank.
	Empty bool
}

// FromEnvelope gathers the deployer's choices from a parsed descriptor. It
// never fails: what the descriptor lacks is simply absent.
func FromEnvelope(e *envelope.Envelope) Spec {
	s := Spec{Descriptor: e.Member}
	if do := e.DeploymentOptions; do != nil {
		def := -1
		for i, c := range do.Configurations {
			if c.Default && def < 0 {
				def = i
			}
		}
		if def < 0 && len(do.Configurations) > 0 {
			def = 0
		}
		for i, c := range do.Configurations {
			s.Deployments = append(s.Deployments, Deployment{ID: c.ID, Label: c.Label, Description: c.Description, Default: i == def})
		}
	}
	if ns := e.NetworkSection; ns != nil {
		for _, n := range ns.Networks {
			s.Networks = append(s.Networks, Network{Name: n.Name, Description: n.Description})
		}
	}
	if ds := e.DiskSection; ds != nil {
		files := map[string]string{}
		for _, f := range e.References {
			if _, dup := files[f.ID]; !dup {
				files[f.ID] = f.Href
			}
		}
		for _, d := range ds.Disks {
			s.Disks = append(s.Disks, Disk{
				ID: d.DiskID, File: files[d.FileRef], CapacityBytes: d.CapacityBytes,
				Capacity: capacityText(d), Format: d.Format, PopulatedSize: d.PopulatedSize,
				Empty: d.FileRef == "",
			})
		}
	}
	var annotations []string
	for _, ct := range e.Contents {
		if ct.Annotation != nil {
			annotations = append(annotations, childText(ct.Annotation.Node, e.Namespace, "Annotation", ct.Annotation.Annotation))
		}
		s.walk(ct, e.Namespace)
	}
	s.Annotation = strings.Join(annotations, "")
	return s
}

// walk collects the products and licences of ct and of the contents it
// holds, in document order.
func (s *Spec) walk(ct *envelope.Content, ns string) {
	for _, eu := range ct.Eulas {
		s.Eulas = append(s.Eulas, Eula{VirtualSystem: ct.ID, License: eu.License})
	}
	for _, ps := range ct.Products {
		if s.Product == "" && ps.Product != "" {
			s.Product = strings.TrimSpace(ps.Product + " " + ps.Version)
		}
		for _, p := range ps.Properties {
			prop := Property{
				Key:                 PropertyKey(ps.Class, p.Key, ps.Instance),
				OvfKey:              p.Key,
				VirtualSystem:       ct.ID,
				Category:            p.Category,
				Label:               childText(p.Node, ns, "Label", p.Label),
				Description:         childText(p.Node, ns, "Description", p.Description),
				Type:                p.Type,
				Qualifiers:          attrsNamed(p.Node, "qualifiers"),
				Default:             p.Value,
				HasDefault:          p.HasValue,
				Configuration:       attrIn(p.Node, ns, "configuration"),
				UserConfigurable:    p.UserConfigurable,
				UserConfigurableSet: attrSet(p.Node, ns, "userConfigurable"),
				Password:            p.Password,
				PasswordSet:         attrSet(p.Node, ns, "password"),
			}
			for _, v := range p.Values {
				prop.Values = append(prop.Values, ConfigValue{Value: v.Value, Configuration: v.Configuration})
			}
			s.Properties = append(s.Properties, prop)
		}
	}
	for _, ch := range ct.Children {
		s.walk(ch, ns)
	}
}

// PropertyKey joins a ProductSection's class, a property's key and the
// section's instance as DSP0243 9.5.1 writes an environment key:
// [class "."] key ["." instance]. govmomi ovf/envelope.go
// (ProductSection.Key) joins them the same way when the attributes are
// present; the model cannot tell an empty class or instance attribute from
// none, and an empty one is left out here (govc would write a bare dot).
func PropertyKey(class, key, instance string) string {
	if class != "" {
		key = class + "." + key
	}
	if instance != "" {
		key = key + "." + instance
	}
	return key
}

// attrIn returns the attribute local in namespace ns (or without a
// namespace) of n, "" when absent.
func attrIn(n *envelope.Node, ns, local string) string {
	if a := n.Attr(ns, local); a != nil {
		return a.Value
	}
	if a := n.Attr("", local); a != nil {
		return a.Value
	}
	return ""
}

// attrSet reports whether n has the attribute local in namespace ns (or
// without a namespace).
func attrSet(n *envelope.Node, ns, local string) bool {
	return n.Attr(ns, local) != nil || n.Attr("", local) != nil
}

// attrsNamed returns the values of n's attributes named local, in any
// namespace, in document order.
func attrsNamed(n *envelope.Node, local string) []string {
	var out []string
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			out = append(out, a.Value)
		}
	}
	return out
}

// childText returns the text of n's first child named local in namespace
// ns as written, untrimmed, as govc copies it into the spec; trimmed is the
// model's value, used when the child cannot be found.
func childText(n *envelope.Node, ns, local, trimmed string) string {
	if c := n.Child(ns, local); c != nil {
		return c.Text
	}
	return trimmed
}

// capacityText is the capacity as written, with its units when given.
func capacityText(d envelope.Disk) string {
	if d.CapacityAllocationUnits == "" {
		return d.Capacity
	}
	return d.Capacity + " " + d.CapacityAllocationUnits
}
