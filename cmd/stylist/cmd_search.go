package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/stylistbot/stylist/retrieve"
)

func init() { commands = append(commands, newSearchCmd) }

// searchItem is one item of `stylist search --json`.
type searchItem struct {
	ArticleID               string  `json:"article_id"`
	Score                   float32 `json:"score"`
	ProdName                string  `json:"prod_name"`
	ProductTypeName         string  `json:"product_type_name"`
	ColourGroupName         string  `json:"colour_group_name"`
	IndexName               string  `json:"index_name"`
	IndexGroupName          string  `json:"index_group_name"`
	GraphicalAppearanceName string  `json:"graphical_appearance_name"`
	DetailDesc              string  `json:"detail_desc"`
}

// searchOutput is one line of `stylist search --json`.
type searchOutput struct {
	Query   string       `json:"query"`
	Items   []searchItem `json:"items"`
	Notices []string     `json:"notices,omitempty"`
}

func newSearchCmd(a *app) *cobra.Command {
	var asJSON bool
	var k int
	cmd := &cobra.Command{
		Use:   "search [--index DIR] [--k N] [--json] [QUERY ...]",
		Short: "Search an index and print ranked articles",
		Long: `search answers each QUERY with the best matching articles. With no QUERY it reads one
query per line from standard input and answers each without reloading the index.
Without --index it uses the demo index (built on first use).`,
		Example: `  stylist search "black sweater"
  stylist search --index hm-index --k 5 --json "light yellow summer dress"
  printf 'jeans for women\nwaterproof jacket\n' | stylist search --index hm-index --json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.load(cmd); err != nil {
				return err
			}
			if k <= 0 {
				k = a.cfg.Retrieve.K
			}
			r, closeFn, err := a.openRetriever(cmd.Context(), cmd.ErrOrStderr(), false)
			if err != nil {
				return err
			}
			defer closeFn()
			w := bufio.NewWriter(cmd.OutOrStdout())
			defer w.Flush()
			answer := func(q string) error {
				res, err := r.Search(cmd.Context(), q, k)
				if err != nil {
					return err
				}
				if asJSON {
					return writeSearchJSON(w, res)
				}
				writeSearchText(w, res)
				return w.Flush()
			}
			if len(args) > 0 {
				return answer(strings.Join(args, " "))
			}
			sc := bufio.NewScanner(cmd.InOrStdin())
			sc.Buffer(make([]byte, 64*1024), 1<<20)
			for sc.Scan() {
				q := strings.TrimSpace(sc.Text())
				if q == "" {
					continue
				}
				if err := answer(q); err != nil {
					return err
				}
				if err := w.Flush(); err != nil {
					return err
				}
			}
			return sc.Err()
		},
	}
	cmd.Flags().String("index", "", "index directory (default: the demo index)")
	cmd.Flags().IntVar(&k, "k", 0, "items per query (default from config retrieve.k)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per query")
	a.bind("index", "index.dir")
	return cmd
}

func writeSearchJSON(w io.Writer, res *retrieve.Result) error {
	out := searchOutput{Query: res.Query, Items: []searchItem{}, Notices: res.Notices}
	for _, h := range res.Hits {
		a := h.Article
		out.Items = append(out.Items, searchItem{
			ArticleID: a.ArticleID, Score: h.Score, ProdName: a.ProdName, ProductTypeName: a.ProductTypeName,
			ColourGroupName: a.ColourGroupName, IndexName: a.IndexName, IndexGroupName: a.IndexGroupName,
			GraphicalAppearanceName: a.GraphicalAppearanceName, DetailDesc: a.DetailDesc,
		})
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

func writeSearchText(w io.Writer, res *retrieve.Result) {
	fmt.Fprintf(w, "» %s\n", res.Query)
	for _, n := range res.Notices {
		fmt.Fprintf(w, "  (%s)\n", n)
	}
	if len(res.Hits) == 0 {
		fmt.Fprintln(w, "  no matching articles")
	}
	for i, h := range res.Hits {
		a := h.Article
		fmt.Fprintf(w, "%3d. %s  %-28s %s · %s · %s  (%.3f)\n", i+1, a.ArticleID, trunc(a.ProdName, 28), a.ProductTypeName, a.ColourGroupName, a.IndexName, h.Score)
	}
	fmt.Fprintln(w)
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
