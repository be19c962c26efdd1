package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/store"
)

func init() { commands = append(commands, newFeedbackCmd) }

func newFeedbackCmd(a *app) *cobra.Command {
	root := &cobra.Command{Use: "feedback", Short: "Feedback and A/B statistics from the store"}
	var since time.Duration
	report := &cobra.Command{
		Use:   "report [--store PATH | --store-url postgres://…] [--since 168h]",
		Short: "Per prompt variant: requests, feedback, helpful rate with a 95% interval, fallbacks, grounding, latency",
		Long: `report reads the store (store.url when set, else store.path) and prints, per prompt
variant, the requests answered, the helpful / not-helpful votes, the helpful rate with its
Wilson 95% confidence interval (so a better prompt can be told from noise), the fallback and
grounded rates, and latency.

A PostgreSQL store (store.url) can be read while 'stylist serve' replicas run. The embedded
bbolt file (store.path) is locked while 'stylist serve' runs: use /outfit-admin report in chat
then, or run this on a copy of the file.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.load(cmd); err != nil {
				return err
			}
			if a.cfg.Store.Path == "" && a.cfg.Store.URL == "" {
				return &usageError{msg: "no store configured: set --store PATH (store.path) or --store-url URL (store.url)"}
			}
			st, err := store.Open(cmd.Context(), a.cfg.Store, a.log)
			if errors.Is(err, store.ErrLocked) {
				return fmt.Errorf("%w: the store is in use by a running 'stylist serve'; use /outfit-admin report in chat, or copy the file and pass --store COPY", err)
			}
			if err != nil {
				return confcheck.In("store", err)
			}
			defer st.Close()
			stats, err := st.Report(cmd.Context(), time.Now().Add(-since))
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "since %s (%s)\n", time.Now().Add(-since).Format(time.RFC3339), since)
			return store.WriteReportTable(cmd.OutOrStdout(), stats)
		},
	}
	report.Flags().String("store", "", "store file (default store.path)")
	report.Flags().String("store-url", "", "PostgreSQL store URL (default store.url; takes precedence over --store)")
	report.Flags().DurationVar(&since, "since", 7*24*time.Hour, "period to report")
	a.bind("store", "store.path")
	a.bind("store-url", "store.url")
	root.AddCommand(report)
	return root
}
