package bot

import (
	"context"

	"github.com/stylistbot/stylist/history"
)

// Recommender is all the core needs from a recommender; cmd/stylist adapts
// *rag.Chain to it. Recommend answers one request; it may call stream with text
// as it is produced, and must return promptly once ctx ends.
type Recommender interface {
	Recommend(ctx context.Context, ask Ask, stream StreamFunc) (*Answer, error)
}

// RecommenderFunc adapts a function to Recommender.
type RecommenderFunc func(ctx context.Context, ask Ask, stream StreamFunc) (*Answer, error)

// Recommend implements Recommender.
func (f RecommenderFunc) Recommend(ctx context.Context, ask Ask, stream StreamFunc) (*Answer, error) {
	return f(ctx, ask, stream)
}

// StreamFunc receives text as the recommender produces it.
type StreamFunc func(ctx context.Context, chunk string) error

// Ask is one recommendation request as the core hands it to the recommender.
type Ask struct {
	// Query is the user's cleaned text (command word and mention removed).
	Query string
	// Count is the number of items an explicit option asked for; 0 leaves the
	// count to the recommender, the one place that resolves it (a count written
	// in the text such as "top 3", else this, else its default, capped by its maximum).
	Count int
	// History holds the thread's earlier turns, oldest first.
	History []history.Turn
	// Variant is the prompt variant assigned to the user ("" = the default prompt).
	Variant string
}

// Answer is a recommender's result, already grounded in the catalog.
type Answer struct {
	Intro string
	Items []Item
	// Outfits is set for outfit requests: each look with its items (Items then lists them all).
	Outfits []Outfit
	Tip     string
	Notices []string // e.g. "retrieval-only answer: the stylist model is unreachable"
	// RetrievalOnly is set when no model chose the items (fallback).
	RetrievalOnly bool
	// DroppedIDs are the ids the model invented and grounding removed.
	DroppedIDs []string
	// Variant and Model say which prompt variant and model produced the answer.
	Variant string
	Model   string
}

// Reply converts the answer into the neutral reply shown to the user.
func (a *Answer) Reply() Reply {
	return Reply{Intro: a.Intro, Tip: a.Tip, Items: append([]Item(nil), a.Items...), Outfits: append([]Outfit(nil), a.Outfits...),
		Notices: append([]string(nil), a.Notices...), Feedback: true}
}
