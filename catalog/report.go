package catalog

import (
	"fmt"
	"slices"
	"strings"
)

// Skip reasons counted in Report.Skipped.
const (
	ReasonBadQuoting       = "bad_quoting"        // CSV syntax error (stray or unbalanced quote)
	ReasonFieldCount       = "field_count"        // number of fields differs from the header
	ReasonMissingArticleID = "missing_article_id" // empty article_id
	ReasonInvalidArticleID = "invalid_article_id" // article_id is not an integer of at most 10 digits
	ReasonDuplicateID      = "duplicate_article_id"
	ReasonEmptyProdName    = "empty_prod_name"
	ReasonEmptyProductType = "empty_product_type_name"
	// ReasonTruncated marks a loaded row with a field cut to MaxFieldBytes /
	// MaxDescBytes; it is counted in Report.Truncated, not in Skipped.
	ReasonTruncated = "field_truncated"
)

// maxSamples bounds Report.Samples.
const maxSamples = 10

// SkippedRow describes one skipped row for diagnostics.
type SkippedRow struct {
	Line   int    `json:"line"`   // 1-based line in the (decompressed) file where the row starts
	Reason string `json:"reason"` // one of the Reason* constants
	Detail string `json:"detail"` // short human-readable detail (offending value or parse error)
}

// Report summarises a load: what was read, loaded and skipped, and why.
type Report struct {
	Rows           int            `json:"rows"`   // data rows seen (header excluded); Rows == Loaded + sum(Skipped)
	Loaded         int            `json:"loaded"` // rows turned into articles
	Skipped        map[string]int `json:"skipped"`
	Samples        []SkippedRow   `json:"samples,omitempty"`   // first skipped or truncated rows, at most 10
	Truncated      map[string]int `json:"truncated,omitempty"` // column → loaded rows whose value was cut to its size cap
	EmptyDesc      int            `json:"empty_desc"`          // loaded articles with an empty detail_desc
	MissingColumns []string       `json:"missing_columns,omitempty"`
	UnknownColumns []string       `json:"unknown_columns,omitempty"`
	Gzip           bool           `json:"gzip"`   // input was gzip-compressed
	Bytes          int64          `json:"bytes"`  // raw bytes read (compressed size for gzip)
	SHA256         string         `json:"sha256"` // hex SHA-256 of the raw bytes read
}

// SkippedTotal returns the number of skipped rows over all reasons.
func (r *Report) SkippedTotal() int {
	n := 0
	for _, c := range r.Skipped {
		n += c
	}
	return n
}

// skip records a skipped row.
func (r *Report) skip(line int, reason, detail string) {
	r.Rows++
	r.Skipped[reason]++
	if len(r.Samples) < maxSamples {
		if len(detail) > 80 {
			detail = detail[:77] + "..."
		}
		r.Samples = append(r.Samples, SkippedRow{Line: line, Reason: reason, Detail: detail})
	}
}

// truncate records a loaded row whose column col (size bytes) was cut.
func (r *Report) truncate(line int, col string, size int) {
	if r.Truncated == nil {
		r.Truncated = map[string]int{}
	}
	r.Truncated[col]++
	if len(r.Samples) < maxSamples {
		r.Samples = append(r.Samples, SkippedRow{Line: line, Reason: ReasonTruncated, Detail: fmt.Sprintf("%s: %d bytes, kept %d", col, size, fieldCap(col))})
	}
}

// TruncatedTotal returns the number of truncated fields over all columns.
func (r *Report) TruncatedTotal() int {
	n := 0
	for _, c := range r.Truncated {
		n += c
	}
	return n
}

// String returns a one-paragraph human summary of the load.
func (r *Report) String() string {
	if r == nil {
		return "catalog: no report"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "loaded %d of %d rows, skipped %d", r.Loaded, r.Rows, r.SkippedTotal())
	if len(r.Skipped) > 0 {
		reasons := make([]string, 0, len(r.Skipped))
		for k := range r.Skipped {
			reasons = append(reasons, k)
		}
		slices.Sort(reasons)
		b.WriteString(" (")
		for i, k := range reasons {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s=%d", k, r.Skipped[k])
		}
		b.WriteString(")")
	}
	if len(r.Truncated) > 0 {
		cols := make([]string, 0, len(r.Truncated))
		for k := range r.Truncated {
			cols = append(cols, k)
		}
		slices.Sort(cols)
		fmt.Fprintf(&b, "; truncated %d oversized fields (", r.TruncatedTotal())
		for i, k := range cols {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s=%d", k, r.Truncated[k])
		}
		b.WriteString(")")
	}
	fmt.Fprintf(&b, "; %d empty descriptions", r.EmptyDesc)
	if len(r.MissingColumns) > 0 {
		fmt.Fprintf(&b, "; missing columns: %s", strings.Join(r.MissingColumns, ", "))
	}
	if len(r.UnknownColumns) > 0 {
		fmt.Fprintf(&b, "; ignored columns: %s", strings.Join(r.UnknownColumns, ", "))
	}
	kind := "plain"
	if r.Gzip {
		kind = "gzip"
	}
	sum := r.SHA256
	if len(sum) > 12 {
		sum = sum[:12]
	}
	fmt.Fprintf(&b, "; %s, %d bytes, sha256 %s", kind, r.Bytes, sum)
	for _, s := range r.Samples {
		fmt.Fprintf(&b, "\n  line %d: %s: %s", s.Line, s.Reason, s.Detail)
	}
	return b.String()
}
