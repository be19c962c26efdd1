package slackadapter

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// runSocket runs the Socket Mode connection until ctx ends. slack-go reconnects
// on its own (Slack's disconnect requests, ping timeouts, network errors); Run
// returns an error only for fatal problems such as a revoked or invalid token.
func (a *Adapter) runSocket(ctx context.Context) error {
	sm := socketmode.New(a.api, socketmode.OptionLog(slogWriter{a.log}))
	errc := make(chan error, 1)
	go func() { errc <- sm.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			<-errc
			return nil
		case err := <-errc:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("slack: socket mode: %w", err)
		case evt := <-sm.Events:
			a.onSocketEvent(ctx, sm, evt)
		}
	}
}

// onSocketEvent acknowledges Socket Mode requests first, then hands them to the
// transport-independent handlers; connection events are logged.
func (a *Adapter) onSocketEvent(ctx context.Context, sm *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		a.log.Debug("slack: socket mode connecting")
	case socketmode.EventTypeConnected:
		n := 0
		if c, ok := evt.Data.(*socketmode.ConnectedEvent); ok {
			n = c.ConnectionCount
		}
		a.log.Info("slack: socket mode connected", "connection", n)
	case socketmode.EventTypeConnectionError:
		a.log.Warn("slack: socket mode connection error, retrying", "err", eventErr(evt.Data))
	case socketmode.EventTypeInvalidAuth:
		a.log.Error("slack: socket mode authentication failed; check the app token")
	case socketmode.EventTypeHello:
		a.log.Debug("slack: socket mode hello")
	case socketmode.EventTypeDisconnect:
		a.log.Info("slack: socket mode disconnect requested, reconnecting")
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		a.log.Warn("slack: socket mode error", "type", evt.Type, "err", eventErr(evt.Data))
	case socketmode.EventTypeErrorBadMessage:
		// An envelope slack-go cannot parse (e.g. an event type it does not know):
		// acknowledge it anyway so Slack does not redeliver it.
		a.log.Warn("slack: socket mode message not understood", "err", eventErr(evt.Data))
		if bad, ok := evt.Data.(*socketmode.ErrorBadMessage); ok {
			var env struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if json.Unmarshal(bad.Message, &env) == nil && env.EnvelopeID != "" {
				a.ack(ctx, sm, &socketmode.Request{EnvelopeID: env.EnvelopeID}, nil)
			}
		}
	case socketmode.EventTypeEventsAPI:
		a.ack(ctx, sm, evt.Request, nil)
		if ev, ok := evt.Data.(slackevents.EventsAPIEvent); ok {
			// Socket Mode envelopes are acknowledged at once; the event's claim
			// (replica mode: up to 1.5 s waiting for another replica's) is taken
			// off this loop so that it never delays the next envelope.
			a.goWork("event_claim", func() { _ = a.acceptEvent(ev) })
		}
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok {
			a.ack(ctx, sm, evt.Request, nil)
			return
		}
		if refusal := a.slashAck(cmd); refusal != "" {
			a.ack(ctx, sm, evt.Request, ephemeralAck(refusal))
			return
		}
		a.ack(ctx, sm, evt.Request, nil)
		a.goWork("slash_claim", func() { // a claim may wait: not on this loop
			if first, handled := a.claimSlash(cmd); first {
				a.acceptSlash(cmd, handled)
			}
		})
	case socketmode.EventTypeInteractive:
		a.ack(ctx, sm, evt.Request, nil)
		if cb, ok := evt.Data.(slack.InteractionCallback); ok {
			_ = a.acceptInteraction(&cb) // Socket Mode envelopes are acknowledged at once
		}
	default:
		a.log.Debug("slack: socket mode event ignored", "type", evt.Type)
	}
}

// ack acknowledges a Socket Mode envelope, optionally with a payload.
func (a *Adapter) ack(ctx context.Context, sm *socketmode.Client, req *socketmode.Request, payload any) {
	if req == nil || req.EnvelopeID == "" {
		return
	}
	if err := sm.AckCtx(ctx, req.EnvelopeID, payload); err != nil {
		a.log.Warn("slack: socket mode ack failed", "err", err)
	}
}

// eventErr extracts the error carried by a socketmode error event.
func eventErr(data any) any {
	switch d := data.(type) {
	case *slack.ConnectionErrorEvent:
		return d.ErrorObj
	case *slack.IncomingEventError:
		return d.ErrorObj
	case *socketmode.ErrorWriteFailed:
		return d.Cause
	case *socketmode.ErrorBadMessage:
		return d.Cause
	case error:
		return d
	}
	return data
}

// slogWriter adapts slog to slack-go's Output-style logger (debug output only).
type slogWriter struct{ log *slog.Logger }

// Output implements slack-go's logger interface.
func (w slogWriter) Output(_ int, s string) error {
	w.log.Debug("slack-go: " + strings.TrimSpace(s))
	return nil
}
