package deployspec

import (
	"strings"
	"unicode"
)

// Options is the deploy spec in the JSON shape `govc import.spec -verbose`
// prints and `govc import.ova -options FILE` reads. Field names and JSON
// tags mirror govmomi ovf/importer/options.go (type Options; before
// govmomi 0.38 govc/importx/options.go, type Options) exactly, since govc
// decodes the file into that type.
//
// govc decodes with encoding/json without DisallowUnknownFields
// (govc/importx/options.go (OptionsFlag.Process)), so the two fields
// ovacheck adds, Eulas and Disks, are ignored by govc; they carry what a
// deployer must accept and size but govc has no field for.
type Options struct {
	AllDeploymentOptions []string `json:",omitempty"`
	Deployment           string   `json:",omitempty"`

	AllDiskProvisioningOptions []string `json:",omitempty"`
	DiskProvisioning           string

	AllIPAllocationPolicyOptions []string `json:",omitempty"`
	IPAllocationPolicy           string

	AllIPProtocolOptions []string `json:",omitempty"`
	IPProtocol           string

	PropertyMapping []PropertyMapping `json:",omitempty"`

	NetworkMapping []NetworkMapping `json:",omitempty"`

	Annotation string `json:",omitempty"`

	MarkAsTemplate bool
	PowerOn        bool
	InjectOvfEnv   bool
	WaitForIP      bool
	// Name is null: govc then names the VM after the descriptor.
	Name *string

	// ovacheck's additions, which govc ignores.
	Eulas []EulaText `json:",omitempty"`
	Disks []DiskInfo `json:",omitempty"`
}

// PropertyMapping is one property value: govmomi ovf/importer/options.go
// (type Property: an embedded KeyValue {Key, Value} and Spec). govc reads
// "Key"/"Value" and, through KeyValue.UnmarshalJSON, "key"/"value"; that
// method is promoted to Property, so govc drops Spec when it reads the file
// back (its own -verbose output too): Spec is for the reader. Checked by
// decoding this package's output with govmomi v0.56.0's importer.Options.
//
// Unlike govc, which reads only a top-level VirtualSystem, the mapping also
// holds the properties of the systems inside a VirtualSystemCollection.
type PropertyMapping struct {
	Key   string
	Value string
	Spec  *PropertySpec `json:",omitempty"`
}

// PropertySpec describes the property as `govc import.spec -verbose`
// does: the JSON tags of govmomi ovf/envelope.go (type Property).
type PropertySpec struct {
	Key              string        `json:"key,omitempty"`
	Type             string        `json:"type,omitempty"`
	Qualifiers       *string       `json:"qualifiers,omitempty"`
	UserConfigurable *bool         `json:"userConfigurable,omitempty"`
	Default          *string       `json:"default,omitempty"`
	Password         *bool         `json:"password,omitempty"`
	Configuration    *string       `json:"configuration,omitempty"`
	Label            *string       `json:"label,omitempty"`
	Description      *string       `json:"description,omitempty"`
	Values           []ConfigValue `json:"value,omitempty"`
}

// NetworkMapping maps a network of the descriptor (Name) to one of the
// target (Network, left empty for the deployer): govmomi
// ovf/importer/options.go (type Network).
type NetworkMapping struct {
	Name    string
	Network string
}

// EulaText is a licence to accept (ovacheck's addition).
type EulaText struct {
	VirtualSystem string `json:",omitempty"`
	License       string
}

// DiskInfo is a disk the DiskProvisioning choice applies to (ovacheck's
// addition).
type DiskInfo struct {
	ID            string
	File          string `json:",omitempty"`
	CapacityBytes int64
	Format        string `json:",omitempty"`
}

// The choices govc offers, in the order govc lists them: the vSphere API
// enumerations of govmomi vim25/types/enum.go
// (OvfCreateImportSpecParamsDiskProvisioningType.Values,
// VAppIPAssignmentInfoIpAllocationPolicy.Values,
// VAppIPAssignmentInfoProtocols.Values), which govmomi
// ovf/importer/spec.go prints as the All...Options.
var (
	DiskProvisioningOptions   = []string{"monolithicSparse", "monolithicFlat", "twoGbMaxExtentSparse", "twoGbMaxExtentFlat", "thin", "thick", "seSparse", "eagerZeroedThick", "sparse", "flat"}
	IPAllocationPolicyOptions = []string{"dhcpPolicy", "transientPolicy", "fixedPolicy", "fixedAllocatedPolicy"}
	IPProtocolOptions         = []string{"IPv4", "IPv6"}
)

// govc's defaults: govmomi ovf/importer/spec.go (Spec) writes flat,
// dhcpPolicy and IPv4.
const (
	DefaultDiskProvisioning   = "flat"
	DefaultIPAllocationPolicy = "dhcpPolicy"
	DefaultIPProtocol         = "IPv4"
)

// Options renders the spec as govc's options. Like govc, PropertyMapping
// holds only the properties marked ovf:userConfigurable="true", and with
// hidden also those marked "false" (never those without the attribute):
// govmomi ovf/importer/spec.go (SpecMap) and govc's -hidden flag; a boolean default is written True or False because vSphere takes
// only those (same function), and the default deployment option comes
// first in AllDeploymentOptions (same file, Spec).
func (s Spec) Options(hidden bool) Options {
	o := Options{
		AllDiskProvisioningOptions:   DiskProvisioningOptions,
		DiskProvisioning:             DefaultDiskProvisioning,
		AllIPAllocationPolicyOptions: IPAllocationPolicyOptions,
		IPAllocationPolicy:           DefaultIPAllocationPolicy,
		AllIPProtocolOptions:         IPProtocolOptions,
		IPProtocol:                   DefaultIPProtocol,
		Annotation:                   s.Annotation,
	}
	for _, d := range s.Deployments {
		if d.Default {
			o.AllDeploymentOptions = append([]string{d.ID}, o.AllDeploymentOptions...)
		} else {
			o.AllDeploymentOptions = append(o.AllDeploymentOptions, d.ID)
		}
	}
	if len(o.AllDeploymentOptions) > 0 {
		o.Deployment = o.AllDeploymentOptions[0]
	}
	for _, p := range s.Properties {
		if !p.UserConfigurableSet || !p.UserConfigurable && !hidden {
			continue
		}
		o.PropertyMapping = append(o.PropertyMapping, PropertyMapping{Key: p.Key, Value: p.GovcValue(), Spec: p.spec()})
	}
	for _, n := range s.Networks {
		o.NetworkMapping = append(o.NetworkMapping, NetworkMapping{Name: n.Name})
	}
	for _, e := range s.Eulas {
		o.Eulas = append(o.Eulas, EulaText{VirtualSystem: e.VirtualSystem, License: e.License})
	}
	for _, d := range s.Disks {
		o.Disks = append(o.Disks, DiskInfo{ID: d.ID, File: d.File, CapacityBytes: d.CapacityBytes, Format: d.Format})
	}
	return o
}

// GovcValue is the value govc puts in the spec: the default, with a
// boolean's first letter upper-cased ("true" becomes "True").
func (p Property) GovcValue() string {
	if p.Type != "boolean" || p.Default == "" {
		return p.Default
	}
	r := []rune(strings.ToLower(p.Default))
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func (p Property) spec() *PropertySpec {
	// govc's XML decoding matches the qualifiers attribute in any
	// namespace, and the last one written wins (encoding/xml sets the
	// field once per matching attribute): with both ovf:qualifiers and
	// vmw:qualifiers, govc shows the second.
	var qualifiers *string
	if n := len(p.Qualifiers); n > 0 {
		qualifiers = &p.Qualifiers[n-1]
	}
	ps := &PropertySpec{Key: p.OvfKey, Type: p.Type, Qualifiers: qualifiers,
		Configuration: nonEmpty(p.Configuration), Label: nonEmpty(p.Label), Description: nonEmpty(p.Description)}
	if p.UserConfigurableSet {
		uc := p.UserConfigurable
		ps.UserConfigurable = &uc
	}
	if p.HasDefault {
		d := p.Default
		ps.Default = &d
	}
	if p.PasswordSet {
		pw := p.Password
		ps.Password = &pw
	}
	ps.Values = p.Values
	return ps
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
