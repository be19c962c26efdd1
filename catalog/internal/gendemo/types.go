package gendemo

// productType is a product type with its product group.
type productType struct {
	no     int
	name   string
	group  string
	weight int
}

// index is an index with its index group.
type index struct {
	name      string
	groupNo   int
	groupName string
}

// colourGroup is a colour group and the perceived colours it occurs with.
type colourGroup struct {
	code      string
	name      string
	weight    int
	perceived []perceived
}

// perceived is a perceived colour value/master pair.
type perceived struct {
	valueID    int
	valueName  string
	masterID   int
	masterName string
	weight     int
}

// placement is where a product type is sold: department, index, section and
// garment group.
type placement struct {
	deptNo      int
	deptName    string
	indexCode   string
	sectionNo   int
	sectionName string
	garmentNo   int
	weight      int
}

// Item is one generated article, with the numeric codes as integers.
type Item struct {
	ArticleID        string
	ProductCode      string
	ProdName         string
	ProductTypeNo    int
	ProductTypeName  string
	ProductGroupName string
	AppearanceNo     int
	AppearanceName   string
	ColourCode       string
	ColourName       string
	ColourValueID    int
	ColourValueName  string
	ColourMasterID   int
	ColourMasterName string
	DepartmentNo     int
	DepartmentName   string
	IndexCode        string
	IndexName        string
	IndexGroupNo     int
	IndexGroupName   string
	SectionNo        int
	SectionName      string
	GarmentGroupNo   int
	GarmentGroupName string
	Desc             string
}

// placementsFor returns the placements of a product type.
func placementsFor(typeNo int) []placement {
	if p, ok := garmentPlacements[typeNo]; ok {
		return p
	}
	return otherPlacements[typeNo]
}

// colourByName returns the colour group with the given name.
func colourByName(name string) (colourGroup, bool) {
	for _, c := range colours {
		if c.name == name {
			return c, true
		}
	}
	return colourGroup{}, false
}
