package discordadapter

import (
	"net/http"
	"net/url"
	"strings"
)

// withBaseURL returns a copy of c whose requests to discord.com go to base
// instead (scheme, host and a path prefix; the API path is kept). discordgo's
// endpoints are package constants, so the base URL is applied in the transport.
func withBaseURL(c *http.Client, base *url.URL) *http.Client {
	cc := *c
	rt := c.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	cc.Transport = &baseURLTransport{base: base, rt: rt}
	return &cc
}

type baseURLTransport struct {
	base *url.URL
	rt   http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *baseURLTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if h := r.URL.Hostname(); h != "discord.com" && h != "discordapp.com" {
		return t.rt.RoundTrip(r)
	}
	r2 := r.Clone(r.Context())
	r2.URL.Scheme, r2.URL.Host, r2.Host = t.base.Scheme, t.base.Host, t.base.Host
	r2.URL.Path = strings.TrimSuffix(t.base.Path, "/") + r.URL.Path
	if r.URL.RawPath != "" {
		r2.URL.RawPath = strings.TrimSuffix(t.base.EscapedPath(), "/") + r.URL.RawPath
	}
	return t.rt.RoundTrip(r2)
}
