package catalog

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden files")

// golden compares got with testdata/name.golden (rewriting it with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s mismatch:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestReportString(t *testing.T) {
	in := "Article_ID,prod_name,product_type_name,detail_desc,stock\n" +
		"1,A,Top,nan,3\n" +
		"1,A again,Top,x,3\n" +
		"x12,B,Top,x,3\n" +
		"3,C,Top,\"unclosed,3\n" +
		"4,D,Top,x,3\n" +
		"5,E,,x,3\n" +
		"6,F,Top,x\n" +
		"7,\"" + strings.Repeat("very long name ", 10) + "\",Top,x,3,extra\n"
	_, rep, err := Load(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "report", rep.String()+"\n")
	if (*Report)(nil).String() == "" {
		t.Error("nil report must still describe itself")
	}
}
