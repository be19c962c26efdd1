package catalog

import (
	"bytes"
	"testing"
)

// fixtureArticles are hand-written articles covering every column, with
// commas, quotes and a newline in descriptions.
var fixtureArticles = []Article{
	{
		ArticleID: "0100000001", ProductCode: "0100000", ProdName: "Test tee", ProductTypeNo: "255",
		ProductTypeName: "T-shirt", ProductGroupName: "Garment Upper body", GraphicalAppearanceNo: "1010016",
		GraphicalAppearanceName: "Solid", ColourGroupCode: "09", ColourGroupName: "Black",
		PerceivedColourValueID: "4", PerceivedColourValueName: "Dark", PerceivedColourMasterID: "5",
		PerceivedColourMasterName: "Black", DepartmentNo: "1676", DepartmentName: "Jersey Basic",
		IndexCode: "A", IndexName: "Ladieswear", IndexGroupNo: "1", IndexGroupName: "Ladieswear",
		SectionNo: "16", SectionName: "Womens Everyday Basics", GarmentGroupNo: "1002",
		GarmentGroupName: "Jersey Basic", DetailDesc: `Tee in jersey, with a "test" print.`,
	},
	{
		ArticleID: "0100000002", ProductCode: "0100000", ProdName: "Test tee", ProductTypeNo: "255",
		ProductTypeName: "T-shirt", ProductGroupName: "Garment Upper body", GraphicalAppearanceNo: "1010016",
		GraphicalAppearanceName: "Solid", ColourGroupCode: "10", ColourGroupName: "White",
		PerceivedColourValueID: "3", PerceivedColourValueName: "Light", PerceivedColourMasterID: "9",
		PerceivedColourMasterName: "White", DepartmentNo: "1676", DepartmentName: "Jersey Basic",
		IndexCode: "A", IndexName: "Ladieswear", IndexGroupNo: "1", IndexGroupName: "Ladieswear",
		SectionNo: "16", SectionName: "Womens Everyday Basics", GarmentGroupNo: "1002",
		GarmentGroupName: "Jersey Basic", DetailDesc: "First line.\nSecond line.",
	},
	{
		ArticleID: "0200000001", ProductCode: "0200000", ProdName: "Test jeans", ProductTypeNo: "272",
		ProductTypeName: "Trousers", ProductGroupName: "Garment Lower body", GraphicalAppearanceNo: "1010023",
		GraphicalAppearanceName: "Denim", ColourGroupCode: "73", ColourGroupName: "Dark Blue",
		PerceivedColourValueID: "4", PerceivedColourValueName: "Dark", PerceivedColourMasterID: "2",
		PerceivedColourMasterName: "Blue", DepartmentNo: "1772", DepartmentName: "Denim Trousers",
		IndexCode: "D", IndexName: "Divided", IndexGroupNo: "2", IndexGroupName: "Divided",
		SectionNo: "57", SectionName: "Ladies Denim", GarmentGroupNo: "1016",
		GarmentGroupName: "Trousers Denim", DetailDesc: "",
	},
}

// fixtureCSV returns fixtureArticles written by WriteCSV.
func fixtureCSV(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteCSV(&b, fixtureArticles); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
