package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newHealthcheckCmd) }

func newHealthcheckCmd(a *app) *cobra.Command {
	var path string
	cmd := &cobra.Command{
		Use:   "healthcheck [--path /healthz]",
		Short: "Exit 0 when the local server answers its health endpoint (for Docker HEALTHCHECK)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.load(cmd); err != nil {
				return err
			}
			addr := a.cfg.Server.Listen
			if strings.HasPrefix(addr, ":") || strings.HasPrefix(addr, "0.0.0.0:") {
				addr = "127.0.0.1:" + addr[strings.LastIndexByte(addr, ':')+1:]
			}
			ctx, cancel := context.WithTimeout(cmd.Context(), 3*time.Second)
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+path, nil)
			if err != nil {
				return err
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("%s: %d %s", path, resp.StatusCode, strings.TrimSpace(string(body)))
			}
			fmt.Fprint(cmd.OutOrStdout(), string(body))
			return nil
		},
	}
	cmd.Flags().StringVar(&path, "path", "/healthz", "endpoint to check (/healthz or /readyz)")
	cmd.Flags().String("listen", "", "server address (default server.listen)")
	a.bind("listen", "server.listen")
	return cmd
}
