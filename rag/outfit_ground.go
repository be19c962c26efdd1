package rag

import (
	"encoding/json"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/outfit"
	"github.com/stylistbot/stylist/retrieve"
)

// outfitSchema is the JSON schema of the model's outfit answer.
var outfitSchema = json.RawMessage(`{
  "type": "object",
  "properties": {
    "intro": {"type": "string"},
    "outfits": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "title": {"type": "string"},
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {"slot": {"type": "string"}, "article_id": {"type": "string"}, "reason": {"type": "string"}},
              "required": ["slot", "article_id", "reason"]
            }
          },
          "rationale": {"type": "string"}
        },
        "required": ["title", "items", "rationale"]
      }
    },
    "tip": {"type": "string"}
  },
  "required": ["intro", "outfits", "tip"]
}`)

type modelOutfitAnswer struct {
	Intro   string        `json:"intro"`
	Outfits []modelOutfit `json:"outfits"`
	Tip     string        `json:"tip"`
}

type modelOutfit struct {
	Title     string           `json:"title"`
	Items     []modelSlotPiece `json:"items"`
	Rationale string           `json:"rationale"`
}

type modelSlotPiece struct {
	Slot      string `json:"slot"`
	ArticleID string `json:"article_id"`
	Reason    string `json:"reason"`
}

// parseOutfitAnswer decodes the model's JSON, tolerating text around the object.
func parseOutfitAnswer(s string) (*modelOutfitAnswer, error) {
	var a modelOutfitAnswer
	return &a, decodeObject(s, &a)
}

// groundOutfits keeps the model's choice for a slot only when it is one of
// that slot's candidates (a choice filed under the wrong slot name goes to the
// slot whose candidates hold it) and no other look or piece uses the article
// or its product; every other slot keeps the assembled outfit's piece with
// its template reason. It reports the ids it dropped (not among any slot's
// candidates) and how many pieces the model picked of all.
func groundOutfits(ma *modelOutfitAnswer, res *outfit.Result, imageURL func(catalog.Article) string) (out []Outfit, dropped []string, picked, total int) {
	assembled := map[string]int{} // article id → the look it was assembled into
	for i, o := range res.Outfits {
		for _, it := range o.Items {
			assembled[it.Article.ArticleID] = i
		}
	}
	chosen := map[string]bool{}
	for i, ao := range res.Outfits {
		rationale, reasons := res.Explain(i)
		choices := map[string][]modelSlotPiece{} // slot → the model's valid picks, in order
		var mo *modelOutfit
		if i < len(ma.Outfits) {
			mo = &ma.Outfits[i]
			for _, mi := range mo.Items {
				mi.ArticleID = normalizeID(mi.ArticleID)
				slot := slotOf(res, ao, strings.ToLower(strings.TrimSpace(mi.Slot)), mi.ArticleID)
				if slot == "" {
					if !anyCandidate(res, mi.ArticleID) {
						dropped = append(dropped, mi.ArticleID)
					}
					continue
				}
				choices[slot] = append(choices[slot], mi)
			}
		}
		codes := map[string]bool{}
		lookPicked := 0
		look := Outfit{Title: ao.Title, Rationale: rationale}
		for j, it := range ao.Items {
			total++
			art, reason, fromAssembly := it.Article, reasons[j], true
			for len(choices[it.Slot]) > 0 {
				mi := choices[it.Slot][0]
				choices[it.Slot] = choices[it.Slot][1:]
				c, _ := candidate(res.Candidates[it.Slot], mi.ArticleID)
				if n, ok := assembled[c.ArticleID]; chosen[c.ArticleID] || (ok && n != i) || (c.ProductCode != "" && codes[c.ProductCode]) {
					continue // another look's piece, or a second colourway in this look
				}
				art, fromAssembly = c, false
				if r := strings.TrimSpace(mi.Reason); r != "" {
					reason = r
				}
				break
			}
			chosen[art.ArticleID] = true
			if art.ProductCode != "" {
				codes[art.ProductCode] = true
			}
			if !fromAssembly {
				picked++
				lookPicked++
			}
			look.Items = append(look.Items, outfitItem(res, outfit.Item{Slot: it.Slot, Article: art, Score: it.Score}, reason, fromAssembly, imageURL))
		}
		if mo != nil {
			if t := strings.TrimSpace(mo.Title); t != "" && lookPicked > 0 {
				look.Title = t
			}
			if r := strings.TrimSpace(mo.Rationale); r != "" && lookPicked > 0 {
				look.Rationale = r
			}
		}
		out = append(out, look)
	}
	return out, dropped, picked, total
}

// slotOf is the look's slot a model pick belongs to: the slot it names when
// the id is among that slot's candidates, else the look's slot whose
// candidates hold the id, else "".
func slotOf(res *outfit.Result, o outfit.Outfit, named, id string) string {
	has := func(slot string) bool { _, ok := candidate(res.Candidates[slot], id); return ok }
	for _, it := range o.Items {
		if it.Slot == named && has(named) {
			return named
		}
	}
	for _, it := range o.Items {
		if has(it.Slot) {
			return it.Slot
		}
	}
	return ""
}

func anyCandidate(res *outfit.Result, id string) bool {
	for _, cs := range res.Candidates {
		if _, ok := candidate(cs, id); ok {
			return true
		}
	}
	return false
}

func candidate(cands []outfit.Candidate, id string) (catalog.Article, bool) {
	for _, c := range cands {
		if c.Article.ArticleID == id {
			return c.Article, true
		}
	}
	return catalog.Article{}, false
}

func outfitItem(res *outfit.Result, it outfit.Item, reason string, fromAssembly bool, imageURL func(catalog.Article) string) Item {
	x := toItem(retrieve.Hit{Article: it.Article, Score: it.Score}, reason, fromAssembly, imageURL)
	x.Slot = it.Slot
	x.SlotLabel, _ = res.SlotInfo(it.Slot)
	return x
}
