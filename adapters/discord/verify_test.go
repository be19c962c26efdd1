package discordadapter

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
)

// testKey is a fixed key pair so fuzzing is deterministic.
func testKey() (ed25519.PublicKey, ed25519.PrivateKey) {
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	return priv.Public().(ed25519.PublicKey), priv
}

func TestVerifyRequest(t *testing.T) {
	pub, priv := testKey()
	_, otherPriv, _ := ed25519.GenerateKey(nil)
	now := time.Now()
	payload := []byte(`{"type":1}`)
	tests := []struct {
		name    string
		req     func() *http.Request
		wantErr error
	}{
		{"valid", func() *http.Request { return discordtest.SignedRequest(priv, now, payload) }, nil},
		{"valid, slightly old", func() *http.Request { return discordtest.SignedRequest(priv, now.Add(-4*time.Minute), payload) }, nil},
		{"wrong key", func() *http.Request { return discordtest.SignedRequest(otherPriv, now, payload) }, ErrBadSignature},
		{"stale", func() *http.Request { return discordtest.SignedRequest(priv, now.Add(-6*time.Minute), payload) }, ErrStaleTimestamp},
		{"future", func() *http.Request { return discordtest.SignedRequest(priv, now.Add(6*time.Minute), payload) }, ErrStaleTimestamp},
		{"tampered body", func() *http.Request {
			r := discordtest.SignedRequest(priv, now, payload)
			r.Body = httptest.NewRequest("POST", "/", strings.NewReader(`{"type":2}`)).Body
			return r
		}, ErrBadSignature},
		{"tampered timestamp", func() *http.Request {
			r := discordtest.SignedRequest(priv, now, payload)
			r.Header.Set("X-Signature-Timestamp", strconv.FormatInt(now.Unix()-1, 10))
			return r
		}, ErrBadSignature},
		{"missing signature", func() *http.Request {
			r := discordtest.SignedRequest(priv, now, payload)
			r.Header.Del("X-Signature-Ed25519")
			return r
		}, ErrMissingSignature},
		{"missing timestamp", func() *http.Request {
			r := discordtest.SignedRequest(priv, now, payload)
			r.Header.Del("X-Signature-Timestamp")
			return r
		}, ErrMissingSignature},
		{"signature not hex", func() *http.Request {
			r := discordtest.SignedRequest(priv, now, payload)
			r.Header.Set("X-Signature-Ed25519", "zz"+r.Header.Get("X-Signature-Ed25519")[2:])
			return r
		}, ErrBadSignature},
		{"signature short", func() *http.Request {
			r := discordtest.SignedRequest(priv, now, payload)
			r.Header.Set("X-Signature-Ed25519", hex.EncodeToString([]byte("short")))
			return r
		}, ErrBadSignature},
		{"timestamp not a number", func() *http.Request {
			r := discordtest.SignedRequest(priv, now, payload)
			r.Header.Set("X-Signature-Timestamp", "yesterday")
			return r
		}, ErrBadSignature},
		{"too large", func() *http.Request {
			return discordtest.SignedRequest(priv, now, bytes.Repeat([]byte("x"), 2048))
		}, ErrBodyTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, err := VerifyRequest(tt.req(), pub, 1024, 5*time.Minute, now)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && !bytes.Equal(body, payload) {
				t.Errorf("body = %q", body)
			}
			if err != nil && body != nil {
				t.Errorf("body returned with error")
			}
		})
	}
}

// FuzzHTTPHandler feeds arbitrary headers and bodies to the HTTP interactions handler:
// it must never panic, and the core is reached only by correctly signed, fresh requests.
func FuzzHTTPHandler(f *testing.F) {
	pub, priv := testKey()
	now := time.Unix(1_700_000_000, 0)
	ts := strconv.FormatInt(now.Unix(), 10)
	for _, name := range []string{"interaction_slash_guild.json", "interaction_button.json", "interaction_ping.json"} {
		b := fixture(f, name)
		f.Add(discordtest.Sign(priv, ts, b), ts, b)
		f.Add(discordtest.Sign(priv, ts, b), ts, append(b, ' '))
	}
	f.Add("", "", []byte(`{"type":2}`))
	f.Add(strings.Repeat("0", 128), ts, []byte(`{"type":1}`))
	f.Add(discordtest.Sign(priv, ts, []byte(`{"type":2,"data":null}`)), ts, []byte(`{"type":2,"data":null}`))
	f.Add(discordtest.Sign(priv, ts, []byte(`{"type":3,"data":{"custom_id":"stylist_feedback:yes:"}}`)), ts,
		[]byte(`{"type":3,"data":{"custom_id":"stylist_feedback:yes:"}}`))

	f.Fuzz(func(t *testing.T, sig, stamp string, payload []byte) {
		core := newFakeCore(answerWith())
		cfg := DefaultConfig()
		cfg.Mode, cfg.ApplicationID, cfg.PublicKey = ModeHTTP, "1", hex.EncodeToString(pub)
		a, err := New(cfg, quietLogger(), WithClock(func() time.Time { return now }),
			WithHTTPClient(&http.Client{Transport: refuseAll{}}))
		if err != nil {
			t.Fatal(err)
		}
		a.attach(core, t.Context())
		r := httptest.NewRequest("POST", "/interactions", bytes.NewReader(payload))
		r.Header.Set("X-Signature-Ed25519", sig)
		r.Header.Set("X-Signature-Timestamp", stamp)
		w := httptest.NewRecorder()
		a.HTTPHandler().ServeHTTP(w, r)

		valid := false
		if s, err := hex.DecodeString(sig); err == nil && len(s) == ed25519.SignatureSize {
			if sec, err := strconv.ParseInt(stamp, 10, 64); err == nil && now.Sub(time.Unix(sec, 0)).Abs() <= cfg.MaxClockSkew {
				valid = ed25519.Verify(pub, append([]byte(stamp), payload...), s)
			}
		}
		if !valid && w.Code != http.StatusUnauthorized && w.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("unsigned request got %d", w.Code)
		}
		if !valid {
			time.Sleep(time.Millisecond) // let a wrongly started handler goroutine show up
			if n := len(core.requests()); n != 0 {
				t.Fatalf("unsigned request reached the core")
			}
		}
	})
}

type refuseAll struct{}

func (refuseAll) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("no network in this test")
}
