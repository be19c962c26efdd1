package discordadapter

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Signature verification errors.
var (
	ErrMissingSignature = errors.New("discord: missing X-Signature-Ed25519 or X-Signature-Timestamp")
	ErrBadSignature     = errors.New("discord: invalid request signature")
	ErrStaleTimestamp   = errors.New("discord: signature timestamp too old or in the future")
	ErrBodyTooLarge     = errors.New("discord: request body too large")
)

// VerifyRequest authenticates a Discord HTTP interaction: it checks the headers, rejects
// timestamps further than maxSkew from now, reads at most maxBody bytes and verifies the
// Ed25519 signature over timestamp+body. It returns the body only when all checks pass.
func VerifyRequest(r *http.Request, key ed25519.PublicKey, maxBody int64, maxSkew time.Duration, now time.Time) ([]byte, error) {
	sigHex, ts := r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp")
	if sigHex == "" || ts == "" {
		return nil, ErrMissingSignature
	}
	sig, err := hex.DecodeString(sigHex)
	if err != nil || len(sig) != ed25519.SignatureSize || len(key) != ed25519.PublicKeySize {
		return nil, ErrBadSignature
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, ErrBadSignature
	}
	if d := now.Sub(time.Unix(secs, 0)); d > maxSkew || d < -maxSkew {
		return nil, ErrStaleTimestamp
	}
	if r.Body == nil {
		return nil, ErrBadSignature
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, ErrBadSignature
	}
	if int64(len(body)) > maxBody {
		return nil, ErrBodyTooLarge
	}
	msg := make([]byte, 0, len(ts)+len(body))
	msg = append(append(msg, ts...), body...)
	if !ed25519.Verify(key, msg, sig) {
		return nil, ErrBadSignature
	}
	return bytes.Clone(body), nil
}
