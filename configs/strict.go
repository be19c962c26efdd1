package configs

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
)

var durationType = reflect.TypeOf(time.Duration(0))

// checkType is strict decoding: it returns why v cannot be a value of type t
// ("" when it can). YAML numbers must fit the type exactly (2.7 is not an int, 5
// is not a list); strings, as environment variables and flags give them, must
// parse as the type.
func checkType(t reflect.Type, v any) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == durationType:
		switch x := v.(type) {
		case string:
			if _, err := time.ParseDuration(x); err != nil {
				return fmt.Sprintf("%q is not a duration (use a unit, e.g. 30s, 5m, 24h)", x)
			}
			return ""
		case int:
			if x == 0 {
				return ""
			}
		case float64:
			if x == 0 {
				return ""
			}
		}
		return fmt.Sprintf("%v must be a duration with a unit, e.g. 30s, 5m, 24h", v)
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		switch x := v.(type) {
		case int, int64, uint64:
			return ""
		case float64:
			if x == math.Trunc(x) && !math.IsInf(x, 0) {
				return ""
			}
		case string:
			if _, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64); err == nil {
				return ""
			}
		}
		return fmt.Sprintf("is %v, must be a whole number", show(v))
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		switch x := v.(type) {
		case int, int64, uint64, float64:
			return ""
		case string:
			if _, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil {
				return ""
			}
		}
		return fmt.Sprintf("is %v, must be a number", show(v))
	case t.Kind() == reflect.Bool:
		switch x := v.(type) {
		case bool:
			return ""
		case string:
			if _, err := strconv.ParseBool(strings.TrimSpace(x)); err == nil {
				return ""
			}
		}
		return fmt.Sprintf("is %v, must be true or false", show(v))
	case t.Kind() == reflect.String:
		if _, ok := v.(string); ok {
			return ""
		}
		return fmt.Sprintf("is %v, must be a string (quote it)", show(v))
	case t.Kind() == reflect.Slice:
		switch x := v.(type) {
		case []string, nil:
			return ""
		case string: // a comma-separated list
			return ""
		case []any:
			for i, e := range x {
				if r := checkType(t.Elem(), e); r != "" {
					return fmt.Sprintf("entry %d %s", i, r)
				}
			}
			return ""
		}
		return fmt.Sprintf("is %v, must be a list, e.g. [a, b]", show(v))
	case t.Kind() == reflect.Map:
		if _, ok := v.(map[string]any); ok || v == nil {
			return ""
		}
		return fmt.Sprintf("is %v, must be a map of names to settings", show(v))
	}
	return ""
}

func show(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}
