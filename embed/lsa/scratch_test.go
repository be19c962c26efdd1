package lsa

import (
	"context"
	"runtime"
	"syscall"
	"testing"
	"time"
)

func TestScratchReal(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	rows := loadRealCatalog(t)
	texts := make([]string, len(rows))
	for i, r := range rows {
		texts[i] = r.text
	}
	runtime.GC()
	t0 := time.Now()
	c0 := cpuTime()
	m, vecs, err := FitTransform(context.Background(), texts, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	st := m.Stats()
	t.Logf("cpu %v", cpuTime()-c0)
	t.Logf("total %v analyse %v matrix %v svd %v project %v; docs %d feats %d nnz %d rank %d; heap sys %d MB",
		time.Since(t0), st.Analyse, st.Matrix, st.SVD, st.Project, st.Docs, st.Features, st.NNZ, st.Rank, ms.HeapSys>>20)
	t.Logf("sigma[:5]=%v last=%v", st.Sigma[:5], st.Sigma[len(st.Sigma)-1])
	_ = vecs
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
