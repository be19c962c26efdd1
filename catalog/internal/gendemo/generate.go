package gendemo

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Generation constants.
const (
	// productCodeBase is above every H&M product code (max 0959461), so demo ids
	// never collide with real ones.
	productCodeBase = 970000
	// emptyDescEvery: one product in this many (never a featured one) gets an
	// empty description, as a few real articles do.
	emptyDescEvery = 150
	// maxN bounds Config.N so product codes stay within 7 digits.
	maxN = 200000
	// denimGarmentGroup is the "Trousers Denim" garment group.
	denimGarmentGroup = 1016
)

// colourwayWeights: relative frequency of products with 1, 2, ... colourways.
var colourwayWeights = []int{45, 27, 14, 8, 4, 2}

// Config selects the size and seed of the generated catalog.
type Config struct {
	N    int    // number of articles
	Seed uint64 // PRNG seed
}

// DefaultConfig returns the configuration of the committed demo catalog.
func DefaultConfig() Config { return Config{N: 3000, Seed: 1} }

// ErrInvalidConfig is wrapped by Config.Validate errors.
var ErrInvalidConfig = errors.New("gendemo: invalid config")

// Validate checks the configuration and names the bad field.
func (c Config) Validate() error {
	if c.N < 1 || c.N > maxN {
		return fmt.Errorf("%w: N must be in [1, %d], got %d", ErrInvalidConfig, maxN, c.N)
	}
	return nil
}

// plan is one product (all colourways share it).
type plan struct {
	st       *style
	place    placement
	look     string
	name     string
	desc     string
	colours  []colourGroup
	featured bool
}

// Generate returns cfg.N articles, sorted by article id, deterministically
// derived from cfg.Seed.
func Generate(cfg Config) ([]Item, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	r := newRNG(cfg.Seed)
	var plans []plan
	total := 0
	for _, f := range featured {
		p, err := planFeatured(r, f)
		if err != nil {
			return nil, err
		}
		plans = append(plans, p)
		total += len(p.colours)
	}
	for total < cfg.N {
		p := planRandom(r)
		plans = append(plans, p)
		total += len(p.colours)
	}
	for i := len(plans) - 1; i > 0; i-- { // Fisher-Yates
		j := r.intn(i + 1)
		plans[i], plans[j] = plans[j], plans[i]
	}

	items := make([]Item, 0, cfg.N)
	code := productCodeBase
	for i := range plans {
		p := &plans[i]
		code += 1 + r.intn(37)
		if i%emptyDescEvery == emptyDescEvery/2 && !p.featured {
			p.desc = ""
		}
		suffix := 0
		for _, cg := range p.colours {
			suffix++
			if suffix > 1 && r.chance(15) {
				suffix += 1 + r.intn(8)
			}
			items = append(items, makeItem(r, p, cg, code, suffix))
			if len(items) == cfg.N {
				return items, nil
			}
		}
	}
	return items, nil
}

// planRandom draws a product: type by frequency, then style, placement,
// appearance and colourways.
func planRandom(r *rng) plan {
	t := typeOrder[r.weightedIndex(typeWeights)]
	sts := stylesByType[t]
	w := make([]int, len(sts))
	for i, s := range sts {
		w[i] = max(s.weight, 1)
	}
	st := sts[r.weightedIndex(w)]
	place := pickPlacement(r, st, st.audience)
	look := pickWeighted(r, st.looksParsed())
	if place.garmentNo == denimGarmentGroup {
		look = "Denim" // sold as denim: a denim fabric and appearance
	}
	k := 1 + r.weightedIndex(colourwayWeights)
	p := plan{st: st, place: place, look: look, colours: pickColours(r, st.palette, k)}
	p.desc = st.describe(r, descOpts{look: look, child: isChild(place)})
	p.name = st.productName(r, p.desc)
	return p
}

// planFeatured builds the product a feature pins down.
func planFeatured(r *rng, f feature) (plan, error) {
	st, ok := styleByKey[f.style]
	if !ok {
		return plan{}, fmt.Errorf("gendemo: featured product uses unknown style %q", f.style)
	}
	aud := f.audience
	if aud == "" {
		aud = st.audience
	}
	place := pickPlacement(r, st, aud)
	p := plan{st: st, place: place, look: f.look, featured: true}
	for _, name := range f.colours {
		cg, ok := colourByName(name)
		if !ok {
			return plan{}, fmt.Errorf("gendemo: featured product uses unknown colour %q", name)
		}
		p.colours = append(p.colours, cg)
	}
	p.desc = st.describe(r, descOpts{look: f.look, lead: f.lead, head: f.head, skipSlot: f.replaces, child: isChild(place)})
	p.name = st.productName(r, p.desc)
	return p, nil
}

// pickPlacement draws a placement of the style's product type, preferring
// those matching its garment groups and audience.
func pickPlacement(r *rng, st *style, audience string) placement {
	all := placementsFor(st.typeNo)
	denim := len(filter(st.fabrics, "denim")) > 0
	match := func(p placement, garments bool) bool {
		if audience != "" && !strings.Contains(audience, p.indexCode) {
			return false
		}
		if p.garmentNo == denimGarmentGroup && !denim {
			return false
		}
		return !garments || len(st.garments) == 0 || slices.Contains(st.garments, p.garmentNo)
	}
	var cands []placement
	for _, strict := range []bool{true, false} {
		for _, p := range all {
			if match(p, strict) {
				cands = append(cands, p)
			}
		}
		if len(cands) > 0 {
			break
		}
	}
	if len(cands) == 0 {
		cands = all
	}
	w := make([]int, len(cands))
	for i, p := range cands {
		w[i] = p.weight
	}
	return cands[r.weightedIndex(w)]
}

// pickColours draws k distinct colour groups from the palette (all colours if
// nil), by colour frequency.
func pickColours(r *rng, palette []string, k int) []colourGroup {
	var cands []colourGroup
	for _, c := range colours {
		if palette == nil || slices.Contains(palette, c.name) {
			cands = append(cands, c)
		}
	}
	k = min(k, len(cands))
	out := make([]colourGroup, 0, k)
	for len(out) < k {
		w := make([]int, len(cands))
		for i, c := range cands {
			w[i] = c.weight
		}
		i := r.weightedIndex(w)
		out = append(out, cands[i])
		cands = slices.Delete(cands, i, i+1)
	}
	return out
}

// isChild reports whether a placement is in a baby or children index.
func isChild(p placement) bool { return strings.Contains(kids, p.indexCode) }

// makeItem builds one colourway of a product.
func makeItem(r *rng, p *plan, cg colourGroup, code, suffix int) Item {
	w := make([]int, len(cg.perceived))
	for i, pc := range cg.perceived {
		w[i] = pc.weight
	}
	pc := cg.perceived[r.weightedIndex(w)]
	pt := productTypes[p.st.typeNo]
	ix := indexes[p.place.indexCode]
	productCode := fmt.Sprintf("%07d", code)
	return Item{
		ArticleID:        fmt.Sprintf("%s%03d", productCode, suffix),
		ProductCode:      productCode,
		ProdName:         p.name,
		ProductTypeNo:    pt.no,
		ProductTypeName:  pt.name,
		ProductGroupName: pt.group,
		AppearanceNo:     appearances[p.look],
		AppearanceName:   p.look,
		ColourCode:       cg.code,
		ColourName:       cg.name,
		ColourValueID:    pc.valueID,
		ColourValueName:  pc.valueName,
		ColourMasterID:   pc.masterID,
		ColourMasterName: pc.masterName,
		DepartmentNo:     p.place.deptNo,
		DepartmentName:   p.place.deptName,
		IndexCode:        p.place.indexCode,
		IndexName:        ix.name,
		IndexGroupNo:     ix.groupNo,
		IndexGroupName:   ix.groupName,
		SectionNo:        p.place.sectionNo,
		SectionName:      p.place.sectionName,
		GarmentGroupNo:   p.place.garmentNo,
		GarmentGroupName: garmentGroups[p.place.garmentNo],
		Desc:             p.desc,
	}
}
