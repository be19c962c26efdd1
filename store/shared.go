package store

import "github.com/jackc/pgx/v5/pgxpool"

// Pool returns the PostgreSQL connection pool of a store opened with a URL, or
// nil for the bbolt store. What the replicas share besides the store
// (store/cluster: the work queue, de-dup keys, rate buckets) runs on it; its
// tables come with the store's migrations.
func (s *Store) Pool() *pgxpool.Pool {
	if pg, ok := s.be.(*pgBackend); ok {
		return pg.pool
	}
	return nil
}
