package catalog

import "strings"

// Kaggle articles.csv column names, in the order of the original file.
const (
	ColArticleID                 = "article_id"
	ColProductCode               = "product_code"
	ColProdName                  = "prod_name"
	ColProductTypeNo             = "product_type_no"
	ColProductTypeName           = "product_type_name"
	ColProductGroupName          = "product_group_name"
	ColGraphicalAppearanceNo     = "graphical_appearance_no"
	ColGraphicalAppearanceName   = "graphical_appearance_name"
	ColColourGroupCode           = "colour_group_code"
	ColColourGroupName           = "colour_group_name"
	ColPerceivedColourValueID    = "perceived_colour_value_id"
	ColPerceivedColourValueName  = "perceived_colour_value_name"
	ColPerceivedColourMasterID   = "perceived_colour_master_id"
	ColPerceivedColourMasterName = "perceived_colour_master_name"
	ColDepartmentNo              = "department_no"
	ColDepartmentName            = "department_name"
	ColIndexCode                 = "index_code"
	ColIndexName                 = "index_name"
	ColIndexGroupNo              = "index_group_no"
	ColIndexGroupName            = "index_group_name"
	ColSectionNo                 = "section_no"
	ColSectionName               = "section_name"
	ColGarmentGroupNo            = "garment_group_no"
	ColGarmentGroupName          = "garment_group_name"
	ColDetailDesc                = "detail_desc"
)

// column binds a Kaggle column name to the Article field that holds it.
type column struct {
	name  string
	field func(a *Article) *string
}

// columns lists every Kaggle column in file order.
var columns = []column{
	{ColArticleID, func(a *Article) *string { return &a.ArticleID }},
	{ColProductCode, func(a *Article) *string { return &a.ProductCode }},
	{ColProdName, func(a *Article) *string { return &a.ProdName }},
	{ColProductTypeNo, func(a *Article) *string { return &a.ProductTypeNo }},
	{ColProductTypeName, func(a *Article) *string { return &a.ProductTypeName }},
	{ColProductGroupName, func(a *Article) *string { return &a.ProductGroupName }},
	{ColGraphicalAppearanceNo, func(a *Article) *string { return &a.GraphicalAppearanceNo }},
	{ColGraphicalAppearanceName, func(a *Article) *string { return &a.GraphicalAppearanceName }},
	{ColColourGroupCode, func(a *Article) *string { return &a.ColourGroupCode }},
	{ColColourGroupName, func(a *Article) *string { return &a.ColourGroupName }},
	{ColPerceivedColourValueID, func(a *Article) *string { return &a.PerceivedColourValueID }},
	{ColPerceivedColourValueName, func(a *Article) *string { return &a.PerceivedColourValueName }},
	{ColPerceivedColourMasterID, func(a *Article) *string { return &a.PerceivedColourMasterID }},
	{ColPerceivedColourMasterName, func(a *Article) *string { return &a.PerceivedColourMasterName }},
	{ColDepartmentNo, func(a *Article) *string { return &a.DepartmentNo }},
	{ColDepartmentName, func(a *Article) *string { return &a.DepartmentName }},
	{ColIndexCode, func(a *Article) *string { return &a.IndexCode }},
	{ColIndexName, func(a *Article) *string { return &a.IndexName }},
	{ColIndexGroupNo, func(a *Article) *string { return &a.IndexGroupNo }},
	{ColIndexGroupName, func(a *Article) *string { return &a.IndexGroupName }},
	{ColSectionNo, func(a *Article) *string { return &a.SectionNo }},
	{ColSectionName, func(a *Article) *string { return &a.SectionName }},
	{ColGarmentGroupNo, func(a *Article) *string { return &a.GarmentGroupNo }},
	{ColGarmentGroupName, func(a *Article) *string { return &a.GarmentGroupName }},
	{ColDetailDesc, func(a *Article) *string { return &a.DetailDesc }},
}

// columnIndex maps a column name to its position in columns.
var columnIndex = func() map[string]int {
	m := make(map[string]int, len(columns))
	for i, c := range columns {
		m[c.name] = i
	}
	return m
}()

// RequiredColumns are the columns without which a file cannot be loaded.
var RequiredColumns = []string{ColArticleID, ColProdName, ColProductTypeName}

// Columns returns the Kaggle column names in file order.
func Columns() []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.name
	}
	return out
}

// Field returns the value of the named Kaggle column (e.g. "colour_group_name");
// ok is false for an unknown column name.
func (a Article) Field(column string) (value string, ok bool) {
	i, ok := columnIndex[normalizeHeader(column)]
	if !ok {
		return "", false
	}
	return *columns[i].field(&a), true
}

// normalizeHeader folds a header cell to the canonical column spelling: BOM and
// surrounding space removed, lower case, inner spaces and hyphens as underscores.
func normalizeHeader(h string) string {
	h = strings.TrimPrefix(h, "\ufeff")
	return headerReplacer.Replace(strings.ToLower(strings.TrimSpace(h)))
}

var headerReplacer = strings.NewReplacer(" ", "_", "-", "_")
