package envelope

import "testing"

func TestParseUnits(t *testing.T) {
	cases := []struct {
		in     string
		ok     bool
		base   string
		bytes  int64 // Apply(1), when ok and base is byte
		legacy bool
	}{
		{"byte", true, "byte", 1, false},
		{"byte * 2^20", true, "byte", 1 << 20, false},
		{"byte*2^30", true, "byte", 1 << 30, false},
		{"byte * 2 ^ 30", true, "byte", 1 << 30, false},
		{"  byte  *  2^10 ", true, "byte", 1024, false},
		{"byte * 1024", true, "byte", 1024, false},
		{"byte * 10^9", true, "byte", 1_000_000_000, false},
		{"byte * 1000 * 2^10", true, "byte", 1_024_000, false},
		{"MegaBytes", true, "byte", 1 << 20, true},
		{"GigaBytes", true, "byte", 1 << 30, true},
		{"KB", true, "byte", 1 << 10, true},
		{"MB", true, "byte", 1 << 20, true},
		{"GB", true, "byte", 1 << 30, true},
		{"Bytes", true, "byte", 1, true},
		{"hertz * 10^6", true, "hertz", 0, false},
		{"MegaHertz", true, "MegaHertz", 0, false},
		{"* 2^20", true, "", 0, false},
		{"", false, "", 0, false},
		{"byte *", false, "", 0, false},
		{"byte 2^20", false, "", 0, false},
		{"byte * byte", false, "", 0, false},
		{"byte / second", false, "", 0, false},
		{"byte * 2^999999", false, "", 0, false},
		{"byte * 0", false, "", 0, false},
		{"byte * -4", false, "", 0, false},
		{"byte # 2", false, "", 0, false},
		{"byte * 2^", false, "", 0, false},
	}
	for _, tc := range cases {
		u, ok := ParseUnits(tc.in)
		if ok != tc.ok {
			t.Errorf("ParseUnits(%q) ok = %v, want %v", tc.in, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		if u.Base != tc.base || u.Legacy != tc.legacy {
			t.Errorf("ParseUnits(%q) = base %q legacy %v, want %q %v", tc.in, u.Base, u.Legacy, tc.base, tc.legacy)
		}
		if tc.bytes != 0 {
			if got, ok := u.Apply(1); !ok || got != tc.bytes {
				t.Errorf("ParseUnits(%q).Apply(1) = %d, %v; want %d", tc.in, got, ok, tc.bytes)
			}
		}
	}
}

func TestUnitApply(t *testing.T) {
	u, _ := ParseUnits("byte * 2^30")
	if _, ok := u.Apply(1 << 40); ok {
		t.Error("2^40 GiB overflows int64 and must not apply")
	}
	half, _ := ParseUnits("byte / 2")
	if _, ok := half.Apply(3); ok {
		t.Error("1.5 bytes is not a whole number")
	}
	if got, ok := half.Apply(4); !ok || got != 2 {
		t.Errorf("4 half-bytes = %d, %v", got, ok)
	}
}

func TestCapacityBytes(t *testing.T) {
	cases := []struct {
		capacity, units string
		want            int64
	}{
		{"1073741824", "", 1 << 30},
		{"16", "byte * 2^30", 16 << 30},
		{"${size}", "byte * 2^30", -1},
		{"16", "hertz", -1},
		{"9223372036854775807", "byte * 2^20", -1},
		{"x", "", -1},
	}
	for _, tc := range cases {
		if got := capacityBytes(tc.capacity, tc.units); got != tc.want {
			t.Errorf("capacityBytes(%q, %q) = %d, want %d", tc.capacity, tc.units, got, tc.want)
		}
	}
}
