// Command stylist is a fashion stylist for Slack and Discord: it indexes a catalog,
// searches it, and answers chat requests with grounded recommendations.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newRootCmd().ExecuteContext(ctx); err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(os.Stderr, "stylist:", err)
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "stylist:", err)
		os.Exit(1)
	}
}

// usageError marks errors caused by how the command was called.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }
