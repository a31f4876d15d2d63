//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/ovacheck/ovacheck/engine/settings"
)

// readOptions reads the "options" object of a check message (see
// pageNames) and parses it with engine/settings (optionsFrom). A problem
// the user must fix comes back as the parser's error, naming its key.
func readOptions(v js.Value) (checkOptions, *settings.Error) {
	obj, _ := goValue(v).(map[string]any)
	return optionsFrom(obj)
}

// goValue turns a JavaScript value into Go's: text, booleans, numbers,
// lists and plain objects; undefined, null and anything else are nil.
func goValue(v js.Value) any {
	switch v.Type() {
	case js.TypeString:
		return v.String()
	case js.TypeBoolean:
		return v.Bool()
	case js.TypeNumber:
		return v.Float()
	case js.TypeObject:
		if js.Global().Get("Array").Call("isArray", v).Bool() {
			list := make([]any, v.Length())
			for i := range list {
				list[i] = goValue(v.Index(i))
			}
			return list
		}
		keys := js.Global().Get("Object").Call("keys", v)
		m := make(map[string]any, keys.Length())
		for i := 0; i < keys.Length(); i++ {
			k := keys.Index(i).String()
			m[k] = goValue(v.Get(k))
		}
		return m
	}
	return nil
}
