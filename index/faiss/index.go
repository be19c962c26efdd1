package faiss

/*
#include <stdlib.h>
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unsafe"
)

// Index is a FAISS index owned by Go. It is safe for concurrent use.
type Index struct {
	mu      sync.RWMutex
	h       *C.stylist_index // nil once closed
	cleanup runtime.Cleanup  // frees h if the Index is garbage collected unclosed

	dim       int
	metric    Metric // metric the index ranks by
	requested Metric // metric asked for in New (differs when FAISS forced L2)
	factory   string // factory string, "" for an index read from a file
	onGPU     bool   // index lives on a GPU: calls are serialised
	hnsw      bool   // the index has HNSW nodes (efSearch applies)
	ef        int    // current efSearch of the HNSW nodes; guarded by mu
}

// New builds an empty index from any FAISS index_factory string.
func New(dim int, factory string, metric Metric) (*Index, error) {
	if dim <= 0 {
		return nil, fmt.Errorf("%w: dim %d must be positive", ErrDim, dim)
	}
	factory = strings.TrimSpace(factory)
	if factory == "" {
		return nil, fmt.Errorf("%w: empty factory string", ErrFactory)
	}
	if !metric.valid() {
		return nil, fmt.Errorf("%w: unknown metric %d", ErrArg, int(metric))
	}
	cf := C.CString(factory)
	defer C.free(unsafe.Pointer(cf))
	var h *C.stylist_index
	if err := shimError("new "+factory, ErrFactory, C.stylist_faiss_new(C.int(dim), cf, C.int(metric), &h)); err != nil {
		return nil, err
	}
	x := wrap(h, factory, metric)
	placeOnDevice(x)
	return x, nil
}

// Read loads an index written by Write (or by any FAISS 1.7.x program).
func Read(path string) (*Index, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRead, err)
	}
	cp := C.CString(path)
	defer C.free(unsafe.Pointer(cp))
	var h *C.stylist_index
	if err := shimError("read "+path, ErrRead, C.stylist_faiss_read(cp, &h)); err != nil {
		return nil, err
	}
	m := Metric(C.stylist_faiss_metric(h))
	if !m.valid() || C.stylist_faiss_dim(h) <= 0 {
		C.stylist_faiss_free(h)
		return nil, fmt.Errorf("%w: %s: unsupported metric %d or dimension", ErrRead, path, int(m))
	}
	x := wrap(h, "", m)
	placeOnDevice(x)
	return x, nil
}

// ReadBytes loads an index from the contents of a file written by Write (for
// callers that read and verify the file themselves). data is not retained.
func ReadBytes(data []byte) (*Index, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("%w: empty index data", ErrRead)
	}
	var h *C.stylist_index
	if err := shimError("read from memory", ErrRead, C.stylist_faiss_read_mem(unsafe.Pointer(&data[0]), C.int64_t(len(data)), &h)); err != nil {
		return nil, err
	}
	m := Metric(C.stylist_faiss_metric(h))
	if !m.valid() || C.stylist_faiss_dim(h) <= 0 {
		C.stylist_faiss_free(h)
		return nil, fmt.Errorf("%w: unsupported metric %d or dimension", ErrRead, int(m))
	}
	x := wrap(h, "", m)
	placeOnDevice(x)
	return x, nil
}

// wrap makes the Go owner of a shim handle.
func wrap(h *C.stylist_index, factory string, requested Metric) *Index {
	x := &Index{
		h:         h,
		dim:       int(C.stylist_faiss_dim(h)),
		metric:    Metric(C.stylist_faiss_metric(h)),
		requested: requested,
		factory:   factory,
		ef:        int(C.stylist_faiss_ef_search(h)),
	}
	x.hnsw = x.ef > 0
	x.cleanup = runtime.AddCleanup(x, func(h *C.stylist_index) { C.stylist_faiss_free(h) }, h)
	return x
}

// acquire locks the index for an operation (shared unless exclusive or on a
// GPU) and returns the handle and the matching unlock.
func (x *Index) acquire(exclusive bool) (*C.stylist_index, func(), error) {
	if x == nil {
		return nil, nil, ErrNilIndex
	}
	if exclusive || x.onGPU {
		x.mu.Lock()
		if x.h == nil {
			x.mu.Unlock()
			return nil, nil, ErrClosed
		}
		return x.h, x.mu.Unlock, nil
	}
	x.mu.RLock()
	if x.h == nil {
		x.mu.RUnlock()
		return nil, nil, ErrClosed
	}
	return x.h, x.mu.RUnlock, nil
}

// Close frees the index; it is idempotent and safe to call concurrently.
func (x *Index) Close() error {
	if x == nil {
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.h == nil {
		return nil
	}
	x.cleanup.Stop()
	C.stylist_faiss_free(x.h)
	x.h = nil
	return nil
}

// Dim returns the vector dimension (0 for a nil index).
func (x *Index) Dim() int {
	if x == nil {
		return 0
	}
	return x.dim
}

// Metric returns the metric the index ranks by (L2 when FAISS forced it).
func (x *Index) Metric() Metric {
	if x == nil {
		return InnerProduct
	}
	return x.metric
}

// Factory returns the factory string given to New ("" after Read).
func (x *Index) Factory() string {
	if x == nil {
		return ""
	}
	return x.factory
}

// Ntotal returns the number of vectors in the index (0 when closed).
func (x *Index) Ntotal() int64 {
	h, unlock, err := x.acquire(false)
	if err != nil {
		return 0
	}
	defer unlock()
	return int64(C.stylist_faiss_ntotal(h))
}

// IsTrained reports whether the index is ready for AddWithIDs (false when closed).
func (x *Index) IsTrained() bool {
	h, unlock, err := x.acquire(false)
	if err != nil {
		return false
	}
	defer unlock()
	return C.stylist_faiss_is_trained(h) != 0
}

// Describe returns a one-line summary: factory, metric, size and structure.
func (x *Index) Describe() string {
	h, unlock, err := x.acquire(false)
	if err != nil {
		return "faiss index (" + err.Error() + ")"
	}
	defer unlock()
	p := C.stylist_faiss_describe(h)
	structure := C.GoString(p)
	C.stylist_faiss_free_error(p)
	factory := x.factory
	if factory == "" {
		factory = "(read from file)"
	}
	metric := x.metric.String()
	if x.metric != x.requested {
		metric += " (forced by FAISS; requested " + x.requested.String() + ")"
	}
	return fmt.Sprintf("faiss %s metric=%s dim=%d ntotal=%d trained=%t gpu=%t structure=%s",
		factory, metric, x.dim, int64(C.stylist_faiss_ntotal(h)), C.stylist_faiss_is_trained(h) != 0,
		C.stylist_faiss_on_gpu(h) != 0, structure)
}

// Write saves the index to path atomically (temporary file, then rename).
func (x *Index) Write(path string) error {
	h, unlock, err := x.acquire(false)
	if err != nil {
		return err
	}
	defer unlock()
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("faiss: write %s: %w", path, err)
	}
	name := tmp.Name()
	_ = tmp.Close()
	cp := C.CString(name)
	defer C.free(unsafe.Pointer(cp))
	if err := shimError("write "+path, ErrFAISS, C.stylist_faiss_write(h, cp)); err != nil {
		_ = os.Remove(name)
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		_ = os.Remove(name)
		return fmt.Errorf("faiss: write %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		_ = os.Remove(name)
		return fmt.Errorf("faiss: write %s: %w", path, err)
	}
	return nil
}

// SerializedSize returns the size in bytes Write would produce (the index's
// in-memory footprint, to within small headers), without writing anything.
func (x *Index) SerializedSize() (int64, error) {
	h, unlock, err := x.acquire(false)
	if err != nil {
		return 0, err
	}
	defer unlock()
	var n C.int64_t
	if err := shimError("serialized size", ErrFAISS, C.stylist_faiss_serialized_size(h, &n)); err != nil {
		return 0, err
	}
	return int64(n), nil
}
