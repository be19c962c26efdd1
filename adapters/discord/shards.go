package discordadapter

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// shard is one gateway connection of this process: Discord sends the events of
// guild g to shard (g >> 22) % shard_count, and DMs to shard 0.
type shard struct {
	id     int
	s      *discordgo.Session
	status atomic.Pointer[error] // nil = connected
}

func newShard(id int, s *discordgo.Session) *shard {
	sh := &shard{id: id, s: s}
	sh.setStatus(errors.New("starting"))
	return sh
}

func (sh *shard) setStatus(err error) {
	if err == nil {
		sh.status.Store(nil)
		return
	}
	sh.status.Store(&err)
}

// openShards installs the event handlers and opens every shard's gateway, the
// first connections spaced by IdentifyInterval (Discord's identify rate limit).
// Each shard retries on its own; it reports false when ctx ended or Stop was
// called before every shard opened.
func (a *Adapter) openShards(ctx context.Context) bool {
	var wg sync.WaitGroup
	var opened atomic.Int32
	for i, sh := range a.shards {
		sh.s.AddHandler(a.onEvent)
		sh.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
			if !a.isStopped() {
				sh.setStatus(errors.New("gateway disconnected; reconnecting"))
				a.log.Warn("gateway disconnected; discordgo reconnects", "shard", sh.id)
			}
		})
		sh.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) {
			sh.setStatus(nil)
			a.log.Info("gateway resumed", "shard", sh.id)
		})
		sh.s.AddHandler(func(s *discordgo.Session, _ *discordgo.Ready) { a.learnIdentity(s); sh.setStatus(nil) })
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !a.sleep(ctx, a.cfg.IdentifyInterval*time.Duration(i)) || !a.openGateway(ctx, sh) {
				return
			}
			opened.Add(1)
			sh.setStatus(nil)
			a.learnIdentity(sh.s)
			a.log.Info("gateway connected", "bot", a.botUserID(), "shard", sh.id, "shards", a.cfg.ShardCount)
		}()
	}
	wg.Wait()
	return int(opened.Load()) == len(a.shards)
}

// closeShards closes every shard's gateway connection (concurrently: discordgo
// waits up to 1 s for each close handshake) and returns the first error.
func (a *Adapter) closeShards() error {
	errs := make([]error, len(a.shards))
	var wg sync.WaitGroup
	for i, sh := range a.shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := sh.s.Close(); err != nil {
				errs[i] = fmt.Errorf("shard %d: %w", sh.id, err)
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// shardStatus joins the shards' statuses; with several shards each is prefixed
// "shard N: ". nil when every shard is connected (and always in http mode).
func (a *Adapter) shardStatus() error {
	var msgs []string
	for _, sh := range a.shards {
		p := sh.status.Load()
		if p == nil {
			continue
		}
		if a.cfg.ShardCount == 1 {
			return *p
		}
		msgs = append(msgs, fmt.Sprintf("shard %d: %v", sh.id, *p))
	}
	if len(msgs) == 0 {
		return nil
	}
	return errors.New(strings.Join(msgs, "; "))
}

// runsShardZero reports whether this process runs shard 0 (always in http mode):
// that process registers the commands, and receives DMs.
func (a *Adapter) runsShardZero() bool {
	return a.cfg.Mode != ModeGateway || slices.ContainsFunc(a.shards, func(sh *shard) bool { return sh.id == 0 })
}

// states returns the gateway caches of this process's shards (a guild's channels,
// members and roles are in the state of the shard the guild is on).
func (a *Adapter) states() []*discordgo.State {
	var out []*discordgo.State
	for _, sh := range a.shards {
		if sh.s.State != nil {
			out = append(out, sh.s.State)
		}
	}
	return out
}
