package discordadapter

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/stylistbot/stylist/bot"
)

// HTTPHandler returns the handler for Discord's "Interactions Endpoint URL" (HTTP mode).
// Every request is authenticated before anything is parsed: a missing, malformed or
// wrong signature, or a timestamp older than MaxClockSkew, gets 401. PING gets PONG;
// commands and buttons get their deferred acknowledgement as the HTTP response, written
// within AckTimeout, and are then handed to the core.
func (a *Adapter) HTTPHandler() http.Handler { return http.HandlerFunc(a.serveHTTP) }

func (a *Adapter) serveHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := VerifyRequest(r, a.pubKey, a.cfg.MaxBodyBytes, a.cfg.MaxClockSkew, a.now())
	if err != nil {
		status := http.StatusUnauthorized
		if errors.Is(err, ErrBodyTooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		a.log.Debug("interaction request rejected", "err", err, "remote", r.RemoteAddr)
		http.Error(w, http.StatusText(status), status)
		return
	}
	in, err := a.decodeInteraction(body)
	if err != nil {
		http.Error(w, "bad interaction", http.StatusBadRequest)
		return
	}
	if in.req != nil {
		if _, _, err := a.handler(); err != nil {
			http.Error(w, "not started", http.StatusServiceUnavailable)
			return
		}
	}
	// A feedback click is acknowledged once the core decided its vote (stored, or
	// refused with an ephemeral reason), within the acknowledgement deadline.
	started := false
	if in.req != nil && in.component && a.firstDelivery("interaction", in.it.ID) {
		decided := make(chan bot.Reply, 1)
		in.decided = decided
		go a.run(in, true)
		started = true
		t := time.NewTimer(time.Until(start.Add(a.cfg.AckTimeout * 4 / 5)))
		select {
		case <-decided:
		case <-t.C:
		}
		t.Stop()
	}
	// In replica mode a command is a job in the shared queue before it is
	// acknowledged, so a replica killed right after acknowledging loses nothing
	// (its delivery target assumes the acknowledgement reaches Discord). Its key
	// is a claim until the job is stored: a retry after this replica died in
	// between is handled by another one.
	durable := in.req != nil && !in.component && a.durableAck
	if durable {
		if first, handled := a.claimDelivery("interaction", in.it.ID); first {
			taken := make(chan struct{})
			go func() { defer close(taken); defer handled(); a.run(in, true) }()
			started = true
			t := time.NewTimer(time.Until(start.Add(a.cfg.AckTimeout * 4 / 5)))
			select {
			case <-taken:
			case <-t.C:
				a.log.Warn("interaction acknowledged before it was queued", "id", in.it.ID)
			}
			t.Stop()
		}
	}
	payload, err := json.Marshal(in.resp)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	// The acknowledgement must reach Discord within 3 s of the interaction.
	_ = http.NewResponseController(w).SetWriteDeadline(start.Add(a.cfg.AckTimeout))
	w.Header().Set("Content-Type", "application/json")
	_, werr := w.Write(payload)
	if werr == nil {
		werr = http.NewResponseController(w).Flush()
		if errors.Is(werr, http.ErrNotSupported) {
			werr = nil
		}
	}
	if in.req != nil && !started && !durable && a.firstDelivery("interaction", in.it.ID) {
		go a.run(in, werr == nil)
	}
}
