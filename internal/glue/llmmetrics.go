package glue

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/stylistbot/stylist/rag"
)

// modelServerBuckets span a first token on a warm GPU to a long CPU generation, in seconds.
var modelServerBuckets = []float64{0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 60, 120}

// ModelServerMetrics registers the per-model-server metrics in reg (the core's
// registry: bot.Metrics.Registry) and returns the rag.PoolObserver that feeds
// them. Every series of servers (URLs without credentials) starts at zero:
//
//	stylist_llm_server_up{server}                       1 healthy (or not checked yet), 0 down
//	stylist_llm_server_in_flight{server}                requests being generated
//	stylist_llm_server_requests_total{server,outcome}   ok, failover, error, cancelled (rag.Outcome*)
//	stylist_llm_server_request_duration_seconds{server} time per attempt, whatever its outcome
func ModelServerMetrics(reg prometheus.Registerer, servers []string) (rag.PoolObserver, error) {
	m := &modelServerMetrics{
		up: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "stylist_llm_server_up", Help: "Model server health: 1 up (or not checked yet), 0 down.",
		}, []string{"server"}),
		inFlight: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "stylist_llm_server_in_flight", Help: "Requests in flight per model server.",
		}, []string{"server"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stylist_llm_server_requests_total", Help: "Requests per model server by outcome (ok, failover, error, cancelled).",
		}, []string{"server", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "stylist_llm_server_request_duration_seconds", Help: "Duration of each request to a model server.", Buckets: modelServerBuckets,
		}, []string{"server"}),
	}
	for _, c := range []prometheus.Collector{m.up, m.inFlight, m.requests, m.duration} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	for _, s := range servers {
		m.up.WithLabelValues(s).Set(1)
		m.inFlight.WithLabelValues(s)
		for _, o := range []string{rag.OutcomeOK, rag.OutcomeFailover, rag.OutcomeError, rag.OutcomeCancelled} {
			m.requests.WithLabelValues(s, o)
		}
		m.duration.WithLabelValues(s)
	}
	return m, nil
}

type modelServerMetrics struct {
	up, inFlight *prometheus.GaugeVec
	requests     *prometheus.CounterVec
	duration     *prometheus.HistogramVec
}

func (m *modelServerMetrics) ServerRequest(server, outcome string, d time.Duration) {
	m.requests.WithLabelValues(server, outcome).Inc()
	m.duration.WithLabelValues(server).Observe(d.Seconds())
}

func (m *modelServerMetrics) ServerInFlight(server string, n int) {
	m.inFlight.WithLabelValues(server).Set(float64(n))
}

func (m *modelServerMetrics) ServerHealth(server string, up bool) {
	v := 0.0
	if up {
		v = 1
	}
	m.up.WithLabelValues(server).Set(v)
}
