package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/finetune"
	"github.com/stylistbot/stylist/rag"
)

func TestFinetuneData(t *testing.T) {
	dir := t.TempDir()
	style := filepath.Join(dir, "style.jsonl")
	row := `{"input": "a woman who likes minimal, elegant clothes", "context": "a job interview at a bank", "completion": "Top: White blouse\nBottom: Black trousers\nShoe: Black pumps\nAccessories: Gold necklace"}`
	if err := os.WriteFile(style, []byte(row+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "sft")
	stdout, _, err := run(t, "", "finetune", "data", "--style-instruct", style, "--synthetic", "40", "--seed", "5", "--out", out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"train.jsonl", "by source", "style-instruct", "synthetic", "job interview", "sequence tokens", "outfit "} {
		if !strings.Contains(stdout, want) {
			t.Fatalf("report lacks %q:\n%s", want, stdout)
		}
	}
	f, err := os.Open(filepath.Join(out, finetune.TrainFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var rec finetune.ChatRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || len(rec.Messages) != 3 {
			t.Fatalf("%v: %s", err, sc.Text())
		}
		if _, err := rag.ParseTarget(rec.Messages[2].Content); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no training examples")
	}
	first, _ := os.ReadFile(filepath.Join(out, finetune.TrainFile))
	if _, _, err := run(t, "", "finetune", "data", "--style-instruct", style, "--synthetic", "40", "--seed", "5", "--out", out); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(filepath.Join(out, finetune.TrainFile))
	if string(first) != string(second) {
		t.Fatal("the same seed must write the same file")
	}
	if _, _, err := run(t, "", "finetune", "data", "--out", out); err == nil || !strings.Contains(err.Error(), "--synthetic") {
		t.Fatalf("err = %v", err)
	}
}
