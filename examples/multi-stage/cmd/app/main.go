package main

import (
	"fmt"
	"os"
)

var version = "dev"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "health" {
		return
	}
	fmt.Println("app", version)
}
