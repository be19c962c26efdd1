package catalog

import (
	"compress/gzip"
	"fmt"
	"io"
	"strconv"

	"github.com/stylistbot/stylist/catalog/internal/gendemo"
)

// Parameters of the committed demo catalog.
const (
	DemoSize        = 3000
	DemoSeed uint64 = 1
)

// GenerateDemo deterministically generates n synthetic articles (see package
// internal/gendemo: H&M taxonomy as vocabulary, no H&M rows).
func GenerateDemo(n int, seed uint64) ([]Article, error) {
	items, err := gendemo.Generate(gendemo.Config{N: n, Seed: seed})
	if err != nil {
		return nil, err
	}
	arts := make([]Article, len(items))
	for i, it := range items {
		arts[i] = fromItem(it)
	}
	return arts, nil
}

// WriteDemo writes GenerateDemo(n, seed) as a gzip-compressed articles CSV
// (no file name or time in the gzip header, so the bytes are reproducible).
func WriteDemo(w io.Writer, n int, seed uint64) error {
	arts, err := GenerateDemo(n, seed)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("catalog: gzip: %w", err)
	}
	if err := WriteCSV(zw, arts); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("catalog: gzip: %w", err)
	}
	return nil
}

// fromItem converts a generated item to an Article.
func fromItem(it gendemo.Item) Article {
	itoa := strconv.Itoa
	return Article{
		ArticleID:                 it.ArticleID,
		ProductCode:               it.ProductCode,
		ProdName:                  it.ProdName,
		ProductTypeNo:             itoa(it.ProductTypeNo),
		ProductTypeName:           it.ProductTypeName,
		ProductGroupName:          it.ProductGroupName,
		GraphicalAppearanceNo:     itoa(it.AppearanceNo),
		GraphicalAppearanceName:   it.AppearanceName,
		ColourGroupCode:           it.ColourCode,
		ColourGroupName:           it.ColourName,
		PerceivedColourValueID:    itoa(it.ColourValueID),
		PerceivedColourValueName:  it.ColourValueName,
		PerceivedColourMasterID:   itoa(it.ColourMasterID),
		PerceivedColourMasterName: it.ColourMasterName,
		DepartmentNo:              itoa(it.DepartmentNo),
		DepartmentName:            it.DepartmentName,
		IndexCode:                 it.IndexCode,
		IndexName:                 it.IndexName,
		IndexGroupNo:              itoa(it.IndexGroupNo),
		IndexGroupName:            it.IndexGroupName,
		SectionNo:                 itoa(it.SectionNo),
		SectionName:               it.SectionName,
		GarmentGroupNo:            itoa(it.GarmentGroupNo),
		GarmentGroupName:          it.GarmentGroupName,
		DetailDesc:                it.Desc,
	}
}
