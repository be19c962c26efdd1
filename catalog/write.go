package catalog

import (
	"encoding/csv"
	"fmt"
	"io"
)

// WriteCSV writes arts as an articles.csv with the Kaggle header and column
// order (quoting fields only where needed, "\n" line endings).
func WriteCSV(w io.Writer, arts []Article) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns()); err != nil {
		return fmt.Errorf("catalog: write header: %w", err)
	}
	rec := make([]string, len(columns))
	for i := range arts {
		for j, c := range columns {
			rec[j] = *c.field(&arts[i])
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("catalog: write article %s: %w", arts[i].ArticleID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("catalog: write: %w", err)
	}
	return nil
}
