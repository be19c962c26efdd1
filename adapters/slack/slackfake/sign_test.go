package slackfake

import (
	"net/http"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

// TestSignatureSlackExample checks the signer against the worked example in
// Slack's "Verifying requests from Slack" documentation.
func TestSignatureSlackExample(t *testing.T) {
	body := []byte("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
	got := Signature("8f742231b10e8888abcd99yyyzzz85a5", time.Unix(1531420618, 0), body)
	if want := "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"; got != want {
		t.Fatalf("Signature = %s, want %s", got, want)
	}
}

// TestSignedRequestVerifies checks that slack-go's verifier accepts what SignedRequest produces.
func TestSignedRequestVerifies(t *testing.T) {
	body := SlashForm("/outfit", "coat", "C1", "U1", "https://hooks.slack.com/x")
	r := SignedRequest("s3cret", "/slack/commands", FormContentType, body)
	sv, err := slack.NewSecretsVerifier(r.Header, "s3cret")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = sv.Write(body)
	if err := sv.Ensure(); err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	Sign(h, "other", time.Now(), body)
	sv, _ = slack.NewSecretsVerifier(h, "s3cret")
	_, _ = sv.Write(body)
	if sv.Ensure() == nil {
		t.Fatal("a request signed with another secret verified")
	}
}
