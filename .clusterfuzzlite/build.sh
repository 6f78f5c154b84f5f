#!/bin/bash -eu
# ClusterFuzzLite builds exactly what OSS-Fuzz builds: one script, oss-fuzz/build.sh.
exec "$SRC/cwasm/oss-fuzz/build.sh"
