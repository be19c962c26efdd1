package deploy

import (
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type composeService struct {
	Image       string            `yaml:"image"`
	Command     []string          `yaml:"command"`
	Entrypoint  []string          `yaml:"entrypoint"`
	Environment map[string]string `yaml:"environment"`
	Volumes     []string          `yaml:"volumes"`
	Ports       []string          `yaml:"ports"`
	DependsOn   any               `yaml:"depends_on"`
	Healthcheck struct {
		Test []string `yaml:"test"`
	} `yaml:"healthcheck"`
	Build struct {
		Context    string `yaml:"context"`
		Dockerfile string `yaml:"dockerfile"`
	} `yaml:"build"`
}

type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]any            `yaml:"volumes"`
}

// interpolate applies compose's ${VAR}, ${VAR:-default} and ${VAR:?message} with env.
func interpolate(t *testing.T, s string, env map[string]string) string {
	t.Helper()
	re := regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-?])([^}]*))?\}`)
	return re.ReplaceAllStringFunc(s, func(m string) string {
		p := re.FindStringSubmatch(m)
		if v, ok := env[p[1]]; ok && v != "" {
			return v
		}
		switch p[2] {
		case "-":
			return p[3]
		case "?":
			t.Fatalf("compose requires %s: %s", p[1], p[3])
		}
		return ""
	})
}

func readCompose(t *testing.T) composeFile {
	t.Helper()
	var c composeFile
	if err := yaml.Unmarshal([]byte(read(t, "deploy/compose.yaml")), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// mounts maps each container path of a service to its source.
func (s composeService) mounts() map[string]string {
	m := map[string]string{}
	for _, v := range s.Volumes {
		parts := strings.Split(v, ":")
		m[parts[1]] = parts[0]
	}
	return m
}

func TestCompose(t *testing.T) {
	c := readCompose(t)
	hostEnv := map[string]string{"POSTGRES_PASSWORD": "s3cret"} // what the operator exports
	var replicas []string
	for name := range c.Services {
		if regexp.MustCompile(`^stylist-\d+$`).MatchString(name) {
			replicas = append(replicas, name)
		}
	}
	slices.Sort(replicas)
	if len(replicas) < 2 {
		t.Fatalf("replicas %v, want at least two stylist-N services", replicas)
	}
	for name, s := range c.Services {
		for _, src := range s.mounts() {
			if !strings.HasPrefix(src, ".") {
				if _, ok := c.Volumes[src]; !ok {
					t.Errorf("%s: volume %s is not declared", name, src)
				}
			}
		}
	}
	pg, ollama := c.Services["postgres"], c.Services["ollama"]
	if !strings.HasPrefix(pg.Image, "postgres:") || !slices.Contains(pg.Healthcheck.Test, "pg_isready") || pg.mounts()["/var/lib/postgresql/data"] == "" {
		t.Errorf("postgres service: image %q, health check %v, data volume %q", pg.Image, pg.Healthcheck.Test, pg.mounts()["/var/lib/postgresql/data"])
	}
	if !strings.HasPrefix(ollama.Image, "ollama/ollama:") {
		t.Errorf("ollama image %q", ollama.Image)
	}

	shardsOf := map[int]string{}
	shardCount := 0
	for _, name := range replicas {
		st := c.Services[name]
		t.Run(name, func(t *testing.T) {
			if filepath.Join("deploy", st.Build.Context, st.Build.Dockerfile) != "Dockerfile" {
				t.Errorf("builds %s/%s, not the repository's Dockerfile", st.Build.Context, st.Build.Dockerfile)
			}
			if len(st.Ports) != 0 {
				t.Errorf("publishes %v; only the proxy is published", st.Ports)
			}
			env := map[string]string{}
			for k, v := range st.Environment {
				env[k] = interpolate(t, v, hostEnv)
			}
			checkStoreURL(t, env["STYLIST_STORE__URL"], "postgres", "5432", map[string]string{
				"db": pg.Environment["POSTGRES_DB"], "user": pg.Environment["POSTGRES_USER"], "password": interpolate(t, pg.Environment["POSTGRES_PASSWORD"], hostEnv)})
			urls := strings.Split(env["STYLIST_LLM__URLS"], ",")
			for _, raw := range urls {
				u, err := url.Parse(strings.TrimSpace(raw))
				if err != nil || !strings.HasPrefix(c.Services[u.Hostname()].Image, "ollama/ollama:") || u.Port() != "11434" {
					t.Errorf("llm.urls entry %q is not an Ollama service of this file on port 11434", raw)
				}
			}
			// The mounted config file, with the replica's environment (and Discord
			// enabled, so its shard settings are validated), must load.
			if len(st.Command) != 2 || st.Command[0] != "--config" {
				t.Fatalf("command %v", st.Command)
			}
			rel, err := filepath.Rel("/etc/stylist", st.Command[1])
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(root, "deploy", st.mounts()["/etc/stylist"], rel)
			env["STYLIST_DISCORD__ENABLED"], env["DISCORD_TOKEN"] = "true", "test-token"
			cfg := loadConfig(t, file, env)
			if p := listenPort(t, cfg); p != dockerfilePort(t) {
				t.Errorf("server.listen port %d, the image EXPOSEs %d", p, dockerfilePort(t))
			}
			if cfg.Store.Path != "" {
				t.Errorf("store.path %q: replicas share PostgreSQL, not a local file", cfg.Store.Path)
			}
			for _, dir := range []string{"/opt/stylist/index", "/etc/stylist"} {
				if st.mounts()[dir] == "" {
					t.Errorf("nothing mounted at %s", dir)
				}
			}
			if shardCount != 0 && cfg.Discord.ShardCount != shardCount {
				t.Errorf("discord.shard_count %d, another replica %d", cfg.Discord.ShardCount, shardCount)
			}
			shardCount = cfg.Discord.ShardCount
			for _, id := range cfg.Discord.Shards() {
				if other, dup := shardsOf[id]; dup {
					t.Errorf("discord shard %d runs in %s and %s", id, other, name)
				}
				shardsOf[id] = name
			}
		})
	}
	if len(shardsOf) != shardCount {
		t.Errorf("shards %v of %d are run by the replicas", shardsOf, shardCount)
	}
	t.Run("proxy", func(t *testing.T) { checkProxy(t, c, replicas) })
}

// checkProxy checks the Caddy reverse proxy: it is the only published service, its
// upstreams are the replicas on the port they listen on, it takes a replica out on
// /readyz, and it publishes the Slack and Discord HTTP paths and nothing else.
func checkProxy(t *testing.T, c composeFile, replicas []string) {
	p := c.Services["proxy"]
	if !strings.HasPrefix(p.Image, "caddy:") || len(p.Ports) == 0 {
		t.Fatalf("proxy: image %q, ports %v", p.Image, p.Ports)
	}
	for name, s := range c.Services {
		if name != "proxy" && len(s.Ports) > 0 {
			t.Errorf("%s publishes %v; only the proxy should", name, s.Ports)
		}
	}
	src := p.mounts()["/etc/caddy/Caddyfile"]
	if src == "" {
		t.Fatal("no Caddyfile mounted at /etc/caddy/Caddyfile")
	}
	cf := read(t, filepath.Join("deploy", src))
	m := regexp.MustCompile(`(?m)^\s*reverse_proxy ([^{\n]+)\{`).FindStringSubmatch(cf)
	if m == nil {
		t.Fatal("Caddyfile has no reverse_proxy block")
	}
	var want []string
	for _, r := range replicas {
		want = append(want, fmt.Sprintf("%s:%d", r, dockerfilePort(t)))
	}
	if got := strings.Fields(m[1]); !slices.Equal(sorted(got), want) {
		t.Errorf("upstreams %v, want the replicas %v", got, want)
	}
	hm := regexp.MustCompile(`(?m)^\s*health_uri (\S+)$`).FindStringSubmatch(cf)
	if hm == nil || hm[1] != "/readyz" || !served(t, hm[1]) {
		t.Errorf("health_uri %v, want /readyz (served by stylist serve)", hm)
	}
	pm := regexp.MustCompile(`(?m)^@platforms path (.+)$`).FindStringSubmatch(cf)
	if pm == nil {
		t.Fatal("Caddyfile has no @platforms path matcher")
	}
	patterns := strings.Fields(pm[1])
	public := func(path string) bool {
		for _, p := range patterns {
			if ok, _ := filepath.Match(p, path); ok || p == path {
				return true
			}
		}
		return false
	}
	d := loadConfig(t, "", map[string]string{})
	for _, path := range []string{d.Slack.HTTPPath + "events", d.Slack.HTTPPath + "commands", d.Slack.HTTPPath + "interactions", d.Discord.HTTPPath} {
		if !public(path) {
			t.Errorf("the proxy does not pass %s (patterns %v)", path, patterns)
		}
	}
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		if public(path) {
			t.Errorf("the proxy publishes %s, which must stay internal", path)
		}
	}
}
