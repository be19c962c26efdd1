// Package history holds the record of one answered turn of a conversation
// thread. It is the only type shared by the core (which remembers turns), the
// recommender (which reads them to understand follow-ups) and the store (which
// persists them), so none of those three has to import another.
package history

// Turn is one earlier exchange of a conversation thread.
type Turn struct {
	Query      string   `json:"query"`
	ArticleIDs []string `json:"article_ids"`
	AnsweredAt int64    `json:"answered_at"` // unix seconds
}
