// Package discordtest is a fake Discord for tests: a REST API that records every
// request (reached through Client(), whose transport rewrites discord.com to the fake)
// and a minimal websocket gateway that can dispatch events. It also signs HTTP
// interactions. It is meant for the adapter's tests and for end-to-end tests that run
// the real core behind the Discord adapter.
package discordtest

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Default identities of the fake.
const (
	BotID = "900000000000000001" // the bot user id in READY
	AppID = "900000000000000002" // the application id in READY
)

// Request is one recorded REST request.
type Request struct {
	Method string
	Path   string // e.g. /api/v9/channels/123/messages
	Query  url.Values
	Header http.Header
	Body   []byte
	At     time.Time
}

// Decode unmarshals the JSON body into v.
func (r Request) Decode(v any) error { return json.Unmarshal(r.Body, v) }

// Is reports whether the request has this method and its path ends with suffix.
func (r Request) Is(method, suffix string) bool {
	return r.Method == method && strings.HasSuffix(r.Path, suffix)
}

// Responder answers an intercepted request.
type Responder func(w http.ResponseWriter, r Request)

type override struct {
	method, prefix string
	left           int // calls still to intercept; <0 = unlimited
	fn             Responder
}

// Server is the fake Discord.
type Server struct {
	srv *httptest.Server
	mux *http.ServeMux

	mu        sync.Mutex
	reqs      []Request
	changed   chan struct{}
	overrides []*override
	commands  map[string][]*discordgo.ApplicationCommand
	channels  map[string]*discordgo.Channel
	next      int64

	gw gateway
}

// NewServer starts a fake Discord that is closed when the test ends.
func NewServer(t testing.TB) *Server {
	s := &Server{
		mux: http.NewServeMux(), changed: make(chan struct{}),
		commands: map[string][]*discordgo.ApplicationCommand{}, channels: map[string]*discordgo.Channel{},
		next: 910000000000000000,
	}
	s.routes()
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() {
		s.gw.closeAll()
		s.srv.Close()
	})
	return s
}

// URL is the fake's base URL.
func (s *Server) URL() string { return s.srv.URL }

// Client returns an HTTP client whose transport sends discord.com requests to the fake
// and refuses every other host.
func (s *Server) Client() *http.Client {
	u, _ := url.Parse(s.srv.URL)
	return &http.Client{Timeout: 10 * time.Second, Transport: &rewrite{to: u, rt: s.srv.Client().Transport}}
}

type rewrite struct {
	to *url.URL
	rt http.RoundTripper
}

func (t *rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	h := r.URL.Hostname()
	if h != "discord.com" && h != "discordapp.com" && !strings.HasSuffix(h, ".discord.com") {
		return nil, fmt.Errorf("discordtest: refusing request to %s", r.URL.Host)
	}
	r2 := r.Clone(r.Context())
	r2.URL.Scheme, r2.URL.Host, r2.Host = t.to.Scheme, t.to.Host, t.to.Host
	return t.rt.RoundTrip(r2)
}

// Override intercepts the next n requests (n < 0: all) whose method matches and whose
// path starts with prefix; later matching requests get the default answer.
func (s *Server) Override(method, prefix string, n int, fn Responder) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.overrides = append(s.overrides, &override{method: method, prefix: prefix, left: n, fn: fn})
}

// Requests returns the recorded REST requests, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Reset forgets the recorded requests.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = nil
}

// Wait blocks until n recorded requests satisfy match, failing the test after timeout.
func (s *Server) Wait(t testing.TB, n int, timeout time.Duration, match func(Request) bool) []Request {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		var got []Request
		for _, r := range s.reqs {
			if match(r) {
				got = append(got, r)
			}
		}
		ch := s.changed
		s.mu.Unlock()
		if len(got) >= n {
			return got
		}
		select {
		case <-ch:
		case <-deadline.C:
			t.Fatalf("discordtest: waited %v for %d matching requests, got %d; all: %s", timeout, n, len(got), s.summary())
			return nil
		}
	}
}

func (s *Server) summary() string {
	var b strings.Builder
	for _, r := range s.Requests() {
		fmt.Fprintf(&b, "\n  %s %s %s", r.Method, r.Path, r.Body)
	}
	return b.String()
}

// AddChannel makes GET /channels/{id} return c.
func (s *Server) AddChannel(c *discordgo.Channel) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[c.ID] = c
}

// SetCommands sets the registered commands of a scope ("" = global, else a guild id).
func (s *Server) SetCommands(guild string, cmds []*discordgo.ApplicationCommand) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands[guild] = cmds
}

// Commands returns the registered commands of a scope.
func (s *Server) Commands(guild string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*discordgo.ApplicationCommand(nil), s.commands[guild]...)
}

func (s *Server) newID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	return strconv.FormatInt(s.next, 10)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/gateway" || r.URL.Path == "/gateway/" {
		s.serveGateway(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	rec := Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body, At: time.Now()}
	s.mu.Lock()
	s.reqs = append(s.reqs, rec)
	close(s.changed)
	s.changed = make(chan struct{})
	var fn Responder
	for _, o := range s.overrides {
		if o.left != 0 && o.method == r.Method && strings.HasPrefix(r.URL.Path, o.prefix) {
			if o.left > 0 {
				o.left--
			}
			fn = o.fn
			break
		}
	}
	s.mu.Unlock()
	if fn != nil {
		fn(w, rec)
		return
	}
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	s.mux.ServeHTTP(w, r)
}

// WriteJSON writes v with status code.
func WriteJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// WriteError writes a Discord JSON error.
func WriteError(w http.ResponseWriter, status, code int, message string) {
	WriteJSON(w, status, map[string]any{"code": code, "message": message})
}

// RateLimited answers 429 with retry_after (seconds) in the body and Retry-After header.
func RateLimited(retryAfter time.Duration) Responder {
	return func(w http.ResponseWriter, _ Request) {
		w.Header().Set("Retry-After", strconv.FormatFloat(retryAfter.Seconds(), 'f', 3, 64))
		WriteJSON(w, http.StatusTooManyRequests, map[string]any{
			"message": "You are being rate limited.", "retry_after": retryAfter.Seconds(), "global": false,
		})
	}
}

// Sign returns the X-Signature-Ed25519 value of body at timestamp ts.
func Sign(priv ed25519.PrivateKey, ts string, body []byte) string {
	return hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...)))
}

// SignedRequest builds a POST of body signed with priv at time at.
func SignedRequest(priv ed25519.PrivateKey, at time.Time, body []byte) *http.Request {
	ts := strconv.FormatInt(at.Unix(), 10)
	r := httptest.NewRequest(http.MethodPost, "/interactions", strings.NewReader(string(body)))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-Signature-Ed25519", Sign(priv, ts, body))
	r.Header.Set("X-Signature-Timestamp", ts)
	return r
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
