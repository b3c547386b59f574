#!/usr/bin/env bash
# Rebuilds the seed corpus of AllParsersFuzzTest (the one fuzz target `mvn verify` fuzzes) from the seeds
# of every parser's own fuzz test: each seed with its harness's index (AllParsersFuzzTest.HARNESSES) in front.
set -euo pipefail
cd "$(dirname "$0")/../src/test/resources/org/jdamon"
out=fuzz/AllParsersFuzzTestInputs/parse
rm -rf "$out" && mkdir -p "$out"
i=0
for dir in fuzz/MasimConfigFuzzTestInputs/load fuzz/KdamondsJsonFuzzTestInputs/read \
    fuzz/JdamonRecordFuzzTestInputs/read fuzz/DamoJsonRecordFuzzTestInputs/read \
    fuzz/DamoJsonCompressedFuzzTestInputs/read fuzz/DamoLegacyRecordFuzzTestInputs/read \
    fuzz/DamoPerfScriptFuzzTestInputs/read fuzz/LackeyTraceFuzzTestInputs/read \
    fuzz/BinaryTraceFuzzTestInputs/read; do
  for f in "$dir"/*; do
    { printf "\\x$(printf %02x "$i")"; cat "$f"; } > "$out/$i-$(basename "$f")"
  done
  i=$((i + 1))
done
# the unit parsers: harness 9, then the parser's index, then the text (CliUnitsFuzzTest.PARSERS)
p=0
for text in 5ms 4K min max 50% "1 m 30 s" 0x7f0000000000 "12.5 %" 1.5GiB 100us; do
  printf "\\x09\\x0$p%s" "$text" > "$out/9-units-$p"
  p=$((p + 1))
done
ls "$out" | wc -l
