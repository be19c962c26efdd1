package ollamaembed

import (
	"os"
	"testing"

	"github.com/stylistbot/stylist/internal/ollamatest"
)

func TestMain(m *testing.M) { os.Exit(ollamatest.Main(m)) }
