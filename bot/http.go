package bot

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// ErrDegraded marks a readiness error that still serves (e.g. the LLM is down and
// answers are retrieval-only): /readyz answers 200 and names the degradation.
var ErrDegraded = errors.New("degraded")

// readyTimeout bounds one readiness check.
const readyTimeout = 5 * time.Second

// NewHTTPHandler serves /healthz (liveness: always 200), /readyz (200 when ready
// returns nil, else 503 with the reason; nil ready = always ready) and /metrics
// (metrics, or 404 when nil) for `stylist serve`.
func NewHTTPHandler(ready func(ctx context.Context) error, metrics http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeText(w, http.StatusOK, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if ready != nil {
			ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
			defer cancel()
			if err := ready(ctx); errors.Is(err, ErrDegraded) {
				writeText(w, http.StatusOK, "ready, "+err.Error())
				return
			} else if err != nil {
				writeText(w, http.StatusServiceUnavailable, "not ready: "+err.Error())
				return
			}
		}
		writeText(w, http.StatusOK, "ready")
	})
	if metrics != nil {
		mux.Handle("GET /metrics", metrics)
	}
	return mux
}

func writeText(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(msg + "\n"))
}
