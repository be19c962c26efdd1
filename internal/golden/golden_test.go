package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()                           {}
func (r *recorder) Errorf(format string, args ...any) { r.failed = true }
func (r *recorder) Fatalf(format string, args ...any) { r.failed = true; panic(r) }
func (r *recorder) Fatal(args ...any)                 { r.failed = true; panic(r) }

func check(t *testing.T, file string, got []byte) (failed bool) {
	r := &recorder{TB: t}
	defer func() {
		if p := recover(); p != nil && p != r {
			panic(p)
		}
		failed = r.failed
	}()
	Check(r, file, got)
	return r.failed
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", "a.golden"), []byte("same\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if check(t, "a.golden", []byte("same\n")) {
		t.Error("equal content reported as different")
	}
	if !check(t, "a.golden", []byte("other\n")) {
		t.Error("different content not reported")
	}
	if !check(t, "missing.golden", []byte("x")) {
		t.Error("a missing file not reported")
	}
	*update = true
	defer func() { *update = false }()
	if check(t, "sub/new.golden", []byte("new\n")) {
		t.Error("-update failed to write")
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "sub", "new.golden")); err != nil || string(b) != "new\n" {
		t.Errorf("-update wrote %q, %v", b, err)
	}
}
