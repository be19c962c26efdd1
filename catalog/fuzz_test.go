package catalog

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// FuzzLoad checks that Load never panics and that its accounting holds: every
// data row seen is either loaded or skipped for a reason.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(miniHeader + "0108775015,0108775,Strap top,Vest top,09,Black,\"a, b\"\n"))
	f.Add([]byte(miniHeader + "1,1,A,Top,09,Black,\"open\n2,2,B,Top,09,Black,x\n"))
	f.Add([]byte("\ufeffarticle_id,prod_name,product_type_name\r\n1,A,Top\r\n1,A,Top\r\n,B,Top\r\n"))
	f.Add([]byte("article_id,prod_name,product_type_name\n\"1\"x,A,Top\n2,\"B\"\"\",Top\n3,C\n"))
	f.Add(gz(f, []byte(miniHeader+"1,1,A,Top,09,Black,nan\n")))
	f.Add(fixtureCSV(f))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		c, rep, err := Load(bytes.NewReader(data))
		if err != nil {
			if c != nil {
				t.Fatalf("catalog returned with error %v", err)
			}
			return
		}
		checkInvariants(t, c, rep)
		if len(rep.Samples) > maxSamples || len(rep.Samples) > rep.SkippedTotal() {
			t.Fatalf("%d samples for %d skipped rows", len(rep.Samples), rep.SkippedTotal())
		}
		// Rows seen can never exceed what a strict CSV reader finds plus one
		// per resynchronisation; a lower bound is the clean record count.
		if !rep.Gzip && rep.Skipped[ReasonBadQuoting] == 0 {
			cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, utf8BOM)))
			cr.FieldsPerRecord = -1
			recs, err := cr.ReadAll()
			if err == nil && len(recs) > 0 && len(recs)-1 != rep.Rows {
				t.Fatalf("Rows = %d, encoding/csv sees %d data records", rep.Rows, len(recs)-1)
			}
		}
	})
}
