package retrieve

import (
	"errors"
	"reflect"
	"testing"
)

func TestBM25MarshalRoundTrip(t *testing.T) {
	docs := []string{"black cotton t-shirt", "white linen dress with buttons", "black jeans", "", "dress dress dress black"}
	x := NewBM25(docs)
	b, err := x.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	y, err := UnmarshalBM25(b, len(docs))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(x.postings, y.postings) || !reflect.DeepEqual(x.idf, y.idf) || !reflect.DeepEqual(x.norm, y.norm) || x.avgLen != y.avgLen {
		t.Fatal("decoded index differs")
	}
	for _, q := range [][]string{{"black"}, {"dress", "black"}, {"tshirt"}, {"absent"}} {
		if a, b := x.Search(q, 5), y.Search(q, 5); !reflect.DeepEqual(a, b) {
			t.Fatalf("%v: %v vs %v", q, a, b)
		}
	}
	b2, _ := y.MarshalBinary()
	if !reflect.DeepEqual(b, b2) {
		t.Fatal("encoding is not deterministic")
	}
}

func TestUnmarshalBM25RejectsDamage(t *testing.T) {
	docs := []string{"black cotton t-shirt", "white linen dress", "black jeans"}
	good, _ := NewBM25(docs).MarshalBinary()
	tests := []struct {
		name string
		data []byte
		docs int
	}{
		{"empty", nil, 3},
		{"other magic", append([]byte("STYLBM25\x03"), good[9:]...), 3},
		{"truncated", good[:len(good)-3], 3},
		{"trailing", append(append([]byte{}, good...), 1), 3},
		{"other catalog", good, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := UnmarshalBM25(tt.data, tt.docs); !errors.Is(err, ErrBM25Format) {
				t.Fatalf("got %v, want ErrBM25Format", err)
			}
		})
	}
}

func TestUnmarshalBM25DetectsStaleTokenizer(t *testing.T) {
	docs := []string{"black cotton t-shirt", "white linen dress", "black jeans"}
	good, _ := NewBM25(docs).MarshalBinary()
	other := append([]byte{}, good...)
	other[len(bm25Magic)] ^= 0xff // written under another tokenizer fingerprint
	v1 := append([]byte(bm25MagicV1), good[len(bm25Magic)+4:]...)
	for name, data := range map[string][]byte{"other fingerprint": other, "version 1": v1} {
		t.Run(name, func(t *testing.T) {
			if _, err := UnmarshalBM25(data, len(docs)); !errors.Is(err, ErrBM25Stale) {
				t.Fatalf("got %v, want ErrBM25Stale", err)
			}
		})
	}
	if TokenizerFingerprint() != TokenizerFingerprint() {
		t.Fatal("fingerprint is not deterministic")
	}
}
