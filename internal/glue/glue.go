// Package glue is the only place where the platform-neutral core (bot) meets the
// recommender (rag) and the store: it adapts *rag.Chain to bot.Recommender and
// *store.Store to the core's FeedbackRecorder and AnswerRecorder. bot imports
// neither rag nor store, and store imports neither bot nor rag; cmd/stylist and
// the end-to-end tests wire them together through this package.
package glue

import (
	"context"
	"log/slog"
	"time"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/rag"
	"github.com/stylistbot/stylist/store"
)

// Recommender adapts a rag recommender (normally *rag.Chain) to the core's contract.
func Recommender(r rag.Recommender) bot.Recommender {
	return bot.RecommenderFunc(func(ctx context.Context, ask bot.Ask, stream bot.StreamFunc) (*bot.Answer, error) {
		var s rag.StreamFunc
		if stream != nil {
			s = rag.StreamFunc(stream)
		}
		a, err := r.Recommend(ctx, rag.Request{Query: ask.Query, Count: ask.Count, History: ask.History, Variant: ask.Variant}, s)
		if a == nil {
			return nil, err
		}
		return Answer(a), err
	})
}

// Answer converts a chain answer into the core's answer.
func Answer(a *rag.Answer) *bot.Answer {
	out := &bot.Answer{Intro: a.Intro, Tip: a.Tip, Notices: append([]string(nil), a.Notices...),
		RetrievalOnly: a.RetrievalOnly, DroppedIDs: append([]string(nil), a.DroppedIDs...), Variant: a.Variant, Model: a.Model}
	for _, it := range a.Items {
		out.Items = append(out.Items, Item(it))
	}
	for _, o := range a.Outfits {
		look := bot.Outfit{Title: o.Title, Rationale: o.Rationale}
		for _, it := range o.Items {
			look.Items = append(look.Items, Item(it))
		}
		out.Outfits = append(out.Outfits, look)
	}
	return out
}

// Item converts one recommended article into the item shown to users.
func Item(it rag.Item) bot.Item {
	return bot.Item{ArticleID: it.ArticleID, Name: it.ProdName, Type: it.ProductTypeName, Colour: it.ColourGroupName,
		Department: it.DepartmentName, Reason: it.Reason, ImageURL: it.ImageURL, Slot: it.Slot, SlotLabel: it.SlotLabel}
}

// Store adapts st to the core's feedback and answer recorders.
type Store struct {
	St  *store.Store
	Log *slog.Logger // nil discards
}

var (
	_ bot.FeedbackRecorder = Store{}
	_ bot.AnswerRecorder   = Store{}
	_ bot.TurnStore        = (*store.Store)(nil)
)

// RecordFeedback implements bot.FeedbackRecorder.
func (s Store) RecordFeedback(ctx context.Context, f bot.Feedback) error {
	c := f.Conversation
	return s.St.RecordFeedback(ctx, store.Vote{RequestID: f.RequestID, ReplyRef: f.ReplyRef, Platform: string(c.Platform),
		Workspace: c.Workspace, Channel: c.Channel, User: f.User, Helpful: f.Helpful, At: f.At})
}

// RecordAnswer implements bot.AnswerRecorder: one request record per answer, for the A/B report.
func (s Store) RecordAnswer(ctx context.Context, req bot.Request, rep bot.Reply, ans *bot.Answer, latency time.Duration) {
	if err := s.St.RecordRequest(ctx, RequestRecord(req, rep, ans, latency, time.Now())); err != nil && s.Log != nil {
		s.Log.Warn("request record not saved", "err", err)
	}
}

// RequestRecord builds the record of a final reply rep to req, produced from
// answer a (nil when the recommender failed) after latency.
func RequestRecord(req bot.Request, rep bot.Reply, a *bot.Answer, latency time.Duration, at time.Time) store.RequestRecord {
	r := store.RequestRecord{
		ReplyRef: rep.Ref, RequestID: req.ID, Platform: string(req.Conversation.Platform),
		Workspace: req.Conversation.Workspace, Channel: req.Conversation.Channel, User: req.User,
		Latency: latency, Items: len(rep.Items), At: at,
	}
	if a != nil {
		r.Variant, r.Model = a.Variant, a.Model
		r.FellBack = a.RetrievalOnly
		r.Grounded = len(a.DroppedIDs) == 0
	}
	return r
}
