package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReplaceSection(t *testing.T) {
	marked := func(body string) string { return SectionBegin + "\n" + body + "\n" + SectionEnd }
	tests := []struct {
		name, doc, body, want string
	}{
		{"empty file", "", "table\n", "# Benchmarks\n\n" + SectionHeading + "\n\n" + marked("table") + "\n"},
		{"appended after other sections", "# Benchmarks\n\n## Chat latency\n\nx\n\n", "t",
			"# Benchmarks\n\n## Chat latency\n\nx\n\n" + SectionHeading + "\n\n" + marked("t") + "\n"},
		{"replaced in place, the rest intact", "# B\n\n" + SectionHeading + "\n\n" + marked("old\nrows") + "\n\n## Later\n\ny\n", "new",
			"# B\n\n" + SectionHeading + "\n\n" + marked("new") + "\n\n## Later\n\ny\n"},
		{"begin without end appends a fresh section", "# B\n" + SectionBegin + "\nstray\n", "n",
			"# B\n" + SectionBegin + "\nstray\n\n" + SectionHeading + "\n\n" + marked("n") + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(ReplaceSection([]byte(tt.doc), []byte(tt.body)))
			if got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
			if again := string(ReplaceSection([]byte(got), []byte(tt.body))); again != got {
				t.Errorf("not idempotent:\n%q", again)
			}
		})
	}
}

func TestUpdateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "benchmarks.md")
	if err := UpdateFile(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	b = append(b, "\n## Other\n\nkept\n"...)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := UpdateFile(path, []byte("two")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if s := string(got); strings.Contains(s, "one") || !strings.Contains(s, "two") || !strings.Contains(s, "## Other\n\nkept") || strings.Count(s, SectionHeading) != 1 {
		t.Errorf("file after two updates:\n%s", s)
	}
}
