package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"github.com/stylistbot/stylist/outfit"
	"github.com/stylistbot/stylist/query"
	"github.com/stylistbot/stylist/rag"
	"github.com/stylistbot/stylist/retrieve"
)

// Case is one line of an understanding set: a request and what a correct
// answer (retrieval-only chain, no LLM) must and must not do.
type Case struct {
	Q    string `json:"q"`
	Kind string `json:"kind,omitempty"` // free label for the report: ordinary, misspelling, negated, chat, limit, multi, foreign, rank
	// Corrections are the spelling corrections expected ({"jeens": "jeans"});
	// any other correction is a false correction.
	Corrections   map[string]string `json:"corrections,omitempty"`
	Types         []string          `json:"types,omitempty"`          // every item of the top 5 has one of these types
	ForbidTypes   []string          `json:"forbid_types,omitempty"`   // no item of the top 5 has one of these types
	AbsentDetails []string          `json:"absent_details,omitempty"` // no item of the top 5 states these details (query.HasDetail)
	Chat          string            `json:"chat,omitempty"`           // the chat kind: answered without any search
	Notice        bool              `json:"notice,omitempty"`         // the answer says what the catalog cannot do
	NoItems       bool              `json:"no_items,omitempty"`       // nothing is close: the answer has no items
	Groups        int               `json:"groups,omitempty"`         // items of a multi-item request: distinct types expected among the items
}

// Conversation is one thread of an understanding set.
type Conversation struct {
	Name  string     `json:"name"`
	Turns []ConvTurn `json:"turns"`
}

// ConvTurn is one message of a Conversation and its expectations.
type ConvTurn struct {
	Q       string   `json:"q"`
	Page    bool     `json:"page,omitempty"`    // no item shown earlier in the thread may come back
	Count   int      `json:"count,omitempty"`   // exact number of items
	Types   []string `json:"types,omitempty"`   // every item has one of these types
	Section string   `json:"section,omitempty"` // every item is from this section ("H&M+")
	Colour  []string `json:"colour,omitempty"`  // every item has one of these perceived colour masters
	Chat    bool     `json:"chat,omitempty"`    // answered without a search ("thanks")
	Notice  bool     `json:"notice,omitempty"`  // the answer carries a notice
}

// Suite is an understanding set: cases and conversations.
type Suite struct {
	Cases         []Case
	Conversations []Conversation
}

// ReadSuite reads a JSONL file whose lines are cases ({"q": ...}) or
// conversations ({"name": ..., "turns": [...]}); errors name the line.
func ReadSuite(r io.Reader) (*Suite, error) {
	s := &Suite{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(t))
		dec.DisallowUnknownFields()
		if strings.Contains(t, `"turns"`) {
			var c Conversation
			if err := dec.Decode(&c); err != nil {
				return nil, fmt.Errorf("understanding line %d: %w", line, err)
			}
			if len(c.Turns) == 0 {
				return nil, fmt.Errorf("understanding line %d: conversation %q has no turns", line, c.Name)
			}
			s.Conversations = append(s.Conversations, c)
			continue
		}
		var c Case
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("understanding line %d: %w", line, err)
		}
		if strings.TrimSpace(c.Q) == "" {
			return nil, fmt.Errorf("understanding line %d: empty \"q\"", line)
		}
		s.Cases = append(s.Cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(s.Cases)+len(s.Conversations) == 0 {
		return nil, fmt.Errorf("understanding: no cases found")
	}
	return s, nil
}

// CountingRetrieval counts the searches a chain makes; wrap the retriever
// with it to check that chat is answered without one.
type CountingRetrieval struct {
	rag.Retrieval
	n atomic.Int64
}

// SearchQuery implements rag.Retrieval.
func (c *CountingRetrieval) SearchQuery(ctx context.Context, q query.Query, k int, tm *retrieve.Timings) (*retrieve.Result, error) {
	c.n.Add(1)
	return c.Retrieval.SearchQuery(ctx, q, k, tm)
}

// Searches is the number of searches so far.
func (c *CountingRetrieval) Searches() int { return int(c.n.Load()) }

// CountingOutfitter counts the outfit assemblies a chain makes (each one
// searches the catalog slot by slot), so that an outfit answer counts as a
// search too.
type CountingOutfitter struct {
	rag.Outfitter
	n atomic.Int64
}

// AssembleRequest implements rag.Outfitter.
func (c *CountingOutfitter) AssembleRequest(ctx context.Context, r query.OutfitRequest, exclude map[string]bool) (*outfit.Result, error) {
	c.n.Add(1)
	return c.Outfitter.AssembleRequest(ctx, r, exclude)
}

// Searches is the number of assemblies so far.
func (c *CountingOutfitter) Searches() int { return int(c.n.Load()) }
