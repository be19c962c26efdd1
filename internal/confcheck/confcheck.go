// Package confcheck is the one configuration error type and the small checks
// every package's Config.Validate is written with. A ConfigError names the key
// as it is spelled in the configuration file, relative to the section the
// package owns ("http_path"); configs adds the section ("slack.http_path") with
// In, so the operator reads the exact key to fix.
package confcheck

import (
	"errors"
	"fmt"
	"strings"
	"text/template"
	"time"
)

// ConfigError names a configuration key and what is wrong with it.
type ConfigError struct {
	Key    string // dotted key path, e.g. "slack.http_path"
	Reason string // what is wrong, e.g. "must start with /"
	Err    error  // the underlying error, if any (see Wrap)
}

// Error implements error: "slack.http_path: must start with /".
func (e *ConfigError) Error() string { return e.Key + ": " + e.Reason }

// Unwrap returns the underlying error.
func (e *ConfigError) Unwrap() error { return e.Err }

// Wrap blames key for err (for failures found when a value is used, e.g. a
// listen address already in use); errors.Is and errors.As still see err.
func Wrap(key string, err error) error {
	if err == nil {
		return nil
	}
	return &ConfigError{Key: key, Reason: err.Error(), Err: err}
}

// In prefixes the key of every ConfigError inside err (joined errors included)
// with section and a dot; other errors are returned as they are.
func In(section string, err error) error {
	if err == nil {
		return nil
	}
	var ce *ConfigError
	if errors.As(err, &ce) && ce == err {
		return &ConfigError{Key: join(section, ce.Key), Reason: ce.Reason, Err: ce.Err}
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, In(section, e))
		}
		return errors.Join(out...)
	}
	return &ConfigError{Key: section, Reason: err.Error(), Err: err}
}

func join(section, key string) string {
	if key == "" {
		return section
	}
	if section == "" {
		return key
	}
	return section + "." + key
}

// Checker collects ConfigErrors; the zero value is ready to use.
type Checker struct{ errs []error }

// Err returns every collected error joined, or nil.
func (c *Checker) Err() error { return errors.Join(c.errs...) }

// Add records that key is wrong for reason.
func (c *Checker) Add(key, reason string) {
	c.errs = append(c.errs, &ConfigError{Key: key, Reason: reason})
}

// Nest records err (typically another Config's Validate) under section.
func (c *Checker) Nest(section string, err error) {
	if err != nil {
		c.errs = append(c.errs, In(section, err))
	}
}

// Check records reason when ok is false.
func (c *Checker) Check(key string, ok bool, reason string) {
	if !ok {
		c.Add(key, reason)
	}
}

// NonEmpty requires a non-blank string.
func (c *Checker) NonEmpty(key, s string) {
	c.Check(key, strings.TrimSpace(s) != "", "must not be empty")
}

// AtLeast requires n >= lo.
func (c *Checker) AtLeast(key string, n, lo int) {
	c.Check(key, n >= lo, fmt.Sprintf("is %d, must be >= %d", n, lo))
}

// Between requires lo <= n <= hi.
func (c *Checker) Between(key string, n, lo, hi int) {
	c.Check(key, n >= lo && n <= hi, fmt.Sprintf("is %d, must be between %d and %d", n, lo, hi))
}

// FloatBetween requires lo <= x <= hi.
func (c *Checker) FloatBetween(key string, x, lo, hi float64) {
	c.Check(key, x >= lo && x <= hi, fmt.Sprintf("is %g, must be between %g and %g", x, lo, hi))
}

// Positive requires a duration > 0.
func (c *Checker) Positive(key string, d time.Duration) {
	c.Check(key, d > 0, fmt.Sprintf("is %s, must be a positive duration such as 30s", d))
}

// NotNegative requires a duration >= 0 (0 usually disables something).
func (c *Checker) NotNegative(key string, d time.Duration) {
	c.Check(key, d >= 0, fmt.Sprintf("is %s, must be >= 0", d))
}

// OneOf requires s to be one of allowed.
func (c *Checker) OneOf(key, s string, allowed ...string) {
	for _, a := range allowed {
		if s == a {
			return
		}
	}
	c.Add(key, fmt.Sprintf("is %q, must be one of %s", s, strings.Join(allowed, ", ")))
}

// Prefix requires s to start with p (values are never echoed: they may be secrets).
func (c *Checker) Prefix(key, s, p string) {
	c.Check(key, strings.HasPrefix(s, p), fmt.Sprintf("must be set and start with %q", p))
}

// Template requires s to parse as a Go text/template (empty is fine).
func (c *Checker) Template(key, s string) {
	if s == "" {
		return
	}
	if _, err := template.New(key).Parse(s); err != nil {
		c.Add(key, "bad template: "+err.Error())
	}
}

// NoEmptyEntries requires every list entry to be non-empty.
func (c *Checker) NoEmptyEntries(key string, list []string) {
	for i, s := range list {
		c.Check(fmt.Sprintf("%s[%d]", key, i), strings.TrimSpace(s) != "", "must not be empty")
	}
}
