package finetune

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/rag"
	"github.com/stylistbot/stylist/retrieve"
)

// Audiences: the catalog's index groups a request can be for; adult means any but children's.
const (
	AudienceWomen    = "Ladieswear"
	AudienceMen      = "Menswear"
	AudienceChildren = "Baby/Children"
	AudienceAdult    = "adult"
)

// want is what a correct pick must be: the constraints the request was made with
// (not a re-reading of it), so targets never depend on query understanding.
type want struct {
	Types            []string // product type names, any of
	Groups           []string // product group names, any of ("shoes" names a group)
	Colours          []string // colour group names, any of
	NotColourMasters []string
	Audience         string // index group, AudienceAdult, or "" = any
	Appearance       string // graphical appearance name
	Material         string // word the name or description must contain
}

// check returns "" when a fits, else the first criterion it fails.
func (w want) check(a catalog.Article) string {
	switch {
	case len(w.Types) > 0 && !slices.Contains(w.Types, a.ProductTypeName):
		return "type"
	case len(w.Groups) > 0 && !slices.Contains(w.Groups, a.ProductGroupName):
		return "type"
	case len(w.Colours) > 0 && !slices.Contains(w.Colours, a.ColourGroupName):
		return "colour"
	case slices.Contains(w.NotColourMasters, a.PerceivedColourMasterName):
		return "negated colour"
	case w.Audience == AudienceAdult && a.IndexGroupName == AudienceChildren,
		w.Audience != "" && w.Audience != AudienceAdult && a.IndexGroupName != w.Audience:
		return "audience"
	case w.Appearance != "" && a.GraphicalAppearanceName != w.Appearance:
		return "detail"
	case w.Material != "" && !mentions(a, w.Material):
		return "material"
	}
	return ""
}

func mentions(a catalog.Article, word string) bool {
	text := strings.ToLower(a.ProdName + " " + a.ProductTypeName + " " + a.GraphicalAppearanceName + " " + a.DetailDesc)
	return strings.Contains(text, strings.ToLower(word))
}

// picks returns the first n hits that fit w, in retrieval order and one colourway per
// product, or a drop reason naming the criterion most hits failed.
func (w want) picks(hits []retrieve.Hit, n int) ([]catalog.Article, string) {
	var out []catalog.Article
	products := map[string]bool{}
	fails := map[string]int{}
	for _, h := range hits {
		a := h.Article
		if why := w.check(a); why != "" {
			fails[why]++
			continue
		}
		if products[a.ProductCode] && a.ProductCode != "" {
			fails["same product"]++
			continue
		}
		products[a.ProductCode] = true
		out = append(out, a)
		if len(out) == n {
			return out, ""
		}
	}
	worst := "type"
	keys := make([]string, 0, len(fails))
	for k := range fails {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return fails[keys[i]] > fails[keys[j]] || fails[keys[i]] == fails[keys[j]] && keys[i] < keys[j]
	})
	if len(keys) > 0 {
		worst = keys[0]
	}
	if len(out) == 0 {
		return nil, "no matching article in context (" + worst + ")"
	}
	return nil, fmt.Sprintf("fewer matching articles in context than asked (%s)", worst)
}

// describe is a short phrase for an article: "black sweater".
func describe(a catalog.Article) string {
	return strings.ToLower(a.ColourGroupName + " " + a.ProductTypeName)
}

// withArticle puts "a" or "an" before a singular noun phrase; plural-form product
// types ("trousers", "shorts") take none.
func withArticle(s string) string {
	switch {
	case s == "":
		return s
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss"):
		return s
	case strings.ContainsRune("aeiou", rune(s[0])):
		return "an " + s
	}
	return "a " + s
}

// reason explains a pick from the article's own attributes, led by lead when given.
func reason(a catalog.Article, lead string) string {
	var b strings.Builder
	if lead != "" {
		b.WriteString(lead)
		b.WriteString(" ")
	}
	fmt.Fprintf(&b, "%s: %s from the %s range", a.ProdName, withArticle(describe(a)), a.DepartmentName)
	if a.GraphicalAppearanceName != "" && a.GraphicalAppearanceName != "Solid" {
		fmt.Fprintf(&b, " with a %s look", strings.ToLower(a.GraphicalAppearanceName))
	}
	b.WriteString(".")
	if s := firstSentence(a.DetailDesc); s != "" {
		b.WriteString(" ")
		b.WriteString(s)
	}
	return b.String()
}

func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i+1]
	}
	if r := []rune(s); len(r) > 160 {
		s = strings.TrimSpace(string(r[:159])) + "…"
	}
	if s != "" && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "…") {
		s += "."
	}
	return s
}

// tips are styling tips by product group (the catalog's product_group_name).
var tips = map[string]string{
	"Garment Upper body": "Let it lead the look: pair it with a plain, slimmer bottom and keep accessories quiet.",
	"Garment Lower body": "Balance the shape with a neat top tucked in, and pick shoes in a colour from the top.",
	"Garment Full body":  "Add one accessory in a contrasting colour and shoes that match the occasion, and it is a full look.",
	"Shoes":              "Repeat the shoes' colour once elsewhere in the outfit, a belt or a bag, to tie the look together.",
	"Accessories":        "Keep the rest of the outfit simple so this piece stands out.",
	"Underwear":          "Choose the colour by what goes on top: nude tones disappear under light fabrics.",
	"Swimwear":           "Bring a light cover-up or shirt for the walk from the beach to a café.",
	"Socks & Tights":     "Match tights to your shoes for a longer line, or contrast them on purpose.",
	"Nightwear":          "Soft layers work best: add a cardigan for cooler evenings.",
	"Bags":               "Pick the bag's colour from your shoes or belt so the outfit feels planned.",
}

func tipFor(a catalog.Article) string {
	if t, ok := tips[a.ProductGroupName]; ok {
		return t
	}
	return "Build the rest of the outfit around one neutral colour so this piece can stand out."
}

// target makes the answer for picks with an intro.
func target(intro string, picks []catalog.Article, lead func(catalog.Article) string) rag.Target {
	t := rag.Target{Intro: intro, Items: []rag.TargetItem{}}
	for _, a := range picks {
		t.Items = append(t.Items, rag.TargetItem{ArticleID: a.ArticleID, Reason: reason(a, lead(a))})
	}
	if len(picks) > 0 {
		t.Tip = tipFor(picks[0])
	}
	return t
}

// normGroup is the split key of a request text.
func normGroup(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
