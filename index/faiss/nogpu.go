//go:build !faiss_gpu && cgo

package faiss

// GPU reports whether the package was built with the faiss_gpu tag.
const GPU = false

// SetGPUDevice selects the GPU for new indexes; without faiss_gpu it does nothing.
func SetGPUDevice(int) {}

// placeOnDevice keeps CPU indexes on the CPU.
func placeOnDevice(*Index) {}
