#!/usr/bin/env python3
"""Writes reference.json: token ids and sentence vectors of all-MiniLM-L6-v2 for the sentences
below, computed by Hugging Face transformers (Flax BERT on jax, CPU; no torch), with the mean
pooling and L2 normalisation of sentence-transformers. The Swift port is tested against it.

Usage (in a virtual environment):
    pip install "transformers>=4.40,<5" flax jax numpy
    python3 make-reference.py MODEL_FOLDER > reference.json
MODEL_FOLDER is the folder scripts/setup installs (config.json, vocab.txt, model.safetensors).
"""
import json
import sys

import jax
import numpy as np
import os

from transformers import BertTokenizer, BertTokenizerFast, FlaxBertModel

jax.config.update("jax_platforms", "cpu")

MAX_SEQ_LENGTH = 256  # sentence_bert_config.json of the model

SENTENCES = [
    # growth hypotheses, as squads write them
    "Cutting the signup form to email only will lift registration completion",
    "A one-field registration page should get more visitors to finish creating an account",
    "Sending a streak reminder push notification at 7pm local time will increase D7 retention by 3%",
    "Showing annual pricing first on the pricing page will raise the share of yearly plans",
    "Removing the credit-card requirement from the free trial will increase trial starts for SMB accounts in EMEA",
    # accents, composed and decomposed
    "Café crème brûlée: the naïve résumé of a façade, Ångström and Øresund",
    "e\u0301cole, Mu\u0308nchen and São Paulo users on Android",
    # punctuation and symbols
    "Hello, world! (Really?) It's 50% off -- today only... #growth @team $9.99 <b>&amp;</b>",
    "Users don't re-engage after day-3; A/B test push notifications vs. e-mail [variant B]",
    "https://example.com/pricing?plan=pro&utm_source=email#top",
    # long words: pieces, and one past 100 characters that becomes [UNK]
    "Pneumonoultramicroscopicsilicovolcanoconiosis and supercalifragilisticexpialidocious onboarding",
    "word " + "x" * 101 + " after",
    # case, numbers
    "SHOUTING Headlines And CamelCaseWords like iPhone and OKR-2026-Q3/KR-2",
    "Increase D7 retention from 23.5% to 27% by 2026-Q3 (baseline 0.235, target 0.27)",
    # scripts: CJK ideographs are split one by one; kana, Cyrillic, Greek, Arabic are not
    "新用户注册 flow for 日本のユーザー",
    "Привет мир, Ελληνικά και ΟΔΥΣΣΕΥΣ ΣΑΣ, مرحبا بالعالم",
    # whitespace and control characters, zero-width and format characters, emoji
    "Line one\tTabbed\r\nLine two\x00null\x07bell \u200bzero\u200dwidth \u202eoverride",
    "🚀 Launch the referral program 🎉 with a €10 credit",
    # empty
    "",
    # longer than the 256-token limit: truncated
    " ".join(["Growth squads keep their hypotheses, experiments and key results in one repository,"
              " and every squad reviews the others' work before an experiment starts."] * 14),
]


def main():
    folder = sys.argv[1]
    tokenizer = BertTokenizer(vocab_file=f"{folder}/vocab.txt", do_lower_case=True)
    model = FlaxBertModel.from_pretrained(folder, from_pt=True)
    ids = [tokenizer(s, truncation=True, max_length=MAX_SEQ_LENGTH)["input_ids"] for s in SENTENCES]
    # sentence-transformers uses the fast (Rust) tokenizer; where the folder has its file, both must agree.
    if os.path.exists(f"{folder}/tokenizer.json"):
        fast = BertTokenizerFast(tokenizer_file=f"{folder}/tokenizer.json")
        for s, row in zip(SENTENCES, ids):
            assert fast(s, truncation=True, max_length=MAX_SEQ_LENGTH)["input_ids"] == row, f"tokenizers differ on {s!r}"
    vectors = []
    for row in ids:
        input_ids = np.array([row], dtype=np.int32)
        mask = np.ones_like(input_ids)
        hidden = np.asarray(model(input_ids=input_ids, attention_mask=mask,
                                  token_type_ids=np.zeros_like(input_ids)).last_hidden_state[0], dtype=np.float64)
        pooled = hidden.mean(axis=0)
        vectors.append((pooled / max(np.linalg.norm(pooled), 1e-12)).tolist())
    # The same vectors in one padded batch: the attention mask must make padding irrelevant.
    width = max(len(r) for r in ids)
    batch = np.array([r + [0] * (width - len(r)) for r in ids], dtype=np.int32)
    mask = np.array([[1] * len(r) + [0] * (width - len(r)) for r in ids], dtype=np.int32)
    hidden = np.asarray(model(input_ids=batch, attention_mask=mask,
                              token_type_ids=np.zeros_like(batch)).last_hidden_state, dtype=np.float64)
    for i, r in enumerate(ids):
        pooled = hidden[i, :len(r)].mean(axis=0)
        pooled /= max(np.linalg.norm(pooled), 1e-12)
        assert float(np.dot(pooled, vectors[i])) > 0.99999, f"padding changed sentence {i}"
    # One case a line, so that a change to the reference reads as a diff of the cases it touches.
    head = {"model": "all-MiniLM-L6-v2", "max_seq_length": MAX_SEQ_LENGTH,
            "made_by": "make-reference.py: transformers BertTokenizer + FlaxBertModel (jax, CPU), mean pooling, L2 norm"}
    lines = [json.dumps({"text": s, "ids": r, "vector": [round(x, 7) for x in v]}, ensure_ascii=True)
             for s, r, v in zip(SENTENCES, ids, vectors)]
    sys.stdout.write(json.dumps(head)[:-1] + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n")


if __name__ == "__main__":
    main()
