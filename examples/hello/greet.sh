#!/bin/sh
# Greets whoever is named, and says which version it is.
echo "hello, ${1:-world} (greet @VERSION@, running as $(id -un))"
