package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/stylistbot/stylist/eval"
	"github.com/stylistbot/stylist/internal/confcheck"
	"github.com/stylistbot/stylist/outfit"
	"github.com/stylistbot/stylist/retrieve"
)

// openAssembler opens the index, the retriever and the outfit assembler over
// it with the knowledge files of dir ("" = outfits.dir).
func (a *app) openAssembler(ctx context.Context, logw io.Writer, dir string) (*outfit.Assembler, func(), error) {
	r, closeFn, err := a.openRetriever(ctx, logw, true) // an eval: every request alike
	if err != nil {
		return nil, nil, err
	}
	if dir != "" {
		a.cfg.Outfits.Dir = dir
	}
	asm, err := a.newAssembler(r)
	if err != nil {
		closeFn()
		return nil, nil, err
	}
	return asm, closeFn, nil
}

// newAssembler builds the outfit assembler over r with the knowledge of
// outfits.dir (embedded files when empty), checked against r's catalog; once
// per run (the serve runtime's watcher reloads its knowledge).
func (a *app) newAssembler(r *retrieve.Retriever) (*outfit.Assembler, error) {
	if a.outfits != nil {
		return a.outfits, nil
	}
	k, err := outfit.Load(a.cfg.Outfits.Dir, outfit.NewVocabulary(r.Articles()))
	if err != nil {
		return nil, confcheck.Wrap("outfits.dir", err)
	}
	for _, w := range k.Warnings {
		a.log.Debug("outfit knowledge", "warning", w)
	}
	a.outfits = outfit.New(r, r.Articles(), k)
	return a.outfits, nil
}

// evalOutfits runs stylist eval --outfits.
func (a *app) evalOutfits(ctx context.Context, out, logw io.Writer, file, knowledge string, asJSON bool) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	qs, err := eval.ReadOutfitQueries(f)
	f.Close()
	if err != nil {
		return err
	}
	asm, closeFn, err := a.openAssembler(ctx, logw, knowledge)
	if err != nil {
		return err
	}
	defer closeFn()
	rep, err := eval.RunOutfits(ctx, asm, qs)
	if err != nil {
		return err
	}
	if asJSON {
		return rep.WriteJSON(out)
	}
	fmt.Fprintf(out, "index %s, outfit queries %s\n", a.cfg.Index.Dir, file)
	return rep.WriteTable(out)
}
