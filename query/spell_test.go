package query

import (
	"strings"
	"testing"
)

// ordinaryWords are everyday words a request contains; none may be
// "corrected" into a garment (the she→shoe, what→hat, loves→gloves,
// cost→coat misfires).
var ordinaryWords = strings.Fields(`
she he her him they them what where when which who why how this that these those
loves love loved lover likes liked cost costs costly cheap price money much many
hello thanks thank please sorry okay help helps helped want wants wanted need needs
girlfriend boyfriend wife husband mother father sister brother friend friends family
tall short slim petite curvy broad shoulders legs arms waist hips body bodies
picnic party wedding birthday funeral office school work holiday vacation beach
walk walks walking travel trip weekend evening morning night today tomorrow summer
winter spring autumn fall weather rain rainy cold warm hot sunny snow windy
cute pretty smart casual formal elegant simple classic modern fancy plain
colour colours color colors shade dark light bright soft thick thin heavy
cotton wool linen silk leather denim velvet satin lace knitted woven
football tennis coffee lover music dance dancing hiking running yoga gym
shoes boots socks hats coats gloves shirts skirts pants jeans dress dresses
goes match matching wear wore worn wearing fits fitted loose tight baggy
looks looking style styles stylish trendy outfit outfits clothes clothing
says said tell told think thought know knew make made give gave take took
first second third next last other another same different new old young
recommend recommendation suggest suggestion idea ideas option options choose
boat goat moat float coast cast vest best rest test west nest pest
shoe hat hate heat that chat what whet wheat sweat sweet street skirt shirt
dog cat pet pets puppy kitten phone laptop camera makeup lipstick perfume
size sizes small medium large extra inches centimetres euros dollars pounds budget
cheaper warmer cooler lighter darker longer shorter bigger smaller softer
something anything nothing everything someone anyone everyone
paris london rome milan tokyo york berlin madrid
coast coasts beach lines liner lining lined linens wired wire wireless quilt quilts
trunk suspender jagger sweaty pane window boat coat cord court cords lace laces
relaxed relax relaxing open opening mock mocks wrap wraps wrapping gift crop crops
turtle turtles polo roll rolls funnel cable cables sweats satin silky organic recycle
dresser dressing pocketed buttoned zipped hooded pleat pleats bell bells belts
leggy legal league ledge lease least leave jacks jack sneak sneaky sweet sweeter
biking hiking skiing skating camping boating bikinis cardio cardinal carding
`)

func TestSpellOrdinaryWordsUntouched(t *testing.T) {
	for _, name := range []string{"fixture", "real"} {
		t.Run(name, func(t *testing.T) {
			v := testVocab()
			if name == "real" {
				v = realVocab(t)
			}
			for _, w := range ordinaryWords {
				if c := v.Corrections(w); len(c) > 0 {
					t.Errorf("%q corrected to %q", w, c[0].To)
				}
			}
		})
	}
}

func TestSpellRequestsUntouched(t *testing.T) {
	v := realVocab(t)
	for _, s := range []string{
		"what do you recommend for a picnic?",
		"something for my girlfriend, she is tall",
		"gift for my boyfriend who loves football",
		"something cute for a date that doesnt cost much",
		"hi",
		"thanks!",
		"help me",
		"fit check, is this drip?",
		"a gift for a coffee lover",
		"secret santa present under 20 euros",
		"boho dress like the one zendaya wore",
		"nike running shoes",
		"gucci belt",
		"a cottagecore dress for a picnic",
		"ootd inspo for a y2k party",
		"something comfy and cozy for the weekend",
	} {
		if c := v.Corrections(s); len(c) > 0 {
			t.Errorf("%q: corrected %v", s, c)
		}
	}
}

func TestSpellMisspellingsCorrected(t *testing.T) {
	v := realVocab(t)
	cases := []struct{ in, from, to string }{
		{"blak jeens", "jeens", "jeans"},
		{"blak jeens", "blak", "black"},
		{"a warm jaket", "jaket", "jacket"},
		{"wool sweter", "sweter", "sweater"},
		{"grey trowsers for work", "trowsers", "trouser"},
		{"white snekers", "snekers", "sneaker"},
		{"a red dres", "dres", "dress"},
		{"a floral skrit", "skrit", "skirt"},
		{"navy blazzer", "blazzer", "blazer"},
		{"a hoodei", "hoodei", "hoodie"},
		{"leather bellt", "bellt", "belt"},
		{"summer sandels", "sandels", "sandal"},
		{"leggins for yoga", "leggins", "legging"}, // a word-list word the catalog's names use for leggings
		{"a cosy cardigon", "cardigon", "cardigan"},
		{"a linnen shirt", "linnen", "linen"},
		{"black lether jacket", "lether", "leather"},
		{"a quilded jacket", "quilded", "quilted"},
		{"cashmir sweater", "cashmir", "cashmere"},
		{"white turtlenek", "turtlenek", "turtleneck"},
		{"a wireles bra", "wireles", "wireless"},
		{"a bikiny for the beach", "bikiny", "bikini"}, // the garment, not "biking"
		{"a red dresss", "dresss", "dress"},            // the garment, not "dressy"
		{"velvit dress", "velvit", "velvet"},
		{"overszied hoodie", "overszied", "oversized"},
	}
	for _, c := range cases {
		got := v.Corrections(c.in)
		found := false
		for _, g := range got {
			if g.From == c.from {
				found = true
				if !strings.HasPrefix(g.To, c.to) {
					t.Errorf("%q: %s → %s, want %s", c.in, g.From, g.To, c.to)
				}
			}
		}
		if !found {
			t.Errorf("%q: %q not corrected (got %v)", c.in, c.from, got)
		}
	}
}

func TestSpellParseUsesCorrection(t *testing.T) {
	v := testVocab()
	q := v.Parse("blak jeens please")
	if !contains(q.Types, "Trousers") || !contains(q.ColourMasters, "Black") {
		t.Fatalf("parse of a misspelt request: %s", q)
	}
	if q.Search != "black jeans please" {
		t.Errorf("Search = %q", q.Search)
	}
	if q2 := v.Parse("black jeans"); q2.Search != "" || len(q2.Corrections) != 0 {
		t.Errorf("correct request changed: %+v", q2)
	}
}
