package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/bench"
	"github.com/stylistbot/stylist/embed"
	"github.com/stylistbot/stylist/eval"
	"github.com/stylistbot/stylist/query"
)

func init() { commands = append(commands, newBenchCmd) }

// defaultSeedQueries is the dev query set whose "q" strings seed the benchmark queries.
const defaultSeedQueries = "eval/testdata/dev.jsonl"

func newBenchCmd(a *app) *cobra.Command {
	var (
		factories, seedFile, out, pythonBin, servedDir, tmpDir string
		sweep                                                  []int
		queries                                                int
		usePython, asJSON, onlyDefaultPath, served             bool
	)
	cmd := &cobra.Command{
		Use:   "bench [--articles PATH] [--factories LIST] [--queries N] [--python] [--json] [--out docs/benchmarks.md]",
		Short: "Benchmark FAISS index factories on a catalog",
		Long: `bench embeds the catalog once and, for each index factory, measures build time (train +
add), bytes on disk and in memory, single-query ANN latency p50/p99 (1 OpenMP thread),
recall@20 against exact (Flat) search, and the latency of the whole retrieval path
(understand + embed + ANN + lexical + rerank). With --python (on by default when
/usr/bin/python3 imports faiss) the same index files and query vectors are searched by
Debian's python3-faiss and the latency ratio and result identity are reported.

--factories takes entries separated by ';', each a FAISS factory string followed by
optional settings ef=LIST, nprobe=LIST, kf=LIST (comma-separated values):
  "Flat; HNSW32 ef=64,128; IVF1024,PQ32np,RFlat nprobe=32 kf=4,8"
The configured serving index (index.factory with index.ef_search / nprobe / k_factor_rf)
is always measured and marked as the default. Without --articles it uses the demo catalog.
With --out it replaces the generated section of that Markdown file, keeping the rest.

Default factories:
  ` + bench.DefaultSpecs,
		Example: `  stylist bench
  stylist bench --articles ../shared/data/hm/articles.csv.gz --out docs/benchmarks.md
  stylist bench --articles ../shared/data/hm/articles.csv.gz --factories "Flat; HNSW32 ef=64,128" --queries 200 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.load(cmd); err != nil {
				return err
			}
			o := bench.DefaultOptions()
			if factories != "" {
				specs, err := bench.ParseSpecs(factories)
				if err != nil {
					return &usageError{msg: err.Error()}
				}
				o.Specs = specs
			}
			cat, rep, source, err := a.loadCatalog()
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "catalog %s: %s\n", source, rep.String())
			if o.Trainer, err = a.trainer(); err != nil {
				return err
			}
			seeds, err := readSeedQueries(seedFile, cmd.Flags().Changed("seed-queries"))
			if err != nil {
				return err
			}
			for i := range cat.Articles { // the details `stylist index` stores, so detail requests are timed as served
				cat.Articles[i].Details = query.DetailsOf(&cat.Articles[i])
			}
			o.Articles, o.Source, o.TextTemplate, o.SeedQueries = cat.Articles, source, a.cfg.Catalog.TextTemplate, seeds
			o.DefaultSpec, o.DefaultParams = a.cfg.Index.Factory, a.cfg.SearchParams()
			o.Retrieve, o.K, o.TrainSample = a.cfg.Retrieve, a.cfg.Retrieve.K, a.cfg.Index.TrainSample
			o.EfConstruction = a.cfg.Index.EfConstruction
			o.Queries, o.WholePathAll, o.TempDir, o.ServedDir = queries, !onlyDefaultPath, tmpDir, servedDir
			o.LoadEmbedder = embed.Loader(a.ollamaEmbedderFor)
			o.CandidateSweep = sweep
			o.Log = cmd.ErrOrStderr()
			if o.Python, err = pickPython(cmd.Context(), pythonBin, usePython, cmd.Flags().Changed("python"), cmd.ErrOrStderr()); err != nil {
				return err
			}
			if !served {
				o.ServedDir = ""
			} else if servedDir == "" {
				dir, err := os.MkdirTemp(tmpDir, "stylist-bench-served-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				o.ServedDir = dir
			}
			r, err := bench.Run(cmd.Context(), o)
			if err != nil {
				return err
			}
			command := commandLine()
			if out != "" {
				var b strings.Builder
				if err := r.WriteMarkdown(&b, command); err != nil {
					return err
				}
				if err := bench.UpdateFile(out, []byte(b.String())); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "updated %s\n", out)
			}
			if asJSON {
				return r.WriteJSON(cmd.OutOrStdout())
			}
			return r.WriteMarkdown(cmd.OutOrStdout(), command)
		},
	}
	f := cmd.Flags()
	f.String("articles", "", "articles.csv or articles.csv.gz (default: the embedded demo catalog)")
	f.StringVar(&factories, "factories", "", "factories and settings to measure (default: the list above)")
	f.IntVar(&queries, "queries", bench.DefaultOptions().Queries, "number of benchmark queries (half seeds and generated variants, half catalog-derived)")
	f.StringVar(&seedFile, "seed-queries", defaultSeedQueries, "JSONL query set whose \"q\" strings seed the queries (built-in seeds when the default file is absent)")
	f.BoolVar(&usePython, "python", true, "compare with python3-faiss on the same index files; skipped when the interpreter cannot import faiss, an error if --python is given explicitly")
	f.StringVar(&pythonBin, "python-bin", bench.DefaultPython, "Python interpreter with Debian's python3-faiss")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON instead of Markdown")
	f.StringVar(&out, "out", "", "Markdown file whose generated section to replace, e.g. docs/benchmarks.md")
	f.IntSliceVar(&sweep, "candidates", bench.DefaultOptions().CandidateSweep, "also time the default's whole path with these retrieve.candidates values (empty: none)")
	f.BoolVar(&onlyDefaultPath, "default-path-only", false, "time the whole retrieval path for the default configuration only")
	f.BoolVar(&served, "served", true, "also build the default configuration's index directory with index.Build and time the whole path over it")
	f.StringVar(&servedDir, "served-dir", "", "keep the default configuration's index directory built here (default: a temporary directory)")
	f.StringVar(&tmpDir, "tmp-dir", "", "directory for temporary index files (default: the system temp dir)")
	a.bind("articles", "catalog.articles")
	return cmd
}

// readSeedQueries returns the "q" strings of a JSONL query file; a missing
// default file means "use the built-in seeds" (nil), an explicit one is an error.
func readSeedQueries(path string, explicit bool) ([]string, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	qs, err := eval.ReadQueries(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Q
	}
	return out, nil
}

// pickPython returns the interpreter for the comparison, or "" to skip it:
// by default it is used when it imports faiss; --python=true makes that required.
func pickPython(ctx context.Context, bin string, want, explicit bool, logw io.Writer) (string, error) {
	if !want {
		return "", nil
	}
	v, err := bench.PythonVersion(ctx, bin)
	switch {
	case err == nil:
		fmt.Fprintf(logw, "comparing with python3-faiss %s (%s)\n", v, bin)
		return bin, nil
	case explicit:
		return "", fmt.Errorf("--python: %w", err)
	}
	fmt.Fprintf(logw, "python comparison skipped: %v\n", err)
	return "", nil
}

// commandLine renders how stylist was invoked, quoting arguments that need it.
func commandLine() string {
	parts := []string{"stylist"}
	for _, s := range os.Args[1:] {
		if s == "" || strings.ContainsAny(s, " ;'\"$&|<>()*?") {
			s = "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}
