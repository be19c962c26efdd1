package catalog

import (
	"strings"
	"testing"

	"github.com/stylistbot/stylist/internal/golden"
)

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
	golden.Check(t, "report.golden", []byte(rep.String()+"\n"))
	if (*Report)(nil).String() == "" {
		t.Error("nil report must still describe itself")
	}
}
