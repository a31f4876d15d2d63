package manifest

import (
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/report"
)

func TestVerify(t *testing.T) {
	// contents of the files as the package holds them
	files := map[string]string{"app.ovf": "ovf", "disk1.vmdk": "disk", "disk2.vmdk": "disk"}
	computed := func(file string, alg digest.Algorithm) (string, bool) {
		c, ok := files[file]
		if !ok || !alg.Valid() {
			return "", false
		}
		return strings.ToUpper(digestOf(alg.String(), c)), true // either case is accepted
	}
	changed := digestOf("sha256", "the descriptor before sed")
	tests := []struct {
		name    string
		mf      string
		want    []string
		status  map[string]report.ManifestStatus
		message string
		hint    string
	}{
		{name: "all match", mf: "SHA256(app.ovf)= " + o256 + "\nSHA1(disk1.vmdk)= " + h1 + "\nSHA512(disk2.vmdk)= " + h512 + "\n",
			status: map[string]report.ManifestStatus{"app.ovf": report.Match, "disk1.vmdk": report.Match, "disk2.vmdk": report.Match}},
		{name: "descriptor edited after export", mf: "SHA256(app.ovf)= " + changed + "\nSHA256(disk1.vmdk)= " + h256 + "\n",
			want:    []string{"MF003@1"},
			status:  map[string]report.ManifestStatus{"app.ovf": report.Mismatch, "disk1.vmdk": report.Match},
			message: "SHA-256 of app.ovf is " + o256 + " but the manifest says " + changed,
			hint:    "SHA256(app.ovf)= " + o256},
		{name: "damaged disk", mf: "SHA1(app.ovf)= " + digestOf("sha1", "ovf") + "\nSHA1(disk1.vmdk)= " + digestOf("sha1", "dusk") + "\n",
			want:    []string{"MF003@2"},
			status:  map[string]report.ManifestStatus{"app.ovf": report.Match, "disk1.vmdk": report.Mismatch},
			message: "SHA-1 of disk1.vmdk is " + h1, hint: "download is damaged"},
		{name: "empty-file digest", mf: "SHA256(disk1.vmdk)= " + emptyDigest["SHA256"] + "\n", want: []string{"MF003@1"},
			status: map[string]report.ManifestStatus{"disk1.vmdk": report.Mismatch}, hint: "empty file"},
		{name: "one of two algorithms wrong", mf: "SHA1(disk1.vmdk)= " + h1 + "\nSHA256(disk1.vmdk)= " + o256 + "\n",
			want: []string{"MF003@2"}, status: map[string]report.ManifestStatus{"disk1.vmdk": report.Mismatch}},
		{name: "wrong then right stays a mismatch", mf: "SHA256(disk1.vmdk)= " + o256 + "\nSHA256(disk1.vmdk)= " + h256 + "\n",
			want: []string{"MF003@1"}, status: map[string]report.ManifestStatus{"disk1.vmdk": report.Mismatch}},
		{name: "file not hashed", mf: "SHA256(absent.iso)= " + h256 + "\n",
			status: map[string]report.ManifestStatus{"absent.iso": report.NotChecked}},
		{name: "self entry skipped", mf: "SHA256(app.mf)= " + h256 + "\nSHA256(app.ovf)= " + o256 + "\n",
			status: map[string]report.ManifestStatus{"app.ovf": report.Match}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := Parse([]byte(tc.mf), "app.mf", "2.x")
			fs, status := Verify(m, computed)
			checkWellFormed(t, fs, "app.mf")
			if got := gotRules(fs); !slices.Equal(got, tc.want) {
				t.Errorf("findings %v, want %v", got, tc.want)
			}
			if len(status) != len(tc.status) {
				t.Errorf("status %v, want %v", status, tc.status)
			}
			for f, s := range tc.status {
				if status[f] != s {
					t.Errorf("status[%s] = %q, want %q", f, status[f], s)
				}
			}
			for _, f := range fs {
				if f.Location.Column != 1 || len(f.Related) != 1 || f.Related[0].Member == "" {
					t.Errorf("mismatch location %+v related %+v", f.Location, f.Related)
				}
			}
			if tc.message != "" || tc.hint != "" {
				f := find(t, fs, "MF003")
				if !strings.Contains(f.Message, tc.message) {
					t.Errorf("message %q lacks %q", f.Message, tc.message)
				}
				if !strings.Contains(f.Hint, tc.hint) {
					t.Errorf("hint %q lacks %q", f.Hint, tc.hint)
				}
			}
		})
	}
}
