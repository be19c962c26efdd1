package query

import (
	"regexp"
	"strings"

	"github.com/stylistbot/stylist/catalog"
)

// OutfitRequest is the outfit reading of a request: "what should I wear to a
// summer wedding, I'm a man", "3 date night looks in dark colours", "complete
// the look: I have black leather boots".
type OutfitRequest struct {
	// Query is the request without the anchor phrase and the outfit cue words,
	// parsed as usual: who it is for, colours, named types (slot preferences), soft words.
	Query     Query
	Occasion  string   // an occasion label of the Occasions table ("wedding guest"), "" when none is named
	Season    string   // "summer", "winter", "spring", "autumn" or ""
	Weather   []string // "rain", "cold", "hot", "wind"
	Formality string   // "casual", "smart" or "formal" when the request says so
	Styles    []string // style words: "boho", "minimalist", "sporty", "classic", "edgy", ...
	Fit       []string // body and fit notes, soft signals only: "tall", "petite", "broad shoulders", "slim", ...
	Palette   Palette  // colour wishes for the whole look
	Outfits   int      // number of outfits asked for, 0 = not said; at most MaxOutfits
	Anchor    *Anchor  // an item the person already has, or nil
	// Asked is the kind asked for beside an anchor ("what shoes go with a red
	// dress": Shoes; "what colour trousers go with a navy blazer": Trousers):
	// the answer shows options of that kind only. Nil when the request asks for
	// a whole look ("what goes with my brown boots?").
	Asked *Asked
}

// Asked is the kind of piece a pairing request asks for.
type Asked struct {
	Types         []string // product types ("Trousers")
	ProductGroups []string // product groups ("Shoes" for "shoes")
}

// Palette is what the request says about the colours of the whole look.
type Palette struct {
	Masters []string // perceived colour masters wished for ("Red"); several = the look's colours
	Groups  []string // exact colour groups ("Dark Blue" for navy)
	Tones   []string // perceived colour values ("Dark" for "dark colours")
	Whole   bool     // every piece in the wished colours ("all-white", "head to toe", "monochrome")
	Mood    string   // "neutral", "dark", "pastel", "bright" or ""
	Avoid   []string // colour masters not wanted ("no black")
}

// Empty reports whether the request says nothing about colours.
func (p Palette) Empty() bool {
	return len(p.Masters)+len(p.Groups)+len(p.Tones)+len(p.Avoid) == 0 && p.Mood == "" && !p.Whole
}

// Anchor is an item the person already has and wants an outfit around.
type Anchor struct {
	Text      string // the phrase as written ("black leather boots"), "" for an article id
	ArticleID string // a catalog article id when one was given (10 digits)
	Query     Query  // the phrase parsed: its types, colours, department
	// Owner is whose it is when the request says someone else's: "his",
	// "her" or "their" ("what should my son wear with his red sneakers");
	// "" for the person's own or unsaid.
	Owner string
}

// MaxOutfits caps OutfitRequest.Outfits.
const MaxOutfits = 5

// Occasions matches occasion phrases to labels; build it with NewOccasions.
// It is read-only and safe for concurrent use.
type Occasions struct {
	phrases []occPhrase
}

type occPhrase struct {
	toks  []string
	label string
}

// OccasionPhrases is one row of an occasion table: a label and the phrases that name it.
type OccasionPhrases struct {
	Label   string
	Phrases []string
}

// NewOccasions builds a matcher. When phrases of several labels occur in a
// request, the longest phrase wins ("beach wedding" as a phrase of "wedding
// guest" beats "beach"), then the one that comes first in the request.
func NewOccasions(rows []OccasionPhrases) *Occasions {
	o := &Occasions{}
	for _, r := range rows {
		for _, p := range r.Phrases {
			if toks := normPhrase(p); len(toks) > 0 {
				o.phrases = append(o.phrases, occPhrase{toks: toks, label: r.Label})
			}
		}
	}
	return o
}

// Match returns the label of the best occasion phrase in text, or "".
func (o *Occasions) Match(text string) string {
	if o == nil {
		return ""
	}
	toks := tokenize(text)
	best, bestLen, bestPos := "", 0, 0
	for _, p := range o.phrases {
		if len(p.toks) < bestLen {
			continue
		}
		for i := 0; i+len(p.toks) <= len(toks); i++ {
			if (len(p.toks) == bestLen && i >= bestPos) || !spansAt(toks, i, p.toks) {
				continue
			}
			best, bestLen, bestPos = p.label, len(p.toks), i
			break
		}
	}
	return best
}

// spansAt reports whether phrase starts at token i without crossing punctuation.
func spansAt(toks []token, i int, phrase []string) bool {
	for j, w := range phrase {
		if toks[i+j].norm != w || (j > 0 && toks[i+j].brk != brkNone) {
			return false
		}
	}
	return true
}

var (
	// strongCue marks an outfit request whatever else it names. "dress" is a
	// cue only as a verb: "dress me", "how should I dress for", never "a dress for".
	strongCue = regexp.MustCompile(`\b(outfits?|ensembles?|head[\s-]+to[\s-]+toe|capsule wardrobe|` +
		`(a|an|the|one|two|three|four|five|another|new|complete|full|whole|entire|total|different|nice|cute|casual|smart|chic|stylish|great|good|some|few|\d+)\s+(\w+\s+){0,2}looks?\b|` +
		`looks?\s+(ideas?|options?)|` +
		`what\s+(should|do|can|shall|could|would|to|might)\s+(i|we|he|she|they|you|my\s+\w+)?\s*wear|` +
		`(dress|style)\s+(me|myself|him|us|them)\b|` +
		`(how|what)\s+(should|do|can|shall|to)\s+(i|we|he|she|they|you)?\s*dress\b|` +
		`(i|we|to|should|he|she|they|me|us|him|them|you)\s+dress\s+(for|up\s+for)\b|` +
		`(complete|finish|put\s+together|build|create)\s+(the|a|my|an)\s+(look|outfit))`)
	// anchorLead introduces an item the person already has.
	anchorLead = regexp.MustCompile(`\b(i\s+have|i\s+own|i\s*'?ve\s+got|i\s+got|i\s+bought|i\s*'?m\s+wearing|i\s+am\s+wearing|` +
		`goes\s+(well\s+)?with|go\s+(well\s+)?with|going\s+with|to\s+go\s+with|wear\s+with|pairs?\s+(well\s+)?with|` +
		`(carry|team|combine|put)\s+(it\s+|them\s+)?with|how\s+(do|should|can|could|would|to)\s+(i\s+|you\s+|we\s+)?(wear|style)|` +
		`match(es)?|matching|around|style|styling|complete\s+the\s+look\s+(for|with|of)|built\s+around)\s+`)
	determiners  = regexp.MustCompile(`^((a|an|the|my|these|those|this|that|some|our|his|her|their|new|pair\s+of|a\s+pair\s+of)\s+)+`)
	anchorEnd    = regexp.MustCompile(`(\s+(what|which|how|for|to|that|please|can|could|so|but|and\s+(i|need|want|what|would)|i\s+need|i\s+want|as|at|on)\b)|[,.;:!?()]`)
	articleIDRe  = regexp.MustCompile(`\b(?:article|item|id|no|number|#)?\s*#?(\d{9,10})\b`)
	outfitsCount = regexp.MustCompile(`\b(several|multiple|some|a\s+few|a\s+couple\s+of|different)\s+(outfits|looks|outfit\s+ideas|ideas)\b`)
)

// IsOutfit reports whether text asks for an outfit rather than single items;
// occ recognises occasions ("going to a wedding as a guest" names no garment
// and is an outfit request).
func (v *Vocab) IsOutfit(text string, occ *Occasions) bool {
	_, ok := v.ParseOutfit(text, occ)
	return ok
}

// ParseOutfit reads an outfit request; ok is false when text is a request for
// single items ("a dress for a wedding", "black leather boots"), and the
// occasion, season, palette... are still read (a follow-up in an outfit
// thread uses them). It never fails.
func (v *Vocab) ParseOutfit(text string, occ *Occasions) (r OutfitRequest, ok bool) {
	low := strings.ToLower(strings.NewReplacer("’", "'", "‘", "'").Replace(text))
	rest := low
	anchor := v.findAnchor(low)
	if anchor != nil && anchor.Text != "" {
		rest = strings.Replace(rest, anchor.Text, " ", 1)
	}
	strong := strongCue.MatchString(low)
	// The cue words are no garments: "dress me" is not a Dress, "a look" no count noun.
	rest = strongCue.ReplaceAllStringFunc(rest, func(m string) string {
		return cueNoun.ReplaceAllStringFunc(m, func(w string) string {
			if strings.HasSuffix(w, "s") {
				return "outfits"
			}
			return "outfit"
		})
	})
	q := v.Parse(rest)
	q.Text = text
	if anchor != nil && q.Audience.Evidence == EvidenceDefault && !anchor.Query.Audience.IsZero() && anchor.Query.Audience.Evidence != EvidenceDefault {
		q = q.WithAudience(anchor.Query.Audience) // "what goes with my daughter's purple jacket"
	}
	r.Query = q
	r.Occasion = occ.Match(rest)
	if r.Occasion == "" && anchor != nil && anchor.Text != "" {
		r.Occasion = occ.Match(anchor.Text) // "what shoes go with a wedding suit", "my party dress"
	}
	// A garment, several named items or something the catalog does not sell
	// ("ski boots", "a yoga mat") make an occasion word context, not an outfit request.
	named := len(q.Types)+len(q.ProductGroups)+len(q.Parts)+len(q.Limits) > 0
	// A kind named beside an anchor is the kind asked for: "what shoes go
	// with a red dress" shows shoes for the dress, never red dresses.
	pairing := anchor != nil && !strong && len(q.Types)+len(q.ProductGroups) > 0 && len(q.Limits) == 0 && !q.Gift
	// A gift that names no item is answered with gift ideas, not a look
	// ("a gift for my sister who loves yoga").
	ok = strong || pairing || (anchor != nil && !named) || (r.Occasion != "" && !named && !q.Gift)
	r.Anchor = anchor
	if pairing {
		r.Asked = &Asked{Types: q.Types, ProductGroups: q.ProductGroups}
	}
	// The season and weather may be said inside the anchor's phrase ("my red
	// dress in summer", "my winter coat"): read them from the whole request.
	sq := q
	if anchor != nil {
		sq.Soft = append(append([]string(nil), q.Soft...), anchor.Query.Soft...)
	}
	r.Season, r.Weather = season(sq, low)
	r.Formality = matchLabel(formalityWords, rest)
	r.Styles = matchLabels(styleWords, rest)
	r.Fit = matchLabels(fitWords, rest)
	for _, s := range q.Soft {
		if s == "slim" || s == "loose" || s == "oversized" || s == "tight" {
			r.Fit = union(r.Fit, []string{s})
		}
	}
	r.Palette = palette(q, rest)
	r.Outfits = q.Count
	if r.Outfits == 0 && outfitsCount.MatchString(rest) {
		r.Outfits = 3
	}
	r.Outfits = min(r.Outfits, MaxOutfits)
	if ok {
		r.Query.Count = 0 // the count is the number of outfits
	} else {
		r.Query, r.Outfits = v.Parse(text), 0 // a single-item request: "dress" may be the garment after all
	}
	return r, ok
}

// ownerWord is a possessive of someone else among an anchor's determiners.
var ownerWord = regexp.MustCompile(`\b(his|her|their)\b`)

// verbNoun is a phrase-final noun that the vocabulary reads as a garment only
// in a noun phrase ("a suit"; "suit" alone is mostly the verb).
var verbNoun = regexp.MustCompile(`\bsuits?$`)

// cueNoun are the words of an outfit cue that would otherwise read as a
// garment ("dress me": no Dress) or a generic noun.
var cueNoun = regexp.MustCompile(`\b(dress|looks?)\b`)

// findAnchor finds "I have black leather boots", "goes with my navy blazer" or
// an article id; the phrase must name a product type or group.
func (v *Vocab) findAnchor(low string) *Anchor {
	if m := articleIDRe.FindStringSubmatch(low); m != nil {
		if id, ok := catalog.NormalizeID(m[1], catalog.ArticleIDWidth); ok {
			return &Anchor{ArticleID: id}
		}
	}
	for _, loc := range anchorLead.FindAllStringIndex(low, -1) {
		tail := low[loc[1]:]
		owner := ""
		if d := determiners.FindString(tail); d != "" {
			tail = tail[len(d):]
			owner = ownerWord.FindString(d)
		} else if lead := low[loc[0]:loc[1]]; strings.HasPrefix(lead, "match") || strings.HasPrefix(lead, "around") || strings.HasPrefix(lead, "styl") {
			continue // "match", "around", "style" need "my ..."
		}
		if e := anchorEnd.FindStringIndex(tail); e != nil {
			tail = tail[:e[0]]
		}
		phrase := strings.TrimSpace(tail)
		if phrase == "" {
			continue
		}
		q := v.Parse(phrase)
		if len(q.Types)+len(q.ProductGroups) == 0 {
			// The phrase is a noun phrase: a noun that is also a verb counts
			// ("my navy suit" as "the suit").
			if m := verbNoun.FindStringIndex(phrase); m != nil {
				q = v.Parse(phrase[:m[0]] + " the " + phrase[m[0]:])
			}
		}
		if len(q.Types)+len(q.ProductGroups) == 0 {
			continue
		}
		return &Anchor{Text: phrase, Query: q, Owner: owner}
	}
	return nil
}

// season reads the season and weather from the soft words and a few weather phrases.
func season(q Query, low string) (string, []string) {
	s := ""
	for _, w := range q.Soft {
		if w == "summer" || w == "winter" || w == "spring" || w == "autumn" {
			s = w
			break
		}
	}
	var weather []string
	for _, w := range weatherWords {
		if w.re.MatchString(low) {
			weather = append(weather, w.label)
		}
	}
	return s, weather
}

// palette reads the colour wishes of the whole look.
func palette(q Query, low string) Palette {
	p := Palette{Masters: q.ColourMasters, Groups: q.Colours, Tones: q.ColourValues, Avoid: q.Not.ColourMasters}
	// "all-white", "head to toe"; or two colours named for the look itself ("a black and white outfit").
	p.Whole = wholeLook.MatchString(low) || (len(p.Masters) >= 2 && len(q.Types)+len(q.ProductGroups) == 0)
	p.Mood = matchLabel(moodWords, low)
	if p.Mood == "" && len(p.Masters)+len(p.Groups) == 0 && len(p.Tones) > 0 {
		switch p.Tones[0] {
		case "Dark":
			p.Mood = "dark"
		case "Light", "Dusty Light":
			p.Mood = "pastel"
		case "Bright":
			p.Mood = "bright"
		}
	}
	return p
}

type labelled struct {
	label string
	re    *regexp.Regexp
}

func words(label, alternatives string) labelled {
	return labelled{label, regexp.MustCompile(`\b(` + alternatives + `)\b`)}
}

var (
	wholeLook      = regexp.MustCompile(`\b(all[\s-]+(black|white|grey|gray|beige|navy|blue|red|pink|green|brown|cream)|total[\s-]+(black|white|look)|head[\s-]+to[\s-]+toe|monochrome|monochromatic|tonal|tone[\s-]+on[\s-]+tone)\b`)
	formalityWords = []labelled{
		words("formal", `black[\s-]+tie|white[\s-]+tie|formal|very dressy|gala|elegant|evening wear`),
		words("smart", `smart[\s-]+casual|business[\s-]+casual|semi[\s-]+formal|smart|dressy|polished|professional`),
		words("casual", `casual|relaxed|laid[\s-]+back|everyday|easygoing|chill`),
	}
	styleWords = []labelled{
		words("boho", `boho|bohemian|hippie|hippy`), words("minimalist", `minimalist|minimal|clean lines|understated`),
		words("sporty", `sporty|athleisure|athletic look`), words("classic", `classic|timeless|traditional`),
		words("edgy", `edgy|rock|punk|grunge|biker`), words("preppy", `preppy|collegiate`),
		words("romantic", `romantic|feminine|girly`), words("streetwear", `streetwear|street style|urban`),
		words("vintage", `vintage|retro|70s|80s|90s|y2k`), words("chic", `chic|parisian|french girl`),
		words("glamorous", `glam|glamorous|sparkly|sequins?`), words("scandi", `scandi|scandinavian`),
	}
	fitWords = []labelled{
		words("tall", `tall`), words("petite", `petite|short (woman|man|guy|girl|person)|i'?m short|i am short`),
		words("curvy", `curvy|plus[\s-]+size|full[\s-]+figured|bigger body`), words("broad shoulders", `broad[\s-]+shoulder(s|ed)?|wide shoulders`),
		words("athletic", `athletic (build|body|man|woman|guy)|muscular|sporty build`), words("slim build", `slim (build|man|woman|guy)|skinny (guy|man|build)|slender`),
		words("pear", `pear[\s-]+shaped?|wide hips|big hips`), words("apple", `apple[\s-]+shaped?|belly|tummy`),
		words("hourglass", `hourglass`), words("long legs", `long legs`), words("pregnant", `pregnant|maternity|bump`),
	}
	weatherWords = []labelled{
		words("rain", `rain|rainy|raining|wet|drizzle|showers?`), words("cold", `cold|freezing|chilly|snow|snowy|frosty|winter`),
		words("hot", `hot|heat|heatwave|scorching|humid|sunny|summer`), words("wind", `windy|wind`),
	}
	moodWords = []labelled{
		words("neutral", `neutrals?|neutral (colou?rs|tones)|earth[\s-]+tones?|earthy|muted`),
		words("dark", `dark (colou?rs|tones|shades)|darker (colou?rs|tones)`),
		words("pastel", `pastels?|soft colou?rs`), words("bright", `bright (colou?rs|tones)|colou?rful|pop of colou?r|bold colou?rs|vibrant`),
	}
)

func matchLabel(ls []labelled, s string) string {
	for _, l := range ls {
		if l.re.MatchString(s) {
			return l.label
		}
	}
	return ""
}

func matchLabels(ls []labelled, s string) []string {
	var out []string
	for _, l := range ls {
		if l.re.MatchString(s) {
			out = append(out, l.label)
		}
	}
	return out
}
