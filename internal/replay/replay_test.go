package replay

import (
	"testing"
	"time"

	"github.com/stylistbot/stylist/internal/ttlset"
)

// claimKeys records claims the way store/cluster.Keys is used.
type claimKeys struct {
	*ttlset.Set
	claims  []string
	handled []string
}

func (c *claimKeys) Claim(key, job string) (bool, func()) {
	c.claims = append(c.claims, key+"="+job)
	if !c.Add(key) {
		return false, nil
	}
	return true, func() { c.handled = append(c.handled, job) }
}

func TestFirst(t *testing.T) {
	keys := ttlset.New(time.Hour, 10)
	for _, tc := range []struct {
		name, kind, id string
		want           bool
	}{
		{"new event", "event", "Ev1", true},
		{"its replay", "event", "Ev1", false},
		{"same id, other kind", "slash", "Ev1", true},
		{"empty id is always new", "event", "", true},
		{"empty id again", "event", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := First(keys, tc.kind, tc.id); got != tc.want {
				t.Errorf("First(%q, %q) = %v, want %v", tc.kind, tc.id, got, tc.want)
			}
		})
	}
}

func TestClaim(t *testing.T) {
	t.Run("one box: First, handled does nothing", func(t *testing.T) {
		keys := ttlset.New(time.Hour, 10)
		first, handled := Claim(keys, "message", "M1")
		if !first || handled == nil {
			t.Fatalf("first claim = %v, handled nil: %v", first, handled == nil)
		}
		handled()
		if again, _ := Claim(keys, "message", "M1"); again {
			t.Error("a replay was claimed again")
		}
	})
	t.Run("replicas: the job id is the delivery id", func(t *testing.T) {
		keys := &claimKeys{Set: ttlset.New(time.Hour, 10)}
		first, handled := Claim(keys, "event", "Ev9")
		if !first {
			t.Fatal("first delivery not claimed")
		}
		handled()
		if again, _ := Claim(keys, "event", "Ev9"); again {
			t.Error("a replay was claimed again")
		}
		if want := []string{"event:Ev9=Ev9", "event:Ev9=Ev9"}; len(keys.claims) != 2 || keys.claims[0] != want[0] {
			t.Errorf("claims %v, want %v", keys.claims, want)
		}
		if len(keys.handled) != 1 || keys.handled[0] != "Ev9" {
			t.Errorf("handled %v, want [Ev9]", keys.handled)
		}
	})
	t.Run("replicas: an empty id is not claimed", func(t *testing.T) {
		keys := &claimKeys{Set: ttlset.New(time.Hour, 10)}
		if first, handled := Claim(keys, "event", ""); !first || handled == nil {
			t.Fatalf("empty id: first %v, handled nil: %v", first, handled == nil)
		}
		if len(keys.claims) != 0 {
			t.Errorf("claims %v for an empty id", keys.claims)
		}
	})
}
