package lsa

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

type probe struct {
	q      string
	types  []string
	colour string
}

var probes = []probe{
	{"black sweater", []string{"Sweater"}, "black"},
	{"white t-shirt", []string{"T-shirt"}, "white"},
	{"waterproof jacket", []string{"Jacket", "Coat"}, ""},
	{"denim jeans women", []string{"Trousers"}, ""},
	{"yellow summer dress", []string{"Dress"}, "yellow"},
	{"jogging trousers", []string{"Trousers"}, ""},
	{"black sweather", []string{"Sweater"}, "black"},
	{"white tshirt", []string{"T-shirt"}, "white"},
	{"rain jaket", []string{"Jacket", "Coat"}, ""},
	{"blue jeens", []string{"Trousers"}, "blue"},
	{"yellow summer dresses", []string{"Dress"}, "yellow"},
	{"black sneaker", []string{"Sneakers"}, "black"},
	{"grey hoodies", []string{"Hoodie"}, "grey"},
	{"knitted cardigans", []string{"Cardigan"}, ""},
	{"warm winter coat", []string{"Coat", "Jacket"}, ""},
	{"running shoes", []string{"Sneakers", "Other shoe"}, ""},
	{"baby bodysuit", []string{"Bodysuit"}, ""},
	{"leather belt", []string{"Belt"}, ""},
	{"silver earrings", []string{"Earring"}, "silver"},
	{"wool beanie", []string{"Hat/beanie", "Beanie"}, ""},
	{"pyjamas", []string{"Pyjama set", "Pyjama jumpsuit/playsuit", "Pyjama bottom"}, ""},
	{"push-up bra", []string{"Bra"}, ""},
	{"ankle boots", []string{"Boots"}, ""},
	{"linen shorts", []string{"Shorts"}, ""},
	{"office blazer", []string{"Blazer"}, ""},
	{"bikini", []string{"Bikini top", "Swimwear bottom", "Swimwear set"}, ""},
	{"high waisted leggings", []string{"Leggings/Tights"}, ""},
	{"polo shirt men", []string{"Polo shirt"}, ""},
}

func evalProbes(t *testing.T, m *Model, vecs [][]float32, rows []catalogRow) (float64, float64) {
	var sumT, sumC, sum50 float64
	nc := 0
	for _, p := range probes {
		q, _ := m.EmbedQuery(context.Background(), p.q)
		type sc struct {
			i int
			s float32
		}
		all := make([]sc, len(vecs))
		for i, v := range vecs {
			var s float32
			for j := range v {
				s += v[j] * q[j]
			}
			all[i] = sc{i, s}
		}
		sort.Slice(all, func(a, b int) bool { return all[a].s > all[b].s })
		tm, cm, t50 := 0, 0, 0
		var ex []string
		for k, h := range all[:50] {
			r := rows[h.i]
			for _, ty := range p.types {
				if r.productType == ty {
					t50++
					break
				}
			}
			if k >= 20 {
				continue
			}
			for _, ty := range p.types {
				if r.productType == ty {
					tm++
					break
				}
			}
			if p.colour != "" && strings.Contains(strings.ToLower(r.colour), p.colour) {
				cm++
			}
			if len(ex) < 3 {
				ex = append(ex, r.productType+"/"+r.colour)
			}
		}
		sumT += float64(tm) / 20
		sum50 += float64(t50) / 50
		if p.colour != "" {
			sumC += float64(cm) / 20
			nc++
		}
		t.Logf("%-22q type %2d/20 %2d/50 colour %2d/20  %v", p.q, tm, t50, cm, ex)
	}
	fmt.Printf("top50 type %.3f\n", sum50/float64(len(probes)))
	return sumT / float64(len(probes)), sumC / float64(nc)
}

func TestScratchEval(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	rows := loadRealCatalog(t)
	texts := make([]string, len(rows))
	for i, r := range rows {
		texts[i] = r.text
	}
	opts := DefaultOptions()
	if v := os.Getenv("LSA_POWER"); v != "" {
		opts.PowerIters, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("LSA_CHAR"); v != "" {
		opts.CharWeight, _ = strconv.ParseFloat(v, 64)
	}
	if v := os.Getenv("LSA_BIGRAM"); v != "" {
		opts.BigramWeight, _ = strconv.ParseFloat(v, 64)
	}
	if v := os.Getenv("LSA_MAXF"); v != "" {
		opts.MaxFeatures, _ = strconv.Atoi(v)
	}
	if os.Getenv("LSA_NOCHAR") != "" {
		opts.CharNGrams = false
	}
	if v := os.Getenv("LSA_FIELDS"); v != "" {
		opts.FieldWeights = nil
		for _, f := range strings.Split(v, ",") {
			x, _ := strconv.ParseFloat(f, 64)
			opts.FieldWeights = append(opts.FieldWeights, x)
		}
	}
	runtime.GC()
	c0, w0 := cpuTime(), time.Now()
	m, vecs, err := FitTransform(context.Background(), texts, opts)
	if err != nil {
		t.Fatal(err)
	}
	st := m.Stats()
	ct := cpuTime() - c0
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	tq, cq := evalProbes(t, m, vecs, rows)
	fmt.Printf("RESULT %s grams=%d-%d power=%d char=%v bigram=%v maxf=%d fields=%v: cpu %.1fs wall %.1fs (analyse %.1f matrix %.1f svd %.1f proj %.1f) nnz %d heapsys %dMB | type %.3f colour %.3f\n",
		os.Getenv("LSA_TAG"), minGram, maxGram, opts.PowerIters, opts.CharWeight, opts.BigramWeight, opts.MaxFeatures, opts.FieldWeights, ct.Seconds(), time.Since(w0).Seconds(),
		st.Analyse.Seconds(), st.Matrix.Seconds(), st.SVD.Seconds(), st.Project.Seconds(), st.NNZ, ms.HeapSys>>20, tq, cq)
}
