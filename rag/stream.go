package rag

import (
	"context"
	"encoding/json"
)

// textExtractor turns the model's streamed JSON into its human-readable parts: each
// completed string value of "intro", "reason", "tip" and "alternative" is emitted
// once, in order, as soon as its closing quote arrives.
type textExtractor struct {
	buf     []byte
	pos     int  // scan position in buf
	inStr   bool // inside a string
	esc     bool // after a backslash inside a string
	isValue bool // the current string follows ':' (a value, not a key)
	start   int  // offset of the current string's opening quote
	prevSig byte // last significant byte outside strings
	lastKey string
	emit    func(string) error
}

// feed is an llms streaming func.
func (x *textExtractor) feed(_ context.Context, chunk []byte) error {
	x.buf = append(x.buf, chunk...)
	for ; x.pos < len(x.buf); x.pos++ {
		ch := x.buf[x.pos]
		if x.inStr {
			switch {
			case x.esc:
				x.esc = false
			case ch == '\\':
				x.esc = true
			case ch == '"':
				x.inStr = false
				x.prevSig = '"'
				var s string
				if json.Unmarshal(x.buf[x.start:x.pos+1], &s) != nil {
					continue
				}
				if !x.isValue {
					x.lastKey = s
					continue
				}
				switch x.lastKey {
				case "intro", "reason", "tip", "alternative":
					if s != "" {
						if err := x.emit(s + "\n"); err != nil {
							return err
						}
					}
				}
			}
			continue
		}
		switch ch {
		case ' ', '\n', '\r', '\t':
		case '"':
			x.inStr, x.start, x.isValue = true, x.pos, x.prevSig == ':'
		default:
			x.prevSig = ch
		}
	}
	return nil
}
