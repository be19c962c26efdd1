package query

import (
	"testing"

	"github.com/stylistbot/stylist/catalog"
)

var (
	bKids  = []string{BandKids, BandOlder}
	bSmall = []string{BandKids}
	bOlder = []string{BandOlder}
	bBaby  = []string{BandBaby}
	bTiny  = []string{BandBaby, BandKids}
)

// aud is an expected audience; bands nil = must be empty.
func aud(who Who, g Gender, ev Evidence, bands []string) Audience {
	return Audience{Who: who, Gender: g, Bands: bands, Evidence: ev}
}

var (
	adultDefault = aud(WhoAdult, "", EvidenceDefault, nil)
	menExplicit  = aud(WhoMen, Male, EvidenceExplicit, nil)
	womenExpl    = aud(WhoWomen, Female, EvidenceExplicit, nil)
)

func TestAudience(t *testing.T) {
	cases := []struct {
		in   string
		want Audience
	}{
		// Adult by default: nothing says a child is meant.
		{"a light yellow summer dress", adultDefault},
		{"Please offer me some choices of jackets which are waterproof.", adultDefault},
		{"waterproof outdoor trousers for hiking", adultDefault},
		{"a party dress with sequins", adultDefault},
		{"pyjamas with a floral print", adultDefault},
		{"show me 5 dresses", adultDefault},
		{"a blazer for the office", adultDefault},
		// Adult phrases with child or family words.
		{"light yellow dress or skirt, best for dating with my boyfriend", adultDefault},
		{"a dress for girls' night out", adultDefault},
		{"something sparkly for a girls night", adultDefault},
		{"boyfriend jeans", adultDefault},
		{"mom jeans in light blue", adultDefault},
		{"chunky dad sneakers", adultDefault},
		{"a dress to wear to a baby shower", adultDefault},
		{"baby blue cardigan", adultDefault},
		{"a baby tee with a print", adultDefault},
		{"girl boss blazer", adultDefault},
		{"an it girl look for brunch", adultDefault},
		{"old school sneakers", adultDefault},
		{"something practical for the school run", adultDefault},
		{"kid leather gloves", adultDefault},
		{"dinner with my husband, a black dress", adultDefault},
		{"I love her style, a dress like that", adultDefault},
		{"going out with the girls tonight", aud(WhoWomen, Female, EvidenceInferred, nil)},
		{"a shirt for a night out with the boys", aud(WhoMen, Male, EvidenceInferred, nil)},
		{"what to wear to my daughter's school play", adultDefault},
		{"a dress for my daughter's wedding", adultDefault},
		{"what to wear to my son's graduation", adultDefault},
		{"a day at the zoo with my kids, comfy shoes", adultDefault},
		{"she is 8 months pregnant and needs jeans", aud(WhoWomen, Female, EvidenceInferred, nil)},
		{"I'm 6 months postpartum, comfy jeans please", adultDefault},
		{"a dress for a wedding in 3 months", adultDefault},
		{"a coat that will last for 5 years", adultDefault},
		{"the jeans I bought 2 years ago", adultDefault},
		// Gender when stated; the recipient of a gift, the speaker otherwise.
		{"for men", menExplicit},
		{"men's white shirt", menExplicit},
		{"ladies' trench coat", womenExpl},
		{"hoodie for my boyfriend, not black", menExplicit},
		{"a gift for my wife", womenExpl},
		{"I want to give a gift to my mum", womenExpl},
		{"sending a present to my dad", menExplicit},
		{"what should I wear to my mum's birthday", adultDefault},
		{"buy my brother a shirt", menExplicit},
		{"for him", menExplicit},
		{"for her birthday", womenExpl},
		{"for her husband", menExplicit},
		{"gift for his wife", womenExpl},
		{"my husband needs a suit", menExplicit},
		{"my sister's wedding, I'm a guy", menExplicit},
		{"a shirt for my mum's birthday, I'm a man", womenExpl},
		{"what should I wear to my mum's birthday? I'm a man", menExplicit},
		{"what should I wear for my mum's birthday, I'm a man", menExplicit},
		{"I'm a woman, what should I get my dad for christmas", menExplicit},
		{"as a man, what should I wear to a funeral", menExplicit},
		{"I'm a tall athletic man with broad shoulders; outfit for a job interview", menExplicit},
		{"a suit for my son's wedding, I am the father", menExplicit},
		{"I'm a dad looking for a rain jacket for myself", menExplicit},
		{"a jacket for me, I'm a guy", menExplicit},
		{"a gift for a girl I'm dating", womenExpl},
		{"a present for a boy I like", menExplicit},
		{"a dress for a girl I am dating", womenExpl},
		{"my daughter is getting married, what should I wear", adultDefault},
		{"my daughter is getting married, a dress for me", aud(WhoAdult, "", EvidenceExplicit, nil)},
		{"a dress for my sister who is 12", aud(WhoChildren, Female, EvidenceExplicit, bOlder)},
		{"for my 30 year old wife", womenExpl},
		{"my son is 25, he needs a suit", menExplicit},
		{"for my daughter, she is 30", womenExpl},
		{"I'm 35 and need a dress for a wedding", aud(WhoAdult, "", EvidenceExplicit, nil)},
		{"not for kids, a bright t-shirt", aud(WhoAdult, "", EvidenceExplicit, nil)},
		{"a gift for my partner", aud(WhoAdult, "", EvidenceExplicit, nil)},
		{"a present for my mum and dad", aud(WhoAdult, "", EvidenceExplicit, nil)},
		// Weak evidence: inferred, and said in a notice.
		{"she loves red, something for a party", aud(WhoWomen, Female, EvidenceInferred, nil)},
		{"he wants a warm jacket", aud(WhoMen, Male, EvidenceInferred, nil)},
		{"I'm a girl looking for jeans", aud(WhoWomen, Female, EvidenceInferred, nil)},
		{"a jacket for my nephew", aud(WhoChildren, Male, EvidenceInferred, bKids)},
		{"for my little sister", aud(WhoChildren, Female, EvidenceInferred, bKids)},
		{"shoes for school", aud(WhoChildren, "", EvidenceInferred, bKids)},
		{"back to school backpack", aud(WhoChildren, "", EvidenceInferred, bKids)},
		{"something warm for nursery", aud(WhoChildren, "", EvidenceInferred, bTiny)},
		// Children: the word, and the band from an age or a size.
		{"for kids", aud(WhoChildren, "", EvidenceExplicit, bKids)},
		{"kids pyjamas", aud(WhoChildren, "", EvidenceExplicit, bKids)},
		{"for my son", aud(WhoChildren, Male, EvidenceExplicit, bKids)},
		{"my daughter needs a raincoat", aud(WhoChildren, Female, EvidenceExplicit, bKids)},
		{"pink shorts for girls", aud(WhoChildren, Female, EvidenceExplicit, bKids)},
		{"for my 8 year old son", aud(WhoChildren, Male, EvidenceExplicit, bSmall)},
		{"swim trunks for my 8-year-old son", aud(WhoChildren, Male, EvidenceExplicit, bSmall)},
		{"a dress for a 10-year-old girl", aud(WhoChildren, Female, EvidenceExplicit, bOlder)},
		{"a party dress, she is 8", aud(WhoChildren, Female, EvidenceExplicit, bSmall)},
		{"he's 12 and needs jeans", aud(WhoChildren, Male, EvidenceExplicit, bOlder)},
		{"a t-shirt for my 4 year old", aud(WhoChildren, "", EvidenceExplicit, bSmall)},
		{"pyjamas for kids aged 5", aud(WhoChildren, "", EvidenceExplicit, bSmall)},
		{"my little brother is 7", aud(WhoChildren, Male, EvidenceExplicit, bSmall)},
		{"a coat for my niece, she is nine", aud(WhoChildren, Female, EvidenceExplicit, bKids)},
		{"baby", aud(WhoBaby, "", EvidenceExplicit, bBaby)},
		{"for a newborn", aud(WhoBaby, "", EvidenceExplicit, bBaby)},
		{"baby girl dress", aud(WhoBaby, Female, EvidenceExplicit, bBaby)},
		{"for a 3 month old", aud(WhoBaby, "", EvidenceExplicit, bBaby)},
		{"a onesie for my 6 month old", aud(WhoBaby, "", EvidenceExplicit, bBaby)},
		{"toddler boy", aud(WhoChildren, Male, EvidenceExplicit, bTiny)},
		{"toddler dress with flowers", aud(WhoChildren, "", EvidenceExplicit, bTiny)},
		{"teen", aud(WhoTeen, "", EvidenceExplicit, bOlder)},
		{"jeans for my teenage son", aud(WhoTeen, Male, EvidenceExplicit, bOlder)},
		{"I'm 15 and need a dress for prom", aud(WhoTeen, "", EvidenceExplicit, bOlder)},
		{"a jacket in size 110", aud(WhoChildren, "", EvidenceExplicit, bSmall)},
		{"trousers size 152", aud(WhoChildren, "", EvidenceExplicit, bOlder)},
		{"matching boots for my kid, 120 cm tall", aud(WhoChildren, "", EvidenceExplicit, bSmall)},
		{"for my son and daughter", aud(WhoChildren, "", EvidenceExplicit, bKids)},
		{"now for my son", aud(WhoChildren, Male, EvidenceExplicit, bKids)},
		// Adult sizes and measurements are no ages.
		{"a dress in size 38", adultDefault},
		{"she is 5 foot 2, a midi dress", aud(WhoWomen, Female, EvidenceInferred, nil)},
		{"top 3 skirts", adultDefault},
	}
	v := testVocab()
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got := v.Parse(c.in).Audience
			if got.Who != c.want.Who || got.Gender != c.want.Gender || got.Evidence != c.want.Evidence || !sameSet(got.Bands, c.want.Bands) {
				t.Errorf("Audience = %s %q bands %q (cue %q), want %s %q bands %q",
					got, got.Gender, got.Bands, got.Cue, c.want, c.want.Gender, c.want.Bands)
			}
		})
	}
}

// The decision is also in the department fields, so DeptMatch keeps working.
func TestAudienceDepartments(t *testing.T) {
	cases := []tcase{
		{"a shirt for my mum's birthday, I'm a man", want{Query: Query{Types: l("Shirt"), IndexGroups: l("Ladieswear")}}},
		{"my sister's wedding, I'm a guy", want{Query: Query{IndexGroups: l("Menswear")}, soft: l("wedding")}},
		{"a dress for my daughter's wedding", want{Query: Query{Types: l("Dress")}}},
		{"jeans for my teenage son", want{Query: Query{Types: l("Trousers"), Appearances: l("Denim"),
			IndexGroups: l("Menswear"), IndexNames: l("Children Sizes 134-170", "Children Accessories, Swimwear")}}},
		{"a baby bib", want{Query: Query{IndexNames: l("Baby Sizes 50-98")}}},
		{"she loves red", want{Query: Query{ColourMasters: l("Red")}}}, // inferred: no hard department
		{"men's sports trousers", want{Query: Query{Types: l("Trousers"), IndexGroups: l("Menswear", "Sport")}}},
		{"not for kids", want{Query: Query{Not: Exclusions{IndexGroups: l("Baby/Children")}}}},
	}
	runTable(t, testVocab(), cases)
}

func TestAudienceAllows(t *testing.T) {
	art := func(group, name, section string) *catalog.Article {
		return &catalog.Article{IndexGroupName: group, IndexName: name, SectionName: section}
	}
	ladies := art(GroupLadies, "Ladieswear", "Womens Everyday Collection")
	divided := art(GroupDivided, "Divided", "Divided Collection")
	men := art(GroupMen, "Menswear", "Men Suits & Tailoring")
	menSport := art(GroupSport, "Sport", "Men H&M Sport")
	ladiesSport := art(GroupSport, "Sport", "Ladies H&M Sport")
	kidsSport := art(GroupSport, "Sport", SectionKidsSp)
	baby := art(GroupChildren, BandBaby, "Baby Girl")
	kidBoy := art(GroupChildren, BandKids, "Kids Boy")
	kidGirl := art(GroupChildren, BandKids, "Kids Girl")
	older := art(GroupChildren, BandOlder, "Young Girl")
	extras := art(GroupChildren, KidsExtras, "Kids & Baby Shoes")
	outerGirl := art(GroupChildren, BandKids, "Kids Outerwear")
	outerGirl.DepartmentName = "Kids Girl Outdoor"
	youngShoes := art(GroupChildren, KidsExtras, "Kids & Baby Shoes")
	youngShoes.DepartmentName = "Young Boy Shoes"
	other := art("Homeware", "Homeware", "")
	all := []*catalog.Article{ladies, divided, men, menSport, ladiesSport, kidsSport, baby, kidBoy, kidGirl, older, extras, youngShoes, other}
	cases := []struct {
		name string
		a    Audience
		ok   []*catalog.Article
	}{
		{"zero", Audience{}, all},
		{"children 134-170", aud(WhoChildren, "", EvidenceExplicit, bOlder), []*catalog.Article{kidsSport, older, extras, youngShoes, other}},
		{"adult", aud(WhoAdult, "", EvidenceDefault, nil), []*catalog.Article{ladies, divided, men, menSport, ladiesSport, other}},
		{"women", womenExpl, []*catalog.Article{ladies, divided, ladiesSport, other}},
		{"men", menExplicit, []*catalog.Article{men, menSport, other}},
		{"children 92-140", aud(WhoChildren, "", EvidenceExplicit, bSmall), []*catalog.Article{kidsSport, kidBoy, kidGirl, extras, other}},
		{"children any", aud(WhoChildren, "", EvidenceExplicit, nil), []*catalog.Article{kidsSport, baby, kidBoy, kidGirl, older, extras, youngShoes, other}},
		{"baby", aud(WhoBaby, "", EvidenceExplicit, bBaby), []*catalog.Article{baby, other}},
		{"teen", aud(WhoTeen, "", EvidenceExplicit, bOlder), []*catalog.Article{divided, kidsSport, older, extras, youngShoes, other}},
		{"teen boy", aud(WhoTeen, Male, EvidenceExplicit, bOlder), []*catalog.Article{men, menSport, kidsSport, older, extras, youngShoes, other}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, x := range all {
				want := false
				for _, y := range c.ok {
					want = want || x == y
				}
				if got := c.a.Allows(x); got != want {
					t.Errorf("Allows(%s/%s/%s) = %v, want %v", x.IndexGroupName, x.IndexName, x.SectionName, got, want)
				}
			}
		})
	}
	son := aud(WhoChildren, Male, EvidenceExplicit, bKids)
	if son.Prefers(kidGirl) || son.Prefers(outerGirl) || !son.Prefers(kidBoy) || !son.Prefers(extras) {
		t.Error("a son prefers boys' and unisex children's articles")
	}
}

func TestWithAudience(t *testing.T) {
	v := testVocab()
	q := v.Parse("a warm jacket for my son")
	men := v.Parse("for men").Audience
	got := q.WithAudience(men)
	if !sameSet(got.IndexGroups, l("Menswear")) || len(got.IndexNames) != 0 || got.Audience.Who != WhoMen {
		t.Fatalf("WithAudience(men) = %s", got)
	}
	back := got.WithAudience(q.Audience)
	if !sameSet(back.IndexNames, q.IndexNames) || len(back.IndexGroups) != 0 {
		t.Fatalf("WithAudience(son) = %s, want %s", back, q)
	}
	sport := v.Parse("sports trousers").WithAudience(men)
	if !sameSet(sport.IndexGroups, l("Sport", "Menswear")) {
		t.Fatalf("other departments stay: %s", sport)
	}
}

func TestAudienceLabel(t *testing.T) {
	for _, c := range []struct {
		a    Audience
		want string
	}{
		{aud(WhoChildren, "", EvidenceExplicit, bKids), "children's 92-170"},
		{aud(WhoBaby, "", EvidenceExplicit, bBaby), "baby 50-98"},
		{womenExpl, "women's"},
		{adultDefault, "adult"},
	} {
		if got := c.a.Label(); got != c.want {
			t.Errorf("Label(%s) = %q, want %q", c.a, got, c.want)
		}
	}
}

// The audience rests on the real catalog's departments: every value it
// names exists, and every article of the real catalog is classified.
func TestAudienceValuesInRealCatalog(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the real catalog")
	}
	v := realVocab(t)
	for _, g := range []string{GroupLadies, GroupMen, GroupDivided, GroupSport, GroupChildren} {
		if !v.Has("IndexGroups", g) {
			t.Errorf("index group %q is not in the real catalog", g)
		}
	}
	for _, n := range []string{BandBaby, BandKids, BandOlder, KidsExtras} {
		if !v.Has("IndexNames", n) {
			t.Errorf("index name %q is not in the real catalog", n)
		}
	}
	if !v.Has("Sections", SectionKidsSp) {
		t.Errorf("section %q is not in the real catalog", SectionKidsSp)
	}
	counts := map[Who]int{}
	arts := loadReal(t)
	for i := range arts {
		a := &arts[i]
		who, _, _ := ArticleWho(a)
		if who == "" {
			t.Fatalf("article %s (%s / %s) has no audience", a.ArticleID, a.IndexGroupName, a.IndexName)
		}
		counts[who]++
	}
	// The taxonomy note: 34,711 Baby/Children articles plus 626 Kids Sports.
	if c := counts[WhoChildren] + counts[WhoBaby]; c != 34711+626 {
		t.Errorf("children's articles %d, want %d", c, 34711+626)
	}
}

// Every item of a multi-item request is for the person the request names.
func TestAudienceParts(t *testing.T) {
	q := testVocab().Parse("a white shirt and blue jeans for my son, he is 8")
	if len(q.Parts) != 2 {
		t.Fatalf("parts: %v", q.Parts)
	}
	for _, p := range q.Parts {
		if p.Audience.Who != WhoChildren || !sameSet(p.Audience.Bands, bSmall) || !sameSet(p.IndexNames, l(BandKids, KidsExtras)) || len(p.IndexGroups) != 0 {
			t.Errorf("part %q: %s %q / %q", p.Text, p.Audience, p.IndexGroups, p.IndexNames)
		}
	}
	q = testVocab().Parse("a shirt and a tie for my dad's birthday, I'm his daughter")
	if len(q.Parts) != 2 {
		t.Fatalf("parts: %v", q.Parts)
	}
	for _, p := range q.Parts {
		if p.Audience.Who != WhoMen || !sameSet(p.IndexGroups, l(GroupMen)) {
			t.Errorf("part %q: %s %q", p.Text, p.Audience, p.IndexGroups)
		}
	}
}
