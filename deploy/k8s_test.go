package deploy

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// k8sObject is one manifest, with the fields the tests read.
type k8sObject struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name   string            `yaml:"name"`
		Labels map[string]string `yaml:"labels"`
	} `yaml:"metadata"`
	Data       map[string]string `yaml:"data"`
	StringData map[string]string `yaml:"stringData"`
	Spec       struct {
		Replicas    int              `yaml:"replicas"`
		ServiceName string           `yaml:"serviceName"`
		ClusterIP   string           `yaml:"clusterIP"`
		MinAvail    *int             `yaml:"minAvailable"`
		Selector    map[string]any   `yaml:"selector"` // Service: labels; others: matchLabels
		Ports       []k8sServicePort `yaml:"ports"`
		Rules       []k8sIngressRule `yaml:"rules"`
		Template    k8sPodTemplate   `yaml:"template"`
	} `yaml:"spec"`
}

type k8sServicePort struct {
	Name       string `yaml:"name"`
	Port       int    `yaml:"port"`
	TargetPort any    `yaml:"targetPort"`
}

type k8sIngressRule struct {
	HTTP struct {
		Paths []struct {
			Path     string `yaml:"path"`
			PathType string `yaml:"pathType"`
			Backend  struct {
				Service struct {
					Name string `yaml:"name"`
					Port struct {
						Name   string `yaml:"name"`
						Number int    `yaml:"number"`
					} `yaml:"port"`
				} `yaml:"service"`
			} `yaml:"backend"`
		} `yaml:"paths"`
	} `yaml:"http"`
}

type k8sProbe struct {
	HTTPGet struct {
		Path string `yaml:"path"`
		Port any    `yaml:"port"`
	} `yaml:"httpGet"`
}

type k8sContainer struct {
	Name  string   `yaml:"name"`
	Image string   `yaml:"image"`
	Args  []string `yaml:"args"`
	Ports []struct {
		Name          string `yaml:"name"`
		ContainerPort int    `yaml:"containerPort"`
	} `yaml:"ports"`
	Env []struct {
		Name  string `yaml:"name"`
		Value string `yaml:"value"`
	} `yaml:"env"`
	EnvFrom []struct {
		SecretRef struct {
			Name string `yaml:"name"`
		} `yaml:"secretRef"`
	} `yaml:"envFrom"`
	ReadinessProbe *k8sProbe `yaml:"readinessProbe"`
	LivenessProbe  *k8sProbe `yaml:"livenessProbe"`
	StartupProbe   *k8sProbe `yaml:"startupProbe"`
	Resources      struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
	SecurityContext struct {
		AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
		ReadOnlyRootFilesystem   bool  `yaml:"readOnlyRootFilesystem"`
		Capabilities             struct {
			Drop []string `yaml:"drop"`
		} `yaml:"capabilities"`
	} `yaml:"securityContext"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
	} `yaml:"volumeMounts"`
}

type k8sPodTemplate struct {
	Metadata struct {
		Labels map[string]string `yaml:"labels"`
	} `yaml:"metadata"`
	Spec struct {
		NodeSelector    map[string]string `yaml:"nodeSelector"`
		SecurityContext struct {
			RunAsNonRoot bool `yaml:"runAsNonRoot"`
			RunAsUser    int  `yaml:"runAsUser"`
		} `yaml:"securityContext"`
		Containers []k8sContainer `yaml:"containers"`
		Volumes    []struct {
			Name      string `yaml:"name"`
			ConfigMap *struct {
				Name string `yaml:"name"`
			} `yaml:"configMap"`
		} `yaml:"volumes"`
	} `yaml:"spec"`
}

// readK8s returns every object of the kustomization's resources, keyed "Kind/name".
func readK8s(t *testing.T) map[string]k8sObject {
	t.Helper()
	var kust struct {
		Resources []string `yaml:"resources"`
		Images    []struct {
			Name string `yaml:"name"`
		} `yaml:"images"`
	}
	if err := yaml.Unmarshal([]byte(read(t, "deploy/k8s/kustomization.yaml")), &kust); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(root, "deploy", "k8s", "*.yaml"))
	for _, f := range files {
		if b := filepath.Base(f); b != "kustomization.yaml" && !slices.Contains(kust.Resources, b) {
			t.Errorf("deploy/k8s/%s is not listed in kustomization.yaml", b)
		}
	}
	objs := map[string]k8sObject{}
	for _, res := range kust.Resources {
		dec := yaml.NewDecoder(strings.NewReader(read(t, filepath.Join("deploy", "k8s", res))))
		for {
			var o k8sObject
			err := dec.Decode(&o)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("deploy/k8s/%s: %v", res, err)
			}
			if o.Kind == "" || o.Metadata.Name == "" || o.APIVersion == "" {
				t.Fatalf("deploy/k8s/%s: an object without apiVersion, kind or name", res)
			}
			objs[o.Kind+"/"+o.Metadata.Name] = o
		}
	}
	return objs
}

func get(t *testing.T, objs map[string]k8sObject, key string) k8sObject {
	t.Helper()
	o, ok := objs[key]
	if !ok {
		t.Fatalf("no %s in deploy/k8s (have %v)", key, slices.Sorted(maps.Keys(objs)))
	}
	return o
}

// selects reports whether every selector label is on the pod.
func selects(sel map[string]any, pod map[string]string) bool {
	if ml, ok := sel["matchLabels"].(map[string]any); ok {
		sel = ml
	}
	if len(sel) == 0 {
		return false
	}
	for k, v := range sel {
		if pod[k] != fmt.Sprint(v) {
			return false
		}
	}
	return true
}

func TestKubernetes(t *testing.T) {
	objs := readK8s(t)
	dep := get(t, objs, "Deployment/stylist")
	pod := dep.Spec.Template
	if len(pod.Spec.Containers) != 1 {
		t.Fatalf("%d containers", len(pod.Spec.Containers))
	}
	c := pod.Spec.Containers[0]

	// The config: the mounted ConfigMap file with the container's environment
	// (env and the Secret through envFrom) loads and validates in the binary's schema.
	env := map[string]string{}
	for _, ef := range c.EnvFrom {
		for k, v := range get(t, objs, "Secret/"+ef.SecretRef.Name).StringData {
			env[k] = v
		}
	}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	if len(c.Args) != 2 || c.Args[0] != "--config" {
		t.Fatalf("args %v (the image's entrypoint is `stylist serve`)", c.Args)
	}
	mountDir, file := filepath.Split(c.Args[1])
	var cmName string
	for _, m := range c.VolumeMounts {
		if filepath.Clean(m.MountPath) == filepath.Clean(mountDir) {
			for _, v := range pod.Spec.Volumes {
				if v.Name == m.Name && v.ConfigMap != nil {
					cmName = v.ConfigMap.Name
				}
			}
		}
	}
	if cmName == "" {
		t.Fatalf("no ConfigMap mounted at %s", mountDir)
	}
	content, ok := get(t, objs, "ConfigMap/"+cmName).Data[file]
	if !ok {
		t.Fatalf("ConfigMap %s has no %s", cmName, file)
	}
	path := filepath.Join(t.TempDir(), file)
	writeFile(t, path, content)
	cfg := loadConfig(t, path, env)
	checkStoreURL(t, env["STYLIST_STORE__URL"], hostOf(t, env["STYLIST_STORE__URL"]), "5432", nil)

	t.Run("ports", func(t *testing.T) {
		port := listenPort(t, cfg)
		if port != dockerfilePort(t) || len(c.Ports) != 1 || c.Ports[0].ContainerPort != port {
			t.Errorf("container ports %v, server.listen port %d, image EXPOSE %d", c.Ports, port, dockerfilePort(t))
		}
		svc := get(t, objs, "Service/stylist")
		if !selects(svc.Spec.Selector, pod.Metadata.Labels) || len(svc.Spec.Ports) != 1 || fmt.Sprint(svc.Spec.Ports[0].TargetPort) != c.Ports[0].Name {
			t.Errorf("Service selector %v / ports %v do not reach the pods' port %q", svc.Spec.Selector, svc.Spec.Ports, c.Ports[0].Name)
		}
	})
	t.Run("probes", func(t *testing.T) {
		for name, p := range map[string]*k8sProbe{"readiness": c.ReadinessProbe, "liveness": c.LivenessProbe} {
			want := map[string]string{"readiness": "/readyz", "liveness": "/healthz"}[name]
			if p == nil || p.HTTPGet.Path != want || fmt.Sprint(p.HTTPGet.Port) != c.Ports[0].Name {
				t.Errorf("%s probe %+v, want GET %s on port %q", name, p, want, c.Ports[0].Name)
			}
		}
		for _, p := range []*k8sProbe{c.ReadinessProbe, c.LivenessProbe, c.StartupProbe} {
			if p != nil && !served(t, p.HTTPGet.Path) {
				t.Errorf("probe path %s is not served by stylist serve", p.HTTPGet.Path)
			}
		}
	})
	t.Run("replicas and disruption budget", func(t *testing.T) {
		pdb := get(t, objs, "PodDisruptionBudget/stylist")
		if dep.Spec.Replicas < 2 || pdb.Spec.MinAvail == nil || *pdb.Spec.MinAvail < 1 || *pdb.Spec.MinAvail >= dep.Spec.Replicas {
			t.Errorf("replicas %d, PDB minAvailable %v", dep.Spec.Replicas, pdb.Spec.MinAvail)
		}
		if !selects(pdb.Spec.Selector, pod.Metadata.Labels) || !selects(dep.Spec.Selector, pod.Metadata.Labels) {
			t.Error("the PDB or Deployment selector does not match the pods")
		}
		if cfg.Store.Path != "" {
			t.Errorf("store.path %q: replicas share PostgreSQL (store.url)", cfg.Store.Path)
		}
	})
	t.Run("security and resources", func(t *testing.T) {
		uid := regexp.MustCompile(`useradd [^\n]*--uid (\d+)`).FindStringSubmatch(read(t, "Dockerfile"))
		if !pod.Spec.SecurityContext.RunAsNonRoot || uid == nil || strconv.Itoa(pod.Spec.SecurityContext.RunAsUser) != uid[1] {
			t.Errorf("pod securityContext %+v, image uid %v", pod.Spec.SecurityContext, uid)
		}
		sc := c.SecurityContext
		if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation || !sc.ReadOnlyRootFilesystem || !slices.Equal(sc.Capabilities.Drop, []string{"ALL"}) {
			t.Errorf("container securityContext %+v", sc)
		}
		if c.Resources.Requests["cpu"] == "" || c.Resources.Requests["memory"] == "" || c.Resources.Limits["memory"] == "" {
			t.Errorf("resources %+v", c.Resources)
		}
	})
	t.Run("ingress", func(t *testing.T) {
		var paths []string
		for _, r := range get(t, objs, "Ingress/stylist").Spec.Rules {
			for _, p := range r.HTTP.Paths {
				paths = append(paths, p.Path)
				if p.Backend.Service.Name != "stylist" || p.Backend.Service.Port.Name != get(t, objs, "Service/stylist").Spec.Ports[0].Name {
					t.Errorf("path %s goes to %+v", p.Path, p.Backend.Service)
				}
			}
		}
		want := []string{}
		if cfg.Slack.Enabled && cfg.Slack.Mode == "http" {
			want = append(want, cfg.Slack.HTTPPath)
		}
		if cfg.Discord.Enabled && cfg.Discord.Mode == "http" {
			want = append(want, cfg.Discord.HTTPPath)
		}
		if len(want) == 0 || !slices.Equal(sorted(paths), sorted(want)) {
			t.Errorf("Ingress paths %v, want the enabled HTTP modes' paths %v", paths, want)
		}
		for _, p := range paths {
			for _, internal := range []string{"/healthz", "/readyz", "/metrics"} {
				if p == "/" || strings.HasPrefix(internal, p) {
					t.Errorf("Ingress path %s publishes %s", p, internal)
				}
			}
		}
	})
	t.Run("ollama tier", func(t *testing.T) {
		sts := get(t, objs, "StatefulSet/ollama")
		svc := get(t, objs, "Service/"+sts.Spec.ServiceName)
		if svc.Spec.ClusterIP != "None" || !selects(svc.Spec.Selector, sts.Spec.Template.Metadata.Labels) {
			t.Errorf("Service %s must be headless and select the Ollama pods", sts.Spec.ServiceName)
		}
		oc := sts.Spec.Template.Spec.Containers[0]
		if !strings.HasPrefix(oc.Image, "ollama/ollama:") || oc.Image != readCompose(t).Services["ollama"].Image {
			t.Errorf("Ollama image %q differs from compose's", oc.Image)
		}
		if oc.Resources.Limits["nvidia.com/gpu"] == "" || len(sts.Spec.Template.Spec.NodeSelector) == 0 {
			t.Errorf("Ollama pods request no GPU (%v) or have no node selector", oc.Resources.Limits)
		}
		// llm.urls: every entry is one pod of the StatefulSet, on its port; together all of them.
		var got []string
		for _, raw := range strings.Split(env["STYLIST_LLM__URLS"], ",") {
			u, err := url.Parse(strings.TrimSpace(raw))
			if err != nil || u.Port() != strconv.Itoa(svc.Spec.Ports[0].Port) || u.Port() != strconv.Itoa(oc.Ports[0].ContainerPort) {
				t.Errorf("llm.urls entry %q: not on the Ollama port", raw)
				continue
			}
			got = append(got, u.Hostname())
		}
		var want []string
		for i := range sts.Spec.Replicas {
			want = append(want, fmt.Sprintf("%s-%d.%s", sts.Metadata.Name, i, sts.Spec.ServiceName))
		}
		if !slices.Equal(sorted(got), want) {
			t.Errorf("llm.urls hosts %v, want every Ollama pod %v", got, want)
		}
	})
}

func hostOf(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		t.Fatalf("STYLIST_STORE__URL %q has no host", raw)
	}
	return u.Hostname()
}
