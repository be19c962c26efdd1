package discordtest

import (
	"encoding/json"
	"strings"
)

// Ids used by the payload builders.
const (
	GuildID   = "1100000000000000001"
	ChannelID = "1100000000000000010"
	UserID    = "1400000000000000001"
	RoleID    = "1100000000000000100"
	DMID      = "1600000000000000001"
)

// Token returns the interaction token the builders give interaction id.
func Token(id string) string { return "token-" + id }

func user() map[string]any {
	return map[string]any{"id": UserID, "username": "alex", "global_name": "Alex", "discriminator": "0", "avatar": nil, "public_flags": 0}
}

func member() map[string]any {
	return map[string]any{"user": user(), "roles": []string{RoleID}, "joined_at": "2024-03-01T10:00:00.000000+00:00",
		"deaf": false, "mute": false, "flags": 0, "pending": false, "permissions": "2248473465835073"}
}

func interaction(id string, typ int, data map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{
		"id": id, "application_id": AppID, "type": typ, "data": data, "token": Token(id), "version": 1,
		"guild_id": GuildID, "channel_id": ChannelID, "member": member(), "locale": "en-GB", "context": 0,
		"app_permissions": "562949953601536", "entitlements": []any{},
		"channel": map[string]any{"id": ChannelID, "guild_id": GuildID, "type": 0, "name": "style-help"},
	})
	return b
}

// SlashCommand is an INTERACTION_CREATE payload for "/<command> request:<text>" in a guild channel.
func SlashCommand(id, command, text string) []byte {
	return interaction(id, 2, map[string]any{"id": "1200000000000000001", "name": command, "type": 1,
		"options": []map[string]any{{"name": "request", "type": 3, "value": text}}})
}

// FeedbackClick is an INTERACTION_CREATE payload for a click on a feedback button.
func FeedbackClick(id string, helpful bool, ref string) []byte {
	v := "no"
	if helpful {
		v = "yes"
	}
	return interaction(id, 3, map[string]any{"component_type": 2, "custom_id": "stylist_feedback:" + v + ":" + ref})
}

func message(id, channel, guild, content string, mentionBot bool) []byte {
	m := map[string]any{
		"id": id, "channel_id": channel, "type": 0, "content": content, "author": user(), "tts": false,
		"timestamp": "2025-01-01T10:00:00.000000+00:00", "edited_timestamp": nil, "pinned": false, "flags": 0,
		"mention_everyone": false, "mention_roles": []string{}, "mentions": []any{}, "attachments": []any{},
		"embeds": []any{}, "components": []any{},
	}
	if guild != "" {
		m["guild_id"] = guild
		mem := member()
		delete(mem, "user")
		m["member"] = mem
	}
	if mentionBot {
		m["mentions"] = []any{map[string]any{"id": BotID, "username": "stylist", "bot": true, "discriminator": "0000"}}
	}
	b, _ := json.Marshal(m)
	return b
}

// Mention is a MESSAGE_CREATE payload of "<@bot> text" in a guild channel.
func Mention(id, text string) []byte {
	return message(id, ChannelID, GuildID, strings.TrimSpace("<@"+BotID+"> "+text), true)
}

// ThreadMessage is a MESSAGE_CREATE payload in thread (a channel id), mentioning the bot when asked.
func ThreadMessage(id, thread, text string, mentionBot bool) []byte {
	if mentionBot {
		text = "<@" + BotID + "> " + text
	}
	return message(id, thread, GuildID, text, mentionBot)
}

// DirectMessage is a MESSAGE_CREATE payload of a DM to the bot.
func DirectMessage(id, text string) []byte { return message(id, DMID, "", text, false) }
