package report

// Package summarises what the descriptor says is in the package.
type Package struct {
	OvfVersion     string          `json:"ovfVersion"`
	Descriptor     string          `json:"descriptor,omitempty"`
	VirtualSystems []VirtualSystem `json:"virtualSystems"`
	Disks          []Disk          `json:"disks"`
	Networks       []Network       `json:"networks"`
	Eulas          []Eula          `json:"eulas"`
	Products       []Product       `json:"products,omitempty"`
	// DeploymentOptions lists the configurations a user can choose from.
	DeploymentOptions []DeploymentOption `json:"deploymentOptions,omitempty"`
}

// VirtualSystem is one VirtualSystem element (collections are flattened;
// Path names the enclosing collections).
type VirtualSystem struct {
	ID          string   `json:"id"`
	Name        string   `json:"name,omitempty"`
	Path        string   `json:"path,omitempty"`
	OS          string   `json:"os,omitempty"`
	OSID        *int     `json:"osId,omitempty"`
	SystemTypes []string `json:"systemTypes,omitempty"`
	CPUs        int      `json:"cpus,omitempty"`
	MemoryBytes int64    `json:"memoryBytes,omitempty"`
	Disks       []string `json:"disks,omitempty"`
	NICs        []NIC    `json:"nics,omitempty"`
	Annotation  string   `json:"annotation,omitempty"`
}

// NIC is a network adapter and the network it connects to.
type NIC struct {
	Name    string `json:"name,omitempty"`
	Type    string `json:"type,omitempty"`
	Network string `json:"network,omitempty"`
}

// Disk is one Disk element of the DiskSection.
type Disk struct {
	ID            string `json:"id"`
	File          string `json:"file,omitempty"`
	CapacityBytes int64  `json:"capacityBytes"`
	Format        string `json:"format,omitempty"`
	PopulatedSize int64  `json:"populatedSize,omitempty"`
}

// Network is one Network of the NetworkSection.
type Network struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// Eula is the licence text of one EulaSection, in full.
type Eula struct {
	VirtualSystem string `json:"virtualSystem,omitempty"`
	Text          string `json:"text"`
}

// Product is one ProductSection.
type Product struct {
	VirtualSystem string     `json:"virtualSystem,omitempty"`
	Class         string     `json:"class,omitempty"`
	Instance      string     `json:"instance,omitempty"`
	Product       string     `json:"product,omitempty"`
	Vendor        string     `json:"vendor,omitempty"`
	Version       string     `json:"version,omitempty"`
	FullVersion   string     `json:"fullVersion,omitempty"`
	Properties    []Property `json:"properties,omitempty"`
}

// Property is one configurable Property of a ProductSection.
type Property struct {
	Key          string `json:"key"`
	Type         string `json:"type"`
	Default      string `json:"default,omitempty"`
	Label        string `json:"label,omitempty"`
	Description  string `json:"description,omitempty"`
	Password     bool   `json:"password,omitempty"`
	Configurable bool   `json:"userConfigurable,omitempty"`
}

// DeploymentOption is one Configuration of a DeploymentOptionSection.
type DeploymentOption struct {
	ID      string `json:"id"`
	Label   string `json:"label,omitempty"`
	Default bool   `json:"default,omitempty"`
}

// Signature describes the package's certificate file and what its
// verification established. Verified is a fact about the bytes ("the
// manifest was signed by this key"); Trust is a judgement that depends on the
// roots or pin the user gave.
type Signature struct {
	Member    string `json:"member"`
	Algorithm string `json:"algorithm"`
	// Verified is "verified", "failed", "not-verified" (present but not
	// checkable, e.g. PKCS#7) or "absent-manifest".
	Verified string `json:"verified"`
	// Trust is "trusted", "untrusted", "pinned", "pin-mismatch" or "unknown"
	// (no roots and no pin given).
	Trust  string   `json:"trust"`
	Signer *Signer  `json:"signer,omitempty"`
	Chain  []Signer `json:"chain,omitempty"`
	// Protects lists the members whose integrity the signature covers
	// through the manifest.
	Protects []string `json:"protects,omitempty"`
}

// Signer is one certificate, summarised.
type Signer struct {
	Subject            string `json:"subject"`
	Issuer             string `json:"issuer"`
	Serial             string `json:"serial"`
	NotBefore          string `json:"notBefore"`
	NotAfter           string `json:"notAfter"`
	SHA256             string `json:"sha256"`
	KeyType            string `json:"keyType"`
	KeyBits            int    `json:"keyBits"`
	SignatureAlgorithm string `json:"signatureAlgorithm"`
	SelfSigned         bool   `json:"selfSigned"`
}
