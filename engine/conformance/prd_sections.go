package conformance

import (
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// vcdTextLimit is the longest description vCloud Director stores
// (reference peers.md 6, item 36).
const vcdTextLimit = 255

// configurations checks the DeploymentOptionSection and every
// ovf:configuration attribute of the descriptor.
func (c *checker) configurations() {
	used := map[string]bool{}
	var walk func(n *envelope.Node)
	walk = func(n *envelope.Node) {
		if a, ok := ovfAttr(n, "configuration"); ok {
			reported := map[string]bool{}
			for _, id := range strings.Fields(a.Value) {
				used[id] = true
				if !c.configs[id] && !reported[id] {
					reported[id] = true
					what := "the descriptor has no DeploymentOptionSection"
					if c.e.DeploymentOptions != nil {
						what = "the DeploymentOptionSection does not define it"
					}
					c.Add(rules.PrdConfigRef.New(c.At(a.Pos), "<%s> is for configuration %s, but %s", n.Name.Local, q(id), what).
						WithHint("Use the ovf:id of a Configuration in the DeploymentOptionSection (ids are case-sensitive and separated by single spaces), or add the Configuration."))
				}
			}
		}
		for _, ch := range n.Children {
			walk(ch)
		}
	}
	walk(c.e.Root)
	do := c.e.DeploymentOptions
	if do == nil {
		return
	}
	ids := map[string]envelope.Pos{}
	var firstDefault *envelope.Configuration
	baseline := ""
	if len(do.Configurations) > 0 {
		baseline = do.Configurations[0].ID
	}
	for _, cf := range do.Configurations {
		if cf.Default {
			baseline = cf.ID
			break
		}
	}
	for i := range do.Configurations {
		cf := &do.Configurations[i]
		if pos, dup := ids[cf.ID]; dup && cf.ID != "" {
			c.Add(rules.PrdConfigDupID.New(c.At(attrPos(cf.Node, "id")), "deployment option %s is already defined at line %d", q(cf.ID), pos.Line).
				WithHint("Give every Configuration its own ovf:id."))
		} else {
			ids[cf.ID] = cf.Pos
		}
		if cf.Default {
			if firstDefault != nil {
				c.Add(rules.PrdConfigDefaults.New(c.At(attrPos(cf.Node, "default")), "deployment option %s is marked default, and so is %s at line %d", q(cf.ID), q(firstDefault.ID), firstDefault.Pos.Line).
					WithHint(`Mark one Configuration ovf:default="true"; without any, the first is the default.`))
			} else {
				firstDefault = cf
			}
		}
		if cf.ID != "" && cf.ID != baseline && !used[cf.ID] && len(do.Configurations) > 1 {
			// The default option is the baseline the others differ from.
			c.Add(rules.PrdConfigUnused.New(c.At(cf.Pos), "deployment option %s is named by no ovf:configuration, so choosing it changes nothing", q(cf.ID)).
				WithHint("Give the Items or property Values that differ for this option an ovf:configuration naming it, or remove the option."))
		}
		if d := cf.Description; len([]rune(d)) > vcdTextLimit {
			c.longText(cf.Node, "the description of deployment option "+q(cf.ID), d)
		}
	}
}

// longText reports text longer than vCloud Director stores.
func (c *checker) longText(n *envelope.Node, what, text string) {
	c.Add(rules.PrdLongText.New(c.locOf(n), "%s is %d characters long; vCloud Director stores at most %d", what, len([]rune(text)), vcdTextLimit).
		WithHint("Shorten it if the package is meant for vCloud Director, which reports a misleading error on import."))
}

// sections checks StartupSection, InstallSection, EulaSection,
// AnnotationSection and OperatingSystemSection of every Content.
func (c *checker) sections() {
	for _, ct := range c.contents() {
		if ct.Startup != nil {
			c.startup(ct)
		}
		if in := ct.Install; in != nil {
			v, ok := attrValue(in.Node, "initialBootStopDelay")
			_, err := strconv.ParseUint(v, 10, 16)
			switch {
			case !ok:
				c.Add(rules.PrdInstallDelay.New(c.At(in.Pos), "InstallSection has no ovf:initialBootStopDelay").
					WithHint(`Add ovf:initialBootStopDelay="0" (seconds to wait for the installing guest to power off; 0 waits for ever); DSP8023 1.1 and 2.x require it.`))
			case err != nil:
				c.Add(rules.PrdInstallDelay.New(c.At(attrPos(in.Node, "initialBootStopDelay")), "ovf:initialBootStopDelay is %s, not a number of seconds from 0 to 65535", q(v)).
					WithHint("Write the number of seconds as a whole number."))
			}
		}
		for _, eu := range ct.Eulas {
			lic := eu.Node.Child(eu.Node.Name.Space, "License")
			if lic == nil {
				continue // ENV035 says it is missing
			}
			if eu.License == "" {
				if id, _ := attrValue(lic, "msgid"); id == "" {
					c.Add(rules.PrdEulaEmpty.New(c.At(lic.Pos), "the licence agreement has no text").
						WithHint("Put the licence text in <License>; consumers show it and ask the user to accept it."))
				}
			}
		}
		if an := ct.Annotation; an != nil && len([]rune(an.Annotation)) > vcdTextLimit {
			c.longText(an.Node, "the annotation", an.Annotation)
		}
		if os := ct.OS; os != nil {
			c.operatingSystem(os)
		}
	}
	if ns := c.e.NetworkSection; ns != nil {
		for _, n := range ns.Networks {
			if len([]rune(n.Description)) > vcdTextLimit {
				c.longText(n.Node, "the description of network "+q(n.Name), n.Description)
			}
		}
	}
}

func (c *checker) operatingSystem(os *envelope.OperatingSystemSection) {
	if os.ID == nil {
		msg := "OperatingSystemSection has no ovf:id"
		if _, ok := ovfAttr(os.Node, "id"); ok {
			msg = "OperatingSystemSection's ovf:id " + q(os.IDText) + " is not a number"
		}
		c.Add(rules.PrdOSID.New(c.At(attrPos(os.Node, "id")), "%s", msg).
			WithHint(`Give the CIM operating system number, e.g. ovf:id="101" for 64-bit Linux 2.6 or later; VirtualBox refuses the section without it.`))
		return
	}
	if _, ok := osTypes[*os.ID]; !ok {
		c.Add(rules.PrdOSUnknown.New(c.At(attrPos(os.Node, "id")), "operating system id %d is not in the CIM OsType value map (0 to %d)", *os.ID, maxOSType).
			WithHint("Use a defined CIM OsType value (1 Other, 36 Linux, 101 64-bit Linux, ...); consumers map unknown ids to Other."))
	}
}

// startup checks a collection's StartupSection entries. Stop action
// "suspend" is not in DSP0243 but vSphere vApps define and export it, so it
// is accepted.
func (c *checker) startup(ct *envelope.Content) {
	members := map[string]bool{}
	for _, ch := range ct.Children {
		members[ch.ID] = true
	}
	seen := map[string]envelope.Pos{}
	for _, it := range ct.Startup.Items {
		if it.ID != "" {
			if !members[it.ID] {
				c.Add(rules.PrdStartupID.New(c.At(it.Pos), "startup entry %s names no VirtualSystem or collection directly inside this one", q(it.ID)).
					WithHint("Use the ovf:id of a member of the collection."))
			}
			if pos, dup := seen[it.ID]; dup {
				c.Add(rules.PrdStartupDup.New(c.At(it.Pos), "a second startup entry for %s (the first is at line %d)", q(it.ID), pos.Line).
					WithHint("Give each member one startup entry."))
			} else {
				seen[it.ID] = it.Pos
			}
		}
		for _, f := range []struct{ name, v string }{{"order", it.Order}, {"startDelay", it.StartDelay}, {"stopDelay", it.StopDelay}} {
			v := strings.TrimSpace(f.v)
			if v == "" {
				continue
			}
			if _, err := strconv.ParseUint(v, 10, 16); err != nil {
				c.Add(rules.PrdStartupNumber.New(c.At(it.Pos), "ovf:%s of startup entry %s is %s, not a whole number from 0 to 65535", f.name, q(it.ID), q(f.v)).
					WithHint("Write a non-negative whole number (an order, or seconds)."))
			}
		}
		if a := strings.TrimSpace(it.StartAction); a != "" && a != "powerOn" && a != "none" {
			c.Add(rules.PrdStartupAction.New(c.At(it.Pos), "ovf:startAction of startup entry %s is %s", q(it.ID), q(it.StartAction)).
				WithHint("Use powerOn or none."))
		}
		if a := strings.TrimSpace(it.StopAction); a != "" && a != "powerOff" && a != "guestShutdown" && a != "none" && a != "suspend" {
			c.Add(rules.PrdStartupAction.New(c.At(it.Pos), "ovf:stopAction of startup entry %s is %s", q(it.ID), q(it.StopAction)).
				WithHint("Use powerOff, guestShutdown or none (vSphere also reads suspend)."))
		}
	}
}
