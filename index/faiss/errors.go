package faiss

import (
	"errors"
	"regexp"
)

// Sentinel errors; errors.Is works on every error this package returns.
var (
	// ErrNilIndex is returned by methods called on a nil *Index.
	ErrNilIndex = errors.New("faiss: nil index")
	// ErrClosed is returned by methods called after Close.
	ErrClosed = errors.New("faiss: index is closed")
	// ErrDim reports vectors whose length does not fit the index dimension.
	ErrDim = errors.New("faiss: dimension mismatch")
	// ErrK reports a non-positive k.
	ErrK = errors.New("faiss: k must be positive")
	// ErrArg reports another invalid argument.
	ErrArg = errors.New("faiss: invalid argument")
	// ErrNotTrained is returned when adding to or searching an untrained index.
	ErrNotTrained = errors.New("faiss: index is not trained")
	// ErrFactory reports a factory string FAISS rejected.
	ErrFactory = errors.New("faiss: bad factory string")
	// ErrRead reports an index file that cannot be read (missing, truncated, corrupt).
	ErrRead = errors.New("faiss: cannot read index")
	// ErrFAISS wraps any other exception raised inside FAISS.
	ErrFAISS = errors.New("faiss: library error")
)

// Error is an exception raised inside FAISS (or the shim), converted to Go.
type Error struct {
	Op   string // shim operation, e.g. "search"
	Msg  string // C++ exception message
	Kind error  // one of the sentinel errors
}

// Error implements error.
func (e *Error) Error() string {
	return e.Kind.Error() + ": " + e.Op + ": " + shortMessage(e.Msg)
}

// Unwrap returns the sentinel kind.
func (e *Error) Unwrap() error { return e.Kind }

// shortMessage drops the C++ function signature FAISS puts in front of its
// messages ("Error in <signature> at file:line: Error: ...").
func shortMessage(msg string) string {
	if m := faissLocation.FindStringSubmatch(msg); m != nil {
		return m[1] + ": " + m[2]
	}
	return msg
}

// faissLocation matches FAISS's exception text: signature, file:line, message.
var faissLocation = regexp.MustCompile(`(?s)^Error in .*? at (\S+:\d+): (.*)$`)
