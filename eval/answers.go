package eval

// AnswerStats summarises full-chain answers (stylist eval --generate).
type AnswerStats struct {
	Answers        int     `json:"answers"`
	Grounded       float64 `json:"grounded"`        // share of answers whose every item is a catalog article
	CountRespected float64 `json:"count_respected"` // share with exactly the requested number of items
	FellBack       float64 `json:"fell_back"`       // share answered retrieval-only
	DroppedIDs     int     `json:"dropped_ids"`     // invented ids removed by grounding, in all answers
}
