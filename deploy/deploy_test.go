// Package deploy holds deployment files (compose, Kubernetes manifests, app
// manifests); its tests check that the Dockerfile, scripts/docker-steps.sh (which
// runs the Dockerfile's steps where no Docker engine is available),
// deploy/compose.yaml and deploy/k8s agree with each other and with the binary:
// commands, ports, config keys (loaded and validated by package configs) and probes.
package deploy

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const root = ".."

func read(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// stage is one FROM section of the Dockerfile with its instructions
// (continuation lines joined, comments dropped).
type stage struct {
	from  string
	instr []string
}

func parseDockerfile(t *testing.T) (args map[string]string, stages []stage) {
	t.Helper()
	args = map[string]string{}
	var lines []string
	cur := ""
	for _, l := range strings.Split(read(t, "Dockerfile"), "\n") {
		s := strings.TrimSpace(l)
		if strings.HasPrefix(s, "#") || (s == "" && cur == "") {
			continue
		}
		if strings.HasSuffix(s, "\\") {
			cur += strings.TrimSuffix(s, "\\") + " "
			continue
		}
		lines = append(lines, strings.TrimSpace(cur+s))
		cur = ""
	}
	for _, l := range lines {
		word, rest, _ := strings.Cut(l, " ")
		switch strings.ToUpper(word) {
		case "ARG":
			if k, v, ok := strings.Cut(rest, "="); ok && len(stages) == 0 {
				args[k] = v
			}
		case "FROM":
			stages = append(stages, stage{from: rest})
		default:
			if len(stages) > 0 {
				stages[len(stages)-1].instr = append(stages[len(stages)-1].instr, l)
			}
		}
	}
	return args, stages
}

// aptPackages returns the packages of every "apt-get install" in the stage's RUN lines.
func (s stage) aptPackages() []string {
	var pkgs []string
	for _, in := range s.instr {
		if !strings.HasPrefix(in, "RUN ") {
			continue
		}
		for _, cmd := range strings.Split(in, "&&") {
			f := strings.Fields(cmd)
			i := slices.Index(f, "install")
			if i < 0 || !slices.Contains(f[:i], "apt-get") {
				continue
			}
			for _, w := range f[i+1:] {
				if !strings.HasPrefix(w, "-") {
					pkgs = append(pkgs, w)
				}
			}
		}
	}
	slices.Sort(pkgs)
	return pkgs
}

func (s stage) find(prefix string) string {
	for _, in := range s.instr {
		if strings.HasPrefix(in, prefix) {
			return in
		}
	}
	return ""
}

// scriptArray returns the words of a bash array assignment NAME=(...) in the script.
func scriptArray(t *testing.T, script, name string) []string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + name + `=\((.*)\)`).FindStringSubmatch(script)
	if m == nil {
		t.Fatalf("scripts/docker-steps.sh has no %s=(...)", name)
	}
	var words []string
	for _, w := range regexp.MustCompile(`"[^"]*"|\S+`).FindAllString(m[1], -1) {
		words = append(words, strings.Trim(w, `"`))
	}
	return words
}

func sorted(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

func TestDockerfileAndScriptAgree(t *testing.T) {
	args, stages := parseDockerfile(t)
	script := read(t, "scripts/docker-steps.sh")
	if len(stages) != 2 {
		t.Fatalf("%d stages, want build + runtime", len(stages))
	}
	build, runtime := stages[0], stages[1]

	t.Run("go version", func(t *testing.T) {
		m := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(read(t, "go.mod"))
		if m == nil || args["GO_VERSION"] != m[1] {
			t.Fatalf("Dockerfile GO_VERSION %q, go.mod go %v", args["GO_VERSION"], m)
		}
		if build.from != "golang:${GO_VERSION}-bookworm AS build" || runtime.from != "debian:bookworm-slim" {
			t.Fatalf("base images %q / %q", build.from, runtime.from)
		}
	})
	t.Run("apt packages", func(t *testing.T) {
		if got, want := build.aptPackages(), sorted(scriptArray(t, script, "BUILD_PKGS")); !slices.Equal(got, want) {
			t.Errorf("build stage installs %v, the script %v", got, want)
		}
		if got, want := runtime.aptPackages(), sorted(scriptArray(t, script, "RUNTIME_PKGS")); !slices.Equal(got, want) {
			t.Errorf("runtime stage installs %v, the script %v", got, want)
		}
		for _, p := range []string{"libfaiss-dev", "libopenblas-dev", "g++"} {
			if !slices.Contains(build.aptPackages(), p) {
				t.Errorf("build stage lacks %s", p)
			}
		}
	})
	t.Run("go build flags", func(t *testing.T) {
		run := build.find("RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build")
		m := regexp.MustCompile(`go build (.*) -o /out/stylist \./cmd/stylist$`).FindStringSubmatch(run)
		if m == nil {
			t.Fatalf("no go build in %q", run)
		}
		var docker []string
		for _, w := range regexp.MustCompile(`\S+="[^"]*"|\S+`).FindAllString(m[1], -1) {
			docker = append(docker, strings.ReplaceAll(w, `"`, ""))
		}
		if want := scriptArray(t, script, "GO_BUILD_FLAGS"); !slices.Equal(docker, want) {
			t.Fatalf("Dockerfile builds with %q, the script with %q", docker, want)
		}
		if !strings.Contains(build.find("ENV "), "CGO_ENABLED=1") || !strings.Contains(script, "CGO_ENABLED=1 GOTOOLCHAIN=local go build") {
			t.Fatal("both must build with cgo and the local toolchain")
		}
	})
	t.Run("index and library checks", func(t *testing.T) {
		if build.find("RUN /out/stylist index --out /out/demo-index") == "" || !strings.Contains(script, `"$bin" index --out "$out/demo-index"`) {
			t.Error("both must build the demo index with `stylist index --out`")
		}
		if !strings.Contains(build.find("RUN ! ldd"), "libfaiss") || !strings.Contains(script, "grep -q libfaiss") {
			t.Error("both must check that FAISS is linked statically")
		}
		if !strings.Contains(runtime.find("RUN ! ldd"), "not found") || !strings.Contains(script, `grep -q "not found"`) {
			t.Error("both must check that every library resolves")
		}
	})
	t.Run("runtime image", func(t *testing.T) {
		want := map[string]string{
			"ENTRYPOINT":  `ENTRYPOINT ["stylist", "serve"]`,
			"EXPOSE":      "EXPOSE 8080",
			"USER":        "USER stylist",
			"HEALTHCHECK": `CMD ["stylist", "healthcheck"]`,
		}
		for k, w := range want {
			if got := runtime.find(k); !strings.Contains(got, w) {
				t.Errorf("%s: %q, want %q", k, got, w)
			}
		}
		env := runtime.find("ENV ")
		for _, kv := range []string{"STYLIST_SERVER__LISTEN=0.0.0.0:8080", "STYLIST_INDEX__DIR=/opt/stylist/demo-index", "STYLIST_STORE__PATH=/var/lib/stylist/"} {
			if !strings.Contains(env, kv) {
				t.Errorf("ENV lacks %s", kv)
			}
		}
		if !strings.Contains(script, "for sub in serve healthcheck") {
			t.Error("the script does not check that `stylist serve` and `stylist healthcheck` exist")
		}
	})
}

// TestImageSubcommandsExist checks that the CLI has the commands the image runs.
func TestImageSubcommandsExist(t *testing.T) {
	src := ""
	files, _ := filepath.Glob(filepath.Join(root, "cmd", "stylist", "*.go"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src += string(b)
	}
	for _, sub := range []string{"serve", "healthcheck", "index"} {
		if !regexp.MustCompile(`Use:\s+"` + sub + `\b`).MatchString(src) {
			t.Errorf("cmd/stylist has no %q command, which the Dockerfile uses", sub)
		}
	}
}

func TestDockerignoreKeepsBuildInputs(t *testing.T) {
	var patterns []string
	for _, l := range strings.Split(read(t, ".dockerignore"), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			patterns = append(patterns, l)
		}
	}
	for _, p := range []string{"go.mod", "go.sum", "cmd/stylist/main.go", "catalog/article.go", "prompts/templates/category.tmpl", "index/faiss/shim.cpp", "catalog/demo/articles.csv.gz", "bench/faiss_compare.py"} {
		for _, pat := range patterns {
			if ok, _ := filepath.Match(strings.TrimSuffix(pat, "/"), p); ok || strings.HasPrefix(p, strings.TrimSuffix(pat, "/")+"/") {
				t.Errorf(".dockerignore pattern %q drops %s, which the build needs", pat, p)
			}
		}
	}
}
