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
		{"other magic", append([]byte("STYLBM25\x02"), good[9:]...), 3},
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
