package moderation

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/stylistbot/stylist/bot"
	"github.com/stylistbot/stylist/store"
)

// CodeRefused is the bot.Error code of a refused moderator command.
const CodeRefused = "refused"

func textReply(s string) bot.Reply { return bot.Reply{Text: s, Ephemeral: true} }

func refusedReply() bot.Reply {
	msg := "Sorry, moderator commands are limited to the people and groups listed in the bot's moderation settings. " +
		"If you think you should have access, ask whoever runs the stylist."
	return bot.Reply{Text: msg, Error: &bot.Error{Code: CodeRefused, Message: msg}, Ephemeral: true}
}

func errorReply(action string, err error) bot.Reply {
	msg := fmt.Sprintf("%s failed: %v", action, err)
	return bot.Reply{Text: msg, Error: &bot.Error{Code: "internal", Message: msg}, Ephemeral: true}
}

// helpReply lists the subcommands; unknown names the subcommand that was not understood.
func helpReply(unknown string) bot.Reply {
	var b strings.Builder
	if unknown != "" {
		fmt.Fprintf(&b, "I don't know the moderator command %q.\n\n", unknown)
	}
	b.WriteString("Moderator commands (/outfit-admin <command>, or /outfit admin <command>):\n" +
		"• status: running config version, prompt variants with their numbers, paused channels\n" +
		"• reload: re-read the config file now (invalid files are rejected, the old config stays)\n" +
		"• pause [#channel]: stop answering in this (or the named) channel\n" +
		"• resume [#channel]: answer again in this (or the named) channel\n" +
		"• report [7d|24h|...]: helpful rate per prompt variant with 95% intervals, fallback and grounded rates, latency\n" +
		"• help: this list")
	return textReply(b.String())
}

func pausedText(key string) string {
	return fmt.Sprintf("Paused: I won't answer in %s until a moderator runs `/outfit-admin resume`.", key)
}

func resumedText(key string) string { return fmt.Sprintf("Resumed: I'm answering in %s again.", key) }

func notPausedText(key string) string { return fmt.Sprintf("%s was not paused; nothing to do.", key) }

func reportText(window time.Duration, stats []store.VariantStats) string {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "Feedback report, last %s:\n```\n", windowString(window))
	_ = store.WriteReportTable(&buf, stats)
	buf.WriteString("```\nhelpful = helpful votes (rate) of all votes; 95% CI = Wilson interval of the rate. " +
		"Variants whose intervals overlap are not yet distinguishable.")
	return buf.String()
}

func statusText(st *Status, window time.Duration, stats []store.VariantStats, paused map[string]store.PauseInfo) string {
	var b strings.Builder
	b.WriteString("Stylist status\n")
	if st != nil {
		fmt.Fprintf(&b, "Config %s, version %d since start, loaded %s\n", st.ConfigHash, st.Seq, st.LoadedAt.UTC().Format("2006-01-02 15:04:05 MST"))
		if len(st.PendingRestart) > 0 {
			fmt.Fprintf(&b, "Changed on disk, applied after a restart: %s\n", strings.Join(st.PendingRestart, ", "))
		}
	}
	if len(paused) == 0 {
		b.WriteString("Paused channels: none\n")
	} else {
		keys := make([]string, 0, len(paused))
		for k := range paused {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("Paused channels:\n")
		for _, k := range keys {
			fmt.Fprintf(&b, "• %s (by %s, %s)\n", k, paused[k].By, paused[k].At.UTC().Format("2006-01-02 15:04 MST"))
		}
	}
	fmt.Fprintf(&b, "Prompt variants, numbers for the last %s:\n```\n", windowString(window))
	b.WriteString(variantTable(st, stats))
	b.WriteString("```")
	return b.String()
}

func variantTable(st *Status, stats []store.VariantStats) string {
	byName := map[string]store.VariantStats{}
	for _, s := range stats {
		byName[s.Variant] = s
	}
	type row struct {
		name, share, template, model string
	}
	var rows []row
	seen := map[string]bool{}
	if st != nil {
		for _, v := range st.Variants {
			model := v.Model
			if model == "" {
				model = "(default)"
			}
			rows = append(rows, row{v.Name, fmt.Sprintf("%.0f%%", 100*v.Share), v.Template, model})
			seen[v.Name] = true
		}
	}
	for _, s := range stats {
		if !seen[s.Variant] {
			rows = append(rows, row{s.Variant, "-", "-", "-"})
		}
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "variant\tshare\ttemplate\tmodel\trequests\thelpful\t95% CI")
	for _, r := range rows {
		s, ok := byName[r.name]
		helpful, ci := "-", "-"
		if ok && s.Feedback > 0 {
			helpful = fmt.Sprintf("%d/%d (%.0f%%)", s.Helpful, s.Feedback, 100*s.HelpfulRate)
			ci = fmt.Sprintf("%.0f%%–%.0f%%", 100*s.HelpfulLow, 100*s.HelpfulHigh)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", r.name, r.share, r.template, r.model, s.Requests, helpful, ci)
	}
	if len(rows) == 0 {
		fmt.Fprintln(tw, "(no variants configured and no traffic yet)")
	}
	_ = tw.Flush()
	return buf.String()
}

// usageError is a mistake in a command's arguments; it is shown as is.
type usageError struct{ msg string }

// Error implements error.
func (e *usageError) Error() string { return e.msg }

// parseWindow reads a report window: a Go duration ("36h") or whole days ("7d").
func parseWindow(s string) (time.Duration, error) {
	var d time.Duration
	var err error
	if n, ok := strings.CutSuffix(strings.ToLower(s), "d"); ok {
		var days int
		days, err = strconv.Atoi(n)
		d = time.Duration(days) * 24 * time.Hour
	} else {
		d, err = time.ParseDuration(s)
	}
	if err != nil || d <= 0 || d > 3650*24*time.Hour {
		return 0, &usageError{fmt.Sprintf("%q is not a report window; use e.g. /outfit-admin report 7d, 30d or 24h.", s)}
	}
	return d, nil
}

func windowString(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}
