package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"

	"github.com/ovacheck/ovacheck/engine/signature"
	"github.com/ovacheck/ovacheck/site"
	"github.com/ovacheck/ovacheck/site/samples"
)

// demoSigner names the certificate that signs the demo download.
const demoSigner = "Example Corp release signing"

// generateDemo writes the demo vendor download page (demo/vendor.html) and
// its style sheet and the package it offers (samples/signed.ova), signed by a key made for this
// build; the page publishes the package's SHA-256 and pins the signer's
// fingerprint.
func generateDemo(dir, static string) error {
	css, err := os.ReadFile(filepath.Join(static, "demo.css"))
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "demo", "demo.css"), css); err != nil {
		return err
	}
	signer := samples.NewSigner(demoSigner)
	ova := samples.Build(samples.Spec{Signer: signer})
	if err := writeFile(filepath.Join(dir, "samples", "signed.ova"), ova); err != nil {
		return err
	}
	sum := sha256.Sum256(ova)
	d := site.DemoDownload{
		Product:      "Example Appliance",
		Version:      "1.0",
		Href:         "../samples/signed.ova",
		File:         "signed.ova",
		Size:         int64(len(ova)),
		SHA256:       hex.EncodeToString(sum[:]),
		Signer:       signer.Cert.Subject.String(),
		SignerSHA256: signature.Fingerprint(signer.Cert),
	}
	if err := writeComponent(filepath.Join(dir, "demo", "vendor.html"), site.DemoVendorPage(d, "../")); err != nil {
		return err
	}
	return nil
}
