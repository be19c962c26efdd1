package bench

import (
	"time"

	"github.com/stylistbot/stylist/index/faiss"
)

// Report is the outcome of Run.
type Report struct {
	Source         string         `json:"source"`
	Articles       int            `json:"articles"`
	Dim            int            `json:"dim"`
	Embedder       string         `json:"embedder"`
	Embed          time.Duration  `json:"embed_ns"`           // fitting the embedder and embedding the catalog, once
	EmbedCPU       time.Duration  `json:"embed_cpu_ns"`       // process CPU time of that step
	RetrieverBuild time.Duration  `json:"retriever_build_ns"` // BM25 + vocabulary over the catalog, once
	Queries        int            `json:"queries"`
	QueryKinds     map[string]int `json:"query_kinds"`
	ANNQueries     int            `json:"ann_queries"` // queries with a non-zero vector (used for ANN latency and recall)
	RecallK        int            `json:"recall_k"`
	K              int            `json:"k"`          // items asked of the whole path
	Candidates     int            `json:"candidates"` // ANN candidates fetched by the whole path
	TrainSample    int            `json:"train_sample"`
	Default        string         `json:"default"` // serving configuration, e.g. "HNSW32 ef=128"
	Results        []Result       `json:"results"`
	Served         *Served        `json:"served,omitempty"`
	Python         string         `json:"python,omitempty"`       // python3-faiss version used
	PythonError    string         `json:"python_error,omitempty"` // why the comparison was skipped
	Machine        Machine        `json:"machine"`
	Started        time.Time      `json:"started"`
	Elapsed        time.Duration  `json:"elapsed_ns"`
}

// Result is one measured factory with one set of search settings.
type Result struct {
	Factory    string             `json:"factory"`
	Params     faiss.SearchParams `json:"params"`
	Label      string             `json:"label"` // ParamsLabel(Params)
	Default    bool               `json:"default,omitempty"`
	Describe   string             `json:"describe,omitempty"` // FAISS structure of the index
	Train      time.Duration      `json:"train_ns"`           // per factory (repeated on each settings row)
	Add        time.Duration      `json:"add_ns"`
	BuildCPU   time.Duration      `json:"build_cpu_ns"`      // process CPU time of train + add
	DiskBytes  int64              `json:"disk_bytes"`        // index file size
	MemBytes   int64              `json:"mem_bytes"`         // serialized size of the loaded index (its in-memory data)
	ANN        Latency            `json:"ann"`               // single-query search, 1 OpenMP thread, k = RecallK
	ANNCPU     Latency            `json:"ann_cpu"`           // the same searches' thread CPU time (excludes waiting for a CPU)
	Recall     float64            `json:"recall"`            // tie-aware recall@RecallK against exact search
	RecallIDs  float64            `json:"recall_ids"`        // plain id recall@RecallK against exact search
	RecallCand float64            `json:"recall_candidates"` // recall@RecallK of the first RecallK of a search for Candidates results (what the whole path fetches)
	Path       *PathStats         `json:"path,omitempty"`
	Sweep      []SweepPoint       `json:"candidates_sweep,omitempty"` // default only: whole path at other retrieve.candidates
	Python     *PythonStats       `json:"python,omitempty"`
	Err        string             `json:"error,omitempty"`
}

// PathStats is the latency of the whole retrieval path (retrieve.Retriever.SearchTimed).
type PathStats struct {
	Total      Latency       `json:"total"`
	CPU        Latency       `json:"cpu"` // thread CPU time of each request
	Understand time.Duration `json:"understand_p50_ns"`
	ANN        time.Duration `json:"ann_p50_ns"`              // embedding + ANN search of the candidates
	Embed      time.Duration `json:"embed_p50_ns,omitempty"`  // of which embedding the query (bench index only)
	Search     time.Duration `json:"search_p50_ns,omitempty"` // of which the FAISS search (bench index only)
	Lexical    time.Duration `json:"lexical_p50_ns"`
	Rerank     time.Duration `json:"rerank_p50_ns"`
}

// SweepPoint is the whole path with another number of ANN and lexical candidates.
type SweepPoint struct {
	Candidates int        `json:"candidates"`
	Path       *PathStats `json:"path"`
}

// PythonStats compares the same searches run by python3-faiss on the same index file.
type PythonStats struct {
	ANN          Latency `json:"ann"`
	CPU          Latency `json:"cpu"`       // thread CPU time of each search
	Recall       float64 `json:"recall"`    // tie-aware recall@RecallK of Python's results
	Ratio50      float64 `json:"ratio_p50"` // our p50 / Python's p50
	Ratio99      float64 `json:"ratio_p99"`
	RatioCPU     float64 `json:"ratio_cpu"`       // our CPU p50 / Python's CPU p50
	SameIDs      int     `json:"same_ids"`        // queries whose result ids are identical, in order
	SameSets     int     `json:"same_sets"`       // queries whose result id sets are identical
	SameUpToTies int     `json:"same_up_to_ties"` // queries whose results have identical exact similarities, position by position
	Queries      int     `json:"queries"`
	Err          string  `json:"error,omitempty"`
}
