package discordadapter

import "github.com/bwmarrin/discordgo"

// noMentions is attached to every outgoing message and edit so that user or model
// text can never ping @everyone, @here, roles or users.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

func (m Message) embeds() []*discordgo.MessageEmbed {
	if m.Embeds == nil {
		return []*discordgo.MessageEmbed{}
	}
	return m.Embeds
}

func (m Message) components() []discordgo.MessageComponent {
	if m.Components == nil {
		return []discordgo.MessageComponent{}
	}
	return m.Components
}

// send builds a channel message; channel messages cannot be ephemeral.
func (m Message) send(ref *discordgo.MessageReference) *discordgo.MessageSend {
	return &discordgo.MessageSend{
		Content: m.Content, Embeds: m.embeds(), Components: m.components(),
		AllowedMentions: noMentions(), Reference: ref,
	}
}

// edit builds a channel message edit that replaces content, embeds and components.
func (m Message) edit(channelID, messageID string) *discordgo.MessageEdit {
	content, embeds, comps := m.Content, m.embeds(), m.components()
	return &discordgo.MessageEdit{
		ID: messageID, Channel: channelID,
		Content: &content, Embeds: &embeds, Components: &comps, AllowedMentions: noMentions(),
	}
}

// webhookEdit builds an edit of an interaction response.
func (m Message) webhookEdit() *discordgo.WebhookEdit {
	content, embeds, comps := m.Content, m.embeds(), m.components()
	return &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &comps, AllowedMentions: noMentions()}
}

// followup builds an interaction follow-up message, ephemeral when asked.
func (m Message) followup(ephemeral bool) *discordgo.WebhookParams {
	p := &discordgo.WebhookParams{
		Content: m.Content, Embeds: m.embeds(), Components: m.components(), AllowedMentions: noMentions(),
	}
	if ephemeral {
		p.Flags = discordgo.MessageFlagsEphemeral
	}
	return p
}

// responseData builds an immediate interaction response (type 4).
func (m Message) responseData() *discordgo.InteractionResponseData {
	d := &discordgo.InteractionResponseData{
		Content: m.Content, Embeds: m.embeds(), Components: m.components(), AllowedMentions: noMentions(),
	}
	if m.Ephemeral {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return d
}
