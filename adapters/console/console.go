// Package console is a terminal chat adapter: the conversation is one thread,
// each input line a request. It doubles as the test harness of the bot core.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/stylistbot/stylist/bot"
)

// Adapter is a line-oriented console chat implementing bot.Adapter and bot.Editor.
type Adapter struct {
	in        io.Reader
	out       io.Writer
	user      string
	channel   string
	prompt    string
	echo      bool
	streaming bool

	outMu    sync.Mutex
	streamed map[string]int // handle -> bytes of partial text already printed
	handles  int

	stopOnce sync.Once
	stopped  chan struct{}
}

var _ bot.Adapter = (*Adapter)(nil)

// Option customises an Adapter.
type Option func(*Adapter)

// WithUser sets the user id sent with requests (default "you").
func WithUser(id string) Option { return func(a *Adapter) { a.user = id } }

// WithChannel sets the channel id of the conversation (default "console").
func WithChannel(id string) Option { return func(a *Adapter) { a.channel = id } }

// WithPrompt sets the prompt printed before each input line (default "> ").
func WithPrompt(p string) Option { return func(a *Adapter) { a.prompt = p } }

// WithEcho prints each input line after the prompt, for non-terminal input and transcripts.
func WithEcho(on bool) Option { return func(a *Adapter) { a.echo = on } }

// WithStreaming shows streamed partial replies as they arrive (default on).
func WithStreaming(on bool) Option { return func(a *Adapter) { a.streaming = on } }

// New returns a console adapter reading requests from in and writing replies to out.
func New(in io.Reader, out io.Writer, opts ...Option) *Adapter {
	a := &Adapter{
		in: in, out: out, user: "you", channel: "console", prompt: "> ", streaming: true,
		streamed: map[string]int{}, stopped: make(chan struct{}),
	}
	for _, o := range opts {
		o(a)
	}
	return a
}

// Name implements bot.Adapter.
func (a *Adapter) Name() bot.Platform { return bot.PlatformConsole }

// Stop implements bot.Adapter; Start returns promptly afterwards.
func (a *Adapter) Stop(context.Context) error {
	a.stopOnce.Do(func() { close(a.stopped) })
	return nil
}

// Start reads lines until EOF, "/quit", Stop or the end of ctx, sending each to h
// and waiting for its final reply before reading the next. Commands: /new starts
// a new thread, /help shows usage, /good and /bad rate the last answer, /quit ends.
func (a *Adapter) Start(ctx context.Context, h bot.Handler) error {
	lines := make(chan string)
	readErr := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(a.in)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-a.stopped:
				return
			case <-ctx.Done():
				return
			}
		}
		readErr <- sc.Err()
		close(lines)
	}()

	s := session{thread: 1}
	for {
		a.print(a.prompt)
		var line string
		select {
		case <-ctx.Done():
			return nil
		case <-a.stopped:
			return nil
		case l, ok := <-lines:
			if !ok {
				a.print("\n")
				if err := <-readErr; err != nil {
					return fmt.Errorf("console: read: %w", err)
				}
				return nil
			}
			line = l
		}
		if a.echo {
			a.print(line + "\n")
		}
		req, quit := a.request(&s, strings.TrimSpace(line))
		if quit {
			return nil
		}
		if req == nil {
			continue
		}
		final, ok := a.ask(ctx, h, *req)
		if !ok {
			return nil
		}
		if final.Error == nil && len(final.Items) > 0 {
			s.answered = true
		}
		if final.Feedback {
			s.lastRef = final.Ref
		}
	}
}

// session is the console's one-thread conversation state.
type session struct {
	thread   int
	answered bool   // an answer was given in this thread: later lines are follow-ups
	lastRef  string // the last reply that can be rated
}

// request turns an input line into a request; nil means nothing to send.
func (a *Adapter) request(s *session, line string) (req *bot.Request, quit bool) {
	conv := bot.Conversation{Platform: bot.PlatformConsole, Channel: a.channel, Thread: strconv.Itoa(s.thread)}
	r := bot.Request{Kind: bot.KindSlash, Conversation: conv, User: a.user, Text: bot.NormalizeText(line)}
	switch strings.ToLower(line) {
	case "":
		return nil, false
	case "/quit", "/exit":
		return nil, true
	case "/new":
		s.thread++
		s.answered, s.lastRef = false, ""
		a.print("(new conversation)\n")
		return nil, false
	case "/help":
		r.Text = "help"
		return &r, false
	case "/good", "/bad":
		if s.lastRef == "" {
			a.print("(nothing to rate yet)\n")
			return nil, false
		}
		r.Kind, r.Text, r.Helpful, r.ReplyRef = bot.KindFeedback, "", line == "/good", s.lastRef
		return &r, false
	}
	if s.answered {
		r.Kind = bot.KindFollowUp
	}
	return &r, false
}

// ask hands req to h and waits for the final reply; ok is false if the console stopped first.
func (a *Adapter) ask(ctx context.Context, h bot.Handler, req bot.Request) (bot.Reply, bool) {
	done := make(chan bot.Reply, 1)
	var handle string // touched only by reply calls, which the core serializes
	h.Handle(ctx, req, func(ctx context.Context, r bot.Reply) error {
		if r.Partial {
			if !a.streaming {
				return nil
			}
			if handle == "" {
				_, h, err := a.Send(ctx, req.Conversation, r)
				handle = h
				return err
			}
			return a.edit(handle, r)
		}
		if handle != "" {
			a.endStream(handle)
		}
		_, _, err := a.Send(ctx, req.Conversation, r)
		done <- r
		return err
	})
	select {
	case r := <-done:
		return r, true
	case <-ctx.Done():
		return bot.Reply{}, false
	case <-a.stopped:
		return bot.Reply{}, false
	}
}

// Send implements bot.Sender: it prints the rendered reply. A partial reply opens
// a streaming line whose handle Edit extends.
func (a *Adapter) Send(_ context.Context, to bot.Conversation, r bot.Reply) (bot.Conversation, string, error) {
	a.outMu.Lock()
	defer a.outMu.Unlock()
	a.handles++
	handle := strconv.Itoa(a.handles)
	if r.Partial {
		a.streamed[handle] = len(r.Text)
		_, err := io.WriteString(a.out, "… "+r.Text)
		return to, handle, err
	}
	_, err := io.WriteString(a.out, Render(r)+"\n")
	return to, handle, err
}

// edit updates the message handle: for a streaming line it prints the text added
// since the last update; other edits are printed in full.
func (a *Adapter) edit(handle string, r bot.Reply) error {
	a.outMu.Lock()
	defer a.outMu.Unlock()
	if n, ok := a.streamed[handle]; ok && r.Partial && n <= len(r.Text) {
		a.streamed[handle] = len(r.Text)
		_, err := io.WriteString(a.out, r.Text[n:])
		return err
	}
	_, err := io.WriteString(a.out, Render(r))
	return err
}

// endStream closes a streaming line before the final reply.
func (a *Adapter) endStream(handle string) {
	a.outMu.Lock()
	defer a.outMu.Unlock()
	if _, ok := a.streamed[handle]; ok {
		delete(a.streamed, handle)
		_, _ = io.WriteString(a.out, "\n")
	}
}

func (a *Adapter) print(s string) {
	if s == "" {
		return
	}
	a.outMu.Lock()
	defer a.outMu.Unlock()
	_, _ = io.WriteString(a.out, s)
}
