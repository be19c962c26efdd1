package outfit

import (
	"regexp"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// Size bands of the catalog's index names.
const (
	BandAdult  = "adult"
	BandBaby   = "baby"   // Baby Sizes 50-98
	BandKids   = "kids"   // Children Sizes 92-140
	BandJunior = "junior" // Children Sizes 134-170
	BandChild  = "child"  // Children Accessories, Swimwear and Kids Sports: any child size
)

// Audience is who an outfit is for: a size band and, when known, a gender
// ("women", "men" for adults; "girl", "boy" or "" for children).
type Audience struct {
	Band   string
	Gender string
}

// Kind is the slot-list audience of slots.yaml: "men", "women" or "kids".
func (a Audience) Kind() string {
	if a.Band == BandAdult {
		return a.Gender
	}
	return "kids"
}

// String names the audience for notices and titles.
func (a Audience) String() string {
	switch {
	case a.Band == BandAdult:
		return a.Gender
	case a.Gender != "":
		return a.Band + " " + a.Gender
	}
	return a.Band
}

// ArticleAudience reads an article's audience from its index group, index name and section.
func ArticleAudience(a *catalog.Article) Audience {
	sec := strings.ToLower(a.SectionName)
	switch a.IndexGroupName {
	case "Ladieswear", "Divided":
		return Audience{BandAdult, "women"}
	case "Menswear":
		return Audience{BandAdult, "men"}
	case "Sport":
		switch {
		case strings.Contains(sec, "kid"):
			return Audience{BandChild, childSex(sec + " " + strings.ToLower(a.DepartmentName))}
		case strings.Contains(sec, "ladies") || strings.Contains(sec, "women"):
			return Audience{BandAdult, "women"}
		case strings.Contains(sec, "men"):
			return Audience{BandAdult, "men"}
		}
		return Audience{BandAdult, ""}
	}
	band := BandChild
	dep := strings.ToLower(a.DepartmentName)
	switch a.IndexName {
	case "Baby Sizes 50-98":
		band = BandBaby
	case "Children Sizes 92-140":
		band = BandKids
	case "Children Sizes 134-170":
		band = BandJunior
	default: // children's accessories, shoes, swimwear: the department says the age
		switch {
		case strings.HasPrefix(dep, "baby"), strings.HasPrefix(dep, "newborn"):
			band = BandBaby
		case strings.HasPrefix(dep, "kids"):
			band = BandKids
		case strings.HasPrefix(dep, "young"):
			band = BandJunior
		}
	}
	return Audience{band, childSex(sec + " " + dep)}
}

// childSex reads "girl" or "boy" from lower-cased section and department names.
func childSex(names string) string {
	switch {
	case strings.Contains(names, "girl"):
		return "girl"
	case strings.Contains(names, "boy"):
		return "boy"
	}
	return ""
}

// Fits reports whether an article of audience x can be worn by a: the same
// band (child-size accessories fit every child band) and no other gender.
func (a Audience) Fits(x Audience) bool {
	if a.Band == BandAdult {
		return x.Band == BandAdult && (x.Gender == a.Gender || x.Gender == "")
	}
	if x.Band == BandAdult {
		return false
	}
	if x.Band != BandChild && a.Band != BandChild && x.Band != a.Band {
		return false
	}
	return a.Gender == "" || x.Gender == "" || x.Gender == a.Gender
}

var (
	boyWords  = regexp.MustCompile(`\b(boy|boys|son|sons|nephew|grandson|his)\b`)
	girlWords = regexp.MustCompile(`\b(girl|girls|daughter|daughters|niece|granddaughter|her|she)\b`)
)

// RequestAudience decides who an outfit request is for from the parsed
// query's departments; adult women unless the request says otherwise (the
// second result is false when that default was taken).
func RequestAudience(q query.Query) (Audience, bool) {
	low := strings.ToLower(q.Text)
	child := ""
	for _, n := range q.IndexNames {
		switch n {
		case "Baby Sizes 50-98":
			child = BandBaby
		case "Children Sizes 134-170":
			if child == "" {
				child = BandJunior
			}
		case "Children Sizes 92-140":
			if child == "" || child == BandJunior {
				child = BandKids
			}
		}
	}
	if child == "" && contains(q.IndexGroups, "Baby/Children") {
		child = BandKids
	}
	if child != "" {
		g := ""
		switch {
		case boyWords.MatchString(low) && !girlWords.MatchString(low):
			g = "boy"
		case girlWords.MatchString(low) && !boyWords.MatchString(low):
			g = "girl"
		}
		return Audience{child, g}, true
	}
	switch {
	case contains(q.IndexGroups, "Menswear"):
		return Audience{BandAdult, "men"}, true
	case contains(q.IndexGroups, "Ladieswear"), contains(q.IndexGroups, "Divided"), len(q.Sections) > 0:
		return Audience{BandAdult, "women"}, true
	}
	return Audience{BandAdult, "women"}, false
}

// deptQuery sets the department fields of a slot query for the audience.
func (a Audience) deptQuery(q *query.Query, sport bool) {
	switch {
	case a.Band == BandAdult && a.Gender == "men":
		q.IndexGroups = []string{"Menswear"}
	case a.Band == BandAdult:
		q.IndexGroups = []string{"Ladieswear", "Divided"}
	case a.Band == BandBaby:
		q.IndexNames = []string{"Baby Sizes 50-98", "Children Accessories, Swimwear"}
	case a.Band == BandJunior:
		q.IndexNames = []string{"Children Sizes 134-170", "Children Accessories, Swimwear"}
	default:
		q.IndexNames = []string{"Children Sizes 92-140", "Children Accessories, Swimwear"}
	}
	if sport {
		q.IndexGroups = append(q.IndexGroups, "Sport")
	}
}

// deptWords are the catalog words of the audience's departments, which the
// article texts carry (index names), to steer the vector search.
func (a Audience) deptWords() []string {
	switch {
	case a.Band == BandAdult && a.Gender == "men":
		return []string{"Menswear"}
	case a.Band == BandAdult:
		return []string{"Ladieswear"}
	case a.Band == BandBaby:
		return []string{"Baby Sizes 50-98"}
	case a.Band == BandJunior:
		return []string{"Children Sizes 134-170"}
	}
	return []string{"Children Sizes 92-140"}
}

func contains(l []string, x string) bool {
	for _, y := range l {
		if y == x {
			return true
		}
	}
	return false
}
