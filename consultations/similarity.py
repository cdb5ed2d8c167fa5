"""How alike two comments are, for finding campaigns: the same text, or the same text lightly
edited, sent by many accounts.

A text is normalised (Unicode NFC, case folded, punctuation and spacing dropped, Arabic
diacritics and tatweel removed, Arabic alef forms unified; Chinese and Japanese characters are
words by themselves, since those scripts write no spaces), cut into overlapping word pairs, and
summed up by a MinHash signature (`datasketch`): the share of equal values in two signatures
estimates the share of word pairs the two texts have in common (Jaccard similarity). Added
sentences, changed words, a signature appended or sentences in another order keep most pairs.

Locality-sensitive hashing finds candidates without comparing every pair: the signature is
cut into BANDS bands of ROWS values; two texts share a band key when a whole band is equal,
which happens often for alike texts and rarely for others (with 32 bands of 4: a 0.6 similar
text shares a key with probability 0.99, a 0.2 similar one 0.05). Only texts sharing a key
are compared."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy
from datasketch import MinHash

NUM_PERM = 128
BANDS, ROWS = 32, 4
SEED = 20170  # fixed: signatures stored in the database stay comparable

# Arabic: the harakat, superscript alef and Quranic marks (U+064B–U+065F, U+0670, U+06D6–U+06ED)
# and the tatweel (U+0640) are dropped; hamzated and madda alefs become the bare alef.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEFS = str.maketrans({"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627"})
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
SCHEME = "affine32"
# Fixed odd 64-bit constants of the band keys (stored in the database: never change them).
_KEY_CONSTANTS = numpy.array(
    [
        0x32C41F17365E0163,
        0x023C62CC6B084599,
        0x1C55663B3BAB3109,
        0x61A8DE2988C9603D,
        0x1607ED7B3E00C4E1,
        0x6D41628CA46E8ACD,
        0x122880962EE01E89,
        0x19E4745987B813F3,
        0x4B3B162E8713ED99,
        0x34E49397EB354033,
        0x28D6BDDEEF3F2FFB,
        0x3192F899103D3343,
        0x2187EA08D8A0EDB3,
        0x6BAEACCCBBC35267,
        0x1521EBD937E7AAF5,
        0x3389FEC2B1C2FA15,
        0x58222ADC0FF2BAED,
        0x6FCFF3977BAC76DF,
        0x1BC20A69D6F5AB2F,
        0x6CFA77DCF047221F,
        0x718D0FBC456C30BD,
        0x7ECFCEB330C54E4D,
        0x7564324CDE3692DB,
        0x73F132141FBD2E7B,
        0x2917C854B5612DA3,
        0x4AD24F118BF82263,
        0x23C256B612A13EAB,
        0x2511B8B637E25F7B,
        0x6CCC26FA17BC0E99,
        0x3B0A36B8C8589A61,
        0x725399B1F8F5E2F9,
        0x3F2F80F7FF7D0137,
        0x64870A7216B4C399,
        0x76BD30B5104EB0FD,
        0x03995A646003478D,
        0x0E299D3B763237AF,
        0x6B643513D4E0D5FD,
    ],
    dtype=numpy.uint64,
)
_ROW_MULTIPLIERS = _KEY_CONSTANTS[:ROWS]
_BAND_OFFSETS = _KEY_CONSTANTS[ROWS : ROWS + BANDS]
_SCOPE_MULTIPLIER = _KEY_CONSTANTS[-1]
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def words(text: str) -> list[str]:
    """The text's words after normalisation (a Chinese character is a word)."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = _ARABIC_MARKS.sub("", text).translate(_ALEFS)
    return _TOKEN.findall(text)


def _int64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True)


@dataclass(frozen=True)
class Print:
    """What is kept of a text to find its likes: its word count, a key equal for texts equal
    after normalisation, its MinHash signature and its band keys (scoped to a provision)."""

    length: int
    exact: int
    signature: numpy.ndarray

    def band_keys(self, scope: int) -> list[int]:
        """One 64-bit key per band, mixing the scope, the band's number and its values: a
        multiply-and-add hash, vectorised (a few microseconds for the 32 bands)."""
        with numpy.errstate(over="ignore"):
            bands = self.signature.reshape(BANDS, ROWS).astype(numpy.uint64)
            mixed = (bands * _ROW_MULTIPLIERS).sum(axis=1, dtype=numpy.uint64)
            mixed += _BAND_OFFSETS + numpy.uint64(scope % 2**64) * _SCOPE_MULTIPLIER
            mixed ^= mixed >> numpy.uint64(29)
            mixed *= _SCOPE_MULTIPLIER
        return mixed.view(numpy.int64).tolist()

    def similarity(self, other: "Print") -> float:
        return float(numpy.count_nonzero(self.signature == other.signature)) / NUM_PERM

    @property
    def signature_bytes(self) -> bytes:
        return self.signature.tobytes()


def text_print(text: str) -> Print:
    tokens = words(text)
    pairs = [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)] or tokens
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch([pair.encode() for pair in pairs])
    return Print(
        length=len(tokens),
        exact=_int64(" ".join(tokens).encode()),
        signature=minhash.hashvalues.astype(numpy.uint32),
    )


def print_from_stored(*, length: int, exact: int, signature: bytes) -> Print:
    return Print(length=length, exact=exact, signature=numpy.frombuffer(bytes(signature), dtype=numpy.uint32))
