package confcheck

import (
	"errors"
	"io/fs"
	"testing"
)

func TestNestPrefixesEveryKey(t *testing.T) {
	var inner Checker
	inner.Between("workers", 0, 1, 8)
	inner.Add("", "whole section")
	var v Checker
	v.Nest("bot", inner.Err())
	v.Nest("store", Wrap("path", fs.ErrPermission))
	v.Nest("llm", errors.New("plain"))
	err := v.Err()
	want := "bot.workers: is 0, must be between 1 and 8\nbot: whole section\nstore.path: permission denied\nllm: plain"
	if err == nil || err.Error() != want {
		t.Fatalf("got %q\nwant %q", err, want)
	}
	if !errors.Is(err, fs.ErrPermission) {
		t.Fatal("Wrap lost the underlying error")
	}
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Key != "bot.workers" {
		t.Fatalf("first ConfigError %+v", ce)
	}
	if (&Checker{}).Err() != nil || In("x", nil) != nil || Wrap("x", nil) != nil {
		t.Fatal("no error must stay nil")
	}
}
