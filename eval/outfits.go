package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/outfit"
)

// OutfitQuery is one line of an outfit queries file: a request and what every
// outfit answering it must satisfy.
type OutfitQuery struct {
	Q string `json:"q"`
	// Single marks a request for single items: it must not be read as an outfit request.
	Single   bool   `json:"single,omitempty"`
	Audience string `json:"audience,omitempty"` // women, men, kids, baby, junior or child (any child band)
	// Slots that must be covered ("main" = a one-piece, or a top and a bottom).
	Slots       []string `json:"slots,omitempty"`
	Forbid      []string `json:"forbid_types,omitempty"`  // product types that must not appear
	RequireAny  []string `json:"require_types,omitempty"` // at least one item of one of these types
	ColoursAll  []string `json:"colours_all,omitempty"`   // every garment in one of these colour masters
	ColoursAny  []string `json:"colours_any,omitempty"`   // at least one item in one of these
	AvoidColour []string `json:"colours_avoid,omitempty"` // no item in these colour masters
	Outfits     int      `json:"outfits,omitempty"`       // number of outfits expected
	AnchorTypes []string `json:"anchor_types,omitempty"`  // the anchor's types: never repeated in the outfit
	AnchorID    string   `json:"anchor_id,omitempty"`     // the anchor article: never in the outfit
	// Pairing requests ("what shoes go with a red dress"): the kind asked for
	// is all that is shown (types or product groups).
	AskedTypes  []string `json:"asked_types,omitempty"`
	AskedGroups []string `json:"asked_groups,omitempty"`
	// The anchor's colour (a colour master, with its colour group or
	// appearance when the request names one: navy is Blue and Dark Blue,
	// denim Blue and Denim): not forced on the other pieces, whose colours
	// must go with it per colours.yaml goes_with.
	AnchorColour     string `json:"anchor_colour,omitempty"`
	AnchorGroup      string `json:"anchor_group,omitempty"`
	AnchorAppearance string `json:"anchor_appearance,omitempty"`
	// MinPieces is the least number of pieces every look has besides the anchor.
	MinPieces int `json:"min_pieces,omitempty"`
}

// ReadOutfitQueries reads a JSONL outfit queries file; errors name the line.
func ReadOutfitQueries(r io.Reader) ([]OutfitQuery, error) {
	return readJSONL(r, "outfit queries", func(q *OutfitQuery) string { return q.Q }, nil)
}

// Assembler builds outfits; *outfit.Assembler implements it.
type Assembler interface {
	Assemble(ctx context.Context, text string) (*outfit.Result, error)
}

// OutfitResult is the evaluation of one outfit request.
type OutfitResult struct {
	Query    OutfitQuery     `json:"query"`
	IsOutfit bool            `json:"is_outfit"`
	Outfits  []OutfitVerdict `json:"outfits"`
	Latency  time.Duration   `json:"latency_ns"`
	Notices  []string        `json:"notices,omitempty"`
	Failures []string        `json:"failures,omitempty"` // request-level failures (detection, count)
}

// OutfitVerdict is the checks of one outfit.
type OutfitVerdict struct {
	Items    []string `json:"items"` // "slot:article_id:type:colour:index group"
	Failures []string `json:"failures,omitempty"`
}

// OutfitReport sums the checks over a query set.
type OutfitReport struct {
	Queries       []OutfitResult `json:"queries"`
	Requests      int            `json:"requests"` // outfit requests (not single)
	Outfits       int            `json:"outfits"`
	Detection     float64        `json:"detection"` // share of requests read correctly as outfit / single item
	Pass          float64        `json:"pass"`      // share of outfits passing every check
	Complete      float64        `json:"complete"`
	SingleAud     float64        `json:"single_audience"`
	SlotSane      float64        `json:"slot_sane"`
	NoForbidden   float64        `json:"no_forbidden"`
	Occasion      float64        `json:"occasion"`
	Colours       float64        `json:"colours"`
	AnchorOK      float64        `json:"anchor"`
	Distinct      float64        `json:"distinct"`
	Asked         float64        `json:"asked"`         // pairing requests: only the kind asked for is shown
	AnchorColours float64        `json:"anchor_colour"` // the anchor's colour not forced, the others going with it
	Covered       float64        `json:"covered"`       // looks with at least min_pieces pieces
	// AnchorLooks counts the whole looks built around an anchor (pairing
	// requests excluded), SharedMain those whose main piece another anchor's
	// look has too: different anchors should give different looks.
	AnchorLooks   int           `json:"anchor_looks"`
	SharedMain    int           `json:"anchor_looks_sharing_main"`
	MixedAudience int           `json:"mixed_audience"` // outfits mixing audiences
	Junk          int           `json:"junk"`           // junk items in all outfits
	LatencyP50    time.Duration `json:"latency_p50_ns"`
	LatencyP99    time.Duration `json:"latency_p99_ns"`
}

// RunOutfits assembles every request and checks every outfit.
func RunOutfits(ctx context.Context, a Assembler, qs []OutfitQuery) (*OutfitReport, error) {
	rep := &OutfitReport{}
	var lats []time.Duration
	detected := 0
	counts := map[string]int{}
	for _, q := range qs {
		t0 := time.Now()
		res, err := a.Assemble(ctx, q.Q)
		if err != nil {
			return nil, err
		}
		lat := time.Since(t0)
		r := OutfitResult{Query: q, IsOutfit: res.IsOutfit, Latency: lat, Notices: res.Notices}
		if res.IsOutfit != !q.Single {
			r.Failures = append(r.Failures, fmt.Sprintf("read as outfit request: %v", res.IsOutfit))
		} else {
			detected++
		}
		if !q.Single {
			rep.Requests++
			lats = append(lats, lat)
			r.Outfits = CheckOutfits(q, res)
			if q.Outfits > 0 && len(res.Outfits) != q.Outfits {
				r.Failures = append(r.Failures, fmt.Sprintf("%d outfits, want %d", len(res.Outfits), q.Outfits))
			}

			if len(r.Outfits) == 0 {
				r.Outfits = []OutfitVerdict{{Failures: []string{"complete: no outfit"}}}
			}
			for i := range r.Outfits {
				v := &r.Outfits[i]
				if len(r.Failures) > 0 {
					v.Failures = append(v.Failures, "complete: "+strings.Join(r.Failures, "; "))
				}
				rep.Outfits++
				seen := map[string]bool{}
				for _, f := range v.Failures {
					check, _, _ := strings.Cut(f, ":")
					if !seen[check] {
						counts[check]++
						seen[check] = true
					}
					if strings.HasPrefix(f, "junk:") {
						rep.Junk++
					}
				}
				if seen["forbidden"] || seen["junk"] {
					counts["forbidden|junk"]++
				}
				if seen["audience"] && strings.Contains(strings.Join(v.Failures, " "), "mixes") {
					rep.MixedAudience++
				}
				if len(v.Failures) == 0 {
					rep.Pass++
				}
			}
		}
		rep.Queries = append(rep.Queries, r)
	}
	if n := float64(rep.Outfits); n > 0 {
		share := func(check string) float64 { return 1 - float64(counts[check])/n }
		rep.Pass /= n
		rep.Complete, rep.SingleAud, rep.SlotSane = share("complete"), share("audience"), share("slots")
		rep.NoForbidden = share("forbidden|junk")
		rep.Occasion, rep.Colours, rep.AnchorOK, rep.Distinct = share("occasion"), share("colours"), share("anchor"), share("distinct")
		rep.Asked, rep.AnchorColours, rep.Covered = share("asked"), share("anchor colour"), share("covered")
	}
	rep.AnchorLooks, rep.SharedMain = sharedAnchorLooks(rep.Queries)
	rep.Detection = float64(detected) / float64(len(qs))
	rep.LatencyP50, rep.LatencyP99 = Percentile(lats, 50), Percentile(lats, 99)
	return rep, nil
}

// WriteOutfitTable prints the summary and each failing outfit.
func (rep *OutfitReport) WriteTable(w io.Writer) error {
	var b strings.Builder
	for _, r := range rep.Queries {
		for i, o := range r.Outfits {
			if len(o.Failures) > 0 {
				fmt.Fprintf(&b, "FAIL %q outfit %d: %s\n     %s\n", r.Query.Q, i+1, strings.Join(o.Failures, "; "), strings.Join(o.Items, " | "))
			}
		}
		if r.Query.Single && len(r.Failures) > 0 {
			fmt.Fprintf(&b, "FAIL %q: %s\n", r.Query.Q, strings.Join(r.Failures, "; "))
		}
	}
	fmt.Fprintf(&b, "\n%d outfit requests, %d outfits, %d requests in all\n", rep.Requests, rep.Outfits, len(rep.Queries))
	fmt.Fprintf(&b, "detection (outfit vs single item)  %.3f\n", rep.Detection)
	fmt.Fprintf(&b, "pass every check                   %.3f\n", rep.Pass)
	for _, x := range []struct {
		n string
		v float64
	}{{"complete", rep.Complete}, {"single audience", rep.SingleAud}, {"slot-sane", rep.SlotSane}, {"free of forbidden/junk", rep.NoForbidden},
		{"occasion honoured", rep.Occasion}, {"colours honoured", rep.Colours}, {"anchor not repeated", rep.AnchorOK}, {"distinct outfits", rep.Distinct},
		{"asked kind shown (pairing)", rep.Asked}, {"anchor colour: not forced, goes", rep.AnchorColours}, {"covers the look (min pieces)", rep.Covered}} {
		fmt.Fprintf(&b, "  %-32s %.3f\n", x.n, x.v)
	}
	fmt.Fprintf(&b, "outfits mixing audiences           %d\njunk items                         %d\n", rep.MixedAudience, rep.Junk)
	fmt.Fprintf(&b, "anchor looks sharing their main piece with another anchor's  %d / %d\n", rep.SharedMain, rep.AnchorLooks)
	fmt.Fprintf(&b, "assembly latency p50 %s, p99 %s\n", rep.LatencyP50.Round(10*time.Microsecond), rep.LatencyP99.Round(10*time.Microsecond))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the report as JSON.
func (rep *OutfitReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

func describe(slot string, a *catalog.Article) string {
	return fmt.Sprintf("%s:%s:%s:%s:%s", slot, a.ArticleID, a.ProductTypeName, a.ColourGroupName, a.IndexGroupName)
}
