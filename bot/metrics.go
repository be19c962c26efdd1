package bot

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// latencyBuckets spans fast rejections to slow CPU-only generations, in seconds.
var latencyBuckets = []float64{0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 60, 120}

// Metrics is an Observer exporting Prometheus metrics from a private registry.
type Metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	stages      *prometheus.HistogramVec
	queueDepth  prometheus.Gauge
	rateLimited *prometheus.CounterVec
	fallbacks   prometheus.Counter
	dropped     prometheus.Counter
}

var _ Observer = (*Metrics)(nil)

// NewMetrics registers the bot metrics (and Go/process collectors) in a new registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stylist_requests_total", Help: "Requests by platform, kind and outcome.",
		}, []string{"platform", "kind", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "stylist_request_duration_seconds", Help: "Time from receipt to final reply.", Buckets: latencyBuckets,
		}, []string{"platform", "kind"}),
		stages: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "stylist_stage_duration_seconds", Help: "Duration of request stages (queue, recommend, retrieve, generate, total).", Buckets: latencyBuckets,
		}, []string{"stage"}),
		queueDepth: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "stylist_queue_depth", Help: "Requests waiting for a worker.",
		}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stylist_rate_limited_total", Help: "Requests refused by a rate limit, by scope (user, channel, feedback).",
		}, []string{"scope"}),
		fallbacks: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "stylist_fallbacks_total", Help: "Answers produced from retrieval only, without the LLM.",
		}),
		dropped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "stylist_ungrounded_dropped_total", Help: "Article ids invented by the model and removed by grounding.",
		}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.stages, m.queueDepth, m.rateLimited, m.fallbacks, m.dropped,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Registry returns the private registry, for adding other collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the registry in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Request implements Observer; it also feeds the "total" stage.
func (m *Metrics) Request(platform, kind, outcome string, d time.Duration) {
	m.requests.WithLabelValues(platform, kind, outcome).Inc()
	m.duration.WithLabelValues(platform, kind).Observe(d.Seconds())
	if outcome == "ok" {
		m.stages.WithLabelValues("total").Observe(d.Seconds())
	}
}

// Stage implements Observer.
func (m *Metrics) Stage(stage string, d time.Duration) {
	m.stages.WithLabelValues(stage).Observe(d.Seconds())
}

// QueueDepth implements Observer.
func (m *Metrics) QueueDepth(n int) { m.queueDepth.Set(float64(n)) }

// RateLimited implements Observer.
func (m *Metrics) RateLimited(scope string) { m.rateLimited.WithLabelValues(scope).Inc() }

// Fallback implements Observer.
func (m *Metrics) Fallback() { m.fallbacks.Inc() }

// UngroundedDropped implements Observer.
func (m *Metrics) UngroundedDropped(n int) {
	if n > 0 {
		m.dropped.Add(float64(n))
	}
}
