package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Frame is one gateway payload.
type Frame struct {
	Op   int             `json:"op"`
	Data json.RawMessage `json:"d,omitempty"`
	Seq  int64           `json:"s,omitempty"`
	Type string          `json:"t,omitempty"`
}

type gateway struct {
	mu      sync.Mutex
	conn    *websocket.Conn
	wmu     sync.Mutex
	seq     int64
	hellos  []Frame // identify (op 2) and resume (op 6) frames, in order
	changed chan struct{}
	conns   []*websocket.Conn
	shards  map[int]*websocket.Conn // the live connection of each shard id (identify's "shard"; 0 without one)
}

func (g *gateway) notify() {
	if g.changed != nil {
		close(g.changed)
	}
	g.changed = make(chan struct{})
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	g := &s.gw
	g.mu.Lock()
	g.conn = c
	g.conns = append(g.conns, c)
	g.mu.Unlock()
	if g.write(c, Frame{Op: 10, Data: json.RawMessage(`{"heartbeat_interval":45000}`)}) != nil {
		return
	}
	var first Frame
	if err := c.ReadJSON(&first); err != nil {
		return
	}
	g.mu.Lock()
	g.hellos = append(g.hellos, first)
	g.notify()
	g.mu.Unlock()
	switch first.Op {
	case 2:
		var id struct {
			Shard *[2]int `json:"shard"`
		}
		_ = json.Unmarshal(first.Data, &id)
		shard := 0
		if id.Shard != nil {
			shard = id.Shard[0]
		}
		g.setShard(shard, c)
		ready, _ := json.Marshal(map[string]any{
			"v": 9, "session_id": fmt.Sprintf("fake-session-%d", shard),
			"user":        map[string]any{"id": BotID, "username": "stylist", "bot": true},
			"application": map[string]any{"id": AppID},
			"guilds":      []any{}, "private_channels": []any{}, "shard": id.Shard,
		})
		_ = s.dispatch(c, "READY", ready)
	case 6:
		var res struct {
			SessionID string `json:"session_id"`
		}
		_ = json.Unmarshal(first.Data, &res)
		var shard int
		if _, err := fmt.Sscanf(res.SessionID, "fake-session-%d", &shard); err == nil {
			g.setShard(shard, c)
		}
		_ = s.dispatch(c, "RESUMED", json.RawMessage(`{}`))
	}
	for {
		var f Frame
		if err := c.ReadJSON(&f); err != nil {
			return
		}
		if f.Op == 1 {
			_ = g.write(c, Frame{Op: 11})
		}
	}
}

func (g *gateway) setShard(shard int, c *websocket.Conn) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.shards == nil {
		g.shards = map[int]*websocket.Conn{}
	}
	g.shards[shard] = c
}

func (g *gateway) write(c *websocket.Conn, f Frame) error {
	g.wmu.Lock()
	defer g.wmu.Unlock()
	return c.WriteJSON(f)
}

func (s *Server) dispatch(c *websocket.Conn, event string, data json.RawMessage) error {
	g := &s.gw
	g.mu.Lock()
	g.seq++
	seq := g.seq
	g.mu.Unlock()
	return g.write(c, Frame{Op: 0, Seq: seq, Type: event, Data: data})
}

// Dispatch sends a gateway event (e.g. "INTERACTION_CREATE", "MESSAGE_CREATE") to the connected client.
func (s *Server) Dispatch(t testing.TB, event string, data []byte) {
	t.Helper()
	s.gw.mu.Lock()
	c := s.gw.conn
	s.gw.mu.Unlock()
	if c == nil {
		t.Fatalf("discordtest: Dispatch %s: no gateway connection", event)
	}
	if err := s.dispatch(c, event, data); err != nil {
		t.Fatalf("discordtest: Dispatch %s: %v", event, err)
	}
}

// DispatchShard sends a gateway event on the connection that identified as shard
// (as Discord sends a guild's events only to the shard the guild is on).
func (s *Server) DispatchShard(t testing.TB, shard int, event string, data []byte) {
	t.Helper()
	s.gw.mu.Lock()
	c := s.gw.shards[shard]
	s.gw.mu.Unlock()
	if c == nil {
		t.Fatalf("discordtest: DispatchShard %s: no connection identified as shard %d", event, shard)
	}
	if err := s.dispatch(c, event, data); err != nil {
		t.Fatalf("discordtest: DispatchShard %s to shard %d: %v", event, shard, err)
	}
}

// Hellos waits until n identify/resume frames arrived and returns them.
func (s *Server) Hellos(t testing.TB, n int, timeout time.Duration) []Frame {
	t.Helper()
	deadline := time.After(timeout)
	for {
		s.gw.mu.Lock()
		got := append([]Frame(nil), s.gw.hellos...)
		if s.gw.changed == nil {
			s.gw.changed = make(chan struct{})
		}
		ch := s.gw.changed
		s.gw.mu.Unlock()
		if len(got) >= n {
			return got
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("discordtest: waited %v for %d gateway identify/resume frames, got %d", timeout, n, len(got))
			return nil
		}
	}
}

// DropConnection closes the current gateway connection abruptly, as a network failure would.
func (s *Server) DropConnection() {
	s.gw.mu.Lock()
	c := s.gw.conn
	s.gw.conn = nil
	s.gw.mu.Unlock()
	if c != nil {
		_ = c.Close()
	}
}

func (g *gateway) closeAll() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, c := range g.conns {
		_ = c.Close()
	}
}
