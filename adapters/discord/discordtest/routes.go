package discordtest

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"
)

var api = "/api/v" + discordgo.APIVersion

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET "+api+"/gateway", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, 200, map[string]string{"url": "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/gateway"})
	})
	m.HandleFunc("POST "+api+"/interactions/{id}/{token}/callback", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	m.HandleFunc("PATCH "+api+"/webhooks/{app}/{token}/messages/{msg}", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, 200, s.message(r, ""))
	})
	m.HandleFunc("DELETE "+api+"/webhooks/{app}/{token}/messages/{msg}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	m.HandleFunc("POST "+api+"/webhooks/{app}/{token}", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, 200, s.message(r, ""))
	})
	m.HandleFunc("POST "+api+"/channels/{ch}/messages", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, 200, s.message(r, r.PathValue("ch")))
	})
	m.HandleFunc("PATCH "+api+"/channels/{ch}/messages/{msg}", func(w http.ResponseWriter, r *http.Request) {
		msg := s.message(r, r.PathValue("ch"))
		msg["id"] = r.PathValue("msg")
		WriteJSON(w, 200, msg)
	})
	m.HandleFunc("POST "+api+"/channels/{ch}/messages/{msg}/threads", func(w http.ResponseWriter, r *http.Request) {
		var in discordgo.ThreadStart
		_ = json.NewDecoder(r.Body).Decode(&in)
		s.mu.Lock()
		_, exists := s.channels[r.PathValue("msg")]
		s.mu.Unlock()
		if exists { // a thread started from a message has the message's id
			WriteError(w, 400, 160004, "A thread has already been created for this message")
			return
		}
		th := &discordgo.Channel{
			ID: r.PathValue("msg"), Type: discordgo.ChannelTypeGuildPublicThread, Name: in.Name,
			ParentID: r.PathValue("ch"), OwnerID: BotID,
		}
		s.AddChannel(th)
		WriteJSON(w, 201, th)
	})
	m.HandleFunc("GET "+api+"/channels/{ch}", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		c, ok := s.channels[r.PathValue("ch")]
		s.mu.Unlock()
		if !ok {
			WriteError(w, 404, 10003, "Unknown Channel")
			return
		}
		WriteJSON(w, 200, c)
	})
	m.HandleFunc("POST "+api+"/users/@me/channels", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			RecipientID string `json:"recipient_id"`
		}
		_ = json.NewDecoder(r.Body).Decode(&in)
		WriteJSON(w, 200, &discordgo.Channel{ID: s.newID(), Type: discordgo.ChannelTypeDM,
			Recipients: []*discordgo.User{{ID: in.RecipientID}}})
	})
	list := func(guild string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			WriteJSON(w, 200, nonNil(s.Commands(r.PathValue(guild))))
		}
	}
	upsert := func(guild string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			var c discordgo.ApplicationCommand
			if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
				WriteError(w, 400, 50035, "Invalid Form Body")
				return
			}
			g := r.PathValue(guild)
			c.ID, c.ApplicationID, c.GuildID, c.Version = s.newID(), r.PathValue("app"), g, s.newID()
			cmds := s.Commands(g)
			replaced := false
			for i := range cmds {
				if cmds[i].Name == c.Name {
					c.ID, cmds[i], replaced = cmds[i].ID, &c, true
				}
			}
			if !replaced {
				cmds = append(cmds, &c)
			}
			s.SetCommands(g, cmds)
			WriteJSON(w, 200, &c)
		}
	}
	m.HandleFunc("GET "+api+"/applications/{app}/commands", list("none"))
	m.HandleFunc("POST "+api+"/applications/{app}/commands", upsert("none"))
	m.HandleFunc("GET "+api+"/applications/{app}/guilds/{guild}/commands", list("guild"))
	m.HandleFunc("POST "+api+"/applications/{app}/guilds/{guild}/commands", upsert("guild"))
}

func nonNil(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
	if c == nil {
		return []*discordgo.ApplicationCommand{}
	}
	return c
}

// message echoes a posted message back with a fresh id, as Discord does.
func (s *Server) message(r *http.Request, channel string) map[string]any {
	msg := map[string]any{}
	_ = json.NewDecoder(r.Body).Decode(&msg)
	msg["id"] = s.newID()
	msg["channel_id"] = channel
	msg["author"] = map[string]any{"id": BotID, "username": "stylist", "bot": true}
	msg["timestamp"] = "2025-01-01T00:00:00+00:00"
	delete(msg, "allowed_mentions")
	delete(msg, "sticker_ids")
	return msg
}
