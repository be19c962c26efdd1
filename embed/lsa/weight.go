package lsa

import (
	"math"
	"runtime"
)

// idf is the smoothed inverse document frequency ln((1+n)/(1+df)) + 1.
func idf(n, df int) float64 {
	return math.Log(float64(1+n)/float64(1+df)) + 1
}

// sublinear dampens a (field-weighted) term frequency: 1+ln(tf) from tf = 1 on.
func sublinear(tf float64) float64 {
	if tf <= 1 {
		return tf
	}
	return 1 + math.Log(tf)
}

// weigher turns raw term frequencies into the TF-IDF row fed to the projection.
type weigher struct {
	idf   []float32
	kinds []kind
	kw    [numKinds]float64
}

// weigh replaces the raw term frequencies vals of features cols in place by
// sublinear tf × idf, with each kind block L2-normalised and scaled by its kind
// weight (the character n-gram block also by charShare, analyzer.charShare),
// and the whole row L2-normalised. A row without features stays empty.
func (w *weigher) weigh(cols []int32, vals []float32, charShare float64) {
	var ss [numKinds]float64
	for i, c := range cols {
		x := sublinear(float64(vals[i])) * float64(w.idf[c])
		vals[i] = float32(x)
		ss[w.kinds[c]] += x * x
	}
	var scale [numKinds]float64
	var total float64
	for k := range scale {
		if ss[k] > 0 {
			kw := w.kw[k]
			if kind(k) == kindChar {
				kw *= charShare
			}
			scale[k] = kw / math.Sqrt(ss[k])
			total += kw * kw
		}
	}
	if total == 0 {
		for i := range vals {
			vals[i] = 0
		}
		return
	}
	norm := 1 / math.Sqrt(total)
	for i, c := range cols {
		vals[i] = float32(float64(vals[i]) * scale[w.kinds[c]] * norm)
	}
}

// maxProcs is the default worker count.
func maxProcs() int { return runtime.GOMAXPROCS(0) }
