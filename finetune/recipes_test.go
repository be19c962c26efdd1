package finetune

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/stylistbot/stylist/modelfile"
	"github.com/stylistbot/stylist/rag"
)

type axolotlDataset struct {
	Path                    string            `yaml:"path"`
	Type                    string            `yaml:"type"`
	FieldMessages           string            `yaml:"field_messages"`
	MessagePropertyMappings map[string]string `yaml:"message_property_mappings"`
	RolesToTrain            []string          `yaml:"roles_to_train"`
}

type axolotlRecipe struct {
	ChatTemplate string           `yaml:"chat_template"`
	Datasets     []axolotlDataset `yaml:"datasets"`
	TestDatasets []axolotlDataset `yaml:"test_datasets"`
	SequenceLen  int              `yaml:"sequence_len"`
	LoraR        int              `yaml:"lora_r"`
	LoraAlpha    int              `yaml:"lora_alpha"`
	LearningRate float64          `yaml:"learning_rate"`
	NumEpochs    int              `yaml:"num_epochs"`
}

// jsonFields returns the JSON names of a struct type's fields.
func jsonFields(v any) []string {
	var out []string
	t := reflect.TypeOf(v)
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		out = append(out, name)
	}
	return out
}

// The axolotl recipe reads exactly what `finetune data` writes, trains on the role
// the answers are in, uses the chat format `model create` serves, and the TRL /
// Unsloth settings in docs/finetune.md are the same numbers.
func TestRecipeAgreesWithTheData(t *testing.T) {
	b, err := os.ReadFile("recipes/axolotl-llama3.1-8b-qlora.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var r axolotlRecipe
	if err := yaml.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	rec := Example{System: "s", Prompt: "p"}.Chat()
	chatFields := jsonFields(ChatRecord{})
	msgFields := jsonFields(Message{})
	check := func(d axolotlDataset, file string) {
		t.Helper()
		if filepath.Base(d.Path) != file || d.Type != "chat_template" {
			t.Errorf("dataset %+v: want %s with type chat_template", d, file)
		}
		if !slices.Contains(chatFields, d.FieldMessages) {
			t.Errorf("field_messages %q is not a field of the records (%v)", d.FieldMessages, chatFields)
		}
		for k, v := range d.MessagePropertyMappings {
			if !slices.Contains(msgFields, v) || !slices.Contains([]string{"role", "content"}, k) {
				t.Errorf("message_property_mappings %s: %s does not match the message fields %v", k, v, msgFields)
			}
		}
		if len(d.RolesToTrain) != 1 || d.RolesToTrain[0] != rec.Messages[2].Role {
			t.Errorf("roles_to_train %v: the answers are in the %q message", d.RolesToTrain, rec.Messages[2].Role)
		}
	}
	if len(r.Datasets) != 1 || len(r.TestDatasets) != 1 {
		t.Fatalf("%+v", r)
	}
	check(r.Datasets[0], TrainFile)
	check(r.TestDatasets[0], ValFile)
	if _, err := modelfile.Format(r.ChatTemplate); err != nil {
		t.Errorf("chat_template %q is not a format `stylist model create --template` serves: %v", r.ChatTemplate, err)
	}
	if r.SequenceLen != rag.DefaultConfig().NumCtx {
		t.Errorf("sequence_len %d: train on the served context length llm.num_ctx %d", r.SequenceLen, rag.DefaultConfig().NumCtx)
	}

	doc, err := os.ReadFile("../docs/finetune.md")
	if err != nil {
		t.Fatal(err)
	}
	d := string(doc)
	for _, want := range []string{
		"finetune/recipes/axolotl-llama3.1-8b-qlora.yaml",
		"--template " + r.ChatTemplate,
		"r=" + strconv.Itoa(r.LoraR), "lora_alpha=" + strconv.Itoa(r.LoraAlpha), "max_seq_length=" + strconv.Itoa(r.SequenceLen),
		"num_train_epochs=" + strconv.Itoa(r.NumEpochs), "learning_rate=2e-4", `"messages"`,
		"convert_lora_to_gguf.py", TrainFile, ValFile, AlpacaTrainFile,
	} {
		if !strings.Contains(d, want) {
			t.Errorf("docs/finetune.md lacks %q (keep the TRL/Unsloth settings equal to the recipe)", want)
		}
	}
	if r.LearningRate != 2e-4 {
		t.Errorf("learning_rate %v: update the docs' learning_rate=2e-4 too", r.LearningRate)
	}
	if !regexp.MustCompile(`get_chat_template\(tokenizer, chat_template="llama-3"\)`).MatchString(d) {
		t.Error(`docs: Unsloth must use the "llama-3" template (no date lines), like axolotl's llama3`)
	}
}
