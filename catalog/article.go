// Package catalog loads fashion article catalogs (the H&M Kaggle articles.csv schema)
// and renders the text that is embedded and shown for each article.
package catalog

// Article is one catalog row. IDs are kept as strings to preserve leading zeros
// ("0108775015"); numeric codes are kept as the strings found in the file.
type Article struct {
	ArticleID                 string `json:"article_id"`
	ProductCode               string `json:"product_code"`
	ProdName                  string `json:"prod_name"`
	ProductTypeNo             string `json:"product_type_no"`
	ProductTypeName           string `json:"product_type_name"`
	ProductGroupName          string `json:"product_group_name"`
	GraphicalAppearanceNo     string `json:"graphical_appearance_no"`
	GraphicalAppearanceName   string `json:"graphical_appearance_name"`
	ColourGroupCode           string `json:"colour_group_code"`
	ColourGroupName           string `json:"colour_group_name"`
	PerceivedColourValueID    string `json:"perceived_colour_value_id"`
	PerceivedColourValueName  string `json:"perceived_colour_value_name"`
	PerceivedColourMasterID   string `json:"perceived_colour_master_id"`
	PerceivedColourMasterName string `json:"perceived_colour_master_name"`
	DepartmentNo              string `json:"department_no"`
	DepartmentName            string `json:"department_name"`
	IndexCode                 string `json:"index_code"`
	IndexName                 string `json:"index_name"`
	IndexGroupNo              string `json:"index_group_no"`
	IndexGroupName            string `json:"index_group_name"`
	SectionNo                 string `json:"section_no"`
	SectionName               string `json:"section_name"`
	GarmentGroupNo            string `json:"garment_group_no"`
	GarmentGroupName          string `json:"garment_group_name"`
	DetailDesc                string `json:"detail_desc"`
	// Details are the garment details the name and description state
	// ("hood,lined,quilted": labels of query/data/details.txt joined by
	// commas), derived by `stylist index` and stored in articles.bin; no
	// catalog column, "" until indexed.
	Details string `json:"details,omitempty"`
}
