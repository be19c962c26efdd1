package outfit

import (
	"fmt"
	"strings"

	"github.com/stylistbot/stylist/catalog"
	"github.com/stylistbot/stylist/query"
)

// Who an outfit is for comes from the request: query.Query.Audience (Parse,
// and across follow-ups the rag merge). What is outfit-specific is that a look
// is worn by one person, so the outfit narrows that audience to one side of
// the catalog (lookAudience): one adult gender, one children's band.

// lookAudience narrows the request's audience to the one audience of the
// looks, and says the line to show when the request did not state it (""
// otherwise):
//   - adults of no stated gender: the anchor article's gender, else women
//     (the documented default), with a notice like retrieval's inferred one;
//   - a default audience with an anchor article: the anchor's audience;
//   - a teen: the 134-170 band (an outfit does not mix it with Divided);
//   - children of several bands: the youngest band said (the ages 2-3 and
//     an unsized "my son" give the baby and 92-140 bands, 92-140 and 134-170),
//     with a notice that the age or size changes it.
func lookAudience(a query.Audience, anchor *catalog.Article) (query.Audience, string) {
	if a.IsZero() {
		a = query.Audience{Who: query.WhoAdult, Evidence: query.EvidenceDefault}
	}
	a.Bands = append([]string(nil), a.Bands...)
	if anchor != nil && a.Evidence == query.EvidenceDefault {
		if who, g, band := query.ArticleWho(anchor); who != "" {
			a = query.Audience{Who: who, Gender: g, Evidence: query.EvidenceExplicit, Cue: "the anchor article"}
			switch {
			case band != "":
				a.Bands = []string{band}
			case who == query.WhoChildren:
				a.Bands = []string{query.BandKids, query.BandOlder}
			}
		}
	}
	notice := ""
	switch a.Who {
	case query.WhoAdult:
		a.Who, a.Gender = query.WhoWomen, query.Female
		notice = "showing women's pieces; say \"for men\" or \"for kids\" to change"
	case query.WhoTeen:
		a.Who, a.Bands = query.WhoChildren, []string{query.BandOlder}
	case query.WhoChildren, query.WhoBaby:
		if len(a.Bands) == 0 {
			a.Bands = []string{query.BandKids}
		}
		several := len(a.Bands) > 1
		a.Bands = a.Bands[:1]
		if a.Bands[0] == query.BandBaby {
			a.Who = query.WhoBaby
		}
		if several && a.Evidence == query.EvidenceExplicit {
			notice = "showing " + LookName(a) + " pieces; say the age or size to change"
		}
	}
	if notice == "" && a.Evidence == query.EvidenceInferred {
		from := ""
		if a.Cue != "" {
			from = fmt.Sprintf(" (from %q)", a.Cue)
		}
		notice = fmt.Sprintf("showing %s pieces%s; say who the outfit is for to change", LookName(a), from)
	}
	return a, notice
}

// lookAllows reports whether an article may be part of a look for a (an
// audience from lookAudience): for the audience, and for a child on the
// girl/boy side said, or unisex.
func lookAllows(a query.Audience, x *catalog.Article) bool {
	return a.Allows(x) && a.Prefers(x)
}

// kind is the slot-list audience of slots.yaml for a look's audience: "men",
// "women" or "kids".
func kind(a query.Audience) string {
	if a.Child() {
		return "kids"
	}
	return string(a.Who)
}

// childSex is the girl/boy side of a children's article or audience, "" for
// adults and unisex children's articles.
func childSex(who query.Who, g query.Gender) string {
	if who != query.WhoChildren && who != query.WhoBaby && who != query.WhoTeen {
		return ""
	}
	switch g {
	case query.Female:
		return "girl"
	case query.Male:
		return "boy"
	}
	return ""
}

// articleSex is the girl/boy side of a children's article, "" for adults
// and unisex children's articles.
func articleSex(x *catalog.Article) string {
	who, g, _ := query.ArticleWho(x)
	return childSex(who, g)
}

// LookName names a look's audience for notices and the prompt: "women",
// "men", "girls 92-140", "baby 50-98".
func LookName(a query.Audience) string {
	switch a.Who {
	case query.WhoWomen, query.WhoMen:
		return string(a.Who)
	case query.WhoBaby:
		return a.Label()
	}
	who := "children"
	switch a.Gender {
	case query.Female:
		who = "girls"
	case query.Male:
		who = "boys"
	}
	return strings.Join(append([]string{who}, strings.Fields(strings.TrimPrefix(a.Label(), "children's"))...), " ")
}

// slotAudience puts the look's audience on a slot query: its departments
// (the look's audience is decided, so they are given as explicit) and, for a
// sports occasion, the Sport departments too.
func slotAudience(q query.Query, a query.Audience, sport bool) query.Query {
	a.Evidence = query.EvidenceExplicit
	q = q.WithAudience(a)
	if sport {
		q.IndexGroups = append(q.IndexGroups, query.GroupSport)
	}
	return q
}

// deptWords are the catalog words of the audience's departments, which the
// article texts carry (index names), to steer the vector search.
func deptWords(a query.Audience) []string {
	switch a.Who {
	case query.WhoMen:
		return []string{query.GroupMen}
	case query.WhoWomen:
		return []string{query.GroupLadies}
	}
	return a.Bands
}

func contains(l []string, x string) bool {
	for _, y := range l {
		if y == x {
			return true
		}
	}
	return false
}
