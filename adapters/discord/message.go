package discordadapter

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/stylistbot/stylist/bot"
)

// threadArchiveMinutes is the auto-archive delay of threads the adapter starts.
const threadArchiveMinutes = 1440

// onEvent receives every gateway dispatch with its raw payload (discordgo runs each
// call on its own goroutine) and routes the two the adapter serves.
func (a *Adapter) onEvent(_ *discordgo.Session, e *discordgo.Event) {
	switch e.Type {
	case "INTERACTION_CREATE":
		a.handleGatewayInteraction(e.RawData)
	case "MESSAGE_CREATE":
		var m discordgo.Message
		if err := json.Unmarshal(e.RawData, &m); err != nil {
			a.log.Warn("bad MESSAGE_CREATE", "err", err)
			return
		}
		a.handleMessage(&m)
	}
}

// handleMessage turns a gateway message into a request: DMs are answered in the DM;
// a mention in a channel starts a thread from the message; a mention inside a thread is
// answered there; messages in a thread the bot started continue that conversation when
// they mention the bot (or always, with the MESSAGE_CONTENT intent).
func (a *Adapter) handleMessage(m *discordgo.Message) {
	h, base, err := a.handler()
	if err != nil {
		return
	}
	botID := a.botUserID()
	if m.Author == nil || m.Author.Bot || m.Author.ID == botID || m.WebhookID != "" ||
		(m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply) {
		return
	}
	text, mentioned := a.stripMention(m, botID)
	if m.GuildID != "" && !mentioned && !a.cfg.MessageContentIntent {
		return // channel chatter, never a request: no key to record
	}
	// A message may become a job whose id is the message id (the request's
	// ID): in replica mode its key is a claim until the core took it, so a
	// replay after a replica died in between is handled by another one.
	// discordgo runs this on its own goroutine: the claim's wait blocks no
	// other event.
	first, handled := a.claimDelivery("message", m.ID)
	if !first {
		return
	}
	defer handled()
	req := bot.Request{
		ID: m.ID, User: m.Author.ID, Text: text,
		NonText: text == "" && (len(m.Attachments) > 0 || len(m.StickerItems) > 0),
	}
	if m.Member != nil {
		req.UserRoles = m.Member.Roles
	}
	ctx, cancel := context.WithTimeout(base, 10*time.Second)
	defer cancel()
	if m.GuildID == "" {
		req.Kind = bot.KindDirect
		req.Conversation = bot.Conversation{Platform: bot.PlatformDiscord, Channel: m.ChannelID}
		cr := &channelReplier{a: a, channel: m.ChannelID}
		a.placeholder(ctx, h, cr, &req)
		h.Handle(base, req, cr.reply)
		return
	}
	ci := a.resolveChannel(ctx, m.ChannelID, nil)
	req.Conversation = conversation(m.GuildID, ci)
	cr := &channelReplier{a: a, channel: m.ChannelID}
	switch {
	case ci.Thread && ci.OwnerID == botID && botID != "" && (mentioned || a.cfg.MessageContentIntent):
		req.Kind = bot.KindFollowUp
	case ci.Thread && mentioned:
		req.Kind = bot.KindMention
	case mentioned:
		req.Kind = bot.KindMention
		th, err := a.messageThread(ctx, m, text, botID)
		if err != nil {
			a.log.Warn("could not start a thread; replying in the channel", "channel", m.ChannelID, "err", err)
			cr.ref = &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID}
			break
		}
		req.Conversation.Thread = th.ID
		cr.channel = th.ID
	default:
		return
	}
	a.placeholder(ctx, h, cr, &req)
	h.Handle(base, req, cr.reply)
}

// codeThreadAlreadyCreated is Discord's error for a second thread started
// from the same message.
const codeThreadAlreadyCreated = 160004

// messageThread starts the thread, named after text, that the answer to the
// channel mention m goes in. When one was already started from m (by a
// replica that handled m before and died), it is that thread: a thread started
// from a message has the message's id.
func (a *Adapter) messageThread(ctx context.Context, m *discordgo.Message, text, botID string) (chanInfo, error) {
	th, err := callValue(ctx, a, "start thread", func(o ...discordgo.RequestOption) (*discordgo.Channel, error) {
		return a.s.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{
			Name: threadName(text), AutoArchiveDuration: threadArchiveMinutes,
		}, o...)
	})
	if APICode(err) == codeThreadAlreadyCreated {
		if ci := a.resolveChannel(ctx, m.ID, nil); ci.Thread {
			return ci, nil
		}
	}
	if err != nil {
		return chanInfo{}, err
	}
	if th == nil {
		return chanInfo{}, errors.New("discord: start thread: no thread returned")
	}
	info := infoFrom(th)
	info.Thread, info.ParentID = true, m.ChannelID
	if info.OwnerID == "" {
		info.OwnerID = botID
	}
	a.channels.put(info)
	return info, nil
}

// stripMention removes the bot's user (and managed-role) mentions from the content and
// reports whether the message mentions the bot.
func (a *Adapter) stripMention(m *discordgo.Message, botID string) (string, bool) {
	mentioned := false
	for _, u := range m.Mentions {
		if u != nil && u.ID == botID && botID != "" {
			mentioned = true
		}
	}
	text := m.Content
	if botID != "" {
		for _, tag := range []string{"<@" + botID + ">", "<@!" + botID + ">"} {
			if strings.Contains(text, tag) {
				mentioned = true
				text = strings.ReplaceAll(text, tag, " ")
			}
		}
	}
	for _, role := range a.botRoles(m.GuildID, m.MentionRoles, botID) {
		mentioned = true
		text = strings.ReplaceAll(text, "<@&"+role+">", " ")
	}
	return bot.NormalizeText(text), mentioned
}

// botRoles returns the mentioned roles that are the bot's own managed role (users who
// type @Stylist sometimes pick the integration role instead of the bot user).
func (a *Adapter) botRoles(guildID string, mentioned []string, botID string) []string {
	if guildID == "" || len(mentioned) == 0 || botID == "" {
		return nil
	}
	for _, st := range a.states() { // the guild is in the state of the shard it is on
		mem, err := st.Member(guildID, botID)
		if err != nil || mem == nil {
			continue
		}
		var out []string
		for _, id := range mentioned {
			if !slices.Contains(mem.Roles, id) {
				continue
			}
			if r, err := st.Role(guildID, id); err == nil && r.Managed {
				out = append(out, id)
			}
		}
		return out
	}
	return nil
}

// threadName names a thread after the request.
func threadName(text string) string {
	if text == "" {
		return "Stylist"
	}
	return truncate("Stylist: "+text, MaxThreadName)
}
