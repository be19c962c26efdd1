package discordadapter

import (
	"context"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/bot"
)

// chanInfo is what the adapter needs to know about a channel.
type chanInfo struct {
	ID       string
	ParentID string // for threads: the channel the thread lives in
	OwnerID  string // for threads: who started it
	Thread   bool
}

func infoFrom(c *discordgo.Channel) chanInfo {
	return chanInfo{ID: c.ID, ParentID: c.ParentID, OwnerID: c.OwnerID, Thread: c.IsThread()}
}

// lookupChannel answers from the payload hint, the thread cache and the gateway state, without I/O.
func (a *Adapter) lookupChannel(id string, hint *discordgo.Channel) (chanInfo, bool) {
	if ci, ok := a.channels.get(id); ok {
		return ci, true
	}
	if hint != nil && hint.ID == id {
		ci := infoFrom(hint)
		a.channels.put(ci)
		return ci, true
	}
	for _, st := range a.states() {
		if c, err := st.Channel(id); err == nil && c != nil {
			return infoFrom(c), true
		}
	}
	return chanInfo{ID: id}, false
}

// resolveChannel is lookupChannel falling back to GET /channels/{id}; unknown channels count as plain channels.
func (a *Adapter) resolveChannel(ctx context.Context, id string, hint *discordgo.Channel) chanInfo {
	if ci, ok := a.lookupChannel(id, hint); ok {
		return ci
	}
	if a.cfg.Token == "" {
		return chanInfo{ID: id}
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	c, err := callValue(ctx, a, "get channel", func(o ...discordgo.RequestOption) (*discordgo.Channel, error) {
		return a.s.Channel(id, o...)
	})
	if err != nil || c == nil {
		a.log.Debug("channel lookup failed", "channel", id, "err", err)
		return chanInfo{ID: id}
	}
	ci := infoFrom(c)
	a.channels.put(ci)
	return ci
}

// channelCache remembers channels and threads the adapter resolved or created; it is
// cleared when it grows past maxCachedChannels (a cheap bound; misses only cost a lookup).
type channelCache struct {
	mu sync.RWMutex
	m  map[string]chanInfo
}

const maxCachedChannels = 20000

func (c *channelCache) get(id string) (chanInfo, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	ci, ok := c.m[id]
	return ci, ok
}

func (c *channelCache) put(ci chanInfo) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedChannels {
		c.m = make(map[string]chanInfo)
	}
	c.m[ci.ID] = ci
}

// conversation maps a Discord channel to the neutral conversation: threads become
// Channel = parent, Thread = thread id; DMs have no workspace.
func conversation(guildID string, ci chanInfo) bot.Conversation {
	c := bot.Conversation{Platform: bot.PlatformDiscord, Workspace: guildID, Channel: ci.ID}
	if ci.Thread && ci.ParentID != "" {
		c.Channel, c.Thread = ci.ParentID, ci.ID
	}
	return c
}
