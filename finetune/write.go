package finetune

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ollama/ollama/api"
	ollamatemplate "github.com/ollama/ollama/template"

	"github.com/stylistbot/stylist/modelfile"
)

// Files written by WriteDir.
const (
	TrainFile       = "train.jsonl"        // chat "messages" format (TRL SFTTrainer, Unsloth, axolotl chat_template)
	ValFile         = "val.jsonl"          // same, validation split
	AlpacaTrainFile = "alpaca_train.jsonl" // Alpaca fields plus the exact served prompt/completion
	AlpacaValFile   = "alpaca_val.jsonl"
	ReportFile      = "report.json"
)

// Message is one chat message of a training record.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// ChatRecord is one line of train.jsonl / val.jsonl.
type ChatRecord struct {
	Messages []Message `json:"messages"`
}

// AlpacaRecord is one line of the Alpaca files. Instruction, Input and Output are
// the classic fields (the system prompt is in System); Prompt is the text the
// served model receives with `stylist model create --template alpaca` (rendered by
// Ollama's own template engine) and Completion the answer after it.
type AlpacaRecord struct {
	Instruction string `json:"instruction"`
	Input       string `json:"input"`
	Output      string `json:"output"`
	System      string `json:"system"`
	Prompt      string `json:"prompt"`
	Completion  string `json:"completion"`
}

// Chat returns ex as a chat record: system, user and assistant messages, the
// assistant's content being the JSON the chain parses.
func (ex Example) Chat() ChatRecord {
	return ChatRecord{Messages: []Message{{"system", ex.System}, {"user", ex.Prompt}, {"assistant", ex.AnswerText()}}}
}

// AnswerText is the answer as the model should write it: the outfit JSON for an
// outfit request, else the single-item JSON.
func (ex Example) AnswerText() string {
	if ex.Outfit != nil {
		return answerJSON(ex.Outfit)
	}
	return answerJSON(ex.Answer)
}

// answerJSON is a target as the model should write it.
func answerJSON(t any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(t)
	return string(bytes.TrimSpace(b.Bytes()))
}

// WriteDir writes the splits (chat and Alpaca) and the report into dir.
func WriteDir(dir string, ds *Dataset) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("finetune: %w", err)
	}
	alpaca, err := modelfile.Format("alpaca")
	if err != nil {
		return err
	}
	tmpl, err := ollamatemplate.Parse(alpaca.Template)
	if err != nil {
		return fmt.Errorf("finetune: alpaca template: %w", err)
	}
	for _, f := range []struct {
		chat, alpaca string
		exs          []Example
	}{{TrainFile, AlpacaTrainFile, ds.Train}, {ValFile, AlpacaValFile, ds.Val}} {
		if err := writeJSONL(filepath.Join(dir, f.chat), f.exs, func(ex Example) (any, error) { return ex.Chat(), nil }); err != nil {
			return err
		}
		err := writeJSONL(filepath.Join(dir, f.alpaca), f.exs, func(ex Example) (any, error) {
			var b bytes.Buffer
			if err := tmpl.Execute(&b, ollamatemplate.Values{Messages: []api.Message{{Role: "system", Content: ex.System}, {Role: "user", Content: ex.Prompt}}}); err != nil {
				return nil, err
			}
			out := ex.AnswerText()
			return AlpacaRecord{Instruction: ex.Prompt, Output: out, System: ex.System, Prompt: b.String(), Completion: out}, nil
		})
		if err != nil {
			return err
		}
	}
	b, err := json.MarshalIndent(ds.Report, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ReportFile), append(b, '\n'), 0o644)
}

func writeJSONL(path string, exs []Example, rec func(Example) (any, error)) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("finetune: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, ex := range exs {
		r, err := rec(ex)
		if err == nil {
			err = enc.Encode(r)
		}
		if err != nil {
			f.Close()
			return fmt.Errorf("finetune: %s: %w", path, err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("finetune: %s: %w", path, err)
	}
	return f.Close()
}
