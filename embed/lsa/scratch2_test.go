package lsa

import (
	"context"
	"testing"
	"time"
)

func TestScratchTiles(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	rows := loadRealCatalog(t)
	texts := make([]string, len(rows))
	for i, r := range rows {
		texts[i] = r.text
	}
	opts := DefaultOptions()
	counters, _ := countCorpus(context.Background(), texts, &opts, 2)
	voc := buildVocabulary(counters, len(texts), &opts)
	var nk [numKinds]int
	for _, c := range counters {
		for d := 0; d+1 < len(c.ptr); d++ {
			for e := c.ptr[d]; e < c.ptr[d+1]; e++ {
				if f := voc.remap[0][0]; f >= -2 {
				}
			}
		}
	}
	wg := weigher{idf: voc.idf, kinds: voc.kinds, kw: opts.kindWeights()}
	x := buildMatrix(counters, voc, &wg)
	for _, c := range x.idx {
		nk[voc.kinds[c]]++
	}
	t.Logf("nnz by kind %v", nk)
	l := 272
	q := gaussian(x.cols, l, 1, 2)
	y := gaussian(x.rows, l, 2, 2)
	for range 2 {
		c0, w0 := cpuTime(), time.Now()
		x.mulDense(context.Background(), y, q, 2)
		c1, w1 := cpuTime(), time.Now()
		x.mulTransDense(context.Background(), q, y, 2)
		t.Logf("XQ cpu %v wall %v; XtY cpu %v wall %v", c1-c0, w1.Sub(w0), cpuTime()-c1, time.Since(w1))
	}
}
