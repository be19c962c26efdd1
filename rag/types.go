// Package rag turns retrieved catalog items into grounded, explained recommendations
// with an LLM served by Ollama, through langchaingo.
package rag

import (
	"context"

	"github.com/stylistbot/stylist/history"
)

// Turn is one earlier exchange of a conversation thread (shared with the core and the store).
type Turn = history.Turn

// Request is one recommendation request as the chain sees it.
type Request struct {
	Query   string // the user's text, as typed
	Count   int    // items wanted; 0 = config default; a count in the query text ("top 3") wins
	History []Turn // earlier turns of the same thread, oldest first
	Variant string // prompt variant name; "" = default
}

// Item is one recommended catalog article with the reason it was chosen.
type Item struct {
	ArticleID       string  `json:"article_id"`
	ProdName        string  `json:"prod_name"`
	ProductTypeName string  `json:"product_type_name"`
	ColourGroupName string  `json:"colour_group_name"`
	DepartmentName  string  `json:"department_name"`
	IndexName       string  `json:"index_name"`
	IndexGroupName  string  `json:"index_group_name"`
	DetailDesc      string  `json:"detail_desc"`
	Reason          string  `json:"reason"`
	ImageURL        string  `json:"image_url,omitempty"`
	Score           float32 `json:"score"`
	FromRetrieval   bool    `json:"from_retrieval"` // true when the LLM did not pick it (filled from retrieval order)
	// Group is the item of a multi-item request this article answers ("a white shirt").
	Group string `json:"group,omitempty"`
	// Slot is an outfit answer item's slot: "top", "bottom", "one-piece", "shoes", "outer", "accessory", "swimwear".
	Slot string `json:"slot,omitempty"`
	// SlotLabel is the slot as shown: "Top", "Dress", "Outer layer".
	SlotLabel string `json:"slot_label,omitempty"`
}

// Answer is the chain's result: always grounded in catalog articles.
type Answer struct {
	Intro       string `json:"intro"`
	Items       []Item `json:"items"`
	Tip         string `json:"tip,omitempty"`
	Alternative string `json:"alternative,omitempty"`
	// Outfits is set for outfit requests; Items then lists every outfit's items in order.
	Outfits       []Outfit `json:"outfits,omitempty"`
	Notices       []string `json:"notices,omitempty"` // e.g. "retrieval-only answer: the stylist model is unreachable"
	RetrievalOnly bool     `json:"retrieval_only"`
	DroppedIDs    []string `json:"dropped_ids,omitempty"` // ids the model invented and grounding removed
	Variant       string   `json:"variant,omitempty"`
	Model         string   `json:"model,omitempty"`
}

// Outfit is one complete look of an outfit answer.
type Outfit struct {
	Title     string `json:"title"`
	Items     []Item `json:"items"` // one per slot, each with its Slot
	Rationale string `json:"rationale"`
}

// StreamFunc receives text as the model produces it; nil means no streaming.
type StreamFunc func(ctx context.Context, chunk string) error

// Recommender answers recommendation requests; *Chain implements it.
type Recommender interface {
	Recommend(ctx context.Context, req Request, stream StreamFunc) (*Answer, error)
}
