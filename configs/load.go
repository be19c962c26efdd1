package configs

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/knadh/koanf/parsers/yaml"
	"github.com/knadh/koanf/providers/confmap"
	"github.com/knadh/koanf/providers/env/v2"
	"github.com/knadh/koanf/providers/file"
	"github.com/knadh/koanf/providers/rawbytes"
	"github.com/knadh/koanf/v2"
	"github.com/spf13/pflag"

	"github.com/stylistbot/stylist/lexicon"
)

//go:embed default.yaml
var defaultYAML []byte

// DefaultYAML returns the embedded default configuration file.
func DefaultYAML() []byte { return append([]byte(nil), defaultYAML...) }

// EnvPrefix prefixes environment overrides; "__" separates levels
// (STYLIST_LLM__MODEL sets llm.model).
const EnvPrefix = "STYLIST_" // variables without "__" are not configuration and are ignored

// secretEnv are conventional environment variables accepted for secrets and hosts;
// STYLIST_* variables override them.
var secretEnv = map[string]string{
	"SLACK_BOT_TOKEN":      "slack.bot_token",
	"SLACK_APP_TOKEN":      "slack.app_token",
	"SLACK_SIGNING_SECRET": "slack.signing_secret",
	"DISCORD_TOKEN":        "discord.token",
	"DISCORD_BOT_TOKEN":    "discord.token",
	"DISCORD_PUBLIC_KEY":   "discord.public_key",
	"DISCORD_APP_ID":       "discord.application_id",
}

// movedKeys explains keys that existed in earlier releases.
var movedKeys = map[string]string{
	"slack.allowed_channels":   "set bot.allowed_channels (one allow-list for every platform, enforced by the core)",
	"discord.allowed_channels": "set bot.allowed_channels (one allow-list for every platform, enforced by the core)",
	"discord.shard_id":         "set discord.shard_ids, the list of shards this process runs (e.g. [1]; empty = every shard of discord.shard_count)",
}

// Options says where to load from.
type Options struct {
	File    string            // YAML file; "" = none
	Environ []string          // "K=V" pairs; nil = os.Environ()
	Flags   *pflag.FlagSet    // changed flags override everything
	FlagMap map[string]string // flag name → config key
}

// Load reads the configuration in order: defaults, file, env, flags; then validates it.
func Load(opt Options) (*Config, error) {
	k, err := load(opt)
	if err != nil {
		return nil, err
	}
	return decode(k)
}

func load(opt Options) (*koanf.Koanf, error) {
	k := koanf.New(".")
	if err := k.Load(rawbytes.Provider(defaultYAML), yaml.Parser()); err != nil {
		return nil, fmt.Errorf("embedded default.yaml: %w", err)
	}
	if opt.File != "" {
		if _, err := os.Stat(opt.File); err != nil {
			return nil, fmt.Errorf("config file: %w", err)
		}
		if err := k.Load(file.Provider(opt.File), yaml.Parser()); err != nil {
			return nil, fmt.Errorf("config file %s: %w", opt.File, err)
		}
	}
	environ := opt.Environ
	if environ == nil {
		environ = os.Environ()
	}
	envMap := map[string]string{}
	for _, kv := range environ {
		if i := strings.IndexByte(kv, '='); i > 0 {
			envMap[kv[:i]] = kv[i+1:]
		}
	}
	aliases := map[string]any{}
	for name, key := range secretEnv {
		if v := envMap[name]; v != "" {
			aliases[key] = v
		}
	}
	if v := envMap["OLLAMA_HOST"]; v != "" && k.String("llm.url") == "" {
		aliases["llm.url"] = ollamaHostURL(v)
	}
	if err := k.Load(confmap.Provider(aliases, "."), nil); err != nil {
		return nil, err
	}
	known := knownKeys()
	envProv := env.Provider(".", env.Opt{
		Prefix: EnvPrefix,
		TransformFunc: func(key, value string) (string, any) {
			// Every config key has a section, so a variable without "__" is not
			// configuration (e.g. STYLIST_OLLAMA_BIN for the test suite): skip it.
			if !strings.Contains(key, "__") {
				return "", nil
			}
			key = strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(key, EnvPrefix), "__", "."))
			if t, ok := known[key]; ok && t.Kind() == reflect.Slice {
				return key, splitList(value)
			}
			return key, value
		},
		EnvironFunc: func() []string { return environ },
	})
	if err := k.Load(envProv, nil); err != nil {
		return nil, err
	}
	if opt.Flags != nil {
		var ferr error
		opt.Flags.Visit(func(f *pflag.Flag) {
			key, ok := opt.FlagMap[f.Name]
			if !ok || ferr != nil {
				return
			}
			var v any = f.Value.String()
			if sv, ok := f.Value.(pflag.SliceValue); ok {
				v = sv.GetSlice()
			}
			ferr = k.Set(key, v)
		})
		if ferr != nil {
			return nil, ferr
		}
	}
	return k, nil
}

func decode(k *koanf.Koanf) (*Config, error) {
	known := knownKeys()
	var errs []error
	keys := k.Keys()
	sort.Strings(keys)
	for _, key := range keys {
		t, ok := known[key]
		if !ok {
			t, ok = underMap(key, known)
		}
		if to, moved := movedKeys[key]; moved && !ok {
			errs = append(errs, &ConfigError{Key: key, Reason: "no longer exists: " + to})
			continue
		}
		if !ok {
			errs = append(errs, &ConfigError{Key: key, Reason: "unknown key" + suggest(key, known)})
			continue
		}
		if reason := checkType(t, k.Get(key)); reason != "" {
			errs = append(errs, &ConfigError{Key: key, Reason: reason})
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, errors.Join(errs...))
	}
	c := Defaults()
	err := k.UnmarshalWithConf("", c, koanf.UnmarshalConf{Tag: "koanf", DecoderConfig: &mapstructure.DecoderConfig{
		DecodeHook: mapstructure.ComposeDecodeHookFunc(
			mapstructure.StringToTimeDurationHookFunc(),
			mapstructure.StringToSliceHookFunc(","),
			mapstructure.TextUnmarshallerHookFunc()),
		// Types were checked strictly above; weak typing is left on only to turn
		// the strings of environment variables and flags into numbers and bools.
		WeaklyTypedInput: true,
		ZeroFields:       true,
		Result:           c,
		TagName:          "koanf",
	}})
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrInvalid, decodeMessage(err))
	}
	c.compose()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// decodeMessage rewrites mapstructure's messages so they name the dotted key.
func decodeMessage(err error) string {
	msg := err.Error()
	msg = strings.ReplaceAll(msg, "decoding failed due to the following error(s):\n\n", "")
	return strings.TrimSpace(msg)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func ollamaHostURL(h string) string {
	if strings.HasPrefix(h, "http://") || strings.HasPrefix(h, "https://") {
		return h
	}
	if strings.HasPrefix(h, ":") {
		h = "127.0.0.1" + h
	}
	if !strings.Contains(h, ":") {
		h += ":11434"
	}
	return "http://" + h
}

// knownKeys maps every leaf key of Config to its Go type; map-valued sections
// are listed with their map type and their entries' keys with ".*." in place of the name.
func knownKeys() map[string]reflect.Type {
	out := map[string]reflect.Type{}
	walkKeys(reflect.TypeOf(Config{}), "", out)
	return out
}

func walkKeys(t reflect.Type, prefix string, out map[string]reflect.Type) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := f.Tag.Get("koanf")
		if name == "" || name == "-" {
			continue
		}
		key := prefix + name
		ft := f.Type
		switch {
		case ft.Kind() == reflect.Struct && ft != durationType:
			walkKeys(ft, key+".", out)
		case ft.Kind() == reflect.Map && ft.Elem().Kind() == reflect.Struct:
			out[key] = ft
			walkKeys(ft.Elem(), key+".*.", out)
		default:
			out[key] = ft
		}
	}
}

// underMap returns the type of a key inside a map-valued section (prompts.variants.NAME.weight).
func underMap(key string, known map[string]reflect.Type) (reflect.Type, bool) {
	parts := strings.Split(key, ".")
	for i := 1; i < len(parts)-1; i++ {
		if t, ok := known[strings.Join(parts[:i], ".")]; !ok || t.Kind() != reflect.Map {
			continue
		}
		pattern := strings.Join(parts[:i], ".") + ".*." + strings.Join(parts[i+1:], ".")
		if t, ok := known[pattern]; ok {
			return t, true
		}
	}
	return nil, false
}

func suggest(key string, known map[string]reflect.Type) string {
	var best string
	bestD := 3
	for k := range known {
		if d := lexicon.Distance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		section := strings.SplitN(key, ".", 2)[0]
		var keys []string
		for k := range known {
			if strings.HasPrefix(k, section+".") && !strings.Contains(k, "*") {
				keys = append(keys, k)
			}
		}
		if len(keys) == 0 {
			return ""
		}
		sort.Strings(keys)
		if len(keys) > 6 {
			keys = append(keys[:6], "…")
		}
		return " (known keys in this section: " + strings.Join(keys, ", ") + ")"
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}
