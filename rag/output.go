package rag

import (
	"encoding/json"
	"fmt"
	"strings"
)

// answerSchema is the JSON schema Ollama's structured output must follow.
var answerSchema = json.RawMessage(`{
  "type": "object",
  "properties": {
    "intro": {"type": "string"},
    "items": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {"article_id": {"type": "string"}, "reason": {"type": "string"}},
        "required": ["article_id", "reason"]
      }
    },
    "tip": {"type": "string"},
    "alternative": {"type": "string"}
  },
  "required": ["intro", "items", "tip"]
}`)

// modelAnswer is what the model returns.
type modelAnswer struct {
	Intro       string      `json:"intro"`
	Items       []modelItem `json:"items"`
	Tip         string      `json:"tip"`
	Alternative string      `json:"alternative"`
}

type modelItem struct {
	ArticleID string `json:"article_id"`
	Reason    string `json:"reason"`
}

// parseAnswer decodes the model's JSON, tolerating text around the object.
func parseAnswer(s string) (*modelAnswer, error) {
	var a modelAnswer
	return &a, decodeObject(s, &a)
}

// decodeObject decodes the JSON object in the model's text into dst,
// tolerating text around it.
func decodeObject(s string, dst any) error {
	s = strings.TrimSpace(s)
	if i, j := strings.IndexByte(s, '{'), strings.LastIndexByte(s, '}'); i >= 0 && j > i {
		s = s[i : j+1]
	}
	if err := json.Unmarshal([]byte(s), dst); err != nil {
		return fmt.Errorf("%w: %v", ErrBadOutput, err)
	}
	return nil
}
