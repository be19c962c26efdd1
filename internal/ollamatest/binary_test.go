package ollamatest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindBinary(t *testing.T) {
	dir := t.TempDir()
	script := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, bin, want string
	}{
		{"missing", filepath.Join(dir, "nope"), "no such file"},
		{"wrong version", script("old", `echo "ollama version is 0.1.0"`), "is not version " + Version},
		{"right version", script("good", `echo "Warning: client version is `+Version+`"`), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(BinaryEnv, tt.bin)
			got, err := findBinary()
			switch {
			case tt.want == "" && (err != nil || got != tt.bin):
				t.Fatalf("findBinary() = %q, %v; want %q", got, err, tt.bin)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("findBinary() error = %v; want it to mention %q", err, tt.want)
			}
		})
	}
}
