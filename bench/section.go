package bench

import (
	"bytes"
	"os"
)

// Section markers and heading of the part of docs/benchmarks.md that
// `stylist bench --out` owns; the rest of the file is left as it is.
const (
	SectionHeading = "## Index factories (stylist bench)"
	SectionBegin   = "<!-- stylist bench: begin (generated, do not edit) -->"
	SectionEnd     = "<!-- stylist bench: end -->"
)

// ReplaceSection returns doc with the text between SectionBegin and
// SectionEnd replaced by body. Without markers it appends SectionHeading and
// the marked body; an empty doc gets a "# Benchmarks" title first.
func ReplaceSection(doc, body []byte) []byte {
	block := make([]byte, 0, len(body)+len(SectionBegin)+len(SectionEnd)+4)
	block = append(block, SectionBegin+"\n"...)
	block = append(block, bytes.TrimRight(body, "\n")...)
	block = append(block, "\n"+SectionEnd...)
	if j := bytes.Index(doc, []byte(SectionEnd)); j >= 0 {
		if i := bytes.LastIndex(doc[:j], []byte(SectionBegin)); i >= 0 {
			out := append([]byte{}, doc[:i]...)
			out = append(out, block...)
			return append(out, doc[j+len(SectionEnd):]...)
		}
	}
	var out []byte
	if len(bytes.TrimSpace(doc)) == 0 {
		out = []byte("# Benchmarks\n")
	} else {
		out = append(bytes.TrimRight(doc, "\n"), '\n')
	}
	out = append(out, "\n"+SectionHeading+"\n\n"...)
	out = append(out, block...)
	return append(out, '\n')
}

// UpdateFile replaces the generated section of the Markdown file at path with
// body, creating the file when it does not exist.
func UpdateFile(path string, body []byte) error {
	doc, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	return os.WriteFile(path, ReplaceSection(doc, body), 0o644)
}
