package eval

import (
	"strings"
	"testing"
)

func TestReadSuite(t *testing.T) {
	s, err := ReadSuite(strings.NewReader(`# comment
{"q": "hi", "chat": "greeting"}
{"name": "paging", "turns": [{"q": "a dress"}, {"q": "2 more", "page": true, "count": 2}]}
{"q": "blak jeens", "corrections": {"blak": "black"}, "types": ["Trousers"]}
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Cases) != 2 || len(s.Conversations) != 1 || !s.Conversations[0].Turns[1].Page || s.Cases[1].Corrections["blak"] != "black" {
		t.Fatalf("%+v", s)
	}
	for _, bad := range []string{`{"q": "x", "typo": 1}`, `{"q": ""}`, `{"name": "x", "turns": []}`, ``} {
		if _, err := ReadSuite(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if _, err := ReadSuite(strings.NewReader("\n{\"q\": 1}")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error does not name the line: %v", err)
	}
}

func TestRatio(t *testing.T) {
	var r Ratio
	if r.String() != "-" {
		t.Fatal(r.String())
	}
	r.add(true)
	r.add(false)
	if r.String() != "1/2 (0.500)" {
		t.Fatal(r.String())
	}
}
