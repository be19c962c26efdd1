//go:build !linux

package bench

import "time"

// threadCPU is not measured on this platform.
func threadCPU() time.Duration { return 0 }

// processCPU is not measured on this platform.
func processCPU() time.Duration { return 0 }
