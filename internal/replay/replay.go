// Package replay decides whether a platform delivery (a Slack event or slash
// command, a Discord interaction or message) is handled for the first time, the
// one rule both adapters follow: a replay (the platform's retry, or the same
// signed request sent again) is acknowledged and otherwise ignored.
//
// The key set is the adapter's: an internal/ttlset.Set on a single box, the keys
// shared by replicas on PostgreSQL (store/cluster.Keys) when several run.
package replay

// Keys records delivery keys.
type Keys interface {
	// Add inserts key and reports whether it was absent.
	Add(key string) bool
}

// claimer is implemented by keys shared by replicas: the key of a delivery that
// becomes a job is only a claim until the job is stored, so that a replica dying
// between the two steps does not turn the platform's retry on another replica
// into an ignored duplicate.
type claimer interface {
	// Claim reports whether this replica must handle the delivery key whose job
	// id is job, and then call handled once it was handled.
	Claim(key, job string) (claimed bool, handled func())
}

// First reports whether the delivery kind/id is seen for the first time. An
// empty id cannot be de-duplicated and counts as new.
func First(keys Keys, kind, id string) bool {
	return id == "" || keys.Add(kind+":"+id)
}

// Claim is First for a delivery that becomes a job whose id is the delivery's
// id (the request's ID): when it is first, handled must be called once the core
// took the request (Handle returned). With keys that cannot claim (one box) it
// is First, and handled does nothing.
func Claim(keys Keys, kind, id string) (first bool, handled func()) {
	c, ok := keys.(claimer)
	if !ok || id == "" {
		return First(keys, kind, id), func() {}
	}
	return c.Claim(kind+":"+id, id)
}
