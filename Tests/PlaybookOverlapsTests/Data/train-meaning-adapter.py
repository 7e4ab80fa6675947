#!/usr/bin/env python3
"""Learns `MeaningAdapter`'s linear map: a 384 x 384 matrix W near the identity such that, in every
labelled set, each rewording's title-and-change vector (W x, set to unit length) ranks its idea's
above every other text of the set, the idea's own look-alikes left out (the fields tell those apart).

    PLAYBOOK_RECORD_VECTORS=/tmp/rec swift test --filter MeaningAdapterRecording   # the model's vectors
    python3 Tests/PlaybookOverlapsTests/Data/train-meaning-adapter.py /tmp/rec > /tmp/W.bin
    python3 scripts/write-meaning-adapter.py /tmp/W.bin > Sources/PlaybookEmbedding/MeaningAdapterData.swift

Loss: for every duplicate pair (a, b) of a set, both ways, the softmax cross-entropy of the cosine
to the partner against the cosines to every other title-and-change text of the set (temperature
0.05), the idea's look-alikes (its `different` pairs) masked out for both sides; plus 10 x the squared
Frobenius distance of W from the identity. L-BFGS from the identity, 40 iterations. Needs numpy and
scipy. Sets named in the second argument (comma-separated) are left out: the map in the source is
`/tmp/rec fresh16,fresh17,fresh18,fresh19,fresh20` (the source it writes is byte-identical), learned while those were
blind or not yet written; one learned leaving out only `fresh18,fresh19,fresh20` did worse on them and was not kept
(docs/duplicates.md); the temperature, the weight 10 and the
rank (full) were chosen leaving `dupq53` to `dupq57` out (docs/duplicates.md). Prints, on standard
error, how many rewordings are their idea's closest text (look-alikes left out) before and after."""
import csv, glob, json, os, sys
import numpy as np
from scipy.optimize import minimize

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND = set()
TAU, WEIGHT, ITERATIONS = 0.05, 10.0, 40


def labelled_sets(left_out):
    sets = {}
    for path in sorted(glob.glob(os.path.join(HERE, '*-pairs.tsv'))):
        for row in csv.DictReader(open(path, encoding='utf-8'), delimiter='\t', quoting=csv.QUOTE_NONE):
            if row['split'] not in BLIND and row['split'] not in left_out:
                sets.setdefault(row['split'], []).append(row)
    return sets


def build(rows, vectors):
    """A set's distinct title-and-change vectors, its duplicate pairs and its look-alike pairs (as rows of X)."""
    nodes, pairs, lookalikes = {}, [], []
    for row in rows:
        ends = []
        for side in 'ab':
            text = row[f'{side}_title'] + '. ' + row[f'{side}_change']
            if text not in vectors:
                break
            ends.append(nodes.setdefault(text, len(nodes)))
        if len(ends) == 2:
            (pairs if row['label'] == 'duplicate' else lookalikes).append(tuple(ends))
    X = np.array([vectors[t] for t in sorted(nodes, key=nodes.get)], dtype=np.float64)
    masked = np.zeros((len(X), len(X)), bool)
    for a, c in lookalikes:
        masked[a, c] = masked[c, a] = True
        for i, j in pairs:
            if i == a:
                masked[j, c] = masked[c, j] = True
    np.fill_diagonal(masked, True)
    return X, pairs, masked


def loss(w, data, d=384):
    W = w.reshape(d, d)
    total, gradient = 0.0, np.zeros_like(W)
    for X, pairs, masked in data:
        U = X @ W.T
        norms = np.linalg.norm(U, axis=1, keepdims=True)
        Uh = U / norms
        Z = Uh @ Uh.T / TAU
        Z[masked] = -1e9
        Z -= Z.max(1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(1, keepdims=True)
        GS = np.zeros_like(P)
        for i, j in pairs:
            for x, y in ((i, j), (j, i)):
                total -= np.log(P[x, y] + 1e-12)
                GS[x] += P[x] / TAU
                GS[x, y] -= 1 / TAU
        dUh = GS @ Uh + GS.T @ Uh
        dU = (dUh - (dUh * Uh).sum(1, keepdims=True) * Uh) / norms
        gradient += dU.T @ X
    E = W - np.eye(d)
    return total + WEIGHT * (E * E).sum(), (gradient + 2 * WEIGHT * E).ravel()


def closest(W, data):
    found = 0
    for X, pairs, masked in data:
        U = X @ W.T
        U /= np.linalg.norm(U, axis=1, keepdims=True)
        S = U @ U.T
        S[masked] = -9
        found += sum(1 for i, j in pairs if S[i].argmax() == j and S[j].argmax() == i)
    return found


def main():
    prefix = sys.argv[1]
    left_out = set(sys.argv[2].split(',')) if len(sys.argv) > 2 else set()
    texts = json.load(open(prefix + '.json', encoding='utf-8'))
    matrix = np.fromfile(prefix + '.bin', dtype='<f4').reshape(len(texts), 384)
    vectors = dict(zip(texts, matrix))
    data = [x for x in (build(rows, vectors) for rows in labelled_sets(left_out).values()) if x[1]]
    pairs = sum(len(x[1]) for x in data)
    print(f'{len(data)} sets, {pairs} duplicate pairs; mutual closest before: {closest(np.eye(384), data)}', file=sys.stderr)
    result = minimize(loss, np.eye(384).ravel(), args=(data,), jac=True, method='L-BFGS-B', options={'maxiter': ITERATIONS})
    W = result.x.reshape(384, 384)
    print(f'loss {result.fun:.1f}; mutual closest after: {closest(W, data)}', file=sys.stderr)
    sys.stdout.buffer.write(W.astype('<f4').tobytes())


if __name__ == '__main__':
    main()
