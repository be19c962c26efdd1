package finetune

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/parquet-go/parquet-go"
)

// StyleRow is one row of the fashion-style-instruct dataset: Input describes the
// person (body type, style), Context the event, Completion several outfit
// combinations written as lines "Top: …", "Bottom: …", "Shoe: …", "Accessories: …".
type StyleRow struct {
	Input      string `json:"input"`
	Context    string `json:"context"`
	Completion string `json:"completion"`
	Line       int    `json:"-"` // 1-based row (JSONL line) in its file, for reports
}

// parquetRow reads the dataset's columns whether they are required or optional.
type parquetRow struct {
	Input      *string `parquet:"input,optional"`
	Context    *string `parquet:"context,optional"`
	Completion *string `parquet:"completion,optional"`
}

// styleColumns are the columns a style-instruct file must have.
var styleColumns = []string{"input", "context", "completion"}

// ReadStyleInstruct reads fashion-style-instruct rows from a Parquet file (.parquet)
// or JSON Lines (any other name). Errors name the file and the row or line.
func ReadStyleInstruct(path string) ([]StyleRow, error) {
	if strings.EqualFold(filepath.Ext(path), ".parquet") {
		return readParquet(path)
	}
	return readJSONL(path)
}

func readParquet(path string) ([]StyleRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("style-instruct: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("style-instruct: %w", err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("style-instruct: %s: not a Parquet file: %w", path, err)
	}
	for _, c := range styleColumns {
		if _, ok := pf.Schema().Lookup(c); !ok {
			return nil, fmt.Errorf("style-instruct: %s: no column %q (want %s)", path, c, strings.Join(styleColumns, ", "))
		}
	}
	rows, err := parquet.Read[parquetRow](f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("style-instruct: %s: %w", path, err)
	}
	out := make([]StyleRow, 0, len(rows))
	for i, r := range rows {
		out = append(out, StyleRow{Input: deref(r.Input), Context: deref(r.Context), Completion: deref(r.Completion), Line: i + 1})
	}
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func readJSONL(path string) ([]StyleRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("style-instruct: %w", err)
	}
	defer f.Close()
	var out []StyleRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" {
			continue
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(s), &raw); err != nil {
			return nil, fmt.Errorf("style-instruct: %s:%d: %w", path, line, err)
		}
		for _, c := range styleColumns {
			if _, ok := raw[c]; !ok {
				return nil, fmt.Errorf("style-instruct: %s:%d: no key %q (want %s)", path, line, c, strings.Join(styleColumns, ", "))
			}
		}
		var r StyleRow
		if err := json.Unmarshal([]byte(s), &r); err != nil {
			return nil, fmt.Errorf("style-instruct: %s:%d: %w", path, line, err)
		}
		r.Line = line
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("style-instruct: %s: %w", path, err)
	}
	return out, nil
}

// OutfitLine is one "Slot: description" line of a completion.
type OutfitLine struct {
	Slot string // canonical: top, bottom, shoes, accessories, outerwear, dress
	Text string // the description as written
}

// slotRe matches "Top: …", "- Shoes: …", "1. Bottom - …", "**Accessories**: …".
var slotRe = regexp.MustCompile(`(?i)^\W*(?:\d+[.)]\s*)?\**\s*(tops?|bottoms?|shoes?|footwear|accessor(?:y|ies)|outerwear|jacket|coat|dress|one[- ]piece)\s*\**\s*[:\-–]\s*(.+)$`)

// ParseOutfits splits a completion into outfits: a new outfit starts at a slot
// already seen in the current one or at a line that is not a slot line after slot lines.
func ParseOutfits(completion string) [][]OutfitLine {
	var outfits [][]OutfitLine
	var cur []OutfitLine
	seen := map[string]bool{}
	flush := func() {
		if len(cur) > 0 {
			outfits = append(outfits, cur)
		}
		cur, seen = nil, map[string]bool{}
	}
	for _, l := range strings.Split(completion, "\n") {
		m := slotRe.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			if len(cur) > 0 && strings.TrimSpace(l) != "" {
				flush()
			}
			continue
		}
		slot := canonicalSlot(m[1])
		if seen[slot] {
			flush()
		}
		seen[slot] = true
		cur = append(cur, OutfitLine{Slot: slot, Text: strings.TrimSpace(strings.Trim(m[2], "* "))})
	}
	flush()
	return outfits
}

func canonicalSlot(s string) string {
	s = strings.ToLower(s)
	switch {
	case strings.HasPrefix(s, "top"):
		return "top"
	case strings.HasPrefix(s, "bottom"):
		return "bottom"
	case strings.HasPrefix(s, "shoe"), s == "footwear":
		return "shoes"
	case strings.HasPrefix(s, "accessor"):
		return "accessories"
	case s == "jacket", s == "coat", s == "outerwear":
		return "outerwear"
	}
	return "dress"
}
