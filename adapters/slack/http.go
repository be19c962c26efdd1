package slackadapter

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// HTTPHandler returns the http-mode handler. Mount it on a subtree such as
// Config.HTTPPath ("/slack/") and point the Events API, slash command and
// interactivity request URLs anywhere under it (e.g. /slack/events,
// /slack/commands, /slack/interactions): requests are dispatched by content,
// not by path. Every request's Slack signature is checked before its body is
// parsed; bad or stale signatures get 401. Events and commands are acknowledged
// at once and processed afterwards.
func (a *Adapter) HTTPHandler() http.Handler { return http.HandlerFunc(a.serveHTTP) }

func (a *Adapter) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	body, status := a.verify(w, r)
	if status != 0 {
		http.Error(w, http.StatusText(status), status)
		return
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/json":
		a.serveEvent(w, r, body)
	case "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		switch {
		case err != nil:
			http.Error(w, "bad form", http.StatusBadRequest)
		case form.Has("payload"):
			a.serveInteraction(w, form.Get("payload"))
		case form.Has("command"):
			a.serveSlash(w, form)
		default:
			http.Error(w, "unknown request", http.StatusBadRequest)
		}
	default:
		http.Error(w, http.StatusText(http.StatusUnsupportedMediaType), http.StatusUnsupportedMediaType)
	}
}

// verify reads the body (bounded) and checks the v0 signature and the
// five-minute timestamp window; a non-zero status means reject the request.
func (a *Adapter) verify(w http.ResponseWriter, r *http.Request) ([]byte, int) {
	sv, err := slack.NewSecretsVerifier(r.Header, a.cfg.SigningSecret)
	if err != nil {
		a.log.Debug("slack: rejected request", "reason", err)
		return nil, http.StatusUnauthorized
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.maxBody))
	if err != nil {
		if _, tooBig := errors.AsType[*http.MaxBytesError](err); tooBig {
			return nil, http.StatusRequestEntityTooLarge
		}
		return nil, http.StatusBadRequest
	}
	if _, err := sv.Write(body); err != nil {
		return nil, http.StatusUnauthorized
	}
	if err := sv.Ensure(); err != nil {
		a.log.Debug("slack: rejected request", "reason", err)
		return nil, http.StatusUnauthorized
	}
	return body, 0
}

// serveEvent answers url_verification and acknowledges Events API callbacks,
// processing new ones in the background (retries of a seen event_id are dropped).
func (a *Adapter) serveEvent(w http.ResponseWriter, r *http.Request, body []byte) {
	var outer struct {
		Type      string `json:"type"`
		Challenge string `json:"challenge"`
	}
	if err := json.Unmarshal(body, &outer); err != nil {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	switch outer.Type {
	case slackevents.URLVerification:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, _ = io.WriteString(w, outer.Challenge)
		return
	case slackevents.CallbackEvent:
	case slackevents.AppRateLimited:
		a.log.Warn("slack: Events API deliveries are being rate limited")
		return
	default:
		a.log.Debug("slack: unhandled outer event", "type", outer.Type)
		return
	}
	if _, _, ok := a.running(); !ok {
		http.Error(w, "not ready", http.StatusServiceUnavailable) // Slack retries later
		return
	}
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		a.log.Debug("slack: event not understood, acknowledged and ignored", "err", err)
		return
	}
	start := time.Now()
	taken := a.acceptEvent(ev)
	if taken == nil {
		a.log.Debug("slack: retry of a seen event", "retry_num", r.Header.Get("X-Slack-Retry-Num"),
			"retry_reason", r.Header.Get("X-Slack-Retry-Reason"))
		return
	}
	if a.durableAck {
		// Replica mode: a mention, DM or thread reply is acknowledged once its
		// placeholder is posted and it is a job in the shared queue, as a slash
		// command is (within durableAckWait; Slack retries after 3 s).
		a.awaitTaken(taken, "event", start)
	}
}

// awaitTaken waits until durableAckWait after since (the request's arrival)
// for a request to be taken by the core.
func (a *Adapter) awaitTaken(taken <-chan struct{}, what string, since time.Time) {
	t := time.NewTimer(time.Until(since.Add(durableAckWait)))
	defer t.Stop()
	select {
	case <-taken:
	case <-t.C:
		a.log.Warn("slack: request acknowledged before it was queued", "kind", what, "waited", durableAckWait)
	}
}

// serveSlash acknowledges a slash command at once (with an ephemeral refusal
// when it is not served here) and processes it afterwards.
func (a *Adapter) serveSlash(w http.ResponseWriter, form url.Values) {
	cmd := slack.SlashCommand{
		TeamID:      form.Get("team_id"),
		TeamDomain:  form.Get("team_domain"),
		ChannelID:   form.Get("channel_id"),
		ChannelName: form.Get("channel_name"),
		UserID:      form.Get("user_id"),
		UserName:    form.Get("user_name"),
		Command:     form.Get("command"),
		Text:        form.Get("text"),
		ResponseURL: form.Get("response_url"),
		TriggerID:   form.Get("trigger_id"),
		APIAppID:    form.Get("api_app_id"),
	}
	if refusal := a.slashAck(cmd); refusal != "" {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(ephemeralAck(refusal))
		return
	}
	start := time.Now()
	if first, handled := a.claimSlash(cmd); first {
		accepted := a.acceptSlash(cmd, handled)
		if a.durableAck {
			// Replica mode: acknowledge once the "looking for…" message is posted
			// and the request is a job in the shared queue, so a replica killed
			// right after acknowledging loses nothing; a slow Slack API or
			// database (or a retry waiting for another replica's claim) delays
			// the acknowledgement by at most durableAckWait from its arrival.
			a.awaitTaken(accepted, "slash", start)
		}
	}
	w.WriteHeader(http.StatusOK)
}

// durableAckWait bounds how long the acknowledgement of a slash command or an
// Events API callback waits in replica mode for the request to be queued
// (Slack gives up after 3 s).
const durableAckWait = 2 * time.Second

// feedbackAckWait bounds how long a feedback click's acknowledgement waits for the
// core to store the vote (Slack shows an error after 3 s).
const feedbackAckWait = 2500 * time.Millisecond

// serveInteraction acknowledges an interactivity payload and processes it. A
// feedback click is acknowledged (200) only once the core stored the vote; a
// click the core refused (rate limited, busy) or could not store in time gets
// 503, so Slack shows the user that it did not count (the core's ephemeral reply
// says why).
func (a *Adapter) serveInteraction(w http.ResponseWriter, payload string) {
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(payload), &cb); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	decided := a.acceptInteraction(&cb)
	if decided == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	t := time.NewTimer(feedbackAckWait)
	defer t.Stop()
	select {
	case rep := <-decided:
		if rep.Error == nil {
			w.WriteHeader(http.StatusOK)
			return
		}
		http.Error(w, "vote not recorded: "+rep.Error.Code, http.StatusServiceUnavailable)
	case <-t.C:
		http.Error(w, "vote not recorded in time", http.StatusServiceUnavailable)
	}
}
