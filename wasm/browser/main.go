//go:build js && wasm

package main

import (
	"context"
	"fmt"
	"sync"
	"syscall/js"
)

// checks maps the id of each running check to its cancel function.
var (
	mu     sync.Mutex
	checks = map[int]context.CancelFunc{}
)

func main() {
	handler := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) == 0 {
			return nil
		}
		msg := args[0]
		id := msg.Get("id").Int()
		switch msg.Get("type").String() {
		case "check":
			ctx, cancel := context.WithCancel(context.Background())
			mu.Lock()
			checks[id] = cancel
			mu.Unlock()
			go func() {
				defer func() {
					if p := recover(); p != nil {
						post(id, "error", map[string]any{"message": fmt.Sprintf("The checker failed on this package (%v). Please report it.", p)})
					}
					mu.Lock()
					delete(checks, id)
					mu.Unlock()
					cancel()
				}()
				runCheck(ctx, id, msg)
			}()
		case "cancel":
			mu.Lock()
			if cancel, ok := checks[id]; ok {
				cancel()
			}
			mu.Unlock()
		}
		return nil
	})
	js.Global().Set("ovacheckHandle", handler)
	js.Global().Call("postMessage", map[string]any{"type": "ready"})
	select {}
}
