#!/usr/bin/env python3
"""Writes Sources/PlaybookEmbedding/MeaningAdapterData.swift from a 384 x 384 float32 matrix (row-major,
little-endian), the linear map `Tests/PlaybookOverlapsTests/Data/train-meaning-adapter.py` learns.

    python3 scripts/write-meaning-adapter.py MATRIX.bin > Sources/PlaybookEmbedding/MeaningAdapterData.swift

Each value is stored as a signed 16-bit integer, value = integer / 8192 (every entry lies within +-4; the
rounding error is at most 0.00006), base64 in lines of 76 characters."""
import base64, sys
import numpy as np

W = np.fromfile(sys.argv[1], dtype='<f4')
assert W.size == 384 * 384 and np.all(np.isfinite(W)) and np.abs(W).max() < 4
q = np.round(W.astype(np.float64) * 8192).astype('<i2')
text = base64.b64encode(q.tobytes()).decode('ascii')
lines = [text[i:i + 76] for i in range(0, len(text), 76)]
print('// Written by scripts/write-meaning-adapter.py; do not edit. The linear map of `MeaningAdapter`:')
print('// 384 x 384 signed 16-bit integers, row-major, little-endian, value = integer / 8192, base64.')
checksum = int(sum(int(v) * (i % 9973 + 1) for i, v in enumerate(q.tolist())))
print('extension MeaningAdapter {')
print('    /// The sum of each integer times (its index modulo 9973) + 1: `MeaningAdapterTests` recomputes it.')
print(f'    static let checksum = {checksum}')
print('    static let encoded = """')
for line in lines:
    print(line)
print('"""')
print('}')
