// Package slackfake is a fake Slack for tests of the Slack adapter and of the
// whole bot: a Web API built on slack-go's slacktest server that records every
// call (chat.postMessage, chat.update, chat.postEphemeral, chat.delete,
// auth.test, response_url posts), a fake Socket Mode endpoint, and helpers that
// sign HTTP-mode requests the way Slack does.
//
// End-to-end use with the real core:
//
//	srv := slackfake.New(t)
//	cfg := slackadapter.DefaultConfig()
//	cfg.Mode, cfg.BotToken, cfg.SigningSecret, cfg.APIURL = "http", "xoxb-test", "secret", srv.APIURL()
//	a, _ := slackadapter.New(cfg, logger)
//	go a.Start(ctx, core)                 // core is the real bot.Handler
//	<-a.Ready()
//	rec := httptest.NewRecorder()
//	body := slackfake.SlashForm("/outfit", "warm black coat", "C1", "U1", srv.ResponseURL("r1"))
//	a.HTTPHandler().ServeHTTP(rec, slackfake.SignedRequest("secret", "/slack/commands", slackfake.FormContentType, body))
//	// rec.Code == 200 at once; the work continues in the background
//	posts := srv.WaitCalls(t, "chat.postMessage", 2) // [0] "looking for…", [1] the answer, thread_ts = posts[0].TS
//	// when the core streams, posts[1] is the first partial and the final answer is the
//	// last chat.update call with ts = posts[1].TS
package slackfake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slacktest"
)

// Identity the fake reports from auth.test.
const (
	BotUserID = "UBOT00001"
	BotID     = "BBOT00001"
	TeamID    = "T00000001"
)

// MethodResponseURL is the Call.Method of posts to a ResponseURL.
const MethodResponseURL = "response_url"

// Call is one recorded request to the fake.
type Call struct {
	Method string     // API method ("chat.postMessage", …) or MethodResponseURL
	Path   string     // request path
	Values url.Values // form values (Web API calls)
	Body   []byte     // raw body
	TS     string     // message ts the fake returned, if any
}

// Text returns the message text of the call.
func (c Call) Text() string {
	if c.Method == MethodResponseURL {
		var m slack.Msg
		_ = json.Unmarshal(c.Body, &m)
		return m.Text
	}
	return c.Values.Get("text")
}

// Blocks decodes the call's blocks.
func (c Call) Blocks() (slack.Blocks, error) {
	if c.Method == MethodResponseURL {
		var m slack.Msg
		err := json.Unmarshal(c.Body, &m)
		return m.Blocks, err
	}
	var b slack.Blocks
	raw := c.Values.Get("blocks")
	if raw == "" {
		return b, nil
	}
	err := json.Unmarshal([]byte(raw), &b)
	return b, err
}

// Server is a running fake Slack.
type Server struct {
	st *slacktest.Server

	mu        sync.Mutex
	calls     []Call
	changed   chan struct{} // closed and replaced on every recorded call
	seq       int
	failures  map[string][]failure
	sockets   chan *SocketConn
	socketsMu sync.Mutex
	conns     []*SocketConn
}

type failure struct {
	status     int    // HTTP status (429) or 200 with ok:false
	retryAfter int    // seconds, for 429
	slackErr   string // error code for ok:false
}

// New starts a fake Slack and stops it when the test ends.
func New(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{changed: make(chan struct{}), failures: map[string][]failure{}, sockets: make(chan *SocketConn, 8)}
	s.st = slacktest.NewTestServer(func(c slacktest.Customize) {
		for _, m := range []string{"chat.postMessage", "chat.update", "chat.postEphemeral", "chat.delete", "auth.test"} {
			c.Handle("/"+m, s.apiHandler(m))
		}
		c.Handle("/apps.connections.open", s.connectionsOpen)
		c.Handle("/socket", s.socketHandler)
		c.Handle("/response/", s.responseHandler)
	})
	s.st.Start()
	tb.Cleanup(s.Close)
	return s
}

// Close stops the server and its Socket Mode connections.
func (s *Server) Close() {
	s.socketsMu.Lock()
	for _, c := range s.conns {
		c.close()
	}
	s.socketsMu.Unlock()
	s.st.Stop()
}

// APIURL is the Web API base URL to put in the adapter's Config.APIURL.
func (s *Server) APIURL() string { return s.st.GetAPIURL() }

// ResponseURL returns a response_url on the fake; posts to it are recorded as MethodResponseURL calls.
func (s *Server) ResponseURL(name string) string {
	return s.APIURL() + "response/" + url.PathEscape(name)
}

// Fail makes the next `times` calls of method answer {"ok":false,"error":slackErr}.
func (s *Server) Fail(method, slackErr string, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range times {
		s.failures[method] = append(s.failures[method], failure{status: http.StatusOK, slackErr: slackErr})
	}
}

// RateLimit makes the next `times` calls of method answer HTTP 429 with Retry-After.
func (s *Server) RateLimit(method string, times, retryAfterSeconds int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range times {
		s.failures[method] = append(s.failures[method], failure{status: http.StatusTooManyRequests, retryAfter: retryAfterSeconds})
	}
}

// Calls returns the recorded calls of method ("" = all), oldest first.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// WaitCalls waits up to 10s until at least n calls of method were recorded and returns them.
func (s *Server) WaitCalls(tb testing.TB, method string, n int) []Call {
	tb.Helper()
	deadline := time.After(10 * time.Second)
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if got := s.Calls(method); len(got) >= n {
			return got
		}
		select {
		case <-ch:
		case <-deadline:
			tb.Fatalf("slackfake: waited for %d %s calls, got %d: %v", n, method, len(s.Calls(method)), s.methods())
			return nil
		}
	}
}

func (s *Server) methods() []string {
	var out []string
	for _, c := range s.Calls("") {
		out = append(out, c.Method)
	}
	return out
}

// record stores a call, assigning a fresh ts when withTS is set.
func (s *Server) record(c Call, withTS bool) Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	if withTS {
		s.seq++
		c.TS = fmt.Sprintf("1700000000.%06d", s.seq)
	}
	s.calls = append(s.calls, c)
	close(s.changed)
	s.changed = make(chan struct{})
	return c
}

// nextFailure pops a scripted failure for method.
func (s *Server) nextFailure(method string) (failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.failures[method]
	if len(f) == 0 {
		return failure{}, false
	}
	s.failures[method] = f[1:]
	return f[0], true
}

func (s *Server) apiHandler(method string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		values, _ := url.ParseQuery(string(body))
		if f, ok := s.nextFailure(method); ok {
			s.record(Call{Method: method + ":failed", Path: r.URL.Path, Values: values, Body: body}, false)
			if f.status == http.StatusTooManyRequests {
				w.Header().Set("Retry-After", fmt.Sprint(f.retryAfter))
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
			writeJSON(w, map[string]any{"ok": false, "error": f.slackErr})
			return
		}
		c := s.record(Call{Method: method, Path: r.URL.Path, Values: values, Body: body}, method != "auth.test")
		ch := values.Get("channel")
		switch method {
		case "auth.test":
			writeJSON(w, map[string]any{"ok": true, "url": "https://fake.slack.com/", "team": "Fake", "user": "stylist",
				"team_id": TeamID, "user_id": BotUserID, "bot_id": BotID})
		case "chat.postMessage":
			writeJSON(w, map[string]any{"ok": true, "channel": ch, "ts": c.TS,
				"message": map[string]any{"type": "message", "user": BotUserID, "bot_id": BotID, "text": values.Get("text"),
					"ts": c.TS, "thread_ts": values.Get("thread_ts")}})
		case "chat.update":
			writeJSON(w, map[string]any{"ok": true, "channel": ch, "ts": values.Get("ts"), "text": values.Get("text")})
		case "chat.postEphemeral":
			writeJSON(w, map[string]any{"ok": true, "message_ts": c.TS})
		case "chat.delete":
			writeJSON(w, map[string]any{"ok": true, "channel": ch, "ts": values.Get("ts")})
		}
	}
}

func (s *Server) responseHandler(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.record(Call{Method: MethodResponseURL, Path: r.URL.Path, Body: body}, false)
	writeJSON(w, map[string]any{"ok": true})
}

func (s *Server) connectionsOpen(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	if f, ok := s.nextFailure("apps.connections.open"); ok {
		writeJSON(w, map[string]any{"ok": false, "error": f.slackErr})
		return
	}
	s.record(Call{Method: "apps.connections.open", Path: r.URL.Path}, false)
	wsURL := "ws://" + strings.TrimPrefix(strings.TrimSuffix(s.APIURL(), "/"), "http://") + "/socket"
	writeJSON(w, map[string]any{"ok": true, "url": wsURL})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
