package store

// testConv is a conversation as the tests describe it (the store knows no bot types).
type testConv struct{ Platform, Workspace, Channel, Thread string }

// Key mirrors the core's conversation key.
func (c testConv) Key() string {
	return c.Platform + "/" + c.Workspace + "/" + c.Channel + "/" + c.Thread
}
