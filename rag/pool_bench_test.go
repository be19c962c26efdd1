package rag

import (
	"context"
	"testing"
)

// BenchmarkPoolDirect is one request to a healthy fake server through the pool.
func BenchmarkPoolDirect(b *testing.B) {
	f := newFakeOllama(b, modeOK)
	p := testPool(b, 0, nil, f.URL)
	for b.Loop() {
		if _, err := ask(context.Background(), p, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPoolFailoverRefused is one request whose first server refuses the
// connection (re-marked up before each request, so every request fails over).
func BenchmarkPoolFailoverRefused(b *testing.B) {
	f := newFakeOllama(b, modeOK)
	p := testPool(b, 0, nil, deadURL(b), f.URL)
	dead := p.servers[0]
	for b.Loop() {
		p.markUp(dead)
		p.turn = 0
		if _, err := ask(context.Background(), p, nil); err != nil {
			b.Fatal(err)
		}
	}
}
