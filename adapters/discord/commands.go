package discordadapter

import (
	"context"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// Command layout: "/<name> request:<text>" asks the stylist; "/<name>-help" shows help.
const (
	optionRequest    = "request"
	helpSuffix       = "-help"
	maxRequestOption = 500 // client-side max_length of the request option
)

// Commands returns the application commands the adapter registers.
func Commands(cfg Config) []*discordgo.ApplicationCommand {
	// Usable in guilds and in DMs with the bot (dm_permission; discordgo v0.28.1
	// has no "contexts" field, which says the same for guild and bot DM).
	dm, dm2 := true, true
	return []*discordgo.ApplicationCommand{
		{
			Type:         discordgo.ChatApplicationCommand,
			Name:         cfg.CommandName,
			Description:  "Ask the stylist for outfit ideas from the catalog",
			DMPermission: &dm,
			Options: []*discordgo.ApplicationCommandOption{{
				Type:        discordgo.ApplicationCommandOptionString,
				Name:        optionRequest,
				Description: "What are you looking for? e.g. a linen shirt for a summer wedding",
				Required:    true,
				MaxLength:   maxRequestOption,
			}},
		},
		{
			Type:         discordgo.ChatApplicationCommand,
			Name:         cfg.CommandName + helpSuffix,
			Description:  "How to use the stylist",
			DMPermission: &dm2,
		},
	}
}

// RegisterCommands makes the registered commands match Commands, globally or in each of
// GuildIDs. It lists the existing commands and upserts (POST) only the missing or
// different ones, so a restart with unchanged commands makes no writes and other
// commands of the application are left alone.
func (a *Adapter) RegisterCommands(ctx context.Context) error {
	app := a.applicationID()
	if app == "" {
		return ErrNotStarted
	}
	scopes := a.cfg.GuildIDs
	if len(scopes) == 0 {
		scopes = []string{""}
	}
	for _, guild := range scopes {
		existing, err := callValue(ctx, a, "list commands", func(o ...discordgo.RequestOption) ([]*discordgo.ApplicationCommand, error) {
			return a.s.ApplicationCommands(app, guild, o...)
		})
		if err != nil {
			return err
		}
		for _, want := range Commands(a.cfg) {
			i := slices.IndexFunc(existing, func(c *discordgo.ApplicationCommand) bool { return c != nil && c.Name == want.Name })
			if i >= 0 && sameCommand(existing[i], want) {
				continue
			}
			if _, err := callValue(ctx, a, "upsert command", func(o ...discordgo.RequestOption) (*discordgo.ApplicationCommand, error) {
				return a.s.ApplicationCommandCreate(app, guild, want, o...)
			}); err != nil {
				return err
			}
			a.log.Info("slash command registered", "command", want.Name, "guild", guild)
		}
	}
	return nil
}

// sameCommand compares the fields the adapter sets.
func sameCommand(have, want *discordgo.ApplicationCommand) bool {
	t := have.Type
	if t == 0 {
		t = discordgo.ChatApplicationCommand
	}
	if t != want.Type || have.Name != want.Name || have.Description != want.Description {
		return false
	}
	if (have.DMPermission == nil || *have.DMPermission) != (want.DMPermission == nil || *want.DMPermission) {
		return false
	}
	return sameOptions(have.Options, want.Options)
}

func sameOptions(a, b []*discordgo.ApplicationCommandOption) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x == nil || y == nil {
			return x == y
		}
		if x.Type != y.Type || x.Name != y.Name || x.Description != y.Description ||
			x.Required != y.Required || x.MaxLength != y.MaxLength || !sameOptions(x.Options, y.Options) {
			return false
		}
	}
	return true
}
