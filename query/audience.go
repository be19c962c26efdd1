package query

import (
	"strconv"
	"strings"

	"github.com/stylistbot/stylist/catalog"
)

// Who is the kind of person the articles are for.
type Who string

// The audiences a request can have. Adult is the default: children's articles
// only when the request says so.
const (
	WhoAdult    Who = "adult"    // any adult department, gender not said
	WhoWomen    Who = "women"    // Ladieswear, Divided, Ladies H&M Sport
	WhoMen      Who = "men"      // Menswear, Men H&M Sport
	WhoTeen     Who = "teen"     // Children Sizes 134-170, plus Divided (or Menswear for a boy)
	WhoChildren Who = "children" // the children's bands in Bands
	WhoBaby     Who = "baby"     // Baby Sizes 50-98
)

// Gender is the side of the catalog a person shops from; "" = not said.
type Gender string

// Genders.
const (
	Female Gender = "female"
	Male   Gender = "male"
)

// Evidence is how strongly the request decided the audience.
type Evidence string

// Evidence strengths.
const (
	EvidenceDefault  Evidence = "default"  // nothing said: adult
	EvidenceInferred Evidence = "inferred" // weak cues ("she", "school", "my nephew"): worth a notice
	EvidenceExplicit Evidence = "explicit" // said outright ("for men", "for my son", "she is 8", "size 110")
)

// Catalog values the audience rests on (H&M index groups, index names, sections).
const (
	GroupLadies   = "Ladieswear"
	GroupMen      = "Menswear"
	GroupDivided  = "Divided"
	GroupSport    = "Sport"
	GroupChildren = "Baby/Children"
	BandBaby      = "Baby Sizes 50-98"
	BandKids      = "Children Sizes 92-140"
	BandOlder     = "Children Sizes 134-170"
	KidsExtras    = "Children Accessories, Swimwear" // shoes, accessories, swimwear and outerwear of every children's band
	SectionKidsSp = "Kids Sports"
)

// Audience is who a request is for: one decision, made by Parse (see
// resolveAudience), carried through a conversation and honoured by retrieval
// (Allows). The zero Audience constrains nothing (a Query built by hand).
type Audience struct {
	Who      Who      `json:"who,omitempty"`
	Gender   Gender   `json:"gender,omitempty"` // for women/men it repeats Who; for children the girl/boy side (a preference)
	Bands    []string `json:"bands,omitempty"`  // children's index names for children, teen and baby; empty for adults
	Evidence Evidence `json:"evidence,omitempty"`
	Cue      string   `json:"cue,omitempty"` // the words that decided it ("for my son", "she is 8", "size 110")
}

// IsZero reports whether no audience was decided (no constraint).
func (a Audience) IsZero() bool { return a.Who == "" }

// Child reports whether the audience is a child (baby, children or teen).
func (a Audience) Child() bool { return a.Who == WhoBaby || a.Who == WhoChildren || a.Who == WhoTeen }

// ArticleWho classifies an article by its department: the audience it is
// made for, its gender side ("" when unisex or unknown) and its children's
// band ("" for adults and children's articles of no band: small accessories,
// dress-up). Who is "" when the department is not one of the H&M departments
// (another catalog).
func ArticleWho(a *catalog.Article) (Who, Gender, string) {
	g := sectionGender(a.SectionName)
	if g == "" {
		g = sectionGender(a.DepartmentName) // "Kids Outerwear" is split into "Kids Girl Outdoor" and "Kids Boy Outdoor"
	}
	switch a.IndexGroupName {
	case GroupLadies, GroupDivided:
		return WhoWomen, Female, ""
	case GroupMen:
		return WhoMen, Male, ""
	case GroupSport:
		switch {
		case a.SectionName == SectionKidsSp: // no band; the side is in the department ("Accessories Boys")
			return WhoChildren, g, ""
		case strings.HasPrefix(a.SectionName, "Men"):
			return WhoMen, Male, ""
		}
		return WhoWomen, Female, ""
	case GroupChildren:
		switch a.IndexName {
		case BandBaby:
			return WhoBaby, g, BandBaby
		case BandKids, BandOlder:
			return WhoChildren, g, a.IndexName
		}
		// Shoes, accessories and swimwear carry their band in the department
		// name: "Kids Girl Shoes" (92-140), "Young Boy Swimwear" (134-170).
		switch d := strings.ToLower(a.DepartmentName); {
		case strings.HasPrefix(d, "kids "):
			return WhoChildren, g, BandKids
		case strings.HasPrefix(d, "young "):
			return WhoChildren, g, BandOlder
		}
		return WhoChildren, g, ""
	}
	return "", "", ""
}

// sectionGender reads the girl/boy side of a children's section or department name.
func sectionGender(section string) Gender {
	s := strings.ToLower(section)
	switch {
	case strings.Contains(s, "girl"):
		return Female
	case strings.Contains(s, "boy"):
		return Male
	}
	return ""
}

// Allows reports whether article x is for audience a. Articles of unknown
// departments are allowed (the catalog cannot tell), as is everything for
// the zero Audience. A children's article of no band (small accessories,
// dress-up, Kids Sports) fits every children's band but baby; shoes,
// accessories and swimwear take their band from the department (ArticleWho).
func (a Audience) Allows(x *catalog.Article) bool {
	if a.IsZero() {
		return true
	}
	who, _, band := ArticleWho(x)
	switch {
	case who == "":
		return true
	case a.Who == WhoAdult:
		return who == WhoWomen || who == WhoMen
	case a.Who == WhoWomen || a.Who == WhoMen:
		return who == a.Who
	case a.Who == WhoTeen && x.IndexGroupName == GroupDivided:
		return a.Gender != Male
	case a.Who == WhoTeen && who == WhoMen:
		return a.Gender == Male
	case who != WhoChildren && who != WhoBaby:
		return false
	case band == "":
		return a.Who != WhoBaby
	}
	return len(a.Bands) == 0 || contains(a.Bands, band)
}

// Prefers reports whether a children's article is on the requested girl/boy
// side (or unisex); always true when no side was said.
func (a Audience) Prefers(x *catalog.Article) bool {
	if !a.Child() || a.Gender == "" {
		return true
	}
	_, g, _ := ArticleWho(x)
	return g == "" || g == a.Gender
}

// departments are the index groups and index names that express an explicit
// audience in the Query's department fields (see DeptMatch); adults without
// a gender have none (the audience facet alone keeps children out).
func (a Audience) departments() (groups, names []string) {
	if a.Evidence != EvidenceExplicit {
		return nil, nil
	}
	switch a.Who {
	case WhoWomen:
		return []string{GroupLadies}, nil
	case WhoMen:
		return []string{GroupMen}, nil
	case WhoTeen:
		groups = []string{GroupDivided}
		if a.Gender == Male {
			groups = []string{GroupMen}
		}
	}
	names = append(names, a.Bands...)
	if a.Who == WhoChildren || a.Who == WhoTeen {
		names = append(names, KidsExtras)
	}
	return groups, names
}

// WithAudience returns q for audience a: q's own audience leaves the
// department fields and a's explicit departments enter them. This is how a
// follow-up or an outfit slot query takes on a request's audience.
func (q Query) WithAudience(a Audience) Query {
	og, on := q.Audience.departments()
	ng, nn := a.departments()
	q.IndexGroups = union(minus(q.IndexGroups, og), ng)
	q.IndexNames = union(minus(q.IndexNames, on), nn)
	q.Audience = a
	q.Audience.Bands = append([]string(nil), a.Bands...)
	return q
}

// Label names the audience for people: "women's", "men's", "adult",
// "children's 92-170", "baby 50-98", "teen".
func (a Audience) Label() string {
	switch a.Who {
	case WhoWomen:
		return "women's"
	case WhoMen:
		return "men's"
	case WhoAdult:
		return "adult"
	case WhoTeen:
		return "teen"
	case WhoBaby:
		return "baby " + a.sizes()
	case WhoChildren:
		if s := a.sizes(); s != "" {
			return "children's " + s
		}
		return "children's"
	}
	return ""
}

// sizes is the span of the children's bands, e.g. "92-170".
func (a Audience) sizes() string {
	lo, hi := 0, 0
	for _, b := range a.Bands {
		f := strings.Fields(b)
		if len(f) == 0 {
			continue
		}
		x, y, ok := strings.Cut(f[len(f)-1], "-")
		l, e1 := strconv.Atoi(x)
		h, e2 := strconv.Atoi(y)
		if !ok || e1 != nil || e2 != nil {
			continue
		}
		if lo == 0 || l < lo {
			lo = l
		}
		hi = max(hi, h)
	}
	if lo == 0 {
		return ""
	}
	return strconv.Itoa(lo) + "-" + strconv.Itoa(hi)
}

// String is a compact summary, e.g. "children(92-140,female)~inferred".
func (a Audience) String() string {
	if a.IsZero() {
		return ""
	}
	var in []string
	if s := a.sizes(); s != "" && a.Who != WhoBaby {
		in = append(in, s)
	}
	if a.Gender != "" && a.Who != WhoWomen && a.Who != WhoMen {
		in = append(in, string(a.Gender))
	}
	s := string(a.Who)
	if len(in) > 0 {
		s += "(" + strings.Join(in, ",") + ")"
	}
	if a.Evidence != EvidenceExplicit {
		s += "~" + string(a.Evidence)
	}
	return s
}

// shareAudience gives every item of a multi-item request the audience the
// whole request decided ("a shirt and jeans for my son, he is 8"): each
// part's own audience departments leave, the request's enter.
func shareAudience(parts []Query, a Audience) {
	var og, on []string
	for _, q := range parts {
		g, n := q.Audience.departments()
		og, on = union(og, g), union(on, n)
	}
	ng, nn := a.departments()
	for i := range parts {
		q := &parts[i]
		q.IndexGroups = union(minus(q.IndexGroups, og), ng)
		q.IndexNames = union(minus(q.IndexNames, on), nn)
		q.Audience = a
	}
}
