//go:build faiss_gpu

package faiss

/*
#cgo CXXFLAGS: -DSTYLIST_FAISS_GPU
#cgo LDFLAGS: -lcudart -lcublas
#include "shim.h"
*/
import "C"

import (
	"log/slog"
	"sync/atomic"
)

// GPU reports whether the package was built with the faiss_gpu tag.
const GPU = true

// gpuDevice is the CUDA device new indexes move to; negative keeps them on the CPU.
var gpuDevice atomic.Int32

// SetGPUDevice selects the CUDA device for indexes made by New and Read
// afterwards (default 0); a negative device keeps them on the CPU.
func SetGPUDevice(device int) { gpuDevice.Store(int32(device)) }

// placeOnDevice moves x to the configured GPU with index_cpu_to_gpu; on
// failure (no device, unsupported index type) x stays on the CPU.
func placeOnDevice(x *Index) {
	dev := int(gpuDevice.Load())
	if dev < 0 {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := shimError("to gpu", ErrFAISS, C.stylist_faiss_to_gpu(x.h, C.int(dev))); err != nil {
		slog.Warn("faiss: index stays on the CPU", "device", dev, "factory", x.factory, "err", err)
		return
	}
	x.onGPU = true
}
