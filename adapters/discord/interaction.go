package discordadapter

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/bot"
)

// User-facing texts of answers the adapter gives without the core.
const (
	textUnknownCommand = "I don't know that command."
	textPostFailed     = "Sorry, I couldn't post the answer here."
)

// helpText is the request text sent to the core for the help command.
const helpText = "help"

// inbound is one decoded interaction: the acknowledgement to send and the request for the core.
type inbound struct {
	it        *discordgo.Interaction
	channel   *discordgo.Channel // partial channel object of the payload, may be nil
	resp      *discordgo.InteractionResponse
	req       *bot.Request // nil when the core is not involved
	component bool
	received  time.Time
	decided   chan<- bot.Reply // when set, receives the core's final reply before delivery
}

// decodeInteraction parses an interaction and decides the acknowledgement; it does no I/O.
func (a *Adapter) decodeInteraction(raw []byte) (*inbound, error) {
	var it discordgo.Interaction
	if err := json.Unmarshal(raw, &it); err != nil {
		return nil, fmt.Errorf("discord: decode interaction: %w", err)
	}
	var extra struct {
		Channel *discordgo.Channel `json:"channel"`
	}
	_ = json.Unmarshal(raw, &extra) // optional field; the interaction itself decoded fine
	if err := checkInteraction(&it); err != nil {
		return nil, err
	}
	in := &inbound{it: &it, channel: extra.Channel, received: a.now()}
	user, roles := interactionUser(&it)
	switch it.Type {
	case discordgo.InteractionPing:
		in.resp = &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
	case discordgo.InteractionApplicationCommand:
		data, ok := it.Data.(discordgo.ApplicationCommandInteractionData)
		text, known := a.commandText(data)
		if !ok || !known {
			in.resp = immediate(textUnknownCommand)
			return in, nil
		}
		in.resp = &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
		in.req = &bot.Request{ID: it.ID, Kind: bot.KindSlash, User: user, UserRoles: roles, Text: text}
	case discordgo.InteractionMessageComponent:
		in.component = true
		in.resp = &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
		data, _ := it.Data.(discordgo.MessageComponentInteractionData)
		if helpful, ref, ok := ParseFeedbackCustomID(data.CustomID); ok {
			in.req = &bot.Request{ID: it.ID, Kind: bot.KindFeedback, User: user, UserRoles: roles, Helpful: helpful, ReplyRef: ref}
		}
	case discordgo.InteractionApplicationCommandAutocomplete:
		in.resp = &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}}
	default:
		return nil, fmt.Errorf("discord: unsupported interaction type %d", it.Type)
	}
	return in, nil
}

// checkInteraction rejects an interaction that lacks a field the adapter needs to
// answer it (id, application_id, token; for commands and buttons also the channel
// and the user), before anything is acknowledged: with an empty token or
// application id every reply would go to a malformed webhook URL.
func checkInteraction(it *discordgo.Interaction) error {
	var missing []string
	need := func(name, v string) {
		if strings.TrimSpace(v) == "" {
			missing = append(missing, name)
		}
	}
	need("id", it.ID)
	if it.Type == discordgo.InteractionPing {
		if len(missing) > 0 {
			return fmt.Errorf("discord: interaction without %s", strings.Join(missing, ", "))
		}
		return nil
	}
	need("application_id", it.AppID)
	need("token", it.Token)
	if it.Type == discordgo.InteractionApplicationCommand || it.Type == discordgo.InteractionMessageComponent {
		need("channel_id", it.ChannelID)
		user, _ := interactionUser(it)
		need("user", user)
	}
	if len(missing) > 0 {
		return fmt.Errorf("discord: interaction without %s", strings.Join(missing, ", "))
	}
	return nil
}

// immediate is an ephemeral type-4 response for answers that need no core.
func immediate(text string) *discordgo.InteractionResponse {
	m := Message{Content: text, Ephemeral: true}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: m.responseData()}
}

// commandText returns the request text of our commands; known is false for any other command.
func (a *Adapter) commandText(d discordgo.ApplicationCommandInteractionData) (text string, known bool) {
	switch d.Name {
	case a.cfg.CommandName + helpSuffix:
		return helpText, true
	case a.cfg.CommandName:
		for _, o := range d.Options {
			if o != nil && o.Name == optionRequest {
				s, _ := o.Value.(string)
				return bot.NormalizeText(s), true
			}
		}
		return "", true
	}
	return "", false
}

// interactionUser returns the invoking user id and, in guilds, their role ids.
func interactionUser(it *discordgo.Interaction) (string, []string) {
	if it.Member != nil && it.Member.User != nil {
		return it.Member.User.ID, it.Member.Roles
	}
	if it.User != nil {
		return it.User.ID, nil
	}
	return "", nil
}

// run hands an acknowledged interaction to the core (after resolving its conversation).
func (a *Adapter) run(in *inbound, acked bool) {
	if in.req == nil {
		return
	}
	h, ctx, err := a.handler()
	if err != nil {
		a.log.Warn("interaction before Start; dropped", "id", in.it.ID)
		return
	}
	rp := &interactionReplier{a: a, it: in.it, acked: acked, component: in.component, received: in.received}
	reply := bot.ReplyFunc(rp.reply)
	if in.decided != nil {
		var decided <-chan bot.Reply
		reply, decided = bot.Decided(reply)
		go func() { // the decision matters only until the acknowledgement is due
			t := time.NewTimer(a.cfg.AckTimeout)
			defer t.Stop()
			select {
			case r := <-decided:
				in.decided <- r // buffered
			case <-t.C:
			}
		}()
	}
	req := *in.req
	if in.it.GuildID == "" {
		req.Conversation = bot.Conversation{Platform: bot.PlatformDiscord, Channel: in.it.ChannelID}
	} else {
		req.Conversation = conversation(in.it.GuildID, a.resolveChannel(ctx, in.it.ChannelID, in.channel))
	}
	if !in.component {
		req.ReplyTo = rp.replyTo()
	}
	h.Handle(ctx, req, reply)
}

// handleGatewayInteraction acknowledges an INTERACTION_CREATE over REST within
// AckTimeout, then hands it to the core.
func (a *Adapter) handleGatewayInteraction(raw []byte) {
	in, err := a.decodeInteraction(raw)
	if err != nil {
		a.log.Warn("bad interaction", "err", err)
		return
	}
	if in.it.Type == discordgo.InteractionPing {
		return
	}
	_, base, err := a.handler()
	if err != nil || !a.firstDelivery("interaction", in.it.ID) {
		return
	}
	ctx, cancel := context.WithTimeout(base, a.cfg.AckTimeout)
	err = a.call(ctx, "acknowledge interaction", func(o ...discordgo.RequestOption) error {
		return a.s.InteractionRespond(in.it, in.resp, o...)
	})
	cancel()
	if err != nil {
		a.log.Warn("interaction acknowledgement failed; replies fall back to channel messages",
			"id", in.it.ID, "gone", isInteractionGone(err), "err", err)
	}
	a.run(in, err == nil)
}
