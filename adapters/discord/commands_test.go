package discordadapter

import (
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/adapters/discord/discordtest"
)

func TestRegisterCommandsIsIdempotent(t *testing.T) {
	tests := []struct {
		name   string
		guilds []string
		prefix string
	}{
		{"global", nil, "/api/v9/applications/" + discordtest.AppID + "/commands"},
		{"guild", []string{fxGuild}, "/api/v9/applications/" + discordtest.AppID + "/guilds/" + fxGuild + "/commands"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, srv := newTestAdapter(t, newFakeCore(answerWith()), func(c *Config) { c.GuildIDs = tt.guilds })
			scope := ""
			if len(tt.guilds) > 0 {
				scope = tt.guilds[0]
			}
			other := &discordgo.ApplicationCommand{ID: "5", Name: "other", Description: "not ours", Type: 1}
			srv.SetCommands(scope, []*discordgo.ApplicationCommand{other})

			if err := a.RegisterCommands(t.Context()); err != nil {
				t.Fatal(err)
			}
			posts := 0
			for _, r := range srv.Requests() {
				if r.Path != tt.prefix {
					t.Errorf("request to %s", r.Path)
				}
				if r.Method == "POST" {
					posts++
				}
				if r.Method == "PUT" || r.Method == "DELETE" {
					t.Errorf("%s would touch other commands", r.Method)
				}
			}
			if posts != 2 {
				t.Errorf("first start: %d upserts, want 2", posts)
			}
			cmds := srv.Commands(scope)
			if len(cmds) != 3 || cmds[0].Name != "other" || cmds[1].Name != "outfit" || cmds[2].Name != "outfit-help" {
				t.Fatalf("registered: %+v", cmds)
			}
			opt := cmds[1].Options[0]
			if opt.Name != "request" || opt.Type != discordgo.ApplicationCommandOptionString || !opt.Required {
				t.Errorf("request option = %+v", opt)
			}

			srv.Reset()
			if err := a.RegisterCommands(t.Context()); err != nil {
				t.Fatal(err)
			}
			if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Method != "GET" {
				t.Errorf("second start with unchanged commands: %v", paths(reqs))
			}

			cmds[2].Description = "stale text"
			srv.SetCommands(scope, cmds)
			srv.Reset()
			if err := a.RegisterCommands(t.Context()); err != nil {
				t.Fatal(err)
			}
			reqs := srv.Requests()
			if len(reqs) != 2 || reqs[1].Method != "POST" || body(t, reqs[1])["name"] != "outfit-help" {
				t.Errorf("changed command: %v", paths(reqs))
			}
		})
	}
}
