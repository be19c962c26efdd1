package catalog

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
)

// Load errors.
var (
	// ErrEmpty is returned for input without a header row.
	ErrEmpty = errors.New("catalog: empty input: no header row")
	// ErrMissingColumn is matched (errors.Is) by every *MissingColumnError.
	ErrMissingColumn = errors.New("catalog: missing required column")
	// ErrHeader is returned when the header row cannot be parsed.
	ErrHeader = errors.New("catalog: unreadable header row")
)

// MissingColumnError names a required column absent from the header.
type MissingColumnError struct {
	Column string
}

// Error implements error.
func (e *MissingColumnError) Error() string {
	return fmt.Sprintf("catalog: missing required column %q", e.Column)
}

// Is makes errors.Is(err, ErrMissingColumn) true.
func (e *MissingColumnError) Is(target error) bool { return target == ErrMissingColumn }

// gzipMagic is the two-byte gzip member header.
var gzipMagic = [2]byte{0x1f, 0x8b}

// LoadFile loads an articles CSV (plain or gzip-compressed) from path.
func LoadFile(path string) (*Catalog, *Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("catalog: %w", err)
	}
	defer f.Close()
	c, rep, err := Load(f)
	if err != nil {
		return nil, rep, fmt.Errorf("%w (file %s)", err, path)
	}
	return c, rep, nil
}

// Load reads an articles CSV, plain or gzip-compressed (detected by its magic
// bytes), matching columns by header name. Malformed rows are skipped and
// counted in the Report; a missing required column, an empty input or a read
// or decompression error (e.g. truncated gzip) is an error. The Report is
// returned with the error too (bytes read, hash, columns found so far).
func Load(r io.Reader) (*Catalog, *Report, error) {
	data, rep, err := readAll(r)
	if err != nil {
		return nil, rep, err
	}
	c, err := parse(data, rep)
	if err != nil {
		return nil, rep, err
	}
	return c, rep, nil
}

// readAll reads and, if needed, decompresses the whole input, hashing the raw bytes.
func readAll(r io.Reader) ([]byte, *Report, error) {
	rep := &Report{Skipped: map[string]int{}}
	h := sha256.New()
	cr := &countingReader{r: io.TeeReader(r, h)}
	br := bufio.NewReaderSize(cr, 256<<10)
	finish := func() {
		rep.Bytes = cr.n
		rep.SHA256 = hex.EncodeToString(h.Sum(nil))
	}
	var src io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == gzipMagic[0] && magic[1] == gzipMagic[1] {
		rep.Gzip = true
		zr, err := gzip.NewReader(br)
		if err != nil {
			finish()
			return nil, rep, fmt.Errorf("catalog: gzip: %w", err)
		}
		defer zr.Close()
		src = zr
	}
	data, err := io.ReadAll(src)
	if err == nil {
		// Hash everything the caller handed us, even bytes after the last gzip member.
		_, err = io.Copy(io.Discard, br)
	}
	finish()
	if err != nil {
		if rep.Gzip && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader)) {
			return nil, rep, fmt.Errorf("catalog: gzip: truncated or corrupt input: %w", err)
		}
		return nil, rep, fmt.Errorf("catalog: read: %w", err)
	}
	return data, rep, nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

// Read implements io.Reader.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
