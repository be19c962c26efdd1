package slackfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// SocketConn is one Socket Mode WebSocket connection the adapter opened to the
// fake. Tests push envelopes with Send and read the adapter's acks with WaitAck.
type SocketConn struct {
	conn *websocket.Conn
	wmu  sync.Mutex // gorilla/websocket allows one writer at a time

	mu      sync.Mutex
	seq     int
	acks    map[string]json.RawMessage
	changed chan struct{}
	done    chan struct{}
	once    sync.Once
}

func (s *Server) socketHandler(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	sc := &SocketConn{conn: conn, acks: map[string]json.RawMessage{}, changed: make(chan struct{}), done: make(chan struct{})}
	s.socketsMu.Lock()
	s.conns = append(s.conns, sc)
	s.socketsMu.Unlock()
	s.record(Call{Method: "socket.connect", Path: r.URL.Path}, false)
	if sc.write(map[string]any{"type": "hello", "num_connections": 1,
		"connection_info": map[string]any{"app_id": "A00000001"},
		"debug_info":      map[string]any{"host": "fake"}}) != nil {
		sc.close()
		return
	}
	select {
	case s.sockets <- sc:
	default:
	}
	go sc.pinger()
	sc.readLoop()
}

// NextSocket waits up to 10s for the adapter to open a new Socket Mode connection.
func (s *Server) NextSocket(tb testing.TB) *SocketConn {
	tb.Helper()
	select {
	case sc := <-s.sockets:
		return sc
	case <-time.After(10 * time.Second):
		tb.Fatal("slackfake: no Socket Mode connection")
		return nil
	}
}

// Send delivers an envelope of type typ ("events_api", "slash_commands",
// "interactive") with payload and returns its envelope id.
func (c *SocketConn) Send(tb testing.TB, typ string, payload json.RawMessage) string {
	tb.Helper()
	c.mu.Lock()
	c.seq++
	id := fmt.Sprintf("env-%04d", c.seq)
	c.mu.Unlock()
	env := map[string]any{"envelope_id": id, "type": typ, "payload": payload, "accepts_response_payload": typ != "events_api"}
	if err := c.write(env); err != nil {
		tb.Fatalf("slackfake: send envelope: %v", err)
	}
	return id
}

// Disconnect asks the adapter to reconnect, as Slack does before rotating a connection.
func (c *SocketConn) Disconnect(tb testing.TB) {
	tb.Helper()
	if err := c.write(map[string]any{"type": "disconnect", "reason": "refresh_requested", "debug_info": map[string]any{"host": "fake"}}); err != nil {
		tb.Fatalf("slackfake: send disconnect: %v", err)
	}
}

// WaitAck waits up to 10s for the adapter to acknowledge envelope id and returns
// the ack's payload (nil when it had none).
func (c *SocketConn) WaitAck(tb testing.TB, id string) json.RawMessage {
	tb.Helper()
	deadline := time.After(10 * time.Second)
	for {
		c.mu.Lock()
		p, ok := c.acks[id]
		ch := c.changed
		c.mu.Unlock()
		if ok {
			return p
		}
		select {
		case <-ch:
		case <-deadline:
			tb.Fatalf("slackfake: envelope %s was not acknowledged", id)
			return nil
		}
	}
}

// Acked reports whether envelope id was acknowledged.
func (c *SocketConn) Acked(id string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.acks[id]
	return ok
}

func (c *SocketConn) readLoop() {
	defer c.close()
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(msg, &ack) != nil || ack.EnvelopeID == "" {
			continue
		}
		c.mu.Lock()
		c.acks[ack.EnvelopeID] = ack.Payload
		close(c.changed)
		c.changed = make(chan struct{})
		c.mu.Unlock()
	}
}

// pinger sends WebSocket pings like Slack does; slack-go reconnects when they stop.
func (c *SocketConn) pinger() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-c.done:
			return
		case <-t.C:
			c.wmu.Lock()
			err := c.conn.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second))
			c.wmu.Unlock()
			if err != nil {
				return
			}
		}
	}
}

func (c *SocketConn) write(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.conn.WriteJSON(v)
}

func (c *SocketConn) close() {
	c.once.Do(func() {
		close(c.done)
		_ = c.conn.Close()
	})
}
