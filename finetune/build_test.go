package finetune

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/rag"
)

func build(t *testing.T, seed uint64) (*Dataset, map[string]catalog.Article) {
	t.Helper()
	c, arts := demoChain(t)
	ds, err := Build(context.Background(), c, arts, Options{Seed: seed, Synthetic: 150, Style: sampleRows, ValShare: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]catalog.Article{}
	for _, a := range arts {
		byID[a.ArticleID] = a
	}
	return ds, byID
}

// Every example is grounded: its answer parses as the chain parses it, and every
// pick is an article listed in its own prompt.
func TestBuildIsGroundedDeterministicAndSplitByRequest(t *testing.T) {
	ds, byID := build(t, 7)
	var sb strings.Builder
	ds.Report.WriteText(&sb)
	t.Log("\n" + sb.String())
	all := append(append([]Example(nil), ds.Train...), ds.Val...)
	if len(ds.Train) == 0 || len(ds.Val) == 0 {
		t.Fatalf("train %d val %d", len(ds.Train), len(ds.Val))
	}
	kinds := map[string]int{}
	prompts := map[string]bool{}
	for _, ex := range all {
		kinds[ex.Kind]++
		if prompts[ex.Prompt] {
			t.Fatalf("duplicate prompt kept: %q", ex.Request.Query)
		}
		prompts[ex.Prompt] = true
		rec := ex.Chat()
		if len(rec.Messages) != 3 || rec.Messages[0].Role != "system" || rec.Messages[1].Role != "user" || rec.Messages[2].Role != "assistant" {
			t.Fatalf("%+v", rec)
		}
		ans, err := rag.ParseTarget(rec.Messages[2].Content)
		if err != nil {
			t.Fatalf("%s: %v", rec.Messages[2].Content, err)
		}
		if ex.Kind == KindNone {
			if len(ans.Items) != 0 {
				t.Fatalf("a nothing-suitable answer picks nothing: %+v", ans)
			}
			continue
		}
		if len(ans.Items) == 0 || ans.Intro == "" || ans.Tip == "" {
			t.Fatalf("%q: %+v", ex.Request.Query, ans)
		}
		for _, it := range ans.Items {
			a, ok := byID[it.ArticleID]
			if !ok || !strings.Contains(ex.Prompt, it.ArticleID+" | "+a.ProdName) {
				t.Fatalf("%q: pick %s is not in the prompt's context", ex.Request.Query, it.ArticleID)
			}
			if !strings.Contains(it.Reason, a.ProdName) {
				t.Fatalf("reason not grounded in the article: %q", it.Reason)
			}
		}
	}
	for _, k := range []string{KindStyleLine, KindType, KindColour, KindCount, KindNegation, KindFollowUp, KindNone} {
		if kinds[k] == 0 {
			t.Errorf("no %s examples: %v", k, kinds)
		}
	}
	// split by request: no thread's first request in both splits
	groups := map[string]bool{}
	for _, ex := range ds.Train {
		groups[ex.Group] = true
	}
	for _, ex := range ds.Val {
		if groups[ex.Group] {
			t.Fatalf("request %q is in both splits", ex.Group)
		}
	}
	again, _ := build(t, 7)
	if !reflect.DeepEqual(again, ds) {
		t.Fatal("the same seed must give the same dataset")
	}
	other, _ := build(t, 8)
	if reflect.DeepEqual(other.Train, ds.Train) {
		t.Fatal("another seed should give other synthetic requests")
	}
}

// Outfit lines become requests for their item; the pick has the line's type and
// audience, and a line the catalog cannot serve is dropped and counted, never invented.
func TestStyleLinesAreGroundedOrDropped(t *testing.T) {
	c, arts := demoChain(t)
	ds, err := Build(context.Background(), c, arts, Options{Seed: 1, Style: sampleRows})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]catalog.Article{}
	for _, a := range arts {
		byID[a.ArticleID] = a
	}
	all := append(append([]Example(nil), ds.Train...), ds.Val...)
	if len(all) < 6 {
		t.Fatalf("only %d of the sample lines were grounded; report %+v", len(all), ds.Report.Dropped)
	}
	for _, ex := range all {
		a := byID[ex.Answer.Items[0].ArticleID]
		if ex.Audience == AudienceMen && a.IndexGroupName != AudienceMen || ex.Audience == AudienceWomen && a.IndexGroupName != AudienceWomen {
			t.Errorf("%q → %s (%s): wrong audience", ex.Request.Query, a.ProdName, a.IndexGroupName)
		}
		q := c.Prepare
		p, _ := q(context.Background(), ex.Request)
		if !slices.Contains(p.Query.Types, a.ProductTypeName) && !slices.Contains(p.Query.ProductGroups, a.ProductGroupName) {
			t.Errorf("%q → %s (%s): not the line's type %v", ex.Request.Query, a.ProdName, a.ProductTypeName, p.Query.Types)
		}
		if ex.Occasion == "" || !strings.Contains(ex.Request.Query, "for this occasion") {
			t.Errorf("the event must be in the request and the report: %+v", ex)
		}
	}
	if ds.Report.DroppedTotal(SourceStyle) == 0 {
		t.Fatalf("the tiara line must be dropped: %+v", ds.Report.Dropped)
	}
	if ds.Report.ByOccasion["wedding"] == 0 || ds.Report.ByOccasion["date"] == 0 {
		t.Fatalf("occasions %v", ds.Report.ByOccasion)
	}
}

func TestWriteDir(t *testing.T) {
	ds, _ := build(t, 3)
	dir := t.TempDir()
	if err := WriteDir(dir, ds); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name string
		n    int
	}{{TrainFile, len(ds.Train)}, {ValFile, len(ds.Val)}, {AlpacaTrainFile, len(ds.Train)}, {AlpacaValFile, len(ds.Val)}} {
		b, err := os.ReadFile(filepath.Join(dir, f.name))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if len(lines) != f.n {
			t.Fatalf("%s: %d lines, want %d", f.name, len(lines), f.n)
		}
		if strings.HasPrefix(f.name, "alpaca") {
			var r AlpacaRecord
			if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
				t.Fatal(err)
			}
			ex := ds.Train[0]
			if f.name == AlpacaValFile {
				ex = ds.Val[0]
			}
			want := ex.System + "\n\n### Instruction:\n" + ex.Prompt + "\n\n### Response:\n"
			if r.Prompt != want || r.Completion != r.Output || r.Instruction != ex.Prompt {
				t.Fatalf("alpaca prompt is not what the served template renders:\n%q\nwant\n%q", r.Prompt, want)
			}
		} else {
			var r ChatRecord
			if err := json.Unmarshal([]byte(lines[0]), &r); err != nil || len(r.Messages) != 3 {
				t.Fatalf("%v %+v", err, r)
			}
		}
	}
	var rep Report
	b, _ := os.ReadFile(filepath.Join(dir, ReportFile))
	if err := json.Unmarshal(b, &rep); err != nil || rep.Examples != len(ds.Train)+len(ds.Val) || rep.SequenceTokens.Max == 0 {
		t.Fatalf("%v %+v", err, rep)
	}
	sum := 0
	for _, n := range rep.BySource {
		sum += n
	}
	if sum != rep.Examples {
		t.Fatalf("by source %v does not add up to %d", rep.BySource, rep.Examples)
	}
}
