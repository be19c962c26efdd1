package modelfile

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ollama/ollama/api"
	"github.com/ollama/ollama/parser"
)

// Progress receives status lines while a model is created; nil = silent.
type Progress func(status string)

// Create creates model name on the server from the Modelfile mf (read from a file in
// dir, against which relative paths resolve), as `ollama create -f` does: local
// files are uploaded as blobs (api.Client.CreateBlob, content-addressed by sha256),
// then api.Client.Create registers the model with them as Files and Adapters. It
// returns what the server reports about the new model (api.Client.Show).
func Create(ctx context.Context, c *api.Client, name string, mf *parser.Modelfile, dir string, progress Progress) (*api.ShowResponse, error) {
	if progress == nil {
		progress = func(string) {}
	}
	req, err := mf.CreateRequest(dir)
	if err != nil {
		return nil, fmt.Errorf("modelfile: %w", err)
	}
	req.Model = name
	if req.Files, err = upload(ctx, c, req.Files, progress); err != nil {
		return nil, err
	}
	if req.Adapters, err = upload(ctx, c, req.Adapters, progress); err != nil {
		return nil, err
	}
	stream := true
	req.Stream = &stream
	last := ""
	err = c.Create(ctx, req, func(p api.ProgressResponse) error {
		if p.Status != "" && p.Status != last && p.Total == 0 {
			progress(p.Status)
			last = p.Status
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("modelfile: create %q: %w", name, err)
	}
	show, err := c.Show(ctx, &api.ShowRequest{Model: name})
	if err != nil {
		return nil, fmt.Errorf("modelfile: show %q: %w", name, err)
	}
	return show, nil
}

// upload sends each local file (path → digest) as a blob and returns the
// name → digest map the create request wants.
func upload(ctx context.Context, c *api.Client, files map[string]string, progress Progress) (map[string]string, error) {
	if len(files) == 0 {
		return files, nil
	}
	out := make(map[string]string, len(files))
	for path, digest := range files {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("modelfile: %w", err)
		}
		progress(fmt.Sprintf("uploading %s (%s)", filepath.Base(path), strings.TrimPrefix(digest, "sha256:")[:12]))
		err = c.CreateBlob(ctx, digest, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("modelfile: upload %s: %w", path, err)
		}
		out[filepath.Base(path)] = digest
	}
	return out, nil
}

// Adapters returns the adapter blob paths the server reports in a Show response's
// Modelfile (its ADAPTER lines).
func Adapters(show *api.ShowResponse) []string {
	var out []string
	for _, line := range strings.Split(show.Modelfile, "\n") {
		if rest, ok := strings.CutPrefix(line, "ADAPTER "); ok {
			out = append(out, strings.TrimSpace(rest))
		}
	}
	return out
}
