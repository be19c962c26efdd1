package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/index"
	"github.com/stylistbot/stylist/query"
)

func init() { commands = append(commands, newIndexCmd) }

func newIndexCmd(a *app) *cobra.Command {
	var articles, out string
	cmd := &cobra.Command{
		Use:   "index --articles PATH --out DIR [--factory STRING]",
		Short: "Embed a catalog and build a FAISS index directory",
		Long: `index reads an articles.csv (plain or gzipped, Kaggle H&M schema), embeds every
article with the configured embedder, builds the FAISS index and writes DIR with the
index, the article metadata, the embedder's state and a manifest.

Without --articles it indexes the embedded demo catalog.`,
		Example: `  stylist index --articles ../shared/data/hm/articles.csv.gz --out hm-index
  stylist index --out demo-index --factory "IVF256,PQ32np,RFlat"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.load(cmd); err != nil {
				return err
			}
			if out == "" {
				return &usageError{msg: "--out DIR is required"}
			}
			cat, rep, source, err := a.loadCatalog()
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "catalog %s: %s\n", source, rep.String())
			trainer, err := a.trainer()
			if err != nil {
				return err
			}
			bar := newProgress(cmd.ErrOrStderr())
			t0 := time.Now()
			m, st, err := index.Build(cmd.Context(), out, cat.Articles, index.BuildOptions{
				Factory: a.cfg.Index.Factory, TextTemplate: a.cfg.Catalog.TextTemplate,
				Source: source, SourceSHA256: rep.SHA256, Trainer: trainer,
				TrainSample: a.cfg.Index.TrainSample, EfConstruction: a.cfg.Index.EfConstruction, Progress: bar.update,
				Extras: indexExtras(), Details: query.DetailsOf,
			})
			bar.done()
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "indexed %d articles into %s in %s\n", m.Articles, out, time.Since(t0).Round(time.Millisecond))
			fmt.Fprintf(w, "  embedder   %s (%d dims)\n  factory    %s\n  embed      %s\n  build      %s (train %s, add %s)\n  index      %s\n  directory  %s\n",
				m.EmbedderID, m.Dims, m.Factory, st.Embed.Round(time.Millisecond), (st.Train + st.Add).Round(time.Millisecond),
				st.Train.Round(time.Millisecond), st.Add.Round(time.Millisecond), humanBytes(st.IndexBytes), humanBytes(st.TotalBytes))
			return nil
		},
	}
	cmd.Flags().StringVar(&articles, "articles", "", "articles.csv or articles.csv.gz (default: the embedded demo catalog)")
	cmd.Flags().StringVar(&out, "out", "", "index directory to write")
	cmd.Flags().String("factory", "", "FAISS index factory string (default from config: HNSW32)")
	cmd.Flags().String("embedder", "", "embedder: lsa (built-in) or ollama")
	a.bind("articles", "catalog.articles")
	a.bind("factory", "index.factory")
	a.bind("embedder", "index.embedder")
	return cmd
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
