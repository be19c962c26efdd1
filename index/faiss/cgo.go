package faiss

/*
#cgo CXXFLAGS: -fopenmp
#cgo LDFLAGS: -lfaiss -lopenblas -lgomp -lstdc++ -lm
#include <stdlib.h>
#include "shim.h"
*/
import "C"

// shimError converts an error string returned by the shim into a Go error
// (nil when p is NULL) and releases the string.
func shimError(op string, kind error, p *C.char) error {
	if p == nil {
		return nil
	}
	msg := C.GoString(p)
	C.stylist_faiss_free_error(p)
	return &Error{Op: op, Msg: msg, Kind: kind}
}
