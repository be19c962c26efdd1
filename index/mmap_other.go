//go:build !unix

package index

import "os"

// mapFile reads path into memory (no mmap on this platform).
func mapFile(path string) (data []byte, unmap func(), err error) {
	data, err = os.ReadFile(path)
	return data, func() {}, err
}
