package configs

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
)

// Diff lists the configuration keys that differ between two configurations.
type Diff struct {
	// Changed holds every changed dotted key, sorted (map sections give
	// "prompts.variants.NAME" when a variant was added or removed,
	// "prompts.variants.NAME.weight" when one of its fields changed).
	Changed []string
	// Restart is the subset of Changed that takes effect only after a restart.
	Restart []string
}

// Empty reports whether nothing changed.
func (d Diff) Empty() bool { return len(d.Changed) == 0 }

// NeedsRestart reports whether some changed key is applied only at startup.
func (d Diff) NeedsRestart() bool { return len(d.Restart) > 0 }

// Live returns the changed keys that are applied without a restart.
func (d Diff) Live() []string {
	var out []string
	for _, k := range d.Changed {
		if !slices.Contains(d.Restart, k) {
			out = append(out, k)
		}
	}
	return out
}

// String renders the diff as "live: a, b; restart needed: c" (values are never shown).
func (d Diff) String() string {
	if d.Empty() {
		return "no changes"
	}
	var parts []string
	if live := d.Live(); len(live) > 0 {
		parts = append(parts, "live: "+strings.Join(live, ", "))
	}
	if len(d.Restart) > 0 {
		parts = append(parts, "restart needed: "+strings.Join(d.Restart, ", "))
	}
	return strings.Join(parts, "; ")
}

// restartKeys are keys (or whole sections, matched as prefixes) read only at
// startup: secrets and adapter wiring, the listener, the index and what it was
// built from, the Ollama client and the store's location. Everything else is live.
var restartKeys = []string{
	"catalog.articles",
	"catalog.text_template",
	"catalog.image_url_template", // compiled into the chain at startup
	"index.dir",
	"index.factory",
	"index.train_sample",
	"index.embedder",
	"index.lsa",
	"index.ollama",
	"llm.url",
	"outfits", // the assembler and its knowledge watcher are built at startup (the files in outfits.dir reload live)
	"slack",
	"discord",
	"server",
	"store.path",
	"store.url",
	"store.connect_timeout",
	"log.format",
	"log.level", // the logger is built at startup
}

// NeedsRestart reports whether a change of key is applied only after a restart.
func NeedsRestart(key string) bool {
	for _, p := range restartKeys {
		if key == p || strings.HasPrefix(key, p+".") {
			return true
		}
	}
	return false
}

// Compare returns the keys whose values differ between old and new.
// A nil config compares as the zero Config.
func Compare(old, new *Config) Diff {
	var a, b Config
	if old != nil {
		a = *old
	}
	if new != nil {
		b = *new
	}
	var d Diff
	diffStruct(reflect.ValueOf(a), reflect.ValueOf(b), "", &d.Changed)
	slices.Sort(d.Changed)
	for _, k := range d.Changed {
		if NeedsRestart(k) {
			d.Restart = append(d.Restart, k)
		}
	}
	return d
}

func diffStruct(a, b reflect.Value, prefix string, out *[]string) {
	t := a.Type()
	for i := 0; i < t.NumField(); i++ {
		name := t.Field(i).Tag.Get("koanf")
		if name == "" || name == "-" { // "-" fields are filled from other keys, which are compared
			continue
		}
		diffValue(a.Field(i), b.Field(i), prefix+name, out)
	}
}

func diffValue(a, b reflect.Value, key string, out *[]string) {
	switch {
	case a.Kind() == reflect.Struct && a.Type() != durationType:
		diffStruct(a, b, key+".", out)
	case a.Kind() == reflect.Map && a.Type().Elem().Kind() == reflect.Struct:
		names := map[string]bool{}
		for _, k := range a.MapKeys() {
			names[k.String()] = true
		}
		for _, k := range b.MapKeys() {
			names[k.String()] = true
		}
		for n := range names {
			av, bv := a.MapIndex(reflect.ValueOf(n)), b.MapIndex(reflect.ValueOf(n))
			if !av.IsValid() || !bv.IsValid() {
				*out = append(*out, key+"."+n)
				continue
			}
			diffStruct(av, bv, key+"."+n+".", out)
		}
	case a.Kind() == reflect.Slice:
		if a.Len() != b.Len() || (a.Len() > 0 && !reflect.DeepEqual(a.Interface(), b.Interface())) {
			*out = append(*out, key)
		}
	case a.Kind() == reflect.Pointer:
		if a.IsNil() != b.IsNil() || (!a.IsNil() && !reflect.DeepEqual(a.Elem().Interface(), b.Elem().Interface())) {
			*out = append(*out, key)
		}
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			*out = append(*out, key)
		}
	}
}

// Fingerprint returns a short stable hash of the effective configuration, for
// status displays ("which config is running?"). Secrets are inside the hash,
// never readable from it.
func Fingerprint(c *Config) string {
	if c == nil {
		return ""
	}
	b, err := json.Marshal(c)
	if err != nil { // cannot happen: Config holds only plain values
		return "unhashable"
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}
