package lsa

import (
	"cmp"
	"context"
	"slices"
	"sync"
)

// counter analyses a contiguous range of documents with worker-local feature ids,
// recording each document's raw (field-weighted) term frequencies and the local
// document frequencies. It avoids analysing the corpus twice during Fit.
type counter struct {
	an      *analyzer
	ids     map[string]int32
	keys    []string  // by local id
	df      []int32   // by local id
	acc     []float64 // tf accumulator of the current document, by local id
	touched []int32
	ptr     []int // row offsets into cols/tfs (len = docs+1)
	cols    []int32
	tfs     []float32
	share   []float32          // by document: analyzer.charShare
	grams   map[string][]int32 // word -> local ids of its character n-grams
	gramIDs []int32            // scratch
}

func newCounter(opts *Options) *counter {
	c := &counter{an: newAnalyzer(opts), ids: make(map[string]int32, 1<<16), ptr: []int{0},
		grams: make(map[string][]int32, 1<<14)}
	c.an.grams = c.addGrams
	return c
}

// addGrams adds the character n-grams of word, computing them once per word.
func (c *counter) addGrams(word []byte, w float64) {
	ids, ok := c.grams[string(word)]
	if !ok {
		c.gramIDs = c.gramIDs[:0]
		c.an.charGrams(word, 1, func(key []byte, _ kind, _ float64) {
			c.gramIDs = append(c.gramIDs, c.id(key))
		})
		ids = slices.Clone(c.gramIDs)
		c.grams[string(word)] = ids
	}
	for _, id := range ids {
		c.addID(id, w)
	}
}

// add analyses one document.
func (c *counter) add(text string) {
	c.an.analyze(text, c.emit)
	for _, id := range c.touched {
		c.cols = append(c.cols, id)
		c.tfs = append(c.tfs, float32(c.acc[id]))
		c.df[id]++
		c.acc[id] = 0
	}
	c.touched = c.touched[:0]
	c.ptr = append(c.ptr, len(c.cols))
	c.share = append(c.share, float32(c.an.charShare()))
}

func (c *counter) emit(key []byte, _ kind, w float64) { c.addID(c.id(key), w) }

// id returns the local id of a feature, assigning a new one on first sight.
func (c *counter) id(key []byte) int32 {
	id, ok := c.ids[string(key)]
	if !ok {
		id = int32(len(c.keys))
		s := string(key)
		c.ids[s] = id
		c.keys = append(c.keys, s)
		c.df = append(c.df, 0)
		c.acc = append(c.acc, 0)
	}
	return id
}

// addID adds weight w to feature id in the current document.
func (c *counter) addID(id int32, w float64) {
	if c.acc[id] == 0 {
		c.touched = append(c.touched, id)
	}
	c.acc[id] += w
}

// countCorpus analyses texts in `workers` contiguous ranges in parallel.
func countCorpus(ctx context.Context, texts []string, opts *Options, workers int) ([]*counter, error) {
	workers = max(1, min(workers, len(texts)))
	counters := make([]*counter, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(texts)/workers, (w+1)*len(texts)/workers
		counters[w] = newCounter(opts)
		wg.Go(func() {
			c := counters[w]
			for i := lo; i < hi; i++ {
				if (i-lo)&1023 == 0 {
					if err := ctx.Err(); err != nil {
						errs[w] = err
						return
					}
					if w == 0 {
						opts.Progress("lsa: analyse", (i-lo)*workers, len(texts))
					}
				}
				c.add(texts[i])
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return counters, nil
}

// vocabulary is the fitted feature set: ids are ordered by decreasing document
// frequency (ties by key), so frequent features have small ids.
type vocabulary struct {
	keys  []string
	kinds []kind
	idf   []float32
	remap [][]int32 // per counter: local id -> final id, or -1 when dropped
}

// buildVocabulary merges the counters' document frequencies, applies MinDF and
// MaxFeatures and computes smoothed idf = ln((1+n)/(1+df)) + 1.
func buildVocabulary(counters []*counter, nDocs int, opts *Options) *vocabulary {
	type stat struct {
		key string
		df  int32
	}
	var (
		global = make(map[string]int32, 1<<18)
		stats  []stat
		prov   = make([][]int32, len(counters)) // local id -> provisional id
	)
	for ci, c := range counters {
		prov[ci] = make([]int32, len(c.keys))
		for lid, key := range c.keys {
			gid, ok := global[key]
			if !ok {
				gid = int32(len(stats))
				global[key] = gid
				stats = append(stats, stat{key: key})
			}
			stats[gid].df += c.df[lid]
			prov[ci][lid] = gid
		}
	}
	order := make([]int32, 0, len(stats))
	for gid, s := range stats {
		if int(s.df) >= opts.MinDF {
			order = append(order, int32(gid))
		}
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := cmp.Compare(stats[b].df, stats[a].df); c != 0 {
			return c
		}
		return cmp.Compare(stats[a].key, stats[b].key)
	})
	if len(order) > opts.MaxFeatures {
		order = order[:opts.MaxFeatures]
	}
	final := make([]int32, len(stats))
	for i := range final {
		final[i] = -1
	}
	v := &vocabulary{
		keys:  make([]string, len(order)),
		kinds: make([]kind, len(order)),
		idf:   make([]float32, len(order)),
		remap: make([][]int32, len(counters)),
	}
	for fid, gid := range order {
		final[gid] = int32(fid)
		s := stats[gid]
		v.keys[fid] = s.key
		v.kinds[fid], _ = kindOf(s.key)
		v.idf[fid] = float32(idf(nDocs, int(s.df)))
	}
	for ci := range counters {
		r := prov[ci]
		for lid, gid := range r {
			r[lid] = final[gid]
		}
		v.remap[ci] = r
	}
	return v
}
