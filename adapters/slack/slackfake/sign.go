package slackfake

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"time"
)

// Content types of Slack's HTTP requests.
const (
	JSONContentType = "application/json"
	FormContentType = "application/x-www-form-urlencoded"
)

// Signature computes Slack's v0 request signature: "v0=" + hex(HMAC-SHA256(secret, "v0:<ts>:<body>")).
func Signature(secret string, ts time.Time, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("v0:" + strconv.FormatInt(ts.Unix(), 10) + ":"))
	m.Write(body)
	return "v0=" + hex.EncodeToString(m.Sum(nil))
}

// Sign sets X-Slack-Request-Timestamp and X-Slack-Signature on h for body signed at ts.
func Sign(h http.Header, secret string, ts time.Time, body []byte) {
	h.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts.Unix(), 10))
	h.Set("X-Slack-Signature", Signature(secret, ts, body))
}

// SignedRequest builds a POST to target signed now with secret, ready for
// ServeHTTP of the adapter's HTTPHandler.
func SignedRequest(secret, target, contentType string, body []byte) *http.Request {
	r := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	Sign(r.Header, secret, time.Now(), body)
	return r
}

// SlashForm is the form-encoded body of a slash command invocation.
func SlashForm(command, text, channel, user, responseURL string) []byte {
	v := url.Values{
		"token":        {"legacy-verification-token"},
		"team_id":      {TeamID},
		"team_domain":  {"fake"},
		"channel_id":   {channel},
		"channel_name": {"fashion"},
		"user_id":      {user},
		"user_name":    {"shopper"},
		"command":      {command},
		"text":         {text},
		"api_app_id":   {"A00000001"},
		"response_url": {responseURL},
		"trigger_id":   {"13345224609.738474920.8088930838d88f008e0"},
	}
	return []byte(v.Encode())
}

// EventCallback wraps an inner event (e.g. an app_mention map) into an Events
// API event_callback body with the given event id.
func EventCallback(eventID string, inner any) []byte {
	b, _ := json.Marshal(map[string]any{
		"token": "legacy-verification-token", "team_id": TeamID, "api_app_id": "A00000001",
		"event": inner, "type": "event_callback", "event_id": eventID, "event_time": time.Now().Unix(),
		"authorizations": []map[string]any{{"team_id": TeamID, "user_id": BotUserID, "is_bot": true}},
	})
	return b
}

// InteractionForm is the form-encoded body of an interactivity request carrying payload JSON.
func InteractionForm(payload []byte) []byte {
	return []byte(url.Values{"payload": {string(payload)}}.Encode())
}
