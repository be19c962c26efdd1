package main

import (
	"io"
	"sync"

	"github.com/schollz/progressbar/v3"
)

// progress shows a bar per stage on a terminal and nothing otherwise.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	tty   bool
	stage string
	bar   *progressbar.ProgressBar
}

func newProgress(w io.Writer) *progress { return &progress{w: w, tty: isTTY(w)} }

func (p *progress) update(stage string, done, total int) {
	if !p.tty {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if stage != p.stage || p.bar == nil {
		if p.bar != nil {
			_ = p.bar.Finish()
		}
		p.stage = stage
		max := int64(total)
		if max <= 0 {
			max = -1
		}
		p.bar = progressbar.NewOptions64(max, progressbar.OptionSetWriter(p.w), progressbar.OptionSetDescription(stage),
			progressbar.OptionShowCount(), progressbar.OptionThrottle(100_000_000), progressbar.OptionClearOnFinish())
	}
	_ = p.bar.Set(done)
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Finish()
		p.bar = nil
	}
}
