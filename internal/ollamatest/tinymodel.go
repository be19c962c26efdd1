package ollamatest

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
)

// Defaults of the tiny model's scripted output.
const (
	// DefaultReply is what the tiny model answers to any chat without a format.
	DefaultReply = "Hello! I am a tiny test model."
	// DefaultJSONValue is the content of every JSON string the tiny model writes under a format.
	DefaultJSONValue = "ok"
	// EmbeddingDim is the length of the tiny model's embeddings.
	EmbeddingDim = hidden
)

// Model shape.
const (
	hidden    = 64
	layers    = 2
	heads     = 4
	ffn       = 128
	ctxLength = 2048

	// Dimensions [0, splitDim) carry the next-token logic and are the only ones the
	// output layer reads; [splitDim, hidden) carry context features that the
	// transformer blocks read and write and that make up the embeddings.
	splitDim = 32
	// biasDim holds a constant 1 for every token; the output layer turns it into the
	// global token preference (fallback ranking).
	biasDim = 0
	// maxReplyWords leaves room for </s>, JSONValue, `"` and `{` as successor targets.
	maxReplyWords = splitDim - 1 - 4

	succBoost = 1e5   // logit bonus of a token's scripted successor
	aNorm     = 1e-3  // output_norm weight on the logic dimensions (keeps them out of embeddings)
	featNorm  = 0.3   // norm of a token's random context features
	mixWeight = 2.0   // weight of the attention average added to the residual stream
	attnGain  = 0.125 // attn_norm on feature dims: undoes RMSNorm's sqrt(hidden) scale
)

// TinyOptions shapes the tiny model's scripted behaviour; the zero value gives the defaults.
type TinyOptions struct {
	// Reply is the answer to every chat without a format (default DefaultReply).
	// Words must be unique and free of quotes, backslashes and '<'.
	Reply string
	// JSONValue is the content of every JSON string under a format (default DefaultJSONValue).
	JSONValue string
	// Endless repeats Reply forever instead of stopping (for timeout tests); it
	// stops only at num_predict or when the client goes away.
	Endless bool
	// Seed seeds the random token features behind the embeddings (0 means a fixed default).
	Seed uint64
}

// structuralRanks is the global preference when a token's scripted successor is not
// allowed (by a grammar): end of text first, then JSON punctuation that closes
// structures, so grammar-constrained output is short and always terminates.
var structuralRanks = []string{"</s>", `"`, "]", "}", "{", ",", ":", "[", "1", "t", "f", "n", "0", "-"}

// WriteTinyGGUF writes the deterministic tiny llama model as a GGUF v3 file.
func WriteTinyGGUF(w io.Writer, opts TinyOptions) error {
	if opts.Reply == "" {
		opts.Reply = DefaultReply
	}
	if opts.JSONValue == "" {
		opts.JSONValue = DefaultJSONValue
	}
	if opts.Seed == 0 {
		opts.Seed = 20250405
	}
	pieces, err := replyPieces(opts.Reply)
	if err != nil {
		return err
	}
	if err := checkText("JSONValue", opts.JSONValue); err != nil {
		return err
	}
	v := newBaseVocab()
	ids := make([]int, len(pieces))
	for i, p := range pieces {
		ids[i] = v.add(p, tokNormal)
	}
	jsonID := v.add(opts.JSONValue, tokNormal)
	for _, id := range ids {
		if id == jsonID {
			return fmt.Errorf("ollamatest: TinyOptions.JSONValue %q must differ from every Reply word", opts.JSONValue)
		}
	}

	// Scripted successors: the reply chain, JSON strings, and one item per array.
	succ := map[int]int{tokAssistant: ids[0]}
	for i := 0; i+1 < len(ids); i++ {
		succ[ids[i]] = ids[i+1]
	}
	succ[ids[len(ids)-1]] = tokEOS
	if opts.Endless {
		// Cycle through the whole reply: Ollama silently aborts a generation after
		// 30 identical consecutive tokens (llm/server.go tokenRepeat), done=false.
		if len(ids) < 2 {
			return fmt.Errorf("ollamatest: TinyOptions.Endless needs a Reply of at least two words")
		}
		succ[ids[len(ids)-1]] = ids[0]
	}
	succ[v.id(`"`)] = jsonID
	succ[jsonID] = v.id(`"`)
	succ[v.id("[")] = v.id("{")

	return writeGGUF(w, tinyMetadata(v), tinyTensors(v, succ, opts.Seed))
}

// tinyMetadata returns the llama architecture and tokenizer metadata.
func tinyMetadata(v *vocab) []ggufKV {
	return []ggufKV{
		{"general.architecture", "llama"},
		{"general.name", "stylist-tiny"},
		{"llama.context_length", uint32(ctxLength)},
		{"llama.embedding_length", uint32(hidden)},
		{"llama.block_count", uint32(layers)},
		{"llama.feed_forward_length", uint32(ffn)},
		{"llama.attention.head_count", uint32(heads)},
		{"llama.attention.head_count_kv", uint32(heads)},
		{"llama.attention.layer_norm_rms_epsilon", float32(1e-5)},
		{"llama.rope.dimension_count", uint32(hidden / heads)},
		{"llama.rope.freq_base", float32(10000)},
		{"tokenizer.ggml.model", "llama"},
		{"tokenizer.ggml.tokens", v.tokens},
		{"tokenizer.ggml.scores", v.scores},
		{"tokenizer.ggml.token_type", v.types},
		{"tokenizer.ggml.bos_token_id", uint32(tokBOS)},
		{"tokenizer.ggml.eos_token_id", uint32(tokEOS)},
		{"tokenizer.ggml.unknown_token_id", uint32(tokUnk)},
	}
}

// fallbackScores is the global token preference used when the successor is not allowed.
func fallbackScores(v *vocab) []float32 {
	f := make([]float32, len(v.tokens))
	ranked := map[int]bool{}
	for i, s := range structuralRanks {
		id := v.id(s)
		f[id] = float32(1e4 * math.Pow(0.8, float64(i))) // ratio 1.25 survives a repeat penalty
		ranked[id] = true
	}
	next := float32(500)
	for id, typ := range v.types {
		switch {
		case ranked[id]:
		case typ == tokNormal && v.tokens[id] != spmSpace:
			f[id] = next
			next -= 10 // wide enough to be decisive after temperature and a repeat penalty
		default: // control, byte, unknown and bare-space tokens are never preferred
			f[id] = -1e4
		}
	}
	return f
}

// tinyTensors designs the weights. The blocks read and write only the feature
// dimensions, which the output layer ignores: the next token is a function of the
// previous one (its scripted successor, else the global preference), while the
// final hidden state — the embedding — mixes the input's token features.
func tinyTensors(v *vocab, succ map[int]int, seed uint64) []ggufTensor {
	n := len(v.tokens)
	embd := make([]float32, hidden*n)
	out := make([]float32, hidden*n)
	f := fallbackScores(v)

	targetDim := map[int]int{}
	for _, t := range sortedValues(succ) {
		targetDim[t] = 1 + len(targetDim)
	}
	rng := rand.New(rand.NewPCG(seed, 0x7469_6e79))
	sigma := featNorm / math.Sqrt(hidden-splitDim)
	for t := range n {
		row := embd[t*hidden : (t+1)*hidden]
		row[biasDim] = 1
		if s, ok := succ[t]; ok {
			row[targetDim[s]] = 1
		}
		for d := splitDim; d < hidden; d++ {
			row[d] = float32(rng.NormFloat64() * sigma)
		}
		// After output_norm, a logic dimension holding 1 reads about aNorm*8/sqrt(1+|features|^2).
		out[t*hidden+biasDim] = f[t] / (8 * aNorm)
		if d, ok := targetDim[t]; ok {
			out[t*hidden+d] = succBoost / (8 * aNorm)
		}
	}

	outNorm := fill(hidden, 1)
	attnNorm := make([]float32, hidden)
	for d := range hidden {
		if d < splitDim {
			outNorm[d] = aNorm
		} else {
			attnNorm[d] = attnGain
		}
	}
	ts := []ggufTensor{
		{"token_embd.weight", []uint64{hidden, uint64(n)}, embd},
		{"output_norm.weight", []uint64{hidden}, outNorm},
		{"output.weight", []uint64{hidden, uint64(n)}, out},
	}
	for l := range layers {
		p := fmt.Sprintf("blk.%d.", l)
		ts = append(ts,
			ggufTensor{p + "attn_norm.weight", []uint64{hidden}, attnNorm},
			ggufTensor{p + "attn_q.weight", []uint64{hidden, hidden}, make([]float32, hidden*hidden)},
			ggufTensor{p + "attn_k.weight", []uint64{hidden, hidden}, make([]float32, hidden*hidden)},
			ggufTensor{p + "attn_v.weight", []uint64{hidden, hidden}, featureDiagonal(1)},
			ggufTensor{p + "attn_output.weight", []uint64{hidden, hidden}, featureDiagonal(mixWeight)},
			ggufTensor{p + "ffn_norm.weight", []uint64{hidden}, fill(hidden, 1)},
			ggufTensor{p + "ffn_gate.weight", []uint64{hidden, ffn}, make([]float32, hidden*ffn)},
			ggufTensor{p + "ffn_up.weight", []uint64{hidden, ffn}, make([]float32, hidden*ffn)},
			ggufTensor{p + "ffn_down.weight", []uint64{ffn, hidden}, make([]float32, ffn*hidden)},
		)
	}
	return ts
}

// featureDiagonal is a hidden×hidden matrix with x on the feature dimensions' diagonal.
// With zero queries and keys, attention is a uniform causal average, so these
// projections add x times the average of the (normalised) context features.
func featureDiagonal(x float32) []float32 {
	m := make([]float32, hidden*hidden)
	for d := splitDim; d < hidden; d++ {
		m[d*hidden+d] = x
	}
	return m
}

func fill(n int, x float32) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = x
	}
	return s
}

// sortedValues returns the distinct values of m in ascending order.
func sortedValues(m map[int]int) []int {
	seen := map[int]bool{}
	var vs []int
	for _, t := range m {
		if !seen[t] {
			seen[t] = true
			vs = append(vs, t)
		}
	}
	slices.Sort(vs)
	return vs
}
