package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/stylistbot/stylist/eval"
	"github.com/stylistbot/stylist/outfit"
)

// openAssembler opens the index, the retriever and the outfit assembler over
// it with the knowledge files of dir ("" = the embedded ones).
func (a *app) openAssembler(ctx context.Context, logw io.Writer, dir string) (*outfit.Assembler, func(), error) {
	x, err := a.openIndex(ctx, logw)
	if err != nil {
		return nil, nil, err
	}
	r, err := newRetriever(x, a.cfg.Retrieve)
	if err != nil {
		x.Close()
		return nil, nil, err
	}
	k, err := outfit.Load(dir, outfit.NewVocabulary(x.Articles()))
	if err != nil {
		x.Close()
		return nil, nil, err
	}
	for _, w := range k.Warnings {
		a.log.Debug("outfit knowledge", "warning", w)
	}
	return outfit.New(r, x.Articles(), k), func() { x.Close() }, nil
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
