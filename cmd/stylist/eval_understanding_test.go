package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stylist eval --understanding on the demo index: chat never searches,
// paging never repeats, the report names what failed.
func TestEvalUnderstanding(t *testing.T) {
	f := filepath.Join(t.TempDir(), "u.jsonl")
	set := `{"q": "hi", "chat": "greeting"}
{"q": "thanks!", "chat": "thanks"}
{"q": "a dress under 30 euros", "notice": true}
{"q": "ski boots", "notice": true, "no_items": true}
{"name": "paging", "turns": [{"q": "a black sweater"}, {"q": "show me 2 more", "page": true, "count": 2}]}
`
	if err := os.WriteFile(f, []byte(set), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, "", "eval", "--understanding", f, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		FalseCorrections int                           `json:"false_corrections"`
		ChatNoSearch     struct{ Passed, Checked int } `json:"chat_no_search"`
		Notices          struct{ Passed, Checked int } `json:"notices"`
		PagingNoRepeat   struct{ Passed, Checked int } `json:"paging_no_repeat"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if rep.ChatNoSearch.Passed != 2 || rep.ChatNoSearch.Checked != 2 || rep.Notices.Passed != 2 || rep.PagingNoRepeat.Passed != 1 || rep.FalseCorrections != 0 {
		t.Fatalf("report %+v\n%s", rep, out)
	}
	out, _, err = run(t, "", "eval", "--understanding", f)
	if err != nil || !strings.Contains(out, "paging never repeats") {
		t.Fatalf("table: %v\n%s", err, out)
	}
}
