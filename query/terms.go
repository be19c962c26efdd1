package query

// stopwords are function and request words that carry no product meaning.
// "suit" is here because it is mostly the verb ("which suit for summer");
// the noun is matched as a phrase ("a suit", "trouser suit").
var stopwords = set(
	"a", "about", "above", "after", "again", "all", "am", "an", "and", "any", "are", "around", "as", "at",
	"be", "because", "been", "before", "being", "below", "best", "better", "between", "both", "but", "by",
	"can", "could", "did", "do", "does", "doing", "down", "during", "each", "either", "else", "even",
	"ever", "every", "few", "for", "from", "further", "get", "go", "going", "good", "got", "great", "had",
	"has", "have", "having", "he", "hello", "help", "her", "here", "hers", "hey", "hi", "him", "his", "how",
	"i", "id", "if", "im", "ill", "in", "into", "is", "it", "its", "ive", "just", "kind", "know", "let", "lets", "like",
	"looking", "love", "make", "making", "many", "may", "me", "might", "more", "most", "much", "must", "my",
	"need", "needs", "new", "nice", "now", "of", "off", "offer", "ok", "okay", "on", "once", "only", "or",
	"other", "our", "out", "over", "own", "perhaps", "please", "prefer", "pretty", "quite", "rather",
	"really", "recommend", "same", "see", "sell", "send", "shall", "she", "should", "show", "so", "some",
	"someone", "something", "sort", "such", "suggest", "suit", "suitable", "sure", "than", "thank",
	"thanks", "that", "the", "their", "them", "there", "these", "they", "this", "those", "through", "to",
	"too", "under", "until", "up", "us", "use", "very", "want", "wanted", "wanna", "was", "way", "we", "well",
	"were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "wish", "with",
	"would", "you", "youre", "youd", "your", "yours", "dont", "doesnt", "cant", "wont", "isnt", "arent", "find", "give", "buy", "wear", "wearing", "maybe", "able", "bit",
	"lot", "lots", "little", "also", "look", "looking", "seem", "seems", "feel", "make", "made", "easy",
	"take", "put", "possible", "several", "various", "cool", "nice", "lovely", "beautiful", "stylish",
	"fashionable", "trendy", "suits", "suited", "fit", "fits", "one", "ones", "nor", "year", "old", "age", "aged", "size",
)

// terms returns the content words no phrase consumed, normalised and unique.
func (p *parser) terms(used []bool) []string {
	var out []string
	for i, t := range p.toks {
		if used[i] || len(t.norm) < 2 || stopwords[t.raw] || stopwords[t.norm] {
			continue
		}
		if c := t.norm[0]; c >= '0' && c <= '9' {
			continue
		}
		if !contains(out, t.norm) {
			out = append(out, t.norm)
		}
	}
	return out
}
