package console

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/internal/golden"
)

// scripted is a fake core: it answers each request through a goroutine, the
// way the real core does, streaming two partials for texts starting with "stream".
type scripted struct {
	mu   sync.Mutex
	reqs []bot.Request
}

func (s *scripted) Handle(ctx context.Context, req bot.Request, reply bot.ReplyFunc) {
	s.mu.Lock()
	s.reqs = append(s.reqs, req)
	s.mu.Unlock()
	go func() {
		if strings.HasPrefix(req.Text, "stream") {
			_ = reply(ctx, bot.Reply{Partial: true, Text: "Thinking"})
			_ = reply(ctx, bot.Reply{Partial: true, Text: "Thinking about coats"})
		}
		switch {
		case req.Kind == bot.KindFeedback:
			_ = reply(ctx, bot.Reply{Text: "thanks", Ephemeral: true})
		case req.Text == "help":
			_ = reply(ctx, bot.Reply{Text: "usage"})
		case req.Text == "nothing":
			_ = reply(ctx, bot.Reply{Text: "no items", Feedback: true, Ref: "ref-" + req.Text})
		default:
			_ = reply(ctx, bot.Reply{Ref: "ref-" + req.Text, Feedback: true, Items: []bot.Item{{ArticleID: "0000000001", Name: "Coat"}}})
		}
	}()
}

func run(t *testing.T, script string, opts ...Option) (string, []bot.Request) {
	t.Helper()
	var out bytes.Buffer
	h := &scripted{}
	a := New(strings.NewReader(script), &out, append([]Option{WithEcho(true)}, opts...)...)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.Start(ctx, h); err != nil {
		t.Fatal(err)
	}
	return out.String(), h.reqs
}

func TestSessionKindsAndThreads(t *testing.T) {
	_, reqs := run(t, "/help\nnothing\nred coat\n\nshorter\n/good\n/new\n/bad\nblue coat\n")
	type want struct {
		kind   bot.Kind
		thread string
		text   string
	}
	wants := []want{
		{bot.KindSlash, "1", "help"},
		{bot.KindSlash, "1", "nothing"}, // no items: the thread has no answer yet
		{bot.KindSlash, "1", "red coat"},
		{bot.KindFollowUp, "1", "shorter"},
		{bot.KindFeedback, "1", ""},
		{bot.KindSlash, "2", "blue coat"}, // /bad before any answer in thread 2 sends nothing
	}
	if len(reqs) != len(wants) {
		t.Fatalf("%d requests, want %d: %+v", len(reqs), len(wants), reqs)
	}
	for i, w := range wants {
		r := reqs[i]
		if r.Kind != w.kind || r.Conversation.Thread != w.thread || r.Text != w.text || r.User != "you" ||
			r.Conversation.Platform != bot.PlatformConsole || r.Conversation.Channel != "console" {
			t.Errorf("request %d = %+v, want %+v", i, r, w)
		}
	}
	if fb := reqs[4]; !fb.Helpful || fb.ReplyRef != "ref-shorter" {
		t.Errorf("feedback = %+v, want helpful about ref-shorter", fb)
	}
}

func TestStreamingTranscript(t *testing.T) {
	out, _ := run(t, "stream coats\n", WithPrompt("you> "))
	golden.Check(t, "streaming.golden", []byte(out))
	quiet, _ := run(t, "stream coats\n", WithStreaming(false))
	if strings.Contains(quiet, "Thinking") {
		t.Errorf("partials shown with streaming off:\n%s", quiet)
	}
}

func TestQuitStopsReading(t *testing.T) {
	_, reqs := run(t, "one\n/quit\ntwo\n")
	if len(reqs) != 1 {
		t.Fatalf("%d requests after /quit", len(reqs))
	}
}

func TestStopAndContext(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	a := New(pr, io.Discard)
	errc := make(chan error, 1)
	go func() { errc <- a.Start(context.Background(), &scripted{}) }()
	_ = a.Stop(context.Background())
	select {
	case err := <-errc:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Start did not return after Stop")
	}

	ctx, cancel := context.WithCancel(context.Background())
	b := New(pr, io.Discard)
	go func() { errc <- b.Start(ctx, &scripted{}) }()
	cancel()
	select {
	case <-errc:
	case <-time.After(5 * time.Second):
		t.Fatal("Start did not return after cancel")
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("tty gone") }

func TestReadError(t *testing.T) {
	a := New(failingReader{}, io.Discard)
	if err := a.Start(context.Background(), &scripted{}); err == nil || !strings.Contains(err.Error(), "tty gone") {
		t.Fatalf("Start = %v, want the read error", err)
	}
}

func TestAdapterIdentity(t *testing.T) {
	var out bytes.Buffer
	a := New(strings.NewReader(""), &out)
	if a.Name() != bot.PlatformConsole {
		t.Error(a.Name())
	}
	conv := bot.Conversation{Platform: bot.PlatformConsole, Channel: "console", Thread: "1"}
	got, h, err := a.Send(context.Background(), conv, bot.Reply{Partial: true, Text: "ab"})
	if err != nil || got != conv || h == "" {
		t.Fatalf("Send = %v %q %v", got, h, err)
	}
	_ = a.edit(h, bot.Reply{Partial: true, Text: "abcd"})
	if out.String() != "… abcd" {
		t.Errorf("streamed output %q, want only the new text appended", out.String())
	}
}
