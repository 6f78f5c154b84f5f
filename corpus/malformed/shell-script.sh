#!/bin/sh
exec wasmtime run --allow-precompiled app.cwasm "$@"
